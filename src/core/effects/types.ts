/**
 * The media effects managers, vendor-neutral: TRTCLiveRoom's `getBeautyManager()`
 * (TXBeautyManager) and `getAudioEffectManager()` (TXAudioEffectManager).
 *
 * An engine may bring its own implementation (the Tencent engine drives the SDK's
 * BasicBeauty and AudioMixer plugins) through `MediaEngine.createBeautyManager` /
 * `createAudioEffectManager`. Engines that only offer a processing stage
 * (`MediaEngine.setVideoProcessor` / `setAudioProcessor`, as the local engine does) get the
 * kit's own managers: WebGL beauty (`beauty-manager.ts`) and a Web Audio mixer
 * (`audio-effect-manager.ts`). Either way the store hands out the same interfaces.
 *
 * Rules every implementation follows:
 * - Setters validate first and reject with `LiveError` `INVALID_ARGUMENT` (61001) without
 *   changing anything; they resolve once the change is in effect (for example once the stage is
 *   inserted into, or removed from, what is published).
 * - Failures after a call returned (a lost WebGL context, a music file that stops decoding)
 *   are `error` events carrying a `LiveError`.
 * - When every effect is off, no processing happens: the camera's and microphone's own tracks
 *   are what is previewed and published.
 */
import type { Emitter } from '../engines/types.js';
import type { LiveError } from '../errors.js';

/* ───────────── beauty ───────────── */

/** TXBeautyStyle: 0 smooth (strong smoothing), 1 natural (keeps detail), 2 hazy (soft glow). */
export type BeautyStyle = 0 | 1 | 2;

/** The kit's built-in colour looks (procedural 64-cube LUTs). */
export type BuiltInFilter = 'warm' | 'cool' | 'mono' | 'vintage';

/**
 * A colour look-up table: a built-in look, `'none'`, or a 512×512 image holding a 64×64×64
 * cube as 8×8 tiles of 64×64 (blue selects the tile, red runs left→right and green top→bottom
 * inside a tile: the common "lookup.png" layout).
 */
export type BeautyFilter = 'none' | BuiltInFilter | ImageBitmap | HTMLImageElement | HTMLCanvasElement | OffscreenCanvas;

export interface BeautySettings {
  style: BeautyStyle;
  /** Smoothing 0–9. */
  beauty: number;
  /** Brightening 0–9. */
  whiteness: number;
  /** Rosy tint 0–9. */
  ruddy: number;
  /** Sharpening 0–9. */
  sharpness: number;
  /** The filter in use: `'none'`, a built-in name, or `'custom'` for an image LUT. */
  filter: 'none' | BuiltInFilter | 'custom';
  /** How much of the filter's look is applied, 0–1. */
  filterStrength: number;
}

export interface BeautyManagerEvents {
  /** The settings changed (also fired by `reset()`). */
  change: { settings: BeautySettings };
  /** Processing started (`true`) or stopped (`false`): the published track is processed or the camera's own. */
  active: { active: boolean };
  error: { error: LiveError };
}

export interface BeautyManager extends Emitter<BeautyManagerEvents> {
  /** setBeautyStyle: 0 smooth, 1 natural, 2 hazy. */
  setBeautyStyle(style: BeautyStyle): Promise<void>;
  /** setBeautyLevel: skin smoothing, 0 (off) – 9. */
  setBeautyLevel(level: number): Promise<void>;
  /** setWhitenessLevel: brightening, 0 (off) – 9. */
  setWhitenessLevel(level: number): Promise<void>;
  /** setRuddyLevel: rosy tint, 0 (off) – 9. */
  setRuddyLevel(level: number): Promise<void>;
  /** setSharpnessLevel: sharpening, 0 (off) – 9. */
  setSharpnessLevel(level: number): Promise<void>;
  /** setFilter: a colour LUT (512×512 image), a built-in look, or `'none'`. */
  setFilter(filter: BeautyFilter): Promise<void>;
  /** setFilterStrength: 0 (off) – 1 (full look). */
  setFilterStrength(strength: number): Promise<void>;
  /** Everything back to 0 / `'none'`: the stage is removed. */
  reset(): Promise<void>;
  getSettings(): BeautySettings;
  /** Whether frames are being processed now. */
  readonly active: boolean;
  /** Removes the stage and frees what it holds; the manager cannot be used afterwards. */
  dispose(): void;
}

