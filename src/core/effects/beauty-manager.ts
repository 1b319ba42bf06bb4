/**
 * TXBeautyManager over any engine with a processing stage (`setVideoProcessor`): the kit's
 * WebGL beauty (`beauty-processor.ts`). The stage is inserted when the first effect is turned
 * on and removed when the last one is turned off, so with everything at 0 the camera's own
 * track is previewed and published.
 */
import { Serial } from '../serial.js';
import { EventSource } from '../emitter.js';
import type { MediaProcessor } from '../engines/types.js';
import { ErrorCode, LiveError } from '../errors.js';
import { BeautyProcessor, type BeautyProcessorOptions, type FrameStats } from './beauty-processor.js';
import type { BeautyLook, LutImage } from './beauty-renderer.js';
import { LUT_SIZE, sourceSize } from './luts.js';
import type { BeautyFilter, BeautyManager, BeautyManagerEvents, BeautySettings, BeautyStyle } from './types.js';
import { assertFilter, beautyChange, LUT_IMAGE_EXPECTED } from './validate.js';
import { beautyActive, DEFAULT_BEAUTY_SETTINGS } from './beauty-settings.js';

export { beautyActive, DEFAULT_BEAUTY_SETTINGS };

/** Where the manager inserts its stage: an engine, or a `ProcessingStage` of a standalone page. */
export interface VideoProcessorHost {
  setVideoProcessor(processor: MediaProcessor | null): Promise<void>;
}

function isLutImage(value: unknown): value is LutImage {
  return (
    (typeof ImageBitmap !== 'undefined' && value instanceof ImageBitmap) ||
    (typeof HTMLImageElement !== 'undefined' && value instanceof HTMLImageElement) ||
    (typeof HTMLCanvasElement !== 'undefined' && value instanceof HTMLCanvasElement) ||
    (typeof OffscreenCanvas !== 'undefined' && value instanceof OffscreenCanvas)
  );
}

export class LocalBeautyManager extends EventSource<BeautyManagerEvents> implements BeautyManager {
  #host?: VideoProcessorHost;
  #settings: BeautySettings = { ...DEFAULT_BEAUTY_SETTINGS };
  #lut: BeautyLook['lut'] = null;
  #processor: BeautyProcessor;
  /** What the host was given (the stage wrapper), or null. */
  #attached: MediaProcessor | null = null;
  #queue = new Serial();
  #disposed = false;
  #announced = false;

  /** `host` undefined: an engine without a processing stage; setters then reject with ENGINE_UNAVAILABLE. */
  constructor(host: VideoProcessorHost | undefined, options: BeautyProcessorOptions = {}) {
    super();
    this.#host = host;
    this.#processor = new BeautyProcessor(
      () => ({ settings: this.#settings, lut: this.#lut }),
      (error) => this.#failed(error, true),
      options,
    );
  }

  get active(): boolean {
    return this.#attached !== null;
  }

  getSettings(): BeautySettings {
    return { ...this.#settings };
  }

  /** Per-frame figures of the stage (benches, diagnostics). */
  frameStats(): FrameStats {
    return this.#processor.stats();
  }

  resetFrameStats(): void {
    this.#processor.resetStats();
  }

  setBeautyStyle(style: BeautyStyle): Promise<void> {
    return this.#change(() => beautyChange.style(style));
  }

  setBeautyLevel(level: number): Promise<void> {
    return this.#change(() => beautyChange.beauty(level));
  }

  setWhitenessLevel(level: number): Promise<void> {
    return this.#change(() => beautyChange.whiteness(level));
  }

  setRuddyLevel(level: number): Promise<void> {
    return this.#change(() => beautyChange.ruddy(level));
  }

  setSharpnessLevel(level: number): Promise<void> {
    return this.#change(() => beautyChange.sharpness(level));
  }

  setFilterStrength(strength: number): Promise<void> {
    return this.#change(() => beautyChange.filterStrength(strength));
  }

  setFilter(filter: BeautyFilter): Promise<void> {
    return this.#change(() => {
      const checked = assertFilter(filter);
      if (checked === 'none') {
        this.#lut = null;
        return { filter: 'none' };
      }
      if (typeof checked === 'string') {
        this.#lut = checked;
        return { filter: checked };
      }
      if (!isLutImage(filter)) throw new LiveError(ErrorCode.INVALID_ARGUMENT, LUT_IMAGE_EXPECTED);
      const { width, height } = sourceSize(filter);
      if (width !== LUT_SIZE || height !== LUT_SIZE) {
        throw new LiveError(ErrorCode.INVALID_ARGUMENT, `A LUT image must be ${LUT_SIZE}×${LUT_SIZE} (8×8 tiles of a 64-cube); this one is ${width}×${height}${width === 0 ? ' (not loaded yet?)' : ''}.`);
      }
      this.#lut = filter;
      return { filter: 'custom' };
    });
  }

