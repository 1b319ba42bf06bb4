import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { BeautyManager, BeautySettings, BeautyStyle, BuiltInFilter } from '../core/effects/types.js';
import { toLiveError } from '../core/errors.js';
import { beautyPanelStyles } from './beauty-panel.styles.js';
import { controlStyles } from './control-styles.js';
import { errorText, langOf, translator, type KeyOf } from './i18n.js';
import { beautyStrings } from './strings/beauty-panel.js';

const t = translator(beautyStrings);
type StringKey = KeyOf<typeof t>;

type LevelKey = 'beauty' | 'whiteness' | 'ruddy' | 'sharpness';

const LEVELS: ReadonlyArray<{ key: LevelKey; label: StringKey; set: (m: BeautyManager, v: number) => Promise<void> }> = [
  { key: 'beauty', label: 'bxSmoothing', set: (m, v) => m.setBeautyLevel(v) },
  { key: 'whiteness', label: 'bxWhiteness', set: (m, v) => m.setWhitenessLevel(v) },
  { key: 'ruddy', label: 'bxRuddy', set: (m, v) => m.setRuddyLevel(v) },
  { key: 'sharpness', label: 'bxSharpness', set: (m, v) => m.setSharpnessLevel(v) },
];
const STYLES: ReadonlyArray<{ style: BeautyStyle; label: StringKey }> = [
  { style: 0, label: 'bxStyleSmooth' },
  { style: 1, label: 'bxStyleNatural' },
  { style: 2, label: 'bxStyleHazy' },
];
const FILTERS: ReadonlyArray<{ filter: 'none' | BuiltInFilter; label: StringKey }> = [
  { filter: 'none', label: 'bxFilterNone' },
  { filter: 'warm', label: 'bxFilterWarm' },
  { filter: 'cool', label: 'bxFilterCool' },
  { filter: 'mono', label: 'bxFilterMono' },
  { filter: 'vintage', label: 'bxFilterVintage' },
];

/**
 * Beauty settings for whoever previews or publishes: style (smooth / natural / hazy),
 * smoothing, brightening, rosy and sharpness (0–9), a colour filter and its strength, with a
 * live preview of the local stream (which is what viewers receive). Native range inputs,
 * radios and a select: labelled and keyboard operable (arrows, Home / End, Page Up / Down).
 *
 * On its own: give it `.manager` (a `BeautyManager`, e.g. `store.getBeautyManager()`) and
 * optionally `.stream` for the preview. In `<live-room>` it is a disclosure (`toggle`): a
 * "Beauty" button opening the panel as a popover; Escape or a click outside closes it.
 * Internal part; not a public tag.
 *
 * @csspart toggle - The Beauty button (`toggle` mode).
 * @csspart panel - The panel.
 * @csspart preview - The preview `<video>`.
 * @csspart reset - The Reset button.
 */
export class LiveBeautyPanel extends LitElement {
  static override styles = [controlStyles, beautyPanelStyles];

