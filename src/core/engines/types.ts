/**
 * The two engine interfaces every vendor implements: small and vendor-neutral. Nothing outside
 * `engines/<vendor>/` imports a vendor SDK; stores only talk to these.
 */
import type { LiveError } from '../errors.js';
import type { AudioEffectManager, BeautyManager } from '../effects/types.js';
import type { RoomId } from '../validation.js';

export type Role = 'anchor' | 'audience';
/** TRTC's four scenes: `live` (video live), `voice` (audio live), `rtc` (video call), `audio-call`. */
export type Scene = 'live' | 'voice' | 'rtc' | 'audio-call';
export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting';
export type Priority = 'high' | 'normal' | 'low';

export interface UserProfile {
  userId: string;
  nickname: string;
  avatar: string;
}

export interface Credentials {
  sdkAppId: number;
  userId: string;
  userSig: string;
}

/** A user with media in a room: anchors and co-anchors in live scenes, everyone in calls. */
export interface MediaUser extends UserProfile {
  role: Role;
  publishing: boolean;
  audio: boolean;
  video: boolean;
}

export interface GroupInfo {
  groupId: string;
  ownerId: string;
  name: string;
  cover: string;
  createdAt: number;
  memberCount: number;
  attributes: Record<string, string>;
  /** Members who may moderate besides the owner. */
  admins: string[];
  mutedAll: boolean;
  /** Likes the room has received in all (kept by the server). */
  likeTotal?: number;
  /** For the caller of join: until when they are muted (ms since epoch; 0 = not muted). */
  selfMutedUntil?: number;
}

export interface GroupMember extends UserProfile {
  joinedAt: number;
}

export type GroupMessageBody = { type: 'text'; text: string } | { type: 'custom'; data: string };

export interface GroupMessage {
  groupId: string;
  seq: number;
  time: number;
  from: UserProfile;
  priority: Priority;
  body: GroupMessageBody;
}

export type KickReason = 'duplicate-login' | 'usersig-expired' | 'kicked';

/** A tiny typed event source; `on` returns its own teardown. */
export interface Emitter<M> {
  on<E extends keyof M>(event: E, handler: (payload: M[E]) => void): () => void;
}

export interface MediaEngineEvents {
  'user-enter': { user: MediaUser };
  'user-exit': { userId: string };
  'video-available': { userId: string; available: boolean };
  'audio-available': { userId: string; available: boolean };
  'connection-state': { state: ConnectionState };
  'network-quality': { userId: string; quality: number };
  'kicked-out': { reason: KickReason };
  'room-closed': { reason: 'owner-left' | 'empty' | 'destroyed' };
  /** The browser refused to start a remote user's audio without a gesture; video plays muted. */
  'autoplay-blocked': { userId: string };
  /** A remote user's first video frame was rendered. */
  'first-video-frame': { userId: string };
  /** Audio levels 0–100 per user (the local user included), while evaluation is enabled. */
  'audio-volume': { volumes: Array<{ userId: string; volume: number }> };
  /** The server granted or revoked this user's anchor permission (co-anchoring). */
  'role-changed': { role: Role; reason: 'granted' | 'revoked' };
  /** A cross-room PK link with another room's anchor became active or ended. */
  pk: { state: 'linked' | 'unlinked'; room: RoomId; userId: string };
  error: { error: LiveError };
}

export type VideoQuality = '360p' | '480p' | '720p' | '1080p';

export interface MediaDevice {
  deviceId: string;
  label: string;
  kind: 'camera' | 'microphone' | 'speaker';
}

export interface LocalMediaOptions {
  video: boolean;
  audio: boolean;
  /** Front (`user`) or rear (`environment`) camera. */
  facingMode?: 'user' | 'environment';
  cameraId?: string;
  microphoneId?: string;
}

/* ── media effects: processing stage (see core/effects/types.ts) ── */

/**
 * A processing stage between capture and what is previewed and published (beauty filters,
 * background music, voice effects). The engine hands it the raw camera or microphone track
 * and previews and publishes the track it returns instead.
 */
export interface MediaProcessor {
  /**
   * Starts processing `input`; resolves with the track to preview and publish. Called again
   * with a new track when capture restarts (device switch); the previous input is then dropped.
   */
  start(input: MediaStreamTrack): Promise<MediaStreamTrack>;
  /** Stops processing (the engine goes back to the raw track); the output track may end or be reused by a later start. */
  stop(): void;
  /** The user muted or unmuted this input (audio: only the microphone goes silent, mixed music keeps playing). */
  setMuted?(muted: boolean): void;
}
/* ── end media effects ── */

