/**
 * One WebSocket connection and what the server knows about it: who logged in on it (from the
 * verified UserSig), their profile, and which media room and groups it is in.
 */
import type { WebSocket } from 'ws';
import type { WireError, EventMap, EventName, UserProfile } from '../src/core/protocol/local-wire.js';

/** Close codes the server uses besides the standard ones. */
export const CloseCode = {
  /** Kicked offline because the same user logged in on another connection. */
  DUPLICATE_LOGIN: 4001,
  /** Kicked offline because the UserSig expired. */
  USERSIG_EXPIRED: 4002,
  SERVER_SHUTDOWN: 1001,
} as const;

let nextSessionId = 1;

export class Session {
  readonly id = nextSessionId++;
  userId: string | null = null;
  profile: UserProfile = { userId: '', nickname: '', avatar: '' };
  /** `roomKey()` of the media room this session is in. */
  mediaRoomKey: string | null = null;
  readonly groups = new Set<string>();
  expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly socket: WebSocket) {}

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  push<E extends EventName>(ev: E, payload: EventMap[E]): void {
    this.sendJson({ ev, ...payload });
  }

  replyOk(re: number, result: unknown): void {
    this.sendJson({ re, ok: true, result });
  }

  replyError(re: number, error: WireError): void {
    this.sendJson({ re, ok: false, error: { code: error.code, message: error.message } });
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN) {
      this.socket.close(code, reason);
    }
  }

  private sendJson(value: unknown): void {
    if (!this.isOpen) return;
    this.socket.send(JSON.stringify(value));
  }
}
