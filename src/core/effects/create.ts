/**
 * Which implementation of the effects managers an engine gets: its own
 * (`engine.createBeautyManager()`, e.g. Tencent's plugins), else the kit's own (WebGL / Web
 * Audio) inserted through the engine's processing stage (`setVideoProcessor` /
 * `setAudioProcessor`), else a manager whose setters reject with ENGINE_UNAVAILABLE.
 *
 * The elements reach this module through `lazy.ts`, so its code is fetched only when an effect is
 * first used.
 */
import type { MediaEngine } from '../engines/types.js';
import { LocalAudioEffectManager } from './audio-effect-manager.js';
import { LocalBeautyManager } from './beauty-manager.js';
import type { AudioEffectManager, BeautyManager } from './types.js';

export type EffectsEngine = Pick<MediaEngine, 'setVideoProcessor' | 'setAudioProcessor' | 'createBeautyManager' | 'createAudioEffectManager'>;

/** The beauty manager for `engine` (see the module comment for which implementation). */
export async function createBeautyManager(engine: EffectsEngine): Promise<BeautyManager> {
  const own = await engine.createBeautyManager?.();
  if (own) return own;
  const set = engine.setVideoProcessor?.bind(engine);
  return new LocalBeautyManager(set ? { setVideoProcessor: set } : undefined);
}

/** The audio effect manager for `engine` (see the module comment for which implementation). */
export async function createAudioEffectManager(engine: EffectsEngine): Promise<AudioEffectManager> {
  const own = await engine.createAudioEffectManager?.();
  if (own) return own;
  const set = engine.setAudioProcessor?.bind(engine);
  return new LocalAudioEffectManager(set ? { setAudioProcessor: set } : undefined);
}

