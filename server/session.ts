/**
 * One WebSocket connection and what the server knows about it: who logged in on it (from the
 * verified UserSig), their profile, and which media room and groups it is in. Everything sent
 * goes through the send-buffer check (connection-limits.ts): a peer that does not read loses
 * low-value pushes, then the connection.
 */
import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import type { WireError, EventMap, EventName, UserProfile } from '../src/core/protocol/local-wire.js';
import type { ConnectionCounters, ConnectionLimits } from './connection-limits.js';
import { encodePush, sendVerdict, type EncodedPush, type PushValue } from './push-frames.js';
import { corkForTurn, flushNow } from './write-batch.js';

/** Close codes the server uses besides the standard ones. */
export const CloseCode = {
  /** Kicked offline because the same user logged in on another connection. */
  DUPLICATE_LOGIN: 4001,
  /** Kicked offline because the UserSig expired. */
  USERSIG_EXPIRED: 4002,
  /** Too many refused (rate-limited) or malformed frames. */
  ABUSE: 4008,
  /** The peer does not read what the server sends (its send buffer passed the hard cap). */
  TOO_SLOW: 4009,
  SERVER_SHUTDOWN: 1001,
} as const;

/** After a close frame, how long a peer may take to answer before the socket is destroyed. */
const CLOSE_TIMEOUT_MS = 2000;
/** What one turn may gather for one socket before it is handed over (write-batch.ts). */
const TURN_FLUSH_BYTES = 64 * 1024;

let nextSessionId = 1;

export class Session {
  readonly id = nextSessionId++;
  userId: string | null = null;
  profile: UserProfile = { userId: '', nickname: '', avatar: '' };
  /** `roomKey()` of the media room this session is in. */
  mediaRoomKey: string | null = null;
  readonly groups = new Set<string>();
  expiryTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * While this turn's writes are corked: the unread bytes before them. Gathered-but-unsent
   * bytes say nothing about the peer, so the send-buffer caps look at this instead.
   */
  private unreadBeforeTurn = -1;
  private readonly turnDone = (): void => {
    this.unreadBeforeTurn = -1;
  };

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: Pick<ConnectionLimits, 'sendBufferSoftBytes' | 'sendBufferHardBytes'>,
    private readonly counters: ConnectionCounters,
  ) {}

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  push<E extends EventName>(ev: E, payload: EventMap[E]): void {
    this.pushEncoded(encodePush(ev, payload));
  }

  /** A push encoded once for many receivers (see push-frames.ts). */
  pushEncoded(frame: EncodedPush): void {
    this.send(frame.bytes, frame.value);
  }

  replyOk(re: number, result: unknown): void {
    this.send(JSON.stringify({ re, ok: true, result }), 'essential');
  }

  replyError(re: number, error: WireError): void {
    this.send(JSON.stringify({ re, ok: false, error: { code: error.code, message: error.message } }), 'essential');
  }

  /**
   * Sends a close frame; a peer that does not complete the closing handshake in time (e.g. it
   * stopped reading) is cut off.
   */
  close(code: number, reason: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.close(code, reason);
    const socket = this.socket;
    setTimeout(() => {
      if (socket.readyState !== socket.CLOSED) socket.terminate();
    }, CLOSE_TIMEOUT_MS).unref();
  }

  /** Bytes the peer has not read, leaving out what this turn gathered and has not sent yet. */
  private unread(): number {
    return this.unreadBeforeTurn >= 0 ? this.unreadBeforeTurn : this.socket.bufferedAmount;
  }

  /** Gathers this turn's writes into one (write-batch.ts). */
  private batch(): void {
    // `_socket`: the net.Socket under the WebSocket (ws has no public way to cork it).
    const stream = (this.socket as unknown as { _socket?: Writable })._socket;
    if (!stream) return;
    if (this.unreadBeforeTurn < 0) {
      const unread = this.socket.bufferedAmount;
      if (corkForTurn(stream, this.turnDone)) this.unreadBeforeTurn = unread;
    } else if (this.socket.bufferedAmount - this.unreadBeforeTurn > TURN_FLUSH_BYTES) {
      flushNow(stream);
      this.unreadBeforeTurn = this.socket.bufferedAmount;
    }
  }

  private send(data: string | Buffer, value: PushValue): void {
    if (!this.isOpen) return;
    const verdict = sendVerdict(this.unread(), value, this.limits.sendBufferSoftBytes, this.limits.sendBufferHardBytes);
    if (verdict === 'send') {
      this.batch();
      this.socket.send(data, { binary: false });
    } else if (verdict === 'drop') {
      this.counters.pushesDropped[value as 'low' | 'normal']++;
    } else {
      this.counters.closedTooSlow++;
      this.close(CloseCode.TOO_SLOW, 'too slow: the connection does not read what the server sends');
    }
  }
}
