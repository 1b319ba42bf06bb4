/**
 * The wire between the browser's local engine and the local server: one WebSocket carrying
 * JSON text frames. Shared by both sides so that neither can drift from the other.
 *
 * Client → server: a request `{ id, op, ...args }`; the server answers every request with
 * `{ re: id, ok: true, result }` or `{ re: id, ok: false, error: { code, message } }`.
 * Server → client pushes: `{ ev, ...payload }`.
 *
 * Close codes: 4001 duplicate login, 4002 UserSig expired, 4008 abuse (too many refused or
 * malformed frames), 4009 too slow a reader; 1009 a frame over MAX_FRAME_BYTES.
 *
 * The first request on a connection must be `login`; anything else before it is refused with
 * NOT_LOGGED_IN. The server never trusts what a client says about itself: the user ID comes
 * from the verified UserSig, the role from the server's own room records.
 */
import type { RoomId } from '../validation.js';

export const WIRE_VERSION = 1;
/** Largest frame the server accepts (bytes). */
export const MAX_FRAME_BYTES = 64 * 1024;

import type { GroupInfo, GroupMember, GroupMessage, GroupMessageBody, MediaUser, Priority, Role, Scene, UserProfile } from '../engines/types.js';

export type { GroupInfo, GroupMember, GroupMessage, GroupMessageBody, MediaUser, Priority, Role, Scene, UserProfile };

export interface WireError {
  code: number;
  message: string;
}

/* ───────────────────────────── requests ───────────────────────────── */

export interface RequestMap {
  /** Authenticate. `userSig` is a Tencent-format UserSig signed by the server's secret. */
  /** `resumed`: the server still had this user's rooms (a reconnect within its grace period). */
  login: { args: { sdkAppId: number; userId: string; userSig: string; nickname?: string; avatar?: string }; result: { user: UserProfile; serverTime: number; resumed: boolean } };
  logout: { args: Record<string, never>; result: Record<string, never> };
  'set-profile': { args: { nickname?: string; avatar?: string }; result: { user: UserProfile } };

  /**
   * Enter a media room. In `live` / `voice` scenes an `anchor` either creates the room (first
   * to enter becomes its owner) or must be the owner or a granted co-anchor; else NOT_ALLOWED.
   * In `rtc` / `audio-call` scenes everyone is an anchor. A room keeps the scene it was created
   * with: entering with another scene fails with SCENE_MISMATCH.
   */
  'media-join': { args: { room: RoomId; role: Role; scene: Scene }; result: { users: MediaUser[]; ownerId: string } };
  'media-leave': { args: Record<string, never>; result: Record<string, never> };
  /** Anchor → audience is always allowed; audience → anchor needs a grant (co-anchoring). */
  'media-switch-role': { args: { role: Role }; result: Record<string, never> };
  /** Start or update publishing. Refused with PUBLISH_NOT_ALLOWED for an audience member. */
  'media-publish': { args: { audio: boolean; video: boolean }; result: Record<string, never> };
  'media-unpublish': { args: Record<string, never>; result: Record<string, never> };
  /**
   * Relay a WebRTC signalling payload (offer / answer / candidate / subscribe request) to a user
   * in the same media room. One of the two ends must be publishing; else NOT_ALLOWED.
   */
  signal: { args: { to: string; data: SignalData }; result: Record<string, never> };

  /** Create a chat group (the caller owns it). ROOM_EXISTS if another user owns that id. */
  'group-create': { args: { groupId: string; name?: string; cover?: string }; result: { group: GroupInfo } };
  /** Dismiss a group: owner only. Members get `group-dismissed`. */
  'group-dismiss': { args: { groupId: string }; result: Record<string, never> };
  /** Join a group. ROOM_NOT_FOUND if it does not exist. */
  'group-join': { args: { groupId: string }; result: { group: GroupInfo } };
  'group-quit': { args: { groupId: string }; result: Record<string, never> };
  /**
   * Send to the group. Frequency control as the cloud does it (seed 004): at most N deliveries
   * (default 40) in any 1-second window per group; over it, messages wait in a queue of N,
   * high > normal > low, FIFO within a level, and when it is full the newest lowest-priority
   * message is dropped. The reply is always a success: `seq` is the real one only when the
   * message was delivered at once, else 0. A message's real `seq` and `time` are assigned at
   * delivery: take them from the `group-message` push. Seqs only increase; they may have gaps.
   */
  'group-send': { args: { groupId: string; priority: Priority; body: GroupMessageBody }; result: { seq: number; time: number } };
  /** Members, most recent first; `nextSeq` 0 means done. */
  'group-members': { args: { groupId: string; nextSeq: number; count: number }; result: { members: GroupMember[]; nextSeq: number } };
  'group-info': { args: { groupIds: string[] }; result: { groups: GroupInfo[] } };
  /** Set group attributes: owner only. Everyone in the group gets `group-attributes`. */
  'group-set-attributes': { args: { groupId: string; attributes: Record<string, string> }; result: Record<string, never> };
  /** A direct (C2C) custom message to one user. */
  'c2c-send': { args: { to: string; data: string }; result: { time: number } };

