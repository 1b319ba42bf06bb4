/**
 * The Tencent engine's effects managers on the SDK fakes: TXBeautyManager over the BasicBeauty
 * plugin, TXAudioEffectManager over AudioMixer, VoiceChanger and the capture volume; what each
 * kit call becomes in the SDK, what is refused (and how), when plugins start and stop, and that
 * the store hands these managers out on a Tencent session.
 */
import { expect } from '@open-wc/testing';
import { mixerId, type TencentAudioEffectManager } from '../../src/core/engines/tencent/audio-effects.js';
import { createTencentEngines, enableTencentEngine, type TencentEngineOptions } from '../../src/core/engines/tencent/index.js';
import type { ChatSdk, TrtcSdk } from '../../src/core/engines/tencent/sdk.js';
import { provideTencentEngines } from '../../src/core/engines/tencent/slot.js';
import type { Emitter } from '../../src/core/engines/types.js';
import type { AudioEffectManager, AudioEffectManagerEvents, BeautyManager, BeautyManagerEvents } from '../../src/core/effects/types.js';
import { ErrorCode } from '../../src/core/errors.js';
import { LiveRoomStore } from '../../src/core/store/live-room-store.js';
import { Session } from '../../src/core/store/session.js';
import { numericRoom } from '../../src/core/validation.js';
import { rejection } from './contract.js';
import { FakeTencentCloud, type FakeTRTC } from './fake-sdk.js';

let count = 0;
let made: Array<ReturnType<typeof createTencentEngines>> = [];

function make(options: TencentEngineOptions = {}, cloud = new FakeTencentCloud()) {
  const userId = `fx${++count}`;
  const engines = createTencentEngines(
    { timeoutMs: 2000, ...options },
    { loadTrtc: async (): Promise<TrtcSdk> => cloud.trtcSdk(), loadChat: async (): Promise<ChatSdk> => cloud.chatSdk() },
  );
  made.push(engines);
  const media = engines.media;
  const credentials = { userId, sdkAppId: cloud.sdkAppId, userSig: cloud.userSig(userId) };
  return {
    cloud,
    media,
    credentials,
    client: (): FakeTRTC => cloud.trtcClients[0]!,
    join: () => media.join({ room: numericRoom(900 + count), role: 'anchor', scene: 'live', credentials }),
  };
}

type EventsOf<S> = S extends BeautyManager ? BeautyManagerEvents : S extends AudioEffectManager ? AudioEffectManagerEvents : never;

/** Everything `source` emits as `event` from now on. */
function seen<S extends BeautyManager | AudioEffectManager, E extends keyof EventsOf<S>>(source: S, event: E): Array<EventsOf<S>[E]> {
  const list: Array<EventsOf<S>[E]> = [];
  (source as unknown as Emitter<EventsOf<S>>).on(event, (payload) => list.push(payload));
  return list;
}

/** Waits until `condition` holds (engine hooks that involve the network run in the background). */
async function until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The plugin calls of `client` for `plugin`, as `op options` with the options' JSON (callbacks left out). */
function calls(client: FakeTRTC, plugin: string): string[] {
  return client.pluginCalls.filter((c) => c.plugin === plugin).map((c) => `${c.op}${c.options === undefined ? '' : ` ${JSON.stringify(c.options)}`}`);
}

afterEach(async () => {
  for (const engines of made.splice(0)) {
    await engines.media.leave().catch(() => undefined);
    engines.media.destroy();
    engines.chat.destroy();
  }
});

