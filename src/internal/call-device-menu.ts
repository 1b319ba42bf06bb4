import { property } from 'lit/decorators.js';
import type { MediaDevice } from '../core/engines/types.js';
import type { CallStore } from '../core/store/call-store.js';
import { DEVICE_KINDS, DeviceMenuBase } from './device-menu-base.js';

const DEVICE_TYPES = { camera: 'video', microphone: 'audio', speaker: 'speaker' } as const;

/**
 * The device menu of `<call-panel>` during a call: cameras, microphones and speakers
 * (`getCameras` / `getMicrophones` / `getSpeakers`) switched with `switchDevice` (see
 * `device-menu-base.ts` for the menu itself). Internal part of `<call-panel>`; not a public tag.
 */
export class CallDeviceMenu extends DeviceMenuBase {
  @property({ attribute: false }) store?: CallStore;
  /** Whether the camera list is offered (not in an audio call). */
  @property({ type: Boolean, attribute: 'no-camera' }) noCamera = false;

  protected get ready(): boolean {
    return !!this.store;
  }

  protected override kinds() {
    return DEVICE_KINDS.filter((k) => !(this.noCamera && k.kind === 'camera'));
  }

  protected async loadDevices(): Promise<readonly MediaDevice[]> {
    const store = this.store;
    if (!store) return [];
    const [cameras, microphones, speakers] = await Promise.all([store.getCameras(), store.getMicrophones(), store.getSpeakers()]);
    return [...cameras, ...microphones, ...speakers];
  }

  protected switchDevice(kind: MediaDevice['kind'], deviceId: string): Promise<void> | undefined {
    return this.store?.switchDevice({ deviceType: DEVICE_TYPES[kind], deviceId });
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
