/**
 * The demo gift billing over HTTP (the kit's pluggable billing function calls these):
 *   GET  /api/gifts                              → { gifts: [{ id, name, price, icon, effect }] }
 *   POST /api/gifts/send { userId, userSig, giftId, count } → { ok: true, balance, price, total }
 *   GET  /api/gifts/balance?userId=&userSig=     → { balance }
 * Refusals are `{ code, message }`: 401 for a bad UserSig (62001 / 62002), 402 for too low a
 * balance (62018), 400 for an unknown gift (62019), bad arguments (61001 / 61002) or a body that
 * is not JSON or is over 4 KiB (61005).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, LiveError } from '../src/core/errors.js';
import { field, isPlainObject, requiredInteger, requiredString, requiredUserId } from './arg-readers.js';
import { GiftLimits, type GiftBilling } from './gift-billing.js';
import { sendJson } from './http-json.js';

export const MAX_GIFT_BODY_BYTES = 4 * 1024;

/** The HTTP status of a refusal. */
function statusOf(code: number): number {
  switch (code) {
    case ErrorCode.AUTH_FAILED:
    case ErrorCode.USERSIG_EXPIRED:
      return 401;
    case ErrorCode.INSUFFICIENT_BALANCE:
      return 402;
    case ErrorCode.SERVER_ERROR:
      return 500;
    default:
      return 400;
  }
}

function sendError(res: ServerResponse, err: LiveError, headers: Record<string, string> = {}): void {
  sendJson(res, statusOf(err.code), err.toJSON(), headers);
}

function malformed(message: string): LiveError {
  return new LiveError(ErrorCode.MALFORMED_MESSAGE, message);
}

export function handleGiftApi(
  billing: GiftBilling,
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  log: (line: string) => void,
): void {
  const route = ROUTES[url.pathname];
  if (!route) {
    sendJson(res, 404, { code: ErrorCode.UNKNOWN_OPERATION, message: `No API at ${url.pathname}.` });
    return;
  }
  if (req.method !== route.method && !(route.method === 'GET' && req.method === 'HEAD')) {
    sendJson(res, 405, { code: ErrorCode.NOT_ALLOWED, message: `${req.method} is not allowed here; use ${route.method}.` }, {
      Allow: `${route.method}, OPTIONS`,
    });
    return;
  }
  route.handle(billing, req, url, res).catch((err: unknown) => {
    if (err instanceof LiveError) {
      if (!res.headersSent) sendError(res, err);
      return;
    }
    log(`gift API error on ${url.pathname}: ${err instanceof Error ? err.stack : String(err)}`);
    if (!res.headersSent) sendJson(res, 500, { code: ErrorCode.SERVER_ERROR, message: 'Internal server error.' });
    else res.destroy();
  });
}

interface Route {
  method: 'GET' | 'POST';
  handle: (billing: GiftBilling, req: IncomingMessage, url: URL, res: ServerResponse) => Promise<void>;
}

const ROUTES: Record<string, Route> = {
  '/api/gifts': {
    method: 'GET',
    handle: async (billing, _req, _url, res) => {
      sendJson(res, 200, { gifts: billing.catalog });
    },
  },
  '/api/gifts/balance': {
    method: 'GET',
    handle: async (billing, _req, url, res) => {
      const userId = requiredUserId({ userId: url.searchParams.get('userId') }, 'userId');
      const balance = billing.balance(userId, url.searchParams.get('userSig'));
      sendJson(res, 200, { balance });
    },
  },
  '/api/gifts/send': {
    method: 'POST',
    handle: async (billing, req, _url, res) => {
      const body = await readJsonBody(req, res);
      if (!body) return;
      const charge = billing.charge({
        userId: requiredUserId(body, 'userId'),
        // Checked like login's: a non-string or malformed UserSig is AUTH_FAILED.
        userSig: field(body, 'userSig'),
        giftId: requiredString(body, 'giftId', GiftLimits.idBytes),
        count: requiredInteger(body, 'count', 1, GiftLimits.maxCount),
      });
      sendJson(res, 200, { ok: true, ...charge });
    },
  },
};

/**
 * Reads a JSON object of at most 4 KiB. On a body that is too large it answers 400 itself
 * (closing the connection, so the rest is never read) and resolves with undefined.
 */
function readJsonBody(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | undefined> {
  const tooLarge = (): void => {
    sendError(res, malformed(`The request body is larger than ${MAX_GIFT_BODY_BYTES} bytes.`), { Connection: 'close' });
    req.resume();
  };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_GIFT_BODY_BYTES) {
    tooLarge();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_GIFT_BODY_BYTES) {
        done = true;
        req.off('data', onData);
        tooLarge();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    // The client went away mid-body: nobody is left to answer.
    req.on('error', () => {
      if (!done) resolve(undefined);
      done = true;
      res.destroy();
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        reject(malformed('The request body is not valid JSON.'));
        return;
      }
      if (!isPlainObject(parsed)) reject(malformed('The request body must be a JSON object.'));
      else resolve(parsed);
    });
  });
}
