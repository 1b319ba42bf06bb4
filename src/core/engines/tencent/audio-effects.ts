/**
 * TXAudioEffectManager on the Tencent engine: TRTC's AudioMixer plugin (built into
 * `trtc-sdk-v5`) for music and sound effects, `updateLocalAudio` for the capture volume, and the
 * VoiceChanger plugin (`trtc-sdk-v5/plugins/voice-changer`, fetched on first use) for voices.
 *
 * Mapping:
 * - `startPlayMusic({ id, path, loopCount, startTimeMS })` → `startPlugin('AudioMixer', { id:
 *   'music-<id>-<hash of path>', url: path, loop: loopCount === -1, volume: 1 })`, then
 *   `updatePlugin('AudioMixer', { id, seekFrom: startTimeMS / 1000 })` when it starts later than 0;
 *   music with the same ID is stopped first. `start` is emitted with `err` 0 once the plugin
 *   plays, or with the error's code when it fails (the call rejects too);
 * - `pausePlayMusic` / `resumePlayMusic` → `updatePlugin(…, { operation: 'pause' | 'resume' })`;
 *   `seekMusicToPosInMS` → `updatePlugin(…, { seekFrom: ms / 1000 })` (AudioMixer seeks in
 *   seconds); `stopPlayMusic` → `stopPlugin('AudioMixer', { id })`;
 * - `setMusicPublishVolume` / `setAllMusicVolume` / `setAudioEffectVolume` →
 *   `updatePlugin(…, { volume: v / 100 })` (AudioMixer takes 0–1);
 * - sound effects: AudioMixer too, IDs `effect-<id>-<hash>`, so several play at once, apart from
 *   music with the same number; `effect-complete` when one has played all its loops;
 * - `setVoiceCaptureVolume` → `updateLocalAudio({ option: { captureVolume } })`, or, with the
 *   microphone off, `startLocalAudio`'s `captureVolume` when it opens;
 * - `setVoiceChangerType(1–11)` → `startPlugin('VoiceChanger', { voiceType, sdkAppId, userId,
 *   userSig })` (TXVoiceChangerType 1–11 are the plugin's voice types 1–11), `updatePlugin` to
 *   change it, `stopPlugin` for 0. It needs the microphone on and a room entered (the plugin
 *   authenticates with the room's UserSig): until then the type is kept and applied when both
 *   are true (a failure then is an `error` event). The plugin is a paid feature of TRTC's RTC
 *   Engine packages: without it the SDK answers 5401, which is NOT_ALLOWED (62003) in words.
 *
 * Limits, decided here:
 * - AudioMixer plays every track twice: once through the page's speaker and once into the
 *   published audio, at one volume. So the anchor always hears music and effects (an effect's
 *   `playout` is ignored), there is no separate playout volume (`setMusicPlayoutVolume` is
 *   refused with ENGINE_UNAVAILABLE, 61012, after its arguments are checked), and music or effects
 *   heard only locally (`publish: false`) are refused the same way;
 * - AudioMixer's loop is on or off: `loopCount` -1 loops until stopped; a count n > 0 replays the
 *   track from its start each time it ends, n times;
 * - progress, duration, the end of a pass and so `complete`, `effect-complete` and finite
 *   `loopCount`s rely on AudioMixer's `onTimeUpdate` / `onDurationChange` / `onEnded` callbacks,
 *   which trtc-sdk-v5 5.17 accepts but does not declare. Without them: no `progress`, durations
 *   and positions read 0 (except right after a seek), and a track plays once (or loops forever);
 * - `isShortFile` makes no difference (AudioMixer streams every file through an `<audio>`);
 *   AudioMixer takes MP3, Ogg, WAV and FLAC URLs (or blob: / data: URLs) and refuses others
 *   (INVALID_ARGUMENT from the SDK's check);
 * - reverb: the Web SDK has none: types 1–11 are refused with ENGINE_UNAVAILABLE (0 is accepted);
 * - leaving the room stops all music and sound effects (`complete` with `err` NOT_IN_ROOM, 61007,
 *   for music; nothing for effects); the capture volume and the voice changer stay with the
 *   microphone.
 */
import { ErrorCode, LiveError, toLiveError } from '../../errors.js';
import type { AudioEffectManager, AudioEffectManagerEvents, AudioEffectParam, MusicParam, VoiceChangerType, VoiceReverbType } from '../../effects/types.js';
import { assertBoolean, assertId, assertInteger, assertLoopCount, assertPath, assertVolume } from '../../effects/validate.js';
import { TencentEffectsManager, unsupported, type TencentEffectsHost } from './effects-host.js';
import { Serial } from '../../serial.js';
import type { AudioMixerStartOptions, TrtcClient } from './sdk.js';

