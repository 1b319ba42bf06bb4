import { expect } from '@open-wc/testing';
import { fakeEngines } from '../../testing/fake-engines.js';
import { ErrorCode, LiveError } from '../errors.js';
import { decodeEnvelope, encodeEnvelope, type MessageKind, type PayloadOf } from '../protocol/envelope.js';
import { numericRoom } from '../validation.js';
import { LiveRoomStore } from './live-room-store.js';
import { Session } from './session.js';

const profile = (userId: string) => ({ userId, nickname: userId.toUpperCase(), avatar: '' });

async function inRoom(userId: string, options: ConstructorParameters<typeof LiveRoomStore>[1] = {}) {
  const engines = fakeEngines();
  const store = new LiveRoomStore(new Session({ engines }), options);
  await store.login({ userId, userSig: 'sig', sdkAppId: 1 });
  if (userId === 'anchor_1') {
    await store.createRoom(numericRoom(8));
    await store.startPublish();
  } else {
    await store.enterRoom(numericRoom(8));
  }
  const deliver = <K extends MessageKind>(from: string, kind: K, data: PayloadOf<K>) =>
    engines.chat.emit('direct-message', { from: profile(from), data: encodeEnvelope(kind, data), time: Date.now() });
  const sentTo = (to: string) =>
    engines.chat.calls.filter(([c, t]) => c === 'sendDirect' && t === to).map(([, , data]) => {
      const d = decodeEnvelope(data);
      return d.ok ? d.message : undefined;
    });
  return { engines, store, deliver, sentTo };
}

