/**
 * TXBeautyManager on the Tencent engine: TRTC's BasicBeauty plugin
 * (`trtc-sdk-v5/plugins/video-effect/basic-beauty`, given to `TRTC.create` with the SDK).
 *
 * Mapping (kit level 0–9 → plugin value 0–1, `level / 9`):
 * - `setBeautyLevel` → `beauty` (smoothing), `setWhitenessLevel` → `brightness`,
 *   `setRuddyLevel` → `ruddy`;
 * - the first level above 0 starts the plugin (`startPlugin('BasicBeauty', { beauty, brightness,
 *   ruddy })`, all three given: the plugin's own default is 0.5), later changes update it
 *   (`updatePlugin`), and all levels back at 0 stop it (`stopPlugin`): nothing runs unused;
 * - the plugin works on TRTC's local video, so it runs only while the camera is on. Settings made
 *   before the camera starts are kept and applied when it starts (a failure then is an `error`
 *   event); the plugin is stopped before the camera closes and started again when it reopens.
 *   Leaving the room does not touch it (the camera may stay on as a preview).
 *
 * Limits (BasicBeauty has three parameters and nothing else):
 * - sharpening, colour filters (built-in looks or LUT images) and the styles natural (1) and
 *   hazy (2) are refused with ENGINE_UNAVAILABLE (61012), in words, changing nothing; their "off"
 *   values (sharpness 0, filter `'none'`, style 0) are accepted, so `reset()` and generic UIs work;
 * - `setFilterStrength` is validated and kept (it is reported by `getSettings()`), but has no
 *   effect since no filter can be set.
 *
 * A setter resolves once the plugin runs with the new values (or, with the camera off, once they
 * are kept); if the plugin refuses, it rejects with the SDK's error mapped to a LiveError, and the
 * settings stay as they were.
 */
import type { BasicBeautyOptions } from 'trtc-sdk-v5';
import { DEFAULT_BEAUTY_SETTINGS } from '../../effects/beauty-settings.js';
import type { BeautyFilter, BeautyManager, BeautyManagerEvents, BeautySettings, BeautyStyle } from '../../effects/types.js';
import { assertFilter, beautyChange } from '../../effects/validate.js';
import { TencentEffectsManager, unsupported, type TencentEffectsHost } from './effects-host.js';
import { Serial } from '../../serial.js';
import type { TrtcClient } from './sdk.js';

/** The kit's 0–9 levels as BasicBeauty's 0–1 options. */
export function basicBeautyOptions(s: Pick<BeautySettings, 'beauty' | 'whiteness' | 'ruddy'>): Required<BasicBeautyOptions> {
  return { beauty: s.beauty / 9, brightness: s.whiteness / 9, ruddy: s.ruddy / 9 };
}

const isOn = (o: Required<BasicBeautyOptions>) => o.beauty > 0 || o.brightness > 0 || o.ruddy > 0;
const sameOptions = (a: Required<BasicBeautyOptions>, b: Required<BasicBeautyOptions>) => a.beauty === b.beauty && a.brightness === b.brightness && a.ruddy === b.ruddy;

export class TencentBeautyManager extends TencentEffectsManager<BeautyManagerEvents> implements BeautyManager {
  #settings: BeautySettings = { ...DEFAULT_BEAUTY_SETTINGS };
  /** The plugin as started on a client, with the options it runs with; undefined: not running. */
  #running?: { client: TrtcClient; options: Required<BasicBeautyOptions> };
  #serial = new Serial();

  constructor(host: TencentEffectsHost) {
    super(host, 'beauty manager');
  }

  /** Whether the BasicBeauty plugin runs now. */
  get active(): boolean {
    return this.#running !== undefined;
  }

