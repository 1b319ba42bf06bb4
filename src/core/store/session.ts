/**
 * A logged-in user and the engines they talk through. Picks the engine (local now; Tencent is
 * chosen the same way), fetches a UserSig from a token endpoint when none is given, logs in.
 */
import { createLocalEngines } from '../engines/local/index.js';
import type { TencentEngineOptions } from '../engines/tencent/options.js';
import { tencentEngineFactory } from '../engines/tencent/slot.js';
import type { ConnectionState, Credentials, Engines, KickReason, UserProfile } from '../engines/types.js';
import { ErrorCode, LiveError, toLiveError, withTimeout } from '../errors.js';
import { assertText, assertUserId, Limits } from '../validation.js';
import { Store } from './store.js';

export type EngineKind = 'local' | 'tencent';

export interface SessionOptions {
  engine?: EngineKind;
  /** Local engine: the server's WebSocket URL. Default `ws://127.0.0.1:8787/ws`. */
  server?: string;
  /** Where to fetch a UserSig when none is given: `GET {tokenUrl}?userId=…` → `{ sdkAppId, userSig }`. */
  tokenUrl?: string;
  sdkAppId?: number;
  /** Give engines directly (tests, custom vendors). */
  engines?: Engines;
  /** Timeout of each engine call (ms). */
  timeoutMs?: number;
  /**
   * Tencent engine: its options (co-anchor grants, privateMapKey, …; see
   * engines/tencent/options.ts). The engine itself must be enabled once in the app with
   * `enableTencentEngine()` from `live-elements/tencent`, which is what brings the SDKs into a build.
   */
  tencent?: TencentEngineOptions;
}

export interface SessionState {
  status: 'logged-out' | 'logging-in' | 'logged-in';
  user?: UserProfile;
  connection: ConnectionState;
  /** The browser's idea of the network (`navigator.onLine` and its events). */
  online: boolean;
}

export interface SessionEvents {
  'kicked-offline': { reason: KickReason };
}

export const DEFAULT_LOCAL_SERVER = 'ws://127.0.0.1:8787/ws';
/** Tencent engine: where UserSigs come from when neither `userSig` nor `tokenUrl` is given (same origin). */
export const DEFAULT_TENCENT_TOKEN_URL = '/api/tencent/usersig';

/** `ws://host:port/ws` → `http://host:port/api/usersig`. */
export function tokenUrlForServer(server: string): string {
  const url = new URL(server);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = '/api/usersig';
  url.search = '';
  return url.toString();
}

export class Session extends Store<SessionState, SessionEvents> {
  readonly engines: Engines;
  readonly options: Readonly<SessionOptions>;
  readonly timeoutMs: number;
  #credentials?: Credentials;
  #offWindow?: () => void;