  /* ── co-anchoring, PK and moderation: the room's owner or a group admin only (else NOT_ALLOWED) ── */

  /**
   * Allow (or stop allowing) a user to be an anchor in the caller's live room. `allow: false`
   * also demotes the user if they are an anchor now: they stop publishing, get
   * `media-role-changed` (revoked) and the others `media-user-exit`.
   */
  'media-grant': { args: { userId: string; allow: boolean }; result: Record<string, never> };
  /**
   * Cross-room PK: the owner of a live room links to the owner of another live room. The link
   * turns active when both have linked to each other: then each anchor is a guest publisher in
   * the other room (everyone there gets `media-user-enter`, may subscribe to them) and both
   * anchors get `media-pk` (linked). USER_NOT_FOUND if `userId` is not the other room's owner.
   */
  'pk-link': { args: { room: RoomId; userId: string }; result: { active: boolean } };
  /** Ends the caller's PK link (pending or active). Both anchors get `media-pk` (unlinked). */
  'pk-unlink': { args: Record<string, never>; result: Record<string, never> };
  /** Mute a member for `seconds` (0 unmutes; at most 30 days). Everyone gets `group-member-muted`. */
  'group-mute-member': { args: { groupId: string; userId: string; seconds: number }; result: { mutedUntil: number } };
  /** Mute every member but the owner and admins. Everyone gets `group-mute-all`. */
  'group-mute-all': { args: { groupId: string; mute: boolean }; result: Record<string, never> };
  /**
   * Remove a member and ban them for `banSeconds` (0 = may come back at once; at most 30 days).
   * Everyone, the removed user included, gets `group-member-removed`; the user also leaves the
   * room's media room and cannot join the group or the media room until the ban ends (BANNED).
   */
  'group-remove-member': { args: { groupId: string; userId: string; banSeconds: number }; result: Record<string, never> };
  /** Owner only: make a member an admin (or not). Everyone gets `group-admins`. */
  'group-set-admin': { args: { groupId: string; userId: string; admin: boolean }; result: Record<string, never> };
}

export type Op = keyof RequestMap;
export type RequestArgs<O extends Op> = RequestMap[O]['args'];
export type RequestResult<O extends Op> = RequestMap[O]['result'];

export type SignalData =
  | { type: 'subscribe' }
  | { type: 'unsubscribe' }
  | { type: 'offer'; sdp: string; pcId: string }
  | { type: 'answer'; sdp: string; pcId: string }
  | { type: 'candidate'; candidate: RTCIceCandidateInit | null; pcId: string };

export type ClientFrame = { [O in Op]: { id: number; op: O } & RequestArgs<O> }[Op];

export type ServerReply =
  | { re: number; ok: true; result: unknown }
  | { re: number; ok: false; error: WireError };

/* ───────────────────────────── pushes ───────────────────────────── */

/** One presence change of a batched `group-members-changed` push. */
export type MemberChange = { join: GroupMember } | { quit: string };

export interface EventMap {
  /** Another connection logged in with the same user ID; this one is closed right after. */
  'kicked-offline': { reason: 'duplicate-login' | 'usersig-expired' | 'kicked' };
  'media-user-enter': { user: MediaUser };
  'media-user-exit': { userId: string };
  'media-user-update': { user: MediaUser };
  /** The media room was closed (its owner left a live room, or everyone left a call). */
  'media-room-closed': { reason: 'owner-left' | 'empty' | 'destroyed' };
  signal: { from: string; data: SignalData };
  'group-member-join': { groupId: string; member: GroupMember; memberCount: number };
  'group-member-quit': { groupId: string; userId: string; memberCount: number };
  /** In a big group, the joins and quits of the last moment together, in order (`memberCount` after all of them). */
  'group-members-changed': { groupId: string; changes: MemberChange[]; memberCount: number };
  'group-message': GroupMessage;
  'group-attributes': { groupId: string; attributes: Record<string, string> };
  'group-dismissed': { groupId: string };
  'c2c-message': { from: UserProfile; data: string; time: number };
  /** To the user concerned: their anchor permission was granted or revoked (then they are audience). */
  'media-role-changed': { role: Role; reason: 'granted' | 'revoked' };
  /** To both anchors of a PK link. */
  'media-pk': { state: 'linked' | 'unlinked'; room: RoomId; userId: string };
  'group-member-muted': { groupId: string; userId: string; mutedUntil: number };
  'group-mute-all': { groupId: string; mute: boolean };
  'group-member-removed': { groupId: string; userId: string; bannedUntil: number; memberCount: number };
  'group-admins': { groupId: string; admins: string[] };
  /**
   * The room's like total: the sum of `count` over delivered, well-formed `like` messages
   * (also in `GroupInfo.likeTotal`). The first change is pushed at once; later ones within the
   * second merge into one push at its end.
   */
  'group-likes': { groupId: string; total: number };
}

export type EventName = keyof EventMap;
export type ServerPush = { [E in EventName]: { ev: E } & EventMap[E] }[EventName];
