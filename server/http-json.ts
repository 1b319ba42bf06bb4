/** JSON answers of the `/api/*` endpoints: the same CORS and caching headers on every one. */
import type { ServerResponse } from 'node:http';
import { ErrorCode, LiveError } from '../src/core/errors.js';
import { requiredUserId } from './arg-readers.js';
import { signUserSig, verifyUserSig } from './usersig.js';

export const API_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...API_HEADERS, ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export interface UserSigSigner {
  sdkAppId: number;
  secret: string;
  expireSeconds: number;
}

/**
 * Answers a token request (`/api/usersig`, `/api/tencent/usersig`): `{ sdkAppId, userId,
 * userSig, expiresAt }`, or 400 INVALID_USER_ID in words for a bad `userId`. Returns whether it
 * signed one.
 */
export function sendUserSig(res: ServerResponse, userId: unknown, signer: UserSigSigner): boolean {
  let valid: string;
  try {
    valid = requiredUserId({ userId }, 'userId');
  } catch (err) {
    sendJson(res, 400, (err as LiveError).toJSON());
    return false;
  }
  const userSig = signUserSig(signer.sdkAppId, signer.secret, valid, signer.expireSeconds);
  const verified = verifyUserSig(userSig, { sdkAppId: signer.sdkAppId, secret: signer.secret });
  if (!verified.ok) {
    sendJson(res, 500, { code: ErrorCode.SERVER_ERROR, message: `Could not sign a UserSig: ${verified.message}` });
    return false;
  }
  sendJson(res, 200, { sdkAppId: signer.sdkAppId, userId: valid, userSig, expiresAt: verified.expiresAt });
  return true;
}
