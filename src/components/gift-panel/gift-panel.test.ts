import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createLocalGiftBilling, fetchLocalGiftCatalog, localHttpBase } from '../../core/billing/local-billing.js';
import type { UserProfile } from '../../core/engines/types.js';
import { ErrorCode, LiveError } from '../../core/errors.js';
import { decodeEnvelope, encodeEnvelope, type Envelope, type PayloadOf } from '../../core/protocol/envelope.js';
import { LiveRoomStore, type GiftBilling } from '../../core/store/live-room-store.js';
import { Session } from '../../core/store/session.js';
import { groupIdForRoom, numericRoom } from '../../core/validation.js';
import { fakeEngines } from '../../testing/fake-engines.js';
import '../../gift-panel.js';
import '../../live-room.js';
import type { LiveRoom } from '../live-room/live-room.js';
import { GIFT_PANEL_LIMITS, type Gift, type GiftPanel, type GiftSendDetail } from './gift-panel.js';
import { preloadLanguage } from '../../internal/i18n.js';

const ROOM = 7;
const GROUP = groupIdForRoom(numericRoom(ROOM));
const GIFTS: Gift[] = [
  { id: 'rose', name: 'Rose', price: 5, icon: '🌹', effect: 'float' },
  { id: 'cake', name: 'Cake', price: 66, icon: '🎂', effect: 'burst' },
  { id: 'rocket', name: 'Rocket', price: 1000, icon: '🚀', effect: 'fullscreen' },
  { id: 'heart', name: 'Heart', price: 1, icon: '❤️', effect: 'none' },
];
const ANNA: UserProfile = { userId: 'anna', nickname: 'Anna', avatar: '' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function text(node: Element | ShadowRoot | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
function part(el: GiftPanel, name: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}
function parts(el: GiftPanel, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}
function button(el: GiftPanel, name: string): HTMLButtonElement {
  const found = part(el, name);
  if (!(found instanceof HTMLButtonElement)) throw new Error(`no button [part~="${name}"] in: ${text(el.shadowRoot)}`);
  return found;
}
function giftButton(el: GiftPanel, name: string): HTMLButtonElement {
  const found = parts(el, 'gift').find((b) => text(b.querySelector('[part~="gift-name"]')) === name);
  if (!(found instanceof HTMLButtonElement)) throw new Error(`no gift ${name}`);
  return found;
}
function quantityButton(el: GiftPanel, n: string): HTMLButtonElement {
  const found = parts(el, 'quantity').find((b) => text(b) === n);
  if (!(found instanceof HTMLButtonElement)) throw new Error(`no quantity ${n}`);
  return found;
}

/** The kit's messages the viewer sent to the room, decoded. */
function sentEnvelopes(engines: ReturnType<typeof fakeEngines>): Array<{ message: Envelope; priority: string }> {
  return engines.chat.sent.flatMap(({ body, priority }) => {
    if (body.type !== 'custom') return [];
    const decoded = decodeEnvelope(body.data);
    return decoded.ok ? [{ message: decoded.message, priority }] : [];
  });
}
function sentGifts(engines: ReturnType<typeof fakeEngines>) {
  return sentEnvelopes(engines).flatMap(({ message, priority }) => (message.kind === 'gift' ? [{ ...message.data, priority }] : []));
}
function sentLikes(engines: ReturnType<typeof fakeEngines>) {
  return sentEnvelopes(engines).flatMap(({ message }) => (message.kind === 'like' ? [message.data.count] : []));
}

async function room(options: { billing?: GiftBilling; lang?: string; gifts?: Gift[]; attrs?: string } = {}) {
  const engines = fakeEngines();
  engines.media.users = [{ userId: 'anchor_1', nickname: 'Host', avatar: '', role: 'anchor', publishing: true, audio: true, video: true }];
  const store = new LiveRoomStore(new Session({ engines }));
  await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1, nickname: 'Vic' });
  await store.enterRoom(numericRoom(ROOM));
  const liveRoom = await fixture<LiveRoom>(
    html`<live-room lang=${options.lang ?? 'en'} .store=${store}><gift-panel .gifts=${options.gifts ?? GIFTS} .sendGift=${options.billing} banner-duration="150"></gift-panel></live-room>`,
  );
  const el = liveRoom.querySelector('gift-panel')!;
  await waitUntil(() => el.store === store, 'gift-panel got the store from <live-room>');
  await el.updateComplete;
  let seq = 100;
  /** Delivers a room message from someone else, as the chat engine would. */
  const deliver = <K extends 'gift' | 'like'>(from: UserProfile, kind: K, data: PayloadOf<K>) =>
    engines.chat.emit('message', { groupId: GROUP, seq: ++seq, time: Date.now(), from, priority: kind === 'gift' ? 'high' : 'low', body: { type: 'custom', data: encodeEnvelope(kind, data) } });
  return { engines, store, el, liveRoom, deliver };
}

