import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { MediaDevice, VideoQuality } from '../core/engines/types.js';
import type { LiveRoomState, LiveRoomStore } from '../core/store/live-room-store.js';
import { DeviceMenuBase } from './device-menu-base.js';

const QUALITIES: readonly VideoQuality[] = ['360p', '480p', '720p', '1080p'];

/**
 * The device menu of `<live-room>` for whoever previews or publishes: cameras, microphones and
 * speakers from `getDevices()` switched with `switchDevice`, the front / rear camera, mirroring
 * of the local preview and the video quality (see `device-menu-base.ts` for the menu itself).
 * Internal part of `<live-room>`; not a public tag.
 */
export class LiveDeviceMenu extends DeviceMenuBase {
  @property({ attribute: false }) store?: LiveRoomStore;
  @property({ attribute: false }) state?: LiveRoomState;

  protected get ready(): boolean {
    return !!this.store && !!this.state;
  }

  protected loadDevices(): Promise<readonly MediaDevice[]> | undefined {
    return this.store?.getDevices();
  }

  protected switchDevice(kind: MediaDevice['kind'], deviceId: string): Promise<void> | undefined {
    return this.store?.switchDevice(kind, deviceId);
  }

  protected override extra() {
    const s = this.state!;
    const store = this.store!;
    return html`<div class="row">
        <button class="small" part="switch-camera" @click=${() => store.switchCamera(!s.frontCamera).catch(() => undefined)}>${this.t('lrSwitchCamera')}</button>
      </div>
      <label class="check"><input type="checkbox" part="mirror" .checked=${live(s.mirror)} @change=${(e: Event) => store.setMirror((e.target as HTMLInputElement).checked)} />${this.t('lrMirror')}</label>
      <div class="field">
        <label for="quality">${this.t('lrQuality')}</label>
        <select id="quality" part="quality" .value=${live(s.videoQuality)} @change=${(e: Event) => store.setVideoQuality((e.target as HTMLSelectElement).value as VideoQuality).catch(() => undefined)}>
          ${QUALITIES.map((q) => html`<option value=${q} ?selected=${q === s.videoQuality}>${q}</option>`)}
        </select>
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