type Kind = 'music' | 'effect';

/** A kind in words. */
const label: Record<Kind, string> = { music: 'music', effect: 'sound effect' };

/** A music or sound effect in AudioMixer. */
interface Track {
  kind: Kind;
  id: number;
  /** AudioMixer's ID: kind, kit ID and a hash of the URL (AudioMixer caches sources by ID). */
  mixerId: string;
  client?: TrtcClient;
  /** Replays left after this pass (-1: AudioMixer loops). */
  loopsLeft: number;
  started: boolean;
  paused: boolean;
  positionMS: number;
  durationMS: number;
}

/**
 * AudioMixer's ID for a track. AudioMixer keeps a started source per ID and plays it again when
 * that ID is started again, whatever the URL: the URL's hash keeps another file from replaying
 * the old one, while the same file under the same ID reuses its source.
 */
export function mixerId(kind: Kind, id: number, path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
  return `${kind}-${id}-${(hash >>> 0).toString(36)}`;
}

/** `publish: false`, refused once every argument is checked. */
const localOnly = (what: string) => unsupported(`${what} heard only locally (publish: false): TRTC’s AudioMixer always mixes what it plays into the published audio`);

const ms = (seconds: number) => (Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0);

export class TencentAudioEffectManager extends TencentEffectsManager<AudioEffectManagerEvents> implements AudioEffectManager {
  #tracks: Record<Kind, Map<number, Track>> = { music: new Map(), effect: new Map() };
  #captureVolume = 100;
  #reverb: VoiceReverbType = 0;
  #changer: VoiceChangerType = 0;
  /** The VoiceChanger plugin as started on a client, with its voice type. */
  #changerRunning?: { client: TrtcClient; type: VoiceChangerType };
  #voice = new Serial();

  constructor(host: TencentEffectsHost) {
    super(host, 'audio effect manager');
  }

