import { expect, waitUntil } from '@open-wc/testing';
import type { UserProfile } from '../engines/types.js';
import { ErrorCode } from '../errors.js';
import { decodeEnvelope, encodeEnvelope, type MessageKind, type PayloadOf } from '../protocol/envelope.js';
import { fakeEngines } from '../../testing/fake-engines.js';
import { CallStore, type CallEvents } from './call-store.js';
import { Session } from './session.js';

type Engines = ReturnType<typeof fakeEngines>;

const profile = (userId: string, nickname = userId): UserProfile => ({ userId, nickname, avatar: '' });

async function phone(userId = 'me', timeoutMs = 2000) {
  const engines = fakeEngines();
  const store = new CallStore(new Session({ engines }), { timeoutMs });
  await store.login({ userID: userId, userSig: 'sig', sdkAppId: 1 });
  const seen: Array<{ type: keyof CallEvents; detail: unknown }> = [];
  for (const type of ['invited', 'reject', 'no-resp', 'line-busy', 'calling-cancel', 'calling-timeout', 'user-enter', 'user-leave', 'call-end', 'call-error', 'call-type-change'] as const) {
    store.on(type, (detail) => seen.push({ type, detail }));
  }
  return { engines, store, seen };
}

function signal<K extends MessageKind>(engines: Engines, from: string, kind: K, data: PayloadOf<K>): void {
  engines.chat.emit('direct-message', { from: profile(from), data: encodeEnvelope(kind, data), time: Date.now() });
}

/** Every direct message the store sent, decoded. */
function sent(engines: Engines): Array<{ to: string; kind: string; data: Record<string, unknown> }> {
  return engines.chat.calls
    .filter(([name]) => name === 'sendDirect')
    .map(([, to, raw]) => {
      const decoded = decodeEnvelope(raw);
      if (!decoded.ok) throw decoded.error;
      return { to: to as string, kind: decoded.message.kind, data: decoded.message.data as Record<string, unknown> };
    });
}

function enter(engines: Engines, userId: string, media: { audio?: boolean; video?: boolean } = {}): void {
  engines.media.emit('user-enter', { user: { ...profile(userId), role: 'anchor', publishing: true, audio: media.audio ?? true, video: media.video ?? true } });
}

