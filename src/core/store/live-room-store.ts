/**
 * TRTCLiveRoom semantics (seed 000) over any pair of engines. Methods keep the seed's names;
 * the seed's `on…` callbacks are events in kebab-case (`onAnchorEnter` → `anchor-enter`).
 */
import type { ConnectionState, GroupMember, GroupMessage, KickReason, MediaUser, Role, UserProfile } from '../engines/types.js';
import { ErrorCode, LiveError, toLiveError, withTimeout } from '../errors.js';
import { decodeEnvelope, encodeEnvelope } from '../protocol/envelope.js';
import { assertNonEmptyText, assertRoomId, assertText, groupIdForRoom, Limits, type RoomId } from '../validation.js';
import type { Session } from './session.js';
import { Store } from './store.js';

export type RoomPhase = 'idle' | 'entering' | 'in-room' | 'leaving' | 'closed';
export type ClosedReason = 'destroyed' | 'kicked-offline' | 'exited';

export interface AnchorInfo extends MediaUser {}

export interface ChatLine {
  seq: number;
  time: number;
  from: UserProfile;
  text: string;
  self: boolean;
}

export interface LiveRoomState {
  phase: RoomPhase;
  connection: ConnectionState;
  user?: UserProfile;
  room?: RoomId;
  role: Role;
  ownerId?: string;
  roomInfo?: { name: string; cover: string };
  /** Anchors and co-anchors other than oneself, in order of entry. */
  anchors: readonly AnchorInfo[];
  /** Audience members, most recent first (a bounded window; the count is `onlineCount`). */
  audience: readonly UserProfile[];
  onlineCount: number;
  previewing: boolean;
  publishing: boolean;
  audioMuted: boolean;
  videoMuted: boolean;
  /** Remote sound is waiting for a click (the browser blocked autoplay with sound). */
  autoplayBlocked: boolean;
  /** The latest text messages, oldest first (bounded). */
  messages: readonly ChatLine[];
  closedReason?: ClosedReason;
  error?: { code: number; message: string };
}

type UserEvent = { userId: string; userName: string; userAvatar: string };

export interface LiveRoomEvents {
  /** onEnterRoom: `result` > 0 is the time entering took (ms); < 0 is an error code. */
  'enter-room': { result: number };
  'anchor-enter': UserEvent;
  'anchor-exit': UserEvent;
  'audience-enter': { userInfo: UserProfile };
  'audience-exit': UserEvent;
  'room-destroy': { roomId: RoomId };
  'kicked-offline': { reason: KickReason };
  'user-video-available': { userId: string; available: boolean };
  'user-audio-available': { userId: string; available: boolean };
  'first-video-frame': { userId: string };
  'autoplay-blocked': { userId: string };
  'recv-room-text-msg': { message: string; userInfo: UserProfile };
  'recv-room-custom-msg': { command: string; message: string; userInfo: UserProfile };
  /** onError. Named `live-error` so that it never passes for a window `error` event. */
  'live-error': { code: number; message: string };
}

const MAX_AUDIENCE = 200;
const MAX_MESSAGES = 200;

const initialState: LiveRoomState = {
  phase: 'idle',
  connection: 'disconnected',
  role: 'audience',
  anchors: [],
  audience: [],
  onlineCount: 0,
  previewing: false,
  publishing: false,
  audioMuted: false,
  videoMuted: false,
  autoplayBlocked: false,
  messages: [],
};

export class LiveRoomStore extends Store<LiveRoomState, LiveRoomEvents> {
  readonly session: Session;
  #teardown: Array<() => void> = [];
  #groupId?: string;
  /** Views of remote users, so that a late `autoplay` unblock can restart them. */
  #views = new Map<string, HTMLVideoElement>();

