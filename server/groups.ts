/**
 * Chat groups: owner, members (newest first for paging), attributes and ordered messages.
 * A group lives until its owner dismisses it, even while nobody is in it.
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';
import type {
  EventMap,
  EventName,
  GroupInfo,
  GroupMember,
  GroupMessage,
  RequestArgs,
  RequestResult,
  UserProfile,
} from '../src/core/protocol/local-wire.js';
import { ServerLimits } from './frame-validation.js';
import type { Session } from './session.js';

interface Membership {
  session: Session;
  joinedAt: number;
  /** Increasing join order inside the group; the paging cursor of `group-members`. */
  order: number;
}

export class Group {
  readonly members = new Map<string, Membership>();
  readonly attributes = new Map<string, string>();
  readonly createdAt = Date.now();
  private lastOrder = 0;
  private lastSeq = 0;

  constructor(
    readonly groupId: string,
    readonly ownerId: string,
    readonly name: string,
    readonly cover: string,
  ) {}

  info(): GroupInfo {
    return {
      groupId: this.groupId,
      ownerId: this.ownerId,
      name: this.name,
      cover: this.cover,
      createdAt: this.createdAt,
      memberCount: this.members.size,
      attributes: this.attributesObject(),
    };
  }

  attributesObject(): Record<string, string> {
    return Object.fromEntries(this.attributes);
  }

  add(session: Session): Membership {
    const membership: Membership = { session, joinedAt: Date.now(), order: ++this.lastOrder };
    this.members.set(session.userId!, membership);
    session.groups.add(this.groupId);
    return membership;
  }

  nextSeq(): number {
    return ++this.lastSeq;
  }

  push<E extends EventName>(ev: E, payload: EventMap[E], except?: string): void {
    for (const [userId, m] of this.members) if (userId !== except) m.session.push(ev, payload);
  }
}

export function memberOf(userId: string, m: Membership): GroupMember {
  const { nickname, avatar } = m.session.profile;
  return { userId, nickname, avatar, joinedAt: m.joinedAt };
}

