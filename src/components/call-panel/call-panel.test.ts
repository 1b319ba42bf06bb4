import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { UserProfile } from '../../core/engines/types.js';
import { ErrorCode, LiveError } from '../../core/errors.js';
import { decodeEnvelope, encodeEnvelope, type MessageKind, type PayloadOf } from '../../core/protocol/envelope.js';
import { CallStore } from '../../core/store/call-store.js';
import { Session } from '../../core/store/session.js';
import { CallRing } from '../../internal/call-ring.js';
import { fakeEngines } from '../../testing/fake-engines.js';
import '../../call-panel.js';
import type { CallPanel } from './call-panel.js';
import { preloadLanguage } from '../../internal/i18n.js';

type Engines = ReturnType<typeof fakeEngines>;

/* ───────────── harness ───────────── */

/** Every element matching `selector` in `root`'s shadow tree and the shadow trees inside it. */
function deepAll<T extends HTMLElement = HTMLElement>(root: Element, selector: string): T[] {
  const out: T[] = [];
  const walk = (node: ShadowRoot) => {
    out.push(...node.querySelectorAll<T>(selector));
    for (const child of node.querySelectorAll('*')) if (child.shadowRoot) walk(child.shadowRoot);
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  return out;
}
function part<T extends HTMLElement = HTMLElement>(el: Element, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}
function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
function allText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: ShadowRoot) => {
    parts.push(node.textContent ?? '');
    for (const child of node.querySelectorAll('*')) if (child.shadowRoot) walk(child.shadowRoot);
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  return parts.join(' ').replace(/\s+/g, ' ');
}
function buttonNamed(root: Element, name: string | RegExp): HTMLButtonElement | undefined {
  return deepAll<HTMLButtonElement>(root, 'button').find((b) => {
    const label = b.getAttribute('aria-label') ?? text(b);
    return typeof name === 'string' ? label === name : name.test(label);
  });
}
async function click(root: Element, name: string | RegExp): Promise<void> {
  let button: HTMLButtonElement | undefined;
  await waitUntil(() => {
    button = buttonNamed(root, name);
    return button && !button.disabled;
  }, `an enabled button “${name}”`);
  button!.click();
}
async function see(el: Element, words: string | RegExp, timeout = 2000): Promise<void> {
  await waitUntil(() => (typeof words === 'string' ? allText(el).includes(words) : words.test(allText(el))), `“${words}” on screen; saw: ${allText(el).slice(0, 300)}`, { timeout });
}

const profile = (userId: string, nickname = userId): UserProfile => ({ userId, nickname, avatar: '' });

function signal<K extends MessageKind>(engines: Engines, from: UserProfile, kind: K, data: PayloadOf<K>): void {
  engines.chat.emit('direct-message', { from, data: encodeEnvelope(kind, data), time: Date.now() });
}

function invite(engines: Engines, from: UserProfile = profile('anna', 'Anna'), data: Partial<PayloadOf<'call-invite'>> = {}): void {
  signal(engines, from, 'call-invite', { callId: 'c1', type: 2, roomId: 'call_c1', inviter: from.userId, invitees: ['me'], ...data });
}

function sent(engines: Engines): Array<{ to: string; kind: string; data: Record<string, unknown> }> {
  return engines.chat.calls
    .filter(([name]) => name === 'sendDirect')
    .map(([, to, raw]) => {
      const decoded = decodeEnvelope(raw);
      if (!decoded.ok) throw decoded.error;
      return { to: to as string, kind: decoded.message.kind, data: decoded.message.data as Record<string, unknown> };
    });
}

function enter(engines: Engines, user: UserProfile, media: { audio?: boolean; video?: boolean } = {}): void {
  engines.media.emit('user-enter', { user: { ...user, role: 'anchor', publishing: true, audio: media.audio ?? true, video: media.video ?? true } });
}

function spyRinger() {
  return {
    starts: 0,
    stops: 0,
    ringing: false,
    start() {
      this.starts++;
      this.ringing = true;
    },
    stop() {
      if (this.ringing) this.stops++;
      this.ringing = false;
    },
  };
}