  /** Whether AudioMixer plays something or the VoiceChanger runs, i.e. the published audio is processed. */
  get active(): boolean {
    const playing = (kind: Kind) => [...this.#tracks[kind].values()].some((t) => t.started);
    return playing('music') || playing('effect') || this.#changerRunning !== undefined;
  }

  /** The capture volume the microphone is (or will be) opened with. */
  get captureVolume(): number {
    return this.#captureVolume;
  }

  /* ───────────── background music ───────────── */

  async startPlayMusic(params: MusicParam): Promise<void> {
    const { id, path, loops, publish } = this.#trackParams('music', params);
    assertBoolean(params.isShortFile, false, 'isShortFile');
    const startMS = params.startTimeMS === undefined ? 0 : assertInteger(params.startTimeMS, 0, Number.MAX_SAFE_INTEGER, 'startTimeMS');
    if (!publish) throw localOnly('music');
    let started: boolean;
    try {
      started = await this.#start('music', id, path, loops, 100, startMS);
    } catch (error) {
      const failure = toLiveError(error, ErrorCode.MEDIA_FAILED);
      this.emit('start', { id, err: failure.code });
      throw failure;
    }
    // Not started: stopped or replaced while it was starting (as with the local manager, no event).
    if (started) this.emit('start', { id, err: 0 });
  }

  async stopPlayMusic(id: number): Promise<void> {
    assertId(id, 'Music ID');
    await this.#stop('music', id);
  }

  async pausePlayMusic(id: number): Promise<void> {
    const music = this.#playing('music', id);
    if (music.paused) return;
    await this.#update(music, { operation: 'pause' }, `pausing the music ${id}`);
    music.paused = true;
  }

  async resumePlayMusic(id: number): Promise<void> {
    const music = this.#playing('music', id);
    if (!music.paused) return;
    await this.#update(music, { operation: 'resume' }, `resuming the music ${id}`);
    music.paused = false;
  }

  async seekMusicToPosInMS(id: number, position: number): Promise<void> {
    const music = this.#playing('music', id);
    const to = assertInteger(position, 0, Number.MAX_SAFE_INTEGER, 'Position (ms)');
    const target = music.durationMS > 0 ? Math.min(to, music.durationMS) : to;
    await this.#update(music, { seekFrom: target / 1000 }, `seeking in the music ${id}`);
    music.positionMS = target;
  }

  /** Refused after its arguments are checked: AudioMixer plays locally at the publish volume. */
  async setMusicPlayoutVolume(id: number, volume: number): Promise<void> {
    this.#playing('music', id);
    assertVolume(volume, 'Playout volume');
    throw unsupported('a separate playout volume: TRTC’s AudioMixer plays the music locally at its publish volume (use setMusicPublishVolume or setAllMusicVolume)');
  }

  /** The music's volume, published and local alike (AudioMixer has one). */
  async setMusicPublishVolume(id: number, volume: number): Promise<void> {
    const music = this.#playing('music', id);
    const v = assertVolume(volume, 'Publish volume');
    await this.#update(music, { volume: v / 100 }, `changing the volume of the music ${id}`);
  }

  async setAllMusicVolume(volume: number): Promise<void> {
    const v = assertVolume(volume);
    const playing = [...this.#tracks.music.values()].filter((t) => t.started);
    await Promise.all(playing.map((music) => this.#update(music, { volume: v / 100 }, `changing the volume of the music ${music.id}`)));
  }

  /** From AudioMixer's callbacks (0 until it reports). */
  getMusicDurationInMS(id: number): number {
    return this.#tracks.music.get(id)?.durationMS ?? 0;
  }

  getMusicCurrentPosInMS(id: number): number {
    return this.#tracks.music.get(id)?.positionMS ?? 0;
  }

  /* ───────────── sound effects ───────────── */

  /** `playout` is ignored: AudioMixer always plays the effect locally too. */
  async playAudioEffect(params: AudioEffectParam): Promise<void> {
    const { id, path, loops, publish } = this.#trackParams('effect', params);
    assertBoolean(params.playout, false, 'playout');
    const volume = params.volume === undefined ? 100 : assertVolume(params.volume, 'Effect volume');
    if (!publish) throw localOnly('sound effects');
    await this.#start('effect', id, path, loops, volume, 0);
  }

  async stopAudioEffect(id: number): Promise<void> {
    assertId(id, 'Effect ID');
    await this.#stop('effect', id);
  }

  async stopAllAudioEffects(): Promise<void> {
    await Promise.all([...this.#tracks.effect.keys()].map((id) => this.#stop('effect', id)));
  }

  async setAudioEffectVolume(id: number, volume: number): Promise<void> {
    assertId(id, 'Effect ID');
    const v = assertVolume(volume, 'Effect volume');
    const effect = this.#playing('effect', id);
    await this.#update(effect, { volume: v / 100 }, `changing the volume of the sound effect ${id}`);
  }

  /* ───────────── voice ───────────── */

  async setVoiceCaptureVolume(volume: number): Promise<void> {
    this.usable();
    const v = assertVolume(volume, 'Capture volume');
    await this.#voice.run(async () => {
      if (this.host.microphoneOn) {
        const client = await this.host.client();
        await this.host.call(client.updateLocalAudio({ option: { captureVolume: v } }), 'changing the microphone’s capture volume');
      }
      this.#captureVolume = v;
    });
  }

  /** 0 only: TRTC's Web SDK has no reverb. */
  async setVoiceReverbType(type: VoiceReverbType): Promise<void> {
    this.usable();
    const t = assertInteger(type, 0, 11, 'Reverb type') as VoiceReverbType;
    if (t !== 0) throw unsupported('voice reverb (TRTC’s Web SDK has none)');
    this.#reverb = t;
  }

  async setVoiceChangerType(type: VoiceChangerType): Promise<void> {
    this.usable();
    const t = assertInteger(type, 0, 11, 'Voice changer type') as VoiceChangerType;
    await this.#voice.run(async () => {
      await this.#applyChanger(t);
      this.#changer = t;
      this.announce();
    });
  }

  /** Voice settings now (for UIs). */
  getVoiceSettings(): { captureVolume: number; reverb: VoiceReverbType; changer: VoiceChangerType } {
    return { captureVolume: this.#captureVolume, reverb: this.#reverb, changer: this.#changer };
  }

  dispose(): void {
    if (!this.retire()) return;
    for (const kind of ['music', 'effect'] as const) {
      for (const track of this.#tracks[kind].values()) if (track.started && track.client) void track.client.stopPlugin('AudioMixer', { id: track.mixerId }).catch(() => undefined);
      this.#tracks[kind].clear();
    }
    const changer = this.#changerRunning;
    this.#changerRunning = undefined;
    if (changer) void changer.client.stopPlugin('VoiceChanger').catch(() => undefined);
    this.clear();
  }

  /* ───────────── engine hooks ───────────── */

  microphoneStarted(): Promise<void> {
    return this.#retryChanger();
  }

  joined(): Promise<void> {
    return this.#retryChanger();
  }

  microphoneStopping(): Promise<void> {
    return this.settle(this.#voice, async () => {
      const changer = this.#changerRunning;
      this.#changerRunning = undefined;
      // The plugin is stopped before the microphone closes (as the SDK asks); its type is kept.
      if (changer) await this.host.call(changer.client.stopPlugin('VoiceChanger'), 'stopping the voice changer').catch(() => undefined);
    });
  }

  /** Leaving the room: music and sound effects end (music with `complete`, err NOT_IN_ROOM). */
  async leaving(): Promise<void> {
    const playing = [...this.#tracks.music.values()].filter((t) => t.started).map((t) => t.id);
    const all = (['music', 'effect'] as const).flatMap((kind) => [...this.#tracks[kind].keys()].map((id) => this.#stop(kind, id).catch(() => undefined)));
    await Promise.all(all);
    for (const id of playing) this.emit('complete', { id, err: ErrorCode.NOT_IN_ROOM });
  }

  clientLost(): void {
    const music = [...this.#tracks.music.values()].filter((t) => t.started).map((t) => t.id);
    this.#tracks.music.clear();
    this.#tracks.effect.clear();
    this.#changerRunning = undefined;
    for (const id of music) this.emit('complete', { id, err: ErrorCode.CONNECTION_LOST });
    this.announce();
  }

  /* ───────────── internals ───────────── */

  /** What music and effects have in common, checked (61001). */
  #trackParams(kind: Kind, params: MusicParam | AudioEffectParam): { id: number; path: string; loops: number; publish: boolean } {
    this.usable();
    const call = kind === 'music' ? 'startPlayMusic' : 'playAudioEffect';
    if (!params || typeof params !== 'object') throw new LiveError(ErrorCode.INVALID_ARGUMENT, `${call} needs { id, path }.`);
    const id = assertId(params.id, kind === 'music' ? 'Music ID' : 'Effect ID');
    const path = assertPath(params.path);
    const loops = assertLoopCount(params.loopCount);
    return { id, path, loops, publish: assertBoolean(params.publish, true, 'publish') };
  }

  /** A started music or effect, else INVALID_ARGUMENT. */
  #playing(kind: Kind, id: number): Track {
    assertId(id, kind === 'music' ? 'Music ID' : 'Effect ID');
    const track = this.#tracks[kind].get(id);
    if (!track?.started) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `No ${label[kind]} with ID ${id} is playing.`);
    return track;
  }

  /** Starts a track in AudioMixer; false when it was stopped or replaced meanwhile. Throws a LiveError. */
  async #start(kind: Kind, id: number, path: string, loops: number, volume: number, startMS: number): Promise<boolean> {
    const tracks = this.#tracks[kind];
    const previous = tracks.get(id);
    const track: Track = { kind, id, mixerId: mixerId(kind, id, path), loopsLeft: loops, started: false, paused: false, positionMS: startMS, durationMS: 0 };
    tracks.set(id, track);
    const current = () => tracks.get(id) === track && !this.disposed;
    try {
      const client = await this.host.client();
      track.client = client;
      if (previous?.started) await this.#mixerStop(previous);
      const options: AudioMixerStartOptions = {
        id: track.mixerId,
        url: path,
        loop: loops === -1,
        volume: volume / 100,
        onTimeUpdate: (currentTime, duration) => this.#timeUpdate(track, currentTime, duration),
        onDurationChange: (duration) => {
          if (tracks.get(id) === track && ms(duration)) track.durationMS = ms(duration);
        },
        onEnded: () => this.#ended(track),
      };
      const what = `starting the ${label[kind]} ${id}`;
      await this.host.call(client.startPlugin('AudioMixer', options), what);
      if (!current()) {
        // Stopped or replaced while it started: take it out again (unless its replacement shares its source).
        if (![...tracks.values()].some((t) => t.mixerId === track.mixerId)) void client.stopPlugin('AudioMixer', { id: track.mixerId }).catch(() => undefined);
        return false;
      }
      track.started = true;
      if (startMS > 0) await this.#update(track, { seekFrom: startMS / 1000 }, what);
    } catch (error) {
      if (tracks.get(id) === track) {
        tracks.delete(id);
        if (track.started && track.client) void track.client.stopPlugin('AudioMixer', { id: track.mixerId }).catch(() => undefined);
      }
      this.announce();
      throw toLiveError(error, ErrorCode.MEDIA_FAILED);
    }
    this.announce();
    return true;
  }

  async #stop(kind: Kind, id: number): Promise<void> {
    const track = this.#tracks[kind].get(id);
    if (!track) return;
    this.#tracks[kind].delete(id);
    try {
      if (track.started) await this.#mixerStop(track);
    } finally {
      this.announce();
    }
  }

  #mixerStop(track: Track): Promise<unknown> {
    return this.host.call(track.client!.stopPlugin('AudioMixer', { id: track.mixerId }), `stopping the ${label[track.kind]} ${track.id}`);
  }

  #update(track: Track, change: { operation?: 'pause' | 'resume'; seekFrom?: number; volume?: number }, what: string): Promise<unknown> {
    return this.host.call(track.client!.updatePlugin('AudioMixer', { id: track.mixerId, ...change }), what);
  }

