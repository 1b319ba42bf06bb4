/** The state and events of a live room, shared by the store and its parts (co-anchoring, PK). */
import type { ConnectionState, Engines, KickReason, MediaUser, Role, UserProfile, VideoQuality } from '../engines/types.js';
import type { LiveError } from '../errors.js';
import type { MessageKind, PayloadOf } from '../protocol/envelope.js';
import type { RoomId } from '../validation.js';
import type { VoiceSeat } from './seats.js';

export type { VoiceSeat };
/** `live`: video live streaming; `voice`: a voice chat room (audio only, seats). */
export type RoomScene = 'live' | 'voice';

export type RoomPhase = 'idle' | 'entering' | 'in-room' | 'leaving' | 'closed';
export type ClosedReason = 'destroyed' | 'kicked-offline' | 'exited' | 'removed';
/** The room's own status, kept on the server (group attribute `status`). */
export type RoomStatus = 'idle' | 'live' | 'paused' | 'ended';

export interface AnchorInfo extends MediaUser {}

export interface ChatLine {
  seq: number;
  time: number;
  from: UserProfile;
  text: string;
  self: boolean;
}

export type CoanchorRequestState = 'idle' | 'requesting' | 'accepted' | 'rejected' | 'timeout' | 'cancelled' | 'invited' | 'failed';

export interface CoanchorRequest extends UserProfile {
  requestId: string;
  /** In a voice room: the seat asked for. */
  seat?: number;
  /** When the request arrived (ms since epoch). */
  since: number;
}

export interface CoanchorState {
  /** A viewer's own request (or invitation) and how it stands. */
  self: {
    state: CoanchorRequestState;
    requestId?: string;
    /** When the request was sent (ms since epoch). */
    since?: number;
    /** When it times out (ms since epoch). */
    expiresAt?: number;
    /** Place in the anchor's queue (1 = next). */
    position?: number;
    seatsFull?: boolean;
    reason?: string;
  };
  /** The anchor's view: requests waiting, oldest first. */
  queue: readonly CoanchorRequest[];
  /** The anchor's view: viewers invited and not yet answered. */
  invited: readonly string[];
  /** Seats for co-anchors besides the anchor. */
  seats: number;
}

export interface PkPeer extends UserProfile {
  room: RoomId;
}

export interface PkState {
  state: 'idle' | 'requesting' | 'incoming' | 'active';
  requestId?: string;
  peer?: PkPeer;
  /** `home` is this room's score, `away` the other room's. */
  score: { home: number; away: number };
  since?: number;
  expiresAt?: number;
}

export interface LiveRoomState {
  phase: RoomPhase;
  connection: ConnectionState;
  /** The browser's idea of the network. */
  online: boolean;
  user?: UserProfile;
  room?: RoomId;
  scene: RoomScene;
  role: Role;
  ownerId?: string;
  roomInfo?: { name: string; cover: string };
  roomStatus: RoomStatus;
  /** Notice (≤ 300 bytes) and introduction (≤ 240 bytes), edited by the anchor. */
  notice: string;
  intro: string;
  /** Anchors and co-anchors other than oneself (and a PK opponent), in order of entry. */
  anchors: readonly AnchorInfo[];
  /** Audience members, most recent first (a bounded window; the count is `onlineCount`). */
  audience: readonly UserProfile[];
  /** Where the next page of members starts (`loadMoreAudience`); 0 = all loaded. */
  audienceNextSeq: number;
  onlineCount: number;
  admins: readonly string[];
  mutedAll: boolean;
  /** Muted members and until when (ms since epoch). */
  mutedMembers: Readonly<Record<string, number>>;
  /** Until when this user is muted (0 = not muted). */
  selfMutedUntil: number;
  /** After removal: until when this user may not come back. */
  bannedUntil?: number;
  previewing: boolean;
  publishing: boolean;
  audioMuted: boolean;
  videoMuted: boolean;
  mirror: boolean;
  frontCamera: boolean;
  videoQuality: VideoQuality;
  /** The devices picked with `switchDevice` (ids), when any. */
  devices: { camera?: string; microphone?: string; speaker?: string };
  allRemoteAudioMuted: boolean;
  /** Likes the room has received in all (kept by the server). */
  likeTotal: number;
  /** A voice room's seats (seat 0 is the host's); empty in a video room. */
  seats: readonly VoiceSeat[];
  /** Audio levels 0–100 per user while in a room (for speaking indicators). */
  volumes: Readonly<Record<string, number>>;
  /** Network quality per user (own uplink included), TRTC's scale: 0 unknown, 1 excellent … 6 disconnected. */
  networkQuality: Readonly<Record<string, number>>;
  /** The gift balance reported by the billing function, when one is set. */
  giftBalance?: number;
  /** Remote sound is waiting for a click (the browser blocked autoplay with sound). */
  autoplayBlocked: boolean;
  /** The latest text messages, oldest first (bounded). */
  messages: readonly ChatLine[];
  coanchor: CoanchorState;
  pk: PkState;
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
  'room-status-change': { status: RoomStatus; notice: string; intro: string };
  /** onRequestJoinAnchor (anchor): a viewer asks to co-anchor. */
  'request-join-anchor': UserEvent & { requestId: string };
  /** onAnchorAccepted (viewer): the anchor accepted; `userId` is the anchor. */
  'anchor-accepted': { userId: string };
  /** onAnchorRejected (viewer). */
  'anchor-rejected': { userId: string; reason: string };
  /** onKickoutJoinAnchor (co-anchor): removed from co-anchoring; now audience again. */
  'kickout-join-anchor': { userId: string };
  /** A viewer's request was cancelled or timed out (anchor side: it left the queue). */
  'request-join-anchor-cancel': { userId: string; requestId: string };
  /** A viewer was invited to co-anchor (viewer side). */
  'coanchor-invite': UserEvent & { requestId: string };
  /** An invited viewer answered (anchor side). */
  'coanchor-invite-response': { userId: string; agree: boolean };
  /** onRequestRoomPK (anchor): another room's anchor asks for a PK. */
  'request-room-pk': UserEvent & { roomId: RoomId };
  /** onRoomPKAccepted / onRoomPKRejected. */
  'room-pk-accepted': { userId: string };
  'room-pk-rejected': { userId: string; reason: string };
  /** onQuitRoomPK: the PK ended (either side quit). */
  'quit-room-pk': { userId: string };
  'pk-score-change': { home: number; away: number };
  /** A gift message arrived (one per merged batch); `comboTotal` is the combo so far, for banners updated in place. */
  'gift-receive': { userInfo: UserProfile; giftId: string; count: number; value: number; comboId: string; comboTotal: number; self: boolean; to?: string };
  /** A like message arrived (merged taps of one user). */
  'like-receive': { userInfo: UserProfile; count: number; self: boolean };
  'member-muted': { userId: string; mutedUntil: number };
  'mute-all-change': { mute: boolean };
  /** A member was removed from the room (for the member themself too). */
  'member-removed': { userId: string; bannedUntil: number };
  /** onError. Named `live-error` so that it never passes for a window `error` event. */
  'live-error': { code: number; message: string };
}

