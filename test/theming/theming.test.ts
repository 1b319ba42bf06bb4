// Theming: the elements survive a hostile page stylesheet (their buttons stay visible and
// usable), leak no style into the page, follow `theme="light|dark"` over the page's
// `prefers-color-scheme`, take the shared `--live-*` tokens, and expose `::part`s.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CallStore } from '../../src/core/store/call-store.js';
import { LiveRoomStore } from '../../src/core/store/live-room-store.js';
import { Session } from '../../src/core/store/session.js';
import { numericRoom } from '../../src/core/validation.js';
import '../../src/index.js';
import { fakeEngines } from '../../src/testing/fake-engines.js';
import { allElements, settle } from './stories.js';

const TAGS = ['live-room', 'barrage-layer', 'gift-panel', 'coanchor-queue', 'call-panel'] as const;
/** Elements whose styles answer `theme` (all of them; KNOWN_NO_THEME lists any that do not yet). */
const THEMED = ['live-room', 'gift-panel', 'coanchor-queue', 'call-panel', 'barrage-layer'] as const;
const KNOWN_NO_THEME: string[] = [];

/** All five elements in a room on fake engines: a viewer with the anchor on stage, and a call panel. */
async function everything(): Promise<HTMLElement> {
  const engines = fakeEngines();
  engines.media.users = [{ userId: 'anna', nickname: 'Anna', avatar: '', role: 'anchor', publishing: true, audio: true, video: false }];
  const store = new LiveRoomStore(new Session({ engines }));
  const calls = new CallStore(new Session({ engines: fakeEngines() }));
  const el = await fixture<HTMLElement>(html`<section id="kit">
    <live-room style="height:420px" .store=${store}>
      <barrage-layer></barrage-layer>
      <gift-panel></gift-panel>
      <coanchor-queue slot="side"></coanchor-queue>
    </live-room>
    <call-panel style="height:360px" .store=${calls}></call-panel>
  </section>`);
  await store.login({ userId: 'viewer_1', userSig: 's', sdkAppId: 1, nickname: 'Me' });
  await store.enterRoom(numericRoom(1001));
  await calls.login({ userID: 'mia', userSig: 's', sdkAppId: 1, nickname: 'Mia' });
  await settle(el);
  return el;
}

/** Buttons inside the elements' shadow roots that a person can see. */
function visibleButtons(root: Element): HTMLButtonElement[] {
  return allElements(root).filter((e): e is HTMLButtonElement => e instanceof HTMLButtonElement && e.getRootNode() instanceof ShadowRoot && isVisible(e));
}

function isVisible(e: Element): boolean {
  const r = e.getBoundingClientRect();
  const s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility === 'visible' && Number(s.opacity) > 0 && e.checkVisibility({ opacityProperty: true, visibilityProperty: true });
}

const label = (b: Element) => `${(b.getRootNode() as ShadowRoot).host?.localName}: ${b.getAttribute('aria-label') || b.textContent?.trim().slice(0, 30)}`;

const HOSTILE = `
  * { all: unset !important; font-size: 40px !important; line-height: 3 !important; color: transparent !important; }
  button, input, select, textarea, [role="button"], [part] { display: none !important; visibility: hidden !important; opacity: 0 !important; pointer-events: none !important; }
  :host, :host * { display: none !important; }
  *::before, *::after { content: "HOSTILE" !important; }
  video { display: none !important; }
  slot { display: none !important; }
`;

