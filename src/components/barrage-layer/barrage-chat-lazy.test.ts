// The chat's code (input, log view, user menu) is fetched on first need, not with the layer.
// Its own file: each test file runs in a fresh page, so what was fetched is this file's doing.
import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { LiveRoomStore } from '../../core/store/live-room-store.js';
import { Session } from '../../core/store/session.js';
import { numericRoom } from '../../core/validation.js';
import { fakeEngines } from '../../testing/fake-engines.js';
import '../../barrage-layer.js';
import type { BarrageLayer } from './barrage-layer.js';

/** Whether the page has fetched the chat's module. */
const chatFetched = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/barrage-chat.'));

async function stage(template: ReturnType<typeof html>): Promise<BarrageLayer> {
  const wrap = await fixture<HTMLElement>(html`<div style="position:relative;width:640px;height:360px;background:#111">${template}</div>`);
  const el = wrap.querySelector('barrage-layer')!;
  await el.updateComplete;
  await nextFrame();
  await nextFrame();
  return el;
}

const part = (el: BarrageLayer, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<barrage-layer>: the chat is fetched on first need', () => {
  it('a layer without a room shows comments and fetches no chat; a room brings the input, the log view works', async () => {
    const alone = await stage(html`<barrage-layer></barrage-layer>`);
    expect(alone.emit({ text: 'just comments', user: 'u1' })).to.equal('queued');
    await new Promise((r) => setTimeout(r, 80));
    await nextFrame();
    expect(alone.shadowRoot!.querySelectorAll('.comment').length).to.equal(1);
    expect(part(alone, 'form'), 'no input without a room').to.equal(null);
    // The lanes use the whole height: no room is kept for an input that is not there.
    expect(part(alone, 'lanes')!.getBoundingClientRect().height).to.equal(360);

    // `no-input` with a room: still nothing to fetch.
    const engines = fakeEngines();
    const store = new LiveRoomStore(new Session({ engines }));
    const quiet = await stage(html`<barrage-layer no-input .store=${store}></barrage-layer>`);
    expect(part(quiet, 'form')).to.equal(null);
    expect(chatFetched(), 'the chat was fetched by a layer that shows comments only').to.equal(false);

    // A room: the input comes (disabled until the room is entered), with its code.
    alone.store = store;
    await alone.updateComplete;
    expect(chatFetched()).to.equal(true);
    const input = part(alone, 'input') as HTMLInputElement;
    expect(input.disabled).to.equal(true);
    expect(part(alone, 'lanes')!.getBoundingClientRect().height).to.be.lessThan(360);
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    await store.enterRoom(numericRoom(3));
    await alone.updateComplete;
    expect(input.disabled).to.equal(false);

    // The chat's styles are adopted into the layer's own shadow root (no style outside it).
    expect(getComputedStyle(part(alone, 'send')!).borderRadius).to.equal('999px');
    expect(document.adoptedStyleSheets.length).to.equal(0);

    // The other layer (already defined code) opens its log view at once, with what it saw.
    quiet.emit({ text: 'seen before', user: 'u2' });
    quiet.view = 'log';
    await quiet.updateComplete;
    expect(part(quiet, 'log')!.getAttribute('role')).to.equal('log');
    expect(part(quiet, 'log')!.textContent).to.contain('seen before');
  });
});