  @property({ attribute: false }) manager?: BeautyManager;
  /** The local stream to preview (processed while effects are on). */
  @property({ attribute: false }) stream?: MediaStream;
  /** Render as a "Beauty" button that opens the panel as a popover. */
  @property({ type: Boolean, reflect: true }) toggle = false;
  /** Whether the popover is open (`toggle` mode). */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Mirror the preview (as the room's local tile). */
  @property({ type: Boolean }) mirror = false;

  @state() private settings?: BeautySettings;
  @state() private active = false;
  @state() private error?: { code: number; message: string };

  #bound?: BeautyManager;
  #off: Array<() => void> = [];

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this), key, params);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#bind(undefined);
    document.removeEventListener('pointerdown', this.#outside, true);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.manager) this.#bind(this.manager);
    if (this.open && this.toggle) document.addEventListener('pointerdown', this.#outside, true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('manager')) this.#bind(this.manager);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const video = this.renderRoot.querySelector<HTMLVideoElement>('video[part~="preview"]');
    if (video && (changed.has('stream') || changed.has('open') || video.srcObject !== (this.stream ?? null))) {
      if (video.srcObject !== (this.stream ?? null)) video.srcObject = this.stream ?? null;
      if (this.stream) void video.play().catch(() => undefined);
    }
  }

  #bind(manager: BeautyManager | undefined): void {
    if (manager === this.#bound) return;
    for (const off of this.#off) off();
    this.#off = [];
    this.#bound = manager;
    this.settings = manager?.getSettings();
    this.active = manager?.active ?? false;
    if (!manager) return;
    this.#off.push(
      manager.on('change', ({ settings }) => (this.settings = settings)),
      manager.on('active', ({ active }) => (this.active = active)),
      manager.on('error', ({ error }) => (this.error = { code: error.code, message: error.message })),
    );
  }

  async #apply(action: (m: BeautyManager) => Promise<void>): Promise<void> {
    const manager = this.manager;
    if (!manager) return;
    try {
      await action(manager);
      this.error = undefined;
    } catch (error) {
      const e = toLiveError(error);
      this.error = { code: e.code, message: e.message };
      this.settings = manager.getSettings();
    }
  }

  #setOpen(open: boolean, focus = true): void {
    if (open === this.open) return;
    this.open = open;
    if (open) {
      document.addEventListener('pointerdown', this.#outside, true);
      if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.panel input:checked, .panel input, .panel select')?.focus());
    } else {
      document.removeEventListener('pointerdown', this.#outside, true);
      if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('button.toggle')?.focus());
    }
  }

  #outside = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this)) this.#setOpen(false, false);
  };

  #keydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.toggle && this.open) {
      event.stopPropagation();
      this.#setOpen(false);
    }
  };

  #levelText(value: number): string {
    return value === 0 ? this.#t('bxOff') : this.#t('bxLevel', { n: value });
  }

  #renderLevel(s: BeautySettings, level: (typeof LEVELS)[number]) {
    const id = `bx-${level.key}`;
    const value = s[level.key];
    return html`<div class="slider">
      <label for=${id}>${this.#t(level.label)}</label>
      <output for=${id} aria-hidden="true">${this.#levelText(value)}</output>
      <input
        id=${id}
        type="range"
        part=${`level ${level.key}`}
        min="0"
        max="9"
        step="1"
        .value=${live(String(value))}
        aria-valuetext=${this.#levelText(value)}
        @input=${(e: Event) => this.#apply((m) => level.set(m, Number((e.target as HTMLInputElement).value)))}
      />
    </div>`;
  }

  #renderPanel() {
    const s = this.settings;
    if (!this.manager || !s) {
      return html`<div class="panel" part="panel" role="group" aria-label=${this.#t('bxTitle')}><p class="status">${this.#t('bxUnavailable')}</p></div>`;
    }
    const percent = Math.round(s.filterStrength * 100);
    const filterName = s.filter === 'custom' ? 'custom' : s.filter;
    return html`<div id="beauty-panel" class="panel" part="panel" role="group" aria-labelledby="bx-title" @keydown=${this.#keydown}>
      <header>
        <h2 id="bx-title">${this.#t('bxTitle')}</h2>
        ${this.toggle ? html`<button class="small" part="close" @click=${() => this.#setOpen(false)}>${this.#t('bxClose')}</button>` : nothing}
      </header>
      ${this.stream ? html`<video part="preview" class=${this.mirror ? 'mirror' : ''} muted playsinline autoplay aria-label=${this.#t('bxPreview')}></video>` : nothing}
      <p class="status" role="status">${this.active ? this.#t('bxActive') : this.#t('bxInactive')}</p>
      <fieldset>
        <legend>${this.#t('bxStyle')}</legend>
        <div class="styles">
          ${STYLES.map(
            ({ style, label }) => html`<label
              ><input type="radio" name="bx-style" part="style" .value=${String(style)} .checked=${live(s.style === style)} @change=${() => this.#apply((m) => m.setBeautyStyle(style))} />${this.#t(label)}</label
            >`,
          )}
        </div>
      </fieldset>
      ${LEVELS.map((level) => this.#renderLevel(s, level))}
      <div class="field">
        <label for="bx-filter">${this.#t('bxFilter')}</label>
        <select id="bx-filter" part="filter" .value=${live(filterName)} @change=${(e: Event) => this.#apply((m) => m.setFilter((e.target as HTMLSelectElement).value as 'none' | BuiltInFilter))}>
          ${FILTERS.map(({ filter, label }) => html`<option value=${filter} ?selected=${filter === filterName}>${this.#t(label)}</option>`)}
          ${s.filter === 'custom' ? html`<option value="custom" disabled selected>${this.#t('bxFilterCustom')}</option>` : nothing}
        </select>
      </div>
      <div class="slider">
        <label for="bx-strength">${this.#t('bxFilterStrength')}</label>
        <output for="bx-strength" aria-hidden="true">${this.#t('bxPercent', { n: percent })}</output>
        <input
          id="bx-strength"
          type="range"
          part="strength"
          min="0"
          max="100"
          step="5"
          ?disabled=${s.filter === 'none'}
          .value=${live(String(percent))}
          aria-valuetext=${this.#t('bxPercent', { n: percent })}
          @input=${(e: Event) => this.#apply((m) => m.setFilterStrength(Number((e.target as HTMLInputElement).value) / 100))}
        />
      </div>
      ${this.error ? html`<p class="alert" role="alert">${errorText(langOf(this), this.error)}</p>` : nothing}
      <div class="actions">
        <button class="small" part="reset" @click=${() => this.#apply((m) => m.reset())}>${this.#t('bxReset')}</button>
      </div>
    </div>`;
  }

  protected override render() {
    if (!this.toggle) return this.#renderPanel();
    return html`<div @keydown=${this.#keydown}>
      <button class="toggle" part="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.open ? 'beauty-panel' : nothing} @click=${() => this.#setOpen(!this.open)}>${this.#t('bxBeauty')}</button>
      ${this.open ? this.#renderPanel() : nothing}
    </div>`;
  }
}

/** Registers the part on first use. */
export function defineBeautyPanel(): void {
  if (!customElements.get('live-beauty-panel')) customElements.define('live-beauty-panel', LiveBeautyPanel);
}

declare global {
  interface HTMLElementTagNameMap {
    'live-beauty-panel': LiveBeautyPanel;
  }
}