/* ───────────── audio effects ───────────── */

/** TXAudioMusicParam. */
export interface MusicParam {
  /** Your own numeric ID for this music (several may play at once). */
  id: number;
  /** URL of the audio file (anything the browser decodes: WAV, MP3, AAC, Ogg…). */
  path: string;
  /** Extra plays after the first: 0 plays once, 1 twice…; -1 loops until stopped. Default 0. */
  loopCount?: number;
  /** Whether viewers hear it (mixed into the published audio). Default true. */
  publish?: boolean;
  /** Short file: decoded in full (exact seeking, no streaming); else streamed through a media element. Default false. */
  isShortFile?: boolean;
  /** Where to start (ms). Default 0. */
  startTimeMS?: number;
}

/** TXAudioEffectParam: a short sound played on demand; several can play at once. */
export interface AudioEffectParam {
  id: number;
  path: string;
  /** Extra plays after the first (-1: until stopped). Default 0. */
  loopCount?: number;
  /** Whether viewers hear it. Default true. */
  publish?: boolean;
  /** 0–100. Default 100. */
  volume?: number;
  /** Whether the anchor hears it through the speaker. Default false (no echo into the mic). */
  playout?: boolean;
}

/**
 * TXVoiceReverbType: 0 none, 1 KTV, 2 small room, 3 great hall, 4 deep, 5 loud, 6 metallic,
 * 7 magnetic, 8 ethereal, 9 studio, 10 melodious, 11 studio 2.
 */
export type VoiceReverbType = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;

/**
 * TXVoiceChangeType: 0 none, 1 naughty child, 2 little girl, 3 uncle, 4 heavy metal, 5 cold,
 * 6 foreign accent, 7 trapped beast, 8 fatso, 9 strong current, 10 heavy machinery,
 * 11 ethereal. The local implementation approximates them with filters, ring modulation and
 * distortion (no true pitch shifting).
 */
export type VoiceChangerType = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;

export interface AudioEffectManagerEvents {
  /** Music started (`err` 0) or could not start (`err` is a LiveError code). */
  start: { id: number; err: number };
  /** Music position, a few times a second while it plays. */
  progress: { id: number; curPtsMS: number; durationMS: number };
  /** Music finished all its loops (`err` 0) or failed while playing. Not fired for `stopPlayMusic`. */
  complete: { id: number; err: number };
  /** A sound effect finished all its loops. */
  'effect-complete': { id: number };
  /** The published audio is processed (`true`) or the microphone's own track (`false`). */
  active: { active: boolean };
  error: { error: LiveError };
}

export interface AudioEffectManager extends Emitter<AudioEffectManagerEvents> {
  /** Starts background music; resolves once it plays, rejects if it cannot be loaded. Replaces music with the same ID. */
  startPlayMusic(params: MusicParam): Promise<void>;
  stopPlayMusic(id: number): Promise<void>;
  pausePlayMusic(id: number): Promise<void>;
  resumePlayMusic(id: number): Promise<void>;
  seekMusicToPosInMS(id: number, ms: number): Promise<void>;
  /** What the anchor hears of it locally, 0–100 (default 0: not played through the speaker). */
  setMusicPlayoutVolume(id: number, volume: number): Promise<void>;
  /** Its volume in the published stream, 0–100 (default 100). */
  setMusicPublishVolume(id: number, volume: number): Promise<void>;
  /** Both volumes of every music at once (TRTC's setAllMusicVolume). */
  setAllMusicVolume(volume: number): Promise<void>;
  getMusicDurationInMS(id: number): number;
  getMusicCurrentPosInMS(id: number): number;

  playAudioEffect(params: AudioEffectParam): Promise<void>;
  stopAudioEffect(id: number): Promise<void>;
  stopAllAudioEffects(): Promise<void>;
  setAudioEffectVolume(id: number, volume: number): Promise<void>;

  /** Microphone level in the published stream, 0–100 (default 100). */
  setVoiceCaptureVolume(volume: number): Promise<void>;
  setVoiceReverbType(type: VoiceReverbType): Promise<void>;
  setVoiceChangerType(type: VoiceChangerType): Promise<void>;

  /** Whether the published audio goes through the mixer now. */
  readonly active: boolean;
  /** Stops everything, removes the stage, closes the audio context. */
  dispose(): void;
}