  constructor(session: Session) {
    super({ ...initialState, connection: session.getState().connection, user: session.getState().user });
    this.session = session;
    const { media, chat } = session.engines;
    this.#teardown.push(
      session.subscribe((s) => this.set({ connection: s.connection, user: s.user })),
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
      media.on('error', ({ error }) => this.#report(error)),
      chat.on('member-join', (e) => e.groupId === this.#groupId && this.#memberJoined(e.member, e.memberCount)),
      chat.on('member-quit', (e) => e.groupId === this.#groupId && this.#memberQuit(e.userId, e.memberCount)),
      chat.on('group-dismissed', (e) => e.groupId === this.#groupId && this.#roomGone()),
      chat.on('message', (m) => m.groupId === this.#groupId && this.#onMessage(m)),
    );
  }

  /* ───────────── basics ───────────── */

  login(params: { userId: string; userSig?: string; sdkAppId?: number; nickname?: string; avatar?: string }): Promise<UserProfile> {
    return this.#act(() => this.session.login(params));
  }

  async logout(): Promise<void> {
    if (this.getState().phase === 'in-room') await this.exitRoom().catch(() => undefined);
    await this.session.logout();
  }

  setSelfProfile(userName: string, avatarURL?: string): Promise<UserProfile> {
    return this.#act(() => this.session.setSelfProfile(userName, avatarURL));
  }

  /* ───────────── room ───────────── */

  /** Anchor: creates the room (chat group + media room) and enters it as its anchor. */
  createRoom(roomId: RoomId, roomParam: { roomName?: string; coverUrl?: string } = {}): Promise<void> {
    const room = assertRoomId(roomId);
    const name = assertText(roomParam.roomName ?? '', Limits.roomNameBytes, 'room name');
    const cover = assertText(roomParam.coverUrl ?? '', Limits.avatarUrlBytes, 'cover URL');
    return this.#enter(room, 'anchor', async (groupId) => {
      const group = await this.#call(this.session.engines.chat.createGroup({ groupId, name, cover }), 'room creation');
      await this.#call(this.session.engines.chat.joinGroup(groupId), 'joining the room chat');
      return group;
    });
  }

  /** Audience: enters an existing room. */
  enterRoom(roomId: RoomId): Promise<void> {
    const room = assertRoomId(roomId);
    return this.#enter(room, 'audience', (groupId) => this.#call(this.session.engines.chat.joinGroup(groupId), 'entering the room'));
  }

  async #enter(room: RoomId, role: Role, joinChat: (groupId: string) => Promise<{ ownerId: string; name: string; cover: string; memberCount: number }>): Promise<void> {
    const state = this.getState();
    if (state.phase === 'entering' || state.phase === 'in-room') throw this.#report(new LiveError(ErrorCode.ALREADY_IN_ROOM));
    const credentials = this.session.credentials;
    if (!credentials) throw this.#report(new LiveError(ErrorCode.NOT_LOGGED_IN));
    const started = performance.now();
    const groupId = groupIdForRoom(room);
    this.#groupId = groupId;
    this.set({ ...initialState, connection: state.connection, user: state.user, previewing: state.previewing, audioMuted: state.audioMuted, videoMuted: state.videoMuted, phase: 'entering', room, role });
    try {
      const group = await joinChat(groupId);
      const { users, ownerId } = await this.#call(this.session.engines.media.join({ room, role, scene: 'live', credentials }), 'entering the room');
      this.set({ phase: 'in-room', ownerId: ownerId || group.ownerId, roomInfo: { name: group.name, cover: group.cover }, onlineCount: group.memberCount });
      for (const user of users) this.#anchorEntered(user);
      void this.#loadAudience();
      this.emit('enter-room', { result: Math.max(1, Math.round(performance.now() - started)) });
    } catch (error) {
      const failure = toLiveError(error, ErrorCode.ROOM_NOT_FOUND);
      await this.#leaveEngines(role === 'anchor' && failure.code !== ErrorCode.ROOM_EXISTS);
      this.#groupId = undefined;
      this.set({ phase: 'idle', room: undefined });
      this.emit('enter-room', { result: -failure.code });
      throw this.#report(failure);
    }
  }

  async #loadAudience(): Promise<void> {
    try {
      const { members } = await this.getRoomMemberList(0);
      const anchors = new Set(this.getState().anchors.map((a) => a.userId));
      const self = this.getState().user?.userId;
      const known = new Set(this.getState().audience.map((a) => a.userId));
      const extra = members.filter((m) => !anchors.has(m.userId) && m.userId !== self && m.userId !== this.getState().ownerId && !known.has(m.userId));
      this.set({ audience: [...this.getState().audience, ...extra.map(profileOf)].slice(0, MAX_AUDIENCE) });
    } catch (error) {
      this.#report(toLiveError(error));
    }
  }

