import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { ErrorCode } from '../../core/errors.js';
import { LiveRoomStore } from '../../core/store/live-room-store.js';
import { Session } from '../../core/store/session.js';
import { groupIdForRoom, numericRoom } from '../../core/validation.js';
import { fakeEngines } from '../../testing/fake-engines.js';
import '../../barrage-layer.js';
import type { BarrageErrorDetail, BarrageLayer, BarrageSendDetail } from './barrage-layer.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The layer flushes at most every 50 ms, in a frame: wait for that. */
const settle = async () => {
  await sleep(60);
  await nextFrame();
  await nextFrame();
};
const ROOM = numericRoom(9);
const GROUP = groupIdForRoom(ROOM);

/** A dark 800×450 stage (the layer is an overlay over video) holding the layer. */
async function stage(template = html`<barrage-layer no-input></barrage-layer>`): Promise<BarrageLayer> {
  const wrap = await fixture<HTMLElement>(html`<div style="position:relative;width:800px;height:450px;background:#111;color:#fff">${template}</div>`);
  const el = wrap.querySelector('barrage-layer')!;
  await el.updateComplete;
  // The stage size arrives through a ResizeObserver.
  await nextFrame();
  await nextFrame();
  return el;
}

function comments(el: BarrageLayer): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('.comment')];
}
function part(el: BarrageLayer, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}
function text(node: Element | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
function sumsUp(el: BarrageLayer): void {
  const s = el.stats;
  expect(s.shown + s.dropped + s.merged + s.queued + s.filtered, JSON.stringify(s)).to.equal(s.offered);
}
/** Where a comment is drawn now (its track's animation included). */
function translateX(node: HTMLElement): number {
  return node.getBoundingClientRect().left;
}

/** Texts of 2–40 characters, Latin and CJK, deterministic. */
function sample(i: number): string {
  const words = ['hi', '666', '哈哈哈', 'nice shot', '太强了', 'gg wp', '主播好', 'lol', '前方高能', 'what a play', '🔥🔥', '加油'];
  let out = '';
  for (let k = 0; k <= i % 5; k++) out += (k ? ' ' : '') + words[(i * 7 + k * 3) % words.length];
  return `${out} #${i}`;
}

/** Checks that no two comments on screen intersect; returns how many were seen at once (most). */
function assertNoOverlap(el: BarrageLayer): number {
  // What is visible: each comment's box clipped to the stage.
  const stage = part(el, 'lanes')!.getBoundingClientRect();
  const rects = comments(el)
    .map((n) => {
      const r = n.getBoundingClientRect();
      const left = Math.max(r.left, stage.left);
      const right = Math.min(r.right, stage.right);
      return { left, right, top: r.top, bottom: r.bottom, width: right - left };
    })
    .filter((r) => r.width > 0);
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i];
      const b = rects[j];
      const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      expect(overlapX > 0.5 && overlapY > 0.5, `comments overlap: ${JSON.stringify([a, b])}`).to.be.false;
    }
  }
  return rects.length;
}

async function inRoom(template: (store: LiveRoomStore) => ReturnType<typeof html>) {
  const engines = fakeEngines();
  const store = new LiveRoomStore(new Session({ engines }));
  const el = await stage(template(store));
  await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1, nickname: 'Vic' });
  await store.enterRoom(ROOM);
  await el.updateComplete;
  let seq = 100;
  const say = (userId: string, message: string, nickname = userId) =>
    engines.chat.emit('message', { groupId: GROUP, seq: ++seq, time: Date.now(), from: { userId, nickname, avatar: '' }, priority: 'normal', body: { type: 'text', text: message } });
  return { engines, store, el, say };
}

