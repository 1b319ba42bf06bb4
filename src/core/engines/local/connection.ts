/**
 * The local engine's single WebSocket to the local server, shared by its media and chat
 * engines: request/response with timeouts, pushes fanned out by event name, login on connect,
 * and reconnection. After an unexpected drop it retries with capped exponential backoff and
 * jitter (sooner when the browser says it is back online), logs in again (with fresh
 * credentials if a provider is given), lets the engines rejoin their rooms (`resumed`), and
 * only then sends what was asked while away (a bounded queue; beyond it, a typed error).
 * A request that was in flight when the socket dropped fails with CONNECTION_LOST and is never
 * sent again, so nothing is sent twice.
 */
import { EventSource } from '../../emitter.js';
import { ErrorCode, LiveError } from '../../errors.js';
import type { EventMap, Op, RequestArgs, RequestResult, ServerPush, ServerReply } from '../../protocol/local-wire.js';
import type { ConnectionState, Credentials, UserProfile } from '../types.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: LiveError) => void; timer: ReturnType<typeof setTimeout> };
type Waiting = { op: Op; args: object; resolve: (value: unknown) => void; reject: (error: LiveError) => void; timer: ReturnType<typeof setTimeout> };

export interface LocalConnectionOptions {
  /** `ws://127.0.0.1:8787/ws` */
  url: string;
  /** Timeout of one request (ms). */
  requestTimeoutMs?: number;
  /** Timeout of opening the socket (ms). */
  connectTimeoutMs?: number;
  /** Reconnect after an unexpected drop. Default true. */
  reconnect?: boolean;
  /** First retry delay (ms, default 500), the cap (default 8 000) and how many tries (default 40). */
  backoff?: { baseMs?: number; maxMs?: number; attempts?: number };
  /** Requests asked while reconnecting that wait (default 50); more fail with CONNECTION_LOST. */
  maxQueued?: number;
  /** Fresh credentials for a reconnection (a UserSig may have expired meanwhile). */
  refreshCredentials?: (userId: string) => Promise<Credentials>;
}

/** `resumed` tells engines to rejoin; each may hand back work that must finish before queued requests go out. */
export interface ResumedEvent {
  /** The server still had this user's rooms (a reconnect within its grace period). */
  resumed: boolean;
  waitFor(work: Promise<unknown>): void;
}

type ConnectionEvents = EventMap & {
  'connection-state': { state: ConnectionState };
  resumed: ResumedEvent;
  /** Reconnection stopped for good (tries used up, or the credentials were refused). */
  'gave-up': { error: LiveError };
};

export class LocalConnection extends EventSource<ConnectionEvents> {
  readonly url: string;
  #socket?: WebSocket;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #waiting: Waiting[] = [];
  #state: ConnectionState = 'disconnected';
  #login?: Promise<UserProfile>;
  #credentials?: Credentials;
  #profile?: { nickname?: string; avatar?: string };
  #options: LocalConnectionOptions;
  #requestTimeoutMs: number;
  #connectTimeoutMs: number;
  /** Logged in and meant to stay so: a drop is then reconnected. */
  #wanted = false;
  #attempt = 0;
  #retryTimer?: ReturnType<typeof setTimeout>;
  #resuming = false;
  #offWindow?: () => void;

