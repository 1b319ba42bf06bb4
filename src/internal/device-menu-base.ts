import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { MediaDevice } from '../core/engines/types.js';
import { controlStyles } from './control-styles.js';
import { langOf, translator, type KeyOf } from './i18n.js';
import { avStrings } from './strings/av.js';
import { devicesStrings } from './strings/devices.js';

const t = translator(avStrings, devicesStrings);
export type DeviceMenuKey = KeyOf<typeof t>;

export const DEVICE_KINDS: ReadonlyArray<{ kind: MediaDevice['kind']; label: DeviceMenuKey }> = [
  { kind: 'camera', label: 'lrCamera' },
  { kind: 'microphone', label: 'lrMicrophone' },
  { kind: 'speaker', label: 'lrSpeaker' },
];

/**
 * A device menu: cameras, microphones and speakers (refreshed on `devicechange`), each a select
 * that switches the device. A disclosure: the toggle says whether it is open; Escape or a click
 * outside closes it, and focus goes into it and back to the toggle. The menus of `<live-room>`
 * and `<call-panel>` say where devices come from, how to switch, which kinds to offer and what
 * else the panel holds.
 */
export abstract class DeviceMenuBase extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host { display: inline-block; position: relative; }
      .popover { bottom: calc(100% + 8px); right: 0; }
      h2 { margin: 0; font-size: 14px; }
      select { width: 100%; }
    `,
  ];

  @state() private open = false;
  @state() private devices?: readonly MediaDevice[];
  /** The device last switched to, per kind (the stores do not say which one is in use). */
  @state() private chosen: Partial<Record<MediaDevice['kind'], string>> = {};

  /** The devices, from the store; `undefined` without a store. A failure rejects (the store shows it). */
  protected abstract loadDevices(): Promise<readonly MediaDevice[]> | undefined;
  protected abstract switchDevice(kind: MediaDevice['kind'], deviceId: string): Promise<void> | undefined;
  /** Whether there is anything to control (else nothing renders). */
  protected abstract get ready(): boolean;
  /** The kinds offered. */
  protected kinds(): typeof DEVICE_KINDS {
    return DEVICE_KINDS;
  }
  /** What the panel holds after the device lists. */
  protected extra(): TemplateResult | typeof nothing {
    return nothing;
  }

  protected t(key: DeviceMenuKey, params?: Record<string, string | number>): string {
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
    const loading = this.loadDevices();
    if (!loading) return;
    try {
      this.devices = await loading;
    } catch {
      // The store recorded the error (state.error); the element around shows it in words.
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
      await this.switchDevice(kind, deviceId);
      this.chosen = { ...this.chosen, [kind]: deviceId };
    } catch {
      // Shown by the element around (state.error); the select goes back to the device in use.
      this.requestUpdate();
    }
  }

  #select(kind: MediaDevice['kind'], label: DeviceMenuKey) {
    const list = (this.devices ?? []).filter((d) => d.kind === kind);
    if (list.length === 0) return nothing;
    const current = this.chosen[kind] ?? list[0].deviceId;
    const id = `device-${kind}`;
    return html`<div class="field">
      <label for=${id}>${this.t(label)}</label>
      <select id=${id} data-kind=${kind} .value=${live(current)} @change=${(e: Event) => this.#switch(kind, (e.target as HTMLSelectElement).value)}>
        ${list.map((d, i) => html`<option value=${d.deviceId} ?selected=${d.deviceId === current}>${d.label || this.t('lrDeviceN', { kind: this.t(label), n: i + 1 })}</option>`)}
      </select>
    </div>`;
  }

  protected override render() {
    if (!this.ready) return nothing;
    const kinds = this.kinds();
    const none = this.devices !== undefined && !this.devices.some((d) => kinds.some((k) => k.kind === d.kind));
    return html`<div @keydown=${this.#keydown}>
      <button class="toggle" part="toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.open ? 'device-panel' : nothing} @click=${() => this.#setOpen(!this.open)}>${this.t('lrDevices')}</button>
      ${this.open
        ? html`<div id="device-panel" class="popover" part="panel" role="group" aria-labelledby="device-title">
            <h2 id="device-title">${this.t('lrDevicesTitle')}</h2>
            ${this.devices === undefined ? html`<p class="hint">${this.t('lrLoading')}</p>` : none ? html`<p class="hint">${this.t('lrNoDevices')}</p>` : kinds.map(({ kind, label }) => this.#select(kind, label))}
            ${this.extra()}
          </div>`
        : nothing}
    </div>`;
  }
}
