/**
 * TRTCLiveRoom semantics (seed 000) over any pair of engines. Methods keep the seed's names;
 * the seed's `on…` callbacks are events in kebab-case (`onAnchorEnter` → `anchor-enter`).
 * Co-anchoring and PK live in their own parts (`coanchor.ts`, `pk.ts`).
 */
import type { GroupInfo, GroupMember, GroupMessage, MediaDevice, MediaUser, Priority, Role, UserProfile, VideoQuality } from '../engines/types.js';
import { ErrorCode, LiveError, toLiveError, withTimeout } from '../errors.js';
import { LazyAudioEffectManager, LazyBeautyManager } from '../effects/lazy.js';
import type { AudioEffectManager, BeautyManager } from '../effects/types.js';
import { decodeEnvelope, encodeEnvelope, type Envelope, type MessageKind, type PayloadOf } from '../protocol/envelope.js';
import { assertNonEmptyText, assertRoomId, assertText, assertUserId, groupIdForRoom, Limits, type RoomId } from '../validation.js';
import { CoanchorFlow, initialCoanchor, type JoinAnchorResult } from './coanchor.js';
import {
  type AnchorInfo,
  type ChatLine,
  type ClosedReason,
  type LiveRoomEvents,
  type LiveRoomState,
  type RoomKernel,
  type RoomScene,
  type RoomStatus,
  type VoiceSeat,
  canModerate,
  userEvent,
} from './live-room-types.js';
import { initialPk, PkFlow } from './pk.js';
import { DEFAULT_VOICE_SEATS, parseSeats, SeatFlow } from './seats.js';
import { GiftCombo, type GiftBatch } from '../policies/gift-combo.js';
import { LikeAggregator } from '../policies/like-aggregator.js';
import { OutboundQueue } from '../policies/outbound-queue.js';
import type { Session } from './session.js';
import { ActionStore, nextVolumes } from './store.js';

export type * from './live-room-types.js';
export type { JoinAnchorResult } from './coanchor.js';

const MAX_AUDIENCE = 200;
const MAX_MESSAGES = 200;
const ROOM_STATUSES: readonly RoomStatus[] = ['idle', 'live', 'paused', 'ended'];
/** Longest mute or ban: 30 days. */
const MAX_MODERATION_SECONDS = 30 * 24 * 3600;

const initialState: LiveRoomState = {
  phase: 'idle',
  connection: 'disconnected',
  online: true,
  scene: 'live',
  role: 'audience',
  roomStatus: 'idle',
  notice: '',
  intro: '',
  anchors: [],
  audience: [],
  audienceNextSeq: 0,
  onlineCount: 0,
  admins: [],
  mutedAll: false,
  mutedMembers: {},
  selfMutedUntil: 0,
  previewing: false,
  publishing: false,
  audioMuted: false,
  videoMuted: false,
  mirror: true,
  frontCamera: true,
  videoQuality: '480p',
  devices: {},
  allRemoteAudioMuted: false,
  likeTotal: 0,
  seats: [],
  volumes: {},
  networkQuality: {},
  autoplayBlocked: false,
  messages: [],
  coanchor: initialCoanchor,
  pk: initialPk,
};

/** Bills a merged gift batch on the application's server before the message goes out. */
export type GiftBilling = (batch: { giftId: string; count: number; comboId: string }) => Promise<{ balance?: number } | void>;

export interface LiveRoomStoreOptions {
  /** Bills gifts before they are sent (default: none; the message goes out unbilled). */
  giftBilling?: GiftBilling;
  /** The room's message rate (seed 004: 40 per second). */
  messagesPerSecond?: number;
  /** How long a co-anchor request waits for the anchor (ms). Default 60 000. */
  coanchorTimeoutMs?: number;
  /** How long a PK request waits for the other anchor (ms). Default 60 000. */
  pkTimeoutMs?: number;
  /** Seats for co-anchors. Default 6. */
  seats?: number;
}

export class LiveRoomStore extends ActionStore<LiveRoomState, LiveRoomEvents, 'live-error'> {
  readonly session: Session;
  #teardown: Array<() => void> = [];
  #groupId?: string;
  /** Views of remote users, so that a late `autoplay` unblock can restart them. */
  #views = new Map<string, HTMLVideoElement>();
  #coanchor: CoanchorFlow;
  #pk: PkFlow;
  #seats: SeatFlow;
  #kernel: RoomKernel;
  #outbound: OutboundQueue<{ groupId: string; body: GroupMessage['body'] }, { seq: number; time: number }>;
  #gifts: GiftCombo;
  #giftValues = new Map<string, number>();
  /** In a voice room, gifts go to a chosen seat's user. */
  #giftTo?: string;
  #giftWaiters: Array<{ giftId: string; resolve: () => void; reject: (error: unknown) => void }> = [];
  #likes: LikeAggregator;
  #billing?: GiftBilling;

