// Localisation: en and zh-CN, chosen by the element's `lang`, an ancestor's, or the page's, and
// followed when it changes. Every scripted story rendered in zh-CN shows no English UI string of
// the kit (scripts/check-strings.ts separately keeps literal words out of the templates).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { preloadLanguage, translator, type KeyOf } from '../../src/internal/i18n.js';
import { allStrings } from '../../src/testing/all-strings.js';
import { allElements, settle, storyCases } from './stories.js';

/** Every area's words (src/internal/strings/*.ts): the Chinese ones once preloaded. */
const t = translator(...Object.values(allStrings));
type StringKey = KeyOf<typeof t>;

/** Keys whose zh-CN words may equal the English ones (names, symbols, loanwords). */
const SAME_IN_BOTH = /^(lrPk|.*Emoji.*)$/;

/** The English words of every area, by key. */
const en: Record<string, string> = Object.assign({}, ...Object.values(allStrings).map((strings) => strings.en));

/** What a person reads or hears inside the elements: shadow text and labels. */
function uiTexts(root: Element): string[] {
  const texts: string[] = [];
  for (const el of allElements(root)) {
    if (!(el.getRootNode() instanceof ShadowRoot)) continue;
    for (const node of el.childNodes) if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) texts.push(node.textContent!.trim());
    for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
      const v = el.getAttribute(attr);
      if (v) texts.push(v);
    }
  }
  return texts;
}

/** Each English string as a pattern (`{n} watching` → /^.+? watching$/ on whole texts, or inside them when long). */
function englishPatterns(): Array<{ key: string; re: RegExp }> {
  return Object.entries(en)
    .filter(([key, value]) => !SAME_IN_BOTH.test(key) && value !== t('zh-CN', key as StringKey) && /\p{L}{2,}/u.test(value.replace(/\{\w+\}/g, '')))
    .map(([key, value]) => {
      const source = value.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}|\{\w+\}/g, '.+?');
      const long = value.split(/\s+/).length >= 3;
      return { key, re: new RegExp(long ? source : `^${source}$`) };
    });
}

describe('localisation (en, zh-CN)', function () {
  this.timeout(20_000);
  // The Chinese words are fetched on demand; fetch them before the first render (parts loaded
  // later fetch theirs as they arrive, see the story test).
  before(() => preloadLanguage('zh-CN'));
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('every key has Chinese words, different from the English ones', () => {
    const keys = Object.keys(en);
    expect(keys.length).to.be.greaterThan(100);
    const untranslated = keys.filter((key) => !SAME_IN_BOTH.test(key) && t('zh-CN', key as StringKey) === en[key] && /\p{L}{2,}/u.test(en[key]!));
    expect(untranslated).to.deep.equal([]);
    expect(t('zh', 'enter' as StringKey)).to.equal(t('zh-CN', 'enter' as StringKey));
    expect(t('fr', 'enter' as StringKey)).to.equal(en.enter);
  });

  describe('no scripted story shows English UI words when lang="zh-CN"', () => {
    for (const story of storyCases()) {
      it(story.name, async () => {
        const patterns = englishPatterns();
        const el = await fixture(html`<div>${story.render({ lang: 'zh-CN' })}</div>`);
        await settle(el);
        const problems = () => [...new Set(uiTexts(el).flatMap((text) => patterns.filter((p) => p.re.test(text)).map((p) => `“${text}” (${p.key})`)))];
        // A part fetched on first need fetches its Chinese words then, and re-renders when they arrive.
        await waitUntil(() => problems().length === 0, '', { timeout: 3000 }).catch(() => undefined);
        expect(problems()).to.deep.equal([]);
      });
    }
  });

  it('follows the page’s lang when the element has none, and its own lang over the page’s', async () => {
    const story = storyCases().find((s) => s.exportName === 'InRoomScripted')!;
    document.documentElement.lang = 'zh-CN';
    const el = await fixture(html`<div>${story.render({ lang: '' })}</div>`);
    await settle(el);
    const room = el.querySelector('live-room')!;
    expect(uiTexts(room).join(' ')).to.contain(t('zh-CN', 'leave'));
    room.setAttribute('lang', 'en');
    await waitUntil(() => uiTexts(room).includes(en.leave!), 'its own lang="en" wins', { timeout: 3000 });
  });

  it('re-renders in the new language when lang changes at run time (element, ancestor, page)', async () => {
    const story = storyCases().find((s) => s.exportName === 'OwnerScripted')!;
    const el = await fixture(html`<div>${story.render({ lang: '' })}</div>`);
    await settle(el);
    const room = el.querySelector('live-room')!;
    expect(uiTexts(room)).to.include(en.endLive);
    room.setAttribute('lang', 'zh-CN');
    await waitUntil(() => uiTexts(room).includes(t('zh-CN', 'endLive')), 'the element’s lang', { timeout: 3000 });
    room.removeAttribute('lang');
    el.setAttribute('lang', 'zh-CN');
    await waitUntil(() => uiTexts(room).includes(t('zh-CN', 'endLive')), 'an ancestor’s lang', { timeout: 3000 });
    el.removeAttribute('lang');
    await waitUntil(() => uiTexts(room).includes(en.endLive!), 'back to the page’s (en)', { timeout: 3000 });
    document.documentElement.lang = 'zh-CN';
    await waitUntil(() => uiTexts(room).includes(t('zh-CN', 'endLive')), 'the page’s lang', { timeout: 3000 });
    // The internal parts follow too (the People panel's words, PK controls…).
    const parts = allElements(room).filter((e) => e.localName.startsWith('live-') && e !== room);
    expect(parts.length).to.be.greaterThan(0);
    await waitUntil(() => !uiTexts(room).some((text) => text === en.lrPkStart || text === en.lrDevices), 'the parts in zh-CN', { timeout: 3000 });
  });
});