export class Groups {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly log: (line: string) => void = () => {}) {}

  get size(): number {
    return this.groups.size;
  }

  get(groupId: string): Group | undefined {
    return this.groups.get(groupId);
  }

  private existing(groupId: string): Group {
    const group = this.groups.get(groupId);
    if (!group) throw new LiveError(ErrorCode.ROOM_NOT_FOUND, `Group “${groupId}” does not exist.`);
    return group;
  }

  private memberGroup(session: Session, groupId: string, action: string): Group {
    const group = this.existing(groupId);
    if (!group.members.has(session.userId!)) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, `Only members of group “${groupId}” can ${action}; join it first.`);
    }
    return group;
  }

  private ownedGroup(session: Session, groupId: string, action: string): Group {
    const group = this.existing(groupId);
    if (group.ownerId !== session.userId) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, `Only the owner of group “${groupId}” can ${action}.`);
    }
    return group;
  }

  private addMember(group: Group, session: Session): void {
    const userId = session.userId!;
    if (group.members.has(userId)) return;
    const membership = group.add(session);
    group.push('group-member-join', { groupId: group.groupId, member: memberOf(userId, membership), memberCount: group.members.size }, userId);
  }

  create(session: Session, args: RequestArgs<'group-create'>): RequestResult<'group-create'> {
    const userId = session.userId!;
    let group = this.groups.get(args.groupId);
    if (group && group.ownerId !== userId) {
      throw new LiveError(ErrorCode.ROOM_EXISTS, `Group “${args.groupId}” already exists and belongs to another user.`);
    }
    if (!group) {
      group = new Group(args.groupId, userId, args.name ?? args.groupId, args.cover ?? '');
      this.groups.set(args.groupId, group);
      this.log(`group ${args.groupId} created by ${userId}`);
    }
    this.addMember(group, session);
    return { group: group.info() };
  }

  dismiss(session: Session, args: RequestArgs<'group-dismiss'>): RequestResult<'group-dismiss'> {
    const group = this.ownedGroup(session, args.groupId, 'dismiss it');
    this.groups.delete(group.groupId);
    for (const m of group.members.values()) m.session.groups.delete(group.groupId);
    group.push('group-dismissed', { groupId: group.groupId }, session.userId!);
    group.members.clear();
    this.log(`group ${group.groupId} dismissed`);
    return {};
  }

  join(session: Session, args: RequestArgs<'group-join'>): RequestResult<'group-join'> {
    const group = this.existing(args.groupId);
    this.addMember(group, session);
    return { group: group.info() };
  }

  quit(session: Session, args: RequestArgs<'group-quit'>): RequestResult<'group-quit'> {
    const group = this.existing(args.groupId);
    if (!group.members.has(session.userId!)) {
      throw new LiveError(ErrorCode.NOT_IN_ROOM, `Not a member of group “${args.groupId}”.`);
    }
    this.removeMember(group, session);
    return {};
  }

  private removeMember(group: Group, session: Session): void {
    const userId = session.userId!;
    const m = group.members.get(userId);
    if (!m || m.session !== session) return;
    group.members.delete(userId);
    session.groups.delete(group.groupId);
    group.push('group-member-quit', { groupId: group.groupId, userId, memberCount: group.members.size });
  }

  /** Leaves every group the session is in (logout, disconnect, kicked offline). */
  quitAll(session: Session): void {
    for (const groupId of [...session.groups]) {
      const group = this.groups.get(groupId);
      if (group) this.removeMember(group, session);
      session.groups.delete(groupId);
    }
  }

  send(session: Session, args: RequestArgs<'group-send'>): RequestResult<'group-send'> {
    const group = this.memberGroup(session, args.groupId, 'send messages');
    const { userId, nickname, avatar } = session.profile;
    const from: UserProfile = { userId, nickname, avatar };
    const message: GroupMessage = {
      groupId: group.groupId,
      seq: group.nextSeq(),
      time: Date.now(),
      from,
      priority: args.priority,
      body: args.body,
    };
    group.push('group-message', message);
    return { seq: message.seq, time: message.time };
  }

  members(session: Session, args: RequestArgs<'group-members'>): RequestResult<'group-members'> {
    const group = this.memberGroup(session, args.groupId, 'list its members');
    const newestFirst = [...group.members.entries()]
      .filter(([, m]) => args.nextSeq === 0 || m.order < args.nextSeq)
      .sort((a, b) => b[1].order - a[1].order);
    const page = newestFirst.slice(0, args.count);
    const more = newestFirst.length > page.length;
    return {
      members: page.map(([userId, m]) => memberOf(userId, m)),
      nextSeq: more ? page[page.length - 1]![1].order : 0,
    };
  }

  info(args: RequestArgs<'group-info'>): RequestResult<'group-info'> {
    const seen = new Set<string>();
    const groups: GroupInfo[] = [];
    for (const id of args.groupIds) {
      const group = this.groups.get(id);
      if (group && !seen.has(id)) {
        seen.add(id);
        groups.push(group.info());
      }
    }
    return { groups };
  }

  setAttributes(session: Session, args: RequestArgs<'group-set-attributes'>): RequestResult<'group-set-attributes'> {
    const group = this.ownedGroup(session, args.groupId, 'set its attributes');
    const merged = new Map(group.attributes);
    for (const [key, value] of Object.entries(args.attributes)) merged.set(key, value);
    if (merged.size > ServerLimits.attributeKeys) {
      throw new LiveError(
        ErrorCode.INVALID_ARGUMENT,
        `A group has at most ${ServerLimits.attributeKeys} attributes; this change would make ${merged.size}.`,
      );
    }
    for (const [key, value] of merged) group.attributes.set(key, value);
    group.push('group-attributes', { groupId: group.groupId, attributes: group.attributesObject() });
    return {};
  }
}