describe('theming', function () {
  this.timeout(15_000);
  let hostile: HTMLStyleElement | undefined;
  afterEach(() => {
    hostile?.remove();
    hostile = undefined;
  });

  it('a hostile page stylesheet leaves every internal button visible and usable', async () => {
    const el = await everything();
    const before = visibleButtons(el).map(label);
    expect(before.length).to.be.greaterThan(5);
    hostile = document.createElement('style');
    hostile.textContent = HOSTILE;
    document.head.append(hostile);
    await settle(el, 50);
    const after = visibleButtons(el).map(label);
    expect(before.filter((b) => !after.includes(b)), 'buttons hidden by the page').to.deep.equal([]);
    // Their words are still drawn in a visible colour (the page made every light-DOM colour transparent).
    const transparent = visibleButtons(el).filter((b) => getComputedStyle(b).color === 'rgba(0, 0, 0, 0)').map(label);
    expect(transparent, 'buttons whose words the page made transparent').to.deep.equal([]);
    // Usable: the People button opens the member panel; the gift button opens the sheet; a comment sends.
    const room = el.querySelector('live-room')!;
    const people = room.shadowRoot!.querySelector<HTMLButtonElement>('button.people')!;
    people.click();
    await waitUntil(() => people.getAttribute('aria-expanded') === 'true', 'People opens');
    const gifts = el.querySelector('gift-panel')!;
    const sheetButton = visibleButtons(gifts).find((b) => /send a gift/i.test(b.getAttribute('aria-label') || b.textContent || ''))!;
    sheetButton.click();
    await waitUntil(() => gifts.hasAttribute('open'), 'the gift sheet opens');
    const layer = el.querySelector('barrage-layer')!;
    const sent: string[] = [];
    layer.addEventListener('barrage-send', (e) => sent.push(e.detail.text));
    const input = layer.shadowRoot!.querySelector('input')!;
    expect(isVisible(input), 'the comment input').to.be.true;
    input.value = 'still works';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    layer.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send"]')!.click();
    await waitUntil(() => sent.includes('still works'), 'the comment is sent');
  });

  it('leaks no style: a page element styled nowhere keeps its computed style, and the page gets no stylesheet', async () => {
    const probe = await fixture<HTMLElement>(html`<div><p id="probe">Probe <button>plain</button> <input value="x" /></p></div>`);
    const props = ['color', 'background-color', 'font-family', 'font-size', 'font-weight', 'line-height', 'margin-top', 'padding-left', 'display', 'box-sizing', 'border-top-width', 'border-radius', 'color-scheme', 'letter-spacing', 'text-transform'];
    const snapshot = () =>
      [document.documentElement, document.body, ...probe.querySelectorAll('*')].map((e) => {
        const s = getComputedStyle(e);
        return props.map((p) => `${e.localName}.${p}=${s.getPropertyValue(p)}`).join(';');
      });
    const sheets = () => [document.styleSheets.length, document.adoptedStyleSheets.length, document.head.querySelectorAll('style, link').length];
    const was = snapshot();
    const sheetsWere = sheets();
    const el = await everything();
    probe.after(el);
    await settle(el);
    expect(snapshot()).to.deep.equal(was);
    expect(sheets()).to.deep.equal(sheetsWere);
  });

  it('theme="light" and theme="dark" override the page preference on each element', async () => {
    const el = await everything();
    const pageLight = matchMedia('(prefers-color-scheme: light)').matches;
    for (const tag of TAGS) {
      const host = (tag === 'live-room' || tag === 'call-panel' ? el.querySelector(tag) : el.querySelector(tag)) as HTMLElement;
      const look = () => {
        const target = host.shadowRoot!.querySelector('[part~="base"], .base, [part~="controls"], [part~="lanes"]') ?? host;
        const s = getComputedStyle(host);
        return [s.colorScheme, getComputedStyle(target).backgroundColor, getComputedStyle(target).color, ...[...s].filter((p) => p.startsWith('--')).map((p) => s.getPropertyValue(p))].join('|');
      };
      const none = look();
      host.setAttribute('theme', 'light');
      const light = look();
      host.setAttribute('theme', 'dark');
      const dark = look();
      host.removeAttribute('theme');
      if (KNOWN_NO_THEME.includes(tag)) {
        if (light === dark) console.warn(`<${tag}> ignores theme="light|dark" (known gap: its owner adds it)`);
        continue;
      }
      expect(light, `<${tag}> theme=light vs dark`).to.not.equal(dark);
      expect(none, `<${tag}> without theme follows the page (${pageLight ? 'light' : 'dark'})`).to.equal(pageLight ? light : dark);
    }
    expect([...THEMED, ...KNOWN_NO_THEME].sort()).to.deep.equal([...TAGS].sort());
  });

  it('the shared --live-* tokens restyle every element', async () => {
    const el = await everything();
    el.style.setProperty('--live-color-accent', 'rgb(1, 2, 3)');
    el.style.setProperty('--live-font', 'Georgia');
    const accents: string[] = [];
    for (const tag of THEMED) {
      const host = el.querySelector(tag) as HTMLElement;
      const s = getComputedStyle(host);
      accents.push(`${tag}:${[...s].filter((p) => p.endsWith('-accent')).map((p) => s.getPropertyValue(p).trim()).join(',')}`);
      expect(s.fontFamily, `<${tag}> font`).to.contain('Georgia');
    }
    for (const line of accents) expect(line).to.match(/rgb\(1, 2, 3\)|var\(--live-color-accent/);
  });

  it('every element exposes parts, and ::part styles them from the page', async () => {
    const el = await everything();
    const style = document.createElement('style');
    style.textContent = TAGS.map((tag) => `${tag}::part(${tag === 'barrage-layer' ? 'form' : tag === 'gift-panel' ? 'controls' : 'base'}) { outline: 3px solid rgb(9, 8, 7); }`).join('\n');
    document.head.append(style);
    try {
      for (const tag of TAGS) {
        const host = el.querySelector(tag)!;
        const parts = host.shadowRoot!.querySelectorAll('[part]');
        expect(parts.length, `<${tag}> parts`).to.be.greaterThan(1);
        const styled = [...parts].some((p) => getComputedStyle(p).outlineColor === 'rgb(9, 8, 7)');
        expect(styled, `<${tag}>::part(…) applies`).to.be.true;
      }
    } finally {
      style.remove();
    }
  });
});
