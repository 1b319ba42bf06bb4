/**
 * TRTCCalling semantics (seed 002) over any pair of engines: one-to-one and group audio/video
 * calls. Call signalling (invite, accept, reject, cancel, hang up, busy, switch) is the kit's
 * protocol over direct messages (or a group, for `groupCall` with a `groupID`), so it works the
 * same on every engine; the media of a call is a room of the `rtc` / `audio-call` scene that the
 * invitation names. The seed's events keep their names in kebab-case (`NO_RESP` → `no-resp`).
 */
import type { GroupMessage, MediaDevice, MediaUser, UserProfile, VideoQuality } from '../engines/types.js';
import { ErrorCode, LiveError, toLiveError, withTimeout } from '../errors.js';
import { decodeEnvelope, encodeEnvelope, type MessageKind, type PayloadOf } from '../protocol/envelope.js';
import { assertUserId, stringRoom } from '../validation.js';
import { newRequestId } from './live-room-types.js';
import type { Session } from './session.js';
import { ActionStore, nextVolumes } from './store.js';

/** 1 audio, 2 video (the seed's numbers). */
export type CallType = 1 | 2;
export type CallStatus = 'idle' | 'calling' | 'incoming' | 'connected' | 'ended';
export type InviteeState = 'waiting' | 'accepted' | 'rejected' | 'no-response' | 'busy' | 'left' | 'cancelled';
export type CallEndReason =
  | 'hangup'
  | 'remote-hangup'
  | 'rejected'
  | 'declined'
  | 'busy'
  | 'no-answer'
  | 'cancelled'
  | 'timeout'
  | 'kicked-out'
  | 'permission-denied'
  | 'device-missing'
  | 'error';

export interface CallParticipant extends MediaUser {}

export interface CallState {
  status: CallStatus;
  user?: UserProfile;
  callId?: string;
  type: CallType;
  /** What the call carries now (a video call switched to audio carries audio). */
  media: 'audio' | 'video';
  isGroup: boolean;
  groupId?: string;
  /** Who started the call. */
  sponsor?: UserProfile;
  /** Everyone invited, and how each stands. */
  invitees: ReadonlyArray<{ userId: string; state: InviteeState }>;
  /** Others in the call's media room now. */
  participants: readonly CallParticipant[];
  /** When the call connected (ms since epoch), for a duration timer; kept after the end. */
  startedAt?: number;
  /** When the call ended (ms since epoch). */
  endedAt?: number;
  /** All remote sound off (the speaker button). */
  speakerMuted: boolean;
  /** When an unanswered invitation runs out (ms since epoch). */
  expiresAt?: number;
  micMuted: boolean;
  cameraOn: boolean;
  videoQuality: VideoQuality;
  /** Audio levels 0–100 per user in the call (speaking indicators). */
  volumes: Readonly<Record<string, number>>;
  /** Network quality per user (this user's own uplink included), TRTC's scale: 0 unknown, 1 excellent … 6 disconnected. */
  networkQuality: Readonly<Record<string, number>>;
  endReason?: CallEndReason;
  error?: { code: number; message: string };
}

export interface CallEvents {
  'sdk-ready': Record<string, never>;
  /** INVITED (invitee). */
  invited: { sponsor: string; userIDList: string[]; isFromGroup: boolean; inviteData: { callType: CallType; roomID: string }; inviteID: string };
  /** REJECT (inviter): an invitee declined. */
  reject: { userID: string };
  /** NO_RESP (inviter): these invitees did not answer in time. */
  'no-resp': { userID: string; userIDList: string[] };
  /** LINE_BUSY (inviter): the invitee is in another call. */
  'line-busy': { userID: string };
  /** CALLING_CANCEL (invitee): the inviter cancelled. */
  'calling-cancel': { inviteID: string };
  /** CALLING_TIMEOUT (invitee): the invitation ran out unanswered. */
  'calling-timeout': { inviteID: string };
  'user-enter': { userID: string };
  'user-leave': { userID: string };
  'group-call-invitee-list-update': { userIDList: string[] };
  /** CALL_END: the call ended for this user; `reason` says how. */
  'call-end': { reason: CallEndReason };
  /** KICKED_OUT: the same user logged in elsewhere. */
  'kicked-out': Record<string, never>;
  'user-video-available': { userID: string; isVideoAvailable: boolean };
  'user-audio-available': { userID: string; isAudioAvailable: boolean };
  'call-type-change': { type: CallType };
  /** ERROR, with the seed's codes (60001–60006) among others. Named so it never passes for `error`. */
  'call-error': { code: number; message: string };
}