  constructor(session: Session, options: LiveRoomStoreOptions = {}) {
    super({ ...initialState, connection: session.getState().connection, online: session.getState().online, user: session.getState().user, coanchor: { ...initialCoanchor, seats: options.seats ?? initialCoanchor.seats } }, 'live-error', () => session.timeoutMs);
    this.session = session;
    this.#kernel = {
      engines: session.engines,
      getState: () => this.getState(),
      patch: (patch) => this.set(patch),
      emit: (event, payload) => this.emit(event, payload),
      groupId: () => this.#groupId,
      call: (promise, what) => this.timed(promise, what),
      report: (error) => this.report(error),
      sendDirect: (to, kind, data) => this.timed(session.engines.chat.sendDirect(to, encodeEnvelope(kind, data)), 'sending'),
      sendRoom: (kind, data, priority) => this.#send({ type: 'custom', data: encodeEnvelope(kind, data) }, priority),
      canModerate: (userId) => this.#canModerate(userId),
      profileOf: (userId) => this.#profileOf(userId),
    };
    this.#billing = options.giftBilling;
    this.#outbound = new OutboundQueue({
      ratePerSecond: options.messagesPerSecond ?? 40,
      send: ({ groupId, body }, priority) => this.timed(session.engines.chat.sendGroupMessage(groupId, body, priority), 'sending'),
    });
    this.#gifts = new GiftCombo({ flush: (batch) => void this.#deliverGift(batch) });
    this.#likes = new LikeAggregator({ flush: (count) => void this.#kernel.sendRoom('like', { count }, 'low').catch((error: unknown) => this.report(toLiveError(error))) });
    this.#coanchor = new CoanchorFlow(this.#kernel, options.coanchorTimeoutMs);
    this.#pk = new PkFlow(this.#kernel, options.pkTimeoutMs);
    this.#seats = new SeatFlow(this.#kernel);
    const { media, chat } = session.engines;
    const mine = (groupId: string) => groupId === this.#groupId;
    this.#teardown.push(
      session.subscribe((s) => this.set({ connection: s.connection, user: s.user, online: s.online })),
      session.on('kicked-offline', ({ reason }) => this.#close('kicked-offline', () => this.emit('kicked-offline', { reason }))),
      media.on('user-enter', ({ user }) => this.#anchorEntered(user)),
      media.on('user-exit', ({ userId }) => this.#anchorExited(userId)),
      media.on('video-available', ({ userId, available }) => {
        this.#patchAnchor(userId, { video: available });
        this.emit('user-video-available', { userId, available });
      }),
      media.on('audio-available', ({ userId, available }) => {
        this.#patchAnchor(userId, { audio: available });
        this.emit('user-audio-available', { userId, available });
      }),
      media.on('room-closed', () => this.#roomGone()),
      media.on('first-video-frame', (e) => this.emit('first-video-frame', e)),
      media.on('autoplay-blocked', (e) => {
        this.set({ autoplayBlocked: true });
        this.emit('autoplay-blocked', e);
      }),
      media.on('role-changed', ({ role }) => {
        if (role === 'audience' && this.getState().role === 'anchor') void this.#coanchor.onRevoked();
      }),
      media.on('pk', ({ state, userId }) => this.#pk.onLink(state, userId)),
      media.on('audio-volume', ({ volumes }) => {
        const next = nextVolumes(this.getState().volumes, volumes);
        if (next) this.set({ volumes: next });
      }),
      media.on('network-quality', ({ userId, quality }) => this.set({ networkQuality: { ...this.getState().networkQuality, [userId]: quality } })),
      media.on('error', ({ error }) => this.report(error)),
      chat.on('member-join', (e) => mine(e.groupId) && this.#memberJoined(e.member, e.memberCount)),
      chat.on('member-quit', (e) => mine(e.groupId) && this.#memberQuit(e.userId, e.memberCount)),
      chat.on('group-dismissed', (e) => mine(e.groupId) && this.#roomGone()),
      chat.on('message', (m) => mine(m.groupId) && this.#onMessage(m)),
      chat.on('direct-message', ({ from, data }) => this.#onDirect(from, data)),
      chat.on('attributes', (e) => mine(e.groupId) && this.#applyAttributes(e.attributes)),
      chat.on('member-muted', (e) => mine(e.groupId) && this.#memberMuted(e.userId, e.mutedUntil)),
      chat.on('mute-all', (e) => {
        if (!mine(e.groupId)) return;
        this.set({ mutedAll: e.mute });
        this.emit('mute-all-change', { mute: e.mute });
      }),
      chat.on('member-removed', (e) => mine(e.groupId) && this.#memberRemoved(e.userId, e.bannedUntil, e.memberCount)),
      chat.on('admins', (e) => mine(e.groupId) && this.set({ admins: e.admins })),
      chat.on('like-total', (e) => mine(e.groupId) && this.set({ likeTotal: e.total })),
      chat.on('group-resynced', ({ group }) => mine(group.groupId) && this.#resync(group)),
    );
  }

  /* ───────────── basics ───────────── */

  login(params: { userId: string; userSig?: string; sdkAppId?: number; nickname?: string; avatar?: string }): Promise<UserProfile> {
    return this.act(() => this.session.login(params));
  }

  async logout(): Promise<void> {
    if (this.getState().phase === 'in-room') await this.exitRoom().catch(() => undefined);
    await this.session.logout();
  }

  setSelfProfile(userName: string, avatarURL?: string): Promise<UserProfile> {
    return this.act(() => this.session.setSelfProfile(userName, avatarURL));
  }

  /* ───────────── room ───────────── */

  /** Anchor: creates the room (chat group + media room) and enters it as its anchor. */
  createRoom(roomId: RoomId, roomParam: { roomName?: string; coverUrl?: string; scene?: RoomScene; seats?: number } = {}): Promise<void> {
    const room = assertRoomId(roomId);
    const name = assertText(roomParam.roomName ?? '', Limits.roomNameBytes, 'room name');
    const cover = assertText(roomParam.coverUrl ?? '', Limits.avatarUrlBytes, 'cover URL');
    const scene = assertScene(roomParam.scene ?? this.getState().scene);
    if (roomParam.seats !== undefined) this.setVoiceSeatCount(roomParam.seats);
    return this.#enter(room, 'anchor', scene, async (groupId) => {
      await this.timed(this.session.engines.chat.createGroup({ groupId, name, cover }), 'room creation');
      const group = await this.timed(this.session.engines.chat.joinGroup(groupId), 'joining the room chat');
      if (!group.attributes.status) {
        await this.timed(this.session.engines.chat.setGroupAttributes(groupId, { status: 'idle' }), 'room creation');
        group.attributes = { ...group.attributes, status: 'idle' };
      }
      return group;
    });
  }

  /** Audience: enters an existing room. */
  enterRoom(roomId: RoomId, options: { scene?: RoomScene } = {}): Promise<void> {
    const room = assertRoomId(roomId);
    return this.#enter(room, 'audience', assertScene(options.scene ?? this.getState().scene), (groupId) => this.timed(this.session.engines.chat.joinGroup(groupId), 'entering the room'));
  }

  async #enter(room: RoomId, role: Role, scene: RoomScene, joinChat: (groupId: string) => Promise<GroupInfo>): Promise<void> {
    const state = this.getState();
    if (state.phase === 'entering' || state.phase === 'in-room') throw this.report(new LiveError(ErrorCode.ALREADY_IN_ROOM));
    const credentials = this.session.credentials;
    if (!credentials) throw this.report(new LiveError(ErrorCode.NOT_LOGGED_IN));
    const started = performance.now();
    const groupId = groupIdForRoom(room);
    this.#groupId = groupId;
    const keep = ['connection', 'online', 'user', 'previewing', 'audioMuted', 'videoMuted', 'mirror', 'frontCamera', 'videoQuality', 'devices', 'allRemoteAudioMuted', 'giftBalance'] as const;
    const kept = Object.fromEntries(keep.map((k) => [k, state[k]]));
    this.set({ ...initialState, ...kept, closedReason: undefined, bannedUntil: undefined, error: undefined, coanchor: { ...initialCoanchor, seats: state.coanchor.seats }, phase: 'entering', room, role, scene });
    try {
      const group = await joinChat(groupId);
      const { users, ownerId } = await this.timed(this.session.engines.media.join({ room, role, scene, credentials }), 'entering the room');
      this.set({
        phase: 'in-room',
        ownerId: ownerId || group.ownerId,
        roomInfo: { name: group.name, cover: group.cover },
        onlineCount: group.memberCount,
        admins: group.admins ?? [],
        mutedAll: group.mutedAll ?? false,
        likeTotal: group.likeTotal ?? 0,
      });
      if (group.selfMutedUntil) this.#memberMuted(this.getState().user!.userId, group.selfMutedUntil, false);
      this.#applyAttributes(group.attributes);
      if (scene === 'voice') {
        this.#coanchor.seats = this.#seats;
        if (role === 'anchor' && !parseSeats(group.attributes.seats)) await this.#seats.initialise(this.#voiceSeatCount);
      }
      this.session.engines.media.enableAudioVolumeEvaluation(scene === 'voice' ? 300 : 500);
      for (const user of users) this.#anchorEntered(user);
      void this.#loadAudience();
      this.emit('enter-room', { result: Math.max(1, Math.round(performance.now() - started)) });
    } catch (error) {
      const failure = toLiveError(error, ErrorCode.ROOM_NOT_FOUND);
      await this.#leaveEngines(role === 'anchor' && failure.code !== ErrorCode.ROOM_EXISTS);
      this.#groupId = undefined;
      this.set({ phase: 'idle', room: undefined, ...(failure.code === ErrorCode.BANNED ? { closedReason: 'removed' as const } : {}) });
      this.emit('enter-room', { result: -failure.code });
      throw this.report(failure);
    }
  }

  /** After a reconnection: everything about the room as the server has it now. */
  #resync(group: GroupInfo): void {
    if (this.getState().phase !== 'in-room') return;
    this.set({
      ownerId: group.ownerId || this.getState().ownerId,
      roomInfo: { name: group.name, cover: group.cover },
      onlineCount: group.memberCount,
      admins: group.admins ?? [],
      mutedAll: group.mutedAll ?? false,
      likeTotal: group.likeTotal ?? this.getState().likeTotal,
      audience: [],
      audienceNextSeq: 0,
    });
    this.#memberMuted(this.getState().user!.userId, group.selfMutedUntil ?? 0, false);
    this.#applyAttributes(group.attributes);
    void this.#loadAudience();
  }

  async #loadAudience(): Promise<void> {
    await this.loadMoreAudience(0).catch(() => undefined);
  }

  /** Loads the next page of members into `audience` (from `audienceNextSeq`); resolves with whether more remain. */
  loadMoreAudience(from = this.getState().audienceNextSeq): Promise<boolean> {
    return this.act(async () => {
      const { members, nextSeq } = await this.getRoomMemberList(from);
      const s = this.getState();
      const skip = new Set([...s.anchors.map((a) => a.userId), ...s.audience.map((a) => a.userId), s.user?.userId, s.ownerId]);
      const extra = members.filter((m) => !skip.has(m.userId)).map(profileOf);
      this.set({ audience: [...s.audience, ...extra].slice(0, MAX_AUDIENCE), audienceNextSeq: nextSeq });
      return nextSeq !== 0;
    });
  }

  /** Anchor: ends the live. Everyone else gets `room-destroy`. */
  async destroyRoom(): Promise<void> {
    const { phase, room } = this.getState();
    if (phase !== 'in-room' || !room) throw this.report(new LiveError(ErrorCode.NOT_IN_ROOM));
    this.set({ phase: 'leaving' });
    const groupId = this.#groupId!;
    await this.#pk.quit();
    await this.session.engines.chat.setGroupAttributes(groupId, { status: 'ended' }).catch(() => undefined);
    await this.session.engines.media.unpublish().catch(() => undefined);
    try {
      await this.timed(this.session.engines.chat.dismissGroup(groupId), 'closing the room');
    } catch (error) {
      this.set({ phase: 'in-room' });
      throw this.report(toLiveError(error));
    }
    await this.#leaveEngines(false);
    this.#finish('destroyed');
  }

  /** Audience (or anchor without destroying): leaves the room. */
  async exitRoom(): Promise<void> {
    const { phase } = this.getState();
    if (phase !== 'in-room' && phase !== 'entering') throw this.report(new LiveError(ErrorCode.NOT_IN_ROOM));
    this.set({ phase: 'leaving' });
    await this.#coanchor.cancel().catch(() => undefined);
    await this.#pk.quit().catch(() => undefined);
    await this.#leaveEngines(true);
    this.#finish('exited');
  }

  async #leaveEngines(quitGroup: boolean): Promise<void> {
    const { media, chat } = this.session.engines;
    const groupId = this.#groupId;
    media.enableAudioVolumeEvaluation(0);
    this.#seats.reset();
    this.#coanchor.seats = undefined;
    this.#coanchor.reset();
    this.#pk.reset();
    this.#likes.flushNow();
    this.#gifts.flushNow();
    this.#outbound.clear();
    await media.unpublish().catch(() => undefined);
    await withTimeout(media.leave(), this.session.timeoutMs, 'leaving').catch(() => undefined);
    if (quitGroup && groupId) await withTimeout(chat.quitGroup(groupId), this.session.timeoutMs, 'leaving').catch(() => undefined);
    this.#views.clear();
  }

  #finish(reason: ClosedReason, extra: Partial<LiveRoomState> = {}): void {
    this.#groupId = undefined;
    const keepRole = this.getState().role === 'anchor' && this.getState().user?.userId === this.getState().ownerId;
    this.set({
      phase: 'closed',
      closedReason: reason,
      anchors: [],
      audience: [],
      onlineCount: 0,
      publishing: false,
      autoplayBlocked: false,
      role: keepRole ? 'anchor' : 'audience',
      coanchor: { ...initialCoanchor, seats: this.getState().coanchor.seats },
      pk: initialPk,
      ...extra,
    });
  }

  /** The room ended under us (dismissed by its anchor, or the media room closed). */
  #roomGone(): void {
    const room = this.getState().room;
    if (!room) return;
    this.#close('destroyed', () => this.emit('room-destroy', { roomId: room }));
  }

  #close(reason: ClosedReason, announce: () => void, extra: Partial<LiveRoomState> = {}): void {
    const { phase, role, ownerId, user } = this.getState();
    if (phase === 'closed' || phase === 'idle') {
      if (reason === 'kicked-offline') {
        this.set({ closedReason: reason });
        announce();
      }
      return;
    }
    const quit = reason === 'exited';
    void this.#leaveEngines(quit);
    if (role === 'anchor' && user?.userId !== ownerId) void this.session.engines.media.stopLocalMedia().then(() => this.set({ previewing: false }));
    this.#finish(reason, extra);
    announce();
  }

  getAnchorList(): UserProfile[] {
    return this.getState().anchors.map(profileOf);
  }

  /** Members of the room, most recent first; pass the returned `nextSeq` until it is 0. */
  getRoomMemberList(nextSeq = 0): Promise<{ members: GroupMember[]; nextSeq: number }> {
    return this.act(() => {
      if (!this.#groupId) throw new LiveError(ErrorCode.NOT_IN_ROOM);
      return this.timed(this.session.engines.chat.getMembers(this.#groupId, nextSeq, 50), 'member list');
    });
  }

  /** Room details for a list of rooms (those that exist). */
  async getRoomInfos(roomIds: RoomId[]): Promise<Array<{ roomId: RoomId; roomName: string; coverUrl: string; ownerId: string; memberCount: number; status: RoomStatus }>> {
    const rooms = roomIds.map((r) => assertRoomId(r));
    if (rooms.length > 100) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'Ask for at most 100 rooms at a time.');
    const byGroup = new Map(rooms.map((r) => [groupIdForRoom(r), r]));
    const groups = await this.act(() => this.timed(this.session.engines.chat.getGroupInfo([...byGroup.keys()]), 'room list'));
    return groups
      .filter((g) => byGroup.has(g.groupId))
      .map((g) => ({ roomId: byGroup.get(g.groupId)!, roomName: g.name, coverUrl: g.cover, ownerId: g.ownerId, memberCount: g.memberCount, status: asStatus(g.attributes.status) }));
  }

  /* ───────────── status, notice, introduction ───────────── */

  /** Anchor or admin: the room's status, kept on the server and pushed to everyone. */
  setRoomStatus(status: RoomStatus): Promise<void> {
    return this.act(async () => {
      if (!ROOM_STATUSES.includes(status)) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Unknown room status “${status}”.`);
      await this.#setAttributes({ status });
    });
  }

  /** Anchor or admin: the notice (≤ 300 bytes). */
  updateRoomNotice(notice: string): Promise<void> {
    return this.act(() => this.#setAttributes({ notice: assertText(notice, Limits.noticeBytes, 'notice') }));
  }

  /** Anchor or admin: the introduction (≤ 240 bytes). */
  updateRoomIntro(intro: string): Promise<void> {
    return this.act(() => this.#setAttributes({ intro: assertText(intro, Limits.introBytes, 'introduction') }));
  }

  async #setAttributes(attributes: Record<string, string>): Promise<void> {
    if (!this.#groupId || this.getState().phase !== 'in-room') throw new LiveError(ErrorCode.NOT_IN_ROOM);
    if (!this.#canModerate()) throw new LiveError(ErrorCode.NOT_ALLOWED, 'Only the anchor or an admin can change the room.');
    await this.timed(this.session.engines.chat.setGroupAttributes(this.#groupId, attributes), 'updating the room');
  }

  #applyAttributes(attributes: Record<string, string>): void {
    const before = this.getState();
    const next = { roomStatus: asStatus(attributes.status), notice: attributes.notice ?? '', intro: attributes.intro ?? '' };
    this.set(next);
    if (before.roomStatus !== next.roomStatus || before.notice !== next.notice || before.intro !== next.intro) {
      this.emit('room-status-change', { status: next.roomStatus, notice: next.notice, intro: next.intro });
    }
    this.#pk.fromAttribute(attributes.pk);
    const seats = parseSeats(attributes.seats);
    if (seats && this.getState().scene === 'voice') this.#applySeats(seats);
  }

  /** A new seat map: the seats' mutes take effect (own mic, and others' sound). */
  #applySeats(seats: VoiceSeat[]): void {
    const before = this.getState().seats;
    this.set({ seats, coanchor: { ...this.getState().coanchor, seats: seats.length - 1 } });
    const self = this.getState().user?.userId;
    for (const seat of seats) {
      if (!seat.userId || seat.index === 0) continue;
      const was = before.find((s) => s.userId === seat.userId);
      if (was?.muted === seat.muted && was) continue;
      if (seat.userId === self) void this.muteLocalAudio(seat.muted).catch(() => undefined);
      else this.session.engines.media.muteRemoteAudio(seat.userId, seat.muted || this.getState().allRemoteAudioMuted);
    }
  }

  #voiceSeatCount = DEFAULT_VOICE_SEATS;

  /* ───────────── media ───────────── */

  async startCameraPreview(options: { frontCamera?: boolean; cameraId?: string; microphoneId?: string } = {}): Promise<MediaStream> {
    return this.act(async () => {
      const frontCamera = options.frontCamera ?? this.getState().frontCamera;
      const video = this.getState().scene !== 'voice';
      const stream = await this.session.engines.media.startLocalMedia({ video, audio: true, facingMode: frontCamera ? 'user' : 'environment', cameraId: options.cameraId, microphoneId: options.microphoneId });
      this.set({ previewing: true, frontCamera });
      return stream;
    });
  }

  async stopCameraPreview(): Promise<void> {
    await this.session.engines.media.stopLocalMedia();
    this.set({ previewing: false });
  }

  get localStream(): MediaStream | undefined {
    return this.session.engines.media.localStream;
  }

  /* ── effects (core/effects): created on first use, bound to the media engine; their code is fetched on the first change (effects/lazy.ts) ── */
  #beauty?: BeautyManager;
  #audioEffects?: AudioEffectManager;

  /** getBeautyManager: TXBeautyManager. Applies to the local preview and to what viewers receive. */
  getBeautyManager(): BeautyManager {
    if (!this.#beauty) {
      this.#beauty = new LazyBeautyManager(this.session.engines.media);
      this.#teardown.push(this.#beauty.on('error', ({ error }) => this.report(error)));
    }
    return this.#beauty;
  }

  /** getAudioEffectManager: TXAudioEffectManager (background music, sound effects, voice effects). */
  getAudioEffectManager(): AudioEffectManager {
    if (!this.#audioEffects) {
      this.#audioEffects = new LazyAudioEffectManager(this.session.engines.media);
      this.#teardown.push(this.#audioEffects.on('error', ({ error }) => this.report(error)));
    }
    return this.#audioEffects;
  }
  /* ── end effects ── */

  async startPublish(): Promise<void> {
    return this.act(async () => {
      if (this.getState().phase !== 'in-room') throw new LiveError(ErrorCode.NOT_IN_ROOM);
      if (!this.getState().previewing) await this.startCameraPreview();
      await this.timed(this.session.engines.media.publish(), 'publishing');
      this.set({ publishing: true });
      if (this.#isOwner()) await this.#setAttributes({ status: 'live' }).catch((error: unknown) => this.report(toLiveError(error)));
    });
  }

  async stopPublish(): Promise<void> {
    await this.session.engines.media.unpublish();
    this.set({ publishing: false });
    if (this.#isOwner() && this.getState().phase === 'in-room') await this.#setAttributes({ status: 'paused' }).catch((error: unknown) => this.report(toLiveError(error)));
  }

  /** Plays a remote anchor's video in `view`. */
  startPlay(userId: string, view: HTMLVideoElement): Promise<void> {
    this.#views.set(userId, view);
    return this.act(() => this.session.engines.media.play(userId, view));
  }

  stopPlay(userId: string): void {
    this.#views.delete(userId);
    this.session.engines.media.stopPlay(userId);
  }

  /** switchCamera: front (`true`) or rear camera. */
  switchCamera(isFrontCamera: boolean): Promise<void> {
    return this.act(async () => {
      await this.session.engines.media.switchCamera(isFrontCamera);
      this.set({ frontCamera: isFrontCamera });
    });
  }

  /** setMirror: mirrors the local preview. */
  setMirror(isMirror: boolean): void {
    this.set({ mirror: isMirror });
  }

  async muteLocalAudio(mute: boolean): Promise<void> {
    await this.session.engines.media.muteLocalAudio(mute);
    this.set({ audioMuted: mute });
  }

  async muteLocalVideo(mute: boolean): Promise<void> {
    await this.session.engines.media.muteLocalVideo(mute);
    this.set({ videoMuted: mute });
  }

  muteRemoteAudio(userId: string, mute: boolean): void {
    this.session.engines.media.muteRemoteAudio(userId, mute);
  }

  muteAllRemoteAudio(mute: boolean): void {
    this.session.engines.media.muteAllRemoteAudio(mute);
    this.set({ allRemoteAudioMuted: mute });
  }

  getDevices(): Promise<MediaDevice[]> {
    return this.act(() => this.session.engines.media.getDevices());
  }

  switchDevice(kind: MediaDevice['kind'], deviceId: string): Promise<void> {
    return this.act(async () => {
      await this.session.engines.media.switchDevice(kind, deviceId);
      this.set({ devices: { ...this.getState().devices, [kind]: deviceId } });
    });
  }

  setVideoQuality(quality: VideoQuality): Promise<void> {
    return this.act(async () => {
      await this.session.engines.media.setVideoQuality(quality);
      this.set({ videoQuality: quality });
    });
  }

  /** After a click: lets remote sound play where the browser blocked it. */
  resumeAudio(): void {
    for (const [userId, view] of this.#views) {
      if (!this.getState().allRemoteAudioMuted) this.session.engines.media.muteRemoteAudio(userId, false);
      void view.play().catch(() => undefined);
    }
    this.set({ autoplayBlocked: false });
  }

  /* ───────────── co-anchoring ───────────── */

  /** Viewer: asks the anchor to co-anchor. Resolves with the answer, or `reason: 'timeout'`. */
  requestJoinAnchor(options: { timeoutMs?: number } = {}): Promise<JoinAnchorResult> {
    return this.act(() => this.#coanchor.request(options.timeoutMs));
  }

  cancelRequestJoinAnchor(): Promise<void> {
    return this.act(() => this.#coanchor.cancel());
  }

  /** Anchor or admin: accepts or rejects a viewer's request (the server enforces who may). */
  responseJoinAnchor(userId: string, agree: boolean, reason?: string): Promise<void> {
    return this.act(() => this.#coanchor.respond(assertUserId(userId), agree, reason));
  }

  acceptNextJoinAnchor(): Promise<void> {
    return this.act(() => this.#coanchor.acceptNext());
  }

  rejectAllJoinAnchor(reason?: string): Promise<void> {
    return this.act(() => this.#coanchor.rejectAll(reason));
  }

  /** Anchor or admin: invites a viewer on stage. */
  inviteJoinAnchor(userId: string): Promise<void> {
    return this.act(() => this.#coanchor.invite(assertUserId(userId)));
  }

  /** Viewer: answers an invitation. */
  respondToJoinAnchorInvitation(agree: boolean): Promise<void> {
    return this.act(() => this.#coanchor.answerInvitation(agree));
  }

  /** Anchor or admin: takes a co-anchor off stage. */
  kickoutJoinAnchor(userId: string): Promise<void> {
    return this.act(() => this.#coanchor.kickout(assertUserId(userId)));
  }

  /** Co-anchor: leaves the stage and watches again. */
  quitJoinAnchor(): Promise<void> {
    return this.act(() => this.#coanchor.leaveStage());
  }

  setSeats(seats: number): void {
    try {
      this.#coanchor.setSeats(seats);
    } catch (error) {
      throw this.report(toLiveError(error));
    }
  }

  /* ───────────── voice room seats ───────────── */

  /** The scene of the room to create or enter next (`live` video, `voice` voice chat room). */
  setScene(scene: RoomScene): void {
    if (this.getState().phase === 'in-room' || this.getState().phase === 'entering') throw this.report(new LiveError(ErrorCode.INVALID_STATE, 'Leave the room before changing its scene.'));
    this.set({ scene: assertScene(scene) });
  }

  /** Seats for a voice room this user creates (before `createRoom`). */
  setVoiceSeatCount(count: number): void {
    if (!Number.isInteger(count) || count < 1 || count > 20) throw this.report(new LiveError(ErrorCode.INVALID_ARGUMENT, 'A voice room has 1–20 seats.'));
    this.#voiceSeatCount = count;
    if (this.getState().scene !== 'voice' || this.getState().phase !== 'in-room') this.set({ coanchor: { ...this.getState().coanchor, seats: count } });
  }

  /** Listener: asks for a seat (a given one, or any free one). */
  requestSeat(index?: number, options: { timeoutMs?: number } = {}): Promise<JoinAnchorResult> {
    return this.act(() => {
      if (this.getState().scene !== 'voice') throw new LiveError(ErrorCode.INVALID_STATE, 'Seats belong to a voice chat room.');
      return this.#coanchor.request(options.timeoutMs, index);
    });
  }

  /** Leaves one's seat (back to listening). */
  leaveSeat(): Promise<void> {
    return this.quitJoinAnchor();
  }

  /** Host: invites a listener to a seat. */
  inviteToSeat(userId: string, index?: number): Promise<void> {
    return this.act(() => this.#coanchor.invite(assertUserId(userId), index));
  }

  lockSeat(index: number, locked = true): Promise<void> {
    return this.act(() => this.#seats.lock(index, locked));
  }

  /** Host: mutes (or unmutes) a seat's microphone. */
  muteSeat(index: number, muted = true): Promise<void> {
    return this.act(() => this.#seats.mute(index, muted));
  }

  moveSeat(from: number, to: number): Promise<void> {
    return this.act(() => this.#seats.move(from, to));
  }

  /** Host: takes whoever sits there off the seat. */
  clearSeat(index: number): Promise<void> {
    return this.act(async () => {
      const userId = this.#seats.occupant(index);
      if (userId) await this.#coanchor.kickout(userId);
    });
  }

  /* ───────────── PK ───────────── */

  /** Anchor: asks another room's anchor for a PK. */
  requestRoomPK(roomId: RoomId, userId: string, options: { timeoutMs?: number } = {}): Promise<{ accepted: boolean; reason?: string }> {
    return this.act(() => this.#pk.request(assertRoomId(roomId), assertUserId(userId), options.timeoutMs));
  }

  responseRoomPK(userId: string, agree: boolean): Promise<void> {
    return this.act(() => this.#pk.respond(assertUserId(userId), agree));
  }

  quitRoomPK(): Promise<void> {
    return this.act(() => this.#pk.quit());
  }

  /* ───────────── messages and gifts ───────────── */

  sendRoomTextMsg(message: string): Promise<void> {
    return this.act(async () => {
      const text = assertNonEmptyText(message, Limits.textMessageBytes, 'message');
      this.#checkNotMuted();
      await this.#send({ type: 'text', text }, 'normal');
    });
  }

  sendRoomCustomMsg(cmd: string, message: string): Promise<void> {
    return this.act(async () => {
      const data = encodeEnvelope('custom', { cmd, message });
      await this.#send({ type: 'custom', data }, 'normal');
    });
  }

  /**
   * Sends a gift. Repeated sends merge into combos (one message per 20 gifts or per second of
   * clicking); each batch is billed by the billing function, when one is set, and only then
   * sent at high priority. Resolves when the batch holding this send went out.
   */
  sendGift(giftId: string, count = 1, value = 0, to?: string): Promise<void> {
    try {
      if (typeof giftId !== 'string' || !/^[\w.-]{1,64}$/.test(giftId)) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Invalid gift id ${JSON.stringify(giftId)}.`);
      if (!Number.isInteger(count) || count < 1 || count > 9999) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'A gift count is a whole number 1–9999.');
      if (!Number.isInteger(value) || value < 0 || value > 1_000_000) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'A gift value is a whole number 0–1000000.');
      if (this.getState().phase !== 'in-room') throw new LiveError(ErrorCode.NOT_IN_ROOM);
      if (to !== undefined) assertUserId(to, 'gift recipient');
    } catch (error) {
      return Promise.reject(this.report(toLiveError(error)));
    }
    this.#giftValues.set(giftId, value);
    this.#giftTo = to;
    // A refused batch is reported once (in #deliverGift), not once per merged click.
    const sent = new Promise<void>((resolve, reject) => this.#giftWaiters.push({ giftId, resolve, reject }));
    this.#gifts.add(giftId, count);
    return sent;
  }

  /** The running gift combo (for a combo button's counter), and when it ends without another click. */
  get giftCombo(): { giftId: string; comboId: string; total: number; endsAt: number } | undefined {
    return this.#gifts.current;
  }

  /** The billing function in use, if any. */
  get giftBilling(): GiftBilling | undefined {
    return this.#billing;
  }

  /** Sets the function that bills gifts on the application's server. */
  setGiftBilling(billing: GiftBilling | undefined): void {
    this.#billing = billing;
  }

  /** Records a balance learned elsewhere (e.g. fetched by a panel). */
  setGiftBalance(balance: number | undefined): void {
    this.set({ giftBalance: balance });
  }

  async #deliverGift(batch: GiftBatch): Promise<void> {
    const waiters = this.#giftWaiters.filter((w) => w.giftId === batch.giftId);
    this.#giftWaiters = this.#giftWaiters.filter((w) => w.giftId !== batch.giftId);
    try {
      if (this.#billing) {
        const billed = await this.timed(this.#billing({ giftId: batch.giftId, count: batch.count, comboId: batch.comboId }), 'paying for the gift');
        if (billed && typeof billed.balance === 'number') this.set({ giftBalance: billed.balance });
      }
      const value = this.#giftValues.get(batch.giftId) ?? 0;
      const to = this.#giftTo;
      await this.#kernel.sendRoom('gift', { giftId: batch.giftId, count: batch.count, comboId: batch.comboId, comboTotal: batch.comboTotal, value, ...(to ? { to } : {}) }, 'high');
      for (const w of waiters) w.resolve();
    } catch (error) {
      // The combo ends with a refusal: the next click starts a new one.
      this.#gifts.endCombo();
      const failure = this.report(toLiveError(error));
      for (const w of waiters) w.reject(failure);
    }
  }

  /** A like: taps merge into at most one message per second. */
  like(count = 1): void {
    if (!Number.isInteger(count) || count < 1 || count > 100) throw this.report(new LiveError(ErrorCode.INVALID_ARGUMENT, 'Like 1–100 at a time.'));
    if (this.getState().phase !== 'in-room') throw this.report(new LiveError(ErrorCode.NOT_IN_ROOM));
    this.#likes.add(count);
  }

  #checkNotMuted(): void {
    const s = this.getState();
    const left = Math.ceil((s.selfMutedUntil - Date.now()) / 1000);
    if (left > 0) throw new LiveError(ErrorCode.MUTED, `You are muted for ${left} more second${left === 1 ? '' : 's'}.`);
    if (s.mutedAll && !this.#canModerate()) throw new LiveError(ErrorCode.MUTED, 'The anchor has muted everyone for now.');
  }

  /** Every room message goes through the outbound queue (rate and priority, seed 004). */
  async #send(body: GroupMessage['body'], priority: Priority): Promise<void> {
    if (!this.#groupId || this.getState().phase !== 'in-room') throw new LiveError(ErrorCode.NOT_IN_ROOM);
    await this.#outbound.enqueue({ groupId: this.#groupId, body }, priority);
  }

  #onMessage(message: GroupMessage): void {
    const self = message.from.userId === this.getState().user?.userId;
    if (message.body.type === 'text') {
      const line: ChatLine = { seq: message.seq, time: message.time, from: message.from, text: message.body.text, self };
      this.set({ messages: [...this.getState().messages, line].slice(-MAX_MESSAGES) });
      this.emit('recv-room-text-msg', { message: message.body.text, userInfo: message.from });
      return;
    }
    const decoded = this.#decode(message.from, message.body.data);
    if (!decoded) return;
    if (decoded.kind === 'custom') {
      this.emit('recv-room-custom-msg', { command: decoded.data.cmd, message: decoded.data.message, userInfo: message.from });
    } else if (decoded.kind === 'gift') {
      const { giftId, count } = decoded.data;
      const value = (decoded.data.value ?? 0) * count;
      const comboId = decoded.data.comboId ?? `${message.from.userId}-${message.seq}`;
      this.emit('gift-receive', { userInfo: message.from, giftId, count, value, comboId, comboTotal: decoded.data.comboTotal ?? count, self, ...(decoded.data.to ? { to: decoded.data.to } : {}) });
      this.#pk.onGift(value);
    } else if (decoded.kind === 'like') {
      this.emit('like-receive', { userInfo: message.from, count: decoded.data.count, self });
    }
  }

  /** A malformed message from another client is dropped, and said so; it never reaches the UI. */
  #decode(from: UserProfile, raw: string): Envelope | undefined {
    const decoded = decodeEnvelope(raw);
    if (decoded.ok) return decoded.message;
    this.emit('live-error', { code: decoded.error.code, message: `${decoded.error.message} (from ${from.userId})` });
    return undefined;
  }

  /** Who handles each kind of direct message (built once, not per message). */
  readonly #directHandlers: { [K in MessageKind]?: (from: UserProfile, data: PayloadOf<K>) => void } = {
    'coanchor-request': (f, d) => this.#coanchor.onRequest(f, d),
    'coanchor-cancel': (f, d) => this.#coanchor.onCancel(f, d),
    'coanchor-response': (f, d) => this.#coanchor.onResponse(f, d),
    'coanchor-invite': (f, d) => this.#coanchor.onInvite(f, d),
    'coanchor-status': (f, d) => this.#coanchor.onStatus(f, d),
    'coanchor-kick': (f, d) => this.#coanchor.onKick(f, d),
    'pk-request': (f, d) => this.#pk.onRequest(f, d),
    'pk-response': (f, d) => this.#pk.onResponse(f, d),
    'pk-quit': (f, d) => this.#pk.onQuit(f, d),
    'pk-score': (f, d) => this.#pk.onScore(f, d),
  };

  #onDirect(from: UserProfile, raw: string): void {
    const message = this.#decode(from, raw);
    if (!message) return;
    const handler = this.#directHandlers[message.kind] as ((from: UserProfile, data: unknown) => void) | undefined;
    handler?.(from, message.data);
  }

  /* ───────────── moderation (anchor or admin; the server enforces it) ───────────── */

  /** Mutes a member for `seconds` (1 s – 30 days). */
  muteMember(userId: string, seconds: number): Promise<void> {
    return this.act(async () => {
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_MODERATION_SECONDS) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'Mute for 1 second to 30 days.');
      await this.#moderate((groupId) => this.session.engines.chat.muteMember(groupId, assertUserId(userId), seconds));
    });
  }

  unmuteMember(userId: string): Promise<void> {
    return this.act(() => this.#moderate((groupId) => this.session.engines.chat.muteMember(groupId, assertUserId(userId), 0)));
  }

  muteAllMembers(mute: boolean): Promise<void> {
    return this.act(() => this.#moderate((groupId) => this.session.engines.chat.muteAll(groupId, mute)));
  }

  /** Removes a member; they cannot come back for `banSeconds` (default 10 minutes). */
  removeMember(userId: string, banSeconds = 600): Promise<void> {
    return this.act(async () => {
      if (!Number.isInteger(banSeconds) || banSeconds < 0 || banSeconds > MAX_MODERATION_SECONDS) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'Ban for 0 seconds to 30 days.');
      await this.#moderate((groupId) => this.session.engines.chat.removeMember(groupId, assertUserId(userId), banSeconds));
    });
  }

  /** Owner: makes a member an admin (who may then moderate) or not. */
  setAdmin(userId: string, admin: boolean): Promise<void> {
    return this.act(() => this.#moderate((groupId) => this.session.engines.chat.setAdmin(groupId, assertUserId(userId), admin)));
  }

  async #moderate(action: (groupId: string) => Promise<unknown>): Promise<void> {
    if (!this.#groupId || this.getState().phase !== 'in-room') throw new LiveError(ErrorCode.NOT_IN_ROOM);
    await this.timed(action(this.#groupId), 'moderation');
  }

  #muteTimers = new Map<string, ReturnType<typeof setTimeout>>();

  #memberMuted(userId: string, mutedUntil: number, announce = true): void {
    clearTimeout(this.#muteTimers.get(userId));
    this.#muteTimers.delete(userId);
    const muted = { ...this.getState().mutedMembers };
    const active = mutedUntil > Date.now();
    if (active) muted[userId] = mutedUntil;
    else delete muted[userId];
    this.set({ mutedMembers: muted, ...(userId === this.getState().user?.userId ? { selfMutedUntil: active ? mutedUntil : 0 } : {}) });
    // When the mute runs out, the state says so by itself.
    if (active) this.#muteTimers.set(userId, setTimeout(() => this.#memberMuted(userId, 0, false), Math.min(mutedUntil - Date.now() + 50, 2 ** 31 - 1)));
    if (announce) this.emit('member-muted', { userId, mutedUntil: active ? mutedUntil : 0 });
  }

  #memberRemoved(userId: string, bannedUntil: number, memberCount: number): void {
    this.emit('member-removed', { userId, bannedUntil });
    if (this.getState().mutedMembers[userId]) this.#memberMuted(userId, 0, false);
    if (userId === this.getState().user?.userId) {
      this.#close('removed', () => undefined, { bannedUntil });
      return;
    }
    this.#memberQuit(userId, memberCount);
  }

  #isOwner(): boolean {
    const s = this.getState();
    return !!s.user && s.user.userId === s.ownerId;
  }

  #canModerate(userId?: string): boolean {
    return canModerate(this.getState(), userId);
  }

  #profileOf(userId: string): UserProfile {
    const s = this.getState();
    return s.anchors.find((a) => a.userId === userId) ?? s.audience.find((a) => a.userId === userId) ?? { userId, nickname: userId, avatar: '' };
  }

  /* ───────────── presence ───────────── */

  #anchorEntered(user: MediaUser): void {
    if (user.userId === this.getState().user?.userId) return;
    const anchors = this.getState().anchors;
    if (anchors.some((a) => a.userId === user.userId)) {
      this.#patchAnchor(user.userId, user);
      return;
    }
    this.set({ anchors: [...anchors, user], audience: this.getState().audience.filter((a) => a.userId !== user.userId) });
    this.emit('anchor-enter', userEvent(user));
    if (user.video) this.emit('user-video-available', { userId: user.userId, available: true });
    this.#coanchor.onStageChanged();
    this.#seats.onStageEnter(user.userId);
  }

  #anchorExited(userId: string): void {
    const anchor = this.getState().anchors.find((a) => a.userId === userId);
    if (!anchor) return;
    this.set({ anchors: this.getState().anchors.filter((a) => a.userId !== userId) });
    this.#views.delete(userId);
    this.emit('anchor-exit', userEvent(anchor));
    this.#coanchor.onStageChanged();
    this.#seats.onStageExit(userId);
  }

  #patchAnchor(userId: string, patch: Partial<AnchorInfo>): void {
    const anchors = this.getState().anchors;
    const index = anchors.findIndex((a) => a.userId === userId);
    if (index < 0) return;
    const next = anchors.slice();
    next[index] = { ...anchors[index], ...patch };
    this.set({ anchors: next });
  }

  #memberJoined(member: GroupMember, memberCount: number): void {
    const { user, ownerId, anchors, audience } = this.getState();
    this.set({ onlineCount: memberCount });
    if (member.userId === user?.userId || member.userId === ownerId || anchors.some((a) => a.userId === member.userId)) return;
    const profile = profileOf(member);
    this.set({ audience: [profile, ...audience.filter((a) => a.userId !== member.userId)].slice(0, MAX_AUDIENCE) });
    this.emit('audience-enter', { userInfo: profile });
  }

  #memberQuit(userId: string, memberCount: number): void {
    const { audience } = this.getState();
    this.set({ onlineCount: memberCount });
    this.#coanchor.onMemberLeft(userId);
    const member = audience.find((a) => a.userId === userId);
    if (!member) return;
    this.set({ audience: audience.filter((a) => a.userId !== userId) });
    this.emit('audience-exit', userEvent(member));
  }

  destroy(): void {
    if (this.getState().phase === 'in-room') void this.#leaveEngines(true);
    this.#gifts.dispose();
    this.#likes.dispose();
    this.#outbound.clear();
    for (const off of this.#teardown) off();
    this.#teardown = [];
    this.#beauty?.dispose(); // effects
    this.#audioEffects?.dispose(); // effects
    this.clear();
  }
}

function assertScene(scene: RoomScene | undefined): RoomScene {
  if (scene === undefined) return 'live';
  if (scene !== 'live' && scene !== 'voice') throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Unknown scene “${String(scene)}”: use live or voice.`);
  return scene;
}

function asStatus(value: string | undefined): RoomStatus {
  return ROOM_STATUSES.includes(value as RoomStatus) ? (value as RoomStatus) : 'idle';
}

function profileOf(user: UserProfile): UserProfile {
  return { userId: user.userId, nickname: user.nickname, avatar: user.avatar };
}
