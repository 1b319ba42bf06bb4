import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { langOf } from '../../internal/strings.js';
import { panelStyles } from '../../internal/panel-styles.js';

export interface Gift {
  id: string;
  name: string;
  price: number;
  icon?: string;
}

export interface GiftSendDetail {
  gift: Gift;
  count: number;
}

/**
 * A gift catalog given as data. Choosing a gift fires a cancelable `gift-send`.
 *
 * @summary Gift catalog (first cut; billing, combos, banners and effects follow).
 * @tag gift-panel
 *
 * @event gift-send - A gift was chosen. Cancelable. `detail: { gift, count }`.
 *
 * @csspart base - The panel.
 * @csspart list - The catalog.
 * @csspart gift - One gift button.
 */
export class GiftPanel extends LitElement {
  static override styles = panelStyles;

  /** The catalog. */
  @property({ attribute: false }) gifts: Gift[] = [];

  #choose(gift: Gift): void {
    this.dispatchEvent(new CustomEvent<GiftSendDetail>('gift-send', { detail: { gift, count: 1 }, bubbles: true, composed: true, cancelable: true }));
  }

  protected override render() {
    const zh = langOf(this).toLowerCase().startsWith('zh');
    return html`<section part="base" class="base">
      <h2>${zh ? '礼物' : 'Gifts'}</h2>
      <ul part="list">
        ${this.gifts.map((g) => html`<li><button part="gift" @click=${() => this.#choose(g)}>${g.name} · ${g.price}</button></li>`)}
      </ul>
    </section>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gift-send': CustomEvent<GiftSendDetail>;
  }
}