describe('<barrage-layer>: lanes and modes', () => {
  for (const speed of ['600', '1.5s']) {
    it(`comments in lanes never overlap while they move (speed ${speed})`, async () => {
      const el = await stage(html`<barrage-layer no-input overflow="queue" density="200" speed=${speed} area="1"></barrage-layer>`);
      for (let i = 0; i < 120; i++) el.emit({ text: sample(i), user: `u${i % 9}` });
      let most = 0;
      const lanesUsed = new Set<number>();
      for (let frame = 0; frame < 16; frame++) {
        await sleep(90);
        most = Math.max(most, assertNoOverlap(el));
        for (const node of comments(el)) lanesUsed.add(Math.round(node.getBoundingClientRect().top));
      }
      expect(most).to.be.greaterThan(10);
      expect(lanesUsed.size).to.be.greaterThan(5);
      sumsUp(el);
    });
  }

  it('top and bottom comments are centred, fixed, in their own lanes, and end', async () => {
    const el = await stage(html`<barrage-layer no-input overflow="queue"></barrage-layer>`);
    el.emit({ text: 'top one', mode: 'top' });
    el.emit({ text: 'top two', mode: 'top' });
    el.emit({ text: 'bottom one', mode: 'bottom' });
    await settle();
    const host = el.getBoundingClientRect();
    const [t1, t2, b1] = comments(el);
    const r1 = t1.getBoundingClientRect();
    const r2 = t2.getBoundingClientRect();
    const rb = b1.getBoundingClientRect();
    for (const r of [r1, r2, rb]) expect(Math.abs(r.left + r.width / 2 - (host.left + host.width / 2))).to.be.below(2);
    expect(r1.top).to.be.below(r2.top);
    expect(r2.top).to.be.at.least(r1.bottom - 0.5);
    expect(rb.top).to.be.greaterThan(r2.bottom);
    assertNoOverlap(el);
    const x = r1.left;
    await sleep(300);
    expect(t1.getBoundingClientRect().left).to.equal(x);
    await waitUntil(() => comments(el).length === 0, 'fixed comments end', { timeout: 6000 });
    expect(el.stats).to.include({ shown: 3, onScreen: 0 });
  });

  it('scroll comments move right to left on a compositor-animated track; the layer is contained', async () => {
    const el = await stage();
    el.emit({ text: 'moving' });
    el.emit({ text: 'moving too' });
    await settle();
    const [node, other] = comments(el);
    const x1 = translateX(node);
    await sleep(200);
    expect(translateX(node)).to.be.below(x1);
    // One moving track per speed carries them (px/s: one track); comments themselves are not animated.
    const track = node.parentElement!;
    expect(track.classList.contains('track')).to.be.true;
    expect(other.parentElement).to.equal(track);
    expect(track.getAnimations().length).to.equal(1);
    expect(node.getAnimations().length).to.equal(0);
    expect(getComputedStyle(track).willChange).to.equal('transform');
    expect(getComputedStyle(node).willChange).to.equal('auto');
    expect(getComputedStyle(track).transform).to.match(/^matrix/);
    expect(getComputedStyle(el).contain).to.equal('strict');
    expect(getComputedStyle(part(el, 'lanes')!).contain).to.equal('strict');
    // When nothing is on screen, nothing moves: the track goes.
    el.clear();
    expect(part(el, 'lanes')!.querySelector('.track')).to.equal(null);
  });

  it('pause() stops motion (transform unchanged across frames) and resume() restarts it', async () => {
    const el = await stage();
    el.emit({ text: 'pause me' });
    await sleep(150);
    const [node] = comments(el);
    el.pause();
    const x = translateX(node);
    await el.updateComplete;
    expect(el.hasAttribute('paused')).to.be.true;
    await sleep(250);
    expect(translateX(node)).to.equal(x);
    // While paused, new comments wait.
    el.emit({ text: 'waiting' });
    await sleep(50);
    expect(comments(el).length).to.equal(1);
    el.resume();
    await sleep(200);
    expect(translateX(node)).to.be.below(x);
    await waitUntil(() => comments(el).length === 2, 'the waiting comment comes');
    // The attribute works too.
    el.setAttribute('paused', '');
    await el.updateComplete;
    const y = translateX(node);
    await sleep(150);
    expect(translateX(node)).to.equal(y);
  });

  it('a settings change (font size, area) resizes lanes; a bad speed is reported and the default used', async () => {
    const el = await stage();
    const errors: BarrageErrorDetail[] = [];
    el.addEventListener('barrage-error', (e) => errors.push(e.detail));
    el.fontSize = 30;
    el.speed = 'fast';
    await el.updateComplete;
    expect(errors.map((e) => e.code)).to.deep.equal([ErrorCode.INVALID_ARGUMENT]);
    el.emit({ text: 'big' });
    await settle();
    const [node] = comments(el);
    expect(getComputedStyle(node).fontSize).to.equal('30px');
    expect(node.getBoundingClientRect().height).to.equal(42);
  });
});