  /** Anchor: ends the live. Everyone else gets `room-destroy`. */
  async destroyRoom(): Promise<void> {
    const { phase, room } = this.getState();
    if (phase !== 'in-room' || !room) throw this.#report(new LiveError(ErrorCode.NOT_IN_ROOM));
    this.set({ phase: 'leaving' });
    const groupId = this.#groupId!;
    await this.session.engines.media.unpublish().catch(() => undefined);
    try {
      await this.#call(this.session.engines.chat.dismissGroup(groupId), 'closing the room');
    } catch (error) {
      this.set({ phase: 'in-room' });
      throw this.#report(toLiveError(error));
    }
    await this.#leaveEngines(false);
    this.#finish('destroyed');
  }

  /** Audience (or anchor without destroying): leaves the room. */
  async exitRoom(): Promise<void> {
    const { phase } = this.getState();
    if (phase !== 'in-room' && phase !== 'entering') throw this.#report(new LiveError(ErrorCode.NOT_IN_ROOM));
    this.set({ phase: 'leaving' });
    await this.#leaveEngines(true);
    this.#finish('exited');
  }

  async #leaveEngines(quitGroup: boolean): Promise<void> {
    const { media, chat } = this.session.engines;
    const groupId = this.#groupId;
    await media.unpublish().catch(() => undefined);
    await withTimeout(media.leave(), this.session.timeoutMs, 'leaving').catch(() => undefined);
    if (quitGroup && groupId) await withTimeout(chat.quitGroup(groupId), this.session.timeoutMs, 'leaving').catch(() => undefined);
    this.#views.clear();
  }

  #finish(reason: ClosedReason): void {
    this.#groupId = undefined;
    this.set({ phase: 'closed', closedReason: reason, anchors: [], audience: [], onlineCount: 0, publishing: false, autoplayBlocked: false });
  }

  /** The room ended under us (dismissed by its anchor, or the media room closed). */
  #roomGone(): void {
    const room = this.getState().room;
    if (!room) return;
    this.#close('destroyed', () => this.emit('room-destroy', { roomId: room }));
  }

  #close(reason: ClosedReason, announce: () => void): void {
    const { phase } = this.getState();
    if (phase === 'closed' || phase === 'idle') {
      if (reason === 'kicked-offline') {
        this.set({ closedReason: reason });
        announce();
      }
      return;
    }
    const quit = reason !== 'destroyed' && reason !== 'kicked-offline';
    void this.#leaveEngines(quit);
    this.#finish(reason);
    announce();
  }

  getAnchorList(): UserProfile[] {
    return this.getState().anchors.map(profileOf);
  }

  /** Members of the room, most recent first; pass the returned `nextSeq` until it is 0. */
  async getRoomMemberList(nextSeq = 0): Promise<{ members: GroupMember[]; nextSeq: number }> {
    if (!this.#groupId) throw new LiveError(ErrorCode.NOT_IN_ROOM);
    return this.#call(this.session.engines.chat.getMembers(this.#groupId, nextSeq, 50), 'member list');
  }

  /* ───────────── media ───────────── */

  async startCameraPreview(options: { frontCamera?: boolean; cameraId?: string; microphoneId?: string } = {}): Promise<MediaStream> {
    return this.#act(async () => {
      const stream = await this.session.engines.media.startLocalMedia({
        video: true,
        audio: true,
        facingMode: options.frontCamera === false ? 'environment' : 'user',
        cameraId: options.cameraId,
        microphoneId: options.microphoneId,
      });
      this.set({ previewing: true });
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

  async startPublish(): Promise<void> {
    return this.#act(async () => {
      if (this.getState().phase !== 'in-room') throw new LiveError(ErrorCode.NOT_IN_ROOM);
      if (!this.getState().previewing) await this.startCameraPreview();
      await this.#call(this.session.engines.media.publish(), 'publishing');
      this.set({ publishing: true });
    });
  }

  async stopPublish(): Promise<void> {
    await this.session.engines.media.unpublish();
    this.set({ publishing: false });
  }

  /** Plays a remote anchor's video in `view`. */
  startPlay(userId: string, view: HTMLVideoElement): Promise<void> {
    this.#views.set(userId, view);
    return this.#act(() => this.session.engines.media.play(userId, view));
  }

  stopPlay(userId: string): void {
    if (this.#views.get(userId)) this.#views.delete(userId);
    this.session.engines.media.stopPlay(userId);
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

  /** After a click: lets remote sound play where the browser blocked it. */
  resumeAudio(): void {
    for (const [userId, view] of this.#views) {
      this.session.engines.media.muteRemoteAudio(userId, false);
      void view.play().catch(() => undefined);
    }
    this.set({ autoplayBlocked: false });
  }

  /* ───────────── messages ───────────── */

  sendRoomTextMsg(message: string): Promise<void> {
    return this.#act(async () => {
      const text = assertNonEmptyText(message, Limits.textMessageBytes, 'message');
      await this.#send({ type: 'text', text }, 'normal');
    });
  }

  sendRoomCustomMsg(cmd: string, message: string): Promise<void> {
    return this.#act(async () => {
      const data = encodeEnvelope('custom', { cmd, message });
      await this.#send({ type: 'custom', data }, 'normal');
    });
  }

  async #send(body: GroupMessage['body'], priority: GroupMessage['priority']): Promise<void> {
    if (!this.#groupId || this.getState().phase !== 'in-room') throw new LiveError(ErrorCode.NOT_IN_ROOM);
    await this.#call(this.session.engines.chat.sendGroupMessage(this.#groupId, body, priority), 'sending');
  }

  #onMessage(message: GroupMessage): void {
    const self = message.from.userId === this.getState().user?.userId;
    if (message.body.type === 'text') {
      const line: ChatLine = { seq: message.seq, time: message.time, from: message.from, text: message.body.text, self };
      this.set({ messages: [...this.getState().messages, line].slice(-MAX_MESSAGES) });
      this.emit('recv-room-text-msg', { message: message.body.text, userInfo: message.from });
      return;
    }
    const decoded = decodeEnvelope(message.body.data);
    if (!decoded.ok) {
      // A malformed message from another client is dropped, and said so; it never reaches the UI.
      this.emit('live-error', { code: decoded.error.code, message: `${decoded.error.message} (from ${message.from.userId})` });
      return;
    }
    if (decoded.message.kind === 'custom') {
      this.emit('recv-room-custom-msg', { command: decoded.message.data.cmd, message: decoded.message.data.message, userInfo: message.from });
    }
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
  }

  #anchorExited(userId: string): void {
    const anchor = this.getState().anchors.find((a) => a.userId === userId);
    if (!anchor) return;
    this.set({ anchors: this.getState().anchors.filter((a) => a.userId !== userId) });
    this.#views.delete(userId);
    this.emit('anchor-exit', userEvent(anchor));
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
    const member = audience.find((a) => a.userId === userId);
    if (!member) return;
    this.set({ audience: audience.filter((a) => a.userId !== userId) });
    this.emit('audience-exit', userEvent(member));
  }

  /* ───────────── plumbing ───────────── */

  #call<T>(promise: Promise<T>, what: string): Promise<T> {
    return withTimeout(promise, this.session.timeoutMs, what);
  }

  /** Runs an action; a failure is recorded in state, announced as `live-error`, and rethrown typed. */
  async #act<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw this.#report(toLiveError(error));
    }
  }

  #report(error: LiveError): LiveError {
    this.set({ error: { code: error.code, message: error.message } });
    this.emit('live-error', { code: error.code, message: error.message });
    return error;
  }

  clearError(): void {
    this.set({ error: undefined });
  }

  destroy(): void {
    if (this.getState().phase === 'in-room') void this.#leaveEngines(true);
    for (const off of this.#teardown) off();
    this.#teardown = [];
    this.clear();
  }
}

function profileOf(user: UserProfile): UserProfile {
  return { userId: user.userId, nickname: user.nickname, avatar: user.avatar };
}

function userEvent(user: UserProfile): UserEvent {
  return { userId: user.userId, userName: user.nickname, userAvatar: user.avatar };
}
