import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { MediaDevice } from '../core/engines/types.js';
import type { CallStore } from '../core/store/call-store.js';
import { controlStyles } from './control-styles.js';
import { langOf, translator, type KeyOf } from './i18n.js';
import { avStrings } from './strings/av.js';
import { devicesStrings } from './strings/devices.js';

const t = translator(avStrings, devicesStrings);
type StringKey = KeyOf<typeof t>;

const KINDS: ReadonlyArray<{ kind: MediaDevice['kind']; type: 'video' | 'audio' | 'speaker'; label: StringKey }> = [
  { kind: 'camera', type: 'video', label: 'lrCamera' },
  { kind: 'microphone', type: 'audio', label: 'lrMicrophone' },
  { kind: 'speaker', type: 'speaker', label: 'lrSpeaker' },
];

/**
 * The device menu of `<call-panel>` during a call: cameras, microphones and speakers
 * (`getCameras` / `getMicrophones` / `getSpeakers`, refreshed on `devicechange`), switched with
 * `switchDevice`. A disclosure: the toggle says whether it is open; Escape or a click outside
 * closes it. Internal part of `<call-panel>`; not a public tag.
 */
export class CallDeviceMenu extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host { display: inline-block; position: relative; }
      .popover { bottom: calc(100% + 8px); right: 0; }
      h2 { margin: 0; font-size: 14px; }
      select { width: 100%; }
    `,
  ];

  @property({ attribute: false }) store?: CallStore;
  /** Whether the camera list is offered (not in an audio call). */
  @property({ type: Boolean, attribute: 'no-camera' }) noCamera = false;

  @state() private open = false;
  @state() private devices?: readonly MediaDevice[];
  /** The device last switched to, per kind (the store does not say which one is in use). */
  @state() private chosen: Partial<Record<MediaDevice['kind'], string>> = {};

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this), key, params);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    navigator.mediaDevices?.addEventListener?.('devicechange', this.#deviceChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.#deviceChange);
    document.removeEventListener('pointerdown', this.#outside, true);
  }

  #deviceChange = (): void => {
    if (this.open || this.devices) void this.#refresh();
  };

  #outside = (event: PointerEvent): void => {
    if (!event.composedPath().includes(this)) this.#setOpen(false, false);
  };

  async #refresh(): Promise<void> {
    const store = this.store;
    if (!store) return;
    try {
      const [cameras, microphones, speakers] = await Promise.all([store.getCameras(), store.getMicrophones(), store.getSpeakers()]);
      this.devices = [...cameras, ...microphones, ...speakers];
    } catch {
      // The store recorded the error (state.error); <call-panel> shows it in words.
      this.devices ??= [];
    }
  }

  #setOpen(open: boolean, focus = true): void {
    if (open === this.open) return;
    this.open = open;
    if (open) {
      void this.#refresh();
      document.addEventListener('pointerdown', this.#outside, true);
      void this.updateComplete.then(() => focus && this.renderRoot.querySelector<HTMLElement>('.popover select, .popover button')?.focus());
    } else {
      document.removeEventListener('pointerdown', this.#outside, true);
      if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('button.toggle')?.focus());
    }
  }

  #keydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.#setOpen(false);
    }
  };

  async #switch(kind: MediaDevice['kind'], type: 'video' | 'audio' | 'speaker', deviceId: string): Promise<void> {
    try {
      await this.store?.switchDevice({ deviceType: type, deviceId });
      this.chosen = { ...this.chosen, [kind]: deviceId };
    } catch {
      // Shown by <call-panel> (state.error); the select goes back to the device in use.
      this.requestUpdate();
    }
  }

  #select(kind: MediaDevice['kind'], type: 'video' | 'audio' | 'speaker', label: StringKey) {
    const list = (this.devices ?? []).filter((d) => d.kind === kind);
    if (list.length === 0) return nothing;
    const current = this.chosen[kind] ?? list[0].deviceId;
    const id = `device-${kind}`;
    return html`<div class="field">
      <label for=${id}>${this.#t(label)}</label>
      <select id=${id} data-kind=${kind} .value=${live(current)} @change=${(e: Event) => this.#switch(kind, type, (e.target as HTMLSelectElement).value)}>
        ${list.map((d, i) => html`<option value=${d.deviceId} ?selected=${d.deviceId === current}>${d.label || this.#t('lrDeviceN', { kind: this.#t(label), n: i + 1 })}</option>`)}
      </select>
    </div>`;
  }

  protected override render() {
    if (!this.store) return nothing;
    const kinds = KINDS.filter((k) => !(this.noCamera && k.kind === 'camera'));
    const none = this.devices !== undefined && !this.devices.some((d) => kinds.some((k) => k.kind === d.kind));
    return html`<div @keydown=${this.#keydown}>
      <button class="toggle" part="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.open ? 'device-panel' : nothing} @click=${() => this.#setOpen(!this.open)}>${this.#t('lrDevices')}</button>
      ${this.open
        ? html`<div id="device-panel" class="popover" part="panel" role="group" aria-labelledby="device-title">
            <h2 id="device-title">${this.#t('lrDevicesTitle')}</h2>
            ${this.devices === undefined ? html`<p class="hint">${this.#t('lrLoading')}</p>` : none ? html`<p class="hint">${this.#t('lrNoDevices')}</p>` : kinds.map(({ kind, type, label }) => this.#select(kind, type, label))}
          </div>`
        : nothing}
    </div>`;
  }
}

/** Registers the part on first use. */
export function defineCallDeviceMenu(): void {
  if (!customElements.get('call-device-menu')) customElements.define('call-device-menu', CallDeviceMenu);
}

declare global {
  interface HTMLElementTagNameMap {
    'call-device-menu': CallDeviceMenu;
  }
}