export interface MediaEngine extends Emitter<MediaEngineEvents> {
  readonly kind: string;
  join(params: { room: RoomId; role: Role; scene: Scene; credentials: Credentials }): Promise<{ users: MediaUser[]; ownerId: string }>;
  leave(): Promise<void>;
  switchRole(role: Role): Promise<void>;
  /** Opens camera / mic; rejects with 60003–60006 on device failures. */
  startLocalMedia(options: LocalMediaOptions): Promise<MediaStream>;
  stopLocalMedia(): Promise<void>;
  readonly localStream: MediaStream | undefined;
  publish(): Promise<void>;
  unpublish(): Promise<void>;
  muteLocalAudio(mute: boolean): Promise<void>;
  muteLocalVideo(mute: boolean): Promise<void>;
  /** Plays a remote user's media into `view` (a `<video>`); resolves once playback is requested. */
  play(userId: string, view: HTMLVideoElement): Promise<void>;
  stopPlay(userId: string): void;
  muteRemoteAudio(userId: string, mute: boolean): void;
  muteAllRemoteAudio(mute: boolean): void;
  /** Cameras, microphones and speakers (labels once permission was given). */
  getDevices(): Promise<MediaDevice[]>;
  /** Audio volume evaluation every `intervalMs` (`audio-volume` events); 0 stops it. */
  enableAudioVolumeEvaluation(intervalMs: number): void;
  /** Switches the camera or microphone in use (restarting capture), or the speaker of remote media. */
  switchDevice(kind: MediaDevice['kind'], deviceId: string): Promise<void>;
  /** Front or rear camera. */
  switchCamera(front: boolean): Promise<void>;
  setVideoQuality(quality: VideoQuality): Promise<void>;
  /** Room owner or admin: allow or stop a user being an anchor (co-anchoring). Server-enforced. */
  grantAnchor(userId: string, allow: boolean): Promise<void>;
  /** Room owner: link with another room's owner for a PK; active once both linked. */
  connectOtherRoom(room: RoomId, userId: string): Promise<{ active: boolean }>;
  disconnectOtherRoom(): Promise<void>;
  /* ── media effects (optional; see core/effects/types.ts) ── */
  /** Inserts (or with `null` removes) a processing stage for the camera. Without one, the camera's own track is previewed and published. */
  setVideoProcessor?(processor: MediaProcessor | null): Promise<void>;
  /** Inserts (or with `null` removes) a processing stage for the microphone. */
  setAudioProcessor?(processor: MediaProcessor | null): Promise<void>;
  /** An engine's own beauty implementation (e.g. the Tencent SDK's BasicBeauty plugin), possibly fetched first; else the kit's WebGL stage is used. */
  createBeautyManager?(): BeautyManager | Promise<BeautyManager>;
  /** An engine's own audio effects implementation (e.g. the Tencent SDK's AudioMixer plugin), possibly fetched first; else the kit's Web Audio mixer is used. */
  createAudioEffectManager?(): AudioEffectManager | Promise<AudioEffectManager>;
  /* ── end media effects ── */
  destroy(): void;
}

export interface ChatEngineEvents {
  message: GroupMessage;
  'member-join': { groupId: string; member: GroupMember; memberCount: number };
  'member-quit': { groupId: string; userId: string; memberCount: number };
  attributes: { groupId: string; attributes: Record<string, string> };
  'group-dismissed': { groupId: string };
  'direct-message': { from: UserProfile; data: string; time: number };
  'kicked-offline': { reason: KickReason };
  'connection-state': { state: ConnectionState };
  'member-muted': { groupId: string; userId: string; mutedUntil: number };
  'mute-all': { groupId: string; mute: boolean };
  'member-removed': { groupId: string; userId: string; bannedUntil: number; memberCount: number };
  admins: { groupId: string; admins: string[] };
  'like-total': { groupId: string; total: number };
  /** After a reconnection: the group as the server has it now. */
  'group-resynced': { group: GroupInfo };
  error: { error: LiveError };
}

export interface ChatEngine extends Emitter<ChatEngineEvents> {
  readonly kind: string;
  login(credentials: Credentials, profile?: { nickname?: string; avatar?: string }): Promise<UserProfile>;
  logout(): Promise<void>;
  setProfile(profile: { nickname?: string; avatar?: string }): Promise<UserProfile>;
  createGroup(params: { groupId: string; name?: string; cover?: string }): Promise<GroupInfo>;
  dismissGroup(groupId: string): Promise<void>;
  joinGroup(groupId: string): Promise<GroupInfo>;
  quitGroup(groupId: string): Promise<void>;
  sendGroupMessage(groupId: string, body: GroupMessageBody, priority: Priority): Promise<{ seq: number; time: number }>;
  sendDirect(to: string, data: string): Promise<void>;
  getMembers(groupId: string, nextSeq: number, count: number): Promise<{ members: GroupMember[]; nextSeq: number }>;
  getGroupInfo(groupIds: string[]): Promise<GroupInfo[]>;
  setGroupAttributes(groupId: string, attributes: Record<string, string>): Promise<void>;
  /** Owner or admin: mute a member for `seconds` (0 unmutes). Resolves with the end (ms epoch). */
  muteMember(groupId: string, userId: string, seconds: number): Promise<number>;
  muteAll(groupId: string, mute: boolean): Promise<void>;
  /** Owner or admin: remove a member and ban them for `banSeconds`. */
  removeMember(groupId: string, userId: string, banSeconds: number): Promise<void>;
  /** Owner: make a member an admin or not. */
  setAdmin(groupId: string, userId: string, admin: boolean): Promise<void>;
  destroy(): void;
}

export interface Engines {
  media: MediaEngine;
  chat: ChatEngine;
}