describe('<barrage-layer>: floods', () => {
  for (const overflow of ['drop', 'queue', 'merge'] as const) {
    it(`overflow="${overflow}": a burst of 2,000 keeps the DOM bounded and the counters add up`, async () => {
      const el = await stage(html`<barrage-layer no-input overflow=${overflow}></barrage-layer>`);
      const before = el.shadowRoot!.querySelectorAll('*').length;
      for (let i = 0; i < 2000; i++) el.emit({ text: i % 4 === 0 ? 'same same' : sample(i), user: `u${i % 50}` });
      await settle();
      const nodes = el.shadowRoot!.querySelectorAll('*').length - before;
      const s = el.stats;
      expect(s.offered).to.equal(2000);
      sumsUp(el);
      expect(s.onScreen).to.be.within(1, 40);
      expect(nodes).to.be.at.most(s.onScreen * 3);
      expect(s.queued).to.be.at.most(overflow === 'drop' ? 0 : 200);
      if (overflow === 'drop') expect(s.dropped).to.equal(2000 - s.shown);
      if (overflow === 'queue') expect(s.merged).to.equal(0);
      if (overflow === 'merge') expect(s.merged).to.be.greaterThan(100);
      // Every emit now is handled in place: a second burst leaves no more nodes behind.
      for (let i = 0; i < 2000; i++) el.emit({ text: sample(i + 5000) });
      await settle();
      expect(el.shadowRoot!.querySelectorAll('*').length - before).to.be.at.most(el.stats.onScreen * 3);
      sumsUp(el);
    });
  }

  it('merge shows ×N, updated in place', async () => {
    const el = await stage();
    el.emit({ text: 'gg' });
    await settle();
    for (let i = 0; i < 4; i++) el.emit({ text: ' GG ' });
    const [node] = comments(el);
    expect(comments(el).length).to.equal(1);
    expect(node.dataset.count).to.equal('×5');
    expect(getComputedStyle(node, '::after').content).to.equal('"×5"');
    el.emit({ text: 'gg' });
    expect(comments(el)[0]).to.equal(node);
    expect(node.dataset.count).to.equal('×6');
    expect(el.stats).to.include({ offered: 6, shown: 1, merged: 5 });
    assertNoOverlap(el);
  });
});

describe('<barrage-layer>: filters and safety', () => {
  it('blocked words, blocked patterns and hidden users are never shown; a bad pattern is reported, not thrown', async () => {
    const el = await stage(html`<barrage-layer no-input blocked-words="spam, 广告"></barrage-layer>`);
    const errors: BarrageErrorDetail[] = [];
    el.addEventListener('barrage-error', (e) => errors.push(e.detail));
    el.blockedPatterns = [/\d{5,}/, '(unclosed', '(a+)+'];
    expect(errors.map((e) => e.code)).to.deep.equal([ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT]);
    expect(errors[0].message).to.contain('(unclosed');
    el.muteUser('troll');
    expect(el.emit({ text: 'Buy SPAM now' })).to.equal('filtered');
    expect(el.emit({ text: '看广告' })).to.equal('filtered');
    expect(el.emit({ text: 'call 1234567' })).to.equal('filtered');
    expect(el.emit({ text: 'hello', user: 'troll' })).to.equal('filtered');
    el.emit({ text: 'fine', user: 'friend' });
    await settle();
    expect(comments(el).map((n) => text(n))).to.deep.equal(['fine']);
    expect(el.stats).to.include({ filtered: 4, shown: 1 });
    el.view = 'log';
    await el.updateComplete;
    expect(text(part(el, 'log'))).to.not.match(/spam|广告|1234567|troll|hello/i);
    sumsUp(el);
    el.unmuteUser('troll');
    expect(el.emit({ text: 'back', user: 'troll' })).to.equal('queued');
  });

  it('renders XSS strings as literal text, flying and in the log', async () => {
    const el = await stage();
    const nasty = ['<img src=x onerror="window.__xss=1">', '<b>bold</b>', '"><script>window.__xss=2</script>'];
    for (const t of nasty) el.emit({ text: t, user: { userId: 'x', nickname: '<i>name</i>' }, color: 'red;background:url(javascript:alert(1))' });
    await settle();
    expect(comments(el).map((n) => n.textContent)).to.deep.equal(nasty);
    for (const n of comments(el)) expect(n.childElementCount).to.equal(0);
    expect(el.shadowRoot!.querySelector('img, b, script, i')).to.equal(null);
    expect(comments(el)[0].style.color).to.equal('');
    el.view = 'log';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.log img, .log b, .log script, .log i')).to.equal(null);
    expect(text(part(el, 'log'))).to.contain('<i>name</i>');
    expect((window as unknown as { __xss?: number }).__xss).to.equal(undefined);
  });

  it('a click on a comment offers to hide its user; hiding takes their comments away', async () => {
    const el = await stage();
    el.emit({ text: 'annoying', user: { userId: 'pest', nickname: 'Pest' }, mode: 'top' });
    el.emit({ text: 'again', user: { userId: 'pest', nickname: 'Pest' }, mode: 'top' });
    el.emit({ text: 'nice', user: { userId: 'pal', nickname: 'Pal' }, mode: 'top' });
    await settle();
    comments(el)[0].click();
    await el.updateComplete;
    const menu = part(el, 'user-menu')!;
    expect(menu.getAttribute('role')).to.equal('dialog');
    const hide = part(el, 'hide-user') as HTMLButtonElement;
    expect(text(hide)).to.equal('Hide comments from Pest');
    expect(el.shadowRoot!.activeElement).to.equal(hide);
    await expect(el).to.be.accessible();
    hide.click();
    await el.updateComplete;
    expect(comments(el).map((n) => text(n))).to.deep.equal(['nice']);
    expect(el.mutedUsers).to.deep.equal(['pest']);
    expect(text(part(el, 'notice'))).to.contain('Comments from Pest are hidden.');
    expect(el.emit({ text: 'more', user: 'pest' })).to.equal('filtered');
  });
});

