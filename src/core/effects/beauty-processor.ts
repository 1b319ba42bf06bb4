/**
 * The beauty stage as a `MediaProcessor`: camera track in, processed track out.
 *
 * Two pipelines:
 * - `insertable` (Chromium): `MediaStreamTrackProcessor` yields each camera `VideoFrame`, it is
 *   processed, and the result (same timestamp) goes to a `MediaStreamTrackGenerator`. Paced by
 *   the camera; a slow frame makes the processor drop older ones rather than queue them.
 * - `element` (elsewhere): a hidden `<video>` plays the camera, `requestVideoFrameCallback`
 *   processes each new frame onto a `<canvas>`, and `canvas.captureStream(0)` +
 *   `requestFrame()` publishes it.
 *
 * Two renderers, same look: `webgl` (`beauty-renderer.ts`: one fragment-shader pass; the
 * default on real GPUs) and `cpu` (`beauty-cpu.ts`: on the camera's YUV planes; chosen where
 * WebGL is a software rasterizer or missing, since emulated shaders cost 40–350 ms a frame).
 */
import type { MediaProcessor } from '../engines/types.js';
import { ErrorCode, LiveError, toLiveError } from '../errors.js';
import { CpuBeautyRenderer } from './beauty-cpu.js';
import { BeautyRenderer, webglAvailable, webglIsSoftware, type BeautyLook } from './beauty-renderer.js';

export type BeautyPipeline = 'auto' | 'insertable' | 'element';
export type BeautyRendererKind = 'auto' | 'webgl' | 'cpu';

export interface BeautyProcessorOptions {
  /** Default `auto`: insertable streams where the browser has them. */
  pipeline?: BeautyPipeline;
  /** Default `auto`: WebGL on a hardware GPU, else the CPU renderer. */
  renderer?: BeautyRendererKind;
}

/** Per-frame figures of the stage (for benches and diagnostics). */
export interface FrameStats {
  pipeline: 'insertable' | 'element' | 'none';
  renderer: 'webgl' | 'cpu' | 'none';
  /** Frames processed since start (or the last reset). */
  frames: number;
  /** Camera frames seen since start (or the last reset); more than `frames` when some were dropped. */
  framesIn: number;
  /** Processing time per frame (ms), ≤ 600 most recent samples, oldest first. */
  samples: number[];
  /** Frames out per second over the last ~2 s. */
  fps: number;
}

interface TrackProcessorLike {
  readable: ReadableStream<VideoFrame>;
}
interface TrackGeneratorLike extends MediaStreamTrack {
  writable: WritableStream<VideoFrame>;
}
type TrackProcessorCtor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => TrackProcessorLike;
type TrackGeneratorCtor = new (init: { kind: 'video' | 'audio' }) => TrackGeneratorLike;

const globals = globalThis as unknown as { MediaStreamTrackProcessor?: TrackProcessorCtor; MediaStreamTrackGenerator?: TrackGeneratorCtor };

export function insertableStreamsAvailable(): boolean {
  return typeof globals.MediaStreamTrackProcessor === 'function' && typeof globals.MediaStreamTrackGenerator === 'function' && typeof VideoFrame === 'function';
}

/** Which renderer `auto` picks here. */
export function preferredRenderer(): 'webgl' | 'cpu' {
  const webCodecs = typeof VideoFrame === 'function';
  if (!webglAvailable()) return 'cpu';
  return webCodecs && webglIsSoftware() ? 'cpu' : 'webgl';
}

const MAX_SAMPLES = 600;

export class BeautyProcessor implements MediaProcessor {
  #look: () => BeautyLook;
  #onError: (error: LiveError) => void;
  #pipeline: BeautyPipeline;
  #rendererChoice: BeautyRendererKind;
  #gl?: BeautyRenderer;
  #cpu?: CpuBeautyRenderer;
  #generation = 0;
  #samples: number[] = [];
  #frames = 0;
  #framesIn = 0;
  #outTimes: number[] = [];
  #active: FrameStats['pipeline'] = 'none';
  #renderer: FrameStats['renderer'] = 'none';
  // insertable
  #generator?: TrackGeneratorLike;
  #writer?: WritableStreamDefaultWriter<VideoFrame>;
  #reader?: ReadableStreamDefaultReader<VideoFrame>;
  // element
  #video?: HTMLVideoElement;
  #canvas?: HTMLCanvasElement;
  #canvasTrack?: MediaStreamTrack & { requestFrame?: () => void };
  #timer?: ReturnType<typeof setTimeout>;

