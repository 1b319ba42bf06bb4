/**
 * The two engine interfaces every vendor implements: small and vendor-neutral. Nothing outside
 * `engines/<vendor>/` imports a vendor SDK; stores only talk to these.
 */
import type { LiveError } from '../errors.js';
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
  error: { error: LiveError };
}

export interface LocalMediaOptions {
  video: boolean;
  audio: boolean;
  /** Front (`user`) or rear (`environment`) camera. */
  facingMode?: 'user' | 'environment';
  cameraId?: string;
  microphoneId?: string;
}

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
  destroy(): void;
}

export interface Engines {
  media: MediaEngine;
  chat: ChatEngine;
}
