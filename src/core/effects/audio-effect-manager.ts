/**
 * TXAudioEffectManager over any engine with an audio processing stage (`setAudioProcessor`):
 * a Web Audio graph whose output track is what gets published.
 *
 * ```
 * mic track → source → capture gain → mute gain → voice changer → voice ─┬──────────────→ destination
 *                                                                        └→ reverb → wet ─→ (MediaStreamAudioDestinationNode)
 * music / effect sources (AudioBufferSourceNode or <audio> → MediaElementAudioSourceNode)
 *     ├→ publish gain ──────────────────────────────────────────────────────────────→ destination
 *     └→ playout gain (default 0) → AudioContext.destination (the anchor's speaker)
 * ```
 *
 * The stage is inserted when music or an effect starts, or when a voice setting leaves its
 * default, and removed (the context suspended) when none is left: the microphone's own track is
 * then published again. Muting the microphone silences only the mute gain, so music goes on.
 */
import { Serial } from '../serial.js';
import { EventSource } from '../emitter.js';
import type { MediaProcessor } from '../engines/types.js';
import { ErrorCode, LiveError, toLiveError, withTimeout } from '../errors.js';
import type { AudioEffectManager, AudioEffectManagerEvents, AudioEffectParam, MusicParam, VoiceChangerType, VoiceReverbType } from './types.js';
import { assertBoolean, assertId, assertInteger, assertLoopCount, assertPath, assertVolume } from './validate.js';
import { buildVoiceChanger, reverbImpulse, reverbWet, type VoiceChain } from './voice-effects.js';

/** Where the manager inserts its stage: an engine, or a `ProcessingStage` of a standalone page. */
export interface AudioProcessorHost {
  setAudioProcessor(processor: MediaProcessor | null): Promise<void>;
}

const LOAD_TIMEOUT_MS = 20_000;
const RESUME_TIMEOUT_MS = 3_000;
const PROGRESS_MS = 250;

/** One playable sound: a decoded buffer or a streamed media element. */
interface Player {
  readonly output: AudioNode;
  durationMS(): number;
  positionMS(): number;
  /** Starts (again) at `fromMS`. */
  play(fromMS: number): Promise<void>;
  pause(): void;
  release(): void;
  /** One pass reached its end. */
  onPassEnd?: () => void;
}

class BufferPlayer implements Player {
  readonly output: GainNode;
  #ctx: BaseAudioContext;
  #buffer: AudioBuffer;
  #source?: AudioBufferSourceNode;
  #startedAt = 0;
  #offset = 0;
  onPassEnd?: () => void;

  constructor(ctx: BaseAudioContext, buffer: AudioBuffer) {
    this.#ctx = ctx;
    this.#buffer = buffer;
    this.output = ctx.createGain();
  }

