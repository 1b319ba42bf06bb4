import { expect } from '@open-wc/testing';
import type { MediaProcessor } from '../engines/types.js';
import { ErrorCode, LiveError } from '../errors.js';
import { LocalBeautyManager } from './beauty-manager.js';
import { stageHost } from './index.js';
import { ProcessingStage } from './stage.js';

/** Mean luma (0–255) of what a track shows, a few frames after it started. */
async function meanLuma(track: MediaStreamTrack, settleFrames = 4): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  document.body.append(video);
  try {
    await video.play();
    for (let i = 0; i < settleFrames; i++) await new Promise((resolve) => video.requestVideoFrameCallback(() => resolve(undefined)));
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
    return sum / (data.length / 4);
  } finally {
    video.srcObject = null;
    video.remove();
  }
}

describe('ProcessingStage', function () {
  this.timeout(20_000);
  let camera: MediaStream;

  beforeEach(async () => {
    camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
  });
  afterEach(() => camera.getTracks().forEach((t) => t.stop()));

  it('without processors the output holds the raw tracks themselves', async () => {
    const stage = new ProcessingStage();
    const output = (await stage.setInput(camera))!;
    expect(output === camera).to.be.false;
    expect(output.getVideoTracks()[0].id).to.equal(camera.getVideoTracks()[0].id);
    expect(output.getAudioTracks()[0]).to.equal(camera.getAudioTracks()[0]);
    stage.dispose();
  });

  for (const pipeline of ['insertable', 'element'] as const) {
    for (const renderer of ['cpu', 'webgl'] as const) {
      it(`beauty (${pipeline} pipeline, ${renderer}): brighter frames while on, the camera's own track when all is 0`, async () => {
        const stage = new ProcessingStage();
        const output = (await stage.setInput(camera))!;
        const raw = camera.getVideoTracks()[0];
        const manager = new LocalBeautyManager(stageHost(stage), { pipeline, renderer });
        const before = await meanLuma(raw);
        await manager.setWhitenessLevel(9);
        const processed = output.getVideoTracks()[0];
        expect(processed.id).to.not.equal(raw.id);
        expect(stage.output === output, 'the same stream object, tracks swapped').to.be.true;
        const after = await meanLuma(processed);
        expect(after - before, `luma ${before.toFixed(1)} → ${after.toFixed(1)}`).to.be.greaterThan(15);
        const stats = manager.frameStats();
        expect(stats.frames).to.be.greaterThan(0);
        expect(stats.pipeline).to.equal(pipeline);
        expect(stats.renderer).to.equal(renderer);
        await manager.setWhitenessLevel(0);
        expect(output.getVideoTracks()).to.have.length(1);
        expect(output.getVideoTracks()[0].id).to.equal(raw.id);
        expect(processed.readyState).to.equal('ended');
        manager.dispose();
        stage.dispose();
      });
    }
  }

  it('every setting renders (smoothing styles, rosy, sharpness, each built-in filter)', async () => {
    const stage = new ProcessingStage();
    const output = (await stage.setInput(camera))!;
    const manager = new LocalBeautyManager(stageHost(stage), { renderer: 'cpu' });
    for (const style of [0, 1, 2] as const) {
      await manager.setBeautyStyle(style);
      await manager.setBeautyLevel(9);
    }
    await manager.setRuddyLevel(9);
    await manager.setSharpnessLevel(9);
    for (const filter of ['warm', 'cool', 'mono', 'vintage'] as const) {
      await manager.setFilter(filter);
      await manager.setFilterStrength(1);
    }
    const luma = await meanLuma(output.getVideoTracks()[0]);
    expect(luma).to.be.greaterThan(0);
    expect(manager.active).to.be.true;
    await manager.reset();
    expect(output.getVideoTracks()[0].id).to.equal(camera.getVideoTracks()[0].id);
    manager.dispose();
    stage.dispose();
  });

  it('a new capture keeps the processor running on the new camera track', async () => {
    const stage = new ProcessingStage();
    await stage.setInput(camera);
    const manager = new LocalBeautyManager(stageHost(stage));
    await manager.setRuddyLevel(5);
    const second = await navigator.mediaDevices.getUserMedia({ video: true });
    try {
      const output = (await stage.setInput(second))!;
      const track = output.getVideoTracks()[0];
      expect(track.id).to.not.equal(second.getVideoTracks()[0].id);
      expect(track.readyState).to.equal('live');
      expect(await meanLuma(track)).to.be.greaterThan(0);
    } finally {
      manager.dispose();
      stage.dispose();
      second.getTracks().forEach((t) => t.stop());
    }
  });

  it('a processor that fails to start leaves the raw track in place and reports why', async () => {
    const errors: LiveError[] = [];
    const stage = new ProcessingStage((e) => errors.push(e));
    const output = (await stage.setInput(camera))!;
    const broken: MediaProcessor = {
      start: async () => {
        throw new Error('no GPU');
      },
      stop: () => undefined,
    };
    expect(await stage.setProcessor('video', broken)).to.be.false;
    expect(output.getVideoTracks()[0].id).to.equal(camera.getVideoTracks()[0].id);
    expect(errors).to.have.length(1);
    expect(errors[0].code).to.equal(ErrorCode.MEDIA_FAILED);
    expect(stage.processing('video')).to.be.false;
    stage.dispose();
  });

  it('muting video disables the processed track; muting audio only tells the processor', async () => {
    const stage = new ProcessingStage();
    const output = (await stage.setInput(camera))!;
    const manager = new LocalBeautyManager(stageHost(stage));
    await manager.setWhitenessLevel(2);
    stage.setMuted('video', true);
    expect(output.getVideoTracks()[0].enabled).to.be.false;
    stage.setMuted('video', false);
    expect(output.getVideoTracks()[0].enabled).to.be.true;
    const mutes: boolean[] = [];
    const audio: MediaProcessor = {
      start: async (input) => input.clone(),
      stop: () => undefined,
      setMuted: (m) => mutes.push(m),
    };
    await stage.setProcessor('audio', audio);
    stage.setMuted('audio', true);
    expect(mutes).to.deep.equal([false, true]);
    expect(output.getAudioTracks()[0].enabled, 'the published audio track stays enabled').to.be.true;
    manager.dispose();
    stage.dispose();
  });
});