describe('<barrage-layer>: reduced motion and log view', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('with `static`, comments appear in a non-moving list, newest last', async () => {
    const el = await stage(html`<barrage-layer no-input static></barrage-layer>`);
    for (let i = 0; i < 3; i++) el.emit({ text: `line ${i}` });
    await settle();
    expect(part(el, 'lanes')!.getAttribute('part')).to.equal('lanes list');
    const nodes = comments(el);
    expect(nodes.map((n) => text(n))).to.deep.equal(['line 0', 'line 1', 'line 2']);
    for (const n of nodes) {
      expect(n.getAnimations()).to.have.length(0);
      expect(getComputedStyle(n).position).to.equal('static');
    }
    const top = nodes[2].getBoundingClientRect().top;
    await sleep(200);
    expect(nodes[2].getBoundingClientRect().top).to.equal(top);
    expect(top).to.be.greaterThan(nodes[0].getBoundingClientRect().top);
  });

  it('follows prefers-reduced-motion: reduce', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await stage();
    el.emit({ text: 'calm' });
    await settle();
    expect(comments(el)[0].classList.contains('in-list')).to.be.true;
    await emulateMedia({ reducedMotion: 'no-preference' });
    await waitUntil(() => part(el, 'lanes')!.getAttribute('part') === 'lanes', 'back to lanes');
    el.emit({ text: 'moving again' });
    await settle();
    expect(comments(el).map((n) => n.className)).to.deep.equal(['comment scroll']);
  });

  it('view="log": role="log", name + text, newest at the bottom, sticks to the bottom, "New messages" when scrolled up, bounded', async () => {
    const el = await stage(html`<barrage-layer no-input view="log"></barrage-layer>`);
    const log = part(el, 'log')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('polite');
    expect(text(log)).to.equal('No messages yet.');
    await expect(el).to.be.accessible();
    for (let i = 0; i < 60; i++) el.emit({ text: `message ${i}`, user: { userId: `u${i}`, nickname: `User ${i}` } });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="entry"]').length === 60, 'entries render');
    await el.updateComplete;
    const entries = el.shadowRoot!.querySelectorAll('[part~="entry"]');
    expect(text(entries[59])).to.equal('User 59 message 59');
    expect(comments(el)).to.have.length(0);
    expect(el.stats.shown).to.equal(60);
    expect(log.scrollTop + log.clientHeight).to.be.closeTo(log.scrollHeight, 2);
    // Scrolled up: new messages do not pull the reader down; a button offers to.
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
    el.emit({ text: 'late', user: 'u1' });
    await waitUntil(() => part(el, 'new-messages'), 'the New messages button');
    expect(log.scrollTop).to.equal(0);
    expect(text(part(el, 'new-messages'))).to.equal('New messages');
    await expect(el).to.be.accessible();
    part(el, 'new-messages')!.click();
    await el.updateComplete;
    expect(log.scrollTop + log.clientHeight).to.be.closeTo(log.scrollHeight, 2);
    for (let i = 0; i < 300; i++) el.emit({ text: `flood ${i}` });
    await waitUntil(() => text(el.shadowRoot!.querySelector('[part~="entry"]:last-child')) === 'Someone flood 299', 'the flood renders');
    expect(el.shadowRoot!.querySelectorAll('[part~="entry"]').length).to.equal(300);
  });

  it('the log is keyboard operable: arrows reach an author, Enter offers to hide them', async () => {
    const el = await stage(html`<barrage-layer no-input view="log"></barrage-layer>`);
    el.emit({ text: 'one', user: { userId: 'a', nickname: 'Ann' } });
    el.emit({ text: 'two', user: { userId: 'b', nickname: 'Bob' } });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('button.name').length === 2, 'entries');
    const log = part(el, 'log')!;
    log.focus();
    log.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    const bob = el.shadowRoot!.activeElement as HTMLButtonElement;
    expect(bob.getAttribute('aria-label')).to.equal('Actions for Bob');
    bob.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    expect((el.shadowRoot!.activeElement as HTMLElement).textContent).to.equal('Ann');
    (el.shadowRoot!.activeElement as HTMLButtonElement).click();
    await el.updateComplete;
    expect(text(part(el, 'hide-user'))).to.equal('Hide comments from Ann');
    // Escape closes the menu and returns focus to the author.
    part(el, 'user-menu')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await el.updateComplete;
    expect(part(el, 'user-menu')).to.equal(null);
    expect((el.shadowRoot!.activeElement as HTMLElement).textContent).to.equal('Ann');
    (el.shadowRoot!.activeElement as HTMLButtonElement).click();
    await el.updateComplete;
    (part(el, 'hide-user') as HTMLButtonElement).click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="entry"]').length === 1, 'Ann’s entries go');
    expect(text(part(el, 'log'))).to.equal('Bob two');
  });
});

