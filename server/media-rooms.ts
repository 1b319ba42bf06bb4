/**
 * Media rooms: who is in which room with which role, who publishes, who may see and signal whom,
 * co-anchor grants and cross-room PK. The room model itself is in media-room.ts.
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';
import type { EventMap, RequestArgs, RequestResult, Role, SignalData } from '../src/core/protocol/local-wire.js';
import { groupIdForRoom, roomKey, type RoomId } from '../src/core/validation.js';
import { setAnchorGrant } from './media-grants.js';
import { announceUpdate, isCallScene, MediaLimits, MediaRoom, type MediaMember } from './media-room.js';
import { PkLinks } from './pk-links.js';
import type { Session } from './session.js';

export { MediaLimits } from './media-room.js';

/** Whether `userId` owns or administers the chat group of `room` (may grant co-anchors there). */
export type GroupModeratorCheck = (room: RoomId, userId: string) => boolean;

function notInRoom(): LiveError {
  return new LiveError(ErrorCode.NOT_IN_ROOM, 'Not in a media room: call media-join first.');
}

export class MediaRooms {
  private readonly rooms = new Map<string, MediaRoom>();
  private readonly pk: PkLinks;

  constructor(
    private readonly log: (line: string) => void = () => {},
    private readonly isGroupModerator: GroupModeratorCheck = () => false,
  ) {
    this.pk = new PkLinks(log);
  }

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
    const member: MediaMember = { session, userId, role, publishing: false, audio: false, video: false, guestIn: null };
    room.members.set(userId, member);
    session.mediaRoomKey = key;
    if (room.isVisible(member)) room.pushToOthers(userId, 'media-user-enter', { user: room.mediaUser(member) });
    return { users: room.visibleUsersExcept(userId), ownerId: room.ownerId };
  }

  /** Leaves the session's media room, if any; closes a live room its owner leaves; ends a PK link. */
  leave(session: Session): void {
    const key = session.mediaRoomKey;
    session.mediaRoomKey = null;
    const room = key ? this.rooms.get(key) : undefined;
    const userId = session.userId;
    if (!room || !userId) return;
    const member = room.members.get(userId);
    if (!member || member.session !== session) return;
    this.pk.unlink(userId);
    room.members.delete(userId);
    if (room.isVisible(member)) room.pushToOthers(userId, 'media-user-exit', { userId });

    if (!room.isCall && room.ownerId === userId) {
      this.close(room, 'owner-left');
    } else if (room.members.size === 0) {
      this.rooms.delete(room.key);
      this.pk.roomClosed(room);
      this.log(`media room ${room.key} closed: empty`);
    }
  }

  /**
   * A reconnection: `to` becomes the member that `from` was (role, publishing state, grant and
   * PK link stay with the member), without a push to anyone.
   */
  transfer(from: Session, to: Session): void {
    const key = from.mediaRoomKey;
    from.mediaRoomKey = null;
    const room = key ? this.rooms.get(key) : undefined;
    const member = room && from.userId ? room.members.get(from.userId) : undefined;
    if (!member || member.session !== from) return;
    member.session = to;
    to.mediaRoomKey = key;
  }

  /** After a removal from `groupId`: the user loses grants in that group's room and leaves it. */
  leaveGroupRoom(session: Session, groupId: string): void {
    const userId = session.userId;
    if (!userId) return;
    for (const room of this.rooms.values()) if (groupIdForRoom(room.room) === groupId) room.grants.delete(userId);
    const room = session.mediaRoomKey ? this.rooms.get(session.mediaRoomKey) : undefined;
    if (room && groupIdForRoom(room.room) === groupId) this.leave(session);
  }

  private close(room: MediaRoom, reason: EventMap['media-room-closed']['reason']): void {
    this.rooms.delete(room.key);
    this.pk.roomClosed(room);
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
      this.pk.unlink(member.userId);
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
    announceUpdate(room, member);
    return {};
  }

  unpublish(session: Session): RequestResult<'media-unpublish'> {
    const { room, member } = this.current(session);
    if (!member.publishing) return {};
    Object.assign(member, { publishing: false, audio: false, video: false });
    announceUpdate(room, member);
    return {};
  }

  /**
   * Relays a signalling payload within a room, or between a room's members and its PK guest
   * publisher (both directions). Nothing else crosses rooms.
   */
  signal(session: Session, args: { to: string; data: SignalData }): RequestResult<'signal'> {
    const { room, member } = this.current(session);
    if (args.to === member.userId) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'Cannot send a signal to yourself.');
    const target = room.memberOrGuest(args.to) ?? member.guestIn?.members.get(args.to);
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
    if (room && member && room.isVisible(member)) announceUpdate(room, member);
  }

  /** Co-anchoring: the owner of a live room, or an admin of its group, allows or stops a user. */
  grant(session: Session, args: RequestArgs<'media-grant'>): RequestResult<'media-grant'> {
    const { room, member } = this.current(session);
    if (room.isCall) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, `There are no co-anchors in the “${room.scene}” scene: everyone is an anchor.`);
    }
    if (room.ownerId !== member.userId && !this.isGroupModerator(room.room, member.userId)) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, 'Only the room owner or an admin of the room’s group can invite or remove co-anchors.');
    }
    setAnchorGrant(room, args.userId, args.allow);
    return {};
  }

  pkLink(session: Session, args: RequestArgs<'pk-link'>): RequestResult<'pk-link'> {
    const own = this.ownLiveRoom(session, 'link to another room');
    const target = this.rooms.get(roomKey(args.room));
    if (target === own.room) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'A PK link needs another room, not your own.');
    if (!target) throw new LiveError(ErrorCode.ROOM_NOT_FOUND, 'The room to link with does not exist (or has closed).');
    if (target.isCall) throw new LiveError(ErrorCode.ROOM_NOT_FOUND, 'The room to link with is a call, not a live room.');
    const anchor = target.members.get(args.userId);
    if (target.ownerId !== args.userId || anchor?.role !== 'anchor') {
      throw new LiveError(ErrorCode.USER_NOT_FOUND, `User “${args.userId}” is not the anchor who owns that room.`);
    }
    return { active: this.pk.link(own, { room: target, member: anchor }) };
  }

  /** Idempotent: succeeds with nothing to end, even outside a room. */
  pkUnlink(session: Session): RequestResult<'pk-unlink'> {
    this.pk.unlink(session.userId!);
    return {};
  }

  /** The caller's live room, if they own it and are its anchor; else NOT_ALLOWED. */
  private ownLiveRoom(session: Session, action: string): { room: MediaRoom; member: MediaMember } {
    const { room, member } = this.current(session);
    if (room.isCall) throw new LiveError(ErrorCode.NOT_ALLOWED, `Calls cannot ${action}; only live rooms can.`);
    if (room.ownerId !== member.userId || member.role !== 'anchor') {
      throw new LiveError(ErrorCode.NOT_ALLOWED, `Only the anchor who owns this live room can ${action}.`);
    }
    return { room, member };
  }
}