  #timeUpdate(track: Track, currentTime: number, duration: number): void {
    if (this.#tracks[track.kind].get(track.id) !== track) return;
    track.positionMS = ms(currentTime);
    if (ms(duration)) track.durationMS = ms(duration);
    if (track.kind === 'music' && track.started && !track.paused) this.emit('progress', { id: track.id, curPtsMS: track.positionMS, durationMS: track.durationMS });
  }

  /** One pass ended (AudioMixer does not report it while looping). */
  #ended(track: Track): void {
    const tracks = this.#tracks[track.kind];
    if (tracks.get(track.id) !== track || !track.started) return;
    if (track.loopsLeft > 0) {
      track.loopsLeft--;
      void this.#update(track, { operation: 'resume', seekFrom: 0 }, `replaying the ${label[track.kind]} ${track.id}`).catch((error: unknown) => this.#failed(track, error));
      return;
    }
    if (track.loopsLeft < 0) return;
    tracks.delete(track.id);
    void this.#mixerStop(track).catch(() => undefined);
    this.announce();
    if (track.kind === 'music') {
      this.emit('progress', { id: track.id, curPtsMS: track.durationMS, durationMS: track.durationMS });
      this.emit('complete', { id: track.id, err: 0 });
    } else this.emit('effect-complete', { id: track.id });
  }

  /** A replay failed: the track ends with the error. */
  #failed(track: Track, error: unknown): void {
    const tracks = this.#tracks[track.kind];
    if (tracks.get(track.id) !== track) return;
    tracks.delete(track.id);
    void this.#mixerStop(track).catch(() => undefined);
    this.announce();
    const failure = toLiveError(error, ErrorCode.MEDIA_FAILED);
    if (track.kind === 'music') this.emit('complete', { id: track.id, err: failure.code });
    else this.emit('effect-complete', { id: track.id });
    this.emit('error', { error: failure });
  }

  /** Starts, changes or stops the VoiceChanger for `type`, when the microphone and a room allow; throws a LiveError. */
  async #applyChanger(type: VoiceChangerType): Promise<void> {
    const running = this.#changerRunning;
    if (type === 0) {
      if (!running) return;
      await this.host.call(running.client.stopPlugin('VoiceChanger'), 'stopping the voice changer');
      this.#changerRunning = undefined;
      return;
    }
    if (running) {
      if (running.type === type) return;
      await this.host.call(running.client.updatePlugin('VoiceChanger', { voiceType: type }), 'changing the voice (VoiceChanger)');
      running.type = type;
      return;
    }
    const credentials = this.host.credentials;
    if (!this.host.microphoneOn || !credentials) return;
    const client = await this.host.client();
    await this.host.usePlugin(client, 'VoiceChanger');
    const { sdkAppId, userId, userSig } = credentials;
    await this.host.call(client.startPlugin('VoiceChanger', { sdkAppId, userId, userSig, voiceType: type }), 'changing the voice (VoiceChanger)');
    this.#changerRunning = { client, type };
  }

  /** The microphone opened or a room was entered: start the voice changer if it waits for that. */
  #retryChanger(): Promise<void> {
    return this.settle(this.#voice, async () => {
      if (this.#changer === 0 || this.#changerRunning) return;
      await this.#applyChanger(this.#changer);
    });
  }
}