  /** `look` is read on every frame; `onError` hears failures after start (the stage then stops). */
  constructor(look: () => BeautyLook, onError: (error: LiveError) => void, options: BeautyProcessorOptions = {}) {
    this.#look = look;
    this.#onError = onError;
    this.#pipeline = options.pipeline ?? 'auto';
    this.#rendererChoice = options.renderer ?? 'auto';
  }

  async start(input: MediaStreamTrack): Promise<MediaStreamTrack> {
    const generation = ++this.#generation;
    if (this.#pipeline === 'insertable' && !insertableStreamsAvailable()) {
      throw new LiveError(ErrorCode.MEDIA_FAILED, 'This browser has no MediaStreamTrackProcessor / MediaStreamTrackGenerator.');
    }
    const insertable = this.#pipeline === 'insertable' || (this.#pipeline === 'auto' && insertableStreamsAvailable());
    const renderer = this.#rendererChoice === 'auto' ? preferredRenderer() : this.#rendererChoice;
    if (renderer === 'cpu') {
      if (typeof VideoFrame !== 'function') throw new LiveError(ErrorCode.MEDIA_FAILED, 'Beauty filters need WebGL or WebCodecs, and this browser has neither.');
      this.#cpu ??= new CpuBeautyRenderer();
    } else {
      this.#gl ??= new BeautyRenderer(insertable ? undefined : document.createElement('canvas'));
    }
    this.#renderer = renderer;
    return insertable ? this.#startInsertable(input, generation) : this.#startElement(input, generation);
  }