async function setup(options: { timeoutMs?: number; lang?: string; login?: boolean; dismissAfter?: number } = {}) {
  const engines = fakeEngines();
  const store = new CallStore(new Session({ engines }), { timeoutMs: options.timeoutMs ?? 300 });
  if (options.login !== false) await store.login({ userID: 'me', userSig: 'sig', sdkAppId: 1, nickname: 'Mia' });
  const ringer = spyRinger();
  const el = await fixture<CallPanel>(html`<call-panel lang=${options.lang ?? 'en'} dismiss-after=${options.dismissAfter ?? 0} .ringer=${ringer} .store=${store}></call-panel>`);
  return { engines, store, el, ringer };
}

async function dial(el: CallPanel, ids: string, button: 'Video call' | 'Audio call' = 'Video call'): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#callee')!;
  input.value = ids;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
  await click(el, button);
}

/** An incoming video call from Anna, accepted; Anna in the call room. */
async function inCall(options: { timeoutMs?: number; lang?: string } = {}) {
  const ctx = await setup({ timeoutMs: options.timeoutMs ?? 5000, lang: options.lang });
  invite(ctx.engines);
  await ctx.el.updateComplete;
  await click(ctx.el, 'Accept');
  await waitUntil(() => ctx.store.getState().status === 'connected', 'connected');
  enter(ctx.engines, profile('anna', 'Anna'));
  await ctx.el.updateComplete;
  return ctx;
}

/* ───────────── tests ───────────── */

