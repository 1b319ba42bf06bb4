import { expect } from '@open-wc/testing';
import type { MediaProcessor } from '../engines/types.js';
import { ErrorCode } from '../errors.js';
import { DEFAULT_BEAUTY_SETTINGS } from './beauty-settings.js';
import { LazyAudioEffectManager, LazyBeautyManager } from './lazy.js';
import { codeOf } from '../../testing/rejection.js';

/** An engine with a processing stage, recording what is inserted (as the local engine does). */
function stageEngine() {
  const video: Array<MediaProcessor | null> = [];
  const audio: Array<MediaProcessor | null> = [];
  return {
    video,
    audio,
    async setVideoProcessor(p: MediaProcessor | null) {
      video.push(p);
    },
    async setAudioProcessor(p: MediaProcessor | null) {
      audio.push(p);
    },
  };
}

describe('LazyBeautyManager: the implementation is fetched on the first change', () => {
  it('answers for "everything off" before anything is loaded, and touches nothing', async () => {
    const engine = stageEngine();
    const manager = new LazyBeautyManager(engine);
    expect(manager.active).to.equal(false);
    expect(manager.getSettings()).to.deep.equal(DEFAULT_BEAUTY_SETTINGS);
    await manager.reset();
    expect(engine.video).to.have.length(0);
    manager.dispose();
  });

  it('forwards a change to the implementation, with its events, and reads its settings afterwards', async () => {
    const engine = stageEngine();
    const manager = new LazyBeautyManager(engine);
    const changes: number[] = [];
    manager.on('change', ({ settings }) => changes.push(settings.whiteness));
    const bad = await codeOf(manager.setWhitenessLevel(12));
    expect(bad).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(manager.getSettings().whiteness).to.equal(0);
    await manager.setWhitenessLevel(4);
    expect(manager.getSettings().whiteness).to.equal(4);
    expect(changes).to.deep.equal([4]);
    manager.dispose();
  });

  it('uses the engine’s own manager when it brings one', async () => {
    const calls: number[] = [];
    const own = new LazyBeautyManager({ createBeautyManager: () => ({ ...fakeBeauty(), setBeautyLevel: async (n: number) => void calls.push(n) }) });
    await own.setBeautyLevel(3);
    expect(calls).to.deep.equal([3]);
  });

  it('refuses with INVALID_STATE once disposed', async () => {
    const manager = new LazyBeautyManager(stageEngine());
    manager.dispose();
    expect(await codeOf(manager.setBeautyLevel(1))).to.equal(ErrorCode.INVALID_STATE);
  });
});

describe('LazyAudioEffectManager', () => {
  it('answers "no music" before loading and validates through the implementation', async () => {
    const manager = new LazyAudioEffectManager(stageEngine());
    expect(manager.active).to.equal(false);
    expect(manager.getMusicDurationInMS(1)).to.equal(0);
    expect(manager.getMusicCurrentPosInMS(1)).to.equal(0);
    await manager.stopAllAudioEffects();
    expect(await codeOf(manager.setVoiceCaptureVolume(101))).to.equal(ErrorCode.INVALID_ARGUMENT);
    manager.dispose();
  });
});

function fakeBeauty() {
  const settings = { ...DEFAULT_BEAUTY_SETTINGS };
  const done = async () => undefined;
  return {
    on: () => () => undefined,
    setBeautyStyle: done,
    setBeautyLevel: done,
    setWhitenessLevel: done,
    setRuddyLevel: done,
    setSharpnessLevel: done,
    setFilter: done,
    setFilterStrength: done,
    reset: done,
    getSettings: () => settings,
    active: false,
    dispose: () => undefined,
  };
}