  reset(): Promise<void> {
    return this.#change(() => {
      this.#lut = null;
      return { ...DEFAULT_BEAUTY_SETTINGS };
    });
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const attached = this.#attached;
    this.#attached = null;
    if (attached) void this.#host?.setVideoProcessor(null).catch(() => undefined);
    this.#processor.stop();
    this.clear();
  }

  /** Validates (throwing before anything changes), applies, then inserts or removes the stage. */
  async #change(patch: () => Partial<BeautySettings>): Promise<void> {
    if (this.#disposed) throw new LiveError(ErrorCode.INVALID_STATE, 'This beauty manager was disposed.');
    const lutBefore = this.#lut;
    let next: BeautySettings;
    try {
      next = { ...this.#settings, ...patch() };
    } catch (error) {
      this.#lut = lutBefore;
      throw error;
    }
    if (!this.#host && beautyActive(next)) {
      this.#lut = lutBefore;
      throw new LiveError(ErrorCode.ENGINE_UNAVAILABLE, 'This engine offers no beauty filters.');
    }
    const changed = (Object.keys(next) as Array<keyof BeautySettings>).some((k) => next[k] !== this.#settings[k]) || lutBefore !== this.#lut;
    this.#settings = next;
    if (changed) this.emit('change', { settings: this.getSettings() });
    await this.#sync();
  }

  /** One step at a time: the host gets the stage when something is on, and null when all is off. */
  #sync(): Promise<void> {
    const step = async () => {
      const host = this.#host;
      if (!host || this.#disposed) return;
      const want = beautyActive(this.#settings);
      if (want === (this.#attached !== null)) return;
      if (want) {
        const wrapper = this.#wrap();
        this.#attached = wrapper;
        await host.setVideoProcessor(wrapper);
      } else {
        this.#attached = null;
        await host.setVideoProcessor(null);
      }
      this.#announce();
    };
    return this.#queue.run(step);
  }

  #announce(): void {
    const active = this.#attached !== null;
    if (active === this.#announced) return;
    this.#announced = active;
    this.emit('active', { active });
  }

  /** The processor as the host sees it: a failed start marks the manager inactive (the host falls back to the camera). */
  #wrap(): MediaProcessor {
    const processor = this.#processor;
    const wrapper: MediaProcessor = {
      start: async (input) => {
        try {
          return await processor.start(input);
        } catch (error) {
          // The host reports the error (it falls back to the raw track); here we only take note.
          if (this.#attached === wrapper) this.#failed(undefined, false);
          throw error;
        }
      },
      stop: () => processor.stop(),
    };
    return wrapper;
  }

  /** The stage stopped working: take it out (the camera goes out as is) and say why. */
  #failed(error: LiveError | undefined, detach: boolean): void {
    const was = this.#attached;
    this.#attached = null;
    if (was) {
      if (detach) {
        void this.#queue.run(async () => (this.#host && this.#attached === null ? this.#host.setVideoProcessor(null) : undefined)).catch(() => undefined);
      }
      this.#announce();
    }
    if (error) this.emit('error', { error });
  }
}
