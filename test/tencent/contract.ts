/**
 * The engine contract: what every `MediaEngine` + `ChatEngine` pair must do for the stores, run
 * in a browser (WebRTC, fake camera) against each engine:
 *
 * - `contract-local.wtr-test.ts`: the local engine, on a real local server;
 * - `contract-tencent.wtr-test.ts`: the Tencent adapters on scripted fakes of the two SDKs.
 *
 * A harness gives users (engines + credentials) that share one "cloud", and fresh rooms.
 * Written for mocha (web-test-runner) with chai's `expect`.
 */
import { expect } from '@open-wc/testing';
import type { ChatEngine, ChatEngineEvents, Credentials, Emitter, Engines, MediaEngine, MediaEngineEvents } from '../../src/core/engines/types.js';
import { ErrorCode, LiveError } from '../../src/core/errors.js';
import { encodeEnvelope } from '../../src/core/protocol/envelope.js';
import { groupIdForRoom, type RoomId } from '../../src/core/validation.js';

export interface ContractUser {
  userId: string;
  engines: Engines;
  credentials: Credentials;
}

export interface ContractHarness {
  /** A new user (new engines, logged out) on the shared cloud. `userId` is made unique. */
  user(prefix: string): Promise<ContractUser>;
  /** The same user again, on new engines (a second login: a second device). */
  again(user: ContractUser): Promise<ContractUser>;
  /** Credentials the cloud refuses. */
  badCredentials(userId: string): Credentials;
  /** A room nobody used yet. */
  room(): RoomId;
  dispose(): Promise<void>;
}

type EventsOf<S> = S extends ChatEngine ? ChatEngineEvents : S extends MediaEngine ? MediaEngineEvents : never;

