/**
 * One media room: its members with their roles and publishing state, the co-anchor grants, and
 * the guest publishers (the other anchor of an active cross-room PK link).
 * Behaves like TRTC: in live scenes (`live`, `voice`) only anchors are visible to others;
 * audience members are invisible on the media side (their presence is the chat group's job).
 * In call scenes (`rtc`, `audio-call`) everyone is an anchor and visible.
 */
import type { EventMap, EventName, MediaUser, Role, Scene } from '../src/core/protocol/local-wire.js';
import type { RoomId } from '../src/core/validation.js';
import { encodePush } from './push-frames.js';
import type { Session } from './session.js';

export const MediaLimits = {
  /** Users in one `rtc` / `audio-call` room. */
  callRoomUsers: 300,
  /** Publishers in one room. */
  publishers: 50,
} as const;

export function isCallScene(scene: Scene): boolean {
  return scene === 'rtc' || scene === 'audio-call';
}

export interface MediaMember {
  session: Session;
  userId: string;
  role: Role;
  publishing: boolean;
  audio: boolean;
  video: boolean;
  /** The other room this anchor publishes into as a PK guest, if any. */
  guestIn: MediaRoom | null;
}

export class MediaRoom {
  readonly members = new Map<string, MediaMember>();
  /** Users allowed to be anchors besides the owner (co-anchors). */
  readonly grants = new Set<string>();
  /** Anchors of other rooms visible here through an active PK link (the same objects as in their room). */
  readonly guests = new Map<string, MediaMember>();

  constructor(
    readonly key: string,
    readonly room: RoomId,
    readonly scene: Scene,
    /** '' while a live room has only audience members: its first anchor becomes the owner. */
    public ownerId: string,
  ) {}

  get isCall(): boolean {
    return isCallScene(this.scene);
  }

  /** Whether others see this member on the media side. */
  isVisible(member: MediaMember): boolean {
    return this.isCall || member.role === 'anchor';
  }

  mayBeAnchor(userId: string): boolean {
    return this.isCall || this.ownerId === '' || this.ownerId === userId || this.grants.has(userId);
  }

  publisherCount(): number {
    let n = 0;
    for (const m of this.members.values()) if (m.publishing) n++;
    return n;
  }

  mediaUser(member: MediaMember): MediaUser {
    const { nickname, avatar } = member.session.profile;
    return {
      userId: member.userId,
      nickname,
      avatar,
      role: member.role,
      publishing: member.publishing,
      audio: member.audio,
      video: member.video,
    };
  }

  /** What a member sees on entering: the visible members but `userId`, then the guests. */
  visibleUsersExcept(userId: string): MediaUser[] {
    const users: MediaUser[] = [];
    for (const m of this.members.values()) if (m.userId !== userId && this.isVisible(m)) users.push(this.mediaUser(m));
    for (const g of this.guests.values()) users.push(this.mediaUser(g));
    return users;
  }

  /** A member, or else a guest publisher, called `userId`. */
  memberOrGuest(userId: string): MediaMember | undefined {
    return this.members.get(userId) ?? this.guests.get(userId);
  }

  pushToOthers<E extends EventName>(userId: string, ev: E, payload: EventMap[E]): void {
    const frame = encodePush(ev, payload);
    for (const m of this.members.values()) if (m.userId !== userId) m.session.pushEncoded(frame);
  }

  pushToAll<E extends EventName>(ev: E, payload: EventMap[E]): void {
    const frame = encodePush(ev, payload);
    for (const m of this.members.values()) m.session.pushEncoded(frame);
  }
}

/** Tells everyone who sees `member` (in its room and where it is a guest) about a change. */
export function announceUpdate(room: MediaRoom, member: MediaMember): void {
  room.pushToOthers(member.userId, 'media-user-update', { user: room.mediaUser(member) });
  member.guestIn?.pushToAll('media-user-update', { user: member.guestIn.mediaUser(member) });
}
