/**
 * Co-anchoring (seed 000, the 9-step flow), with a queue, seats, invitations and timeouts.
 * Signalling travels as the kit's direct messages; the permission to publish is granted by
 * the server (`grantAnchor`), so a forged acceptance never lets anyone on stage.
 */
import type { UserProfile } from '../engines/types.js';
import { ErrorCode, LiveError, toLiveError } from '../errors.js';
import type { PayloadOf } from '../protocol/envelope.js';
import { type CoanchorState, newRequestId, type RoomKernel, userEvent } from './live-room-types.js';

export const DEFAULT_COANCHOR_TIMEOUT_MS = 60_000;
export const DEFAULT_SEATS = 6;

export const initialCoanchor: CoanchorState = { self: { state: 'idle' }, queue: [], invited: [], seats: DEFAULT_SEATS };

export interface JoinAnchorResult {
  accepted: boolean;
  reason?: string;
}

export class CoanchorFlow {
  #kernel: RoomKernel;
  #timer?: ReturnType<typeof setTimeout>;
  #pending?: { requestId: string; resolve: (result: JoinAnchorResult) => void };
  /** Becoming an anchor (preview + role + publish): one attempt at a time. */
  #joining?: Promise<void>;

  /** In a voice room, the seats decide who may come on stage and where (set by the store). */
  seats?: { seatFor(userId: string, wanted?: number): number; reserve(userId: string, index: number): void; release(userId: string): void };

  constructor(kernel: RoomKernel, private timeoutMs = DEFAULT_COANCHOR_TIMEOUT_MS) {
    this.#kernel = kernel;
  }

