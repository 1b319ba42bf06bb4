import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { allStrings } from '../testing/all-strings.js';
import { defineStrings, errorText, langOf, preloadLanguage, translator } from './i18n.js';
import { watchLang } from './lang-updates.js';

/** A loader whose module arrives when the test says so, counting its calls. */
function controlledLoader<T>() {
  const loader = {
    calls: 0,
    arrive: (_: T) => {},
    fail: (_: Error) => {},
    load: () => {
      loader.calls++;
      return new Promise<{ default: T }>((resolve, reject) => {
        loader.arrive = (value) => resolve({ default: value });
        loader.fail = reject;
      });
    },
  };
  return loader;
}

const greetingEn = { hello: 'Hello {name}', bye: 'Goodbye' };
type Greeting = Record<keyof typeof greetingEn, string>;
const greetingZh: Greeting = { hello: '你好 {name}', bye: '再见' };
const loader = controlledLoader<Greeting>();
const t = translator(defineStrings(greetingEn, loader.load));

/** An element of the kit's kind: words at render time, re-rendered by lang-updates.ts. */
class I18nProbe extends LitElement {
  protected override render() {
    return html`<p>${t(langOf(this), 'hello', { name: 'Ada' })}</p>`;
  }
}
I18nProbe.addInitializer(watchLang);
customElements.define('i18n-probe', I18nProbe);
const text = (el: Element) => el.shadowRoot!.querySelector('p')!.textContent;

describe('i18n: lazy Chinese words', () => {
  it('on a page whose <html lang> is Chinese, an area fetches its words as soon as it is defined', () => {
    const before = document.documentElement.lang;
    const early = controlledLoader<Greeting>();
    try {
      document.documentElement.lang = 'zh-CN';
      translator(defineStrings(greetingEn, early.load));
      expect(early.calls).to.equal(1);
    } finally {
      document.documentElement.lang = before;
      early.arrive(greetingZh);
    }
  });

  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('speaks English by default and for other languages, without fetching the Chinese words', async () => {
    const el = await fixture(html`<i18n-probe></i18n-probe>`);
    expect(text(el)).to.equal('Hello Ada');
    expect(t('fr', 'bye')).to.equal('Goodbye');
    expect(t('en-ZH', 'bye')).to.equal('Goodbye');
    expect(t('zhx', 'bye')).to.equal('Goodbye');
    expect(loader.calls).to.equal(0);
  });

  it('shows English under lang="zh-CN" until the table arrives, then re-renders in Chinese by itself', async () => {
    const el = await fixture(html`<div lang="zh-CN"><i18n-probe></i18n-probe></div>`);
    const probe = el.querySelector('i18n-probe')!;
    expect(text(probe)).to.equal('Hello Ada');
    expect(loader.calls).to.equal(1);
    // Asking again while the fetch is under way does not fetch twice.
    expect(t('zh', 'bye')).to.equal('Goodbye');
    expect(loader.calls).to.equal(1);
    loader.arrive(greetingZh);
    await waitUntil(() => text(probe) === '你好 Ada', 'the element re-renders in Chinese', { timeout: 2000 });
    // zh, zh-CN, any zh-*, any case.
    for (const lang of ['zh', 'zh-CN', 'ZH-cn', 'zh-TW', 'zh-Hans-CN']) expect(t(lang, 'bye'), lang).to.equal('再见');
    expect(t('en', 'bye')).to.equal('Goodbye');
    expect(loader.calls).to.equal(1);
  });

  it('falls back to English when the Chinese words cannot be fetched, without an unhandled rejection, and tries again later', async () => {
    const failing = controlledLoader<Greeting>();
    const tf = translator(defineStrings(greetingEn, failing.load));
    const unhandled: unknown[] = [];
    const onUnhandled = (e: PromiseRejectionEvent) => unhandled.push(e.reason);
    window.addEventListener('unhandledrejection', onUnhandled);
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(tf('zh-CN', 'bye')).to.equal('Goodbye');
      failing.fail(new Error('offline'));
      await new Promise((r) => setTimeout(r, 50));
      expect(tf('zh-CN', 'bye')).to.equal('Goodbye');
      // Not at every render right after a failure…
      expect(failing.calls).to.equal(1);
      expect(warnings.length).to.equal(1);
      // …but preloadLanguage tries again.
      const preloaded = preloadLanguage('zh-CN');
      expect(failing.calls).to.equal(2);
      failing.arrive(greetingZh);
      await preloaded;
      expect(tf('zh-CN', 'bye')).to.equal('再见');
      expect(unhandled).to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
      console.warn = warn;
    }
  });

  it('preloadLanguage fetches every table defined so far (and the error words), and later ones at once', async () => {
    await preloadLanguage('en');
    await preloadLanguage('zh-CN');
    expect(translator(allStrings.barrage)('zh-CN', 'blLog')).to.equal('聊天记录');
    expect(errorText('zh-CN', { code: 62004, message: 'Room not found' })).to.equal('房间不存在。');
    expect(errorText('en', { code: 62004, message: 'Room not found' })).to.equal('Room not found');
    expect(errorText('zh-CN', { code: 1, message: 'Something' })).to.equal('Something');
    // A part fetched later (its strings defined after the preload) gets its words right away.
    const later = controlledLoader<Greeting>();
    const tl = translator(defineStrings(greetingEn, later.load));
    expect(later.calls).to.equal(1);
    later.arrive(greetingZh);
    await waitUntil(() => tl('zh', 'bye') === '再见', 'fetched without being asked', { timeout: 2000 });
  });

  it('every area has Chinese words for exactly its English keys, with the same {placeholders}', async () => {
    await preloadLanguage('zh-CN');
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [area, strings] of Object.entries(allStrings)) {
      const en = strings.en as Record<string, string>;
      const zh = strings.zh.get() as Record<string, string> | undefined;
      expect(zh, area).to.not.equal(undefined);
      expect(Object.keys(zh!).sort(), area).to.deep.equal(Object.keys(en).sort());
      for (const key of Object.keys(en)) expect(placeholders(zh![key]!), `${area}.${key}`).to.deep.equal(placeholders(en[key]!));
    }
  });

  it('no key is in two areas (a translator finds a key in the first table that has it)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, strings] of Object.entries(allStrings)) {
      for (const key of Object.keys(strings.en)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)}, ${area})`);
        seen.set(key, area);
      }
    }
    expect(twice).to.deep.equal([]);
  });
});
