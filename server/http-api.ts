/**
 * The JSON endpoints: `GET /api/usersig?userId=X` (the development token endpoint, like
 * Tencent's GenerateTestUserSig but signed server-side), `GET /api/config`, and the demo gift
 * billing under `/api/gifts` (gift-api.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../src/core/errors.js';
import { handleGiftApi } from './gift-api.js';
import type { GiftBilling } from './gift-billing.js';
import { API_HEADERS, sendJson, sendUserSig } from './http-json.js';

export interface ApiContext {
  sdkAppId: number;
  secret: string;
  tokenTtlSeconds: number;
  gifts: GiftBilling;
  log: (line: string) => void;
}

export function handleApi(ctx: ApiContext, req: IncomingMessage, url: URL, res: ServerResponse): void {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, API_HEADERS);
    res.end();
    return;
  }
  if (url.pathname === '/api/gifts' || url.pathname.startsWith('/api/gifts/')) {
    handleGiftApi(ctx.gifts, req, url, res, ctx.log);
    return;
  }
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET, OPTIONS');
    sendJson(res, 405, { code: ErrorCode.NOT_ALLOWED, message: `${req.method} is not allowed here; use GET.` });
    return;
  }
  switch (url.pathname) {
    case '/api/usersig':
      sendUserSig(res, url.searchParams.get('userId'), { sdkAppId: ctx.sdkAppId, secret: ctx.secret, expireSeconds: ctx.tokenTtlSeconds });
      return;
    case '/api/config':
      sendJson(res, 200, { sdkAppId: ctx.sdkAppId, wsUrl: '/ws', engine: 'local' });
      return;
    default:
      sendJson(res, 404, { code: ErrorCode.UNKNOWN_OPERATION, message: `No API at ${url.pathname}.` });
  }
}
