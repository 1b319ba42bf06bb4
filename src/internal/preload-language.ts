/**
 * Fetches the words of `lang` for every element loaded so far (and, from then on, for parts loaded
 * later), so that the first render is already in that language. English needs nothing. Resolves
 * once they are here, or failed (the words then stay English); never rejects.
 *
 * ```js
 * import { preloadLanguage } from 'live-elements/barrage-layer';
 * await preloadLanguage('zh-CN');
 * ```
 *
 * The entries export this one, which fetches the words' code (i18n.ts) when called, so that an
 * entry whose first download has no words (`<barrage-layer>`'s comments) does not ship it.
 */
export async function preloadLanguage(lang: string): Promise<void> {
  const i18n = await import('./i18n.js');
  await i18n.preloadLanguage(lang);
}