describe('<call-panel>', () => {
  it('says what it needs without a user', async () => {
    const el = await fixture<CallPanel>(html`<call-panel></call-panel>`);
    expect(text(el.shadowRoot!.querySelector('.empty'))).to.contain('Set user-id');
    await expect(el).to.be.accessible();
  });

  it('idle: a dialer, disabled with the reason while not signed in', async () => {
    const { el, store } = await setup({ login: false });
    expect(part(el, 'dialer')).to.exist;
    expect(buttonNamed(el, 'Video call')!.disabled).to.be.true;
    expect(buttonNamed(el, 'Audio call')!.disabled).to.be.true;
    expect(text(part(el, 'why'))).to.contain('Not signed in');
    expect(buttonNamed(el, 'Video call')!.getAttribute('aria-describedby')).to.equal('dialer-why');
    await expect(el).to.be.accessible();
    await store.login({ userID: 'me', userSig: 'sig', sdkAppId: 1, nickname: 'Mia' });
    await el.updateComplete;
    expect(buttonNamed(el, 'Video call')!.disabled).to.be.false;
    expect(part(el, 'why')).to.be.null;
    expect(text(part(el, 'who'))).to.contain('Mia');
    await expect(el).to.be.accessible();
  });

  it('an empty dialer says what is missing', async () => {
    const { el, engines } = await setup();
    await click(el, 'Video call');
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector('#callee')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(text(el.shadowRoot!.querySelector('#callee-error'))).to.contain('Enter the user ID');
    expect(sent(engines)).to.have.length(0);
  });

  it('dialer → call: sends the invitation, shows Calling… with a countdown and Cancel; a rejection reads “declined”', async () => {
    const { el, engines, store } = await setup({ timeoutMs: 5000 });
    const events: string[] = [];
    el.addEventListener('reject', (e) => events.push(`reject:${e.detail.userID}`));
    el.addEventListener('call-end', (e) => events.push(`call-end:${e.detail.reason}`));
    await dial(el, 'bob');
    await waitUntil(() => sent(engines).some((m) => m.kind === 'call-invite'), 'invite sent');
    const inv = sent(engines).find((m) => m.kind === 'call-invite')!;
    expect(inv.to).to.equal('bob');
    expect(inv.data).to.include({ type: 2, inviter: 'me' });
    await see(el, 'Calling… · Video call');
    expect(el.status).to.equal('calling');
    expect(el.getAttribute('status')).to.equal('calling');
    expect(text(part(el, 'name'))).to.equal('bob');
    expect(text(part(el, 'countdown'))).to.match(/0:0[45] left/);
    expect(buttonNamed(el, 'Cancel')).to.exist;
    await expect(el).to.be.accessible();
    signal(engines, profile('bob'), 'call-reject', { callId: store.getState().callId! });
    await see(el, 'bob declined');
    expect(part(el, 'end')).to.exist;
    expect(text(el.shadowRoot!.querySelector('[role="status"]'))).to.equal('bob declined');
    expect(events).to.deep.equal(['reject:bob', 'call-end:rejected']);
    await expect(el).to.be.accessible();
  });

  it('Cancel withdraws the invitation; “Call again” calls again; Close goes back to the dialer', async () => {
    const { el, engines } = await setup({ timeoutMs: 5000 });
    await dial(el, 'bob', 'Audio call');
    await see(el, 'Calling… · Audio call');
    await click(el, 'Cancel');
    await see(el, 'Call cancelled');
    expect(sent(engines).some((m) => m.kind === 'call-cancel' && m.to === 'bob')).to.be.true;
    await click(el, 'Call again');
    await waitUntil(() => sent(engines).filter((m) => m.kind === 'call-invite').length === 2, 'a second invitation');
    expect(sent(engines).filter((m) => m.kind === 'call-invite')[1].data).to.include({ type: 1 });
    await see(el, 'Calling… · Audio call');
    await click(el, 'Cancel');
    await click(el, 'Close');
    await waitUntil(() => part(el, 'dialer'), 'the dialer');
  });

  it('no answer ends the call with “No answer”; a busy callee reads “is on another call”', async () => {
    const { el, engines, store } = await setup({ timeoutMs: 300 });
    await dial(el, 'bob');
    await see(el, 'No answer', 3000);
    store.dismiss();
    await el.updateComplete;
    await dial(el, 'carl');
    await waitUntil(() => sent(engines).filter((m) => m.kind === 'call-invite').length === 2, 'second invite');
    signal(engines, profile('carl', 'Carl'), 'call-busy', { callId: store.getState().callId! });
    await see(el, 'carl is on another call');
  });

  it('incoming: caller and type, rings, announces assertively; accept joins the call room and answers', async () => {
    const { el, engines, ringer } = await setup({ timeoutMs: 5000 });
    const invited: unknown[] = [];
    document.addEventListener('invited', (e) => invited.push(e.detail), { once: true });
    invite(engines);
    await el.updateComplete;
    expect(part(el, 'incoming')).to.exist;
    expect(text(part(el, 'name'))).to.equal('Anna');
    expect(text(part(el, 'call-type'))).to.equal('Video call');
    expect(buttonNamed(el, 'Accept')).to.exist;
    expect(buttonNamed(el, 'Accept with audio only')).to.exist;
    expect(buttonNamed(el, 'Reject')).to.exist;
    expect(ringer.starts).to.equal(1);
    expect(ringer.ringing).to.be.true;
    const live = el.shadowRoot!.querySelector('[aria-live="assertive"]')!;
    expect(text(live)).to.equal('Anna is calling you (video)');
    expect(invited).to.have.length(1);
    await expect(el).to.be.accessible();

    await click(el, 'Accept');
    await waitUntil(() => el.status === 'connected', 'connected');
    expect(ringer.ringing).to.be.false;
    expect(ringer.stops).to.equal(1);
    expect(text(live)).to.equal('');
    const join = engines.media.calls.find(([c]) => c === 'join')!;
    expect(join[1]).to.deep.include({ id: 'call_c1' });
    expect(join[3]).to.equal('rtc');
    expect(sent(engines)).to.deep.include({ to: 'anna', kind: 'call-accept', data: { callId: 'c1' } });
  });

  it('incoming audio call: no “audio only” choice; Reject stops the ring and reads “You declined”', async () => {
    const { el, engines, ringer } = await setup({ timeoutMs: 5000 });
    invite(engines, profile('anna', 'Anna'), { type: 1 });
    await el.updateComplete;
    expect(text(part(el, 'call-type'))).to.equal('Audio call');
    expect(buttonNamed(el, 'Accept with audio only')).to.be.undefined;
    expect(text(el.shadowRoot!.querySelector('[aria-live="assertive"]'))).to.equal('Anna is calling you (audio)');
    await click(el, 'Reject');
    await see(el, 'You declined');
    expect(ringer.ringing).to.be.false;
    expect(sent(engines)).to.deep.include({ to: 'anna', kind: 'call-reject', data: { callId: 'c1' } });
  });

  it('accept with audio only joins without the camera', async () => {
    const { el, engines, store } = await setup({ timeoutMs: 5000 });
    invite(engines);
    await el.updateComplete;
    await click(el, 'Accept with audio only');
    await waitUntil(() => store.getState().status === 'connected');
    expect(store.getState()).to.include({ media: 'audio', cameraOn: false });
    await el.updateComplete;
    expect(buttonNamed(el, 'Switch to video')).to.exist;
  });

  it('an unanswered invitation becomes “Missed call from Anna”', async () => {
    const { el, engines, ringer } = await setup({ timeoutMs: 300 });
    const events: string[] = [];
    el.addEventListener('calling-timeout', () => events.push('calling-timeout'));
    invite(engines);
    await see(el, 'Missed call from Anna', 3000);
    expect(ringer.ringing).to.be.false;
    expect(events).to.deep.equal(['calling-timeout']);
    expect(buttonNamed(el, 'Call back')).to.exist;
  });

  it('the caller cancelling reads “Anna cancelled the call”', async () => {
    const { el, engines } = await setup({ timeoutMs: 5000 });
    invite(engines);
    await el.updateComplete;
    signal(engines, profile('anna', 'Anna'), 'call-cancel', { callId: 'c1' });
    await see(el, 'Anna cancelled the call');
  });

  it('in a call: remote video full size, local picture-in-picture that swaps; a duration that counts', async () => {
    const { el, engines } = await inCall();
    const remote = part(el, 'remote')!;
    expect(remote.dataset.userId).to.equal('anna');
    expect(remote.querySelector('live-video-tile')!.getAttribute('user-id')).to.equal('anna');
    await waitUntil(() => engines.media.calls.some(([c, id]) => c === 'play' && id === 'anna'), 'anna played');
    const pip = part(el, 'pip')!;
    expect(pip.querySelector('[part~="local"]')).to.exist;
    await click(el, 'Swap videos');
    await el.updateComplete;
    expect(buttonNamed(el, 'Swap videos')!.getAttribute('aria-pressed')).to.equal('true');
    expect(part(el, 'pip')!.querySelector('[part~="remote"]')).to.exist;
    expect(el.shadowRoot!.querySelector('.one > [part~="local"]')).to.exist;
    const duration = part(el, 'duration')!;
    expect(text(duration)).to.equal('00:00');
    expect(duration.getAttribute('role')).to.equal('timer');
    await waitUntil(() => text(part(el, 'duration')) === '00:01', 'the duration to advance', { timeout: 2500 });
    await expect(el).to.be.accessible();
  });

  it('mic, camera and speaker controls reach the engine; indicators show on the tiles', async () => {
    const { el, engines } = await inCall();
    await click(el, 'Mute');
    await waitUntil(() => engines.media.calls.some(([c, m]) => c === 'muteLocalAudio' && m === true), 'mic muted');
    await el.updateComplete;
    expect(buttonNamed(el, 'Unmute')!.getAttribute('aria-pressed')).to.equal('true');
    expect(part(el, 'local')!.querySelector('[part~="mic-off"]')!.getAttribute('aria-label')).to.equal('Microphone off');
    await click(el, 'Camera off');
    await waitUntil(() => engines.media.calls.some(([c, m]) => c === 'muteLocalVideo' && m === true), 'camera off');
    await el.updateComplete;
    expect(part(el, 'local')!.querySelector('[part~="camera-off"]')).to.exist;
    await click(el, 'Camera on');
    await waitUntil(() => engines.media.calls.some(([c, m]) => c === 'muteLocalVideo' && m === false), 'camera on');
    engines.media.emit('audio-available', { userId: 'anna', available: false });
    engines.media.emit('video-available', { userId: 'anna', available: false });
    await el.updateComplete;
    expect(part(el, 'remote')!.querySelector('[part~="mic-off"]')).to.exist;
    expect(part(el, 'remote')!.querySelector('[part~="camera-off"]')).to.exist;
    await click(el, 'Speaker off');
    expect(engines.media.calls).to.deep.include(['muteRemoteAudio', 'anna', true]);
    await el.updateComplete;
    expect(buttonNamed(el, 'Speaker on')!.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('shows each tile’s network quality once it is known', async () => {
    const { el, engines } = await inCall();
    expect(el.shadowRoot!.querySelector('[part~="network"]')).to.be.null;
    engines.media.emit('network-quality', { userId: 'anna', quality: 5 });
    engines.media.emit('network-quality', { userId: 'me', quality: 1 });
    await el.updateComplete;
    expect(part(el, 'remote')!.querySelector('[part~="network"]')!.getAttribute('aria-label')).to.equal('Network: very poor');
    expect(part(el, 'local')!.querySelector('[part~="network"]')!.getAttribute('aria-label')).to.equal('Network: excellent');
  });

  it('the device menu lists devices and switches them', async () => {
    const { el, engines } = await inCall();
    const menu = el.shadowRoot!.querySelector('call-device-menu')!;
    await click(el, 'Devices');
    await waitUntil(() => menu.shadowRoot!.querySelector('select[data-kind="camera"]'), 'the camera list');
    const select = menu.shadowRoot!.querySelector<HTMLSelectElement>('select[data-kind="microphone"]')!;
    select.value = 'mic1';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => engines.media.calls.some(([c, k, id]) => c === 'switchDevice' && k === 'microphone' && id === 'mic1'), 'switched');
  });

  it('switch to audio sends call-switch and offers the way back', async () => {
    const { el, engines } = await inCall();
    const changes: number[] = [];
    el.addEventListener('call-type-change', (e) => changes.push(e.detail.type));
    await click(el, 'Switch to audio');
    await waitUntil(() => changes.length > 0, 'call-type-change');
    expect(changes).to.deep.equal([1]);
    expect(sent(engines).find((m) => m.kind === 'call-switch')).to.deep.include({ to: 'anna', data: { callId: 'c1', type: 1 } });
    await el.updateComplete;
    expect(buttonNamed(el, 'Switch to video')).to.exist;
    expect(buttonNamed(el, 'Camera off')).to.be.undefined;
  });

  it('hang up ends the call with its duration; the remote hanging up names them', async () => {
    const { el, engines } = await inCall();
    await click(el, 'Hang up');
    await see(el, 'Call ended');
    expect(sent(engines)).to.deep.include({ to: 'anna', kind: 'call-hangup', data: { callId: 'c1' } });
    expect(text(part(el, 'end')!.querySelector('[part~="duration"]'))).to.match(/^Duration 00:0\d$/);
    await expect(el).to.be.accessible();

    // The other way round: this user calls, Bob answers and hangs up.
    await click(el, 'Close');
    await dial(el, 'bob');
    await waitUntil(() => el.status === 'calling');
    const callId = el.store!.getState().callId!;
    signal(engines, profile('bob', 'Bob'), 'call-accept', { callId });
    enter(engines, profile('bob', 'Bob'));
    await waitUntil(() => el.status === 'connected');
    signal(engines, profile('bob', 'Bob'), 'call-hangup', { callId });
    await see(el, 'Bob hung up');
  });

  it('group call: invitee states while calling, then a grid with waiting tiles', async () => {
    const { el, engines, store } = await setup({ timeoutMs: 5000 });
    await dial(el, 'bob, cleo,dan');
    await waitUntil(() => sent(engines).filter((m) => m.kind === 'call-invite').length === 3, 'three invitations');
    await see(el, 'Group call');
    const list = part(el, 'invitees')!;
    expect([...list.querySelectorAll('li')].map((li) => text(li))).to.deep.equal(['bob Ringing…', 'cleo Ringing…', 'dan Ringing…']);
    const callId = store.getState().callId!;
    signal(engines, profile('dan'), 'call-reject', { callId });
    await el.updateComplete;
    expect(text(list.querySelector('li[data-user-id="dan"]'))).to.equal('dan Declined');
    await expect(el).to.be.accessible();

    signal(engines, profile('bob', 'Bob'), 'call-accept', { callId });
    enter(engines, profile('bob', 'Bob'));
    await waitUntil(() => el.status === 'connected');
    await el.updateComplete;
    const grid = part(el, 'grid')!;
    expect(grid.dataset.count).to.equal('3');
    expect(grid.dataset.layout).to.equal('4');
    expect(grid.querySelector('[part~="local"]')).to.exist;
    expect(grid.querySelector('[part~="remote"][data-user-id="bob"]')).to.exist;
    const waiting = [...grid.querySelectorAll<HTMLElement>('[part~="waiting"]')];
    expect(waiting.map((w) => w.dataset.userId)).to.deep.equal(['cleo']);
    expect(text(waiting[0])).to.contain('Ringing…');
    expect(buttonNamed(el, 'Switch to audio')).to.be.undefined;
    await expect(el).to.be.accessible();

    signal(engines, profile('cleo', 'Cleo'), 'call-accept', { callId });
    enter(engines, profile('cleo', 'Cleo'), { video: false });
    await el.updateComplete;
    expect(grid.querySelectorAll('[part~="waiting"]')).to.have.length(0);
    expect(grid.querySelector('[data-user-id="cleo"] [part~="camera-off"]')).to.exist;
  });

  it('minimise and restore, by keyboard; the floating window shows the duration and moves', async () => {
    const { el } = await inCall();
    await click(el, 'Minimise');
    await el.updateComplete;
    const mini = part(el, 'minimised')!;
    expect(mini).to.exist;
    expect(el.minimised).to.be.true;
    expect(el.hasAttribute('minimised')).to.be.true;
    expect(part(el, 'stage')).to.be.null;
    expect(getComputedStyle(mini).position).to.equal('fixed');
    expect(mini.querySelector('[part~="remote"][data-user-id="anna"]')).to.exist;
    expect(text(mini.querySelector('[part~="duration"]'))).to.match(/^00:0\d$/);
    await waitUntil(() => el.shadowRoot!.activeElement === buttonNamed(el, 'Restore'), 'focus on Restore');
    await expect(el).to.be.accessible();
    const move = buttonNamed(el, 'Move the call window (arrow keys)')!;
    const before = mini.getBoundingClientRect().left;
    move.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(part(el, 'minimised')!.getBoundingClientRect().left).to.be.lessThan(before);
    await click(el, 'Restore');
    await el.updateComplete;
    expect(part(el, 'stage')).to.exist;
    expect(part(el, 'minimised')).to.be.null;
    await waitUntil(() => el.shadowRoot!.activeElement === buttonNamed(el, 'Minimise'), 'focus back on Minimise');
  });

  it('a failed camera (permission denied) ends in words with how to fix it', async () => {
    const { el, engines } = await setup({ timeoutMs: 5000 });
    engines.media.joinError = new LiveError(ErrorCode.PERMISSION_DENIED);
    await dial(el, 'bob');
    await see(el, 'Camera or microphone access was denied');
    expect(allText(el)).to.contain('site settings');
    expect(el.shadowRoot!.querySelector('[part~="error"]')).to.be.null;
  });

  it('errors from actions are shown in words and can be dismissed', async () => {
    const { el } = await setup();
    await dial(el, 'bad id!');
    await waitUntil(() => part(el, 'error'), 'an error');
    expect(text(part(el, 'error'))).to.contain('Invalid user ID');
    await click(el, 'Dismiss');
    await el.updateComplete;
    expect(part(el, 'error')).to.be.null;
  });

  it('returns to the dialer by itself after the ending', async () => {
    const { el, engines, store } = await setup({ timeoutMs: 5000, dismissAfter: 0.2 });
    await dial(el, 'bob');
    await waitUntil(() => el.status === 'calling');
    signal(engines, profile('bob'), 'call-reject', { callId: store.getState().callId! });
    await see(el, 'bob declined');
    await waitUntil(() => part(el, 'dialer'), 'back to the dialer', { timeout: 2000 });
  });

  it('speaks Chinese with lang="zh-CN"', async () => {
    await preloadLanguage('zh-CN'); // the Chinese words are fetched on demand
    const { el, engines } = await setup({ lang: 'zh-CN', timeoutMs: 5000 });
    expect(allText(el)).to.contain('发起通话');
    expect(buttonNamed(el, '视频通话')).to.exist;
    invite(engines);
    await el.updateComplete;
    expect(buttonNamed(el, '接听')).to.exist;
    expect(buttonNamed(el, '仅语音接听')).to.exist;
    expect(text(el.shadowRoot!.querySelector('[aria-live="assertive"]'))).to.equal('Anna 正在呼叫你（视频）');
    await click(el, '拒绝');
    await see(el, '你已拒绝');
  });

  it('renders caller names as text, never as HTML', async () => {
    const { el, engines } = await setup({ timeoutMs: 5000 });
    const evil = '<img src=x onerror="window.__pwned=1">Eve';
    invite(engines, profile('eve', evil));
    await el.updateComplete;
    expect(text(part(el, 'name'))).to.equal(evil);
    expect(deepAll(el, 'img')).to.have.length(0);
    expect(text(el.shadowRoot!.querySelector('[aria-live="assertive"]'))).to.contain(evil);
    expect((window as unknown as { __pwned?: number }).__pwned).to.be.undefined;
  });

  it('the built-in ring starts and stops with Web Audio, creating its AudioContext only when needed', async () => {
    const ring = new CallRing();
    expect(ring.ringing).to.be.false;
    ring.stop();
    ring.start();
    expect(ring.ringing).to.be.true;
    ring.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    ring.stop();
    expect(ring.ringing).to.be.false;
    ring.dispose();
  });

  it('uses the built-in ring by default and honours no-ring', async () => {
    const engines = fakeEngines();
    const store = new CallStore(new Session({ engines }), { timeoutMs: 5000 });
    await store.login({ userID: 'me', userSig: 'sig', sdkAppId: 1 });
    const el = await fixture<CallPanel>(html`<call-panel no-ring .store=${store}></call-panel>`);
    expect(el.ringer).to.be.instanceOf(CallRing);
    invite(engines);
    await el.updateComplete;
    expect(el.ringer.ringing).to.be.false;
    el.noRing = false;
    await el.updateComplete;
    expect(el.ringer.ringing).to.be.true;
    await click(el, 'Reject');
    await waitUntil(() => !el.ringer.ringing, 'the ring to stop');
  });

  it('creates its own store from attributes and says why it cannot call when the server is down', async () => {
    const el = await fixture<CallPanel>(html`<call-panel user-id="me" server="ws://127.0.0.1:9/ws" user-sig="x" sdk-app-id="1" call-timeout="12"></call-panel>`);
    expect(el.store).to.be.instanceOf(CallStore);
    expect(el.store!.timeoutMs).to.equal(12_000);
    expect(buttonNamed(el, 'Video call')!.disabled).to.be.true;
    await waitUntil(() => text(part(el, 'why')).startsWith('Could not sign in'), 'the login failure in words', { timeout: 9000 });
    await expect(el).to.be.accessible();
  });
});
