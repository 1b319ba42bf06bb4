/** A small WebSocket client for the server tests: requests, pushes and close events. */
import { WebSocket } from 'ws';
import type { EventMap, EventName, Op, RequestArgs, RequestResult, ServerPush } from '../../src/core/protocol/local-wire.js';
import type { LocalServer } from '../app.js';

export class WireRequestError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

type Push<E extends EventName> = { ev: E } & EventMap[E];
const asPush = <E extends EventName>(p: ServerPush): Push<E> => p as unknown as Push<E>;
interface Reply {
  re: number;
  ok: boolean;
  result?: unknown;
  error?: { code: number; message: string };
}
interface Waiter {
  match: (push: ServerPush) => boolean;
  resolve: (push: ServerPush) => void;
}

export class TestClient {
  /** Pushes received and not yet taken by `waitFor`. */
  readonly pushes: ServerPush[] = [];
  /** Every push ever received, in order. */
  readonly allPushes: ServerPush[] = [];
  readonly replies: Reply[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  userId = '';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void }>();
  private readonly replyWaiters: { re: number; resolve: (r: Reply) => void }[] = [];
  private readonly waiters: Waiter[] = [];

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    socket.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as Reply | ServerPush;
      if ('ev' in msg) {
        this.allPushes.push(msg);
        const i = this.waiters.findIndex((w) => w.match(msg));
        if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(msg);
        else this.pushes.push(msg);
        return;
      }
      this.replies.push(msg);
      const p = this.pending.get(msg.re);
      if (p) {
        this.pending.delete(msg.re);
        p.resolve(msg);
        return;
      }
      const w = this.replyWaiters.findIndex((x) => x.re === msg.re);
      if (w >= 0) this.replyWaiters.splice(w, 1)[0]!.resolve(msg);
    });
    socket.on('error', () => {});
  }

  static connect(wsUrl: string): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(wsUrl);
      socket.once('open', () => resolve(new TestClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Connects, fetches a UserSig from the token endpoint and logs in. */
  static async login(server: LocalServer, userId: string, profile: { nickname?: string; avatar?: string } = {}): Promise<TestClient> {
    const client = await TestClient.connect(server.wsUrl);
    const userSig = await fetchUserSig(server, userId);
    await client.request('login', { sdkAppId: server.sdkAppId, userId, userSig, ...profile });
    client.userId = userId;
    return client;
  }

  request<O extends Op>(op: O, args: RequestArgs<O>, timeout = 2000): Promise<RequestResult<O>> {
    return this.requestRaw(op, args as Record<string, unknown>, timeout) as Promise<RequestResult<O>>;
  }

  /** Sends `{id, op, ...args}` without type checks (for malformed input). */
  async requestRaw(op: string, args: Record<string, unknown> = {}, timeout = 2000): Promise<unknown> {
    const id = this.nextId++;
    const reply = await this.sendAndWait(id, JSON.stringify({ ...args, id, op }), timeout);
    if (reply.ok) return reply.result;
    throw new WireRequestError(reply.error!.code, reply.error!.message);
  }

  private sendAndWait(id: number, text: string, timeout: number): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no reply to request ${id} within ${timeout} ms`));
      }, timeout);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
      this.socket.send(text);
    });
  }

  /** Sends a raw frame (text or binary). */
  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Waits for a reply with `re` (e.g. -1 for frames without a usable id). */
  waitForReply(re: number, timeout = 2000): Promise<Reply> {
    const done = this.replies.findIndex((r) => r.re === re);
    if (done >= 0) return Promise.resolve(this.replies.splice(done, 1)[0]!);
    return new Promise((resolve, reject) => {
      const entry = {
        re,
        resolve: (r: Reply) => {
          clearTimeout(timer);
          this.replies.splice(this.replies.indexOf(r), 1);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.replyWaiters.splice(this.replyWaiters.indexOf(entry), 1);
        reject(new Error(`no reply with re=${re} within ${timeout} ms`));
      }, timeout);
      this.replyWaiters.push(entry);
    });
  }

  /** Resolves with the first push `ev` (already received or coming) that matches `predicate`. */
  waitFor<E extends EventName>(ev: E, predicate: (push: Push<E>) => boolean = () => true, timeout = 2000): Promise<Push<E>> {
    const match = (p: ServerPush): boolean => p.ev === ev && predicate(asPush<E>(p));
    const i = this.pushes.findIndex(match);
    if (i >= 0) return Promise.resolve(asPush<E>(this.pushes.splice(i, 1)[0]!));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(asPush<E>(p));
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${this.userId || 'client'}: no “${ev}” push within ${timeout} ms`));
      }, timeout);
      this.waiters.push(waiter);
    });
  }

  /** Received pushes named `ev` that no `waitFor` took. */
  unclaimed(ev: EventName): ServerPush[] {
    return this.pushes.filter((p) => p.ev === ev);
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close();
    return this.closed;
  }
}

export async function fetchUserSig(server: LocalServer, userId: string): Promise<string> {
  const res = await fetch(`${server.url}/api/usersig?userId=${encodeURIComponent(userId)}`);
  const body = (await res.json()) as { userSig: string };
  return body.userSig;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Lets in-flight frames arrive (a request round-trip on each client orders everything before it). */
export async function settle(...clients: TestClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c.requestRaw('group-info', { groupIds: [] })));
}

/** Asserts that `promise` rejects with a WireRequestError carrying `code`; returns it. */
export async function expectCode(promise: Promise<unknown>, code: number): Promise<WireRequestError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WireRequestError && err.code === code) return err;
    throw new Error(`expected error ${code}, got ${err instanceof Error ? err.message : String(err)}`);
  }
  throw new Error(`expected error ${code}, but the request succeeded`);
}