describe('co-anchoring in the store', () => {
  it('viewer: request → accepted → previews, becomes anchor, publishes', async () => {
    const { store, engines, deliver, sentTo } = await inRoom('viewer_1');
    const answer = store.requestJoinAnchor();
    const [request] = sentTo('anchor_1');
    expect(request?.kind).to.equal('coanchor-request');
    expect(store.getState().coanchor.self.state).to.equal('requesting');
    const requestId = (request!.data as { requestId: string }).requestId;
    deliver('anchor_1', 'coanchor-status', { requestId, position: 2, seatsFull: true });
    expect(store.getState().coanchor.self).to.include({ position: 2, seatsFull: true });
    deliver('anchor_1', 'coanchor-response', { requestId, agree: true });
    expect(await answer).to.deep.equal({ accepted: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(engines.media.calls.map(([c]) => c)).to.include.members(['startLocalMedia', 'switchRole', 'publish']);
    expect(store.getState().role).to.equal('anchor');
  });

  it('viewer: a response from someone who is not the anchor is ignored', async () => {
    const { store, deliver, sentTo } = await inRoom('viewer_1');
    void store.requestJoinAnchor();
    const requestId = (sentTo('anchor_1')[0]!.data as { requestId: string }).requestId;
    deliver('viewer_9', 'coanchor-response', { requestId, agree: true });
    expect(store.getState().coanchor.self.state).to.equal('requesting');
  });

  it('viewer: the request times out and the anchor is told', async () => {
    const { store, sentTo } = await inRoom('viewer_1', { coanchorTimeoutMs: 50 });
    expect(await store.requestJoinAnchor()).to.deep.equal({ accepted: false, reason: 'timeout' });
    expect(store.getState().coanchor.self.state).to.equal('timeout');
    expect(sentTo('anchor_1').map((m) => m?.kind)).to.deep.equal(['coanchor-request', 'coanchor-cancel']);
  });

  it('viewer: kicked off stage by the server goes back to audience', async () => {
    const { store, engines } = await inRoom('viewer_1');
    const seen: string[] = [];
    store.on('kickout-join-anchor', () => seen.push('kicked'));
    engines.media.emit('role-changed', { role: 'anchor', reason: 'granted' });
    await store.respondToJoinAnchorInvitation(true).catch(() => undefined);
    (store as unknown as { set(p: object): void }).set({ role: 'anchor', publishing: true });
    engines.media.emit('role-changed', { role: 'audience', reason: 'revoked' });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).to.deep.equal(['kicked']);
    expect(store.getState().role).to.equal('audience');
    expect(store.getState().publishing).to.be.false;
  });

  it('anchor: requests queue in order; accept grants on the server first; seats limit accepting', async () => {
    const { store, engines, deliver, sentTo } = await inRoom('anchor_1', { seats: 1 });
    deliver('viewer_1', 'coanchor-request', { requestId: 'r1' });
    deliver('viewer_2', 'coanchor-request', { requestId: 'r2' });
    expect(store.getState().coanchor.queue.map((r) => r.userId)).to.deep.equal(['viewer_1', 'viewer_2']);
    await store.acceptNextJoinAnchor();
    expect(engines.media.calls).to.deep.include(['grantAnchor', 'viewer_1', true]);
    expect(sentTo('viewer_1').at(-1)).to.deep.equal({ kind: 'coanchor-response', data: { requestId: 'r1', agree: true } });
    engines.media.emit('user-enter', { user: { ...profile('viewer_1'), role: 'anchor', publishing: true, audio: true, video: true } });
    const full = await store.responseJoinAnchor('viewer_2', true).catch((e) => e);
    expect(full.code).to.equal(ErrorCode.SEATS_FULL);
    await store.rejectAllJoinAnchor('busy');
    expect(store.getState().coanchor.queue).to.have.length(0);
    expect(sentTo('viewer_2').at(-1)).to.deep.equal({ kind: 'coanchor-response', data: { requestId: 'r2', agree: false, reason: 'busy' } });
  });

  it('anchor: the server refusing a grant leaves the queue as it was', async () => {
    const { store, engines, deliver } = await inRoom('anchor_1');
    deliver('viewer_1', 'coanchor-request', { requestId: 'r1' });
    engines.media.grantError = new LiveError(ErrorCode.NOT_ALLOWED);
    const error = await store.responseJoinAnchor('viewer_1', true).catch((e) => e);
    expect(error.code).to.equal(ErrorCode.NOT_ALLOWED);
    expect(store.getState().coanchor.queue).to.have.length(1);
  });
});

describe('PK in the store', () => {
  it('anchor A asks, B accepts, the link comes up, gifts score, quit ends it', async () => {
    const { store, engines, deliver, sentTo } = await inRoom('anchor_1');
    const asked = store.requestRoomPK(numericRoom(9), 'anchor_2');
    const [request] = sentTo('anchor_2');
    expect(request?.kind).to.equal('pk-request');
    const requestId = (request!.data as { requestId: string }).requestId;
    deliver('anchor_2', 'pk-response', { requestId, agree: true, roomId: '9', roomKind: 'numeric' });
    expect(await asked).to.deep.equal({ accepted: true });
    expect(engines.media.calls).to.deep.include(['connectOtherRoom', numericRoom(9), 'anchor_2']);
    engines.media.emit('pk', { state: 'linked', room: numericRoom(9), userId: 'anchor_2' });
    expect(store.getState().pk.state).to.equal('active');
    engines.chat.emit('message', { groupId: '8', seq: 5, time: 0, from: profile('fan'), priority: 'high', body: { type: 'custom', data: encodeEnvelope('gift', { giftId: 'rose', count: 3, value: 5 }) } });
    expect(store.getState().pk.score).to.deep.equal({ home: 15, away: 0 });
    deliver('anchor_2', 'pk-score', { requestId, score: 40 });
    expect(store.getState().pk.score).to.deep.equal({ home: 15, away: 40 });
    const ended: string[] = [];
    store.on('quit-room-pk', (e) => ended.push(e.userId));
    await store.quitRoomPK();
    expect(ended).to.deep.equal(['anchor_2']);
    expect(store.getState().pk.state).to.equal('idle');
  });

  it('a viewer cannot start a PK; a PK request to a viewer is ignored', async () => {
    const { store, deliver } = await inRoom('viewer_1');
    const error = await store.requestRoomPK(numericRoom(9), 'anchor_2').catch((e) => e);
    expect(error.code).to.equal(ErrorCode.NOT_ALLOWED);
    deliver('anchor_2', 'pk-request', { requestId: 'x', roomId: '9', roomKind: 'numeric' });
    expect(store.getState().pk.state).to.equal('idle');
  });

  it('audience read the PK and its score from the room attribute', async () => {
    const { store, engines } = await inRoom('viewer_1');
    engines.chat.emit('attributes', { groupId: '8', attributes: { status: 'live', pk: JSON.stringify({ userId: 'anchor_2', nickname: 'B', room: numericRoom(9), home: 3, away: 7 }) } });
    expect(store.getState().pk).to.deep.include({ state: 'active', score: { home: 3, away: 7 } });
    engines.chat.emit('attributes', { groupId: '8', attributes: { status: 'live', pk: '{broken' } });
    expect(store.getState().pk.state).to.equal('idle');
  });
});

describe('moderation and room state in the store', () => {
  it('a muted user is refused before sending, with the time left', async () => {
    const { store, engines } = await inRoom('viewer_1');
    engines.chat.emit('member-muted', { groupId: '8', userId: 'viewer_1', mutedUntil: Date.now() + 30_000 });
    const error = await store.sendRoomTextMsg('hi').catch((e) => e);
    expect(error.code).to.equal(ErrorCode.MUTED);
    expect(error.message).to.match(/30 more seconds|29 more seconds/);
    expect(engines.chat.sent).to.have.length(0);
    engines.chat.emit('member-muted', { groupId: '8', userId: 'viewer_1', mutedUntil: 0 });
    await store.sendRoomTextMsg('hi');
    expect(engines.chat.sent).to.have.length(1);
  });

  it('removal closes the room for the removed user with the ban end', async () => {
    const { store, engines } = await inRoom('viewer_1');
    const until = Date.now() + 60_000;
    engines.chat.emit('member-removed', { groupId: '8', userId: 'viewer_1', bannedUntil: until, memberCount: 1 });
    expect(store.getState()).to.include({ phase: 'closed', closedReason: 'removed', bannedUntil: until });
  });

  it('status, notice and intro follow the attributes and validate input', async () => {
    const { store } = await inRoom('anchor_1');
    expect(store.getState().roomStatus).to.equal('live');
    await store.updateRoomNotice('Hello');
    expect(store.getState().notice).to.equal('Hello');
    const tooLong = await store.updateRoomIntro('x'.repeat(241)).catch((e) => e);
    expect(tooLong.code).to.equal(ErrorCode.TEXT_TOO_LONG);
    const bad = await store.setRoomStatus('exploding' as never).catch((e) => e);
    expect(bad.code).to.equal(ErrorCode.INVALID_ARGUMENT);
  });
});
