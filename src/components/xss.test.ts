/**
 * User text is rendered as text, everywhere in the kit: the classic XSS strings go through every
 * text path (names, room name, notice, introduction, chat and barrage, gift names and senders,
 * a caller's name) and must show literally, create no element, and run nothing.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { encodeEnvelope } from '../core/protocol/envelope.js';
import { CallStore } from '../core/store/call-store.js';
import { LiveRoomStore } from '../core/store/live-room-store.js';
import { Session } from '../core/store/session.js';
import { numericRoom } from '../core/validation.js';
import { fakeEngines } from '../testing/fake-engines.js';
import '../index.js';
import type { LiveRoom } from './live-room/live-room.js';
import type { CallPanel } from './call-panel/call-panel.js';

const ATTACKS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=2</script>',
  '"><svg onload="window.__xss=3">',
  "javascript:window.__xss=4//<a href='javascript:alert(1)'>x</a>",
  '{{constructor.constructor("window.__xss=5")()}}',
];

/** All text and all elements under a node, through every shadow root. */
function walk(root: Node): { text: string; tags: Set<string>; attrs: string[] } {
  const tags = new Set<string>();
  const attrs: string[] = [];
  let text = '';
  const roots: Node[] = [root, ...((root as Element).shadowRoot ? [(root as Element).shadowRoot!] : [])];
  while (roots.length) {
    const current = roots.shift()!;
    const walker = document.createTreeWalker(current, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        text += node.textContent;
        continue;
      }
      const el = node as Element;
      tags.add(el.localName);
      for (const a of el.attributes) if (a.name.startsWith('on')) attrs.push(`${el.localName}[${a.name}]`);
      if (el.shadowRoot) roots.push(el.shadowRoot);
    }
  }
  return { text, tags, attrs };
}

function expectInert(root: Node, expected: string[]): void {
  const { text, tags, attrs } = walk(root);
  for (const attack of expected) expect(text, 'the attack shows literally').to.contain(attack);
  expect([...tags].filter((t) => t === 'script'), 'no injected script').to.deep.equal([]);
  expect(attrs, 'no inline handlers').to.deep.equal([]);
  expect((window as unknown as { __xss?: number }).__xss, 'nothing ran').to.equal(undefined);
}

describe('user text is text everywhere', () => {
  it('in a live room: names, room name, notice, introduction, chat, barrage, gifts', async () => {
    const engines = fakeEngines();
    const [nameAttack, chatAttack, noticeAttack, giftAttack, introAttack] = ATTACKS;
    engines.media.users = [{ userId: 'anchor_1', nickname: nameAttack, avatar: '', role: 'anchor', publishing: true, audio: true, video: false }];
    engines.chat.group = { ...engines.chat.group, name: ATTACKS[2], attributes: { status: 'live', notice: noticeAttack, intro: introAttack } };
    const store = new LiveRoomStore(new Session({ engines }));
    const el = await fixture<LiveRoom>(html`<live-room .store=${store}><barrage-layer></barrage-layer><gift-panel .gifts=${[{ id: 'evil', name: giftAttack, price: 1 }]}></gift-panel></live-room>`);
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1, nickname: nameAttack });
    await store.enterRoom(numericRoom(7));
    const from = { userId: 'mallory', nickname: nameAttack, avatar: '' };
    engines.chat.emit('member-join', { groupId: '7', member: { ...from, joinedAt: 0 }, memberCount: 3 });
    engines.chat.emit('message', { groupId: '7', seq: 1, time: Date.now(), from, priority: 'normal', body: { type: 'text', text: chatAttack } });
    engines.chat.emit('message', { groupId: '7', seq: 2, time: Date.now(), from, priority: 'high', body: { type: 'custom', data: encodeEnvelope('gift', { giftId: 'evil', count: 3, comboId: 'c1', comboTotal: 3 }) } });
    await el.updateComplete;
    await waitUntil(() => walk(el).text.includes(chatAttack) && walk(el).text.includes(giftAttack), 'the chat line and the gift banner', { timeout: 5000 });
    expectInert(el, [nameAttack, chatAttack, noticeAttack, giftAttack]);
  });

  it('in a call: the caller’s name', async () => {
    const engines = fakeEngines();
    const store = new CallStore(new Session({ engines }));
    const el = await fixture<CallPanel>(html`<call-panel .store=${store}></call-panel>`);
    await store.login({ userID: 'bob', userSig: 'sig', sdkAppId: 1 });
    engines.chat.emit('direct-message', {
      from: { userId: 'mallory', nickname: ATTACKS[0], avatar: '' },
      data: encodeEnvelope('call-invite', { callId: 'c1', type: 2, roomId: 'call_c1', inviter: 'mallory', invitees: ['bob'] }),
      time: Date.now(),
    });
    await waitUntil(() => walk(el).text.includes(ATTACKS[0]), 'the incoming call with the caller’s name', { timeout: 5000 });
    expectInert(el, [ATTACKS[0]]);
  });
});
