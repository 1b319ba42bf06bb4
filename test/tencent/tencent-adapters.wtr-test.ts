/**
 * The Tencent adapters' own behaviour, on the SDK fakes (and, for the constants, the real SDKs):
 * lazy loading, how kit calls map onto SDK calls, timeouts, error mapping, attribute limits,
 * online-count throttling, kick reasons, autoplay, PK, co-anchor grants, the shared chat
 * instance, and `Session`'s `engine: 'tencent'` path.
 */
import { expect } from '@open-wc/testing';
import { AttributeLimits, AttributeWriter } from '../../src/core/engines/tencent/attribute-writer.js';
import { chatError, trtcError } from '../../src/core/engines/tencent/errors.js';
import { createTencentEngines, enableTencentEngine, type TencentEngineOptions } from '../../src/core/engines/tencent/index.js';
import type { ChatSdk, TrtcSdk } from '../../src/core/engines/tencent/sdk.js';
import { provideTencentEngines } from '../../src/core/engines/tencent/slot.js';
import type { Credentials } from '../../src/core/engines/types.js';
import { ErrorCode, LiveError } from '../../src/core/errors.js';
import type { Clock } from '../../src/core/policies/clock.js';
import { Session } from '../../src/core/store/session.js';
import { groupIdForRoom, numericRoom, stringRoom } from '../../src/core/validation.js';
import { next, record, rejection } from './contract.js';
import { FAKE_CHAT_EVENT, FAKE_CHAT_TYPES, FakeTencentCloud } from './fake-sdk.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Made {
  cloud: FakeTencentCloud;
  engines: ReturnType<typeof createTencentEngines>;
  credentials: Credentials;
  loads: { trtc: number; chat: number };
}

let all: Made[] = [];
let count = 0;

function make(options: TencentEngineOptions = {}, cloud = new FakeTencentCloud(), userId = `u${++count}`, chatOptions: { singleton?: boolean } = {}): Made {
  const loads = { trtc: 0, chat: 0 };
  const engines = createTencentEngines(
    { timeoutMs: 2000, ...options },
    {
      loadTrtc: async (): Promise<TrtcSdk> => {
        loads.trtc++;
        return cloud.trtcSdk();
      },
      loadChat: async (): Promise<ChatSdk> => {
        loads.chat++;
        return cloud.chatSdk(chatOptions);
      },
    },
  );
  const made = { cloud, engines, credentials: { userId, sdkAppId: cloud.sdkAppId, userSig: cloud.userSig(userId) }, loads };
  all.push(made);
  return made;
}

afterEach(async () => {
  for (const m of all.splice(0)) {
    await m.engines.media.leave().catch(() => undefined);
    m.engines.media.destroy();
    m.engines.chat.destroy();
  }
  all = [];
});

describe('Tencent adapters: the fakes speak the real SDKs’ constants', () => {
  // TRTC's constants are checked in offline.test.ts, where a bundler loads the real SDK (its ESM
  // build imports the CommonJS webrtc-adapter, which the test runner's dev server does not convert).

  it('chat EVENT / TYPES values match @tencentcloud/chat', async () => {
    const { default: TencentCloudChat } = await import('@tencentcloud/chat/index.es.js');
    const events = TencentCloudChat.EVENT as unknown as Record<string, string>;
    const types = TencentCloudChat.TYPES as unknown as Record<string, string | number>;
    for (const [key, value] of Object.entries(FAKE_CHAT_EVENT)) expect(events[key], key).to.equal(value);
    for (const [key, value] of Object.entries(FAKE_CHAT_TYPES)) expect(types[key], key).to.equal(value);
  });
});