  constructor(options: LocalConnectionOptions) {
    super();
    this.url = options.url;
    this.#options = options;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 8_000;
    if (typeof window !== 'undefined') {
      // Back online: retry now rather than at the end of the backoff (Session tracks online itself).
      const online = () => {
        if (this.#state === 'reconnecting' && !this.#resuming) this.#retrySoon(0);
      };
      // A page that goes away says so: the server then frees its rooms at once instead of
      // keeping them through its grace period for a reconnection that will not come.
      const pagehide = (event: PageTransitionEvent) => {
        if (event.persisted || this.#socket?.readyState !== WebSocket.OPEN) return;
        this.#socket.send(JSON.stringify({ id: this.#nextId++, op: 'logout' }));
      };
      window.addEventListener('online', online);
      window.addEventListener('pagehide', pagehide);
      this.#offWindow = () => {
        window.removeEventListener('online', online);
        window.removeEventListener('pagehide', pagehide);
      };
    }
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get userId(): string | undefined {
    return this.#credentials?.userId;
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.emit('connection-state', { state });
  }

  /** Opens the socket and logs in; a second call with the same user reuses the first. */
  login(credentials: Credentials, profile?: { nickname?: string; avatar?: string }): Promise<UserProfile> {
    if (this.#login && this.#credentials?.userId === credentials.userId) return this.#login;
    if (this.#socket || this.#wanted) this.close();
    this.#credentials = credentials;
    this.#profile = profile;
    this.#setState('connecting');
    const attempt = this.#open().then(() => this.#sendLogin(credentials));
    this.#login = attempt.then(
      (result) => {
        this.#wanted = true;
        this.#setState('connected');
        return result.user;
      },
      (error: unknown) => {
        this.#login = undefined;
        this.close();
        throw error;
      },
    );
    return this.#login;
  }

  #sendLogin(credentials: Credentials): Promise<RequestResult<'login'>> {
    return this.#send('login', { sdkAppId: credentials.sdkAppId, userId: credentials.userId, userSig: credentials.userSig, ...this.#profile }, this.#requestTimeoutMs);
  }

  #open(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(this.url);
      } catch (error) {
        reject(new LiveError(ErrorCode.SERVER_UNREACHABLE, `The server address ${this.url} is not valid.`, { cause: error }));
        return;
      }
      this.#socket = socket;
      const timer = setTimeout(() => {
        socket.close();
        reject(new LiveError(ErrorCode.SERVER_UNREACHABLE, `The local server at ${this.url} did not answer within ${this.#connectTimeoutMs} ms.`));
      }, this.#connectTimeoutMs);
      socket.onopen = () => {
        clearTimeout(timer);
        resolve();
      };
      socket.onerror = () => {
        clearTimeout(timer);
        reject(new LiveError(ErrorCode.SERVER_UNREACHABLE, `The local server at ${this.url} cannot be reached. Is it running (npm run server)?`));
      };
      socket.onmessage = (event) => this.#onFrame(event.data);
      socket.onclose = () => {
        clearTimeout(timer);
        if (this.#socket !== socket) return;
        this.#socket = undefined;
        this.#failPending(new LiveError(ErrorCode.CONNECTION_LOST));
        if (this.#wanted && this.#options.reconnect !== false) {
          this.#setState('reconnecting');
          this.#retrySoon();
        } else {
          this.#login = undefined;
          this.#setState('disconnected');
        }
      };
    });
  }

  /* ───────────── reconnection ───────────── */

  #retrySoon(delay?: number): void {
    clearTimeout(this.#retryTimer);
    const base = this.#options.backoff?.baseMs ?? 500;
    const max = this.#options.backoff?.maxMs ?? 8_000;
    // Capped exponential backoff with ±30 % jitter, so that many clients do not retry in step.
    const wait = delay ?? Math.min(max, base * 2 ** this.#attempt) * (0.7 + Math.random() * 0.6);
    this.#retryTimer = setTimeout(() => void this.#reconnect(), wait);
  }

  async #reconnect(): Promise<void> {
    if (!this.#wanted || this.#state !== 'reconnecting' || this.#resuming || !this.#credentials) return;
    this.#attempt++;
    const attempts = this.#options.backoff?.attempts ?? 40;
    this.#resuming = true;
    try {
      await this.#open();
      let result: RequestResult<'login'>;
      try {
        result = await this.#sendLogin(this.#credentials);
      } catch (error) {
        const code = (error as LiveError).code;
        if ((code !== ErrorCode.USERSIG_EXPIRED && code !== ErrorCode.AUTH_FAILED) || !this.#options.refreshCredentials) throw error;
        this.#credentials = await this.#options.refreshCredentials(this.#credentials.userId);
        result = await this.#sendLogin(this.#credentials);
      }
      this.#attempt = 0;
      this.#setState('connected');
      const work: Promise<unknown>[] = [];
      this.emit('resumed', { resumed: result.resumed === true, waitFor: (p) => work.push(p) });
      await Promise.allSettled(work);
      this.#flushWaiting();
    } catch (error) {
      const failure = error instanceof LiveError ? error : new LiveError(ErrorCode.CONNECTION_LOST);
      const refused = failure.code === ErrorCode.AUTH_FAILED || failure.code === ErrorCode.USERSIG_EXPIRED;
      if (this.#socket) {
        const socket = this.#socket;
        this.#socket = undefined;
        socket.onclose = null;
        socket.close();
      }
      if (refused || this.#attempt >= attempts) {
        this.#giveUp(failure);
      } else {
        this.#setState('reconnecting');
        this.#retrySoon();
      }
    } finally {
      this.#resuming = false;
    }
  }

  #giveUp(error: LiveError): void {
    this.#wanted = false;
    this.#login = undefined;
    this.#failWaiting(new LiveError(ErrorCode.CONNECTION_LOST, `The connection to the server was lost and could not be restored: ${error.message}`));
    this.#setState('disconnected');
    this.emit('gave-up', { error });
  }

  /* ───────────── frames ───────────── */

  #onFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerReply | ServerPush;
    try {
      frame = JSON.parse(data) as ServerReply | ServerPush;
    } catch {
      return;
    }
    if (frame && typeof frame === 'object' && 're' in frame && typeof frame.re === 'number') {
      const pending = this.#pending.get(frame.re);
      if (!pending) return;
      this.#pending.delete(frame.re);
      clearTimeout(pending.timer);
      if (frame.ok) pending.resolve(frame.result);
      else pending.reject(new LiveError(Number(frame.error?.code) || ErrorCode.SERVER_ERROR, String(frame.error?.message ?? '')));
      return;
    }
    if (frame && typeof frame === 'object' && 'ev' in frame && typeof frame.ev === 'string') {
      const { ev, ...payload } = frame;
      // Kicked off by the server: do not come back on our own.
      if (ev === 'kicked-offline') this.#wanted = false;
      this.emit(ev as keyof EventMap, payload as never);
    }
  }