export const callEventNames = [
  'sdk-ready',
  'invited',
  'reject',
  'no-resp',
  'line-busy',
  'calling-cancel',
  'calling-timeout',
  'user-enter',
  'user-leave',
  'group-call-invitee-list-update',
  'call-end',
  'kicked-out',
  'user-video-available',
  'user-audio-available',
  'call-type-change',
  'call-error',
] as const satisfies readonly (keyof CallEvents)[];

export interface CallStoreOptions {
  /** How long an invitation rings before NO_RESP / CALLING_TIMEOUT (ms). Default 30 000. */
  timeoutMs?: number;
}

const MAX_INVITEES = 8;

const initialState: CallState = {
  status: 'idle',
  type: 2,
  media: 'video',
  isGroup: false,
  invitees: [],
  participants: [],
  micMuted: false,
  cameraOn: false,
  speakerMuted: false,
  videoQuality: '480p',
  volumes: {},
  networkQuality: {},
};

interface CurrentCall {
  callId: string;
  roomId: string;
  type: CallType;
  sponsor: string;
  groupId?: string;
  joined: boolean;
}

export class CallStore extends ActionStore<CallState, CallEvents, 'call-error'> {
  readonly session: Session;
  readonly timeoutMs: number;
  #call?: CurrentCall;
  #timer?: ReturnType<typeof setTimeout>;
  #teardown: Array<() => void> = [];