describe('Tencent adapters: loading', () => {
  it('creating the engines loads nothing; login loads the chat SDK only; media use loads TRTC', async () => {
    const m = make();
    await sleep(10);
    expect(m.loads).to.deep.equal({ trtc: 0, chat: 0 });
    await m.engines.chat.login(m.credentials);
    expect(m.loads).to.deep.equal({ trtc: 0, chat: 1 });
    await m.engines.media.startLocalMedia({ video: false, audio: true });
    await m.engines.media.getDevices();
    expect(m.loads).to.deep.equal({ trtc: 1, chat: 1 });
  });

  it('TRTC is created once, with the SDK’s autoplay dialog off and the CrossRoom and BasicBeauty plugins', async () => {
    const m = make();
    await m.engines.media.join({ room: numericRoom(7), role: 'anchor', scene: 'live', credentials: m.credentials });
    await m.engines.media.getDevices();
    expect(m.cloud.trtcCreated).to.have.length(1);
    expect(m.cloud.trtcCreated[0]!.enableAutoPlayDialog).to.equal(false);
    expect(m.cloud.trtcCreated[0]!.plugins?.map((p) => (p as unknown as { Name: string }).Name)).to.deep.equal(['CrossRoom']);
  });

  it('a loader that fails gives ENGINE_UNAVAILABLE in words, and the next call tries again', async () => {
    let attempts = 0;
    const engines = createTencentEngines({}, {
      loadTrtc: async () => {
        attempts++;
        throw new TypeError('Failed to fetch dynamically imported module');
      },
      loadChat: async () => {
        throw new TypeError('Failed to fetch dynamically imported module');
      },
    });
    const first = await rejection(engines.media.getDevices());
    expect(first.code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(first.message).to.match(/trtc-sdk-v5/);
    await rejection(engines.media.getDevices());
    expect(attempts).to.equal(2);
    const chat = await rejection(engines.chat.login({ userId: 'a', sdkAppId: 1, userSig: 'x' }));
    expect(chat.code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(chat.message).to.match(/@tencentcloud\/chat/);
    engines.media.destroy();
    engines.chat.destroy();
  });
});

describe('Tencent adapters: entering rooms', () => {
  const client = (m: Made) => m.cloud.trtcClients[0]!;

  it('numeric room → roomId, live scene with the role, only audio received automatically', async () => {
    const m = make();
    await m.engines.media.join({ room: numericRoom(4294967294), role: 'audience', scene: 'live', credentials: m.credentials });
    const config = client(m).lastEnterConfig!;
    expect(config.roomId).to.equal(4294967294);
    expect(config.strRoomId).to.equal(undefined);
    expect(String(config.scene)).to.equal('live');
    expect(String(config.role)).to.equal('audience');
    expect(config.autoReceiveAudio).to.equal(true);
    expect(config.autoReceiveVideo).to.equal(false);
    expect(config.enableAutoPlayDialog).to.equal(false);
  });

  it('string room → strRoomId; voice → live scene; calls → rtc scene without a role', async () => {
    const a = make();
    await a.engines.media.join({ room: stringRoom('room-a'), role: 'anchor', scene: 'voice', credentials: a.credentials });
    expect(client(a).lastEnterConfig!.strRoomId).to.equal('room-a');
    expect(String(client(a).lastEnterConfig!.scene)).to.equal('live');
    expect(String(client(a).lastEnterConfig!.role)).to.equal('anchor');
    const b = make();
    await b.engines.media.join({ room: stringRoom('call-b'), role: 'anchor', scene: 'audio-call', credentials: b.credentials });
    expect(String(client(b).lastEnterConfig!.scene)).to.equal('rtc');
    expect(client(b).lastEnterConfig!.role).to.equal(undefined);
  });

  it('4294967295 is refused in words before TRTC is asked (TRTC stops at 4294967294)', async () => {
    const m = make();
    const error = await rejection(m.engines.media.join({ room: numericRoom(4294967295), role: 'anchor', scene: 'live', credentials: m.credentials }));
    expect(error.code).to.equal(ErrorCode.INVALID_ROOM_ID);
    expect(error.message).to.match(/4294967294/);
    expect(m.cloud.calls.filter((c) => c.startsWith('trtc.enterRoom'))).to.have.length(0);
  });

  it('privateMapKey comes from the app’s hook (enter and switch to anchor)', async () => {
    const asked: string[] = [];
    const m = make({ privateMapKey: async ({ userId, role }) => (asked.push(`${userId}:${role}`), `key-${role}`) });
    await m.engines.media.join({ room: numericRoom(9), role: 'audience', scene: 'live', credentials: m.credentials });
    expect(client(m).lastEnterConfig!.privateMapKey).to.equal('key-audience');
    await m.engines.media.switchRole('anchor');
    expect(asked).to.deep.equal([`${m.credentials.userId}:audience`, `${m.credentials.userId}:anchor`]);
    expect(m.cloud.calls).to.include(`trtc.switchRole:${m.credentials.userId}:anchor:key`);
  });

  it('a hanging enterRoom fails with TIMEOUT in words within the configured time, and is abandoned', async () => {
    const m = make({ timeoutMs: 400 });
    m.cloud.script.enterRoom = 'hang';
    const started = performance.now();
    const error = await rejection(m.engines.media.join({ room: numericRoom(11), role: 'anchor', scene: 'live', credentials: m.credentials }));
    const took = performance.now() - started;
    expect(error.code).to.equal(ErrorCode.TIMEOUT);
    expect(error.message).to.match(/Entering the Tencent RTC room timed out after 400 ms/);
    expect(took).to.be.within(350, 1500);
    await sleep(20);
    expect(m.cloud.calls.some((c) => c.startsWith('trtc.exitRoom'))).to.equal(true);
  });

  it('after an entry that hung, the client is replaced; the preview keeps its stream; the next entry waits for the stuck one', async () => {
    const m = make({ timeoutMs: 400 });
    const stream = await m.engines.media.startLocalMedia({ video: true, audio: true });
    m.cloud.script.enterRoom = 'hang';
    const room = numericRoom(14);
    expect((await rejection(m.engines.media.join({ room, role: 'audience', scene: 'live', credentials: m.credentials }))).code).to.equal(ErrorCode.TIMEOUT);
    await sleep(150);
    const [old, fresh] = m.cloud.trtcClients;
    expect(old!.destroyed).to.equal(true);
    expect(fresh, 'a fresh client').to.not.equal(undefined);
    expect(m.engines.media.localStream).to.equal(stream);
    expect(stream.getVideoTracks()[0]).to.equal(fresh!.localVideo);
    expect(stream.getVideoTracks()[0]!.readyState).to.equal('live');
    // Still stuck inside the SDK: the next entry times out the same way, in its own time.
    m.cloud.script.enterRoom = undefined;
    const again = await rejection(m.engines.media.join({ room, role: 'audience', scene: 'live', credentials: m.credentials }));
    expect(again.code).to.equal(ErrorCode.TIMEOUT);
    expect(again.message).to.match(/still stuck/);
    // Once it ends (the network came back), entering works on the fresh client.
    m.cloud.releaseHung();
    await m.engines.media.join({ room, role: 'audience', scene: 'live', credentials: m.credentials });
    expect(fresh!.room).to.equal('n:14');
  });

  it('an unreachable cloud (5500) is SERVER_UNREACHABLE in words', async () => {
    const m = make();
    m.cloud.script.enterRoom = 'fail';
    const error = await rejection(m.engines.media.join({ room: numericRoom(12), role: 'anchor', scene: 'live', credentials: m.credentials }));
    expect(error.code).to.equal(ErrorCode.SERVER_UNREACHABLE);
    expect(error.message).to.match(/cannot be reached/);
    expect(error.message).to.match(/SDK 5500\/5501/);
  });

  it('a bad UserSig on enterRoom is AUTH_FAILED', async () => {
    const m = make();
    const error = await rejection(m.engines.media.join({ room: numericRoom(13), role: 'anchor', scene: 'live', credentials: { ...m.credentials, userSig: 'forged' } }));
    expect(error.code).to.equal(ErrorCode.AUTH_FAILED);
  });
});

describe('Tencent adapters: local media', () => {
  it('localStream is one MediaStream of the SDK’s tracks; switching the camera keeps the object', async () => {
    const m = make();
    const stream = await m.engines.media.startLocalMedia({ video: true, audio: true });
    const fake = m.cloud.trtcClients[0]!;
    expect(stream.getVideoTracks()[0]).to.equal(fake.localVideo);
    expect(stream.getAudioTracks()[0]).to.equal(fake.localAudio);
    const before = stream.getVideoTracks()[0];
    await m.engines.media.switchCamera(false);
    expect(m.engines.media.localStream).to.equal(stream);
    expect(stream.getVideoTracks()[0]).to.equal(fake.localVideo);
    expect(stream.getVideoTracks()[0]).not.to.equal(before);
    await m.engines.media.stopLocalMedia();
    expect(m.engines.media.localStream).to.equal(undefined);
  });

  it('capture before entering does not publish; publish() does, as an anchor', async () => {
    const m = make();
    await m.engines.media.startLocalMedia({ video: true, audio: true });
    expect(m.cloud.calls).to.include('trtc.startLocalVideo:{"publish":false,"profile":"480p"}');
    await m.engines.media.join({ room: numericRoom(21), role: 'anchor', scene: 'live', credentials: m.credentials });
    await m.engines.media.publish();
    expect(m.cloud.calls).to.include('trtc.updateLocalVideo:{"publish":true}');
    expect(m.cloud.calls).to.include('trtc.updateLocalAudio:{"publish":true}');
  });

  it('device errors map to the seed’s codes (no camera 60004, no microphone 60003, denied 60005)', async () => {
    const m = make();
    const error = await rejection(m.engines.media.startLocalMedia({ video: true, audio: true, cameraId: 'no-such-camera' }));
    expect(error.code).to.equal(ErrorCode.NO_CAMERA);
    expect(m.engines.media.localStream).to.equal(undefined);
    const device = (extraCode: number) => Object.assign(new Error('device'), { code: 5300, extraCode });
    expect(trtcError(device(5301), 'opening', 'microphone').code).to.equal(ErrorCode.NO_MICROPHONE);
    expect(trtcError(device(5301), 'opening', 'camera').code).to.equal(ErrorCode.NO_CAMERA);
    expect(trtcError(device(5302), 'opening', 'camera').code).to.equal(ErrorCode.PERMISSION_DENIED);
    expect(trtcError(device(5306), 'opening', 'microphone').code).to.equal(ErrorCode.PERMISSION_DENIED);
    expect(trtcError(device(5303), 'opening', 'camera').message).to.match(/another application/);
    expect(trtcError(device(5304), 'opening', 'microphone').code).to.equal(ErrorCode.NO_MICROPHONE);
    expect(trtcError({ code: 5200 }, 'x').code).to.equal(ErrorCode.WEBRTC_UNSUPPORTED);
    expect(trtcError({ code: 5100, extraCode: 5101 }, 'x').code).to.equal(ErrorCode.NOT_IN_ROOM);
  });

  it('audio volume evaluation: levels with the local user’s own ID', async () => {
    const m = make();
    await m.engines.media.startLocalMedia({ video: false, audio: true });
    await m.engines.media.join({ room: numericRoom(22), role: 'anchor', scene: 'voice', credentials: m.credentials });
    m.engines.media.enableAudioVolumeEvaluation(100);
    const { volumes } = await next(m.engines.media, 'audio-volume');
    expect(volumes.find((v) => v.userId === m.credentials.userId)?.volume).to.equal(42);
    m.engines.media.enableAudioVolumeEvaluation(0);
  });
});

describe('Tencent adapters: room events', () => {
  it('KICKED_OUT: kick → duplicate-login, banned → kicked, room_disband → room-closed', async () => {
    for (const [reason, expected] of [
      ['kick', 'duplicate-login'],
      ['banned', 'kicked'],
    ] as const) {
      const m = make();
      await m.engines.media.join({ room: numericRoom(31), role: 'anchor', scene: 'live', credentials: m.credentials });
      const kicked = next(m.engines.media, 'kicked-out');
      m.cloud.kickFromRoom(m.credentials.userId, reason);
      expect((await kicked).reason).to.equal(expected);
    }
    const m = make();
    await m.engines.media.join({ room: numericRoom(32), role: 'anchor', scene: 'live', credentials: m.credentials });
    const closed = next(m.engines.media, 'room-closed');
    m.cloud.kickFromRoom(m.credentials.userId, 'room_disband');
    expect((await closed).reason).to.equal('destroyed');
  });

  it('AUTOPLAY_FAILED → autoplay-blocked; the resume after a click calls the SDK’s resume()', async () => {
    const m = make();
    await m.engines.media.join({ room: numericRoom(33), role: 'audience', scene: 'live', credentials: m.credentials });
    let resumed = 0;
    const blocked = next(m.engines.media, 'autoplay-blocked');
    m.cloud.trtcClients[0]!.autoplayFailed('anchor-x', async () => {
      resumed++;
    });
    expect((await blocked).userId).to.equal('anchor-x');
    m.engines.media.muteRemoteAudio('anchor-x', false);
    await sleep(10);
    expect(resumed).to.equal(1);
  });

  it('connection states map to the kit’s, network quality is reported', async () => {
    const m = make();
    const states = record(m.engines.media, 'connection-state');
    await m.engines.media.join({ room: numericRoom(34), role: 'anchor', scene: 'live', credentials: m.credentials });
    const quality = await next(m.engines.media, 'network-quality', (q) => q.userId === m.credentials.userId, 3000);
    expect(quality.quality).to.be.within(0, 6);
    expect(states.map((s) => s.state)).to.include.members(['connecting', 'connected']);
  });

  it('PK: connectOtherRoom starts the CrossRoom plugin with the other room and anchor; linked, then unlinked', async () => {
    const cloud = new FakeTencentCloud();
    const a = make({}, cloud, 'pk_a');
    const b = make({}, cloud, 'pk_b');
    await a.engines.media.join({ room: stringRoom('pk-room-a'), role: 'anchor', scene: 'live', credentials: a.credentials });
    await b.engines.media.join({ room: numericRoom(5151), role: 'anchor', scene: 'live', credentials: b.credentials });
    const linked = next(a.engines.media, 'pk', (e) => e.state === 'linked');
    expect(await a.engines.media.connectOtherRoom(numericRoom(5151), 'pk_b')).to.deep.equal({ active: true });
    expect(cloud.calls).to.include('trtc.startPlugin:CrossRoom:{"roomId":5151,"userId":"pk_b"}');
    expect((await linked).userId).to.equal('pk_b');
    const unlinked = next(a.engines.media, 'pk', (e) => e.state === 'unlinked');
    await a.engines.media.disconnectOtherRoom();
    await unlinked;
  });

  it('grantAnchor: without a server hook it fails in words; with one, the hook decides', async () => {
    const bare = make();
    await bare.engines.media.join({ room: numericRoom(41), role: 'anchor', scene: 'live', credentials: bare.credentials });
    const error = await rejection(bare.engines.media.grantAnchor('guest', true));
    expect(error.code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(error.message).to.match(/grantAnchor.*privateMapKey.*openStage/s);
    const grants: string[] = [];
    const hooked = make({ grantAnchor: async ({ room, userId, allow }) => void grants.push(`${String(room.id)}:${userId}:${allow}`) });
    await hooked.engines.media.join({ room: numericRoom(42), role: 'anchor', scene: 'live', credentials: hooked.credentials });
    await hooked.engines.media.grantAnchor('guest', true);
    await hooked.engines.media.grantAnchor('guest', false);
    expect(grants).to.deep.equal(['42:guest:true', '42:guest:false']);
  });

  it('server hooks that fail: privateMapKey → AUTH_FAILED, grantAnchor → SERVER_ERROR, in words with the hook’s reason', async () => {
    const keyless = make({ privateMapKey: async () => Promise.reject(new Error('HTTP 503')) });
    const noKey = await rejection(keyless.engines.media.join({ room: numericRoom(43), role: 'anchor', scene: 'live', credentials: keyless.credentials }));
    expect(noKey.code).to.equal(ErrorCode.AUTH_FAILED);
    expect(noKey.message).to.equal('Your server did not give a TRTC privateMapKey: HTTP 503');
    expect(keyless.cloud.calls.filter((c) => c.startsWith('trtc.enterRoom'))).to.deep.equal([]);
    const refusing = make({ grantAnchor: async () => Promise.reject(new Error('HTTP 500')) });
    await refusing.engines.media.join({ room: numericRoom(44), role: 'anchor', scene: 'live', credentials: refusing.credentials });
    const notGranted = await rejection(refusing.engines.media.grantAnchor('guest', true));
    expect(notGranted.code).to.equal(ErrorCode.SERVER_ERROR);
    expect(notGranted.message).to.equal('Your server did not record the co-anchor permission: HTTP 500');
  });

  it('destroy removes every SDK listener', async () => {
    const m = make();
    await m.engines.chat.login(m.credentials);
    await m.engines.media.join({ room: numericRoom(43), role: 'anchor', scene: 'live', credentials: m.credentials });
    const trtc = m.cloud.trtcClients[0]!;
    const chat = m.cloud.chats.get(m.credentials.userId)!;
    expect(trtc.listenerCount()).to.be.greaterThan(0);
    m.engines.media.destroy();
    m.engines.chat.destroy();
    await sleep(20);
    expect(trtc.listenerCount()).to.equal(0);
    expect(chat.listenerCount()).to.equal(0);
  });
});

describe('Tencent adapters: chat', () => {
  it('a hanging login fails with TIMEOUT in words within the configured time; the instance is dropped', async () => {
    const m = make({ timeoutMs: 400 });
    m.cloud.script.login = 'hang';
    const started = performance.now();
    const error = await rejection(m.engines.chat.login(m.credentials));
    expect(error.code).to.equal(ErrorCode.TIMEOUT);
    expect(error.message).to.match(/Logging in to Tencent Cloud Chat timed out after 400 ms/);
    expect(performance.now() - started).to.be.within(350, 1500);
    await sleep(20);
    expect(m.cloud.chatsCreated[0]!.destroyed).to.equal(true);
  });

  it('an SDK call that fails quickly keeps the SDK’s mapped error (even a code mapped to TIMEOUT), not the timer’s words', async () => {
    const m = make();
    await m.engines.chat.login(m.credentials);
    const chatClient = m.cloud.chats.get(m.credentials.userId)!;
    chatClient.getGroupProfile = async () => Promise.reject(Object.assign(new Error('request timeout'), { code: 2801 }));
    const error = await rejection(m.engines.chat.getGroupInfo(['nowhere']));
    expect(error.code).to.equal(ErrorCode.TIMEOUT);
    expect(error.message).to.match(/^Tencent Cloud Chat did not answer in time while reading the room\. \(SDK 2801: request timeout\)$/);
  });

  it('error codes map to the kit’s', () => {
    const cases: Array<[number, number]> = [
      [70001, ErrorCode.USERSIG_EXPIRED],
      [70013, ErrorCode.AUTH_FAILED],
      [2801, ErrorCode.TIMEOUT],
      [10007, ErrorCode.NOT_ALLOWED],
      [10010, ErrorCode.ROOM_NOT_FOUND],
      [10015, ErrorCode.ROOM_NOT_FOUND],
      [10017, ErrorCode.MUTED],
      [80001, ErrorCode.CONTENT_REJECTED],
      [80002, ErrorCode.FRAME_TOO_LARGE],
      [10049, ErrorCode.RATE_LIMITED],
      [2996, ErrorCode.RATE_LIMITED],
      [10021, ErrorCode.ROOM_EXISTS],
      [99999, ErrorCode.SERVER_ERROR],
    ];
    for (const [sdk, kit] of cases) {
      const mapped = chatError({ code: sdk, message: 'sdk words' }, 'testing');
      expect(mapped.code, String(sdk)).to.equal(kit);
      expect(mapped.message, String(sdk)).to.include(`SDK ${sdk}: sdk words`);
    }
  });

  it('priorities map to MSG_PRIORITY_HIGH / NORMAL / LOW, and back', async () => {
    const cloud = new FakeTencentCloud();
    const owner = make({}, cloud, 'prio_owner');
    const viewer = make({}, cloud, 'prio_viewer');
    await owner.engines.chat.login(owner.credentials);
    await viewer.engines.chat.login(viewer.credentials);
    await owner.engines.chat.createGroup({ groupId: 'g-prio' });
    await owner.engines.chat.joinGroup('g-prio');
    await viewer.engines.chat.joinGroup('g-prio');
    const got = record(viewer.engines.chat, 'message');
    for (const p of ['high', 'normal', 'low'] as const) await owner.engines.chat.sendGroupMessage('g-prio', { type: 'text', text: p }, p);
    await sleep(30);
    expect(got.map((m) => [m.body.type === 'text' && m.body.text, m.priority])).to.deep.equal([
      ['high', 'high'],
      ['normal', 'normal'],
      ['low', 'low'],
    ]);
  });

  it('one AVChatRoom at a time: joining another quits the first', async () => {
    const cloud = new FakeTencentCloud();
    const owner = make({}, cloud, 'one_owner');
    const viewer = make({}, cloud, 'one_viewer');
    await owner.engines.chat.login(owner.credentials);
    await viewer.engines.chat.login(viewer.credentials);
    for (const g of ['g-one', 'g-two']) {
      await owner.engines.chat.createGroup({ groupId: g });
    }
    await owner.engines.chat.joinGroup('g-one');
    await viewer.engines.chat.joinGroup('g-one');
    const quit = next(owner.engines.chat, 'member-quit', (e) => e.groupId === 'g-one' && e.userId === 'one_viewer');
    await viewer.engines.chat.joinGroup('g-two');
    await quit;
    expect(cloud.groups.get('g-one')!.members.has('one_viewer')).to.equal(false);
  });

  it('attributes: rapid writes coalesce into few SDK writes; oversized ones fail in words before sending', async () => {
    const cloud = new FakeTencentCloud();
    const owner = make({}, cloud, 'attr_owner');
    await owner.engines.chat.login(owner.credentials);
    await owner.engines.chat.createGroup({ groupId: 'g-attr' });
    await owner.engines.chat.joinGroup('g-attr');
    await Promise.all(Array.from({ length: 30 }, (_, i) => owner.engines.chat.setGroupAttributes('g-attr', { notice: `v${i}`, [`k${i % 3}`]: String(i) })));
    const writes = cloud.calls.filter((c) => c === 'chat.setGroupAttributes:g-attr').length;
    expect(writes).to.be.at.most(3);
    expect(cloud.groups.get('g-attr')!.attributes).to.include({ notice: 'v29', k0: '27', k1: '28', k2: '29' });
    const big = await rejection(owner.engines.chat.setGroupAttributes('g-attr', { notice: 'x'.repeat(AttributeLimits.valueBytes + 1) }));
    expect(big.code).to.equal(ErrorCode.TEXT_TOO_LONG);
    const many = await rejection(owner.engines.chat.setGroupAttributes('g-attr', Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`key${i}`, '1']))));
    expect(many.code).to.equal(ErrorCode.INVALID_ARGUMENT);
  });

  it('attributes: a hanging write fails with TIMEOUT, and the next write still goes', async () => {
    const cloud = new FakeTencentCloud();
    const owner = make({ timeoutMs: 300 }, cloud, 'attr_hang');
    await owner.engines.chat.login(owner.credentials);
    await owner.engines.chat.createGroup({ groupId: 'g-hang' });
    await owner.engines.chat.joinGroup('g-hang');
    cloud.script.setGroupAttributes = 'hang';
    expect((await rejection(owner.engines.chat.setGroupAttributes('g-hang', { status: 'live' }))).code).to.equal(ErrorCode.TIMEOUT);
    cloud.script.setGroupAttributes = undefined;
    await owner.engines.chat.setGroupAttributes('g-hang', { status: 'paused' });
    expect(cloud.groups.get('g-hang')!.attributes.status).to.equal('paused');
  });

  it('the online count is read on join and then at most once per 5 s, however many members come', async () => {
    const cloud = new FakeTencentCloud();
    const owner = make({}, cloud, 'count_owner');
    await owner.engines.chat.login(owner.credentials);
    await owner.engines.chat.createGroup({ groupId: 'g-count' });
    const info = await owner.engines.chat.joinGroup('g-count');
    expect(info.memberCount).to.equal(1);
    const counts = record(owner.engines.chat, 'member-join');
    for (let i = 0; i < 6; i++) {
      const v = make({}, cloud, `count_v${i}`);
      await v.engines.chat.login(v.credentials);
      await v.engines.chat.joinGroup('g-count');
    }
    await sleep(100);
    expect(counts.map((c) => c.memberCount)).to.deep.equal([2, 3, 4, 5, 6, 7]);
    // The owner read it once, on joining; six joins later it has not read it again (5 s rule).
    expect(cloud.calls.filter((c) => c === 'chat.getGroupOnlineMemberCount:g-count:count_owner')).to.have.length(1);
  });

  it('KICKED_OUT reasons: multiple account, UserSig expired, REST kick → the kit’s', async () => {
    const cases = [
      [FAKE_CHAT_TYPES.KICKED_OUT_MULT_ACCOUNT, 'duplicate-login'],
      [FAKE_CHAT_TYPES.KICKED_OUT_MULT_DEVICE, 'duplicate-login'],
      [FAKE_CHAT_TYPES.KICKED_OUT_USERSIG_EXPIRED, 'usersig-expired'],
      [FAKE_CHAT_TYPES.KICKED_OUT_REST_API, 'kicked'],
    ] as const;
    for (const [type, reason] of cases) {
      const m = make();
      await m.engines.chat.login(m.credentials);
      const kicked = next(m.engines.chat, 'kicked-offline');
      m.cloud.chats.get(m.credentials.userId)!.kick(type);
      expect((await kicked).reason, type).to.equal(reason);
    }
  });

  it('UserSig expired with refreshCredentials: a silent login again, back in the room, no kick', async () => {
    const cloud = new FakeTencentCloud();
    let refreshed = 0;
    const m = make({ refreshCredentials: async (userId) => (refreshed++, { userId, sdkAppId: cloud.sdkAppId, userSig: cloud.userSig(userId) }) }, cloud, 'refresh_me');
    await m.engines.chat.login(m.credentials);
    await m.engines.chat.createGroup({ groupId: 'g-refresh' });
    await m.engines.chat.joinGroup('g-refresh');
    const kicks = record(m.engines.chat, 'kicked-offline');
    const resynced = next(m.engines.chat, 'group-resynced');
    cloud.chats.get('refresh_me')!.kick(FAKE_CHAT_TYPES.KICKED_OUT_USERSIG_EXPIRED);
    expect((await resynced).group.groupId).to.equal('g-refresh');
    expect(refreshed).to.equal(1);
    expect(kicks).to.have.length(0);
    expect(cloud.groups.get('g-refresh')!.members.has('refresh_me')).to.equal(true);
  });

  it('one chat instance per page and SDKAppID: the same user shares it, another user is refused in words', async () => {
    const cloud = new FakeTencentCloud();
    const a = make({}, cloud, 'shared_a', { singleton: true });
    const b = make({}, cloud, 'shared_a', { singleton: true });
    const c = make({}, cloud, 'shared_c', { singleton: true });
    await a.engines.chat.login(a.credentials);
    await b.engines.chat.login(b.credentials);
    expect(cloud.calls.filter((x) => x === 'chat.login:shared_a')).to.have.length(1);
    const refused = await rejection(c.engines.chat.login(c.credentials));
    expect(refused.code).to.equal(ErrorCode.INVALID_STATE);
    expect(refused.message).to.match(/one logged-in user per page/);
    await a.engines.chat.logout();
    // b still uses it: not logged out underneath.
    expect(cloud.chats.get('shared_a')?.isReady()).to.equal(true);
    await b.engines.chat.logout();
    expect(cloud.chats.has('shared_a')).to.equal(false);
  });
});