describe('<barrage-layer>: chat input', () => {
  it('a store message from the fake engines flies; the viewer’s own is highlighted (part "comment self")', async () => {
    const { el, store, say } = await inRoom((store) => html`<barrage-layer .store=${store}></barrage-layer>`);
    say('anna', 'hello room', 'Anna');
    await settle();
    const [node] = comments(el);
    expect(text(node)).to.equal('hello room');
    expect(node.getAttribute('part')).to.equal('comment');
    const x = translateX(node);
    await sleep(150);
    expect(translateX(node)).to.be.below(x);
    await store.sendRoomTextMsg('my own');
    await waitUntil(() => comments(el).length === 2, 'own comment flies');
    expect(comments(el)[1].getAttribute('part')).to.equal('comment self');
    el.view = 'log';
    await el.updateComplete;
    expect(text(part(el, 'log'))).to.equal('Anna hello room You my own');
  });

  it('sends with Enter, fires a cancelable barrage-send, then waits the cooldown (the button shows it)', async () => {
    const { el, engines } = await inRoom((store) => html`<barrage-layer .store=${store} cooldown="1000"></barrage-layer>`);
    const input = part(el, 'input') as HTMLInputElement;
    const send = part(el, 'send') as HTMLButtonElement;
    const vetoed: string[] = [];
    const veto = (e: CustomEvent<BarrageSendDetail>) => {
      vetoed.push(e.detail.text);
      e.preventDefault();
    };
    el.addEventListener('barrage-send', veto);
    input.value = 'not this one';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await el.updateComplete;
    expect(vetoed).to.deep.equal(['not this one']);
    expect(engines.chat.sent).to.have.length(0);
    el.removeEventListener('barrage-send', veto);

    input.value = 'hello';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await waitUntil(() => engines.chat.sent.length === 1, 'sent');
    await el.updateComplete;
    expect(send.disabled).to.be.true;
    expect(text(send)).to.equal('Wait 1 s');
    await waitUntil(() => input.value === '', 'the input clears');
    // Enter during the cooldown says why in words, and sends nothing.
    input.value = 'too soon';
    const error = oneEvent(el, 'barrage-error');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect((await error).detail.code).to.equal(ErrorCode.RATE_LIMITED);
    await el.updateComplete;
    expect(text(part(el, 'error'))).to.match(/^Wait 1 s before sending again\.$/);
    expect(engines.chat.sent).to.have.length(1);
    await waitUntil(() => !send.disabled, 'the cooldown ends', { timeout: 3000 });
    expect(text(send)).to.equal('Send');
  });

  it('refuses an over-length comment in words, with a counter near the limit', async () => {
    const { el, engines } = await inRoom((store) => html`<barrage-layer .store=${store} maxlength="20"></barrage-layer>`);
    const input = part(el, 'input') as HTMLInputElement;
    input.value = '123456789012345';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(text(part(el, 'counter'))).to.equal('5 bytes left');
    input.value = '主播主播主播主播'; // 24 bytes
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(text(part(el, 'counter'))).to.equal('4 bytes too long');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const error = oneEvent(el, 'barrage-error');
    (part(el, 'send') as HTMLButtonElement).click();
    expect((await error).detail.code).to.equal(ErrorCode.TEXT_TOO_LONG);
    await el.updateComplete;
    expect(text(part(el, 'error'))).to.equal('Too long to send: 4 bytes over the 20-byte limit.');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(engines.chat.sent).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('the emoji picker is keyboard operable and inserts at the caret', async () => {
    const { el } = await inRoom((store) => html`<barrage-layer .store=${store}></barrage-layer>`);
    const input = part(el, 'input') as HTMLInputElement;
    input.value = 'ab';
    input.setSelectionRange(1, 1);
    const toggle = part(el, 'emoji-button') as HTMLButtonElement;
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const picker = part(el, 'emoji-picker')!;
    expect(picker.getAttribute('role')).to.equal('group');
    const first = el.shadowRoot!.activeElement as HTMLButtonElement;
    expect(first.textContent).to.equal('😀');
    await expect(el).to.be.accessible();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    const second = el.shadowRoot!.activeElement as HTMLButtonElement;
    expect(second.textContent).to.equal('😂');
    second.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    expect((el.shadowRoot!.activeElement as HTMLElement).textContent).to.equal('😡');
    (el.shadowRoot!.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    (el.shadowRoot!.activeElement as HTMLButtonElement).click();
    await el.updateComplete;
    expect(input.value).to.equal('a😂b');
    expect(input.selectionStart).to.equal(1 + '😂'.length);
    expect(el.shadowRoot!.activeElement).to.equal(input);
    expect(part(el, 'emoji-picker')).to.equal(null);
    // Escape closes it and returns to the button.
    toggle.click();
    await el.updateComplete;
    (el.shadowRoot!.activeElement as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await el.updateComplete;
    expect(part(el, 'emoji-picker')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(toggle);
  });

  it('shows a send failure in words and as barrage-error', async () => {
    const { el, engines } = await inRoom((store) => html`<barrage-layer .store=${store}></barrage-layer>`);
    engines.chat.user = undefined; // the fake refuses: not logged in
    const input = part(el, 'input') as HTMLInputElement;
    input.value = 'hello';
    const error = oneEvent(el, 'barrage-error');
    (part(el, 'send') as HTMLButtonElement).click();
    expect((await error).detail.code).to.equal(ErrorCode.NOT_LOGGED_IN);
    await el.updateComplete;
    expect(text(part(el, 'error'))).to.equal('Not logged in.');
    expect(input.value).to.equal('hello');
  });

  it('the muted state is kept: input disabled with the reason', async () => {
    const { el, engines } = await inRoom((store) => html`<barrage-layer .store=${store}></barrage-layer>`);
    engines.chat.emit('member-muted', { groupId: GROUP, userId: 'viewer_1', mutedUntil: Date.now() + 60_000 });
    await el.updateComplete;
    const input = part(el, 'input') as HTMLInputElement;
    expect(input.disabled).to.be.true;
    expect(input.placeholder).to.match(/^You are muted for (1:00|0:59)$/);
    expect((part(el, 'send') as HTMLButtonElement).disabled).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('speaks Chinese', async () => {
    const { el } = await inRoom((store) => html`<barrage-layer lang="zh-CN" .store=${store}></barrage-layer>`);
    // The Chinese words are fetched on first need: English until they arrive, then a re-render.
    await waitUntil(() => text(part(el, 'log-button')) === '聊天记录', 'the Chinese words arrive', { timeout: 3000 });
    expect(part(el, 'emoji-button')!.getAttribute('aria-label')).to.equal('表情');
  });
});

describe('<barrage-layer>: accessibility', () => {
  afterEach(() => emulateMedia({ colorScheme: 'dark' }));

  for (const scheme of ['dark', 'light'] as const) {
    it(`has no axe violations while comments fly, in the log view, and with a menu (${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const { el, say } = await inRoom((store) => html`<barrage-layer .store=${store}></barrage-layer>`);
      for (let i = 0; i < 10; i++) say(`u${i}`, sample(i), `User ${i}`);
      await settle();
      expect(comments(el).length).to.be.greaterThan(3);
      await expect(el).to.be.accessible();
      el.view = 'log';
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
