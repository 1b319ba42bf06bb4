import { expect } from '@open-wc/testing';
import { fakeEngines } from '../../testing/fake-engines.js';
import { ErrorCode, LiveError } from '../errors.js';
import { encodeEnvelope } from '../protocol/envelope.js';
import { numericRoom } from '../validation.js';
import { LiveRoomStore, type LiveRoomEvents } from './live-room-store.js';
import { Session } from './session.js';

function setup() {
  const engines = fakeEngines();
  const store = new LiveRoomStore(new Session({ engines }));
  const seen: Array<[keyof LiveRoomEvents, unknown]> = [];
  for (const name of ['enter-room', 'anchor-enter', 'anchor-exit', 'audience-enter', 'audience-exit', 'room-destroy', 'kicked-offline', 'live-error', 'recv-room-text-msg', 'recv-room-custom-msg', 'user-video-available'] as const) {
    store.on(name, (detail) => seen.push([name, detail]));
  }
  return { engines, store, seen, named: (n: keyof LiveRoomEvents) => seen.filter(([k]) => k === n).map(([, d]) => d as any) };
}

const anchor = { userId: 'anchor_1', nickname: 'Anna', avatar: '', role: 'anchor' as const, publishing: true, audio: true, video: true };

describe('LiveRoomStore', () => {
  it('gives immutable snapshots: a change replaces only the slice it touches', async () => {
    const { store } = setup();
    const before = store.getState();
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    const after = store.getState();
    expect(after).to.not.equal(before);
    expect(Object.isFrozen(after)).to.be.true;
    expect(after.anchors).to.equal(before.anchors);
    expect(after.user?.userId).to.equal('viewer_1');
  });

  it('notifies subscribers and stops after unsubscribe', async () => {
    const { store } = setup();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    const seen = calls;
    expect(seen).to.be.greaterThan(0);
    off();
    await store.enterRoom(numericRoom(5));
    expect(calls).to.equal(seen);
  });

  it('an audience member enters: anchors already inside arrive as anchor-enter, onEnterRoom gives ms', async () => {
    const { engines, store, named } = setup();
    engines.media.users = [anchor];
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    await store.enterRoom(numericRoom(5));
    expect(store.getState().phase).to.equal('in-room');
    expect(store.getState().anchors.map((a) => a.userId)).to.deep.equal(['anchor_1']);
    expect(named('anchor-enter')[0]).to.deep.equal({ userId: 'anchor_1', userName: 'Anna', userAvatar: '' });
    expect(named('enter-room')[0].result).to.be.greaterThan(0);
    expect(engines.chat.calls).to.deep.include(['joinGroup', '5']);
    expect(engines.media.calls[0]).to.deep.equal(['join', numericRoom(5), 'audience', 'live']);
  });

  it('a failed entry reports a negative code, a typed error, and leaves the store idle', async () => {
    const { engines, store, named } = setup();
    engines.chat.joinError = new LiveError(ErrorCode.ROOM_NOT_FOUND);
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    const error = await store.enterRoom(numericRoom(5)).catch((e) => e);
    expect(error).to.be.instanceOf(LiveError);
    expect(error.code).to.equal(ErrorCode.ROOM_NOT_FOUND);
    expect(named('enter-room')[0].result).to.equal(-ErrorCode.ROOM_NOT_FOUND);
    expect(named('live-error')[0].code).to.equal(ErrorCode.ROOM_NOT_FOUND);
    expect(store.getState().phase).to.equal('idle');
    expect(store.getState().error?.code).to.equal(ErrorCode.ROOM_NOT_FOUND);
  });

  it('refuses bad input with a typed error and changes nothing', async () => {
    const { store } = setup();
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    const before = store.getState();
    expect(() => store.enterRoom(numericRoom(0))).to.throw().with.property('code', ErrorCode.INVALID_ROOM_ID);
    expect(() => store.createRoom(numericRoom(7), { roomName: 'x'.repeat(101) })).to.throw().with.property('code', ErrorCode.TEXT_TOO_LONG);
    expect(store.getState()).to.equal(before);
    const notIn = await store.sendRoomTextMsg('hi').catch((e) => e);
    expect(notIn.code).to.equal(ErrorCode.NOT_IN_ROOM);
    const bad = await store.login({ userId: 'bad id' }).catch((e) => e);
    expect(bad.code).to.equal(ErrorCode.INVALID_USER_ID);
  });

  it('cannot enter before logging in', async () => {
    const { store } = setup();
    const error = await store.enterRoom(numericRoom(5)).catch((e) => e);
    expect(error.code).to.equal(ErrorCode.NOT_LOGGED_IN);
  });

  it('tracks audience presence, most recent first, and the online count', async () => {
    const { engines, store, named } = setup();
    await store.login({ userId: 'anchor_1', userSig: 'sig', sdkAppId: 1 });
    await store.createRoom(numericRoom(9), { roomName: 'Show' });
    const member = (id: string) => ({ userId: id, nickname: id, avatar: '', joinedAt: Date.now() });
    engines.chat.emit('member-join', { groupId: '9', member: member('v1'), memberCount: 2 });
    engines.chat.emit('member-join', { groupId: '9', member: member('v2'), memberCount: 3 });
    engines.chat.emit('member-join', { groupId: 'other', member: member('v3'), memberCount: 9 });
    expect(store.getState().audience.map((a) => a.userId)).to.deep.equal(['v2', 'v1']);
    expect(store.getState().onlineCount).to.equal(3);
    expect(named('audience-enter').map((d) => d.userInfo.userId)).to.deep.equal(['v1', 'v2']);
    engines.chat.emit('member-quit', { groupId: '9', userId: 'v1', memberCount: 2 });
    expect(store.getState().audience.map((a) => a.userId)).to.deep.equal(['v2']);
    expect(named('audience-exit')[0].userId).to.equal('v1');
  });

  it('room-destroy fires once when the room goes away by both paths', async () => {
    const { engines, store, named } = setup();
    engines.media.users = [anchor];
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    await store.enterRoom(numericRoom(5));
    engines.chat.emit('group-dismissed', { groupId: '5' });
    engines.media.emit('room-closed', { reason: 'owner-left' });
    expect(named('room-destroy')).to.have.length(1);
    expect(store.getState().phase).to.equal('closed');
    expect(store.getState().closedReason).to.equal('destroyed');
    expect(store.getState().anchors).to.have.length(0);
  });

  it('kicked offline closes the room and says why', async () => {
    const { engines, store, named } = setup();
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    await store.enterRoom(numericRoom(5));
    engines.chat.emit('kicked-offline', { reason: 'duplicate-login' });
    expect(named('kicked-offline')[0]).to.deep.equal({ reason: 'duplicate-login' });
    expect(store.getState().closedReason).to.equal('kicked-offline');
    expect(store.getState().user?.userId).to.equal('viewer_1');
  });

  it('text and custom messages go out and come back as seed callbacks; malformed custom ones are dropped with a code', async () => {
    const { engines, store, named } = setup();
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    await store.enterRoom(numericRoom(5));
    await store.sendRoomTextMsg('<img src=x onerror=alert(1)>');
    await store.sendRoomCustomMsg('poll', '{"q":1}');
    expect(named('recv-room-text-msg')[0].message).to.equal('<img src=x onerror=alert(1)>');
    expect(named('recv-room-custom-msg')[0]).to.include({ command: 'poll', message: '{"q":1}' });
    expect(store.getState().messages.at(-1)?.self).to.be.true;
    engines.chat.emit('message', { groupId: '5', seq: 99, time: 0, from: { userId: 'evil', nickname: 'evil', avatar: '' }, priority: 'normal', body: { type: 'custom', data: '{"le":1,"kind":"gift","data":{}}' } });
    expect(named('live-error').at(-1).code).to.equal(ErrorCode.MALFORMED_MESSAGE);
    expect(named('recv-room-custom-msg')).to.have.length(1);
    const tooLong = await store.sendRoomTextMsg('x'.repeat(2000)).catch((e) => e);
    expect(tooLong.code).to.equal(ErrorCode.TEXT_TOO_LONG);
    expect(engines.chat.sent).to.have.length(2);
    expect(encodeEnvelope('custom', { cmd: 'poll', message: '{"q":1}' })).to.equal((engines.chat.sent[1].body as { data: string }).data);
  });

  it('anchors: go live, video availability, exit and destroy', async () => {
    const { engines, store, named } = setup();
    await store.login({ userId: 'anchor_1', userSig: 'sig', sdkAppId: 1 });
    await store.startCameraPreview();
    await store.createRoom(numericRoom(9));
    await store.startPublish();
    expect(store.getState().publishing).to.be.true;
    expect(engines.media.calls.map(([c]) => c)).to.include.members(['startLocalMedia', 'join', 'publish']);
    engines.media.emit('user-enter', { user: { ...anchor, userId: 'co_1', video: false } });
    engines.media.emit('video-available', { userId: 'co_1', available: true });
    expect(store.getState().anchors[0].video).to.be.true;
    expect(named('user-video-available').at(-1)).to.deep.equal({ userId: 'co_1', available: true });
    engines.media.emit('user-exit', { userId: 'co_1' });
    expect(named('anchor-exit')[0].userId).to.equal('co_1');
    await store.destroyRoom();
    expect(engines.chat.calls).to.deep.include(['dismissGroup', '9']);
    expect(store.getState().phase).to.equal('closed');
  });
});
