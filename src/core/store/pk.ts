/**
 * Cross-room PK (seed 000, the 6-step flow). The anchors agree over direct messages; the
 * server links their rooms only when both owners ask for it, and then each anchor appears in
 * the other room as a guest anchor that everyone there can play. Each room's gift value during
 * the PK is its score; the anchors exchange scores and publish them to their audiences in the
 * room attribute `pk`, so a newcomer sees the bar at once.
 */
import type { UserProfile } from '../engines/types.js';
import { ErrorCode, LiveError, toLiveError } from '../errors.js';
import type { PayloadOf } from '../protocol/envelope.js';
import { isValidRoomId, numericRoom, type RoomId, stringRoom } from '../validation.js';
import { newRequestId, type PkState, type RoomKernel, userEvent } from './live-room-types.js';

export const initialPk: PkState = { state: 'idle', score: { home: 0, away: 0 } };
export const DEFAULT_PK_TIMEOUT_MS = 60_000;

/** What the room attribute `pk` holds while a PK lasts. */
interface PkAttribute {
  userId: string;
  nickname: string;
  room: RoomId;
  home: number;
  away: number;
}

export class PkFlow {
  #kernel: RoomKernel;
  #timer?: ReturnType<typeof setTimeout>;
  #pending?: { requestId: string; resolve: (result: { accepted: boolean; reason?: string }) => void };
  #publishTimer?: ReturnType<typeof setTimeout>;
  #scoreTimer?: ReturnType<typeof setTimeout>;

  constructor(kernel: RoomKernel, private timeoutMs = DEFAULT_PK_TIMEOUT_MS) {
    this.#kernel = kernel;
  }