  constructor(options: SessionOptions = {}) {
    super({ status: 'logged-out', connection: 'disconnected', online: typeof navigator === 'undefined' || navigator.onLine !== false });
    this.options = options;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.engines = options.engines ?? Session.#createEngines(options);
    this.engines.chat.on('connection-state', ({ state }) => this.set({ connection: state }));
    if (typeof window !== 'undefined') {
      const online = () => this.set({ online: true });
      const offline = () => this.set({ online: false });
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      this.#offWindow = () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
      };
    }
    this.engines.chat.on('kicked-offline', ({ reason }) => {
      this.set({ status: 'logged-out' });
      this.emit('kicked-offline', { reason });
    });
  }

  static #createEngines(options: SessionOptions): Engines {
    const engine = options.engine ?? 'local';
    if (engine === 'local') {
      return createLocalEngines({
        url: options.server ?? DEFAULT_LOCAL_SERVER,
        requestTimeoutMs: options.timeoutMs,
        // A reconnection after the UserSig expired asks the token endpoint again.
        refreshCredentials: (userId) => fetchCredentials(options, userId, options.timeoutMs ?? 10_000),
      });
    }
    if (engine === 'tencent') {
      // Thin shells: created now, they load trtc-sdk-v5 / @tencentcloud/chat on first use.
      const create = tencentEngineFactory();
      if (!create) {
        throw new LiveError(
          ErrorCode.ENGINE_UNAVAILABLE,
          'The “tencent” engine is not enabled in this app: call enableTencentEngine() from “live-elements/tencent” (or import “live-elements/tencent/register”) once, and install trtc-sdk-v5 and @tencentcloud/chat.',
        );
      }
      const timeoutMs = options.timeoutMs ?? 10_000;
      return create({
        ...options.tencent,
        sdkAppId: options.tencent?.sdkAppId ?? options.sdkAppId,
        // A little under the store's own timeout, so that the engine's error (which names the
        // Tencent call that hung) is the one the page shows.
        timeoutMs: options.tencent?.timeoutMs ?? Math.max(1000, timeoutMs - 250),
        // After KICKED_OUT (UserSig expired): one silent re-login with a UserSig from the token URL.
        refreshCredentials: options.tencent?.refreshCredentials ?? ((userId) => fetchCredentials(options, userId, timeoutMs)),
      });
    }
    throw new LiveError(ErrorCode.ENGINE_UNAVAILABLE, `The “${engine}” engine is not available in this build; use engine="local".`);
  }

  get credentials(): Credentials | undefined {
    return this.#credentials;
  }

  get user(): UserProfile | undefined {
    return this.getState().user;
  }

  async login(params: { userId: string; userSig?: string; sdkAppId?: number; nickname?: string; avatar?: string }): Promise<UserProfile> {
    const userId = assertUserId(params.userId);
    if (params.nickname !== undefined) assertText(params.nickname, Limits.nicknameBytes, 'nickname');
    if (params.avatar !== undefined) assertText(params.avatar, Limits.avatarUrlBytes, 'avatar URL');
    this.set({ status: 'logging-in' });
    try {
      const credentials = params.userSig
        ? { userId, userSig: params.userSig, sdkAppId: params.sdkAppId ?? this.options.sdkAppId ?? 0 }
        : await fetchCredentials(this.options, userId, this.timeoutMs);
      const user = await withTimeout(this.engines.chat.login(credentials, { nickname: params.nickname, avatar: params.avatar }), this.timeoutMs, 'login');
      this.#credentials = credentials;
      this.set({ status: 'logged-in', user });
      return user;
    } catch (error) {
      this.set({ status: 'logged-out' });
      throw toLiveError(error, ErrorCode.AUTH_FAILED);
    }
  }

  async setSelfProfile(nickname: string, avatar?: string): Promise<UserProfile> {
    assertText(nickname, Limits.nicknameBytes, 'nickname');
    if (avatar !== undefined) assertText(avatar, Limits.avatarUrlBytes, 'avatar URL');
    const user = await withTimeout(this.engines.chat.setProfile({ nickname, avatar }), this.timeoutMs, 'profile update');
    this.set({ user });
    return user;
  }

  async logout(): Promise<void> {
    await this.engines.chat.logout().catch(() => undefined);
    this.#credentials = undefined;
    this.set({ status: 'logged-out', user: undefined });
  }

  destroy(): void {
    this.#offWindow?.();
    this.engines.media.destroy();
    this.engines.chat.destroy();
    this.clear();
  }
}

/** Asks the token endpoint (the local server's dev endpoint by default) for a UserSig. */
async function fetchCredentials(options: SessionOptions, userId: string, timeoutMs: number): Promise<Credentials> {
  const base = options.tokenUrl ?? (options.engine === 'tencent' ? DEFAULT_TENCENT_TOKEN_URL : tokenUrlForServer(options.server ?? DEFAULT_LOCAL_SERVER));
  const url = new URL(base, typeof location !== 'undefined' ? location.href : undefined);
  url.searchParams.set('userId', userId);
  let response: Response;
  try {
    response = await withTimeout(fetch(url), timeoutMs, 'UserSig request');
  } catch (error) {
    if (error instanceof LiveError) throw error;
    const hint = options.engine === 'tencent' ? `Is the token endpoint ${url.pathname} served (see README › Tencent Cloud)?` : 'Is the local server running (npm run server)?';
    throw new LiveError(ErrorCode.SERVER_UNREACHABLE, `Could not get a UserSig from ${url.origin}. ${hint}`, { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as { sdkAppId?: unknown; userSig?: unknown; code?: unknown; message?: unknown };
  if (!response.ok || typeof body.userSig !== 'string' || typeof body.sdkAppId !== 'number') {
    throw new LiveError(typeof body.code === 'number' ? body.code : ErrorCode.AUTH_FAILED, typeof body.message === 'string' ? body.message : `The token endpoint answered ${response.status}.`);
  }
  return { userId, userSig: body.userSig, sdkAppId: body.sdkAppId };
}