describe('Tencent effects: beauty (BasicBeauty)', () => {
  it('a plugin that cannot be fetched: ENGINE_UNAVAILABLE in words, settings unchanged, and the next call fetches again', async () => {
    const cloud = new FakeTencentCloud();
    let attempts = 0;
    const sdk = cloud.trtcSdk();
    const engines = createTencentEngines(
      { timeoutMs: 2000 },
      {
        loadTrtc: async (): Promise<TrtcSdk> => ({
          ...sdk,
          loadPlugin: {
            ...sdk.loadPlugin,
            BasicBeauty: async () => {
              if (++attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
              return sdk.loadPlugin!.BasicBeauty!();
            },
          },
        }),
        loadChat: async (): Promise<ChatSdk> => cloud.chatSdk(),
      },
    );
    made.push(engines);
    await engines.media.startLocalMedia({ video: true, audio: false });
    const beauty = await engines.media.createBeautyManager();
    const error = await rejection(beauty.setBeautyLevel(5));
    expect(error.code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(error.message).to.equal('TRTC’s BasicBeauty plugin could not be loaded: is the page online? (Failed to fetch dynamically imported module)');
    expect(beauty.getSettings().beauty).to.equal(0);
    expect(beauty.active).to.equal(false);
    await beauty.setBeautyLevel(5);
    expect(attempts).to.equal(2);
    expect(beauty.active).to.equal(true);
  });

  it('levels map to BasicBeauty’s 0–1 options (level / 9): the first starts the plugin, later ones update it', async () => {
    const m = make();
    await m.media.startLocalMedia({ video: true, audio: false });
    const beauty = await m.media.createBeautyManager();
    const active = seen(beauty, 'active');
    const changes = seen(beauty, 'change');
    // The plugin (~38 KB gzip) is fetched on the first level above 0, not with the SDK.
    expect(m.cloud.basicBeautyLoads).to.equal(0);
    expect(m.client().registered.has('BasicBeauty')).to.equal(false);
    await beauty.setBeautyLevel(9);
    expect(m.cloud.basicBeautyLoads).to.equal(1);
    expect(beauty.active).to.equal(true);
    expect(m.client().beauty).to.deep.equal({ beauty: 1, brightness: 0, ruddy: 0 });
    await beauty.setWhitenessLevel(3);
    await beauty.setRuddyLevel(6);
    expect(m.client().beauty).to.deep.equal({ beauty: 1, brightness: 3 / 9, ruddy: 6 / 9 });
    expect(calls(m.client(), 'BasicBeauty')).to.deep.equal([
      `start ${JSON.stringify({ beauty: 1, brightness: 0, ruddy: 0 })}`,
      `update ${JSON.stringify({ beauty: 1, brightness: 3 / 9, ruddy: 0 })}`,
      `update ${JSON.stringify({ beauty: 1, brightness: 3 / 9, ruddy: 6 / 9 })}`,
    ]);
    // The same value again changes nothing and calls nothing.
    await beauty.setRuddyLevel(6);
    expect(calls(m.client(), 'BasicBeauty')).to.have.length(3);
    expect(m.cloud.basicBeautyLoads).to.equal(1);
    expect(active).to.deep.equal([{ active: true }]);
    expect(changes.map((c) => [c.settings.beauty, c.settings.whiteness, c.settings.ruddy])).to.deep.equal([
      [9, 0, 0],
      [9, 3, 0],
      [9, 3, 6],
    ]);
  });

  it('all levels back at 0 stop the plugin (active false); reset() does too; dispose() stops it', async () => {
    const m = make();
    await m.media.startLocalMedia({ video: true, audio: false });
    const beauty = await m.media.createBeautyManager();
    const active = seen(beauty, 'active');
    await beauty.setBeautyLevel(2);
    await beauty.setRuddyLevel(1);
    await beauty.setBeautyLevel(0);
    expect(beauty.active).to.equal(true);
    await beauty.setRuddyLevel(0);
    expect(beauty.active).to.equal(false);
    expect(m.client().beauty).to.equal(undefined);
    expect(calls(m.client(), 'BasicBeauty').at(-1)).to.equal('stop');
    await beauty.setWhitenessLevel(5);
    await beauty.reset();
    expect(m.client().beauty).to.equal(undefined);
    expect(beauty.getSettings()).to.include({ beauty: 0, whiteness: 0, ruddy: 0 });
    expect(active).to.deep.equal([{ active: true }, { active: false }, { active: true }, { active: false }]);
    await beauty.setBeautyLevel(4);
    beauty.dispose();
    await new Promise((r) => setTimeout(r, 0));
    expect(m.client().beauty).to.equal(undefined);
    expect(await rejection(beauty.setBeautyLevel(1))).to.have.property('code', ErrorCode.INVALID_STATE);
  });

  it('invalid levels are INVALID_ARGUMENT (61001): nothing changes, no plugin call', async () => {
    const m = make();
    await m.media.startLocalMedia({ video: true, audio: false });
    const beauty = await m.media.createBeautyManager();
    const changes = seen(beauty, 'change');
    for (const bad of [10, -1, 2.5, Number.NaN, '3' as unknown as number, undefined as unknown as number]) {
      const error = await rejection(beauty.setBeautyLevel(bad));
      expect(error.code, String(bad)).to.equal(ErrorCode.INVALID_ARGUMENT);
      expect(error.message).to.match(/Beauty level must be an integer from 0 to 9/);
    }
    expect((await rejection(beauty.setWhitenessLevel(99))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect((await rejection(beauty.setFilterStrength(1.5))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(m.client().pluginCalls).to.deep.equal([]);
    expect(changes).to.deep.equal([]);
    expect(beauty.getSettings().beauty).to.equal(0);
  });

  it('a plugin that fails: a typed rejection in words, settings and plugin as they were', async () => {
    const m = make();
    await m.media.startLocalMedia({ video: true, audio: false });
    const beauty = await m.media.createBeautyManager();
    m.cloud.script.plugin = { plugin: 'BasicBeauty', op: 'start', code: 5200, message: 'WebGL2 is not supported' };
    const refused = await rejection(beauty.setBeautyLevel(5));
    expect(refused.code).to.equal(ErrorCode.WEBRTC_UNSUPPORTED);
    expect(refused.message).to.match(/beauty filter/).and.match(/SDK 5200: WebGL2 is not supported/);
    expect(beauty.getSettings().beauty).to.equal(0);
    expect(beauty.active).to.equal(false);

    m.cloud.script.plugin = { plugin: 'BasicBeauty', op: 'update', code: 5999, message: 'render error' };
    await beauty.setBeautyLevel(5).catch(() => undefined); // start is not scripted to fail any more
    expect(m.client().beauty).to.deep.equal({ beauty: 5 / 9, brightness: 0, ruddy: 0 });
    const failed = await rejection(beauty.setBeautyLevel(7));
    expect(failed.code).to.equal(ErrorCode.MEDIA_FAILED);
    expect(failed.message).to.match(/changing the beauty filter/);
    expect(beauty.getSettings().beauty).to.equal(5);
    expect(m.client().beauty).to.deep.equal({ beauty: 5 / 9, brightness: 0, ruddy: 0 });
    expect(beauty.active).to.equal(true);
  });

  it('set before the camera starts: kept, applied when it starts; stopped before it closes, started again when it reopens', async () => {
    const m = make();
    const beauty = await m.media.createBeautyManager();
    const active = seen(beauty, 'active');
    await beauty.setBeautyLevel(5);
    await beauty.setRuddyLevel(2);
    expect(beauty.active).to.equal(false);
    expect(beauty.getSettings()).to.include({ beauty: 5, ruddy: 2 });
    expect(m.cloud.trtcClients).to.have.length(0); // nothing loaded for settings alone
    await m.media.startLocalMedia({ video: true, audio: true });
    expect(m.client().beauty).to.deep.equal({ beauty: 5 / 9, brightness: 0, ruddy: 2 / 9 });
    expect(beauty.active).to.equal(true);
    // The fake refuses stopLocalVideo while BasicBeauty runs: the plugin must stop first.
    await m.media.stopLocalMedia();
    expect(beauty.active).to.equal(false);
    expect(m.client().beauty).to.equal(undefined);
    await beauty.setWhitenessLevel(1);
    expect(calls(m.client(), 'BasicBeauty')).to.deep.equal([`start ${JSON.stringify({ beauty: 5 / 9, brightness: 0, ruddy: 2 / 9 })}`, 'stop']);
    await m.media.startLocalMedia({ video: true, audio: false });
    expect(m.client().beauty).to.deep.equal({ beauty: 5 / 9, brightness: 1 / 9, ruddy: 2 / 9 });
    expect(active).to.deep.equal([{ active: true }, { active: false }, { active: true }]);
  });

  it('a plugin that fails when the camera starts: an error event; the camera opens all the same', async () => {
    const m = make();
    const beauty = await m.media.createBeautyManager();
    const errors = seen(beauty, 'error');
    await beauty.setBeautyLevel(3);
    m.cloud.script.plugin = { plugin: 'BasicBeauty', op: 'start', code: 5999, message: 'no wasm' };
    const stream = await m.media.startLocalMedia({ video: true, audio: false });
    expect(stream.getVideoTracks()).to.have.length(1);
    expect(errors).to.have.length(1);
    expect(errors[0]!.error.message).to.match(/starting the beauty filter/);
    expect(beauty.active).to.equal(false);
    expect(beauty.getSettings().beauty).to.equal(3);
  });

  it('sharpening, colour filters and other styles: ENGINE_UNAVAILABLE in words after validation; their off values are accepted', async () => {
    const m = make();
    await m.media.startLocalMedia({ video: true, audio: false });
    const beauty = await m.media.createBeautyManager();
    const changes = seen(beauty, 'change');
    const sharp = await rejection(beauty.setSharpnessLevel(3));
    expect(sharp.code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(sharp.message).to.match(/Tencent engine does not support sharpening/);
    expect((await rejection(beauty.setSharpnessLevel(12))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    const filter = await rejection(beauty.setFilter('warm'));
    expect(filter.code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(filter.message).to.match(/colour filters/);
    expect((await rejection(beauty.setFilter(document.createElement('canvas')))).code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect((await rejection(beauty.setFilter('sepia' as 'warm'))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect((await rejection(beauty.setFilter(42 as unknown as 'none'))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect((await rejection(beauty.setBeautyStyle(1))).code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect((await rejection(beauty.setBeautyStyle(7 as 0))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(changes).to.deep.equal([]);
    await beauty.setSharpnessLevel(0);
    await beauty.setFilter('none');
    await beauty.setBeautyStyle(0);
    await beauty.setFilterStrength(0.3);
    expect(beauty.getSettings()).to.deep.equal({ style: 0, beauty: 0, whiteness: 0, ruddy: 0, sharpness: 0, filter: 'none', filterStrength: 0.3 });
    expect(m.client().pluginCalls).to.deep.equal([]);
  });
});

describe('Tencent effects: audio (AudioMixer, VoiceChanger, capture volume)', () => {
  const path = '/assets/music/theme.mp3';

  it('music: start, pause, resume, seek, volumes and stop map to AudioMixer calls', async () => {
    const m = make();
    await m.media.startLocalMedia({ video: false, audio: true });
    const fx = await m.media.createAudioEffectManager();
    const starts = seen(fx, 'start');
    const active = seen(fx, 'active');
    await fx.startPlayMusic({ id: 1, path, loopCount: -1, startTimeMS: 1500 });
    const id = mixerId('music', 1, path);
    expect(starts).to.deep.equal([{ id: 1, err: 0 }]);
    expect(fx.active).to.equal(true);
    await fx.pausePlayMusic(1);
    await fx.pausePlayMusic(1); // already paused: no call
    await fx.resumePlayMusic(1);
    await fx.seekMusicToPosInMS(1, 3000);
    expect(fx.getMusicCurrentPosInMS(1)).to.equal(3000);
    await fx.setMusicPublishVolume(1, 40);
    await fx.setAllMusicVolume(80);
    expect(m.client().mixer.get(id)).to.include({ url: path, loop: true, volume: 0.8, position: 3, paused: false });
    await fx.stopPlayMusic(1);
    await fx.stopPlayMusic(1); // gone: nothing to do
    expect(calls(m.client(), 'AudioMixer')).to.deep.equal([
      `start ${JSON.stringify({ id, url: path, loop: true, volume: 1 })}`,
      `update ${JSON.stringify({ id, seekFrom: 1.5 })}`,
      `update ${JSON.stringify({ id, operation: 'pause' })}`,
      `update ${JSON.stringify({ id, operation: 'resume' })}`,
      `update ${JSON.stringify({ id, seekFrom: 3 })}`,
      `update ${JSON.stringify({ id, volume: 0.4 })}`,
      `update ${JSON.stringify({ id, volume: 0.8 })}`,
      `stop ${JSON.stringify({ id })}`,
    ]);
    expect(m.client().mixer.size).to.equal(0);
    expect(active).to.deep.equal([{ active: true }, { active: false }]);
    expect((await rejection(fx.pausePlayMusic(1))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
  });

  it('progress and duration come from AudioMixer’s callbacks; loopCount 2 replays twice, then complete', async () => {
    const m = make();
    const fx = await m.media.createAudioEffectManager();
    const progress = seen(fx, 'progress');
    const complete = seen(fx, 'complete');
    await fx.startPlayMusic({ id: 7, path, loopCount: 2 });
    const id = mixerId('music', 7, path);
    const source = m.client().mixer.get(id)!;
    expect(source.loop).to.equal(false);
    source.onDurationChange!(10);
    source.onTimeUpdate!(2.5, 10);
    expect(progress).to.deep.equal([{ id: 7, curPtsMS: 2500, durationMS: 10_000 }]);
    expect(fx.getMusicDurationInMS(7)).to.equal(10_000);
    source.onEnded!();
    source.onEnded!();
    await new Promise((r) => setTimeout(r, 0));
    expect(complete).to.deep.equal([]);
    source.onEnded!();
    await new Promise((r) => setTimeout(r, 0));
    expect(complete).to.deep.equal([{ id: 7, err: 0 }]);
    expect(calls(m.client(), 'AudioMixer').slice(1)).to.deep.equal([
      `update ${JSON.stringify({ id, operation: 'resume', seekFrom: 0 })}`,
      `update ${JSON.stringify({ id, operation: 'resume', seekFrom: 0 })}`,
      `stop ${JSON.stringify({ id })}`,
    ]);
    expect(fx.active).to.equal(false);
    expect(fx.getMusicDurationInMS(7)).to.equal(0);
  });

  it('a start that fails: the start event carries the code, the call rejects in words, nothing is left', async () => {
    const m = make();
    const fx = await m.media.createAudioEffectManager();
    const starts = seen(fx, 'start');
    const format = await rejection(fx.startPlayMusic({ id: 2, path: '/assets/music/theme.m4a' }));
    expect(format.code).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(format.message).to.match(/starting the music 2/).and.match(/file format/);
    m.cloud.script.plugin = { plugin: 'AudioMixer', op: 'start', code: 5999, message: 'play() failed' };
    const failed = await rejection(fx.startPlayMusic({ id: 3, path }));
    expect(failed.code).to.equal(ErrorCode.MEDIA_FAILED);
    expect(starts).to.deep.equal([
      { id: 2, err: ErrorCode.INVALID_ARGUMENT },
      { id: 3, err: ErrorCode.MEDIA_FAILED },
    ]);
    expect(fx.active).to.equal(false);
    expect((await rejection(fx.pausePlayMusic(3))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
  });

  it('another file under the same ID replaces the music (not AudioMixer’s cached source)', async () => {
    const m = make();
    const fx = await m.media.createAudioEffectManager();
    await fx.startPlayMusic({ id: 1, path: '/a.mp3' });
    await fx.startPlayMusic({ id: 1, path: '/b.mp3' });
    expect([...m.client().mixer.values()].map((s) => s.url)).to.deep.equal(['/b.mp3']);
    // The same file again reuses its source, from the start.
    await fx.startPlayMusic({ id: 1, path: '/b.mp3' });
    expect([...m.client().mixer.keys()]).to.deep.equal([mixerId('music', 1, '/b.mp3')]);
    expect(m.client().mixer.get(mixerId('music', 1, '/b.mp3'))!.position).to.equal(0);
  });

  it('sound effects: several at once, apart from music with the same number; volumes; effect-complete; stop all', async () => {
    const m = make();
    const fx = await m.media.createAudioEffectManager();
    const done = seen(fx, 'effect-complete');
    await Promise.all([
      fx.playAudioEffect({ id: 1, path: '/fx/clap.wav', volume: 50 }),
      fx.playAudioEffect({ id: 2, path: '/fx/horn.ogg', loopCount: -1 }),
      fx.startPlayMusic({ id: 1, path }),
    ]);
    const clap = mixerId('effect', 1, '/fx/clap.wav');
    const horn = mixerId('effect', 2, '/fx/horn.ogg');
    expect(new Set(m.client().mixer.keys())).to.deep.equal(new Set([clap, horn, mixerId('music', 1, path)]));
    expect(m.client().mixer.get(clap)).to.include({ volume: 0.5, loop: false });
    expect(m.client().mixer.get(horn)).to.include({ volume: 1, loop: true });
    await fx.setAudioEffectVolume(2, 20);
    expect(m.client().mixer.get(horn)!.volume).to.equal(0.2);
    m.client().mixer.get(clap)!.onEnded!();
    expect(done).to.deep.equal([{ id: 1 }]);
    await fx.stopAllAudioEffects();
    expect([...m.client().mixer.keys()]).to.deep.equal([mixerId('music', 1, path)]);
    expect(fx.active).to.equal(true);
    expect((await rejection(fx.setAudioEffectVolume(2, 50))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
  });

  it('capture volume → updateLocalAudio; with the microphone off, startLocalAudio’s captureVolume when it opens', async () => {
    const m = make();
    const fx = await m.media.createAudioEffectManager();
    await fx.setVoiceCaptureVolume(40);
    expect(m.cloud.trtcClients).to.have.length(0);
    await m.media.startLocalMedia({ video: false, audio: true });
    expect(m.cloud.calls).to.include(`trtc.startLocalAudio:${JSON.stringify({ publish: false, captureVolume: 40 })}`);
    expect(m.client().captureVolume).to.equal(40);
    await fx.setVoiceCaptureVolume(70);
    expect(m.cloud.calls.at(-1)).to.equal(`trtc.updateLocalAudio:${JSON.stringify({ captureVolume: 70 })}`);
    expect(m.client().captureVolume).to.equal(70);
    expect((await rejection(fx.setVoiceCaptureVolume(101))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(m.client().captureVolume).to.equal(70);
  });

  it('reverb, a separate playout volume and local-only tracks: ENGINE_UNAVAILABLE after validation; bad arguments are 61001 and call nothing', async () => {
    const m = make();
    const fx = await m.media.createAudioEffectManager();
    const reverb = await rejection(fx.setVoiceReverbType(3));
    expect(reverb.code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(reverb.message).to.match(/reverb/);
    expect((await rejection(fx.setVoiceReverbType(12 as 0))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    await fx.setVoiceReverbType(0);
    expect((await rejection(fx.startPlayMusic({ id: 1, path, publish: false }))).code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect((await rejection(fx.playAudioEffect({ id: 1, path, publish: false }))).code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    for (const bad of [{ id: -1, path }, { id: 1, path: '' }, { id: 1, path, loopCount: -2 }, { id: 1, path, startTimeMS: -5 }, null]) {
      expect((await rejection(fx.startPlayMusic(bad as never))).code, JSON.stringify(bad)).to.equal(ErrorCode.INVALID_ARGUMENT);
    }
    expect((await rejection(fx.playAudioEffect({ id: 1, path, volume: 120 }))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect((await rejection(fx.setMusicPlayoutVolume(1, 50))).code).to.equal(ErrorCode.INVALID_ARGUMENT); // no such music
    expect(m.cloud.trtcClients).to.have.length(0);
    await fx.startPlayMusic({ id: 1, path });
    expect((await rejection(fx.setMusicPlayoutVolume(1, 101))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    const playout = await rejection(fx.setMusicPlayoutVolume(1, 50));
    expect(playout.code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(playout.message).to.match(/playout volume/);
    expect(calls(m.client(), 'AudioMixer')).to.have.length(1);
  });

  it('voice changer: waits for the microphone and a room, starts with the room’s credentials, updates, stops for 0 and before the microphone closes', async () => {
    const m = make();
    const fx = await m.media.createAudioEffectManager();
    await fx.setVoiceChangerType(2);
    expect(fx.active).to.equal(false);
    await m.media.startLocalMedia({ video: false, audio: true });
    expect(calls(m.client(), 'VoiceChanger')).to.deep.equal([]); // no UserSig before a room
    expect(m.cloud.voiceChangerLoads).to.equal(0);
    await m.join();
    const { sdkAppId, userId, userSig } = m.credentials;
    await until(() => m.client().voiceType === 2, 'the voice changer starts once in the room');
    expect(m.cloud.voiceChangerLoads).to.equal(1);
    expect(m.cloud.calls).to.include('trtc.use:VoiceChanger');
    expect(m.client().voiceType).to.equal(2);
    expect(fx.active).to.equal(true);
    await fx.setVoiceChangerType(3);
    await fx.setVoiceChangerType(0);
    expect(fx.active).to.equal(false);
    await fx.setVoiceChangerType(11);
    // The fake refuses stopLocalAudio while VoiceChanger runs: the plugin must stop first.
    await m.media.stopLocalMedia();
    expect((fx as TencentAudioEffectManager).getVoiceSettings().changer).to.equal(11);
    expect(calls(m.client(), 'VoiceChanger')).to.deep.equal([
      `start ${JSON.stringify({ sdkAppId, userId, userSig, voiceType: 2 })}`,
      `update ${JSON.stringify({ voiceType: 3 })}`,
      'stop',
      `start ${JSON.stringify({ sdkAppId, userId, userSig, voiceType: 11 })}`,
      'stop',
    ]);
    expect(m.cloud.voiceChangerLoads).to.equal(1);
    await m.media.startLocalMedia({ video: false, audio: true });
    await until(() => m.client().voiceType === 11, 'the voice changer starts again with the microphone');
  });

  it('voice changer outside the application’s package (SDK 5401): NOT_ALLOWED in words, nothing changed', async () => {
    const m = make();
    m.cloud.voiceChangerPackage = false;
    await m.join();
    await m.media.startLocalMedia({ video: false, audio: true });
    const fx = await m.media.createAudioEffectManager();
    const error = await rejection(fx.setVoiceChangerType(1));
    expect(error.code).to.equal(ErrorCode.NOT_ALLOWED);
    expect(error.message).to.match(/package does not include changing the voice/).and.match(/SDK 5401/);
    expect((fx as TencentAudioEffectManager).getVoiceSettings().changer).to.equal(0);
    expect(fx.active).to.equal(false);
    expect((await rejection(fx.setVoiceChangerType(12 as 0))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
  });

  it('leaving the room stops music and sound effects (complete with NOT_IN_ROOM); exitRoom follows', async () => {
    const m = make();
    await m.join();
    const fx = await m.media.createAudioEffectManager();
    const complete = seen(fx, 'complete');
    await fx.startPlayMusic({ id: 4, path, loopCount: -1 });
    await fx.playAudioEffect({ id: 5, path: '/fx/clap.wav' });
    await m.media.leave();
    expect(m.client().mixer.size).to.equal(0);
    expect(complete).to.deep.equal([{ id: 4, err: ErrorCode.NOT_IN_ROOM }]);
    expect(fx.active).to.equal(false);
    const exit = m.cloud.calls.indexOf(`trtc.exitRoom:${m.credentials.userId}`);
    expect(m.cloud.calls.findLastIndex((c) => c.startsWith('trtc.stopPlugin:AudioMixer'))).to.be.lessThan(exit);
  });

  it('the engine destroyed: the managers let go (inactive) and refuse new work in words', async () => {
    const m = make();
    await m.media.startLocalMedia({ video: true, audio: true });
    const beauty = await m.media.createBeautyManager();
    const fx = await m.media.createAudioEffectManager();
    await beauty.setBeautyLevel(3);
    await fx.startPlayMusic({ id: 1, path });
    m.media.destroy();
    expect(beauty.active).to.equal(false);
    expect(fx.active).to.equal(false);
    expect((await rejection(fx.startPlayMusic({ id: 2, path }))).code).to.equal(ErrorCode.INVALID_STATE);
  });
});

describe('Tencent effects through the store', () => {
  afterEach(() => provideTencentEngines(undefined));

  it('LiveRoomStore on a Tencent session hands out managers that drive BasicBeauty and AudioMixer', async () => {
    const cloud = new FakeTencentCloud();
    enableTencentEngine({ openStage: true }, { loadTrtc: async () => cloud.trtcSdk(), loadChat: async () => cloud.chatSdk() });
    const session = new Session({ engine: 'tencent', tokenUrl: '/__fake-usersig', timeoutMs: 3000 });
    const store = new LiveRoomStore(session);
    try {
      expect(session.engines.media.kind).to.equal('tencent');
      await session.engines.media.startLocalMedia({ video: true, audio: true });
      const beauty = store.getBeautyManager();
      await beauty.setWhitenessLevel(9);
      expect(cloud.trtcClients[0]!.beauty).to.deep.equal({ beauty: 0, brightness: 1, ruddy: 0 });
      expect(beauty.active).to.equal(true);
      expect((await rejection(beauty.setSharpnessLevel(2))).code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
      const fx = store.getAudioEffectManager();
      await fx.playAudioEffect({ id: 9, path: '/fx/applause.wav' });
      expect([...cloud.trtcClients[0]!.mixer.keys()]).to.deep.equal([mixerId('effect', 9, '/fx/applause.wav')]);
      expect((await rejection(fx.setVoiceReverbType(1))).code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    } finally {
      store.destroy();
      session.destroy();
    }
    await new Promise((r) => setTimeout(r, 0));
    expect(cloud.trtcClients[0]!.beauty).to.equal(undefined);
    expect(cloud.trtcClients[0]!.mixer.size).to.equal(0);
  });
});