  stop(): void {
    this.#generation++;
    this.#active = 'none';
    void this.#reader?.cancel().catch(() => undefined);
    this.#reader = undefined;
    void this.#writer?.close().catch(() => undefined);
    this.#writer = undefined;
    this.#generator?.stop();
    this.#generator = undefined;
    clearTimeout(this.#timer);
    if (this.#video) {
      this.#video.pause();
      this.#video.srcObject = null;
      this.#video.remove();
      this.#video = undefined;
    }
    this.#canvasTrack?.stop();
    this.#canvasTrack = undefined;
    this.#canvas = undefined;
    this.#gl?.dispose();
    this.#gl = undefined;
    this.#cpu?.dispose();
    this.#cpu = undefined;
  }

  stats(): FrameStats {
    const now = performance.now();
    const recent = this.#outTimes.filter((t) => now - t <= 2000);
    const span = recent.length > 1 ? (recent[recent.length - 1] - recent[0]) / 1000 : 0;
    return { pipeline: this.#active, renderer: this.#active === 'none' ? 'none' : this.#renderer, frames: this.#frames, framesIn: this.#framesIn, samples: [...this.#samples], fps: span > 0 ? (recent.length - 1) / span : 0 };
  }

  /** Forgets the figures so far (benches measure one configuration at a time). */
  resetStats(): void {
    this.#samples = [];
    this.#frames = 0;
    this.#framesIn = 0;
    this.#outTimes = [];
  }

  #record(started: number): void {
    const now = performance.now();
    this.#frames++;
    this.#samples.push(now - started);
    if (this.#samples.length > MAX_SAMPLES) this.#samples.shift();
    this.#outTimes.push(now);
    if (this.#outTimes.length > 240) this.#outTimes.splice(0, this.#outTimes.length - 240);
  }

  #fail(generation: number, error: unknown): void {
    if (generation !== this.#generation) return;
    this.stop();
    this.#onError(toLiveError(error, ErrorCode.MEDIA_FAILED));
  }

  /** One frame through the chosen renderer; the caller closes `frame`. */
  async #process(frame: VideoFrame): Promise<VideoFrame> {
    const look = this.#look();
    if (this.#cpu) return this.#cpu.process(frame, look);
    const gl = this.#gl!;
    gl.render(frame, frame.displayWidth, frame.displayHeight, look);
    return new VideoFrame(gl.canvas, { timestamp: frame.timestamp, duration: frame.duration ?? undefined });
  }

  /* ───────────── insertable streams ───────────── */

  #startInsertable(input: MediaStreamTrack, generation: number): MediaStreamTrack {
    // A new input (device switch) keeps the generator, so the output track stays the same.
    void this.#reader?.cancel().catch(() => undefined);
    if (!this.#generator || this.#generator.readyState === 'ended') {
      this.#generator = new globals.MediaStreamTrackGenerator!({ kind: 'video' });
      this.#writer = this.#generator.writable.getWriter();
    }
    const reader = new globals.MediaStreamTrackProcessor!({ track: input, maxBufferSize: 1 }).readable.getReader();
    this.#reader = reader;
    this.#active = 'insertable';
    const writer = this.#writer!;
    void (async () => {
      for (;;) {
        let frame: VideoFrame | undefined;
        try {
          const next = await reader.read();
          if (next.done || generation !== this.#generation) {
            next.value?.close();
            return;
          }
          frame = next.value;
          this.#framesIn++;
          const started = performance.now();
          const out = await this.#process(frame);
          frame.close();
          frame = undefined;
          this.#record(started);
          if (generation !== this.#generation) {
            out.close();
            return;
          }
          await writer.write(out);
        } catch (error) {
          frame?.close();
          if (generation === this.#generation && this.#reader === reader) this.#fail(generation, error);
          return;
        }
      }
    })();
    return this.#generator;
  }

  /* ───────────── <video> + requestVideoFrameCallback + captureStream ───────────── */

  async #startElement(input: MediaStreamTrack, generation: number): Promise<MediaStreamTrack> {
    const cpu = this.#cpu;
    const canvas = cpu ? (this.#canvas ??= document.createElement('canvas')) : (this.#gl!.canvas as HTMLCanvasElement);
    const ctx2d = cpu ? canvas.getContext('2d') : null;
    if (!this.#canvasTrack || this.#canvasTrack.readyState === 'ended') {
      this.#canvasTrack = canvas.captureStream(0).getVideoTracks()[0] as MediaStreamTrack & { requestFrame?: () => void };
    }
    let video = this.#video;
    if (!video) {
      video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      // In the document (out of sight) so that every browser keeps decoding it.
      video.setAttribute('aria-hidden', 'true');
      video.style.cssText = 'position:fixed;left:-2px;top:-2px;width:1px;height:1px;opacity:0;pointer-events:none';
      document.body.append(video);
      this.#video = video;
    }
    video.srcObject = new MediaStream([input]);
    await video.play();
    this.#active = 'element';
    const track = this.#canvasTrack;
    const draw = async () => {
      this.#framesIn++;
      const started = performance.now();
      const width = video.videoWidth;
      const height = video.videoHeight;
      if (cpu && ctx2d) {
        const frame = new VideoFrame(video, { timestamp: Math.round(performance.now() * 1000) });
        try {
          const out = await cpu.process(frame, this.#look());
          if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
          ctx2d.drawImage(out, 0, 0, width, height);
          out.close();
        } finally {
          frame.close();
        }
      } else {
        this.#gl!.render(video, width, height, this.#look());
      }
      track.requestFrame?.();
      this.#record(started);
    };
    const withCallback = typeof video.requestVideoFrameCallback === 'function';
    const step = async () => {
      if (generation !== this.#generation || !this.#video) return;
      try {
        if (video.videoWidth > 0) await draw();
      } catch (error) {
        this.#fail(generation, error);
        return;
      }
      if (generation !== this.#generation) return;
      if (withCallback) video.requestVideoFrameCallback(() => void step());
      else this.#timer = setTimeout(() => void step(), 1000 / 30);
    };
    if (withCallback) video.requestVideoFrameCallback(() => void step());
    else void step();
    return track;
  }
}
