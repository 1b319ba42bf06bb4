/**
 * Media effects: beauty filters (TXBeautyManager) and background music / sound effects /
 * voice effects (TXAudioEffectManager). Framework-free.
 *
 * `createBeautyManager(engine)` / `createAudioEffectManager(engine)` pick, in order: the
 * engine's own implementation (`engine.createBeautyManager()`, e.g. Tencent's plugins), else
 * the kit's own (WebGL / Web Audio) inserted through the engine's processing stage
 * (`engine.setVideoProcessor` / `setAudioProcessor`), else a manager whose setters reject with
 * ENGINE_UNAVAILABLE. For a page without an engine, put a `ProcessingStage` on a captured
 * stream and give it to the managers as their host.
 */
import type { MediaProcessor } from '../engines/types.js';
import type { ProcessingStage } from './stage.js';

export type * from './types.js';
export { LocalBeautyManager, type VideoProcessorHost } from './beauty-manager.js';
export { DEFAULT_BEAUTY_SETTINGS, beautyActive } from './beauty-settings.js';
export { LocalAudioEffectManager, type AudioProcessorHost } from './audio-effect-manager.js';
export { BeautyProcessor, insertableStreamsAvailable, preferredRenderer, type BeautyPipeline, type BeautyRendererKind, type BeautyProcessorOptions, type FrameStats } from './beauty-processor.js';
export { BeautyRenderer, webglAvailable, webglIsSoftware, type BeautyLook } from './beauty-renderer.js';
export { CpuBeautyRenderer } from './beauty-cpu.js';
export { ProcessingStage, type MediaKind } from './stage.js';
export { BUILT_IN_FILTERS, LUT_SIZE, lutPixels, lutCell, applyLook } from './luts.js';
export { sineMelody, encodeWav, melodyWavUrl, applauseWavUrl } from './wav.js';

export { createBeautyManager, createAudioEffectManager } from './create.js';
export { LazyBeautyManager, LazyAudioEffectManager } from './lazy.js';

/** A `ProcessingStage` as the host of both managers (standalone pages, stories). */
export function stageHost(stage: ProcessingStage): { setVideoProcessor(p: MediaProcessor | null): Promise<void>; setAudioProcessor(p: MediaProcessor | null): Promise<void> } {
  return {
    setVideoProcessor: async (p) => void (await stage.setProcessor('video', p)),
    setAudioProcessor: async (p) => void (await stage.setProcessor('audio', p)),
  };
}