  getSettings(): BeautySettings {
    return { ...this.#settings };
  }

  /** Style 0 (smooth) only: BasicBeauty has one smoothing algorithm. */
  setBeautyStyle(style: BeautyStyle): Promise<void> {
    return this.#change(() => {
      const change = beautyChange.style(style);
      if (change.style !== 0) throw unsupported('the natural and hazy beauty styles (TRTC BasicBeauty has one smoothing style, 0)');
      return change;
    });
  }

  /** Smoothing → BasicBeauty `beauty`. */
  setBeautyLevel(level: number): Promise<void> {
    return this.#change(() => beautyChange.beauty(level));
  }

  /** Brightening → BasicBeauty `brightness`. */
  setWhitenessLevel(level: number): Promise<void> {
    return this.#change(() => beautyChange.whiteness(level));
  }

  /** Rosy tint → BasicBeauty `ruddy`. */
  setRuddyLevel(level: number): Promise<void> {
    return this.#change(() => beautyChange.ruddy(level));
  }

  /** 0 only: BasicBeauty does not sharpen. */
  setSharpnessLevel(level: number): Promise<void> {
    return this.#change(() => {
      const change = beautyChange.sharpness(level);
      if (change.sharpness !== 0) throw unsupported('sharpening (TRTC BasicBeauty has smoothing, brightening and rosy only)');
      return change;
    });
  }

  /** `'none'` only: BasicBeauty has no colour filters. */
  setFilter(filter: BeautyFilter): Promise<void> {
    return this.#change(() => {
      if (assertFilter(filter) === 'none') return { filter: 'none' };
      throw unsupported('colour filters (TRTC BasicBeauty has smoothing, brightening and rosy only)');
    });
  }

  /** Kept and reported, without effect (no filter can be set on this engine). */
  setFilterStrength(strength: number): Promise<void> {
    return this.#change(() => beautyChange.filterStrength(strength));
  }

  reset(): Promise<void> {
    return this.#change(() => ({ ...DEFAULT_BEAUTY_SETTINGS }));
  }

  dispose(): void {
    if (!this.retire()) return;
    const running = this.#running;
    this.#running = undefined;
    if (running) void running.client.stopPlugin('BasicBeauty').catch(() => undefined);
    this.clear();
  }

  /* ───────────── engine hooks ───────────── */

  cameraStarted(): Promise<void> {
    return this.settle(this.#serial, () => this.#apply(this.#settings));
  }

  cameraStopping(): Promise<void> {
    return this.settle(this.#serial, async () => {
      const running = this.#running;
      this.#running = undefined;
      // The camera is going away: a plugin that will not stop cleanly goes with it.
      if (running) await this.host.call(running.client.stopPlugin('BasicBeauty'), 'stopping the beauty filter').catch(() => undefined);
    });
  }

  clientLost(): void {
    this.#running = undefined;
    this.announce();
  }

  /* ───────────── internals ───────────── */

  /** Validates at once (throwing before anything changes), then applies in turn and commits. */
  async #change(patch: () => Partial<BeautySettings>): Promise<void> {
    this.usable();
    const changes = patch();
    await this.#serial.run(async () => {
      this.usable();
      const next = { ...this.#settings, ...changes };
      await this.#apply(next);
      const changed = (Object.keys(next) as Array<keyof BeautySettings>).some((k) => next[k] !== this.#settings[k]);
      this.#settings = next;
      if (changed) this.emit('change', { settings: this.getSettings() });
      this.announce();
    });
  }

  /** Brings the plugin in line with `settings`: started, updated or stopped. Throws a LiveError. */
  async #apply(settings: BeautySettings): Promise<void> {
    const options = basicBeautyOptions(settings);
    const running = this.#running;
    if (!isOn(options) || !this.host.cameraOn) {
      if (!running) return;
      await this.host.call(running.client.stopPlugin('BasicBeauty'), 'stopping the beauty filter');
      this.#running = undefined;
      return;
    }
    if (running) {
      if (sameOptions(running.options, options)) return;
      await this.host.call(running.client.updatePlugin('BasicBeauty', options), 'changing the beauty filter');
      running.options = options;
      return;
    }
    const client = await this.host.client();
    await this.host.usePlugin(client, 'BasicBeauty');
    await this.host.call(client.startPlugin('BasicBeauty', options), 'starting the beauty filter (TRTC BasicBeauty)');
    this.#running = { client, options };
  }
}
