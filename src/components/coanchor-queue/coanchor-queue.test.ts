import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ErrorCode, LiveError } from '../../core/errors.js';
import { decodeEnvelope, encodeEnvelope, type Envelope, type MessageKind, type PayloadOf } from '../../core/protocol/envelope.js';
import { LiveRoomStore, type LiveRoomStoreOptions } from '../../core/store/live-room-store.js';
import { Session } from '../../core/store/session.js';
import { numericRoom } from '../../core/validation.js';
import { fakeEngines } from '../../testing/fake-engines.js';
import '../../coanchor-queue.js';
import type { CoanchorQueue, CoanchorUserDetail } from './coanchor-queue.js';
import { preloadLanguage } from '../../internal/i18n.js';

const ROOM = 5;
const ANNA = { userId: 'anchor_1', nickname: 'Anna', avatar: '' };

function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function part(el: CoanchorQueue, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

function parts(el: CoanchorQueue, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

function button(el: CoanchorQueue, name: string): HTMLButtonElement {
  const found = part(el, name);
  if (!(found instanceof HTMLButtonElement)) throw new Error(`no button [part~="${name}"] in: ${text(el.shadowRoot as unknown as Element)}`);
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function room(userId: string, options: LiveRoomStoreOptions = {}) {
  const engines = fakeEngines();
  if (userId !== ANNA.userId) engines.media.users = [{ ...ANNA, role: 'anchor', publishing: true, audio: true, video: true }];
  const store = new LiveRoomStore(new Session({ engines }), options);
  await store.login({ userId, userSig: 'sig', sdkAppId: 1, nickname: userId === ANNA.userId ? 'Anna' : undefined });
  if (userId === ANNA.userId) await store.createRoom(numericRoom(ROOM));
  else await store.enterRoom(numericRoom(ROOM));
  /** Delivers one of the kit's direct messages, as the chat engine would. */
  const deliver = <K extends MessageKind>(from: { userId: string; nickname: string }, kind: K, data: PayloadOf<K>) =>
    engines.chat.emit('direct-message', { from: { avatar: '', ...from }, data: encodeEnvelope(kind, data), time: Date.now() });
  /** The kit's messages sent to one user, decoded. */
  const sentTo = (to: string): Envelope[] =>
    engines.chat.calls
      .filter(([call, target]) => call === 'sendDirect' && target === to)
      .map(([, , data]) => {
        const decoded = decodeEnvelope(data);
        if (!decoded.ok) throw decoded.error;
        return decoded.message;
      });
  return { engines, store, deliver, sentTo };
}

async function viewer(options: LiveRoomStoreOptions = {}, lang = 'en') {
  const ctx = await room('viewer_1', options);
  const el = await fixture<CoanchorQueue>(html`<coanchor-queue lang=${lang} .store=${ctx.store}></coanchor-queue>`);
  return { ...ctx, el };
}

async function anchor(options: LiveRoomStoreOptions = {}, lang = 'en') {
  const ctx = await room(ANNA.userId, options);
  const el = await fixture<CoanchorQueue>(html`<coanchor-queue lang=${lang} .store=${ctx.store}></coanchor-queue>`);
  return { ...ctx, el };
}

/** The viewer's request id, from the request sent to the anchor. */
function requestIdOf(sent: Envelope[]): string {
  const request = sent.find((m) => m.kind === 'coanchor-request');
  if (!request || request.kind !== 'coanchor-request') throw new Error('no coanchor-request was sent');
  return request.data.requestId;
}

describe('<coanchor-queue> viewer', () => {
  it('outside a room: the request button is disabled and says why', async () => {
    const el = await fixture<CoanchorQueue>(html`<coanchor-queue></coanchor-queue>`);
    expect(button(el, 'request-button').disabled).to.be.true;
    expect(text(part(el, 'status'))).to.equal('Enter a room to ask to co-anchor.');
    expect(button(el, 'request-button').getAttribute('aria-describedby')).to.equal('cq-status');
    await expect(el).to.be.accessible();
  });

  it('request → waiting with a countdown → place in line → declined with the reason', async () => {
    const { el, deliver, sentTo } = await viewer();
    const fired: CoanchorUserDetail[] = [];
    el.addEventListener('coanchor-request', (e) => fired.push(e.detail));
    const request = button(el, 'request-button');
    expect(text(request)).to.equal('Request to co-anchor');
    expect(request.disabled).to.be.false;
    request.click();
    await waitUntil(() => part(el, 'cancel-button'), 'shows Cancel while waiting');
    expect(fired).to.deep.equal([{ userId: 'viewer_1' }]);
    expect(sentTo('anchor_1').map((m) => m.kind)).to.deep.equal(['coanchor-request']);
    expect(text(button(el, 'request-button'))).to.equal('Waiting for the anchor… (60 s)');
    expect(button(el, 'request-button').disabled).to.be.true;
    expect(text(part(el, 'live-region'))).to.equal('Request sent to the anchor');
    // The countdown follows the clock.
    await waitUntil(() => text(part(el, 'request-button')) === 'Waiting for the anchor… (59 s)', 'counts down', { timeout: 2500 });
    await expect(el).to.be.accessible();

    const requestId = requestIdOf(sentTo('anchor_1'));
    deliver(ANNA, 'coanchor-status', { requestId, position: 2, seatsFull: true });
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('All seats are taken — you are #2 in line');
    deliver(ANNA, 'coanchor-status', { requestId, position: 1, seatsFull: false });
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('You are #1 in line');

    deliver(ANNA, 'coanchor-response', { requestId, agree: false, reason: 'Not <b>now</b>' });
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('The anchor declined: Not <b>now</b>');
    expect(part(el, 'status')!.querySelector('b')).to.be.null;
    expect(part(el, 'cancel-button')).to.be.null;
    await waitUntil(() => !button(el, 'request-button').disabled, 'the request button is back');
    expect(text(button(el, 'request-button'))).to.equal('Request to co-anchor');
  });

  it('preventDefault on coanchor-request sends nothing', async () => {
    const { el, sentTo, store } = await viewer();
    el.addEventListener('coanchor-request', (e) => e.preventDefault());
    button(el, 'request-button').click();
    await sleep(20);
    expect(sentTo('anchor_1')).to.have.length(0);
    expect(store.getState().coanchor.self.state).to.equal('idle');
  });

  it('Cancel withdraws the request and returns to the idle look', async () => {
    const { el, sentTo } = await viewer();
    button(el, 'request-button').click();
    await waitUntil(() => part(el, 'cancel-button'));
    button(el, 'cancel-button').click();
    await waitUntil(() => !part(el, 'cancel-button'), 'Cancel goes away');
    expect(sentTo('anchor_1').map((m) => m.kind)).to.deep.equal(['coanchor-request', 'coanchor-cancel']);
    expect(part(el, 'status')).to.be.null;
    expect(text(button(el, 'request-button'))).to.equal('Request to co-anchor');
    expect(text(part(el, 'live-region'))).to.equal('Request cancelled');
  });

  it('accepted: goes on stage (switchRole, publish), then Leave stage', async () => {
    const { el, deliver, sentTo, engines, store } = await viewer();
    button(el, 'request-button').click();
    await waitUntil(() => part(el, 'cancel-button'));
    deliver(ANNA, 'coanchor-response', { requestId: requestIdOf(sentTo('anchor_1')), agree: true });
    await waitUntil(() => text(part(el, 'status')) === 'You are on stage', 'on stage');
    const calls = engines.media.calls.map(([c]) => c);
    expect(calls).to.include.members(['startLocalMedia', 'switchRole', 'publish']);
    expect(engines.media.calls).to.deep.include(['switchRole', 'anchor']);
    expect(part(el, 'request-button')).to.be.null;
    await expect(el).to.be.accessible();
    button(el, 'leave-button').click();
    await waitUntil(() => part(el, 'request-button'), 'back to the request button');
    expect(store.getState().role).to.equal('audience');
    expect(engines.media.calls).to.deep.include(['switchRole', 'audience']);
    expect(sentTo('anchor_1').at(-1)?.kind).to.equal('coanchor-cancel');
  });

  it('shows “going on stage” between acceptance and the role switch', async () => {
    const { el, deliver, sentTo, engines } = await viewer();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const publish = engines.media.publish.bind(engines.media);
    engines.media.publish = async () => {
      await gate;
      return publish();
    };
    button(el, 'request-button').click();
    await waitUntil(() => part(el, 'cancel-button'));
    deliver(ANNA, 'coanchor-response', { requestId: requestIdOf(sentTo('anchor_1')), agree: true });
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('Accepted — going on stage…');
    release();
    await waitUntil(() => text(part(el, 'status')) === 'You are on stage');
  });

  it('failing to go on stage shows the reason and the request button again', async () => {
    const { el, deliver, sentTo, engines } = await viewer();
    engines.media.publish = async () => {
      throw new LiveError(ErrorCode.PUBLISH_NOT_ALLOWED);
    };
    button(el, 'request-button').click();
    await waitUntil(() => part(el, 'cancel-button'));
    deliver(ANNA, 'coanchor-response', { requestId: requestIdOf(sentTo('anchor_1')), agree: true });
    await waitUntil(() => text(part(el, 'status')).startsWith('Could not go on stage'), 'shows the failure');
    expect(text(part(el, 'status'))).to.equal('Could not go on stage: You are not allowed to publish in this room.');
    expect(button(el, 'request-button').disabled).to.be.false;
  });

  it('no answer before the timeout: “No answer from the anchor”', async () => {
    const { el, store, sentTo } = await viewer({ coanchorTimeoutMs: 200 });
    const answer = store.requestJoinAnchor();
    await el.updateComplete;
    expect(text(button(el, 'request-button'))).to.match(/^Waiting for the anchor… \(\d s\)$/);
    expect(await answer).to.deep.equal({ accepted: false, reason: 'timeout' });
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('No answer from the anchor');
    expect(text(part(el, 'live-region'))).to.equal('No answer from the anchor');
    expect(button(el, 'request-button').disabled).to.be.false;
    expect(sentTo('anchor_1').map((m) => m.kind)).to.deep.equal(['coanchor-request', 'coanchor-cancel']);
  });

  it('an invitation: Accept goes on stage', async () => {
    const { el, deliver, sentTo, store } = await viewer();
    deliver(ANNA, 'coanchor-invite', { requestId: 'inv-1' });
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('The anchor invites you on stage');
    expect(text(part(el, 'live-region'))).to.equal('The anchor invites you on stage');
    await expect(el).to.be.accessible();
    button(el, 'accept').click();
    await waitUntil(() => store.getState().role === 'anchor', 'becomes an anchor');
    expect(sentTo('anchor_1').at(-1)).to.deep.equal({ kind: 'coanchor-response', data: { requestId: 'inv-1', agree: true } });
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('You are on stage');
  });

  it('an invitation: Decline answers no and returns to idle', async () => {
    const { el, deliver, sentTo } = await viewer();
    deliver(ANNA, 'coanchor-invite', { requestId: 'inv-2' });
    await el.updateComplete;
    expect(text(button(el, 'reject'))).to.equal('Decline');
    button(el, 'reject').click();
    await waitUntil(() => part(el, 'request-button'), 'back to the request button');
    expect(sentTo('anchor_1').at(-1)).to.deep.equal({ kind: 'coanchor-response', data: { requestId: 'inv-2', agree: false } });
  });

  it('a failed action is shown in words', async () => {
    const { el, engines } = await viewer();
    engines.chat.sendDirect = async () => {
      throw new LiveError(ErrorCode.RATE_LIMITED);
    };
    const errors: number[] = [];
    el.store!.on('live-error', (e) => errors.push(e.code));
    button(el, 'request-button').click();
    await waitUntil(() => part(el, 'error'), 'shows the error');
    expect(text(part(el, 'error'))).to.equal('Too many requests; slow down.');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(errors).to.deep.equal([ErrorCode.RATE_LIMITED]);
    expect(button(el, 'request-button').disabled).to.be.false;
  });

  it('speaks Chinese under lang="zh-CN"', async () => {
    await preloadLanguage('zh-CN'); // the Chinese words are fetched on demand
    const { el, deliver, sentTo } = await viewer({}, 'zh-CN');
    expect(text(button(el, 'request-button'))).to.equal('申请连麦');
    button(el, 'request-button').click();
    await waitUntil(() => part(el, 'cancel-button'));
    expect(text(button(el, 'request-button'))).to.equal('等待主播回应…（60 秒）');
    expect(text(button(el, 'cancel-button'))).to.equal('取消申请');
    deliver(ANNA, 'coanchor-status', { requestId: requestIdOf(sentTo('anchor_1')), position: 2, seatsFull: true });
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('席位已满——你排在第 2 位');
    deliver(ANNA, 'coanchor-response', { requestId: requestIdOf(sentTo('anchor_1')), agree: false });
    await el.updateComplete;
    expect(text(part(el, 'status'))).to.equal('主播拒绝了你的申请');
  });
});

describe('<coanchor-queue> anchor', () => {
  const BOB = { userId: 'bob', nickname: 'Bob' };
  const CAROL = { userId: 'carol', nickname: 'Carol' };
  const onStage = (user: { userId: string; nickname: string }) => ({ user: { ...user, avatar: '', role: 'anchor' as const, publishing: true, audio: true, video: true } });

  it('shows a request in the queue with the time waited, announces it, and Accept grants it', async () => {
    const { el, deliver, engines, sentTo } = await anchor();
    expect(text(part(el, 'heading'))).to.equal('Co-anchoring');
    expect(text(part(el, 'seats'))).to.equal('0 / 6 seats');
    expect(text(part(el, 'queue-section'))).to.contain('Nobody is waiting.');
    deliver(BOB, 'coanchor-request', { requestId: 'r-bob' });
    await el.updateComplete;
    const [row] = parts(el, 'queue-item');
    expect(text(row!.querySelector('[part~="name"]'))).to.equal('Bob');
    expect(text(row!.querySelector('[part~="waited"]'))).to.equal('waiting 0:00');
    expect(text(part(el, 'live-region'))).to.equal('Bob asks to co-anchor');
    expect(part(el, 'live-region')!.getAttribute('aria-live')).to.equal('polite');
    await waitUntil(() => text(part(el, 'waited')) === 'waiting 0:01', 'the waited time updates every second', { timeout: 2500 });

    const accepted: CoanchorUserDetail[] = [];
    el.addEventListener('coanchor-accept', (e) => accepted.push(e.detail));
    const accept = button(el, 'accept');
    expect(accept.getAttribute('aria-label')).to.equal('Accept: Bob');
    accept.click();
    await waitUntil(() => parts(el, 'queue-item').length === 0, 'the row goes away');
    expect(accepted).to.deep.equal([{ userId: 'bob' }]);
    expect(engines.media.calls).to.deep.include(['grantAnchor', 'bob', true]);
    expect(sentTo('bob').at(-1)).to.deep.equal({ kind: 'coanchor-response', data: { requestId: 'r-bob', agree: true } });
  });

  it('preventDefault on coanchor-accept / coanchor-reject sends nothing', async () => {
    const { el, deliver, engines } = await anchor();
    deliver(BOB, 'coanchor-request', { requestId: 'r-bob' });
    await el.updateComplete;
    el.addEventListener('coanchor-accept', (e) => e.preventDefault());
    el.addEventListener('coanchor-reject', (e) => e.preventDefault());
    button(el, 'accept').click();
    button(el, 'reject').click();
    button(el, 'accept-next').click();
    button(el, 'reject-all').click();
    await sleep(20);
    expect(engines.media.calls.filter(([c]) => c === 'grantAnchor')).to.have.length(0);
    expect(parts(el, 'queue-item')).to.have.length(1);
  });

  it('keeps arrival order; Reject, Accept next and Reject all', async () => {
    const { el, deliver, engines, sentTo } = await anchor();
    deliver(BOB, 'coanchor-request', { requestId: 'r-bob' });
    deliver(CAROL, 'coanchor-request', { requestId: 'r-carol' });
    deliver({ userId: 'dave', nickname: 'Dave' }, 'coanchor-request', { requestId: 'r-dave' });
    deliver({ userId: 'erin', nickname: 'Erin' }, 'coanchor-request', { requestId: 'r-erin' });
    await el.updateComplete;
    expect(parts(el, 'queue-item').map((r) => r.dataset.userId)).to.deep.equal(['bob', 'carol', 'dave', 'erin']);
    expect(text(part(el, 'queue-section')!.querySelector('h3'))).to.equal('Waiting (4)');

    const rejected: string[] = [];
    el.addEventListener('coanchor-reject', (e) => rejected.push(e.detail.userId));
    parts(el, 'queue-item')[1]!.querySelector<HTMLButtonElement>('[part~="reject"]')!.click();
    await waitUntil(() => parts(el, 'queue-item').length === 3);
    expect(engines.media.calls).to.deep.include(['grantAnchor', 'carol', false]);
    expect(sentTo('carol').at(-1)).to.deep.equal({ kind: 'coanchor-response', data: { requestId: 'r-carol', agree: false } });

    button(el, 'accept-next').click();
    await waitUntil(() => parts(el, 'queue-item').length === 2);
    expect(engines.media.calls).to.deep.include(['grantAnchor', 'bob', true]);

    button(el, 'reject-all').click();
    await waitUntil(() => parts(el, 'queue-item').length === 0, 'Reject all empties the queue');
    expect(rejected).to.deep.equal(['carol', 'dave', 'erin']);
    expect(engines.media.calls).to.deep.include(['grantAnchor', 'dave', false]);
    expect(engines.media.calls).to.deep.include(['grantAnchor', 'erin', false]);
    expect(button(el, 'accept-next').disabled).to.be.true;
    expect(button(el, 'reject-all').disabled).to.be.true;
  });

  it('seats: the attribute sets them; co-anchors on stage with a working Remove; full seats disable Accept with the reason', async () => {
    const { store, deliver, engines } = await room(ANNA.userId);
    const el = await fixture<CoanchorQueue>(html`<coanchor-queue seats="1" .store=${store}></coanchor-queue>`);
    expect(store.getState().coanchor.seats).to.equal(1);
    expect(text(part(el, 'seats'))).to.equal('0 / 1 seats');
    expect(text(part(el, 'stage'))).to.contain('Nobody is co-anchoring yet.');

    engines.media.emit('user-enter', onStage(CAROL));
    deliver(BOB, 'coanchor-request', { requestId: 'r-bob' });
    await el.updateComplete;
    expect(parts(el, 'stage-item').map((i) => text(i.querySelector('[part~="name"]')))).to.deep.equal(['Carol']);
    expect(text(part(el, 'seats'))).to.equal('1 / 1 seats');
    const accept = button(el, 'accept');
    expect(accept.disabled).to.be.true;
    expect(button(el, 'accept-next').disabled).to.be.true;
    expect(button(el, 'reject').disabled).to.be.false;
    expect(accept.getAttribute('aria-describedby')).to.equal('cq-seats-note');
    expect(text(part(el, 'seats-note'))).to.equal('All seats are taken. Remove someone from the stage to accept another request.');
    await expect(el).to.be.accessible();

    const remove = button(el, 'remove');
    expect(remove.getAttribute('aria-label')).to.equal('Remove from stage: Carol');
    remove.click();
    await waitUntil(() => engines.media.calls.some(([c, id, allow]) => c === 'grantAnchor' && id === 'carol' && allow === false), 'kicks out on the server');
    engines.media.emit('user-exit', { userId: 'carol' });
    await el.updateComplete;
    expect(parts(el, 'stage-item')).to.have.length(0);
    expect(button(el, 'accept').disabled).to.be.false;

    el.seats = 3;
    await el.updateComplete;
    expect(store.getState().coanchor.seats).to.equal(3);
    expect(text(part(el, 'seats'))).to.equal('0 / 3 seats');
  });

  it('an invalid seats value is shown in words', async () => {
    const { store } = await room(ANNA.userId);
    const el = await fixture<CoanchorQueue>(html`<coanchor-queue seats="99" .store=${store}></coanchor-queue>`);
    expect(store.getState().coanchor.seats).to.equal(6);
    expect(text(part(el, 'error'))).to.equal('Seats must be a whole number 0–49.');
  });

  it('a PK opponent is neither on the stage list nor counted in the seats', async () => {
    const { el, engines, store, deliver, sentTo } = await anchor();
    const asked = store.requestRoomPK(numericRoom(9), 'carol');
    const pkRequest = sentTo('carol').find((m) => m.kind === 'pk-request');
    if (pkRequest?.kind !== 'pk-request') throw new Error('no pk-request');
    deliver(CAROL, 'pk-response', { requestId: pkRequest.data.requestId, agree: true, roomId: '9', roomKind: 'numeric' });
    expect(await asked).to.deep.equal({ accepted: true });
    engines.media.emit('pk', { state: 'linked', room: numericRoom(9), userId: 'carol' });
    engines.media.emit('user-enter', onStage(CAROL));
    await el.updateComplete;
    expect(store.getState().anchors.map((a) => a.userId)).to.deep.equal(['carol']);
    expect(parts(el, 'stage-item')).to.have.length(0);
    expect(text(part(el, 'seats'))).to.equal('0 / 6 seats');
  });

  it('invites a viewer from the audience list or by user ID, and shows pending invitations', async () => {
    const { el, engines, sentTo, deliver } = await anchor();
    engines.chat.emit('member-join', { groupId: String(ROOM), member: { userId: 'dave', nickname: 'Dave', avatar: '', joinedAt: 0 }, memberCount: 2 });
    await el.updateComplete;
    const invite = parts(el, 'invite-item')[0]!.querySelector<HTMLButtonElement>('button')!;
    expect(invite.getAttribute('aria-label')).to.equal('Invite: Dave');
    invite.click();
    await waitUntil(() => parts(el, 'invited-item').length === 1, 'shows the pending invitation');
    expect(engines.media.calls).to.deep.include(['grantAnchor', 'dave', true]);
    expect(sentTo('dave').at(-1)?.kind).to.equal('coanchor-invite');
    expect(text(part(el, 'invited-item'))).to.contain('Dave');
    expect(parts(el, 'invite-item')).to.have.length(0);

    const input = part(el, 'invite-input') as HTMLInputElement;
    input.value = 'frank';
    (part(el, 'invite-form') as HTMLFormElement).requestSubmit();
    await waitUntil(() => parts(el, 'invited-item').length === 2);
    expect(sentTo('frank').at(-1)?.kind).to.equal('coanchor-invite');
    expect(input.value).to.equal('');

    input.value = 'not valid!';
    (part(el, 'invite-form') as HTMLFormElement).requestSubmit();
    await waitUntil(() => part(el, 'error'), 'a bad user ID is shown in words');
    expect(text(part(el, 'error'))).to.match(/user ?ID/i);
    expect(input.value).to.equal('not valid!');

    deliver({ userId: 'dave', nickname: 'Dave' }, 'coanchor-response', { requestId: 'x', agree: false });
    await el.updateComplete;
    expect(parts(el, 'invited-item').map((i) => i.dataset.userId)).to.deep.equal(['frank']);
    expect(text(part(el, 'live-region'))).to.equal('Dave declined the invitation');
    await expect(el).to.be.accessible();
  });

  it('a refused grant is shown in words and keeps the row', async () => {
    const { el, deliver, engines } = await anchor();
    deliver(BOB, 'coanchor-request', { requestId: 'r-bob' });
    await el.updateComplete;
    engines.media.grantError = new LiveError(ErrorCode.NOT_ALLOWED);
    button(el, 'accept').click();
    await waitUntil(() => part(el, 'error'), 'shows the error');
    expect(text(part(el, 'error'))).to.equal('You are not allowed to do this.');
    expect(parts(el, 'queue-item')).to.have.length(1);
  });

  it('re-renders each second only while someone waits and it is connected', async () => {
    const { el, deliver, store } = await anchor();
    let updates = 0;
    const request = el.requestUpdate.bind(el);
    el.requestUpdate = ((...args: Parameters<typeof el.requestUpdate>) => {
      updates++;
      request(...args);
    }) as typeof el.requestUpdate;
    const quiet = async (ms: number) => {
      updates = 0;
      await new Promise((r) => setTimeout(r, ms));
      return updates;
    };
    try {
      await el.updateComplete;
      expect(await quiet(1300), 'nobody waits: no clock').to.equal(0);
      deliver(BOB, 'coanchor-request', { requestId: 'r-bob' });
      await el.updateComplete;
      const waited = () => text(part(el, 'waited'));
      const first = waited();
      await waitUntil(() => waited() !== first, 'the waiting time advances', { timeout: 2500 });
      expect(await quiet(2100), 'ticks about once a second').to.be.within(1, 3);
      el.remove();
      expect(await quiet(1300), 'off the page: no clock').to.equal(0);
      document.body.append(el);
      await el.updateComplete;
      expect(await quiet(2100)).to.be.within(1, 3);
      await store.rejectAllJoinAnchor();
      await el.updateComplete;
      expect(await quiet(1300), 'the queue is empty: no clock').to.equal(0);
    } finally {
      el.remove();
    }
  });

  it('an admin who is not the owner gets the anchor view', async () => {
    const { el, engines } = await viewer();
    expect(part(el, 'request-button')).to.not.be.null;
    engines.chat.emit('admins', { groupId: String(ROOM), admins: ['viewer_1'] });
    await el.updateComplete;
    expect(part(el, 'request-button')).to.be.null;
    expect(part(el, 'queue-section')).to.not.be.null;
    expect(parts(el, 'stage-item')).to.have.length(0);
  });

  it('speaks Chinese under lang="zh-CN"', async () => {
    await preloadLanguage('zh-CN'); // the Chinese words are fetched on demand
    const { el, deliver, engines } = await anchor({}, 'zh-CN');
    engines.media.emit('user-enter', onStage(CAROL));
    deliver(BOB, 'coanchor-request', { requestId: 'r-bob' });
    await el.updateComplete;
    expect(text(part(el, 'heading'))).to.equal('连麦');
    expect(text(part(el, 'seats'))).to.equal('1 / 6 个席位');
    expect(text(button(el, 'accept'))).to.equal('接受');
    expect(text(button(el, 'reject'))).to.equal('拒绝');
    expect(text(button(el, 'remove'))).to.equal('请下麦');
    expect(text(button(el, 'accept-next'))).to.equal('接受下一位');
    expect(text(button(el, 'reject-all'))).to.equal('全部拒绝');
    expect(text(part(el, 'waited'))).to.equal('已等待 0:00');
    expect(text(part(el, 'live-region'))).to.equal('Bob 申请连麦');
    await expect(el).to.be.accessible();
  });
});
