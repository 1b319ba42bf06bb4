/**
 * The effects managers as the store hands them out: `getBeautyManager()` and
 * `getAudioEffectManager()` answer at once (as in TRTCLiveRoom), but the implementation — WebGL
 * and CPU renderers, LUTs, the Web Audio mixer, voice effects, or the engine's own plugins — is
 * fetched with `import()` on the first call that changes something. A page whose anchor never
 * touches an effect never downloads that code.
 *
 * Until then the getters answer for "everything off" (default settings, not active, no music),
 * which is exactly the state of a manager nobody has used. Events of the implementation are
 * re-emitted by the proxy, so listeners may subscribe before it is loaded.
 */
import { EventSource } from '../emitter.js';
import { ErrorCode, LiveError } from '../errors.js';
import { keepUnlessRejected } from '../keep.js';
import { DEFAULT_BEAUTY_SETTINGS } from './beauty-settings.js';
import type { EffectsEngine } from './create.js';
import type {
  AudioEffectManager,
  AudioEffectManagerEvents,
  AudioEffectParam,
  BeautyFilter,
  BeautyManager,
  BeautyManagerEvents,
  BeautySettings,
  BeautyStyle,
  MusicParam,
  VoiceChangerType,
  VoiceReverbType,
} from './types.js';

/** Loads the implementation on first use and forwards its events. */
class Deferred<T extends { on: EventSource<E>['on']; dispose(): void }, E> extends EventSource<E> {
  #loaded: () => Promise<T>;
  #disposed = false;
  protected impl?: T;

  constructor(load: () => Promise<T>, events: ReadonlyArray<keyof E>) {
    super();
    this.#loaded = keepUnlessRejected(() =>
      load().then((impl) => {
        if (this.#disposed) impl.dispose();
        else {
          this.impl = impl;
          for (const name of events) impl.on(name, (payload) => this.emit(name, payload));
        }
        return impl;
      }),
    );
  }

  /** Runs `action` on the implementation, loading it first; a failed load may be retried by the next call. */
  protected async run<R>(action: (impl: T) => Promise<R>): Promise<R> {
    if (this.#disposed) throw new LiveError(ErrorCode.INVALID_STATE, 'This effects manager was disposed.');
    return action(await this.#loaded());
  }

  dispose(): void {
    this.#disposed = true;
    this.impl?.dispose();
    this.clear();
  }
}

const beautyEvents = ['change', 'active', 'error'] as const satisfies ReadonlyArray<keyof BeautyManagerEvents>;

export class LazyBeautyManager extends Deferred<BeautyManager, BeautyManagerEvents> implements BeautyManager {
  constructor(engine: EffectsEngine) {
    super(() => import('./create.js').then((m) => m.createBeautyManager(engine)), beautyEvents);
  }
  setBeautyStyle(style: BeautyStyle): Promise<void> {
    return this.run((m) => m.setBeautyStyle(style));
  }
  setBeautyLevel(level: number): Promise<void> {
    return this.run((m) => m.setBeautyLevel(level));
  }
  setWhitenessLevel(level: number): Promise<void> {
    return this.run((m) => m.setWhitenessLevel(level));
  }
  setRuddyLevel(level: number): Promise<void> {
    return this.run((m) => m.setRuddyLevel(level));
  }
  setSharpnessLevel(level: number): Promise<void> {
    return this.run((m) => m.setSharpnessLevel(level));
  }
  setFilter(filter: BeautyFilter): Promise<void> {
    return this.run((m) => m.setFilter(filter));
  }
  setFilterStrength(strength: number): Promise<void> {
    return this.run((m) => m.setFilterStrength(strength));
  }
  async reset(): Promise<void> {
    if (this.impl) await this.impl.reset();
  }
  getSettings(): BeautySettings {
    return this.impl?.getSettings() ?? { ...DEFAULT_BEAUTY_SETTINGS };
  }
  get active(): boolean {
    return this.impl?.active ?? false;
  }
}

const audioEvents = ['start', 'progress', 'complete', 'effect-complete', 'active', 'error'] as const satisfies ReadonlyArray<keyof AudioEffectManagerEvents>;

export class LazyAudioEffectManager extends Deferred<AudioEffectManager, AudioEffectManagerEvents> implements AudioEffectManager {
  constructor(engine: EffectsEngine) {
    super(() => import('./create.js').then((m) => m.createAudioEffectManager(engine)), audioEvents);
  }
  startPlayMusic(params: MusicParam): Promise<void> {
    return this.run((m) => m.startPlayMusic(params));
  }
  stopPlayMusic(id: number): Promise<void> {
    return this.run((m) => m.stopPlayMusic(id));
  }
  pausePlayMusic(id: number): Promise<void> {
    return this.run((m) => m.pausePlayMusic(id));
  }
  resumePlayMusic(id: number): Promise<void> {
    return this.run((m) => m.resumePlayMusic(id));
  }
  seekMusicToPosInMS(id: number, ms: number): Promise<void> {
    return this.run((m) => m.seekMusicToPosInMS(id, ms));
  }
  setMusicPlayoutVolume(id: number, volume: number): Promise<void> {
    return this.run((m) => m.setMusicPlayoutVolume(id, volume));
  }
  setMusicPublishVolume(id: number, volume: number): Promise<void> {
    return this.run((m) => m.setMusicPublishVolume(id, volume));
  }
  setAllMusicVolume(volume: number): Promise<void> {
    return this.run((m) => m.setAllMusicVolume(volume));
  }
  getMusicDurationInMS(id: number): number {
    return this.impl?.getMusicDurationInMS(id) ?? 0;
  }
  getMusicCurrentPosInMS(id: number): number {
    return this.impl?.getMusicCurrentPosInMS(id) ?? 0;
  }
  playAudioEffect(params: AudioEffectParam): Promise<void> {
    return this.run((m) => m.playAudioEffect(params));
  }
  stopAudioEffect(id: number): Promise<void> {
    return this.run((m) => m.stopAudioEffect(id));
  }
  async stopAllAudioEffects(): Promise<void> {
    if (this.impl) await this.impl.stopAllAudioEffects();
  }
  setAudioEffectVolume(id: number, volume: number): Promise<void> {
    return this.run((m) => m.setAudioEffectVolume(id, volume));
  }
  setVoiceCaptureVolume(volume: number): Promise<void> {
    return this.run((m) => m.setVoiceCaptureVolume(volume));
  }
  setVoiceReverbType(type: VoiceReverbType): Promise<void> {
    return this.run((m) => m.setVoiceReverbType(type));
  }
  setVoiceChangerType(type: VoiceChangerType): Promise<void> {
    return this.run((m) => m.setVoiceChangerType(type));
  }
  get active(): boolean {
    return this.impl?.active ?? false;
  }
}
