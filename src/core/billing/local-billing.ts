/**
 * The local server's demo gift billing, seen from the browser (seed 004: gifts are billed by the
 * business server, then announced over chat). Framework-free: a `GiftBilling` function for
 * `LiveRoomStore.setGiftBilling`, the catalog and the balance.
 *
 *   GET  {base}/api/gifts                           → { gifts: [{ id, name, price, icon, effect }] }
 *   POST {base}/api/gifts/send { userId, userSig, giftId, count } → { ok, balance, price, total }
 *   GET  {base}/api/gifts/balance?userId=&userSig=  → { balance }
 *
 * Refusals come back as `{ code, message }` and reject as `LiveError(code, message)`; every
 * request has the session's timeout.
 */
import { ErrorCode, LiveError, withTimeout } from '../errors.js';
import type { GiftBilling } from '../store/live-room-store.js';
import { DEFAULT_LOCAL_SERVER, type Session } from '../store/session.js';

export type GiftEffect = 'none' | 'float' | 'burst' | 'fullscreen';
export const GIFT_EFFECTS: readonly GiftEffect[] = ['none', 'float', 'burst', 'fullscreen'];

/** One gift of a catalog. */
export interface CatalogGift {
  id: string;
  name: string;
  /** Coins per gift. */
  price: number;
  /** An emoji, or an image URL. */
  icon: string;
  effect: GiftEffect;
}

export interface LocalBillingOptions {
  /** The `fetch` to use (tests). Default: the global one. */
  fetch?: typeof fetch;
  /** Timeout of each request (ms). Default: the session's. */
  timeoutMs?: number;
}

/** `ws://host:port/ws` → `http://host:port` (the local server's HTTP base). */
export function localHttpBase(server: string = DEFAULT_LOCAL_SERVER): string {
  const url = new URL(server, typeof location !== 'undefined' ? location.href : undefined);
  url.protocol = url.protocol === 'wss:' || url.protocol === 'https:' ? 'https:' : 'http:';
  url.pathname = url.pathname.replace(/\/ws\/?$/, '') || '/';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/$/, '');
}

/** Whether a session runs on the local engine (and so has the local server's demo billing). */
export function isLocalSession(session: Session): boolean {
  return session.engines.chat.kind === 'local';
}

function baseOf(session: Session): string {
  return localHttpBase(session.options.server ?? DEFAULT_LOCAL_SERVER);
}

/**
 * One JSON request with a timeout (the request is aborted when it fires). Resolves with the
 * body of a 2xx answer; rejects with the server's `{ code, message }` as a LiveError, with
 * SERVER_UNREACHABLE when nothing answered, with TIMEOUT when it took too long.
 */
async function request(session: Session, path: string, init: RequestInit, what: string, options: LocalBillingOptions): Promise<Record<string, unknown>> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const url = `${baseOf(session)}${path}`;
  const abort = new AbortController();
  let response: Response;
  try {
    response = await withTimeout(doFetch(url, { ...init, signal: abort.signal }), options.timeoutMs ?? session.timeoutMs, what);
  } catch (error) {
    abort.abort();
    if (error instanceof LiveError) throw error;
    throw new LiveError(ErrorCode.SERVER_UNREACHABLE, `The gift service at ${new URL(url).origin} cannot be reached. Is the local server running (npm run server)?`, { cause: error });
  }
  const body = (await response.json().catch(() => undefined)) as unknown;
  const record = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (!response.ok) {
    const code = typeof record?.code === 'number' && Number.isInteger(record.code) ? record.code : ErrorCode.SERVER_ERROR;
    const message = typeof record?.message === 'string' && record.message ? record.message : `The gift service answered ${response.status}.`;
    throw new LiveError(code, message);
  }
  if (!record) throw new LiveError(ErrorCode.SERVER_ERROR, `The gift service sent an unreadable answer (${what}).`);
  return record;
}

function credentialsOf(session: Session): { userId: string; userSig: string } {
  const credentials = session.credentials;
  if (!credentials) throw new LiveError(ErrorCode.NOT_LOGGED_IN, 'Log in before sending gifts.');
  return { userId: credentials.userId, userSig: credentials.userSig };
}

/**
 * A `GiftBilling` that charges each merged batch on the local server with the session's
 * credentials; resolves with the new balance.
 */
export function createLocalGiftBilling(session: Session, options: LocalBillingOptions = {}): GiftBilling {
  return async ({ giftId, count }) => {
    const { userId, userSig } = credentialsOf(session);
    const body = await request(
      session,
      '/api/gifts/send',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId, userSig, giftId, count }) },
      'gift payment',
      options,
    );
    return typeof body.balance === 'number' ? { balance: body.balance } : {};
  };
}

/** The viewer's balance on the local server. */
export async function fetchLocalGiftBalance(session: Session, options: LocalBillingOptions = {}): Promise<number> {
  const { userId, userSig } = credentialsOf(session);
  const query = new URLSearchParams({ userId, userSig });
  const body = await request(session, `/api/gifts/balance?${query}`, { method: 'GET' }, 'balance request', options);
  if (typeof body.balance !== 'number') throw new LiveError(ErrorCode.SERVER_ERROR, 'The gift service sent no balance.');
  return body.balance;
}

/** The local server's gift catalog; malformed entries are left out. */
export async function fetchLocalGiftCatalog(session: Session, options: LocalBillingOptions = {}): Promise<CatalogGift[]> {
  const body = await request(session, '/api/gifts', { method: 'GET' }, 'gift catalog request', options);
  if (!Array.isArray(body.gifts)) throw new LiveError(ErrorCode.SERVER_ERROR, 'The gift service sent no catalog.');
  return body.gifts.flatMap((g: unknown): CatalogGift[] => {
    if (!g || typeof g !== 'object') return [];
    const { id, name, price, icon, effect } = g as Record<string, unknown>;
    if (typeof id !== 'string' || !id || typeof name !== 'string' || typeof price !== 'number') return [];
    return [{ id, name, price, icon: typeof icon === 'string' ? icon : '', effect: GIFT_EFFECTS.includes(effect as GiftEffect) ? (effect as GiftEffect) : 'none' }];
  });
}
