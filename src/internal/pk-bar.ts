import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { langOf, translator } from './i18n.js';
import { pkStrings } from './strings/pk.js';

const t = translator(pkStrings);

/**
 * The PK score bar: this room's score against the other room's, as two bars whose widths are
 * proportional to the scores (half and half at 0 : 0), with the names and numbers as text.
 * Internal part of `<live-room>`; not a public tag.
 */
export class LivePkBar extends LitElement {
  static override styles = css`
    :host { display: block; font-size: 12px; color: #fff; }
    .base { display: grid; gap: 3px; padding: 6px 8px; border-radius: 10px; background: rgb(0 0 0 / 55%); }
    .labels { display: flex; justify-content: space-between; gap: 8px; }
    .side { display: flex; gap: 6px; min-width: 0; align-items: baseline; }
    .side.away-side { flex-direction: row-reverse; }
    .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .score { font-weight: 700; font-variant-numeric: tabular-nums; }
    .vs { font-weight: 800; letter-spacing: 0.05em; }
    .bar { display: flex; height: 8px; border-radius: 999px; overflow: hidden; background: rgb(255 255 255 / 20%); }
    .bar span { transition: flex-basis 0.4s ease; }
    .home { background: var(--live-pk-home, #e5484d); }
    .away { background: var(--live-pk-away, #3e63dd); }
    @media (prefers-reduced-motion: reduce) { .bar span { transition: none; } }
  `;

  @property({ attribute: false }) home = { name: '', score: 0 };
  @property({ attribute: false }) away = { name: '', score: 0 };

  /** This room's share of the total, in percent (50 when both are 0). */
  get homeShare(): number {
    const total = this.home.score + this.away.score;
    return total > 0 ? (this.home.score / total) * 100 : 50;
  }

  protected override render() {
    const share = this.homeShare;
    const lang = langOf(this);
    return html`<div class="base" part="base" role="group" aria-label=${t(lang, 'lrPkScore')}>
      <div class="labels">
        <span class="side home-side"><span class="name" part="home-name">${this.home.name}</span><span class="score" part="home-score">${this.home.score}</span></span>
        <span class="vs" aria-hidden="true">${t(lang, 'lrPk')}</span>
        <span class="side away-side"><span class="name" part="away-name">${this.away.name}</span><span class="score" part="away-score">${this.away.score}</span></span>
      </div>
      <div class="bar" aria-hidden="true">
        <span class="home" part="home-bar" style=${`flex: 0 0 ${share.toFixed(2)}%`}></span>
        <span class="away" part="away-bar" style=${`flex: 1 1 auto`}></span>
      </div>
    </div>`;
  }
}

/** Registers the part on first use. */
export function definePkBar(): void {
  if (!customElements.get('live-pk-bar')) customElements.define('live-pk-bar', LivePkBar);
}

declare global {
  interface HTMLElementTagNameMap {
    'live-pk-bar': LivePkBar;
  }
}