/** The next event matching `predicate`, or a failure naming what was awaited. */
export function next<S extends ChatEngine | MediaEngine, E extends keyof EventsOf<S>>(
  source: S,
  event: E,
  predicate: (payload: EventsOf<S>[E]) => boolean = () => true,
  timeoutMs = 8000,
): Promise<EventsOf<S>[E]> {
  const emitter = source as unknown as Emitter<EventsOf<S>>;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no “${String(event)}” event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = emitter.on(event, (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** Everything `source` emits as `event` from now on. */
export function record<S extends ChatEngine | MediaEngine, E extends keyof EventsOf<S>>(source: S, event: E): EventsOf<S>[E][] {
  const seen: EventsOf<S>[E][] = [];
  (source as unknown as Emitter<EventsOf<S>>).on(event, (payload) => seen.push(payload));
  return seen;
}

export async function rejection(promise: Promise<unknown>): Promise<LiveError> {
  try {
    await promise;
  } catch (error) {
    return error as LiveError;
  }
  throw new Error('expected a rejection');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export function engineContract(name: string, makeHarness: () => Promise<ContractHarness>): void {
  describe(`engine contract: ${name}`, function () {
    this.timeout(30_000);
    let harness: ContractHarness;
    let made: ContractUser[] = [];

    const user = async (prefix: string, login = true): Promise<ContractUser> => {
      const u = await harness.user(prefix);
      made.push(u);
      if (login) await u.engines.chat.login(u.credentials, { nickname: `${prefix} nick` });
      return u;
    };

    /** An owner with a created and joined group, and a viewer in it. */
    const roomWithViewer = async () => {
      const room = harness.room();
      const groupId = groupIdForRoom(room);
      const owner = await user('owner');
      const viewer = await user('viewer');
      await owner.engines.chat.createGroup({ groupId, name: 'Contract room' });
      await owner.engines.chat.joinGroup(groupId);
      const joined = next(owner.engines.chat, 'member-join', (e) => e.member.userId === viewer.userId);
      const info = await viewer.engines.chat.joinGroup(groupId);
      await joined;
      return { room, groupId, owner, viewer, info };
    };

    before(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      for (const u of made.splice(0)) {
        await u.engines.media.leave().catch(() => undefined);
        await u.engines.media.stopLocalMedia().catch(() => undefined);
        await u.engines.chat.logout().catch(() => undefined);
        u.engines.media.destroy();
        u.engines.chat.destroy();
      }
      made = [];
    });
    after(async () => {
      await harness?.dispose();
    });

    /* ───────────── login ───────────── */

    it('login: resolves with the profile and reports the connection', async () => {
      const u = await user('ann', false);
      const states = record(u.engines.chat, 'connection-state');
      const profile = await u.engines.chat.login(u.credentials, { nickname: 'Ann' });
      expect(profile.userId).to.equal(u.userId);
      expect(profile.nickname).to.equal('Ann');
      await until(() => states.some((s) => s.state === 'connected'), 3000, 'connected');
    });

    it('login: a bad UserSig fails with AUTH_FAILED, in words', async () => {
      const u = await user('bad', false);
      const error = await rejection(u.engines.chat.login(harness.badCredentials(u.userId)));
      expect(error).to.be.instanceOf(LiveError);
      expect(error.code).to.equal(ErrorCode.AUTH_FAILED);
      expect(error.message).to.match(/\w+ \w+/);
    });

    it('kicked offline: a second login of the same user logs the first out (duplicate-login)', async () => {
      const first = await user('twice');
      const kicked = next(first.engines.chat, 'kicked-offline');
      const second = await harness.again(first);
      made.push(second);
      await second.engines.chat.login(second.credentials);
      expect((await kicked).reason).to.equal('duplicate-login');
    });

    /* ───────────── groups ───────────── */

    it('groups: the owner creates and joins; a viewer joins; members, info and counts agree', async () => {
      const { groupId, owner, viewer, info } = await roomWithViewer();
      expect(info.groupId).to.equal(groupId);
      expect(info.ownerId).to.equal(owner.userId);
      expect(info.name).to.equal('Contract room');
      expect(info.memberCount).to.be.at.least(2);
      const { members } = await owner.engines.chat.getMembers(groupId, 0, 50);
      expect(members.map((m) => m.userId)).to.include(viewer.userId);
      const [found] = await viewer.engines.chat.getGroupInfo([groupId]);
      expect(found?.name).to.equal('Contract room');
      const quit = next(owner.engines.chat, 'member-quit', (e) => e.userId === viewer.userId);
      await viewer.engines.chat.quitGroup(groupId);
      expect((await quit).groupId).to.equal(groupId);
    });

    it('groups: a missing group cannot be joined (ROOM_NOT_FOUND)', async () => {
      const u = await user('lost');
      const error = await rejection(u.engines.chat.joinGroup(groupIdForRoom(harness.room())));
      expect(error.code).to.equal(ErrorCode.ROOM_NOT_FOUND);
    });

    it('groups: dismissing tells the members', async () => {
      const { groupId, owner, viewer } = await roomWithViewer();
      const gone = next(viewer.engines.chat, 'group-dismissed', (e) => e.groupId === groupId);
      await owner.engines.chat.dismissGroup(groupId);
      await gone;
    });

    /* ───────────── messages ───────────── */

    it('messages: text and custom, with their priority, reach every member, the sender included', async () => {
      const { groupId, owner, viewer } = await roomWithViewer();
      const atOwner = next(owner.engines.chat, 'message', (m) => m.body.type === 'text' && m.body.text === 'hello');
      const atViewer = next(viewer.engines.chat, 'message', (m) => m.body.type === 'text' && m.body.text === 'hello');
      const sent = await viewer.engines.chat.sendGroupMessage(groupId, { type: 'text', text: 'hello' }, 'normal');
      expect(sent.seq).to.be.a('number');
      expect(sent.time).to.be.closeTo(Date.now(), 60_000);
      for (const m of [await atOwner, await atViewer]) {
        expect(m.groupId).to.equal(groupId);
        expect(m.from.userId).to.equal(viewer.userId);
        expect(m.priority).to.equal('normal');
      }
      const data = encodeEnvelope('like', { count: 3 });
      for (const priority of ['high', 'low'] as const) {
        const got = next(viewer.engines.chat, 'message', (m) => m.body.type === 'custom' && m.priority === priority);
        await owner.engines.chat.sendGroupMessage(groupId, { type: 'custom', data }, priority);
        const m = await got;
        expect(m.body).to.deep.equal({ type: 'custom', data });
        expect(m.from.userId).to.equal(owner.userId);
      }
    });

    it('direct messages reach their addressee only', async () => {
      const a = await user('dm-a');
      const b = await user('dm-b');
      const c = await user('dm-c');
      const atC = record(c.engines.chat, 'direct-message');
      const atB = next(b.engines.chat, 'direct-message');
      const data = encodeEnvelope('call-cancel', { callId: 'c1' });
      await a.engines.chat.sendDirect(b.userId, data);
      const m = await atB;
      expect(m.from.userId).to.equal(a.userId);
      expect(m.data).to.equal(data);
      await sleep(200);
      expect(atC).to.have.length(0);
    });

    /* ───────────── attributes ───────────── */

    it('attributes: writes reach members and newcomers; rapid writes end in the last values', async () => {
      const { groupId, owner, viewer } = await roomWithViewer();
      const seen = next(viewer.engines.chat, 'attributes', (e) => e.attributes.status === 'live');
      await owner.engines.chat.setGroupAttributes(groupId, { status: 'live', notice: 'n0' });
      expect((await seen).attributes.notice).to.equal('n0');
      const last = next(viewer.engines.chat, 'attributes', (e) => e.attributes.notice === 'n5');
      await Promise.all([1, 2, 3, 4, 5].map((i) => owner.engines.chat.setGroupAttributes(groupId, { notice: `n${i}` })));
      const final = await last;
      expect(final.attributes.status).to.equal('live');
      const newcomer = await user('late');
      const info = await newcomer.engines.chat.joinGroup(groupId);
      expect(info.attributes).to.include({ status: 'live', notice: 'n5' });
    });

    /* ───────────── moderation ───────────── */

    it('mute: a muted member cannot send (MUTED) and everyone hears of it; mute all likewise', async () => {
      const { groupId, owner, viewer } = await roomWithViewer();
      const heard = next(viewer.engines.chat, 'member-muted', (e) => e.userId === viewer.userId && e.mutedUntil > 0);
      const until = await owner.engines.chat.muteMember(groupId, viewer.userId, 60);
      expect(until).to.be.closeTo(Date.now() + 60_000, 5000);
      expect((await heard).mutedUntil).to.be.greaterThan(Date.now());
      expect((await rejection(viewer.engines.chat.sendGroupMessage(groupId, { type: 'text', text: 'x' }, 'normal'))).code).to.equal(ErrorCode.MUTED);
      const lifted = next(viewer.engines.chat, 'member-muted', (e) => e.userId === viewer.userId && e.mutedUntil === 0);
      await owner.engines.chat.muteMember(groupId, viewer.userId, 0);
      await lifted;
      await viewer.engines.chat.sendGroupMessage(groupId, { type: 'text', text: 'back' }, 'normal');
      const all = next(viewer.engines.chat, 'mute-all', (e) => e.mute);
      await owner.engines.chat.muteAll(groupId, true);
      await all;
      expect((await rejection(viewer.engines.chat.sendGroupMessage(groupId, { type: 'text', text: 'y' }, 'normal'))).code).to.equal(ErrorCode.MUTED);
      await owner.engines.chat.muteAll(groupId, false);
    });

    it('kick: the removed member and the others hear it; the remover knows the ban; no way back during it', async () => {
      const { groupId, owner, viewer } = await roomWithViewer();
      const atViewer = next(viewer.engines.chat, 'member-removed', (e) => e.userId === viewer.userId);
      const atOwner = next(owner.engines.chat, 'member-removed', (e) => e.userId === viewer.userId);
      await owner.engines.chat.removeMember(groupId, viewer.userId, 60);
      expect((await atViewer).groupId).to.equal(groupId);
      expect((await atOwner).bannedUntil).to.be.closeTo(Date.now() + 60_000, 5000);
      const error = await rejection(viewer.engines.chat.joinGroup(groupId));
      expect(error).to.be.instanceOf(LiveError);
    });

    it('admins: the owner makes a member an admin; the list reaches the members', async () => {
      const { groupId, owner, viewer } = await roomWithViewer();
      const heard = next(viewer.engines.chat, 'admins', (e) => e.admins.includes(viewer.userId));
      await owner.engines.chat.setAdmin(groupId, viewer.userId, true);
      await heard;
    });

    it('moderation is the owner’s: a plain member cannot mute (NOT_ALLOWED)', async () => {
      const { groupId, owner, viewer } = await roomWithViewer();
      const error = await rejection(viewer.engines.chat.muteMember(groupId, owner.userId, 60));
      expect(error.code).to.equal(ErrorCode.NOT_ALLOWED);
    });

    /* ───────────── media ───────────── */

    it('media: an anchor publishes; a viewer sees them, plays the video, sees it stop, and sees them leave', async () => {
      const room = harness.room();
      const anchor = await user('anchor');
      const viewer = await user('watcher');
      const stream = await anchor.engines.media.startLocalMedia({ video: true, audio: true });
      expect(stream.getVideoTracks()).to.have.length(1);
      expect(anchor.engines.media.localStream).to.equal(stream);
      await anchor.engines.media.join({ room, role: 'anchor', scene: 'live', credentials: anchor.credentials });
      await anchor.engines.media.publish();

      const available = record(viewer.engines.media, 'video-available');
      const { users } = await viewer.engines.media.join({ room, role: 'audience', scene: 'live', credentials: viewer.credentials });
      await until(() => users.some((u) => u.userId === anchor.userId && u.video) || available.some((e) => e.userId === anchor.userId && e.available), 8000, 'the anchor’s video');

      const video = document.createElement('video');
      document.body.append(video);
      try {
        const frame = next(viewer.engines.media, 'first-video-frame', (e) => e.userId === anchor.userId, 10_000);
        await viewer.engines.media.play(anchor.userId, video);
        await frame;
        await until(() => video.videoWidth > 0, 10_000, 'frames in the viewer’s <video>');

        const off = next(viewer.engines.media, 'video-available', (e) => e.userId === anchor.userId && !e.available);
        await anchor.engines.media.muteLocalVideo(true);
        await off;
        const on = next(viewer.engines.media, 'video-available', (e) => e.userId === anchor.userId && e.available);
        await anchor.engines.media.muteLocalVideo(false);
        await on;

        viewer.engines.media.muteRemoteAudio(anchor.userId, true);
        viewer.engines.media.muteRemoteAudio(anchor.userId, false);

        const gone = next(viewer.engines.media, 'user-exit', (e) => e.userId === anchor.userId);
        await anchor.engines.media.leave();
        await gone;
        viewer.engines.media.stopPlay(anchor.userId);
        expect(video.srcObject).to.equal(null);
      } finally {
        video.remove();
      }
    });

    it('media: an audience member cannot publish in a live room (PUBLISH_NOT_ALLOWED or NOT_ALLOWED)', async () => {
      const room = harness.room();
      const anchor = await user('host');
      const viewer = await user('fan');
      await anchor.engines.media.join({ room, role: 'anchor', scene: 'live', credentials: anchor.credentials });
      await viewer.engines.media.join({ room, role: 'audience', scene: 'live', credentials: viewer.credentials });
      await viewer.engines.media.startLocalMedia({ video: true, audio: true });
      const error = await rejection(viewer.engines.media.publish());
      expect([ErrorCode.PUBLISH_NOT_ALLOWED, ErrorCode.NOT_ALLOWED]).to.include(error.code);
    });

    it('co-anchoring: granted by the owner, a viewer switches to anchor and publishes; the owner sees them', async () => {
      const room = harness.room();
      const owner = await user('stage');
      const guest = await user('guest');
      await owner.engines.media.join({ room, role: 'anchor', scene: 'live', credentials: owner.credentials });
      await guest.engines.media.join({ room, role: 'audience', scene: 'live', credentials: guest.credentials });
      await owner.engines.media.grantAnchor(guest.userId, true);
      const entered = next(owner.engines.media, 'user-enter', (e) => e.user.userId === guest.userId);
      const video = next(owner.engines.media, 'video-available', (e) => e.userId === guest.userId && e.available);
      await guest.engines.media.startLocalMedia({ video: true, audio: true });
      await guest.engines.media.switchRole('anchor');
      await guest.engines.media.publish();
      await entered;
      await video;
    });

    it('calls (rtc scene): both sides publish and see each other', async () => {
      const room = harness.room();
      const a = await user('caller');
      const b = await user('callee');
      await a.engines.media.startLocalMedia({ video: true, audio: true });
      await b.engines.media.startLocalMedia({ video: true, audio: true });
      const seesB = next(a.engines.media, 'video-available', (e) => e.userId === b.userId && e.available);
      await a.engines.media.join({ room, role: 'anchor', scene: 'rtc', credentials: a.credentials });
      await a.engines.media.publish();
      const { users } = await b.engines.media.join({ room, role: 'anchor', scene: 'rtc', credentials: b.credentials });
      await b.engines.media.publish();
      await seesB;
      expect(users.map((u) => u.userId)).to.include(a.userId);
    });

    it('devices: cameras and microphones are listed', async () => {
      const u = await user('devices');
      await u.engines.media.startLocalMedia({ video: true, audio: true });
      const devices = await u.engines.media.getDevices();
      expect(devices.some((d) => d.kind === 'camera')).to.equal(true);
      expect(devices.some((d) => d.kind === 'microphone')).to.equal(true);
      await u.engines.media.setVideoQuality('720p');
      expect((await rejection(u.engines.media.setVideoQuality('8k' as never))).code).to.equal(ErrorCode.INVALID_ARGUMENT);
    });

    it('leave, stop and destroy are safe to repeat', async () => {
      const u = await user('repeat');
      await u.engines.media.leave();
      await u.engines.media.leave();
      await u.engines.media.stopLocalMedia();
      expect(u.engines.media.localStream).to.equal(undefined);
    });
  });
}