  constructor(session: Session, options: CallStoreOptions = {}) {
    super({ ...initialState, user: session.getState().user }, 'call-error', () => session.timeoutMs);
    this.session = session;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const { media, chat } = session.engines;
    this.#teardown.push(
      session.subscribe((s) => this.set({ user: s.user })),
      session.on('kicked-offline', () => {
        if (this.#call) void this.#end('kicked-out', { notify: false });
        this.emit('kicked-out', {});
      }),
      chat.on('direct-message', ({ from, data }) => this.#onSignal(from, data, false)),
      chat.on('message', (m: GroupMessage) => m.body.type === 'custom' && this.#onSignal(m.from, m.body.data, true)),
      media.on('user-enter', ({ user }) => this.#participantEntered(user)),
      media.on('user-exit', ({ userId }) => this.#participantLeft(userId)),
      media.on('video-available', ({ userId, available }) => {
        this.#patchParticipant(userId, { video: available });
        this.emit('user-video-available', { userID: userId, isVideoAvailable: available });
      }),
      media.on('audio-available', ({ userId, available }) => {
        this.#patchParticipant(userId, { audio: available });
        this.emit('user-audio-available', { userID: userId, isAudioAvailable: available });
      }),
      media.on('audio-volume', ({ volumes }) => {
        const next = this.#call && nextVolumes(this.getState().volumes, volumes);
        if (next) this.set({ volumes: next });
      }),
      media.on('network-quality', ({ userId, quality }) => {
        if (this.#call) this.set({ networkQuality: { ...this.getState().networkQuality, [userId]: quality } });
      }),
      media.on('error', ({ error }) => this.report(error)),
    );
  }

  /* ───────────── session ───────────── */

  async login(params: { userID: string; userSig?: string; sdkAppId?: number; nickname?: string; avatar?: string }): Promise<UserProfile> {
    const user = await this.act(() => this.session.login({ userId: params.userID, userSig: params.userSig, sdkAppId: params.sdkAppId, nickname: params.nickname, avatar: params.avatar }));
    this.emit('sdk-ready', {});
    return user;
  }

  async logout(): Promise<void> {
    if (this.#call) await this.hangup().catch(() => undefined);
    await this.session.logout();
  }

  /* ───────────── calling ───────────── */

  /** A one-to-one call (type 1 audio, 2 video). */
  call(params: { userID: string; type: CallType }): Promise<void> {
    return this.#start([params.userID], params.type, false);
  }

  /** A group call; with `groupID`, the invitation goes to that chat group. */
  groupCall(params: { userIDList: string[]; type: CallType; groupID?: string }): Promise<void> {
    return this.#start(params.userIDList, params.type, true, params.groupID);
  }

  async #start(ids: string[], type: CallType, isGroup: boolean, groupId?: string): Promise<void> {
    return this.act(async () => {
      if (type !== 1 && type !== 2) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'The call type is 1 (audio) or 2 (video).');
      const self = this.getState().user?.userId;
      if (!self) throw new LiveError(ErrorCode.NOT_LOGGED_IN);
      const invitees = [...new Set(ids.map((id) => assertUserId(id, 'userID')))];
      if (invitees.length === 0 || invitees.length > MAX_INVITEES) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Invite 1–${MAX_INVITEES} people.`);
      if (invitees.includes(self)) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'You cannot call yourself.');
      if (this.getState().status !== 'idle' && this.getState().status !== 'ended') throw new LiveError(ErrorCode.INVALID_STATE, 'Already in a call.');
      const callId = newRequestId();
      const call: CurrentCall = { callId, roomId: `call_${callId}`, type, sponsor: self, groupId, joined: false };
      this.#call = call;
      this.set({
        ...initialState,
        user: this.getState().user,
        videoQuality: this.getState().videoQuality,
        status: 'calling',
        callId,
        type,
        media: type === 2 ? 'video' : 'audio',
        isGroup,
        groupId,
        sponsor: this.getState().user,
        invitees: invitees.map((userId) => ({ userId, state: 'waiting' as const })),
        expiresAt: Date.now() + this.timeoutMs,
      });
      try {
        await this.#joinMedia(call, type === 2);
        const invite: PayloadOf<'call-invite'> = { callId, type, roomId: call.roomId, inviter: self, invitees, ...(groupId ? { groupId } : {}) };
        if (groupId) {
          await this.timed(this.session.engines.chat.sendGroupMessage(groupId, { type: 'custom', data: encodeEnvelope('call-invite', invite) }, 'high'), 'inviting');
        } else {
          await Promise.all(invitees.map((id) => this.#signal(id, 'call-invite', invite).catch((error: unknown) => this.#inviteFailed(id, toLiveError(error)))));
        }
      } catch (error) {
        await this.#end(endReasonFor(toLiveError(error)), { notify: true });
        throw error;
      }
      this.#armTimer(() => this.#noResponse());
    });
  }

  #inviteFailed(userId: string, error: LiveError): void {
    // An invitee who is offline cannot answer: treat as no response, say why.
    this.#setInvitee(userId, 'no-response');
    this.report(error.code === ErrorCode.USER_NOT_FOUND ? new LiveError(ErrorCode.USER_NOT_FOUND, `${userId} is not online.`) : error);
    this.emit('no-resp', { userID: userId, userIDList: [userId] });
    this.#endIfNobodyLeft();
  }

  #noResponse(): void {
    const waiting = this.getState().invitees.filter((i) => i.state === 'waiting').map((i) => i.userId);
    if (waiting.length === 0) return;
    for (const id of waiting) this.#setInvitee(id, 'no-response');
    this.emit('no-resp', { userID: waiting[0], userIDList: waiting });
    for (const id of waiting) void this.#signal(id, 'call-cancel', { callId: this.#call!.callId, reason: 'timeout' }).catch(() => undefined);
    this.#endIfNobodyLeft('no-answer');
  }

  /** The inviter's call ends when nobody accepted and nobody is still waiting. */
  #endIfNobodyLeft(reason: CallEndReason = 'no-answer'): void {
    const s = this.getState();
    if (!this.#call || this.#call.sponsor !== s.user?.userId) return;
    const waiting = s.invitees.some((i) => i.state === 'waiting');
    const inCall = s.participants.length > 0 || s.invitees.some((i) => i.state === 'accepted');
    if (!waiting && !inCall) void this.#end(reason, { notify: false });
  }

  /** Accepts the invitation; `audioOnly` answers a video call with audio only. */
  accept(options: { audioOnly?: boolean } = {}): Promise<void> {
    return this.act(async () => {
      const call = this.#call;
      if (!call || this.getState().status !== 'incoming') throw new LiveError(ErrorCode.INVALID_STATE, 'There is no call to accept.');
      this.#clearTimer();
      const video = call.type === 2 && !options.audioOnly;
      try {
        await this.#joinMedia(call, video);
      } catch (error) {
        await this.#signal(call.sponsor, 'call-reject', { callId: call.callId }).catch(() => undefined);
        await this.#end(endReasonFor(toLiveError(error)), { notify: false });
        throw error;
      }
      const expiresAt = this.getState().expiresAt ?? Date.now();
      this.set({ status: 'connected', startedAt: Date.now(), media: video ? 'video' : 'audio', expiresAt: undefined });
      this.#setInvitee(this.getState().user!.userId, 'accepted');
      // Other invitees who have not come in by the invitation's end did not answer.
      this.#armTimer(() => {
        for (const i of this.getState().invitees) if (i.state === 'waiting') this.#setInvitee(i.userId, 'no-response');
      }, Math.max(0, expiresAt - Date.now()));
      await this.#signal(call.sponsor, 'call-accept', { callId: call.callId });
    });
  }

  /** Declines the invitation. */
  reject(): Promise<void> {
    return this.act(async () => {
      const call = this.#call;
      if (!call || this.getState().status !== 'incoming') throw new LiveError(ErrorCode.INVALID_STATE, 'There is no call to reject.');
      await this.#signal(call.sponsor, 'call-reject', { callId: call.callId }).catch(() => undefined);
      await this.#end('declined', { notify: false });
    });
  }

  /** Ends the call, or cancels one not yet answered, or declines an incoming one. */
  hangup(): Promise<void> {
    return this.act(async () => {
      const s = this.getState();
      if (s.status === 'incoming') return this.reject();
      if (!this.#call || s.status === 'idle' || s.status === 'ended') return;
      if (s.status === 'calling' && !s.invitees.some((i) => i.state === 'accepted')) {
        await Promise.all(s.invitees.filter((i) => i.state === 'waiting').map((i) => this.#signal(i.userId, 'call-cancel', { callId: this.#call!.callId }).catch(() => undefined)));
        await this.#end('cancelled', { notify: false });
        return;
      }
      await this.#end('hangup', { notify: true });
    });
  }

  /* ───────────── media in a call ───────────── */

  async #joinMedia(call: CurrentCall, video: boolean): Promise<void> {
    const { media } = this.session.engines;
    const credentials = this.session.credentials;
    if (!credentials) throw new LiveError(ErrorCode.NOT_LOGGED_IN);
    await media.setVideoQuality(this.getState().videoQuality).catch(() => undefined);
    await this.timed(media.startLocalMedia({ video, audio: true }), 'opening the camera and microphone');
    this.set({ cameraOn: video, micMuted: false });
    const { users } = await this.timed(media.join({ room: stringRoom(call.roomId), role: 'anchor', scene: call.type === 2 ? 'rtc' : 'audio-call', credentials }), 'joining the call');
    call.joined = true;
    media.enableAudioVolumeEvaluation(300);
    await this.timed(media.publish(), 'publishing');
    for (const user of users) this.#participantEntered(user);
  }

  startRemoteView(params: { userID: string; view: HTMLVideoElement }): Promise<void> {
    return this.act(() => this.session.engines.media.play(params.userID, params.view));
  }

  stopRemoteView(params: { userID: string }): void {
    this.session.engines.media.stopPlay(params.userID);
  }

  get localStream(): MediaStream | undefined {
    return this.session.engines.media.localStream;
  }

  /** Shows the local camera in `view` (muted). */
  startLocalView(params: { view: HTMLVideoElement }): void {
    params.view.muted = true;
    params.view.srcObject = this.localStream ?? null;
    void params.view.play().catch(() => undefined);
  }

  stopLocalView(params: { view: HTMLVideoElement }): void {
    params.view.srcObject = null;
  }

  openCamera(): Promise<void> {
    return this.act(async () => {
      const { media } = this.session.engines;
      if (!media.localStream?.getVideoTracks().some((t) => t.readyState === 'live')) {
        await this.timed(media.startLocalMedia({ video: true, audio: true }), 'opening the camera');
        await media.muteLocalAudio(this.getState().micMuted);
      }
      await media.muteLocalVideo(false);
      this.set({ cameraOn: true });
    });
  }

  closeCamera(): Promise<void> {
    return this.act(async () => {
      await this.session.engines.media.muteLocalVideo(true);
      this.set({ cameraOn: false });
    });
  }

  setMicMute(isMute: boolean): Promise<void> {
    return this.act(async () => {
      await this.session.engines.media.muteLocalAudio(isMute);
      this.set({ micMuted: isMute });
    });
  }

  /** Takes effect for the next call (before call, groupCall or accept). */
  setVideoQuality(profile: VideoQuality): void {
    if (!['360p', '480p', '720p', '1080p'].includes(profile)) throw this.report(new LiveError(ErrorCode.INVALID_ARGUMENT, `Unknown video quality “${profile}”.`));
    this.set({ videoQuality: profile });
  }

  /** One-to-one only; failure is 60001. */
  switchToAudioCall(): Promise<void> {
    return this.#switch(1);
  }

  /** One-to-one only; failure is 60002. */
  switchToVideoCall(): Promise<void> {
    return this.#switch(2);
  }

  async #switch(type: CallType, fromRemote = false): Promise<void> {
    const code = type === 1 ? ErrorCode.SWITCH_TO_AUDIO_FAILED : ErrorCode.SWITCH_TO_VIDEO_FAILED;
    const s = this.getState();
    const call = this.#call;
    try {
      if (!call || s.status !== 'connected') throw new LiveError(code, 'Switching needs a call in progress.');
      if (s.isGroup) throw new LiveError(code, 'Only a one-to-one call can switch between audio and video.');
      if (s.media === (type === 2 ? 'video' : 'audio')) return;
      if (type === 2) {
        await this.openCamera();
      } else {
        await this.session.engines.media.muteLocalVideo(true);
        this.session.engines.media.localStream?.getVideoTracks().forEach((t) => t.stop());
        this.set({ cameraOn: false });
      }
      this.set({ media: type === 2 ? 'video' : 'audio', type });
      if (!fromRemote) {
        const other = s.participants[0]?.userId ?? (call.sponsor === s.user?.userId ? s.invitees[0]?.userId : call.sponsor);
        if (other) await this.#signal(other, 'call-switch', { callId: call.callId, type });
      }
      this.emit('call-type-change', { type });
    } catch (error) {
      const failure = toLiveError(error);
      throw this.report(failure.code === code ? failure : new LiveError(code, `${code === 60001 ? 'Could not switch to audio' : 'Could not switch to video'}: ${failure.message}`, { cause: failure }));
    }
  }

  async getCameras(): Promise<MediaDevice[]> {
    return (await this.act(() => this.session.engines.media.getDevices())).filter((d) => d.kind === 'camera');
  }

  async getMicrophones(): Promise<MediaDevice[]> {
    return (await this.act(() => this.session.engines.media.getDevices())).filter((d) => d.kind === 'microphone');
  }

  async getSpeakers(): Promise<MediaDevice[]> {
    return (await this.act(() => this.session.engines.media.getDevices())).filter((d) => d.kind === 'speaker');
  }

  /** `video` = camera, `audio` = microphone (the seed's names), `speaker` = output. */
  switchDevice(params: { deviceType: 'video' | 'audio' | 'speaker'; deviceId: string }): Promise<void> {
    const kind = params.deviceType === 'video' ? 'camera' : params.deviceType === 'audio' ? 'microphone' : 'speaker';
    return this.act(() => this.session.engines.media.switchDevice(kind, params.deviceId));
  }

  muteRemoteAudio(userID: string, mute: boolean): void {
    this.session.engines.media.muteRemoteAudio(userID, mute);
  }

  /** The speaker: all remote sound off or on, now and for people who join later. */
  setSpeakerMute(mute: boolean): void {
    this.session.engines.media.muteAllRemoteAudio(mute);
    this.set({ speakerMuted: mute });
  }

  /* ───────────── signalling ───────────── */

  #signal<K extends MessageKind>(to: string, kind: K, data: PayloadOf<K>): Promise<void> {
    return this.timed(this.session.engines.chat.sendDirect(to, encodeEnvelope(kind, data)), 'signalling');
  }

  #onSignal(from: UserProfile, raw: string, fromGroup: boolean): void {
    const decoded = decodeEnvelope(raw);
    if (!decoded.ok) {
      if (!fromGroup) this.emit('call-error', { code: decoded.error.code, message: `${decoded.error.message} (from ${from.userId})` });
      return;
    }
    const m = decoded.message;
    if (!m.kind.startsWith('call-')) return;
    if (fromGroup && m.kind !== 'call-invite') return;
    switch (m.kind) {
      case 'call-invite':
        return this.#onInvite(from, m.data, fromGroup);
      case 'call-accept':
        return this.#onAccept(from, m.data.callId);
      case 'call-reject':
        return this.#onReject(from, m.data.callId);
      case 'call-busy':
        return this.#onBusy(from, m.data.callId);
      case 'call-cancel':
        return this.#onCancel(from, m.data.callId, m.data.reason);
      case 'call-hangup':
        return this.#onHangup(from, m.data.callId);
      case 'call-switch':
        if (this.#call?.callId === m.data.callId) void this.#switch(m.data.type as CallType, true).catch(() => undefined);
        return;
    }
  }

  #onInvite(from: UserProfile, invite: PayloadOf<'call-invite'>, fromGroup: boolean): void {
    const self = this.getState().user?.userId;
    if (!self || !invite.invitees.includes(self) || invite.inviter !== from.userId) return;
    if (this.#call?.callId === invite.callId) return;
    const status = this.getState().status;
    if (status !== 'idle' && status !== 'ended') {
      void this.#signal(from.userId, 'call-busy', { callId: invite.callId }).catch(() => undefined);
      return;
    }
    const type = invite.type as CallType;
    this.#call = { callId: invite.callId, roomId: invite.roomId, type, sponsor: from.userId, groupId: invite.groupId, joined: false };
    const isGroup = invite.invitees.length > 1 || !!invite.groupId;
    this.set({
      ...initialState,
      user: this.getState().user,
      videoQuality: this.getState().videoQuality,
      status: 'incoming',
      callId: invite.callId,
      type,
      media: type === 2 ? 'video' : 'audio',
      isGroup,
      groupId: invite.groupId,
      sponsor: from,
      invitees: invite.invitees.map((userId) => ({ userId, state: 'waiting' as const })),
      expiresAt: Date.now() + this.timeoutMs,
    });
    this.#armTimer(() => {
      if (this.getState().status !== 'incoming' || this.#call?.callId !== invite.callId) return;
      this.emit('calling-timeout', { inviteID: invite.callId });
      void this.#end('timeout', { notify: false });
    });
    this.emit('invited', { sponsor: from.userId, userIDList: invite.invitees, isFromGroup: fromGroup, inviteData: { callType: type, roomID: invite.roomId }, inviteID: invite.callId });
  }

  #onAccept(from: UserProfile, callId: string): void {
    if (this.#call?.callId !== callId) return;
    this.#setInvitee(from.userId, 'accepted');
    if (this.getState().status === 'calling') this.set({ status: 'connected', startedAt: Date.now(), expiresAt: undefined });
    if (!this.getState().invitees.some((i) => i.state === 'waiting')) this.#clearTimer();
  }

  #onReject(from: UserProfile, callId: string): void {
    if (this.#call?.callId !== callId || !this.#isInvitee(from.userId)) return;
    this.#setInvitee(from.userId, 'rejected');
    this.emit('reject', { userID: from.userId });
    this.#endIfNobodyLeft('rejected');
  }

  #onBusy(from: UserProfile, callId: string): void {
    if (this.#call?.callId !== callId || !this.#isInvitee(from.userId)) return;
    this.#setInvitee(from.userId, 'busy');
    this.emit('line-busy', { userID: from.userId });
    this.#endIfNobodyLeft('busy');
  }

  #onCancel(from: UserProfile, callId: string, reason?: 'cancelled' | 'timeout'): void {
    if (this.#call?.callId !== callId || from.userId !== this.#call.sponsor) return;
    if (this.getState().status !== 'incoming') return;
    // The inviter's clock may run out a moment before ours: that is a timeout, not a cancel.
    if (reason === 'timeout') {
      this.emit('calling-timeout', { inviteID: callId });
      void this.#end('timeout', { notify: false });
      return;
    }
    this.emit('calling-cancel', { inviteID: callId });
    void this.#end('cancelled', { notify: false });
  }

  #onHangup(from: UserProfile, callId: string): void {
    if (this.#call?.callId !== callId) return;
    if (this.#isInvitee(from.userId)) this.#setInvitee(from.userId, 'left');
    this.#participantLeft(from.userId);
    this.#endIfAlone();
  }

  #isInvitee(userId: string): boolean {
    return this.getState().invitees.some((i) => i.userId === userId);
  }

  #setInvitee(userId: string, state: InviteeState): void {
    const invitees = this.getState().invitees.map((i) => (i.userId === userId ? { ...i, state } : i));
    this.set({ invitees });
    this.emit('group-call-invitee-list-update', { userIDList: invitees.filter((i) => i.state === 'waiting' || i.state === 'accepted').map((i) => i.userId) });
  }

  /* ───────────── participants ───────────── */

  #participantEntered(user: MediaUser): void {
    if (!this.#call || user.userId === this.getState().user?.userId) return;
    const participants = this.getState().participants;
    if (participants.some((p) => p.userId === user.userId)) {
      this.#patchParticipant(user.userId, user);
      return;
    }
    this.set({ participants: [...participants, user] });
    if (this.#isInvitee(user.userId)) this.#setInvitee(user.userId, 'accepted');
    if (this.getState().status === 'calling') this.set({ status: 'connected', startedAt: Date.now(), expiresAt: undefined });
    this.emit('user-enter', { userID: user.userId });
    if (user.video) this.emit('user-video-available', { userID: user.userId, isVideoAvailable: true });
    if (user.audio) this.emit('user-audio-available', { userID: user.userId, isAudioAvailable: true });
  }

  #participantLeft(userId: string): void {
    const participants = this.getState().participants;
    if (!participants.some((p) => p.userId === userId)) return;
    this.set({ participants: participants.filter((p) => p.userId !== userId) });
    this.emit('user-leave', { userID: userId });
    this.#endIfAlone();
  }

  /** Alone in a connected call: over (for the sponsor, once nobody is still ringing either). */
  #endIfAlone(): void {
    const s = this.getState();
    if (s.status !== 'connected' || s.participants.length > 0) return;
    const sponsor = this.#call?.sponsor === s.user?.userId;
    if (sponsor && s.invitees.some((i) => i.state === 'waiting' || (i.state === 'accepted' && !this.#leftBeforeJoining(i.userId)))) return;
    void this.#end('remote-hangup', { notify: false });
  }

  /** An invitee who accepted but is not (or no longer) in the media room counts as gone. */
  #leftBeforeJoining(userId: string): boolean {
    return !this.getState().participants.some((p) => p.userId === userId);
  }

  #patchParticipant(userId: string, patch: Partial<CallParticipant>): void {
    const participants = this.getState().participants;
    const i = participants.findIndex((p) => p.userId === userId);
    if (i < 0) return;
    const next = participants.slice();
    next[i] = { ...participants[i], ...patch };
    this.set({ participants: next });
  }

  /* ───────────── ending ───────────── */

  async #end(reason: CallEndReason, options: { notify: boolean }): Promise<void> {
    const call = this.#call;
    if (!call) return;
    this.#call = undefined;
    this.#clearTimer();
    const s = this.getState();
    if (options.notify) {
      const others = new Set([...s.participants.map((p) => p.userId), ...s.invitees.filter((i) => i.state === 'accepted').map((i) => i.userId), call.sponsor]);
      others.delete(s.user?.userId ?? '');
      await Promise.all([...others].map((id) => this.#signal(id, 'call-hangup', { callId: call.callId }).catch(() => undefined)));
    }
    const { media } = this.session.engines;
    media.enableAudioVolumeEvaluation(0);
    if (call.joined) await withTimeout(media.leave(), this.session.timeoutMs, 'leaving the call').catch(() => undefined);
    await media.stopLocalMedia().catch(() => undefined);
    this.set({ status: 'ended', endReason: reason, participants: [], endedAt: Date.now(), expiresAt: undefined, cameraOn: false });
    this.emit('call-end', { reason });
  }

  #armTimer(fn: () => void, ms = this.timeoutMs): void {
    this.#clearTimer();
    this.#timer = setTimeout(fn, ms);
  }

  #clearTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Back to idle after an ended call has been shown. */
  dismiss(): void {
    if (this.getState().status === 'ended') this.set({ ...initialState, user: this.getState().user, videoQuality: this.getState().videoQuality });
  }

  destroy(): void {
    if (this.#call) void this.hangup().catch(() => undefined);
    for (const off of this.#teardown) off();
    this.#teardown = [];
    this.clear();
  }
}

/** How a failure to start or join a call reads as an ending. */
function endReasonFor(error: LiveError): CallEndReason {
  if (error.code === ErrorCode.PERMISSION_DENIED) return 'permission-denied';
  if (error.code === ErrorCode.NO_CAMERA || error.code === ErrorCode.NO_MICROPHONE) return 'device-missing';
  return 'error';
}
