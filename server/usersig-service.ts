/**
 * The UserSig service for the Tencent engine: signs Tencent Cloud UserSigs on the server with
 * `tls-sig-api-v2`, for a user your app has authenticated. The secret key stays here: it is
 * read from the environment (or a `.env` file next to where the server starts) and never sent
 * anywhere; browsers get only `{ sdkAppId, userId, userSig, expiresAt }`.
 *
 *   TENCENT_SDK_APP_ID=1400000000
 *   TENCENT_SECRET_KEY=…            (console › Application › Basic Information › SDKSecretKey)
 *
 * Mount it at `/api/tencent/usersig` (the Tencent engine's default token URL):
 *
 *   const tencentUserSig = createTencentUserSigHandler({ authenticate: (req) => yourSessionUserId(req) });
 *   if (url.pathname === '/api/tencent/usersig') return void tencentUserSig(req, res);
 *
 * Who may get a UserSig for which user ID is your app's decision (`authenticate`). The demo uses
 * the development pattern instead (`devTrustQueryUserId`: `GET …?userId=X` signs for X, like
 * Tencent's GenerateTestUserSig): never in production, since anyone could then log in as anyone.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { ErrorCode, LiveError } from '../src/core/errors.js';
import { API_HEADERS, sendJson, sendUserSig } from './http-json.js';

export const TENCENT_ENV = { sdkAppId: 'TENCENT_SDK_APP_ID', secretKey: 'TENCENT_SECRET_KEY' } as const;
/** Default validity of a UserSig: one day. */
export const DEFAULT_USERSIG_TTL_SECONDS = 86400;
/** Tencent accepts at most 180 days. */
export const MAX_USERSIG_TTL_SECONDS = 180 * 86400;

export interface TencentCredentialsConfig {
  sdkAppId: number;
  secretKey: string;
}

/**
 * A small `.env` reader: `KEY=value` lines, optional `export `, `#` comments, single or double
 * quotes (double quotes understand `\n`), surrounding spaces trimmed. No expansion, no new
 * dependency.
 */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1]!;
    let value = match[2]!;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2) {
      const end = value.indexOf(quote, 1);
      value = end > 0 ? value.slice(1, end) : value.slice(1);
      if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      const hash = value.search(/\s#/);
      if (hash >= 0) value = value.slice(0, hash);
      value = value.trim();
    }
    out[key] = value;
  }
  return out;
}

export interface LoadConfigOptions {
  /** Default `process.env`. Its values win over the file's. */
  env?: Record<string, string | undefined>;
  /** Default `.env` in the current directory; `false` reads no file. */
  envFile?: string | false;
}

/**
 * The Tencent credentials from the environment or `.env`, or undefined when neither has both.
 * Throws INVALID_ARGUMENT (in words, without echoing the secret) when they are present but
 * malformed, SERVER_ERROR when `.env` exists but cannot be read.
 */
export function loadTencentConfig(options: LoadConfigOptions = {}): TencentCredentialsConfig | undefined {
  const env = options.env ?? process.env;
  let file: Record<string, string> = {};
  if (options.envFile !== false) {
    const path = resolve(options.envFile ?? '.env');
    try {
      file = parseDotEnv(readFileSync(path, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new LiveError(ErrorCode.SERVER_ERROR, `Could not read ${path}: ${(error as Error).message}`);
    }
  }
  const appIdText = (env[TENCENT_ENV.sdkAppId] || file[TENCENT_ENV.sdkAppId] || '').trim();
  const secretKey = (env[TENCENT_ENV.secretKey] || file[TENCENT_ENV.secretKey] || '').trim();
  if (!appIdText && !secretKey) return undefined;
  if (!appIdText || !secretKey) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Tencent credentials are incomplete: set both ${TENCENT_ENV.sdkAppId} and ${TENCENT_ENV.secretKey} (environment or .env).`);
  }
  const sdkAppId = Number(appIdText);
  if (!/^\d+$/.test(appIdText) || !Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `${TENCENT_ENV.sdkAppId} must be the application's numeric SDKAppID; got ${JSON.stringify(appIdText)}.`);
  }
  return { sdkAppId, secretKey };
}

export interface TencentUserSigHandlerOptions {
  /** The credentials; default `loadTencentConfig()` (environment, then `.env`). */
  config?: TencentCredentialsConfig;
  /**
   * Your app's authentication: the user ID this request may get a UserSig for, or undefined
   * (answered 401). Required unless `devTrustQueryUserId`.
   */
  authenticate?: (req: IncomingMessage, url: URL) => string | undefined | Promise<string | undefined>;
  /**
   * Development only: sign for the `userId` in the query string, for anyone who asks (the
   * pattern of Tencent's GenerateTestUserSig). The demo uses it; production must not.
   */
  devTrustQueryUserId?: boolean;
  /** Validity (s). Default 86400, at most 180 days. */
  expireSeconds?: number;
  log?: (line: string) => void;
}

export type UserSigHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * A request handler for `GET /api/tencent/usersig` → `{ sdkAppId, userId, userSig, expiresAt }`.
 * Without credentials it answers 503 in words (so a page shows why), never 500. The returned
 * promise never rejects.
 */
export function createTencentUserSigHandler(options: TencentUserSigHandlerOptions = {}): UserSigHandler {
  if (!options.authenticate && !options.devTrustQueryUserId) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'createTencentUserSigHandler needs `authenticate` (your app decides who gets a UserSig for which user), or `devTrustQueryUserId: true` for development.');
  }
  const expireSeconds = options.expireSeconds ?? DEFAULT_USERSIG_TTL_SECONDS;
  if (!Number.isSafeInteger(expireSeconds) || expireSeconds < 60 || expireSeconds > MAX_USERSIG_TTL_SECONDS) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `expireSeconds must be a whole number from 60 to ${MAX_USERSIG_TTL_SECONDS}.`);
  }
  const log = options.log ?? (() => undefined);
  let config: TencentCredentialsConfig | undefined | null = options.config ?? null;

  return async (req, res) => {
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, API_HEADERS).end();
        return;
      }
      if (req.method !== 'GET') {
        res.setHeader('Allow', 'GET, OPTIONS');
        sendJson(res, 405, { code: ErrorCode.NOT_ALLOWED, message: `${req.method} is not allowed here; use GET.` });
        return;
      }
      if (config === null) config = loadTencentConfig();
      if (!config) {
        sendJson(res, 503, {
          code: ErrorCode.ENGINE_UNAVAILABLE,
          message: `Tencent Cloud is not configured on this server: set ${TENCENT_ENV.sdkAppId} and ${TENCENT_ENV.secretKey} in the environment or .env (see README › Tencent Cloud).`,
        });
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const userId = options.authenticate ? await options.authenticate(req, url) : url.searchParams.get('userId');
      if (userId === undefined || userId === null) {
        sendJson(res, options.authenticate ? 401 : 400, {
          code: options.authenticate ? ErrorCode.AUTH_FAILED : ErrorCode.INVALID_USER_ID,
          message: options.authenticate ? 'Log in to the app first: this endpoint signs UserSigs for authenticated users only.' : 'Give ?userId=…',
        });
        return;
      }
      if (sendUserSig(res, userId, { sdkAppId: config.sdkAppId, secret: config.secretKey, expireSeconds })) {
        log(`tencent usersig: signed for ${userId} (${expireSeconds} s)`);
      }
    } catch (error) {
      // Never the secret in a log line or an answer: only the error's message.
      log(`tencent usersig: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { code: ErrorCode.SERVER_ERROR, message: error instanceof Error ? error.message : 'Could not sign a UserSig.' });
      else res.destroy();
    }
  };
}
