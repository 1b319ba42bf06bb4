// Accessibility of every element in its main states: each scripted Storybook story (fake
// engines, no server; the same states Storybook's a11y panel checks) goes through axe-core via
// @open-wc/testing's `to.be.accessible()`. Then the announcements that a screen-reader user
// depends on: incoming calls, co-anchor requests and gifts reach an aria-live region; the message
// list is a `role="log"`; reduced motion stops the flying comments; the controls work with the
// keyboard.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { encodeEnvelope } from '../../src/core/protocol/envelope.js';
import { LiveRoomStore } from '../../src/core/store/live-room-store.js';
import { Session } from '../../src/core/store/session.js';
import { groupIdForRoom, numericRoom } from '../../src/core/validation.js';
import { fakeEngines } from '../../src/testing/fake-engines.js';
import { allElements, settle, storyCases } from './stories.js';

/** Stories only about another language: the same structure, checked by i18n.test.ts. */
const SKIP = /Chinese$/;

describe('accessibility: axe on every scripted story', function () {
  this.timeout(20_000);
  for (const story of storyCases().filter((s) => !SKIP.test(s.exportName))) {
    it(story.name, async () => {
      const el = await fixture(html`<div>${story.render()}</div>`);
      await settle(el);
      await expect(el).to.be.accessible();
    });
  }
});

function deepQuery(root: Element, selector: string): Element[] {
  return allElements(root).filter((e) => e.matches(selector));
}

const liveText = (root: Element) =>
  deepQuery(root, '[aria-live], [role="status"], [role="alert"], [role="log"]')
    .map((e) => e.textContent ?? '')
    .join(' ');

describe('accessibility: announcements, log, keyboard, motion', function () {
  this.timeout(10_000);

  it('an incoming call is announced in an assertive live region', async () => {
    const { Incoming } = await import('../../stories/call-panel.stories.js');
    const el = await fixture(html`<div>${(Incoming.render as (a: unknown) => unknown)({ lang: 'en' })}</div>`);
    await waitUntil(() => deepQuery(el, '[aria-live="assertive"]').some((r) => /anna|call/i.test(r.textContent ?? '')), 'the call is announced', { timeout: 5000 });
  });

  it('a co-anchor request and a gift reach a polite live region', async () => {
    const engines = fakeEngines();
    const store = new LiveRoomStore(new Session({ engines }));
    const el = await fixture(html`<div style="position:relative;height:400px"><coanchor-queue .store=${store}></coanchor-queue><gift-panel .store=${store}></gift-panel></div>`);
    await store.login({ userId: 'anchor_1', userSig: 's', sdkAppId: 1, nickname: 'Anna' });
    await store.createRoom(numericRoom(5151));
    const from = { userId: 'dave', nickname: 'Dave', avatar: '' };
    engines.chat.emit('direct-message', { from, data: encodeEnvelope('coanchor-request', { requestId: 'r1' } as never), time: Date.now() });
    await waitUntil(() => /Dave/.test(liveText(el.querySelector('coanchor-queue')!)), 'the request is announced', { timeout: 4000 });
    engines.chat.emit('message', { groupId: groupIdForRoom(numericRoom(5151)), seq: 1, time: Date.now(), from, priority: 'high', body: { type: 'custom', data: encodeEnvelope('gift', { giftId: 'rose', count: 3, comboId: 'c1', comboTotal: 3, value: 5 }) } });
    await waitUntil(() => /Dave/.test(liveText(el.querySelector('gift-panel')!)), 'the gift is announced', { timeout: 4000 });
  });

  it('the message list is a role="log", and static (what prefers-reduced-motion selects) runs no animation', async () => {
    const el = await fixture(html`<div style="position:relative;height:300px"><barrage-layer static view="log"></barrage-layer></div>`);
    const layer = el.querySelector('barrage-layer')!;
    await settle(el);
    expect(deepQuery(layer, '[role="log"]').length).to.equal(1);
    (layer as unknown as { emit(c: { text: string }): unknown }).emit({ text: 'still' });
    await settle(el, 100);
    const animations = layer.shadowRoot!.getAnimations?.() ?? [];
    expect(animations.filter((a) => a.playState === 'running').length).to.equal(0);
  });

  it('every button of the scripted stories has a name and can take the keyboard focus', async () => {
    const problems: string[] = [];
    for (const story of storyCases().filter((s) => /Scripted$|Idle|Incoming$|OneToOne$|Sheet|Flying|Anchor$|ViewerIdle/.test(s.exportName))) {
      const el = await fixture(html`<div>${story.render()}</div>`);
      await settle(el);
      for (const button of deepQuery(el, 'button')) {
        const b = button as HTMLButtonElement;
        if (b.disabled || !b.checkVisibility()) continue;
        b.focus();
        const root = b.getRootNode() as ShadowRoot | Document;
        if (root.activeElement !== b) problems.push(`${story.name}: a button cannot take focus (${b.outerHTML.slice(0, 80)})`);
        if (b.tabIndex < 0) problems.push(`${story.name}: a button is out of the tab order (${b.outerHTML.slice(0, 80)})`);
      }
    }
    expect(problems).to.deep.equal([]);
  });
});
