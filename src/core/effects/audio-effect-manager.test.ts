import { expect } from '@open-wc/testing';
import type { MediaProcessor } from '../engines/types.js';
import { ErrorCode } from '../errors.js';
import { LocalAudioEffectManager, type AudioProcessorHost } from './audio-effect-manager.js';
import { stageHost } from './index.js';
import { ProcessingStage } from './stage.js';
import type { AudioEffectManagerEvents } from './types.js';
import { applauseWavUrl, encodeWav, melodyWavUrl, sineMelody } from './wav.js';
import { codeOf } from '../../testing/rejection.js';

class FakeHost implements AudioProcessorHost {
  calls: Array<MediaProcessor | null> = [];
  async setAudioProcessor(processor: MediaProcessor | null): Promise<void> {
    this.calls.push(processor);
  }
}

/** The loudest RMS level (0–1) of `track` over `ms`. */
async function level(track: MediaStreamTrack, ms = 600): Promise<number> {
  const ctx = new AudioContext();
  try {
    await ctx.resume();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    ctx.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const data = new Float32Array(analyser.fftSize);
    let loudest = 0;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      analyser.getFloatTimeDomainData(data);
      let sum = 0;
      for (const x of data) sum += x * x;
      loudest = Math.max(loudest, Math.sqrt(sum / data.length));
    }
    return loudest;
  } finally {
    await ctx.close();
  }
}