describe('AttributeWriter: the write rate (10 per 5 s, 5 per s)', () => {
  it('spaces writes by 200 ms and holds the 11th until the window allows it', async () => {
    let now = 0;
    const timers: Array<{ at: number; fn: () => void }> = [];
    const clock: Clock = {
      now: () => now,
      setTimeout: (fn, ms) => {
        const t = { at: now + ms, fn };
        timers.push(t);
        return t;
      },
      clearTimeout: (t) => {
        const i = timers.indexOf(t as (typeof timers)[number]);
        if (i >= 0) timers.splice(i, 1);
      },
    };
    const starts: number[] = [];
    const writer = new AttributeWriter({
      write: async () => void starts.push(now),
      refresh: async () => undefined,
      current: () => ({}),
      classify: () => 'other',
      clock,
    });
    // Eleven writes to eleven groups (no coalescing possible).
    const done = Array.from({ length: 11 }, (_, i) => writer.set(`g${i}`, { status: 'live' }));
    for (let step = 0; step < 200 && starts.length < 11; step++) {
      await sleep(0);
      timers.sort((a, b) => a.at - b.at);
      const t = timers.shift();
      if (!t) continue;
      now = Math.max(now, t.at);
      t.fn();
    }
    await Promise.all(done);
    expect(starts.slice(0, 10)).to.deep.equal([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800]);
    expect(starts[10]).to.equal(5000);
  });
});

