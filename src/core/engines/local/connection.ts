/**
 * The local engine's single WebSocket to the local server, shared by its media and chat
 * engines: request/response with timeouts, pushes fanned out by event name, login on connect.
 */
import { EventSource } from '../../emitter.js';
import { ErrorCode, LiveError } from '../../errors.js';
import type { EventMap, Op, RequestArgs, RequestResult, ServerPush, ServerReply } from '../../protocol/local-wire.js';
import type { ConnectionState, Credentials, UserProfile } from '../types.js';

type Pending = { resolve: (value: unknown) => void; reject: (error: LiveError) => void; timer: ReturnType<typeof setTimeout> };

export interface LocalConnectionOptions {
  /** `ws://127.0.0.1:8787/ws` */
  url: string;
  /** Timeout of one request (ms). */
  requestTimeoutMs?: number;
  /** Timeout of opening the socket (ms). */
  connectTimeoutMs?: number;
}

type ConnectionEvents = EventMap & { 'connection-state': { state: ConnectionState } };

export class LocalConnection extends EventSource<ConnectionEvents> {
  readonly url: string;
  #socket?: WebSocket;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #state: ConnectionState = 'disconnected';
  #login?: Promise<UserProfile>;
  #credentials?: Credentials;
  #requestTimeoutMs: number;
  #connectTimeoutMs: number;

  constructor(options: LocalConnectionOptions) {
    super();
    this.url = options.url;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 8_000;
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
    if (this.#socket) this.close();
    this.#credentials = credentials;
    const attempt = this.#open().then(() =>
      this.request('login', { sdkAppId: credentials.sdkAppId, userId: credentials.userId, userSig: credentials.userSig, ...profile }),
    );
    this.#login = attempt.then(
      (result) => result.user,
      (error: unknown) => {
        this.#login = undefined;
        this.close();
        throw error;
      },
    );
    return this.#login;
  }

  #open(): Promise<void> {
    this.#setState('connecting');
    return new Promise<void>((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(this.url);
      } catch (error) {
        this.#setState('disconnected');
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
        this.#setState('connected');
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
        this.#login = undefined;
        this.#failPending(new LiveError(ErrorCode.CONNECTION_LOST));
        this.#setState('disconnected');
      };
    });
  }

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
      this.emit(ev as keyof EventMap, payload as never);
    }
  }

  request<O extends Op>(op: O, args: RequestArgs<O>, timeoutMs = this.#requestTimeoutMs): Promise<RequestResult<O>> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new LiveError(ErrorCode.CONNECTION_LOST, 'Not connected to the local server.'));
    }
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

  #failPending(error: LiveError): void {
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.#pending.delete(id);
    }
  }

  close(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    this.#login = undefined;
    this.#failPending(new LiveError(ErrorCode.CONNECTION_LOST, 'The connection was closed.'));
    socket?.close();
    this.#setState('disconnected');
  }
}