/** Every store event, in one list: `<live-room>` re-dispatches each as a DOM event of the same name. */
export const liveRoomEventNames = [
  'enter-room',
  'anchor-enter',
  'anchor-exit',
  'audience-enter',
  'audience-exit',
  'room-destroy',
  'kicked-offline',
  'user-video-available',
  'user-audio-available',
  'first-video-frame',
  'autoplay-blocked',
  'recv-room-text-msg',
  'recv-room-custom-msg',
  'room-status-change',
  'request-join-anchor',
  'anchor-accepted',
  'anchor-rejected',
  'kickout-join-anchor',
  'request-join-anchor-cancel',
  'coanchor-invite',
  'coanchor-invite-response',
  'request-room-pk',
  'room-pk-accepted',
  'room-pk-rejected',
  'quit-room-pk',
  'pk-score-change',
  'gift-receive',
  'like-receive',
  'member-muted',
  'mute-all-change',
  'member-removed',
  'live-error',
] as const satisfies readonly (keyof LiveRoomEvents)[];

/** What the parts of the store (co-anchoring, PK) may touch. */
export interface RoomKernel {
  readonly engines: Engines;
  getState(): LiveRoomState;
  patch(patch: Partial<LiveRoomState>): void;
  emit<E extends keyof LiveRoomEvents>(event: E, payload: LiveRoomEvents[E]): void;
  groupId(): string | undefined;
  /** An engine call with the kit's timeout. */
  call<T>(promise: Promise<T>, what: string): Promise<T>;
  /** Records and announces an error; returns it for throwing. */
  report(error: LiveError): LiveError;
  /** Sends one of the kit's messages to one user. */
  sendDirect<K extends MessageKind>(to: string, kind: K, data: PayloadOf<K>): Promise<void>;
  /** Sends one of the kit's messages to the room. */
  sendRoom<K extends MessageKind>(kind: K, data: PayloadOf<K>, priority: 'high' | 'normal' | 'low'): Promise<void>;
  /** The owner or an admin of the room. */
  canModerate(userId?: string): boolean;
  profileOf(userId: string): UserProfile;
}

/**
 * Whether a user (this one by default) is the room's owner or an admin: who may moderate, and whom
 * "Mute everyone" spares.
 */
export function canModerate(s: Pick<LiveRoomState, 'user' | 'ownerId' | 'admins'>, userId = s.user?.userId): boolean {
  return !!userId && (userId === s.ownerId || s.admins.includes(userId));
}

export function userEvent(user: UserProfile): UserEvent {
  return { userId: user.userId, userName: user.nickname, userAvatar: user.avatar };
}

export function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
