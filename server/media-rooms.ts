/**
 * Media rooms: who is in which room with which role, who publishes, and who may see whom.
 * Behaves like TRTC: in live scenes (`live`, `voice`) only anchors are visible to others;
 * audience members are invisible on the media side (their presence is the chat group's job).
 * In call scenes (`rtc`, `audio-call`) everyone is an anchor and visible.
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';
import type {
  EventMap,
  EventName,
  MediaUser,
  RequestArgs,
  RequestResult,
  Role,
  Scene,
  SignalData,
} from '../src/core/protocol/local-wire.js';
import { roomKey, type RoomId } from '../src/core/validation.js';
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

interface MediaMember {
  session: Session;
  userId: string;
  role: Role;
  publishing: boolean;
  audio: boolean;
  video: boolean;
}

export class MediaRoom {
  readonly members = new Map<string, MediaMember>();
  /** Users allowed to be anchors besides the owner (co-anchors). */
  readonly grants = new Set<string>();

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

  visibleUsersExcept(userId: string): MediaUser[] {
    const users: MediaUser[] = [];
    for (const m of this.members.values()) if (m.userId !== userId && this.isVisible(m)) users.push(this.mediaUser(m));
    return users;
  }

  pushToOthers<E extends EventName>(userId: string, ev: E, payload: EventMap[E]): void {
    for (const m of this.members.values()) if (m.userId !== userId) m.session.push(ev, payload);
  }
}

function notInRoom(): LiveError {
  return new LiveError(ErrorCode.NOT_IN_ROOM, 'Not in a media room: call media-join first.');
}

export class MediaRooms {
  private readonly rooms = new Map<string, MediaRoom>();

  constructor(private readonly log: (line: string) => void = () => {}) {}

  get size(): number {
    return this.rooms.size;
  }

  get(room: RoomId): MediaRoom | undefined {
    return this.rooms.get(roomKey(room));
  }

  /** Lets `userId` be an anchor in `room` (co-anchoring). Returns false if the room does not exist. */
  grantPublish(room: RoomId, userId: string): boolean {
    const r = this.get(room);
    if (!r) return false;
    r.grants.add(userId);
    return true;
  }

  /** Withdraws a grant. An anchor who loses it keeps the role until they switch or leave. */
  revokePublish(room: RoomId, userId: string): boolean {
    return this.get(room)?.grants.delete(userId) ?? false;
  }

  private current(session: Session): { room: MediaRoom; member: MediaMember } {
    const room = session.mediaRoomKey ? this.rooms.get(session.mediaRoomKey) : undefined;
    const member = room && session.userId ? room.members.get(session.userId) : undefined;
    if (!room || !member) throw notInRoom();
    return { room, member };
  }

  join(session: Session, args: RequestArgs<'media-join'>): RequestResult<'media-join'> {
    const userId = session.userId!;
    const key = roomKey(args.room);
    const existing = this.rooms.get(key);
    if (existing && existing.scene !== args.scene) {
      throw new LiveError(
        ErrorCode.SCENE_MISMATCH,
        `The room uses the “${existing.scene}” scene; it cannot be entered with the “${args.scene}” scene.`,
      );
    }
    const role: Role = isCallScene(args.scene) ? 'anchor' : args.role;

    if (existing && session.mediaRoomKey === key) {
      // Already in this room: a join with another role is a role switch.
      this.switchRole(session, { role });
      return { users: existing.visibleUsersExcept(userId), ownerId: existing.ownerId };
    }

    if (existing) {
      if (existing.isCall && existing.members.size >= MediaLimits.callRoomUsers) {
        throw new LiveError(ErrorCode.NOT_ALLOWED, `The call room is full: at most ${MediaLimits.callRoomUsers} users.`);
      }
      if (role === 'anchor' && !existing.mayBeAnchor(userId)) {
        throw new LiveError(
          ErrorCode.NOT_ALLOWED,
          'Only the room owner or an invited co-anchor can enter this live room as an anchor; enter as audience.',
        );
      }
    }

    this.leave(session);

    let room = this.rooms.get(key);
    if (!room) {
      room = new MediaRoom(key, args.room, args.scene, role === 'anchor' ? userId : '');
      this.rooms.set(key, room);
      this.log(`media room ${key} (${args.scene}) created by ${userId}`);
    } else if (role === 'anchor' && room.ownerId === '') {
      room.ownerId = userId;
    }
    const member: MediaMember = { session, userId, role, publishing: false, audio: false, video: false };
    room.members.set(userId, member);
    session.mediaRoomKey = key;
    if (room.isVisible(member)) room.pushToOthers(userId, 'media-user-enter', { user: room.mediaUser(member) });
    return { users: room.visibleUsersExcept(userId), ownerId: room.ownerId };
  }