function waitFor<E extends keyof AudioEffectManagerEvents>(manager: LocalAudioEffectManager, event: E, predicate: (e: AudioEffectManagerEvents[E]) => boolean = () => true, ms = 8000): Promise<AudioEffectManagerEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(event)} within ${ms} ms`));
    }, ms);
    const off = manager.on(event, (e) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

describe('LocalAudioEffectManager: argument validation', () => {
  it('rejects bad music parameters with INVALID_ARGUMENT and changes nothing', async () => {
    const host = new FakeHost();
    const manager = new LocalAudioEffectManager(host);
    const starts: unknown[] = [];
    manager.on('start', (e) => starts.push(e));
    const path = 'music.wav';
    for (const bad of [
      { id: -1, path },
      { id: 1.5, path },
      { id: '1', path },
      { id: 1, path: '' },
      { id: 1, path: 42 },
      { id: 1, path, loopCount: -2 },
      { id: 1, path, loopCount: 0.5 },
      { id: 1, path, publish: 'yes' },
      { id: 1, path, isShortFile: 1 },
      { id: 1, path, startTimeMS: -5 },
    ]) {
      expect(await codeOf(manager.startPlayMusic(bad as never)), JSON.stringify(bad)).to.equal(ErrorCode.INVALID_ARGUMENT);
    }
    expect(await codeOf(manager.startPlayMusic(undefined as never))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(host.calls).to.deep.equal([]);
    expect(starts).to.deep.equal([]);
    expect(manager.active).to.be.false;
    manager.dispose();
  });

  it('rejects volumes outside 0–100, unknown IDs and unknown presets', async () => {
    const host = new FakeHost();
    const manager = new LocalAudioEffectManager(host);
    for (const bad of [-1, 101, 50.5, NaN, '50', null]) {
      expect(await codeOf(manager.setVoiceCaptureVolume(bad as number)), `capture ${String(bad)}`).to.equal(ErrorCode.INVALID_ARGUMENT);
      expect(await codeOf(manager.setAllMusicVolume(bad as number)), `all ${String(bad)}`).to.equal(ErrorCode.INVALID_ARGUMENT);
      expect(await codeOf(manager.playAudioEffect({ id: 1, path: 'a.wav', volume: bad as number })), `effect ${String(bad)}`).to.equal(ErrorCode.INVALID_ARGUMENT);
    }
    for (const bad of [-1, 12, 1.5]) {
      expect(await codeOf(manager.setVoiceReverbType(bad as 0))).to.equal(ErrorCode.INVALID_ARGUMENT);
      expect(await codeOf(manager.setVoiceChangerType(bad as 0))).to.equal(ErrorCode.INVALID_ARGUMENT);
    }
    expect(await codeOf(manager.pausePlayMusic(7))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.resumePlayMusic(7))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.seekMusicToPosInMS(7, 100))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.setMusicPublishVolume(7, 50))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.setMusicPlayoutVolume(7, 50))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.setAudioEffectVolume(7, 50))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.stopPlayMusic(-3))).to.equal(ErrorCode.INVALID_ARGUMENT);
    await manager.stopPlayMusic(7); // stopping what is not playing is fine
    await manager.stopAudioEffect(7);
    expect(manager.getVoiceSettings()).to.deep.equal({ captureVolume: 100, reverb: 0, changer: 0 });
    expect(host.calls).to.deep.equal([]);
    manager.dispose();
  });

  it('without an audio stage, effects are ENGINE_UNAVAILABLE (defaults stay allowed)', async () => {
    const manager = new LocalAudioEffectManager(undefined);
    expect(await codeOf(manager.startPlayMusic({ id: 1, path: 'a.wav' }))).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(await codeOf(manager.setVoiceReverbType(2))).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    await manager.setVoiceCaptureVolume(100);
    await manager.setVoiceChangerType(0);
    manager.dispose();
    expect(await codeOf(manager.setVoiceCaptureVolume(50))).to.equal(ErrorCode.INVALID_STATE);
  });
});

describe('LocalAudioEffectManager: the mixer in the published audio', function () {
  this.timeout(30_000);
  let mic: MediaStream;
  let stage: ProcessingStage;
  let output: MediaStream;
  let manager: LocalAudioEffectManager;
  const urls: string[] = [];

  beforeEach(async () => {
    mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    stage = new ProcessingStage();
    output = (await stage.setInput(mic))!;
    manager = new LocalAudioEffectManager(stageHost(stage));
  });
  afterEach(() => {
    manager.dispose();
    stage.dispose();
    mic.getTracks().forEach((t) => t.stop());
    for (const url of urls.splice(0)) URL.revokeObjectURL(url);
  });

  function url(make: () => string): string {
    const u = make();
    urls.push(u);
    return u;
  }

  it('mic muted + music: the published track carries the music; when it completes, the mic track is back', async () => {
    const raw = mic.getAudioTracks()[0];
    raw.enabled = false; // as the engine's muteLocalAudio does
    stage.setMuted('audio', true);
    const progress: number[] = [];
    manager.on('progress', (e) => progress.push(e.curPtsMS));
    const complete = waitFor(manager, 'complete', (e) => e.id === 1);
    await manager.startPlayMusic({ id: 1, path: url(() => melodyWavUrl(1.5)), isShortFile: true });
    const mixed = output.getAudioTracks()[0];
    expect(mixed.id).to.not.equal(raw.id);
    expect(manager.active).to.be.true;
    expect(manager.getMusicDurationInMS(1)).to.equal(1500);
    expect(await level(mixed), 'music level').to.be.greaterThan(0.05);
    expect(await complete).to.deep.equal({ id: 1, err: 0 });
    expect(progress.length).to.be.greaterThan(2);
    expect(progress[progress.length - 1]).to.equal(1500);
    expect(output.getAudioTracks()[0].id).to.equal(raw.id);
    expect(manager.active).to.be.false;
  });

  it('publish volume 0 keeps the music out of the published stream', async () => {
    mic.getAudioTracks()[0].enabled = false;
    stage.setMuted('audio', true);
    await manager.startPlayMusic({ id: 2, path: url(() => melodyWavUrl(3)), isShortFile: true, loopCount: -1 });
    const mixed = output.getAudioTracks()[0];
    expect(await level(mixed)).to.be.greaterThan(0.05);
    await manager.setMusicPublishVolume(2, 0);
    expect(await level(mixed)).to.be.lessThan(0.01);
    await manager.stopPlayMusic(2);
    expect(manager.active).to.be.false;
  });

  it('streams long files through a media element: pause, resume, seek, loop, stop', async () => {
    const wav = url(() => URL.createObjectURL(new Blob([encodeWav([sineMelody(48_000, 2)], 48_000)], { type: 'audio/wav' })));
    await manager.startPlayMusic({ id: 3, path: wav, loopCount: 1 });
    expect(manager.getMusicDurationInMS(3)).to.be.closeTo(2000, 20);
    await new Promise((r) => setTimeout(r, 400));
    await manager.pausePlayMusic(3);
    const paused = manager.getMusicCurrentPosInMS(3);
    expect(paused).to.be.greaterThan(100);
    await new Promise((r) => setTimeout(r, 300));
    expect(manager.getMusicCurrentPosInMS(3)).to.equal(paused);
    await manager.seekMusicToPosInMS(3, 1500);
    expect(manager.getMusicCurrentPosInMS(3)).to.be.closeTo(1500, 30);
    const completed = waitFor(manager, 'complete', (e) => e.id === 3, 10_000);
    await manager.resumePlayMusic(3);
    // 0.5 s left of the first pass, then one more pass of 2 s.
    expect(await completed).to.deep.equal({ id: 3, err: 0 });
    expect(manager.active).to.be.false;
  });

  it('several sound effects at once; stopAllAudioEffects removes the stage', async () => {
    const done = waitFor(manager, 'effect-complete', (e) => e.id === 11);
    await manager.playAudioEffect({ id: 10, path: url(() => melodyWavUrl(5)), volume: 80 });
    await manager.playAudioEffect({ id: 11, path: url(() => applauseWavUrl(0.4)) });
    expect(manager.active).to.be.true;
    expect(await level(output.getAudioTracks()[0])).to.be.greaterThan(0.02);
    expect(await done).to.deep.equal({ id: 11 });
    expect(manager.active).to.be.true;
    await manager.setAudioEffectVolume(10, 20);
    await manager.stopAllAudioEffects();
    expect(manager.active).to.be.false;
    expect(output.getAudioTracks()[0].id).to.equal(mic.getAudioTracks()[0].id);
  });

  it('voice settings insert the mixer while they differ from the defaults', async () => {
    const raw = mic.getAudioTracks()[0];
    await manager.setVoiceCaptureVolume(50);
    expect(output.getAudioTracks()[0].id).to.not.equal(raw.id);
    for (const type of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const) await manager.setVoiceReverbType(type);
    for (const type of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const) await manager.setVoiceChangerType(type);
    expect(await level(output.getAudioTracks()[0]), 'the (fake, beeping) mic goes through').to.be.greaterThan(0.005);
    await manager.setVoiceCaptureVolume(100);
    await manager.setVoiceReverbType(0);
    expect(manager.active).to.be.true;
    await manager.setVoiceChangerType(0);
    expect(manager.active).to.be.false;
    expect(output.getAudioTracks()[0].id).to.equal(raw.id);
  });

  it('a file that cannot be decoded rejects with MEDIA_FAILED and says so in a start event', async () => {
    const start = waitFor(manager, 'start', (e) => e.id === 4);
    const garbage = url(() => URL.createObjectURL(new Blob(['this is not audio'], { type: 'audio/wav' })));
    expect(await codeOf(manager.startPlayMusic({ id: 4, path: garbage, isShortFile: true }))).to.equal(ErrorCode.MEDIA_FAILED);
    expect((await start).err).to.equal(ErrorCode.MEDIA_FAILED);
    expect(manager.active).to.be.false;
    expect(output.getAudioTracks()[0].id).to.equal(mic.getAudioTracks()[0].id);
  });
});