  /**
   * Sends a request. While reconnecting it waits (bounded) and goes out after the engines
   * have rejoined; `urgent` requests (the engines' own rejoin) go out at once.
   */
  request<O extends Op>(op: O, args: RequestArgs<O>, timeoutMs = this.#requestTimeoutMs, urgent = false): Promise<RequestResult<O>> {
    const open = this.#socket?.readyState === WebSocket.OPEN;
    if (open && (urgent || (this.#state === 'connected' && !this.#resuming) || op === 'login')) return this.#send(op, args, timeoutMs);
    if (this.#state === 'reconnecting' || this.#resuming) return this.#enqueue(op, args, timeoutMs);
    return Promise.reject(new LiveError(ErrorCode.CONNECTION_LOST, 'Not connected to the local server.'));
  }

  #send<O extends Op>(op: O, args: RequestArgs<O>, timeoutMs: number): Promise<RequestResult<O>> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new LiveError(ErrorCode.CONNECTION_LOST, 'Not connected to the local server.'));
    const id = this.#nextId++;
    return new Promise<RequestResult<O>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new LiveError(ErrorCode.TIMEOUT, `The server did not answer “${op}” within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      socket.send(JSON.stringify({ id, op, ...args }));
    });
  }

  #enqueue<O extends Op>(op: O, args: RequestArgs<O>, timeoutMs: number): Promise<RequestResult<O>> {
    const max = this.#options.maxQueued ?? 50;
    if (this.#waiting.length >= max) {
      return Promise.reject(new LiveError(ErrorCode.CONNECTION_LOST, `Reconnecting to the server; ${max} requests are already waiting, so this one was not queued.`));
    }
    return new Promise<RequestResult<O>>((resolve, reject) => {
      const entry: Waiting = {
        op,
        args,
        resolve: resolve as (value: unknown) => void,
        reject,
        timer: setTimeout(() => {
          this.#waiting = this.#waiting.filter((w) => w !== entry);
          reject(new LiveError(ErrorCode.TIMEOUT, `Still reconnecting after ${timeoutMs} ms: “${op}” was not sent.`));
        }, timeoutMs),
      };
      this.#waiting.push(entry);
    });
  }

  #flushWaiting(): void {
    for (const entry of this.#waiting.splice(0)) {
      clearTimeout(entry.timer);
      this.#send(entry.op, entry.args as RequestArgs<Op>, this.#requestTimeoutMs).then(entry.resolve, entry.reject);
    }
  }

  #failWaiting(error: LiveError): void {
    for (const entry of this.#waiting.splice(0)) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
  }

  #failPending(error: LiveError): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.#pending.delete(id);
    }
  }

  /** Closes on purpose: no reconnection. */
  close(): void {
    this.#wanted = false;
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    this.#login = undefined;
    this.#failPending(new LiveError(ErrorCode.CONNECTION_LOST, 'The connection was closed.'));
    this.#failWaiting(new LiveError(ErrorCode.CONNECTION_LOST, 'The connection was closed.'));
    socket?.close();
    this.#setState('disconnected');
  }

  destroy(): void {
    this.close();
    this.#offWindow?.();
    this.clear();
  }
}