  /** Leaves the session's media room, if any; closes a live room its owner leaves. */
  leave(session: Session): void {
    const key = session.mediaRoomKey;
    session.mediaRoomKey = null;
    const room = key ? this.rooms.get(key) : undefined;
    const userId = session.userId;
    if (!room || !userId) return;
    const member = room.members.get(userId);
    if (!member || member.session !== session) return;
    room.members.delete(userId);
    if (room.isVisible(member)) room.pushToOthers(userId, 'media-user-exit', { userId });

    if (!room.isCall && room.ownerId === userId) {
      this.close(room, 'owner-left');
    } else if (room.members.size === 0) {
      this.rooms.delete(room.key);
      this.log(`media room ${room.key} closed: empty`);
    }
  }

  private close(room: MediaRoom, reason: EventMap['media-room-closed']['reason']): void {
    this.rooms.delete(room.key);
    for (const m of room.members.values()) {
      m.session.mediaRoomKey = null;
      m.session.push('media-room-closed', { reason });
    }
    room.members.clear();
    this.log(`media room ${room.key} closed: ${reason}`);
  }

  switchRole(session: Session, args: RequestArgs<'media-switch-role'>): RequestResult<'media-switch-role'> {
    const { room, member } = this.current(session);
    if (member.role === args.role) return {};
    if (room.isCall) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, `Everyone is an anchor in the “${room.scene}” scene; the role cannot be switched.`);
    }
    if (args.role === 'audience') {
      Object.assign(member, { role: 'audience', publishing: false, audio: false, video: false });
      room.pushToOthers(member.userId, 'media-user-exit', { userId: member.userId });
      return {};
    }
    if (!room.mayBeAnchor(member.userId)) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, 'Becoming an anchor needs the owner’s invitation (co-anchoring).');
    }
    if (room.ownerId === '') room.ownerId = member.userId;
    member.role = 'anchor';
    room.pushToOthers(member.userId, 'media-user-enter', { user: room.mediaUser(member) });
    return {};
  }

  publish(session: Session, args: RequestArgs<'media-publish'>): RequestResult<'media-publish'> {
    const { room, member } = this.current(session);
    if (member.role !== 'anchor') {
      throw new LiveError(ErrorCode.PUBLISH_NOT_ALLOWED, 'An audience member cannot publish; become an anchor first.');
    }
    if (!member.publishing && room.publisherCount() >= MediaLimits.publishers) {
      throw new LiveError(ErrorCode.PUBLISH_NOT_ALLOWED, `The room already has ${MediaLimits.publishers} publishers, the most it allows.`);
    }
    member.publishing = true;
    member.audio = args.audio;
    member.video = args.video;
    room.pushToOthers(member.userId, 'media-user-update', { user: room.mediaUser(member) });
    return {};
  }

  unpublish(session: Session): RequestResult<'media-unpublish'> {
    const { room, member } = this.current(session);
    if (!member.publishing) return {};
    Object.assign(member, { publishing: false, audio: false, video: false });
    room.pushToOthers(member.userId, 'media-user-update', { user: room.mediaUser(member) });
    return {};
  }

  signal(session: Session, args: { to: string; data: SignalData }): RequestResult<'signal'> {
    const { room, member } = this.current(session);
    if (args.to === member.userId) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'Cannot send a signal to yourself.');
    const target = room.members.get(args.to);
    if (!target) throw new LiveError(ErrorCode.USER_NOT_FOUND, `User “${args.to}” is not in this media room.`);
    if (args.data.type === 'offer' && !member.publishing) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, 'Only a publishing user can send an offer.');
    }
    if (!member.publishing && !target.publishing) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, 'Signalling needs one of the two users to be publishing.');
    }
    target.session.push('signal', { from: member.userId, data: args.data });
    return {};
  }

  /** Tells the others when a visible member changed nickname or avatar. */
  profileChanged(session: Session): void {
    const room = session.mediaRoomKey ? this.rooms.get(session.mediaRoomKey) : undefined;
    const member = room && session.userId ? room.members.get(session.userId) : undefined;
    if (room && member && room.isVisible(member)) {
      room.pushToOthers(member.userId, 'media-user-update', { user: room.mediaUser(member) });
    }
  }
}