describe('Session with engine: "tencent"', () => {
  afterEach(() => provideTencentEngines(undefined));

  it('not enabled: ENGINE_UNAVAILABLE, saying how to enable it', () => {
    provideTencentEngines(undefined);
    let error: LiveError | undefined;
    try {
      new Session({ engine: 'tencent' });
    } catch (e) {
      error = e as LiveError;
    }
    expect(error?.code).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(error?.message).to.match(/enableTencentEngine/);
  });

  it('enabled: thin shells created synchronously, options passed, login through the token URL, and a store-level timeout', async () => {
    const cloud = new FakeTencentCloud();
    enableTencentEngine({ openStage: true }, { loadTrtc: async () => cloud.trtcSdk(), loadChat: async () => cloud.chatSdk() });
    // The test server's stand-in for /api/tencent/usersig (it signs the fakes' way).
    const session = new Session({ engine: 'tencent', tokenUrl: '/__fake-usersig', timeoutMs: 1500 });
    try {
      expect(session.engines.media.kind).to.equal('tencent');
      expect(session.engines.chat.kind).to.equal('tencent');
      const user = await session.login({ userId: 'sess_user' });
      expect(user.userId).to.equal('sess_user');
      expect(session.getState().connection).to.equal('connected');
      cloud.script.enterRoom = 'hang';
      const started = performance.now();
      const error = await rejection(session.engines.media.join({ room: numericRoom(77), role: 'anchor', scene: 'live', credentials: session.credentials! }));
      expect(error.code).to.equal(ErrorCode.TIMEOUT);
      expect(performance.now() - started).to.be.lessThan(2500);
      expect(groupIdForRoom(numericRoom(77))).to.equal('77');
    } finally {
      await session.logout();
      session.destroy();
    }
  });
});