describe('CallStore', () => {
  it('inviter: invite → accept → connected → hangup', async () => {
    const { engines, store, seen } = await phone('alice');
    await store.call({ userID: 'bob', type: 2 });
    let s = store.getState();
    expect(s.status).to.equal('calling');
    expect(s.invitees).to.deep.equal([{ userId: 'bob', state: 'waiting' }]);
    expect(s.expiresAt).to.be.greaterThan(Date.now());
    const invite = sent(engines).find((m) => m.kind === 'call-invite')!;
    expect(invite.to).to.equal('bob');
    expect(invite.data).to.include({ type: 2, inviter: 'alice' });
    expect(invite.data.invitees).to.deep.equal(['bob']);
    const join = engines.media.calls.find(([c]) => c === 'join')!;
    expect(join[3]).to.equal('rtc');

    signal(engines, 'bob', 'call-accept', { callId: s.callId! });
    s = store.getState();
    expect(s.status).to.equal('connected');
    expect(s.startedAt).to.be.a('number');
    expect(s.invitees[0].state).to.equal('accepted');
    enter(engines, 'bob');
    expect(store.getState().participants.map((p) => p.userId)).to.deep.equal(['bob']);
    expect(seen.some((e) => e.type === 'user-enter')).to.be.true;

    await store.hangup();
    expect(sent(engines).some((m) => m.kind === 'call-hangup' && m.to === 'bob')).to.be.true;
    expect(engines.media.calls.some(([c]) => c === 'leave')).to.be.true;
    s = store.getState();
    expect(s.status).to.equal('ended');
    expect(s.endReason).to.equal('hangup');
    expect(seen.find((e) => e.type === 'call-end')?.detail).to.deep.equal({ reason: 'hangup' });
    store.dismiss();
    expect(store.getState().status).to.equal('idle');
  });

  it('invitee: invited → accept joins the call room and answers → hangup tells the caller', async () => {
    const { engines, store, seen } = await phone('bob');
    signal(engines, 'alice', 'call-invite', { callId: 'c1', type: 1, roomId: 'call_c1', inviter: 'alice', invitees: ['bob'] });
    expect(store.getState().status).to.equal('incoming');
    expect(store.getState().sponsor?.userId).to.equal('alice');
    expect(seen.find((e) => e.type === 'invited')?.detail).to.deep.include({ sponsor: 'alice', inviteID: 'c1', isFromGroup: false });
    await store.accept();
    expect(engines.media.calls.find(([c]) => c === 'join')?.[3]).to.equal('audio-call');
    expect(sent(engines)).to.deep.include({ to: 'alice', kind: 'call-accept', data: { callId: 'c1' } });
    expect(store.getState()).to.include({ status: 'connected', media: 'audio' });
    enter(engines, 'alice');
    await store.hangup();
    expect(sent(engines)).to.deep.include({ to: 'alice', kind: 'call-hangup', data: { callId: 'c1' } });
    expect(store.getState().endReason).to.equal('hangup');
  });

  it('inviter: the callee hanging up ends the call with remote-hangup', async () => {
    const { engines, store } = await phone('alice');
    await store.call({ userID: 'bob', type: 2 });
    signal(engines, 'bob', 'call-accept', { callId: store.getState().callId! });
    enter(engines, 'bob');
    signal(engines, 'bob', 'call-hangup', { callId: store.getState().callId! });
    await waitUntil(() => store.getState().status === 'ended');
    expect(store.getState().endReason).to.equal('remote-hangup');
  });

  // Regression: the invitee used to stay `waiting` in its own list after accepting, so a caller's
  // hangup never ended the invitee's call.
  it('invitee: the caller hanging up ends the call with remote-hangup', async () => {
    const { engines, store } = await phone('bob');
    signal(engines, 'alice', 'call-invite', { callId: 'c1', type: 2, roomId: 'call_c1', inviter: 'alice', invitees: ['bob'] });
    await store.accept();
    enter(engines, 'alice');
    signal(engines, 'alice', 'call-hangup', { callId: 'c1' });
    await waitUntil(() => store.getState().status === 'ended');
    expect(store.getState().endReason).to.equal('remote-hangup');
  });

  it('invitee: a cancel because the inviter timed out reads as calling-timeout', async () => {
    const { engines, store, seen } = await phone('bob');
    signal(engines, 'alice', 'call-invite', { callId: 'c9', type: 1, roomId: 'call_c9', inviter: 'alice', invitees: ['bob'] });
    await waitUntil(() => store.getState().status === 'incoming');
    signal(engines, 'alice', 'call-cancel', { callId: 'c9', reason: 'timeout' });
    await waitUntil(() => store.getState().status === 'ended');
    expect(store.getState().endReason).to.equal('timeout');
    expect(seen.some((e) => e.type === 'calling-timeout')).to.be.true;
    expect(seen.some((e) => e.type === 'calling-cancel')).to.be.false;
  });

  it('answers a second invitation with busy and keeps the call', async () => {
    const { engines, store, seen } = await phone('bob');
    signal(engines, 'alice', 'call-invite', { callId: 'c1', type: 2, roomId: 'call_c1', inviter: 'alice', invitees: ['bob'] });
    await store.accept();
    const before = store.getState();
    signal(engines, 'carl', 'call-invite', { callId: 'c2', type: 2, roomId: 'call_c2', inviter: 'carl', invitees: ['bob'] });
    await waitUntil(() => sent(engines).some((m) => m.kind === 'call-busy'));
    expect(sent(engines).find((m) => m.kind === 'call-busy')).to.deep.equal({ to: 'carl', kind: 'call-busy', data: { callId: 'c2' } });
    expect(store.getState()).to.equal(before);
    expect(seen.filter((e) => e.type === 'invited')).to.have.length(1);
  });

  it('NO_RESP lists the invitees who did not answer; the call goes on with those who did', async () => {
    const { engines, store, seen } = await phone('alice', 200);
    await store.groupCall({ userIDList: ['bob', 'cleo', 'dan'], type: 2 });
    expect(sent(engines).filter((m) => m.kind === 'call-invite').map((m) => m.to)).to.deep.equal(['bob', 'cleo', 'dan']);
    const callId = store.getState().callId!;
    signal(engines, 'bob', 'call-accept', { callId });
    enter(engines, 'bob');
    await waitUntil(() => seen.some((e) => e.type === 'no-resp'), 'no-resp', { timeout: 2000 });
    expect(seen.find((e) => e.type === 'no-resp')?.detail).to.deep.equal({ userID: 'cleo', userIDList: ['cleo', 'dan'] });
    const s = store.getState();
    expect(s.status).to.equal('connected');
    expect(s.invitees.map((i) => i.state)).to.deep.equal(['accepted', 'no-response', 'no-response']);
    expect(sent(engines).filter((m) => m.kind === 'call-cancel').map((m) => m.to)).to.deep.equal(['cleo', 'dan']);
  });

  it('nobody answers a one-to-one call: no-resp, then the call ends with no-answer', async () => {
    const { store, seen } = await phone('alice', 150);
    await store.call({ userID: 'bob', type: 1 });
    await waitUntil(() => store.getState().status === 'ended', 'ended', { timeout: 2000 });
    expect(store.getState().endReason).to.equal('no-answer');
    expect(seen.find((e) => e.type === 'no-resp')?.detail).to.deep.equal({ userID: 'bob', userIDList: ['bob'] });
  });

  it('a malformed envelope emits call-error 61005 and changes nothing', async () => {
    const { engines, store, seen } = await phone('bob');
    const before = store.getState();
    engines.chat.emit('direct-message', { from: profile('mallory'), data: '{"le":1,"kind":"call-invite","data":{"callId":""}}', time: Date.now() });
    engines.chat.emit('direct-message', { from: profile('mallory'), data: 'not json', time: Date.now() });
    const errors = seen.filter((e) => e.type === 'call-error').map((e) => e.detail as { code: number; message: string });
    expect(errors.map((e) => e.code)).to.deep.equal([ErrorCode.MALFORMED_MESSAGE, ErrorCode.MALFORMED_MESSAGE]);
    expect(errors[0].message).to.contain('mallory');
    expect(store.getState()).to.equal(before);
  });

  it('switching in a group call fails with 60001 / 60002', async () => {
    const { engines, store, seen } = await phone('alice');
    await store.groupCall({ userIDList: ['bob', 'cleo'], type: 2 });
    signal(engines, 'bob', 'call-accept', { callId: store.getState().callId! });
    enter(engines, 'bob');
    expect(store.getState().status).to.equal('connected');
    const audio = await store.switchToAudioCall().then(() => undefined, (e: { code: number }) => e);
    const video = await store.switchToVideoCall().then(() => undefined, (e: { code: number }) => e);
    expect(audio?.code).to.equal(ErrorCode.SWITCH_TO_AUDIO_FAILED);
    expect(video?.code).to.equal(ErrorCode.SWITCH_TO_VIDEO_FAILED);
    expect(seen.filter((e) => e.type === 'call-error').map((e) => (e.detail as { code: number }).code)).to.deep.equal([60001, 60002]);
    expect(store.getState().media).to.equal('video');
    expect(sent(engines).some((m) => m.kind === 'call-switch')).to.be.false;
  });

  it('a one-to-one call switches to audio and tells the other side', async () => {
    const { engines, store, seen } = await phone('alice');
    await store.call({ userID: 'bob', type: 2 });
    signal(engines, 'bob', 'call-accept', { callId: store.getState().callId! });
    enter(engines, 'bob');
    await store.switchToAudioCall();
    expect(store.getState()).to.include({ media: 'audio', type: 1, cameraOn: false });
    expect(sent(engines).find((m) => m.kind === 'call-switch')).to.deep.include({ to: 'bob', data: { callId: store.getState().callId, type: 1 } });
    expect(seen.find((e) => e.type === 'call-type-change')?.detail).to.deep.equal({ type: 1 });
  });

  it('audio levels: a move of 5 or more, or a fall to 0, changes the state; smaller moves do not', async () => {
    const { engines, store } = await phone('alice');
    await store.call({ userID: 'bob', type: 2 });
    const volumes = (list: Array<[string, number]>) => engines.media.emit('audio-volume', { volumes: list.map(([userId, volume]) => ({ userId, volume })) });
    volumes([['bob', 40], ['alice', 3]]);
    const first = store.getState().volumes;
    expect(first).to.deep.equal({ bob: 40 });
    volumes([['bob', 43], ['alice', 2]]);
    expect(store.getState().volumes).to.equal(first);
    volumes([['bob', 0]]);
    expect(store.getState().volumes).to.deep.equal({ bob: 0 });
  });
});
