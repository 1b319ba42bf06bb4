/**
 * Tencent-format UserSigs (TLS v2): signed server-side with `tls-sig-api-v2`, verified here with
 * the same algorithm the cloud uses. The secret never leaves the server.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { ErrorCode, LiveError } from '../src/core/errors.js';

interface TlsSigApi {
  genUserSig(userId: string, expireSeconds: number): string;
}
type TlsSigApiConstructor = new (sdkAppId: number, secret: string) => TlsSigApi;

const require = createRequire(import.meta.url);
const { Api } = require('tls-sig-api-v2') as { Api: TlsSigApiConstructor };

/** A UserSig is a few hundred characters; anything much longer is not one. */
export const MAX_USERSIG_CHARS = 4096;
const MAX_INFLATED_BYTES = 16 * 1024;
const TENCENT_BASE64 = /^[A-Za-z0-9*\-_]+$/;

/** Signs a UserSig for `userId`, valid `expireSeconds` from now. */
export function signUserSig(sdkAppId: number, secret: string, userId: string, expireSeconds: number): string {
  return new Api(sdkAppId, secret).genUserSig(userId, expireSeconds);
}

export type VerifyResult =
  | { ok: true; userId: string; /** milliseconds since the epoch */ expiresAt: number }
  | { ok: false; code: number; message: string };

export interface VerifyOptions {
  sdkAppId: number;
  secret: string;
  /** Current time in seconds since the epoch (default: now). */
  now?: number;
}

interface SigDoc {
  identifier: string;
  sdkappid: number;
  time: number;
  expire: number;
  sig: string;
  userbuf?: string;
}

function fail(code: number, message: string): VerifyResult {
  return { ok: false, code, message };
}

/** Decodes Tencent's base64 variant (`*`→`+`, `-`→`/`, `_`→`=`), inflates and parses. */
function decodeSigDoc(sig: string): SigDoc | string {
  if (sig.length === 0 || sig.length > MAX_USERSIG_CHARS || !TENCENT_BASE64.test(sig)) {
    return 'the UserSig is not in Tencent’s base64 format';
  }
  const base64 = sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  let json: string;
  try {
    json = inflateSync(Buffer.from(base64, 'base64'), { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
  } catch {
    return 'the UserSig cannot be decompressed';
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return 'the UserSig does not contain JSON';
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'the UserSig does not contain a JSON object';
  const d = doc as Record<string, unknown>;
  const identifier = d['TLS.identifier'];
  const sdkappid = d['TLS.sdkappid'];
  const time = d['TLS.time'];
  const expire = d['TLS.expire'];
  const signature = d['TLS.sig'];
  const userbuf = d['TLS.userbuf'];
  if (d['TLS.ver'] !== '2.0') return 'the UserSig is not version 2.0';
  if (typeof identifier !== 'string' || identifier.length === 0) return 'the UserSig has no identifier';
  if (typeof sdkappid !== 'number' || !Number.isSafeInteger(sdkappid)) return 'the UserSig has no SDKAppID';
  if (typeof time !== 'number' || !Number.isSafeInteger(time)) return 'the UserSig has no signing time';
  if (typeof expire !== 'number' || !Number.isSafeInteger(expire)) return 'the UserSig has no validity period';
  if (typeof signature !== 'string' || signature.length === 0) return 'the UserSig has no signature';
  if (userbuf !== undefined && typeof userbuf !== 'string') return 'the UserSig has a malformed userbuf';
  return { identifier, sdkappid, time, expire, sig: signature, ...(userbuf !== undefined ? { userbuf } : {}) };
}

function expectedSignature(doc: SigDoc, secret: string): Buffer {
  let content =
    'TLS.identifier:' + doc.identifier + '\n' +
    'TLS.sdkappid:' + doc.sdkappid + '\n' +
    'TLS.time:' + doc.time + '\n' +
    'TLS.expire:' + doc.expire + '\n';
  if (doc.userbuf !== undefined) content += 'TLS.userbuf:' + doc.userbuf + '\n';
  return createHmac('sha256', secret).update(content).digest();
}

/** Verifies a UserSig: its SDKAppID, its HMAC-SHA256 signature, then its validity period. */
export function verifyUserSig(sig: unknown, opts: VerifyOptions): VerifyResult {
  if (typeof sig !== 'string') return fail(ErrorCode.AUTH_FAILED, 'Authentication failed: the UserSig must be a string.');
  const doc = decodeSigDoc(sig);
  if (typeof doc === 'string') return fail(ErrorCode.AUTH_FAILED, `Authentication failed: ${doc}.`);
  if (doc.sdkappid !== opts.sdkAppId) {
    return fail(
      ErrorCode.AUTH_FAILED,
      `Authentication failed: the UserSig was signed for SDKAppID ${doc.sdkappid}, but this server is SDKAppID ${opts.sdkAppId}.`,
    );
  }
  const expected = expectedSignature(doc, opts.secret);
  const given = Buffer.from(doc.sig, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail(ErrorCode.AUTH_FAILED, 'Authentication failed: the UserSig signature does not match this server’s secret.');
  }
  const now = opts.now ?? Date.now() / 1000;
  const expiresAtSeconds = doc.time + doc.expire;
  if (expiresAtSeconds < now) {
    return fail(
      ErrorCode.USERSIG_EXPIRED,
      `The UserSig expired at ${new Date(expiresAtSeconds * 1000).toISOString()}; get a new one and log in again.`,
    );
  }
  return { ok: true, userId: doc.identifier, expiresAt: expiresAtSeconds * 1000 };
}

/**
 * Verifies that `sig` is a valid UserSig of this server for `userId`; returns when it expires
 * (ms since the epoch). Throws AUTH_FAILED or USERSIG_EXPIRED in words otherwise.
 */
export function authenticateUserSig(sig: unknown, userId: string, opts: VerifyOptions): number {
  const verified = verifyUserSig(sig, opts);
  if (!verified.ok) throw new LiveError(verified.code, verified.message);
  if (verified.userId !== userId) {
    throw new LiveError(ErrorCode.AUTH_FAILED, `Authentication failed: the UserSig was issued for another user, not “${userId}”.`);
  }
  return verified.expiresAt;
}