  #state(): CoanchorState {
    return this.#kernel.getState().coanchor;
  }

  #patch(patch: Partial<CoanchorState>): void {
    this.#kernel.patch({ coanchor: { ...this.#state(), ...patch } });
  }

  #setSelf(self: CoanchorState['self']): void {
    this.#patch({ self });
  }

  /** Who hears a viewer's requests: the owner and every admin. */
  #moderators(): string[] {
    const s = this.#kernel.getState();
    return [...new Set([s.ownerId, ...s.admins].filter((id): id is string => !!id && id !== s.user?.userId))];
  }

  #tellModerators(kind: 'coanchor-request' | 'coanchor-cancel', requestId: string, seat?: number): Promise<unknown> {
    return Promise.all(
      this.#moderators().map((id) =>
        kind === 'coanchor-request' ? this.#kernel.sendDirect(id, kind, { requestId, ...(seat ? { seat } : {}) }) : this.#kernel.sendDirect(id, kind, { requestId }),
      ),
    );
  }

  /** Co-anchors on stage now: anchors other than the owner and a PK opponent. */
  coanchorCount(): number {
    const s = this.#kernel.getState();
    const self = s.user?.userId;
    const others = s.anchors.filter((a) => a.userId !== s.ownerId && a.userId !== s.pk.peer?.userId).length;
    return others + (s.role === 'anchor' && self !== s.ownerId ? 1 : 0);
  }

  #seatsFull(): boolean {
    return this.coanchorCount() >= this.#state().seats;
  }

  setSeats(seats: number): void {
    if (!Number.isInteger(seats) || seats < 0 || seats > 49) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'Seats must be a whole number 0–49.');
    this.#patch({ seats });
    void this.#announcePositions();
  }

  /* ───────────── viewer ───────────── */

  /** requestJoinAnchor: asks the anchor; resolves with the answer, or `reason: 'timeout'`. */
  async request(timeoutMs = this.timeoutMs, seat?: number): Promise<JoinAnchorResult> {
    const s = this.#kernel.getState();
    if (seat !== undefined && s.scene === 'voice') {
      const wanted = s.seats[seat];
      if (!wanted || seat < 1) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `There is no seat ${seat}.`);
      if (wanted.locked) throw new LiveError(ErrorCode.NOT_ALLOWED, `Seat ${seat} is locked.`);
      if (wanted.userId) throw new LiveError(ErrorCode.SEATS_FULL, `Seat ${seat} is taken.`);
    }
    if (s.phase !== 'in-room') throw new LiveError(ErrorCode.NOT_IN_ROOM);
    if (s.role === 'anchor') throw new LiveError(ErrorCode.INVALID_STATE, 'You are already on stage.');
    if (this.#state().self.state === 'requesting') throw new LiveError(ErrorCode.INVALID_STATE, 'A request is already waiting for the anchor.');
    if (!s.ownerId) throw new LiveError(ErrorCode.INVALID_STATE, 'The room has no anchor to ask.');
    const requestId = newRequestId();
    const since = Date.now();
    // The state is set before sending: an answer may arrive before the send resolves.
    this.#setSelf({ state: 'requesting', requestId, since, expiresAt: since + timeoutMs });
    const answer = new Promise<JoinAnchorResult>((resolve) => {
      this.#pending?.resolve({ accepted: false, reason: 'replaced' });
      this.#pending = { requestId, resolve };
    });
    try {
      await this.#tellModerators('coanchor-request', requestId, seat);
    } catch (error) {
      this.#pending = undefined;
      this.#setSelf({ state: 'idle' });
      throw error;
    }
    clearTimeout(this.#timer);
    if (this.#state().self.requestId === requestId && this.#state().self.state === 'requesting') {
      this.#timer = setTimeout(() => this.#expire(requestId), Math.max(0, since + timeoutMs - Date.now()));
    }
    return answer;
  }

  #settle(requestId: string, result: JoinAnchorResult): void {
    clearTimeout(this.#timer);
    if (this.#pending?.requestId !== requestId) return;
    this.#pending.resolve(result);
    this.#pending = undefined;
  }

  #expire(requestId: string): void {
    const self = this.#state().self;
    if (self.requestId !== requestId || self.state !== 'requesting') return;
    void this.#tellModerators('coanchor-cancel', requestId).catch(() => undefined);
    this.#setSelf({ state: 'timeout', requestId, reason: 'timeout' });
    this.#settle(requestId, { accepted: false, reason: 'timeout' });
  }

  /** Withdraws a waiting request. */
  async cancel(): Promise<void> {
    const self = this.#state().self;
    if (self.state !== 'requesting' || !self.requestId) return;
    this.#setSelf({ state: 'cancelled', requestId: self.requestId });
    this.#settle(self.requestId, { accepted: false, reason: 'cancelled' });
    await this.#tellModerators('coanchor-cancel', self.requestId);
  }

  /** Answers an anchor's invitation. */
  async answerInvitation(agree: boolean): Promise<void> {
    const self = this.#state().self;
    const owner = this.#kernel.getState().ownerId;
    if (self.state !== 'invited' || !self.requestId || !owner) throw new LiveError(ErrorCode.INVALID_STATE, 'There is no invitation to answer.');
    await this.#kernel.sendDirect(owner, 'coanchor-response', { requestId: self.requestId, agree });
    if (!agree) {
      this.#setSelf({ state: 'idle' });
      return;
    }
    this.#setSelf({ state: 'accepted', requestId: self.requestId });
    await this.#becomeAnchor();
  }

  /** Leaves the stage of one's own accord (back to audience). */
  async leaveStage(): Promise<void> {
    const s = this.#kernel.getState();
    if (s.role !== 'anchor' || s.user?.userId === s.ownerId) return;
    await this.#becomeAudience();
    await this.#tellModerators('coanchor-cancel', s.coanchor.self.requestId ?? newRequestId()).catch(() => undefined);
    this.#setSelf({ state: 'idle' });
  }

  async #becomeAnchor(): Promise<void> {
    if (this.#joining) return this.#joining;
    const { media } = this.#kernel.engines;
    this.#joining = (async () => {
      try {
        if (!this.#kernel.getState().previewing) {
          const video = this.#kernel.getState().scene !== 'voice';
          await this.#kernel.call(media.startLocalMedia({ video, audio: true, facingMode: this.#kernel.getState().frontCamera ? 'user' : 'environment' }), video ? 'starting the camera' : 'starting the microphone');
          this.#kernel.patch({ previewing: true });
        }
        await this.#kernel.call(media.switchRole('anchor'), 'going on stage');
        await this.#kernel.call(media.publish(), 'publishing');
        this.#kernel.patch({ role: 'anchor', publishing: true });
      } catch (error) {
        this.#setSelf({ state: 'failed', reason: toLiveError(error).message });
        await this.#becomeAudience().catch(() => undefined);
        throw this.#kernel.report(toLiveError(error));
      } finally {
        this.#joining = undefined;
      }
    })();
    return this.#joining;
  }

  async #becomeAudience(): Promise<void> {
    const { media } = this.#kernel.engines;
    await media.unpublish().catch(() => undefined);
    // The engine may be an anchor even when the store is not yet (a publish that failed).
    await media.switchRole('audience').catch(() => undefined);
    await media.stopLocalMedia().catch(() => undefined);
    this.#kernel.patch({ role: 'audience', publishing: false, previewing: false });
  }

  /** The server revoked this user's anchor permission: kicked off the stage. */
  async onRevoked(): Promise<void> {
    const s = this.#kernel.getState();
    if (s.user?.userId === s.ownerId) return;
    await this.#becomeAudience();
    this.#setSelf({ state: 'idle' });
    this.#kernel.emit('kickout-join-anchor', { userId: s.user?.userId ?? '' });
  }

  /* ───────────── anchor ───────────── */

  #needModerator(): void {
    const s = this.#kernel.getState();
    if (s.phase !== 'in-room') throw new LiveError(ErrorCode.NOT_IN_ROOM);
    if (!this.#kernel.canModerate()) throw new LiveError(ErrorCode.NOT_ALLOWED, 'Only the anchor or an admin can do this.');
  }

  /** responseJoinAnchor: accept or reject a waiting viewer. */
  async respond(userId: string, agree: boolean, reason = ''): Promise<void> {
    this.#needModerator();
    const request = this.#state().queue.find((r) => r.userId === userId);
    if (agree && this.#seatsFull()) throw new LiveError(ErrorCode.SEATS_FULL, `All ${this.#state().seats} seats are taken; remove a co-anchor first.`);
    if (agree && this.seats) this.seats.reserve(userId, this.seats.seatFor(userId, request?.seat));
    // The server decides: only the room's owner or an admin may grant or refuse the stage.
    try {
      await this.#kernel.call(this.#kernel.engines.media.grantAnchor(userId, agree), 'answering the request');
    } catch (error) {
      this.seats?.release(userId);
      throw error;
    }
    this.#patch({ queue: this.#state().queue.filter((r) => r.userId !== userId) });
    try {
      await this.#kernel.sendDirect(userId, 'coanchor-response', { requestId: request?.requestId ?? newRequestId(), agree, ...(reason ? { reason } : {}) });
    } catch (error) {
      // The viewer never heard the yes: take the permission back rather than leave it dangling.
      if (agree) await this.#kernel.engines.media.grantAnchor(userId, false).catch(() => undefined);
      throw error;
    } finally {
      void this.#announcePositions();
    }
  }

  async acceptNext(): Promise<void> {
    this.#needModerator();
    const next = this.#state().queue[0];
    if (!next) throw new LiveError(ErrorCode.INVALID_STATE, 'Nobody is waiting.');
    await this.respond(next.userId, true);
  }

  async rejectAll(reason = ''): Promise<void> {
    this.#needModerator();
    for (const request of [...this.#state().queue]) await this.respond(request.userId, false, reason);
  }

  /** Invites a viewer on stage (the server grants first). */
  async invite(userId: string, seat?: number): Promise<void> {
    this.#needModerator();
    if (this.#seatsFull()) throw new LiveError(ErrorCode.SEATS_FULL, `All ${this.#state().seats} seats are taken.`);
    if (this.seats) this.seats.reserve(userId, this.seats.seatFor(userId, seat));
    await this.#kernel.call(this.#kernel.engines.media.grantAnchor(userId, true), 'inviting');
    this.#patch({ invited: [...this.#state().invited.filter((id) => id !== userId), userId] });
    try {
      await this.#kernel.sendDirect(userId, 'coanchor-invite', { requestId: newRequestId(), ...(seat ? { seat } : {}) });
    } catch (error) {
      this.#withdrawInvitation(userId);
      throw error;
    }
    clearTimeout(this.#inviteTimers.get(userId));
    this.#inviteTimers.set(userId, setTimeout(() => this.#withdrawInvitation(userId), this.timeoutMs));
  }

  #inviteTimers = new Map<string, ReturnType<typeof setTimeout>>();

  /** An invitation nobody answered (or whose viewer left): the permission goes back. */
  #withdrawInvitation(userId: string): void {
    clearTimeout(this.#inviteTimers.get(userId));
    this.#inviteTimers.delete(userId);
    if (!this.#state().invited.includes(userId)) return;
    this.seats?.release(userId);
    this.#patch({ invited: this.#state().invited.filter((id) => id !== userId) });
    void this.#kernel.engines.media.grantAnchor(userId, false).catch(() => undefined);
  }

  /** A member left the room: out of the queue and the invitations. */
  onMemberLeft(userId: string): void {
    const request = this.#state().queue.find((r) => r.userId === userId);
    if (request) {
      this.#patch({ queue: this.#state().queue.filter((r) => r.userId !== userId) });
      this.#kernel.emit('request-join-anchor-cancel', { userId, requestId: request.requestId });
      void this.#announcePositions();
    }
    this.#withdrawInvitation(userId);
  }

  /** kickoutJoinAnchor: takes a co-anchor off stage. */
  async kickout(userId: string): Promise<void> {
    this.#needModerator();
    await this.#kernel.call(this.#kernel.engines.media.grantAnchor(userId, false), 'removing the co-anchor');
    await this.#kernel.sendDirect(userId, 'coanchor-kick', { userId }).catch(() => undefined);
  }

  async #announcePositions(): Promise<void> {
    if (!this.#kernel.canModerate()) return;
    const seatsFull = this.#seatsFull();
    await Promise.all(
      this.#state().queue.map((r, i) => this.#kernel.sendDirect(r.userId, 'coanchor-status', { requestId: r.requestId, position: i + 1, seatsFull }).catch(() => undefined)),
    );
  }

  /** A co-anchor left the stage: seats may have freed up. */
  onStageChanged(): void {
    if (this.#state().queue.length > 0) void this.#announcePositions();
  }

  /* ───────────── messages ───────────── */

  onRequest(from: UserProfile, data: PayloadOf<'coanchor-request'>): void {
    if (!this.#kernel.canModerate() || this.#kernel.getState().phase !== 'in-room') return;
    if (this.seats && data.seat !== undefined) {
      try {
        this.seats.seatFor(from.userId, data.seat);
      } catch (error) {
        // A locked or taken seat: refused at once, with the reason.
        void this.#kernel.sendDirect(from.userId, 'coanchor-response', { requestId: data.requestId, agree: false, reason: (error as LiveError).message }).catch(() => undefined);
        return;
      }
    }
    const queue = this.#state().queue.filter((r) => r.userId !== from.userId);
    this.#patch({ queue: [...queue, { ...from, requestId: data.requestId, since: Date.now(), ...(data.seat ? { seat: data.seat } : {}) }] });
    this.#kernel.emit('request-join-anchor', { ...userEvent(from), requestId: data.requestId });
    void this.#announcePositions();
  }

  onCancel(from: UserProfile, data: PayloadOf<'coanchor-cancel'>): void {
    const s = this.#kernel.getState();
    if (!this.#kernel.canModerate()) return;
    const waiting = this.#state().queue.some((r) => r.userId === from.userId);
    if (waiting) {
      this.#patch({ queue: this.#state().queue.filter((r) => r.userId !== from.userId) });
      this.#kernel.emit('request-join-anchor-cancel', { userId: from.userId, requestId: data.requestId });
      void this.#announcePositions();
    }
    // A co-anchor who left on their own: take their permission back.
    if (s.user?.userId === s.ownerId && !waiting) void this.#kernel.engines.media.grantAnchor(from.userId, false).catch(() => undefined);
  }

  onResponse(from: UserProfile, data: PayloadOf<'coanchor-response'>): void {
    // Anchor side: an invited viewer answers.
    if (this.#state().invited.includes(from.userId) && this.#kernel.canModerate()) {
      clearTimeout(this.#inviteTimers.get(from.userId));
      this.#inviteTimers.delete(from.userId);
      if (data.agree) this.#patch({ invited: this.#state().invited.filter((id) => id !== from.userId) });
      else this.#withdrawInvitation(from.userId);
      this.#kernel.emit('coanchor-invite-response', { userId: from.userId, agree: data.agree });
      return;
    }
    // Viewer side: only the anchor's (or an admin's) word counts.
    const self = this.#state().self;
    if (!this.#kernel.canModerate(from.userId) || self.state !== 'requesting' || self.requestId !== data.requestId) return;
    if (data.agree) {
      this.#setSelf({ state: 'accepted', requestId: data.requestId });
      this.#settle(data.requestId, { accepted: true });
      this.#kernel.emit('anchor-accepted', { userId: from.userId });
      void this.#becomeAnchor().catch(() => undefined);
    } else {
      const reason = data.reason ?? '';
      this.#setSelf({ state: 'rejected', requestId: data.requestId, reason });
      this.#settle(data.requestId, { accepted: false, reason: reason || 'rejected' });
      this.#kernel.emit('anchor-rejected', { userId: from.userId, reason });
    }
  }

  onInvite(from: UserProfile, data: PayloadOf<'coanchor-invite'>): void {
    const s = this.#kernel.getState();
    if (!this.#kernel.canModerate(from.userId) || s.role === 'anchor' || s.phase !== 'in-room') return;
    const since = Date.now();
    this.#setSelf({ state: 'invited', requestId: data.requestId, since, expiresAt: since + this.timeoutMs });
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (this.#state().self.state === 'invited' && this.#state().self.requestId === data.requestId) this.#setSelf({ state: 'idle' });
    }, this.timeoutMs);
    this.#kernel.emit('coanchor-invite', { ...userEvent(from), requestId: data.requestId });
  }

  onStatus(from: UserProfile, data: PayloadOf<'coanchor-status'>): void {
    const self = this.#state().self;
    if (!this.#kernel.canModerate(from.userId) || self.state !== 'requesting' || self.requestId !== data.requestId) return;
    this.#setSelf({ ...self, position: data.position, seatsFull: data.seatsFull });
  }

  /** The anchor's word that this user was taken off stage (the server's revoke does the same). */
  onKick(from: UserProfile, data: PayloadOf<'coanchor-kick'>): void {
    const s = this.#kernel.getState();
    if (!this.#kernel.canModerate(from.userId) || data.userId !== s.user?.userId || s.role !== 'anchor') return;
    void this.onRevoked();
  }

  reset(): void {
    clearTimeout(this.#timer);
    for (const timer of this.#inviteTimers.values()) clearTimeout(timer);
    this.#inviteTimers.clear();
    if (this.#pending) this.#settle(this.#pending.requestId, { accepted: false, reason: 'left' });
  }
}
