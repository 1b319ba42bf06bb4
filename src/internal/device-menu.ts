import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { MediaDevice, VideoQuality } from '../core/engines/types.js';
import type { LiveRoomState, LiveRoomStore } from '../core/store/live-room-store.js';
import { controlStyles } from './control-styles.js';
import { langOf, translator, type KeyOf } from './i18n.js';
import { avStrings } from './strings/av.js';
import { devicesStrings } from './strings/devices.js';

const t = translator(avStrings, devicesStrings);
type StringKey = KeyOf<typeof t>;

const KINDS: ReadonlyArray<{ kind: MediaDevice['kind']; label: StringKey }> = [
  { kind: 'camera', label: 'lrCamera' },
  { kind: 'microphone', label: 'lrMicrophone' },
  { kind: 'speaker', label: 'lrSpeaker' },
];
const QUALITIES: readonly VideoQuality[] = ['360p', '480p', '720p', '1080p'];

/**
 * The device menu of `<live-room>` for whoever previews or publishes: cameras, microphones and
 * speakers from `getDevices()` (refreshed on `devicechange`) switched with `switchDevice`, the
 * front / rear camera, mirroring of the local preview and the video quality. A disclosure: the
 * toggle says whether it is open; Escape or a click outside closes it. Internal part of
 * `<live-room>`; not a public tag.
 */
export class LiveDeviceMenu extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host { display: inline-block; position: relative; }
      .popover { bottom: calc(100% + 8px); right: 0; }
      h2 { margin: 0; font-size: 14px; }
      select { width: 100%; }
    `,
  ];

  @property({ attribute: false }) store?: LiveRoomStore;
  @property({ attribute: false }) state?: LiveRoomState;

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
      this.devices = await store.getDevices();
    } catch {
      // The store recorded the error (state.error); <live-room> shows it in words.
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

  async #switch(kind: MediaDevice['kind'], deviceId: string): Promise<void> {
    try {
      await this.store?.switchDevice(kind, deviceId);
      this.chosen = { ...this.chosen, [kind]: deviceId };
    } catch {
      // Shown by <live-room> (state.error); the select goes back to the device in use.
      this.requestUpdate();
    }
  }

  #select(kind: MediaDevice['kind'], label: StringKey) {
    const list = (this.devices ?? []).filter((d) => d.kind === kind);
    if (list.length === 0) return nothing;
    const current = this.chosen[kind] ?? list[0].deviceId;
    const id = `device-${kind}`;
    return html`<div class="field">
      <label for=${id}>${this.#t(label)}</label>
      <select id=${id} data-kind=${kind} .value=${live(current)} @change=${(e: Event) => this.#switch(kind, (e.target as HTMLSelectElement).value)}>
        ${list.map((d, i) => html`<option value=${d.deviceId} ?selected=${d.deviceId === current}>${d.label || this.#t('lrDeviceN', { kind: this.#t(label), n: i + 1 })}</option>`)}
      </select>
    </div>`;
  }

  protected override render() {
    const s = this.state;
    const store = this.store;
    if (!s || !store) return nothing;
    const none = this.devices !== undefined && this.devices.length === 0;
    return html`<div @keydown=${this.#keydown}>
      <button class="toggle" part="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.open ? 'device-panel' : nothing} @click=${() => this.#setOpen(!this.open)}>${this.#t('lrDevices')}</button>
      ${this.open
        ? html`<div id="device-panel" class="popover" part="panel" role="group" aria-labelledby="device-title">
            <h2 id="device-title">${this.#t('lrDevicesTitle')}</h2>
            ${this.devices === undefined ? html`<p class="hint">${this.#t('lrLoading')}</p>` : none ? html`<p class="hint">${this.#t('lrNoDevices')}</p>` : KINDS.map(({ kind, label }) => this.#select(kind, label))}
            <div class="row">
              <button class="small" part="switch-camera" @click=${() => store.switchCamera(!s.frontCamera).catch(() => undefined)}>${this.#t('lrSwitchCamera')}</button>
            </div>
            <label class="check"><input type="checkbox" part="mirror" .checked=${live(s.mirror)} @change=${(e: Event) => store.setMirror((e.target as HTMLInputElement).checked)} />${this.#t('lrMirror')}</label>
            <div class="field">
              <label for="quality">${this.#t('lrQuality')}</label>
              <select id="quality" part="quality" .value=${live(s.videoQuality)} @change=${(e: Event) => store.setVideoQuality((e.target as HTMLSelectElement).value as VideoQuality).catch(() => undefined)}>
                ${QUALITIES.map((q) => html`<option value=${q} ?selected=${q === s.videoQuality}>${q}</option>`)}
              </select>
            </div>
          </div>`
        : nothing}
    </div>`;
  }
}

/** Registers the part on first use. */
export function defineDeviceMenu(): void {
  if (!customElements.get('live-device-menu')) customElements.define('live-device-menu', LiveDeviceMenu);
}

declare global {
  interface HTMLElementTagNameMap {
    'live-device-menu': LiveDeviceMenu;
  }
}
