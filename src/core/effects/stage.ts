/**
 * The processing stage an engine puts between capture and what it previews and publishes.
 *
 * `input` is the raw camera/mic stream (untouched); `output` is one MediaStream per capture
 * whose tracks are the raw tracks when no processor is set (no extra cost: the same track
 * objects) and the processors' tracks otherwise. Tracks are swapped inside the same `output`
 * stream, so a `<video>` showing it follows along; the engine moves its RTP senders with
 * `replaceTrack`. Steps run one at a time (a device switch and a processor change never
 * interleave). Framework-free: used by the local engine and by standalone pages.
 */
import { Serial } from '../serial.js';
import type { MediaProcessor } from '../engines/types.js';
import { ErrorCode, toLiveError, type LiveError } from '../errors.js';

export type MediaKind = 'audio' | 'video';

interface Running {
  processor: MediaProcessor;
  input: MediaStreamTrack;
  output: MediaStreamTrack;
}

export class ProcessingStage {
  #input?: MediaStream;
  #output?: MediaStream;
  #processors: Record<MediaKind, MediaProcessor | null> = { audio: null, video: null };
  #running: Partial<Record<MediaKind, Running>> = {};
  #muted: Record<MediaKind, boolean> = { audio: false, video: false };
  #queue = new Serial();
  #onError: (error: LiveError) => void;

  /** `onError`: a processor failed to start; the stage went back to the raw track. */
  constructor(onError: (error: LiveError) => void = () => undefined) {
    this.#onError = onError;
  }

  /** What to preview and publish (undefined while nothing is captured). */
  get output(): MediaStream | undefined {
    return this.#output;
  }

  /** The raw capture. */
  get input(): MediaStream | undefined {
    return this.#input;
  }

  /** Whether `kind` currently goes through a processor. */
  processing(kind: MediaKind): boolean {
    return !!this.#running[kind];
  }

  /** The current output track of `kind` (the raw one when not processing). */
  track(kind: MediaKind): MediaStreamTrack | null {
    return (kind === 'audio' ? this.#output?.getAudioTracks()[0] : this.#output?.getVideoTracks()[0]) ?? null;
  }

  /** New capture (or none): resolves with the new output stream. */
  setInput(stream: MediaStream | undefined): Promise<MediaStream | undefined> {
    return this.#queue.run(async () => {
      this.#input = stream;
      this.#output = stream ? new MediaStream() : undefined;
      await this.#refresh('video');
      await this.#refresh('audio');
      return this.#output;
    });
  }

  /** Inserts or removes (`null`) the processor of `kind`; resolves with whether the output track changed. */
  setProcessor(kind: MediaKind, processor: MediaProcessor | null): Promise<boolean> {
    return this.#queue.run(async () => {
      if (this.#processors[kind] === processor) return false;
      this.#processors[kind] = processor;
      const before = this.track(kind);
      await this.#refresh(kind);
      return this.track(kind) !== before;
    });
  }

  /**
   * Mute: audio mutes only the microphone inside the processor (mixed music keeps playing);
   * video also disables the processed track so that black frames go out, as with the camera's.
   * The raw tracks' `enabled` is the engine's business.
   */
  setMuted(kind: MediaKind, muted: boolean): void {
    this.#muted[kind] = muted;
    const running = this.#running[kind];
    if (!running) return;
    running.processor.setMuted?.(muted);
    if (kind === 'video') running.output.enabled = !muted;
  }

  /** Stops every processor and forgets the capture (the raw tracks are the engine's to stop). */
  dispose(): void {
    for (const kind of ['audio', 'video'] as const) this.#stopRunning(kind);
    this.#processors = { audio: null, video: null };
    this.#input = undefined;
    this.#output = undefined;
  }

  #stopRunning(kind: MediaKind): void {
    const running = this.#running[kind];
    if (!running) return;
    delete this.#running[kind];
    try {
      running.processor.stop();
    } catch (error) {
      this.#onError(toLiveError(error, ErrorCode.MEDIA_FAILED));
    }
  }

  /** Puts the raw track of `kind`, or its processed version, into the output stream. */
  async #refresh(kind: MediaKind): Promise<void> {
    const raw = (kind === 'audio' ? this.#input?.getAudioTracks()[0] : this.#input?.getVideoTracks()[0]) ?? null;
    const processor = this.#processors[kind];
    const running = this.#running[kind];
    let track: MediaStreamTrack | null = raw;
    // A processor that is only given a new input keeps running: start() switches its input.
    if (running && (running.processor !== processor || !raw)) this.#stopRunning(kind);
    if (running && running.processor === processor && running.input === raw) {
      track = running.output;
    } else if (raw && processor) {
      try {
        const output = await processor.start(raw);
        this.#running[kind] = { processor, input: raw, output };
        track = output;
        processor.setMuted?.(this.#muted[kind]);
        if (kind === 'video') output.enabled = !this.#muted.video;
      } catch (error) {
        // Never leave the stage without media: fall back to the raw track and say why.
        this.#processors[kind] = null;
        this.#stopRunning(kind);
        this.#onError(toLiveError(error, ErrorCode.MEDIA_FAILED));
      }
    }
    const output = this.#output;
    if (!output) return;
    for (const t of kind === 'audio' ? output.getAudioTracks() : output.getVideoTracks()) if (t !== track) output.removeTrack(t);
    if (track && !output.getTracks().includes(track)) output.addTrack(track);
  }
}