  durationMS(): number {
    return Math.round(this.#buffer.duration * 1000);
  }

  positionMS(): number {
    const seconds = this.#source ? this.#offset + this.#ctx.currentTime - this.#startedAt : this.#offset;
    return Math.round(Math.min(this.#buffer.duration, Math.max(0, seconds)) * 1000);
  }

  async play(fromMS: number): Promise<void> {
    this.#halt();
    const source = this.#ctx.createBufferSource();
    source.buffer = this.#buffer;
    source.connect(this.output);
    source.onended = () => {
      if (this.#source !== source) return;
      this.#source = undefined;
      this.#offset = 0;
      this.onPassEnd?.();
    };
    this.#offset = Math.min(this.#buffer.duration, fromMS / 1000);
    this.#startedAt = this.#ctx.currentTime;
    source.start(0, this.#offset);
    this.#source = source;
  }

  pause(): void {
    if (!this.#source) return;
    this.#offset = this.positionMS() / 1000;
    this.#halt();
  }

  /** Moves the position of a paused player. */
  seekPaused(ms: number): void {
    this.#offset = Math.min(this.#buffer.duration, ms / 1000);
  }

  release(): void {
    this.#halt();
    this.output.disconnect();
  }

  #halt(): void {
    const source = this.#source;
    this.#source = undefined;
    if (!source) return;
    source.onended = null;
    try {
      source.stop();
    } catch {
      // Already stopped.
    }
    source.disconnect();
  }
}

class ElementPlayer implements Player {
  readonly output: AudioNode;
  #element: HTMLAudioElement;
  onPassEnd?: () => void;

  private constructor(element: HTMLAudioElement, node: AudioNode) {
    this.#element = element;
    this.output = node;
    element.onended = () => this.onPassEnd?.();
  }

  static async load(ctx: AudioContext, path: string): Promise<ElementPlayer> {
    const element = new Audio();
    element.crossOrigin = 'anonymous';
    element.preload = 'auto';
    const loaded = new Promise<void>((resolve, reject) => {
      element.onloadedmetadata = () => resolve();
      element.onerror = () => reject(new LiveError(ErrorCode.MEDIA_FAILED, `Could not load the audio file ${path} (${element.error?.message || `media error ${element.error?.code ?? '?'}`}).`));
    });
    element.src = path;
    await withTimeout(loaded, LOAD_TIMEOUT_MS, `loading of ${path}`);
    return new ElementPlayer(element, ctx.createMediaElementSource(element));
  }

  durationMS(): number {
    return Number.isFinite(this.#element.duration) ? Math.round(this.#element.duration * 1000) : 0;
  }

  positionMS(): number {
    return Math.round(this.#element.currentTime * 1000);
  }

  async play(fromMS: number): Promise<void> {
    this.#element.currentTime = fromMS / 1000;
    await this.#element.play();
  }

  pause(): void {
    this.#element.pause();
  }

  seekPaused(ms: number): void {
    this.#element.currentTime = ms / 1000;
  }

  release(): void {
    this.#element.onended = null;
    this.#element.pause();
    this.#element.removeAttribute('src');
    this.#element.load();
    this.output.disconnect();
  }
}

interface Music {
  id: number;
  player: BufferPlayer | ElementPlayer;
  publish: GainNode;
  playout: GainNode;
  loopsLeft: number;
  paused: boolean;
  published: boolean;
}

interface Effect {
  id: number;
  player: BufferPlayer;
  gain: GainNode;
  loopsLeft: number;
}

interface Graph {
  ctx: AudioContext;
  destination: MediaStreamAudioDestinationNode;
  capture: GainNode;
  mute: GainNode;
  changer: VoiceChain;
  voice: GainNode;
  reverb?: { convolver: ConvolverNode; wet: GainNode };
}

export class LocalAudioEffectManager extends EventSource<AudioEffectManagerEvents> implements AudioEffectManager {
  #host?: AudioProcessorHost;
  #graph?: Graph;
  #mic?: MediaStreamAudioSourceNode;
  #micMuted = false;
  #musics = new Map<number, Music>();
  /** Loads in flight per music ID (a later start or a stop supersedes them). */
  #loading = new Map<number, symbol>();
  #effects = new Map<number, Effect>();
  #buffers = new Map<string, Promise<AudioBuffer>>();
  #captureVolume = 100;
  #reverb: VoiceReverbType = 0;
  #changer: VoiceChangerType = 0;
  #attached = false;
  #announced = false;
  #queue = new Serial();
  #progress?: ReturnType<typeof setInterval>;
  #disposed = false;

  readonly #processor: MediaProcessor = {
    start: async (input) => {
      const graph = this.#ensureGraph();
      this.#mic?.disconnect();
      this.#mic = graph.ctx.createMediaStreamSource(new MediaStream([input]));
      this.#mic.connect(graph.capture);
      return graph.destination.stream.getAudioTracks()[0];
    },
    stop: () => {
      this.#mic?.disconnect();
      this.#mic = undefined;
    },
    setMuted: (muted) => {
      this.#micMuted = muted;
      if (this.#graph) this.#graph.mute.gain.value = muted ? 0 : 1;
    },
  };

  /** `host` undefined: an engine without an audio stage; starting anything rejects with ENGINE_UNAVAILABLE. */
  constructor(host: AudioProcessorHost | undefined) {
    super();
    this.#host = host;
  }

  get active(): boolean {
    return this.#attached;
  }

  /* ───────────── background music ───────────── */

  async startPlayMusic(params: MusicParam): Promise<void> {
    this.#usable();
    if (!params || typeof params !== 'object') throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'startPlayMusic needs { id, path }.');
    const id = assertId(params.id, 'Music ID');
    const path = assertPath(params.path);
    const loops = assertLoopCount(params.loopCount);
    const publish = assertBoolean(params.publish, true, 'publish');
    const short = assertBoolean(params.isShortFile, false, 'isShortFile');
    const startMS = params.startTimeMS === undefined ? 0 : assertInteger(params.startTimeMS, 0, Number.MAX_SAFE_INTEGER, 'startTimeMS');
    this.#needHost();
    const token = Symbol(path);
    this.#loading.set(id, token);
    this.#removeMusic(id);
    let music: Music | undefined;
    try {
      const graph = this.#ensureGraph();
      const player = short ? new BufferPlayer(graph.ctx, await this.#decode(graph.ctx, path)) : await ElementPlayer.load(graph.ctx, path);
      if (this.#loading.get(id) !== token || this.#disposed) {
        player.release();
        return;
      }
      this.#loading.delete(id);
      const publishGain = graph.ctx.createGain();
      publishGain.gain.value = publish ? 1 : 0;
      const playout = graph.ctx.createGain();
      playout.gain.value = 0;
      player.output.connect(publishGain).connect(graph.destination);
      player.output.connect(playout).connect(graph.ctx.destination);
      music = { id, player, publish: publishGain, playout, loopsLeft: loops, paused: false, published: publish };
      player.onPassEnd = () => this.#musicPassEnded(music!);
      this.#musics.set(id, music);
      await this.#sync();
      await this.#resume();
      await player.play(startMS);
      this.#startProgress();
      this.emit('start', { id, err: 0 });
    } catch (error) {
      if (this.#loading.get(id) === token) this.#loading.delete(id);
      if (music && this.#musics.get(id) === music) this.#removeMusic(id);
      const failure = toLiveError(error, ErrorCode.MEDIA_FAILED);
      this.emit('start', { id, err: failure.code });
      await this.#sync().catch(() => undefined);
      throw failure;
    }
  }

  async stopPlayMusic(id: number): Promise<void> {
    assertId(id, 'Music ID');
    this.#loading.delete(id);
    if (!this.#removeMusic(id)) return;
    await this.#sync();
  }

  async pausePlayMusic(id: number): Promise<void> {
    const music = this.#music(id);
    if (music.paused) return;
    music.paused = true;
    music.player.pause();
  }

  async resumePlayMusic(id: number): Promise<void> {
    const music = this.#music(id);
    if (!music.paused) return;
    await this.#resume();
    music.paused = false;
    await music.player.play(music.player.positionMS());
    this.#startProgress();
  }

  async seekMusicToPosInMS(id: number, ms: number): Promise<void> {
    const music = this.#music(id);
    const to = assertInteger(ms, 0, Number.MAX_SAFE_INTEGER, 'Position (ms)');
    const duration = music.player.durationMS();
    const target = duration > 0 ? Math.min(to, duration) : to;
    if (music.paused) music.player.seekPaused(target);
    else await music.player.play(target);
  }

  async setMusicPlayoutVolume(id: number, volume: number): Promise<void> {
    const music = this.#music(id);
    music.playout.gain.value = assertVolume(volume, 'Playout volume') / 100;
  }

  async setMusicPublishVolume(id: number, volume: number): Promise<void> {
    const music = this.#music(id);
    const v = assertVolume(volume, 'Publish volume') / 100;
    // Music started with `publish: false` stays local whatever its publish volume.
    music.publish.gain.value = music.published ? v : 0;
  }

  async setAllMusicVolume(volume: number): Promise<void> {
    const v = assertVolume(volume) / 100;
    for (const music of this.#musics.values()) {
      music.playout.gain.value = v;
      music.publish.gain.value = music.published ? v : 0;
    }
  }

  getMusicDurationInMS(id: number): number {
    return this.#musics.get(id)?.player.durationMS() ?? 0;
  }

  getMusicCurrentPosInMS(id: number): number {
    return this.#musics.get(id)?.player.positionMS() ?? 0;
  }

  /* ───────────── sound effects ───────────── */

  async playAudioEffect(params: AudioEffectParam): Promise<void> {
    this.#usable();
    if (!params || typeof params !== 'object') throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'playAudioEffect needs { id, path }.');
    const id = assertId(params.id, 'Effect ID');
    const path = assertPath(params.path);
    const loops = assertLoopCount(params.loopCount);
    const publish = assertBoolean(params.publish, true, 'publish');
    const playout = assertBoolean(params.playout, false, 'playout');
    const volume = params.volume === undefined ? 100 : assertVolume(params.volume, 'Effect volume');
    this.#needHost();
    const graph = this.#ensureGraph();
    const buffer = await this.#decode(graph.ctx, path);
    if (this.#disposed) return;
    this.#removeEffect(id);
    const player = new BufferPlayer(graph.ctx, buffer);
    const gain = graph.ctx.createGain();
    gain.gain.value = volume / 100;
    player.output.connect(gain);
    if (publish) gain.connect(graph.destination);
    if (playout) gain.connect(graph.ctx.destination);
    const effect: Effect = { id, player, gain, loopsLeft: loops };
    player.onPassEnd = () => {
      if (this.#effects.get(id) !== effect) return;
      if (effect.loopsLeft !== 0) {
        if (effect.loopsLeft > 0) effect.loopsLeft--;
        void player.play(0);
        return;
      }
      this.#removeEffect(id);
      void this.#sync()
        .catch((error: unknown) => this.emit('error', { error: toLiveError(error) }))
        .finally(() => this.emit('effect-complete', { id }));
    };
    this.#effects.set(id, effect);
    await this.#sync();
    await this.#resume();
    await player.play(0);
  }

  async stopAudioEffect(id: number): Promise<void> {
    assertId(id, 'Effect ID');
    if (!this.#removeEffect(id)) return;
    await this.#sync();
  }

  async stopAllAudioEffects(): Promise<void> {
    if (this.#effects.size === 0) return;
    for (const id of [...this.#effects.keys()]) this.#removeEffect(id);
    await this.#sync();
  }

  async setAudioEffectVolume(id: number, volume: number): Promise<void> {
    assertId(id, 'Effect ID');
    const v = assertVolume(volume, 'Effect volume');
    const effect = this.#effects.get(id);
    if (!effect) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `No sound effect with ID ${id} is playing.`);
    effect.gain.gain.value = v / 100;
  }

  /* ───────────── voice ───────────── */

  async setVoiceCaptureVolume(volume: number): Promise<void> {
    this.#usable();
    const v = assertVolume(volume, 'Capture volume');
    if (v !== 100) this.#needHost();
    this.#captureVolume = v;
    if (this.#graph) this.#graph.capture.gain.value = v / 100;
    await this.#sync();
  }

  async setVoiceReverbType(type: VoiceReverbType): Promise<void> {
    this.#usable();
    const t = assertInteger(type, 0, 11, 'Reverb type') as VoiceReverbType;
    if (t !== 0) this.#needHost();
    this.#reverb = t;
    if (this.#graph) this.#applyReverb(this.#graph);
    await this.#sync();
  }

  async setVoiceChangerType(type: VoiceChangerType): Promise<void> {
    this.#usable();
    const t = assertInteger(type, 0, 11, 'Voice changer type') as VoiceChangerType;
    if (t !== 0) this.#needHost();
    this.#changer = t;
    if (this.#graph) this.#applyChanger(this.#graph);
    await this.#sync();
  }

  /** Voice settings now (for UIs). */
  getVoiceSettings(): { captureVolume: number; reverb: VoiceReverbType; changer: VoiceChangerType } {
    return { captureVolume: this.#captureVolume, reverb: this.#reverb, changer: this.#changer };
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    clearInterval(this.#progress);
    this.#loading.clear();
    for (const id of [...this.#musics.keys()]) this.#removeMusic(id);
    for (const id of [...this.#effects.keys()]) this.#removeEffect(id);
    if (this.#attached) void this.#host?.setAudioProcessor(null).catch(() => undefined);
    this.#attached = false;
    this.#mic?.disconnect();
    const graph = this.#graph;
    this.#graph = undefined;
    graph?.changer.dispose();
    void graph?.ctx.close().catch(() => undefined);
    this.clear();
  }

  /* ───────────── internals ───────────── */

  #usable(): void {
    if (this.#disposed) throw new LiveError(ErrorCode.INVALID_STATE, 'This audio effect manager was disposed.');
  }

  #needHost(): void {
    if (!this.#host) throw new LiveError(ErrorCode.ENGINE_UNAVAILABLE, 'This engine offers no audio effects.');
  }

  #music(id: number): Music {
    assertId(id, 'Music ID');
    const music = this.#musics.get(id);
    if (!music) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `No music with ID ${id} is playing.`);
    return music;
  }

  #wanted(): boolean {
    return this.#musics.size > 0 || this.#effects.size > 0 || this.#loading.size > 0 || this.#captureVolume !== 100 || this.#reverb !== 0 || this.#changer !== 0;
  }

  #ensureGraph(): Graph {
    if (this.#graph) return this.#graph;
    const Context = globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Context) throw new LiveError(ErrorCode.ENGINE_UNAVAILABLE, 'This browser has no Web Audio (AudioContext).');
    const ctx = new Context({ latencyHint: 'interactive' });
    const destination = ctx.createMediaStreamDestination();
    destination.channelCount = 1;
    const capture = ctx.createGain();
    capture.gain.value = this.#captureVolume / 100;
    const mute = ctx.createGain();
    mute.gain.value = this.#micMuted ? 0 : 1;
    const voice = ctx.createGain();
    capture.connect(mute);
    voice.connect(destination);
    const graph: Graph = { ctx, destination, capture, mute, voice, changer: buildVoiceChanger(ctx, 0) };
    mute.connect(graph.changer.input);
    graph.changer.output.connect(voice);
    this.#graph = graph;
    this.#applyChanger(graph);
    this.#applyReverb(graph);
    return graph;
  }

  #applyChanger(graph: Graph): void {
    graph.mute.disconnect();
    graph.changer.dispose();
    graph.changer = buildVoiceChanger(graph.ctx, this.#changer);
    graph.mute.connect(graph.changer.input);
    graph.changer.output.connect(graph.voice);
  }

  #applyReverb(graph: Graph): void {
    if (graph.reverb) {
      graph.voice.disconnect(graph.reverb.convolver);
      graph.reverb.convolver.disconnect();
      graph.reverb.wet.disconnect();
      graph.reverb = undefined;
    }
    const impulse = reverbImpulse(graph.ctx, this.#reverb);
    if (!impulse) return;
    const convolver = graph.ctx.createConvolver();
    convolver.buffer = impulse;
    const wet = graph.ctx.createGain();
    wet.gain.value = reverbWet(this.#reverb);
    graph.voice.connect(convolver).connect(wet).connect(graph.destination);
    graph.reverb = { convolver, wet };
  }

  #decode(ctx: BaseAudioContext, path: string): Promise<AudioBuffer> {
    let pending = this.#buffers.get(path);
    if (!pending) {
      pending = withTimeout(
        (async () => {
          const response = await fetch(path);
          if (!response.ok) throw new LiveError(ErrorCode.MEDIA_FAILED, `Could not load the audio file ${path} (HTTP ${response.status}).`);
          try {
            return await ctx.decodeAudioData(await response.arrayBuffer());
          } catch (error) {
            throw new LiveError(ErrorCode.MEDIA_FAILED, `Could not decode the audio file ${path}.`, { cause: error });
          }
        })(),
        LOAD_TIMEOUT_MS,
        `loading of ${path}`,
      );
      this.#buffers.set(path, pending);
      pending.catch(() => this.#buffers.delete(path));
    }
    return pending;
  }

  /** Browsers start an AudioContext only after a user gesture: say so in words rather than hang. */
  async #resume(): Promise<void> {
    const ctx = this.#graph?.ctx;
    if (!ctx || ctx.state === 'running') return;
    try {
      await withTimeout(ctx.resume(), RESUME_TIMEOUT_MS, 'start of audio playback');
    } catch (error) {
      throw new LiveError(ErrorCode.MEDIA_FAILED, 'The browser has not allowed audio playback yet: click or tap the page, then try again.', { cause: error });
    }
  }

  #removeMusic(id: number): boolean {
    const music = this.#musics.get(id);
    if (!music) return false;
    this.#musics.delete(id);
    music.player.onPassEnd = undefined;
    music.player.release();
    music.publish.disconnect();
    music.playout.disconnect();
    if (![...this.#musics.values()].some((m) => !m.paused)) this.#stopProgress();
    return true;
  }

  #removeEffect(id: number): boolean {
    const effect = this.#effects.get(id);
    if (!effect) return false;
    this.#effects.delete(id);
    effect.player.onPassEnd = undefined;
    effect.player.release();
    effect.gain.disconnect();
    return true;
  }

  #musicPassEnded(music: Music): void {
    if (this.#musics.get(music.id) !== music) return;
    if (music.loopsLeft !== 0) {
      if (music.loopsLeft > 0) music.loopsLeft--;
      music.player.play(0).catch((error: unknown) => this.#musicFailed(music, error));
      return;
    }
    const duration = music.player.durationMS();
    this.emit('progress', { id: music.id, curPtsMS: duration, durationMS: duration });
    this.#removeMusic(music.id);
    // Announced once the stage reflects it (the mic's own track is back if nothing else plays).
    void this.#sync()
      .catch((error: unknown) => this.emit('error', { error: toLiveError(error) }))
      .finally(() => this.emit('complete', { id: music.id, err: 0 }));
  }

  #musicFailed(music: Music, error: unknown): void {
    if (this.#musics.get(music.id) !== music) return;
    const failure = toLiveError(error, ErrorCode.MEDIA_FAILED);
    this.#removeMusic(music.id);
    this.emit('complete', { id: music.id, err: failure.code });
    this.emit('error', { error: failure });
    void this.#sync().catch(() => undefined);
  }

  #startProgress(): void {
    if (this.#progress !== undefined) return;
    this.#progress = setInterval(() => {
      for (const music of this.#musics.values()) {
        if (!music.paused) this.emit('progress', { id: music.id, curPtsMS: music.player.positionMS(), durationMS: music.player.durationMS() });
      }
    }, PROGRESS_MS);
  }

  #stopProgress(): void {
    clearInterval(this.#progress);
    this.#progress = undefined;
  }

  /** One step at a time: the host gets the mixer while anything is on, and null when all is off. */
  #sync(): Promise<void> {
    const step = async () => {
      const host = this.#host;
      if (!host || this.#disposed) return;
      const want = this.#wanted();
      if (want !== this.#attached) {
        this.#attached = want;
        try {
          if (want) await host.setAudioProcessor(this.#processor);
          else await host.setAudioProcessor(null);
        } catch (error) {
          this.#attached = !want;
          throw error;
        }
      }
      if (!want && this.#graph?.ctx.state === 'running') await this.#graph.ctx.suspend().catch(() => undefined);
      if (want && this.#graph && this.#graph.ctx.state === 'suspended') void this.#graph.ctx.resume().catch(() => undefined);
      if (this.#announced !== this.#attached) {
        this.#announced = this.#attached;
        this.emit('active', { active: this.#attached });
      }
    };
    return this.#queue.run(step);
  }
}