async function openSheet(el: GiftPanel): Promise<void> {
  if (!el.open) button(el, 'gift-button').click();
  await el.updateComplete;
  expect(part(el, 'sheet')).to.exist;
}

describe('<gift-panel> sending', () => {
  it('is an overlay that lets clicks through to the stage, except on its controls', async () => {
    const { el } = await room();
    expect(getComputedStyle(el).pointerEvents).to.equal('none');
    expect(getComputedStyle(button(el, 'gift-button')).pointerEvents).to.equal('auto');
    expect(getComputedStyle(el).position).to.equal('absolute');
  });

  it('choose a gift, preset 10, Send: billed first, then one gift message at high priority; the balance shows', async () => {
    const log: string[] = [];
    const billed: Array<{ giftId: string; count: number }> = [];
    const billing: GiftBilling = async ({ giftId, count }) => {
      log.push('billed');
      billed.push({ giftId, count });
      return { balance: 8990 };
    };
    const { el, engines } = await room({ billing });
    const originalSend = engines.chat.sendGroupMessage.bind(engines.chat);
    engines.chat.sendGroupMessage = async (...args) => {
      log.push('sent');
      return originalSend(...args);
    };
    const fired: GiftSendDetail[] = [];
    el.addEventListener('gift-send', (e) => fired.push(e.detail));
    await openSheet(el);
    giftButton(el, 'Rocket').click();
    quantityButton(el, '10').click();
    await el.updateComplete;
    expect(giftButton(el, 'Rocket').getAttribute('aria-pressed')).to.equal('true');
    expect(quantityButton(el, '10').getAttribute('aria-pressed')).to.equal('true');
    expect(button(el, 'send').getAttribute('aria-label')).to.equal('Send Rocket ×10');
    button(el, 'send').click();
    expect(fired).to.have.length(1);
    expect(fired[0].gift.id).to.equal('rocket');
    expect(fired[0].count).to.equal(10);
    await waitUntil(() => sentGifts(engines).length === 1, 'the gift went out', { timeout: 3000 });
    expect(billed).to.deep.equal([{ giftId: 'rocket', count: 10 }]);
    expect(log).to.deep.equal(['billed', 'sent']);
    const [gift] = sentGifts(engines);
    expect(gift).to.include({ giftId: 'rocket', count: 10, comboTotal: 10, value: 1000, priority: 'high' });
    await el.updateComplete;
    expect(text(part(el, 'balance'))).to.equal('Balance: 8,990');
    // The combo button offers to send the same again.
    expect(text(part(el, 'combo-count'))).to.equal('×10');
  });

  it('25 quick combo clicks: at most 3 messages adding up to 25, one combo; the counter shows ×25', async () => {
    const billed: number[] = [];
    const { el, engines } = await room({ billing: async ({ count }) => void billed.push(count) });
    await openSheet(el);
    giftButton(el, 'Rose').click();
    button(el, 'send').click();
    await el.updateComplete;
    const combo = button(el, 'combo');
    for (let i = 0; i < 24; i++) combo.click();
    await el.updateComplete;
    expect(text(part(el, 'combo-count'))).to.equal('×25');
    expect(combo.getAttribute('aria-label')).to.contain('25 so far');
    await waitUntil(() => sentGifts(engines).reduce((n, g) => n + g.count, 0) === 25, 'all 25 went out', { timeout: 4000 });
    const gifts = sentGifts(engines);
    expect(gifts.length).to.be.within(1, 3);
    expect(new Set(gifts.map((g) => g.comboId)).size).to.equal(1);
    expect(gifts.at(-1)!.comboTotal).to.equal(25);
    expect(gifts.every((g) => g.priority === 'high')).to.be.true;
    expect(billed.reduce((a, b) => a + b, 0)).to.equal(25);
    // The combo ends about 3 s after the last click.
    await waitUntil(() => !part(el, 'combo'), 'the combo ended', { timeout: GIFT_PANEL_LIMITS.comboIdleMs + 1500 });
  });

  it('a refused payment (62018) is shown in words with Recharge, and nothing is sent', async () => {
    const { el, engines } = await room({
      billing: async () => {
        throw new LiveError(ErrorCode.INSUFFICIENT_BALANCE, 'Balance 3, needs 1000.');
      },
    });
    const errors: number[] = [];
    el.addEventListener('gift-error', (e) => errors.push(e.detail.code));
    const recharges: unknown[] = [];
    el.addEventListener('gift-recharge', (e) => recharges.push(e.detail));
    await openSheet(el);
    giftButton(el, 'Rocket').click();
    button(el, 'send').click();
    await el.updateComplete;
    button(el, 'combo').click();
    await waitUntil(() => part(el, 'error'), 'the error shows', { timeout: 3000 });
    expect(text(part(el, 'error'))).to.contain('Your balance is too low for this gift.');
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    expect(part(el, 'combo')).to.not.exist;
    expect(errors).to.deep.equal([ErrorCode.INSUFFICIENT_BALANCE]);
    button(el, 'recharge').click();
    expect(recharges).to.have.length(1);
    expect((recharges[0] as { gift: Gift }).gift.id).to.equal('rocket');
    expect(engines.chat.sent).to.have.length(0);
  });

  it('gift-send preventDefault sends nothing and bills nothing', async () => {
    let billed = 0;
    const { el, engines } = await room({ billing: async () => void billed++ });
    el.addEventListener('gift-send', (e) => e.preventDefault());
    await openSheet(el);
    button(el, 'send').click();
    await sleep(1200);
    expect(billed).to.equal(0);
    expect(engines.chat.sent).to.have.length(0);
    expect(part(el, 'combo')).to.not.exist;
  });

  it('opens with focus on the selected gift; Escape closes the sheet and gives focus back', async () => {
    const { el } = await room();
    const opener = button(el, 'gift-button');
    expect(opener.getAttribute('aria-expanded')).to.equal('false');
    opener.focus();
    opener.click();
    await el.updateComplete;
    expect(opener.getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(giftButton(el, 'Rose'));
    giftButton(el, 'Rose').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    await el.updateComplete;
    expect(el.open).to.be.false;
    expect(part(el, 'sheet')).to.not.exist;
    expect(el.shadowRoot!.activeElement).to.equal(opener);
  });

  it('outside a room: Send and Like are disabled and the sheet says why', async () => {
    const engines = fakeEngines();
    const store = new LiveRoomStore(new Session({ engines }));
    const el = await fixture<GiftPanel>(html`<gift-panel open .store=${store} .gifts=${GIFTS}></gift-panel>`);
    expect(button(el, 'send').disabled).to.be.true;
    expect(button(el, 'like').disabled).to.be.true;
    expect(text(part(el, 'status'))).to.equal('Enter a room to send gifts.');
  });

  it('is accessible with the sheet open and banners showing', async () => {
    const { el, deliver } = await room({ billing: async () => ({ balance: 100 }) });
    deliver(ANNA, 'gift', { giftId: 'rose', count: 3, comboId: 'c1', comboTotal: 3 });
    await openSheet(el);
    await expect(el).to.be.accessible();
  });
});

describe('<gift-panel> receiving', () => {
  it('one combo updates ONE banner in place, showing ×N', async () => {
    const { el, deliver } = await room();
    el.bannerDuration = 3000;
    deliver(ANNA, 'gift', { giftId: 'rocket', count: 20, comboId: 'combo-a', comboTotal: 20 });
    await el.updateComplete;
    const first = part(el, 'banner')!;
    expect(text(first)).to.contain('Anna');
    expect(text(first)).to.contain('sent Rocket');
    expect(text(part(el, 'banner-count'))).to.equal('×20');
    expect(text(part(el, 'banner-avatar'))).to.equal('A');
    deliver(ANNA, 'gift', { giftId: 'rocket', count: 20, comboId: 'combo-a', comboTotal: 40 });
    deliver(ANNA, 'gift', { giftId: 'rocket', count: 5, comboId: 'combo-a', comboTotal: 45 });
    await el.updateComplete;
    expect(parts(el, 'banner')).to.have.length(1);
    expect(part(el, 'banner')).to.equal(first);
    expect(text(part(el, 'banner-count'))).to.equal('×45');
    // The same combo plays one fullscreen effect, not three.
    expect(parts(el, 'fullscreen')).to.have.length(1);
    // Announced politely.
    const region = part(el, 'live-region')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(text(region)).to.equal('Anna sent 20 Rocket');
  });

  it('a burst of 500 gifts stays within the node budget, and every node goes after its animation', async () => {
    const { el, deliver } = await room();
    const ids = ['rose', 'cake', 'rocket', 'heart'];
    for (let i = 0; i < 500; i++) {
      deliver({ userId: `u${i}`, nickname: `User ${i}`, avatar: '' }, 'gift', { giftId: ids[i % ids.length], count: 1, comboId: `c${i}`, comboTotal: 1 });
    }
    await el.updateComplete;
    expect(parts(el, 'banner').length).to.be.at.most(3);
    expect(parts(el, 'float').length).to.be.at.most(GIFT_PANEL_LIMITS.floats);
    expect(parts(el, 'burst').length).to.be.at.most(GIFT_PANEL_LIMITS.bursts);
    expect(parts(el, 'fullscreen')).to.have.length(1);
    expect(el.shadowRoot!.querySelectorAll('*').length).to.be.below(250);
    // Animations end: floats and bursts go; fullscreen effects play one after another from a bounded queue.
    for (const node of parts(el, 'effect')) node.dispatchEvent(new AnimationEvent('animationend', { animationName: 'gp-float' }));
    await el.updateComplete;
    expect(parts(el, 'float')).to.have.length(0);
    expect(parts(el, 'burst')).to.have.length(0);
    let played = 1;
    while (part(el, 'fullscreen') && played < 100) {
      part(el, 'fullscreen')!.dispatchEvent(new AnimationEvent('animationend', { animationName: 'gp-full' }));
      await el.updateComplete;
      if (part(el, 'fullscreen')) played++;
    }
    expect(played).to.be.at.most(1 + GIFT_PANEL_LIMITS.fullscreenQueue);
    expect(parts(el, 'effect')).to.have.length(0);
    // Banners fade out (after their animation) and the bounded queue drains.
    await waitUntil(() => parts(el, 'banner').length === 0, 'every banner went', { timeout: 9000, interval: 100 });
    // The announcement is throttled: one now, the rest summed up later.
    expect(text(part(el, 'live-region'))).to.match(/sent/);
  });

  it('effect nodes are removed by a fallback timer when no animationend comes', async () => {
    const { el, deliver } = await room();
    deliver(ANNA, 'gift', { giftId: 'rose', count: 1, comboId: 'f1', comboTotal: 1 });
    await el.updateComplete;
    const node = part(el, 'float')!;
    node.style.animation = 'none';
    await waitUntil(() => !part(el, 'float'), 'the float went', { timeout: 6000 });
  });

  it('user names and gift names render as literal text', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const gifts: Gift[] = [{ id: 'evil', name: '<b id="bold">Rose</b>', price: 5, icon: '<i>x</i>', effect: 'fullscreen' }];
    const { el, deliver } = await room({ gifts });
    deliver({ userId: 'mallory', nickname: evil, avatar: '' }, 'gift', { giftId: 'evil', count: 2, comboId: 'x1', comboTotal: 2 });
    await openSheet(el);
    expect(text(part(el, 'banner'))).to.contain(evil);
    expect(text(part(el, 'banner'))).to.contain('<b id="bold">Rose</b>');
    expect(text(part(el, 'fullscreen'))).to.contain(evil);
    expect(text(part(el, 'gift'))).to.contain('<b id="bold">Rose</b>');
    expect(el.shadowRoot!.querySelector('img[src="x"], #bold, i')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('with prefers-reduced-motion, nothing flies: no effects, no hearts; banners still show', async () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({ ...original.call(window, query), matches: query.includes('reduce') })) as typeof window.matchMedia;
    try {
      const { el, deliver } = await room();
      deliver(ANNA, 'gift', { giftId: 'rocket', count: 1, comboId: 'r1', comboTotal: 1 });
      deliver(ANNA, 'like', { count: 5 });
      button(el, 'like').click();
      await el.updateComplete;
      expect(parts(el, 'banner')).to.have.length(1);
      expect(parts(el, 'effect')).to.have.length(0);
      expect(parts(el, 'heart')).to.have.length(0);
    } finally {
      window.matchMedia = original;
    }
  });

  it('hands effects to an effect renderer (the Lottie hook) and removes them when it is done', async () => {
    const { el, deliver } = await room();
    let finish: () => void = () => undefined;
    const seen: string[] = [];
    el.effectRenderer = ({ gift, effect, container }) => {
      seen.push(`${gift.id}:${effect}`);
      container.textContent = 'drawn';
      return new Promise<void>((resolve) => (finish = resolve));
    };
    deliver(ANNA, 'gift', { giftId: 'rocket', count: 1, comboId: 'l1', comboTotal: 1 });
    await el.updateComplete;
    await el.updateComplete;
    expect(seen).to.deep.equal(['rocket:fullscreen']);
    expect(text(part(el, 'fullscreen'))).to.equal('drawn');
    finish();
    await waitUntil(() => !part(el, 'fullscreen'), 'the effect went');
  });
});

describe('<gift-panel> likes', () => {
  it('Like: a heart at once, at most 8 new hearts a second, at most one message a second; hearts go after their animation', async () => {
    const { el, engines } = await room();
    const likeSends: number[] = [];
    const originalSend = engines.chat.sendGroupMessage.bind(engines.chat);
    engines.chat.sendGroupMessage = async (groupId, body, priority) => {
      if (priority === 'low') likeSends.push(performance.now());
      return originalSend(groupId, body, priority);
    };
    const like = button(el, 'like');
    like.click();
    await el.updateComplete;
    expect(parts(el, 'heart')).to.have.length(1);
    for (let i = 0; i < 19; i++) like.click();
    await el.updateComplete;
    expect(parts(el, 'heart').length).to.equal(GIFT_PANEL_LIMITS.heartsPerSecond);
    await waitUntil(() => sentLikes(engines).reduce((a, b) => a + b, 0) === 20, 'all 20 likes went out', { timeout: 3000 });
    expect(sentLikes(engines).length).to.be.at.most(2);
    for (let i = 1; i < likeSends.length; i++) expect(likeSends[i] - likeSends[i - 1]).to.be.at.least(950);
    for (const heart of parts(el, 'heart')) heart.dispatchEvent(new AnimationEvent('animationend', { animationName: 'gp-heart' }));
    await el.updateComplete;
    expect(parts(el, 'heart')).to.have.length(0);
  });

  it('likes from others float hearts, rate-capped; own echoes add none', async () => {
    const { el, deliver } = await room();
    deliver(ANNA, 'like', { count: 50 });
    await el.updateComplete;
    expect(parts(el, 'heart').length).to.equal(GIFT_PANEL_LIMITS.heartsPerSecond);
    deliver(ANNA, 'like', { count: 50 });
    await el.updateComplete;
    expect(parts(el, 'heart').length).to.equal(GIFT_PANEL_LIMITS.heartsPerSecond);
    // Hearts leave by themselves (fallback timer) even if no animationend arrives.
    await waitUntil(() => parts(el, 'heart').length === 0, 'hearts went', { timeout: 5000 });
  });

  it("shows the room's like total", async () => {
    const { el, engines } = await room();
    engines.chat.emit('like-total', { groupId: GROUP, total: 1234 });
    await el.updateComplete;
    expect(text(part(el, 'like-count'))).to.contain('1,234');
    engines.chat.emit('like-total', { groupId: GROUP, total: 125_000 });
    await el.updateComplete;
    expect(text(part(el, 'like-count'))).to.contain('125K');
    expect(text(part(el, 'like-count'))).to.contain('125,000 likes');
  });
});

describe('<gift-panel> in Chinese', () => {
  it('speaks Chinese when lang is zh-CN', async () => {
    await preloadLanguage('zh-CN'); // the Chinese words are fetched on demand
    const { el, deliver } = await room({
      lang: 'zh-CN',
      billing: async () => {
        throw new LiveError(ErrorCode.INSUFFICIENT_BALANCE);
      },
    });
    deliver(ANNA, 'gift', { giftId: 'rose', count: 3, comboId: 'z1', comboTotal: 3 });
    await openSheet(el);
    expect(text(el.shadowRoot!.querySelector('h2'))).to.equal('礼物');
    expect(text(part(el, 'send'))).to.equal('赠送');
    expect(text(part(el, 'banner'))).to.contain('送出 Rose');
    expect(text(part(el, 'live-region'))).to.equal('Anna 送出了 3 个Rose');
    expect(button(el, 'like').getAttribute('aria-label')).to.equal('点赞');
    button(el, 'send').click();
    await waitUntil(() => part(el, 'error'), 'the error shows', { timeout: 3000 });
    expect(text(part(el, 'error'))).to.contain('余额不足');
    expect(text(part(el, 'recharge'))).to.equal('充值');
  });
});

describe('local server billing', () => {
  const originalFetch = window.fetch;
  afterEach(() => {
    window.fetch = originalFetch;
  });

  async function session(timeoutMs = 2000) {
    const s = new Session({ engines: fakeEngines(), server: 'ws://127.0.0.1:9999/ws', timeoutMs });
    await s.login({ userId: 'viewer_1', userSig: 'sig-1', sdkAppId: 1 });
    return s;
  }

  it('derives the HTTP base from the WebSocket URL', () => {
    expect(localHttpBase('ws://127.0.0.1:8787/ws')).to.equal('http://127.0.0.1:8787');
    expect(localHttpBase('wss://live.example.com/ws')).to.equal('https://live.example.com');
  });

  it('POSTs the batch with the session credentials and resolves with the balance', async () => {
    const requests: Array<{ url: string; init?: RequestInit }> = [];
    window.fetch = async (url, init) => {
      requests.push({ url: String(url), init });
      return new Response(JSON.stringify({ ok: true, balance: 9900, price: 5, total: 100 }), { status: 200 });
    };
    const billing = createLocalGiftBilling(await session());
    expect(await billing({ giftId: 'rose', count: 20, comboId: 'c' })).to.deep.equal({ balance: 9900 });
    expect(requests[0].url).to.equal('http://127.0.0.1:9999/api/gifts/send');
    expect(requests[0].init?.method).to.equal('POST');
    expect(JSON.parse(String(requests[0].init?.body))).to.deep.equal({ userId: 'viewer_1', userSig: 'sig-1', giftId: 'rose', count: 20 });
  });

  it('maps error bodies to LiveError(code, message); no answer and no body too', async () => {
    const billing = createLocalGiftBilling(await session(100));
    const failure = async () => billing({ giftId: 'rocket', count: 1, comboId: 'c' }).then(() => undefined, (e: unknown) => e as LiveError);

    window.fetch = async () => new Response(JSON.stringify({ code: 62018, message: 'Balance 3, needs 1000.' }), { status: 402 });
    let error = await failure();
    expect(error).to.be.instanceOf(LiveError);
    expect(error!.code).to.equal(ErrorCode.INSUFFICIENT_BALANCE);
    expect(error!.message).to.equal('Balance 3, needs 1000.');

    window.fetch = async () => new Response(JSON.stringify({ code: 62019, message: 'No gift “rocket”.' }), { status: 400 });
    expect((await failure())!.code).to.equal(ErrorCode.UNKNOWN_GIFT);

    window.fetch = async () => new Response(JSON.stringify({ code: 62001, message: 'Bad sig.' }), { status: 401 });
    expect((await failure())!.code).to.equal(ErrorCode.AUTH_FAILED);

    window.fetch = async () => new Response('<html>oops</html>', { status: 502 });
    error = await failure();
    expect(error!.code).to.equal(ErrorCode.SERVER_ERROR);
    expect(error!.message).to.contain('502');

    window.fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect((await failure())!.code).to.equal(ErrorCode.SERVER_UNREACHABLE);

    let aborted = false;
    window.fetch = (_url, init) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    expect((await failure())!.code).to.equal(ErrorCode.TIMEOUT);
    expect(aborted).to.be.true;
  });

  it('fails with NOT_LOGGED_IN without credentials', async () => {
    const billing = createLocalGiftBilling(new Session({ engines: fakeEngines() }));
    const error = await billing({ giftId: 'rose', count: 1, comboId: 'c' }).then(() => undefined, (e: LiveError) => e);
    expect(error!.code).to.equal(ErrorCode.NOT_LOGGED_IN);
  });

  it('reads the catalog, leaving malformed entries out', async () => {
    window.fetch = async () =>
      new Response(JSON.stringify({ gifts: [{ id: 'rose', name: 'Rose', price: 5, icon: '🌹', effect: 'float' }, { id: 3 }, { id: 'x', name: 'X', price: 1, effect: 'weird' }] }));
    const gifts = await fetchLocalGiftCatalog(await session());
    expect(gifts).to.deep.equal([
      { id: 'rose', name: 'Rose', price: 5, icon: '🌹', effect: 'float' },
      { id: 'x', name: 'X', price: 1, icon: '', effect: 'none' },
    ]);
  });

  it('<gift-panel> on the local engine loads the catalog and balance, and bills through the local server', async () => {
    const calls: string[] = [];
    window.fetch = async (input, init) => {
      const url = new URL(String(input));
      calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      if (url.pathname === '/api/gifts') return new Response(JSON.stringify({ gifts: GIFTS }));
      if (url.pathname === '/api/gifts/balance') return new Response(JSON.stringify({ balance: 10000 }));
      return new Response(JSON.stringify({ ok: true, balance: 9995, price: 5, total: 5 }));
    };
    const engines = fakeEngines();
    Object.defineProperty(engines.chat, 'kind', { value: 'local' });
    const store = new LiveRoomStore(new Session({ engines, server: 'ws://127.0.0.1:9999/ws' }));
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    await store.enterRoom(numericRoom(ROOM));
    const el = await fixture<GiftPanel>(html`<gift-panel open .store=${store}></gift-panel>`);
    await waitUntil(() => parts(el, 'gift').length === GIFTS.length && part(el, 'balance'), 'catalog and balance loaded');
    expect(text(part(el, 'balance'))).to.equal('Balance: 10,000');
    button(el, 'send').click();
    await waitUntil(() => sentGifts(engines).length === 1, 'sent', { timeout: 3000 });
    expect(calls).to.include('POST /api/gifts/send');
    await el.updateComplete;
    expect(text(part(el, 'balance'))).to.equal('Balance: 9,995');
  });
});
