/**
 * The kit's words, by the `lang` of the element (or the closest ancestor / the page).
 *
 * Each area of the kit keeps its strings in `src/internal/strings/<area>.ts` (English, bundled
 * with the code that uses them) and `<area>.zh-cn.ts` (Simplified Chinese, a separate module
 * fetched with `import()` the first time an element needs it). Until a Chinese table arrives the
 * words are English; when it arrives every connected element of the kit re-renders. A failed
 * fetch leaves English and is tried again later (or on `preloadLanguage`).
 */
import { defaultErrorMessage } from '../core/errors.js';
import { refresh } from './lang-updates.js';
import { Lazy } from './lazy.js';

type Params = Record<string, string | number>;

/** How long after a failed fetch of a Chinese table a render may try again. */
const RETRY_MS = 5_000;

/** The strings of one area: the English table, and the Chinese one on demand. */
export interface Strings<K extends string> {
  readonly en: Readonly<Record<K, string>>;
  /** @internal */
  readonly zh: Lazy<Record<K, string>>;
}

/** The zh tables defined so far (the error words included), for `preloadLanguage`. */
const lazies = new Set<Lazy<unknown>>();
/** Set by `preloadLanguage('zh…')`: tables defined later (lazily loaded parts) fetch theirs at once. */
let eager = false;

function lazy<T>(load: () => Promise<{ default: T }>): Lazy<T> {
  const module = new Lazy(() => load().then((m) => m.default), { what: 'the Chinese words (English for now)', retryMs: RETRY_MS, loaded: refresh });
  lazies.add(module as Lazy<unknown>);
  if (eager || pageIsZh()) void module.fetch();
  return module;
}

/** A page whose `<html lang>` is Chinese when an area is defined fetches its words at once (no English flash). */
function pageIsZh(): boolean {
  return typeof document !== 'undefined' && isZh(document.documentElement?.lang ?? '');
}

const zhErrors = lazy<Record<number, string>>(() => import('./strings/errors.zh-cn.js'));

/** `zh`, `zh-CN`, any `zh-*` (case-insensitive). Other languages get English. */
function isZh(lang: string): boolean {
  return /^zh(-|$)/i.test(lang);
}

/** An area's strings: `en` inline, `loadZh` a dynamic `import()` of its `.zh-cn.ts` module. */
export function defineStrings<K extends string>(en: Record<K, string>, loadZh: () => Promise<{ default: Record<NoInfer<K>, string> }>): Strings<K> {
  return { en, zh: lazy(loadZh) };
}

/** The keys of the tables a translator was made from: `type StringKey = KeyOf<typeof t>`. */
export type KeyOf<F> = F extends (lang: string, key: infer K, params?: Params) => string ? K : never;
type KeysOfTables<T> = T extends Strings<infer K> ? K : never;

/** `t(lang, key, params)` over the given areas' strings; `{name}` in a string takes `params.name`. */
export function translator<T extends Array<Strings<string>>>(...tables: T): (lang: string, key: KeysOfTables<T[number]>, params?: Params) => string {
  return (lang, key, params = {}) => {
    const strings = tables.find((s) => key in s.en)!;
    const words = (isZh(lang) && strings.zh.get()?.[key]) || strings.en[key]!;
    return words.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
  };
}

/** The effective language of an element: its own `lang`, an ancestor's, or the page's. */
export function langOf(element: Element): string {
  const holder = element.closest('[lang]');
  return holder?.getAttribute('lang') || document.documentElement.lang || 'en';
}

/** Words for an error: localised by code where a translation exists, else the error's own message. */
export function errorText(lang: string, error: { code: number; message?: string }): string {
  const zh = isZh(lang) ? zhErrors.get()?.[error.code] : undefined;
  return zh ?? error.message ?? defaultErrorMessage(error.code);
}

/** What `preloadLanguage` (preload-language.ts, exported by the entries) does once this module is here. */
export async function preloadLanguage(lang: string): Promise<void> {
  if (!isZh(lang)) return;
  eager = true;
  await Promise.all([...lazies].map((module) => module.fetch()));
}
