/**
 * Chat groups: the registry and the everyday ops (create, dismiss, join, quit, send, members,
 * info, attributes). A group lives until its owner dismisses it, even while nobody is in it.
 * Moderation (mute, remove, admins) is in group-moderation.ts.
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';
import type { GroupInfo, RequestArgs, RequestResult, UserProfile } from '../src/core/protocol/local-wire.js';
import { checkContent, type ContentFilter } from './content-filter.js';
import { Group, memberOf, plural, secondsLeft } from './group.js';
import type { GroupTrafficStats } from './group-traffic.js';
import type { PresenceOptions } from './presence-batch.js';
import { ServerLimits } from './server-limits.js';
import type { Session } from './session.js';

export interface GroupsOptions {
  log?: (line: string) => void;
  contentFilter?: ContentFilter | undefined;
  /** Frequency control: deliveries per group per one-second sliding window. Default 40. */
  messagesPerSecond?: number | undefined;
  /** When joins and quits are batched (presence-batch.ts). */
  presence?: PresenceOptions | undefined;
}

export class Groups {
  private readonly groups = new Map<string, Group>();
  private readonly log: (line: string) => void;

  constructor(private readonly opts: GroupsOptions = {}) {
    this.log = opts.log ?? (() => {});
  }

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

  /** The group, if the caller is its owner or an admin; else NOT_ALLOWED. */
  moderatedGroup(session: Session, groupId: string, action: string): Group {
    const group = this.existing(groupId);
    if (!group.isModerator(session.userId!)) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, `Only the owner or an admin of group “${groupId}” can ${action}.`);
    }
    return group;
  }

  /** Whether `userId` owns or administers `groupId` (false if there is no such group). */
  isModerator(groupId: string, userId: string): boolean {
    return this.groups.get(groupId)?.isModerator(userId) ?? false;
  }

  /** BANNED while `userId` is banned from `groupId` (and so from its media room). */
  assertNotBanned(groupId: string, userId: string): void {
    const until = this.groups.get(groupId)?.activeBanUntil(userId) ?? 0;
    if (until > 0) {
      throw new LiveError(
        ErrorCode.BANNED,
        `You were removed from this room (group “${groupId}”) and can come back in ${plural(secondsLeft(until), 'second')}.`,
      );
    }
  }

  private memberGroup(session: Session, groupId: string, action: string): Group {
    const group = this.existing(groupId);
    if (!group.members.has(session.userId!)) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, `Only members of group “${groupId}” can ${action}; join it first.`);
    }
    return group;
  }

  /** The group, if the caller is its owner; else NOT_ALLOWED. */
  ownedGroup(session: Session, groupId: string, action: string): Group {
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
    group.presence.joined(memberOf(userId, membership));
  }

  create(session: Session, args: RequestArgs<'group-create'>): RequestResult<'group-create'> {
    const userId = session.userId!;
    let group = this.groups.get(args.groupId);
    if (group && group.ownerId !== userId) {
      throw new LiveError(ErrorCode.ROOM_EXISTS, `Group “${args.groupId}” already exists and belongs to another user.`);
    }
    if (!group) {
      group = new Group(args.groupId, userId, args.name ?? args.groupId, args.cover ?? '', {
        messagesPerSecond: this.opts.messagesPerSecond,
        ...(this.opts.presence ? { presence: this.opts.presence } : {}),
        log: this.log,
      });
      this.groups.set(args.groupId, group);
      this.log(`group ${args.groupId} created by ${userId}`);
    }
    this.addMember(group, session);
    return { group: group.info() };
  }

  dismiss(session: Session, args: RequestArgs<'group-dismiss'>): RequestResult<'group-dismiss'> {
    const group = this.ownedGroup(session, args.groupId, 'dismiss it');
    this.groups.delete(group.groupId);
    group.traffic.close();
    group.presence.close();
    for (const m of group.members.values()) m.session.groups.delete(group.groupId);
    group.push('group-dismissed', { groupId: group.groupId }, session.userId!);
    group.members.clear();
    this.log(`group ${group.groupId} dismissed`);
    return {};
  }

  join(session: Session, args: RequestArgs<'group-join'>): RequestResult<'group-join'> {
    const group = this.existing(args.groupId);
    const userId = session.userId!;
    this.assertNotBanned(group.groupId, userId);
    this.addMember(group, session);
    return { group: { ...group.info(), selfMutedUntil: group.activeMuteUntil(userId) } };
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
    if (group.members.get(userId)?.session !== session) return;
    group.remove(userId);
    group.presence.quit(userId);
  }

  /** Leaves every group the session is in (logout, disconnect, kicked offline). */
  quitAll(session: Session): void {
    for (const groupId of [...session.groups]) {
      const group = this.groups.get(groupId);
      if (group) this.removeMember(group, session);
      session.groups.delete(groupId);
    }
  }

  /** A reconnection: `to` takes over the memberships of `from` (same join order), without a push. */
  transfer(from: Session, to: Session): void {
    const userId = from.userId!;
    for (const groupId of from.groups) {
      const membership = this.groups.get(groupId)?.members.get(userId);
      if (membership?.session !== from) continue;
      membership.session = to;
      to.groups.add(groupId);
    }
    from.groups.clear();
  }

  send(session: Session, args: RequestArgs<'group-send'>): RequestResult<'group-send'> {
    const group = this.memberGroup(session, args.groupId, 'send messages');
    assertMaySpeak(group, session.userId!);
    const { userId, nickname, avatar } = session.profile;
    const from: UserProfile = { userId, nickname, avatar };
    const verdict = checkContent(this.opts.contentFilter, { groupId: group.groupId, from, body: args.body }, this.log);
    // A message the filter drops still takes a seq, so the sender's seq stays unique. One that
    // passes goes through frequency control: its seq is assigned when it is delivered.
    if (verdict === 'drop') return group.traffic.filteredOut();
    return group.traffic.send({ from, priority: args.priority, body: args.body });
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

  /** Traffic counters of every group, by group ID (for diagnostics and load tests). */
  trafficStats(): Record<string, GroupTrafficStats> {
    const out: Record<string, GroupTrafficStats> = {};
    for (const [groupId, group] of this.groups) out[groupId] = group.traffic.stats();
    return out;
  }

  /** Stops every group's timers (the server is closing); queued messages are dropped. */
  close(): void {
    for (const group of this.groups.values()) {
      group.traffic.close();
      group.presence.close();
    }
  }

  setAttributes(session: Session, args: RequestArgs<'group-set-attributes'>): RequestResult<'group-set-attributes'> {
    const group = this.moderatedGroup(session, args.groupId, 'set its attributes');
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

/** MUTED if the member is muted, or everyone is and they are neither owner nor admin. */
function assertMaySpeak(group: Group, userId: string): void {
  const now = Date.now();
  const until = group.activeMuteUntil(userId, now);
  const allMuted = group.mutedAll && !group.isModerator(userId);
  if (until > 0) {
    const andAll = allMuted ? ', and after that until the host unmutes everyone' : '';
    throw new LiveError(
      ErrorCode.MUTED,
      `You are muted in group “${group.groupId}” for ${plural(secondsLeft(until, now), 'more second')}${andAll}.`,
    );
  }
  if (allMuted) {
    throw new LiveError(ErrorCode.MUTED, `Everyone in group “${group.groupId}” is muted until the host unmutes everyone.`);
  }
}