  #state(): PkState {
    return this.#kernel.getState().pk;
  }

  #set(pk: PkState): void {
    this.#kernel.patch({ pk });
  }

  #needOwner(): void {
    const s = this.#kernel.getState();
    if (s.phase !== 'in-room' || !s.room) throw new LiveError(ErrorCode.NOT_IN_ROOM);
    if (s.user?.userId !== s.ownerId) throw new LiveError(ErrorCode.NOT_ALLOWED, 'Only the anchor who owns the room can start or answer a PK.');
  }

  /** requestRoomPK: resolves when the other anchor answers (or with `reason: 'timeout'`). */
  async request(room: RoomId, userId: string, timeoutMs = this.timeoutMs): Promise<{ accepted: boolean; reason?: string }> {
    this.#needOwner();
    if (!isValidRoomId(room)) throw new LiveError(ErrorCode.INVALID_ROOM_ID);
    if (this.#state().state !== 'idle') throw new LiveError(ErrorCode.INVALID_STATE, 'A PK is already under way.');
    const requestId = newRequestId();
    const own = this.#kernel.getState().room!;
    const peer = { ...this.#kernel.profileOf(userId), room };
    // The state is set before sending: an answer may arrive before the send resolves.
    this.#set({ state: 'requesting', requestId, peer, score: { home: 0, away: 0 }, expiresAt: Date.now() + timeoutMs });
    const answer = new Promise<{ accepted: boolean; reason?: string }>((resolve) => {
      this.#pending = { requestId, resolve };
    });
    try {
      await this.#kernel.sendDirect(userId, 'pk-request', { requestId, roomId: String(own.id), roomKind: own.kind });
    } catch (error) {
      this.#pending = undefined;
      this.#set(initialPk);
      throw error;
    }
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.#state().requestId !== requestId || this.#state().state !== 'requesting') return;
      void this.#kernel.sendDirect(userId, 'pk-quit', { requestId }).catch(() => undefined);
      this.#set(initialPk);
      this.#settle(requestId, { accepted: false, reason: 'timeout' });
    }, timeoutMs);
    return answer;
  }

  #settle(requestId: string, result: { accepted: boolean; reason?: string }): void {
    clearTimeout(this.#timer);
    if (this.#pending?.requestId !== requestId) return;
    this.#pending.resolve(result);
    this.#pending = undefined;
  }

  /** responseRoomPK. */
  async respond(userId: string, agree: boolean): Promise<void> {
    this.#needOwner();
    const pk = this.#state();
    if (pk.state !== 'incoming' || pk.peer?.userId !== userId || !pk.requestId) throw new LiveError(ErrorCode.INVALID_STATE, `There is no PK request from ${userId} to answer.`);
    const own = this.#kernel.getState().room!;
    if (agree) await this.#kernel.call(this.#kernel.engines.media.connectOtherRoom(pk.peer.room, userId), 'starting the PK');
    await this.#kernel.sendDirect(userId, 'pk-response', { requestId: pk.requestId, agree, roomId: String(own.id), roomKind: own.kind });
    if (!agree) this.#set(initialPk);
  }

  /** quitRoomPK. */
  async quit(): Promise<void> {
    const pk = this.#state();
    if (pk.state === 'idle') return;
    if (pk.peer && pk.requestId) await this.#kernel.sendDirect(pk.peer.userId, 'pk-quit', { requestId: pk.requestId }).catch(() => undefined);
    await this.#kernel.engines.media.disconnectOtherRoom().catch(() => undefined);
    this.#end();
  }

  #end(): void {
    const pk = this.#state();
    if (pk.state === 'idle') return;
    if (pk.requestId) this.#settle(pk.requestId, { accepted: false, reason: 'ended' });
    this.#set(initialPk);
    if (pk.state === 'active' && pk.peer) this.#kernel.emit('quit-room-pk', { userId: pk.peer.userId });
    this.#publish();
  }

  /* ───────────── messages and server events ───────────── */

  onRequest(from: UserProfile, data: PayloadOf<'pk-request'>): void {
    const s = this.#kernel.getState();
    const room = data.roomKind === 'numeric' ? numericRoom(Number(data.roomId)) : stringRoom(data.roomId);
    if (s.user?.userId !== s.ownerId || s.phase !== 'in-room' || !isValidRoomId(room)) return;
    const own = s.room!;
    if (this.#state().state !== 'idle') {
      void this.#kernel.sendDirect(from.userId, 'pk-response', { requestId: data.requestId, agree: false, roomId: String(own.id), roomKind: own.kind }).catch(() => undefined);
      return;
    }
    this.#set({ state: 'incoming', requestId: data.requestId, peer: { ...from, room }, score: { home: 0, away: 0 }, expiresAt: Date.now() + this.timeoutMs });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.#state().requestId === data.requestId && this.#state().state === 'incoming') this.#set(initialPk);
    }, this.timeoutMs);
    this.#kernel.emit('request-room-pk', { ...userEvent(from), roomId: room });
  }

  onResponse(from: UserProfile, data: PayloadOf<'pk-response'>): void {
    const pk = this.#state();
    if (pk.state !== 'requesting' || pk.peer?.userId !== from.userId || pk.requestId !== data.requestId) return;
    if (!data.agree) {
      this.#set(initialPk);
      this.#settle(data.requestId, { accepted: false, reason: 'rejected' });
      this.#kernel.emit('room-pk-rejected', { userId: from.userId, reason: 'rejected' });
      return;
    }
    this.#set({ ...pk, peer: { ...pk.peer, ...from, room: pk.peer.room } });
    void this.#kernel
      .call(this.#kernel.engines.media.connectOtherRoom(pk.peer.room, from.userId), 'starting the PK')
      .then(() => {
        this.#settle(data.requestId, { accepted: true });
        this.#kernel.emit('room-pk-accepted', { userId: from.userId });
      })
      .catch((error: unknown) => {
        this.#set(initialPk);
        this.#settle(data.requestId, { accepted: false, reason: 'failed' });
        this.#kernel.report(toLiveError(error));
      });
  }

  onQuit(from: UserProfile, data: PayloadOf<'pk-quit'>): void {
    const pk = this.#state();
    if (pk.peer?.userId !== from.userId || pk.requestId !== data.requestId) return;
    if (pk.state === 'active') void this.#kernel.engines.media.disconnectOtherRoom().catch(() => undefined);
    this.#end();
  }

  onScore(from: UserProfile, data: PayloadOf<'pk-score'>): void {
    const pk = this.#state();
    if (pk.state !== 'active' || pk.peer?.userId !== from.userId) return;
    this.#set({ ...pk, score: { ...pk.score, away: data.score } });
    this.#kernel.emit('pk-score-change', this.#state().score);
    this.#publish();
  }

  /** The server linked or unlinked the rooms. */
  onLink(state: 'linked' | 'unlinked', userId: string): void {
    const pk = this.#state();
    if (state === 'unlinked') {
      if (pk.peer?.userId === userId || pk.state === 'active') this.#end();
      return;
    }
    if (!pk.peer || pk.peer.userId !== userId) return;
    clearTimeout(this.#timer);
    this.#set({ ...pk, state: 'active', since: Date.now(), score: { home: 0, away: 0 }, expiresAt: undefined });
    this.#publish();
  }

  /** A gift arrived in this room: during a PK it counts for this side. */
  onGift(value: number): void {
    const pk = this.#state();
    const s = this.#kernel.getState();
    if (pk.state !== 'active' || s.user?.userId !== s.ownerId || value <= 0) return;
    this.#set({ ...pk, score: { ...pk.score, home: pk.score.home + value } });
    this.#kernel.emit('pk-score-change', this.#state().score);
    clearTimeout(this.#scoreTimer);
    this.#scoreTimer = setTimeout(() => {
      const now = this.#state();
      if (now.state === 'active' && now.peer && now.requestId) {
        void this.#kernel.sendDirect(now.peer.userId, 'pk-score', { requestId: now.requestId, score: now.score.home }).catch((error: unknown) => this.#kernel.report(toLiveError(error)));
      }
    }, 300);
    this.#publish();
  }

  /** The owner keeps the room attribute `pk` current (at most once a second). */
  #publish(): void {
    const s = this.#kernel.getState();
    if (s.user?.userId !== s.ownerId || this.#publishTimer) return;
    this.#publishTimer = setTimeout(() => {
      this.#publishTimer = undefined;
      const groupId = this.#kernel.groupId();
      const pk = this.#state();
      if (!groupId || this.#kernel.getState().phase !== 'in-room') return;
      const value: PkAttribute | undefined = pk.state === 'active' && pk.peer ? { userId: pk.peer.userId, nickname: pk.peer.nickname, room: pk.peer.room, ...pk.score } : undefined;
      void this.#kernel.engines.chat.setGroupAttributes(groupId, { pk: value ? JSON.stringify(value) : '' }).catch((error: unknown) => this.#kernel.report(toLiveError(error)));
    }, 250);
  }

  /** Audience side: the PK as the room attribute says. */
  fromAttribute(raw: string | undefined): void {
    const s = this.#kernel.getState();
    if (s.user?.userId === s.ownerId) return;
    const value = parsePkAttribute(raw);
    if (!value) {
      if (this.#state().state !== 'idle') this.#set(initialPk);
      return;
    }
    const prior = this.#state();
    this.#set({ state: 'active', peer: { userId: value.userId, nickname: value.nickname, avatar: '', room: value.room }, score: { home: value.home, away: value.away }, since: prior.since ?? Date.now() });
    if (prior.score.home !== value.home || prior.score.away !== value.away) this.#kernel.emit('pk-score-change', this.#state().score);
  }

  reset(): void {
    clearTimeout(this.#timer);
    clearTimeout(this.#scoreTimer);
    clearTimeout(this.#publishTimer);
    this.#publishTimer = undefined;
    if (this.#pending) this.#settle(this.#pending.requestId, { accepted: false, reason: 'left' });
  }
}

function parsePkAttribute(raw: string | undefined): PkAttribute | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<PkAttribute>;
    if (typeof v.userId !== 'string' || typeof v.nickname !== 'string' || !isValidRoomId(v.room)) return undefined;
    const home = Number.isSafeInteger(v.home) ? (v.home as number) : 0;
    const away = Number.isSafeInteger(v.away) ? (v.away as number) : 0;
    return { userId: v.userId, nickname: v.nickname, room: v.room, home, away };
  } catch {
    return undefined;
  }
}
