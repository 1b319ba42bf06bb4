/**
 * Group moderation by the owner or an admin: mute a member, mute everyone, remove (and ban) a
 * member, and (owner only) appoint admins. An admin cannot act on the owner or another admin.
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';
import type { RequestArgs, RequestResult } from '../src/core/protocol/local-wire.js';
import type { Group } from './group.js';
import type { Groups } from './groups.js';
import type { Session } from './session.js';

export class GroupModeration {
  constructor(
    private readonly groups: Groups,
    private readonly log: (line: string) => void = () => {},
  ) {}

  muteMember(session: Session, args: RequestArgs<'group-mute-member'>): RequestResult<'group-mute-member'> {
    const group = this.groups.moderatedGroup(session, args.groupId, 'mute members');
    this.assertTarget(group, session.userId!, args.userId, 'mute');
    const mutedUntil = args.seconds === 0 ? 0 : Date.now() + args.seconds * 1000;
    if (mutedUntil === 0) group.mutedUntil.delete(args.userId);
    else group.mutedUntil.set(args.userId, mutedUntil);
    group.push('group-member-muted', { groupId: group.groupId, userId: args.userId, mutedUntil });
    this.log(`group ${group.groupId}: ${args.userId} ${mutedUntil ? `muted for ${args.seconds} s` : 'unmuted'} by ${session.userId}`);
    return { mutedUntil };
  }

  muteAll(session: Session, args: RequestArgs<'group-mute-all'>): RequestResult<'group-mute-all'> {
    const group = this.groups.moderatedGroup(session, args.groupId, 'mute everyone');
    group.mutedAll = args.mute;
    group.push('group-mute-all', { groupId: group.groupId, mute: args.mute });
    return {};
  }

  /**
   * Removes and bans a member. Returns the removed user's session so that the caller can also
   * take them out of the group's media room.
   */
  removeMember(session: Session, args: RequestArgs<'group-remove-member'>): Session {
    const group = this.groups.moderatedGroup(session, args.groupId, 'remove members');
    this.assertTarget(group, session.userId!, args.userId, 'remove');
    const removed = group.remove(args.userId)!.session;
    const bannedUntil = args.banSeconds === 0 ? 0 : Date.now() + args.banSeconds * 1000;
    if (bannedUntil === 0) group.bannedUntil.delete(args.userId);
    else group.bannedUntil.set(args.userId, bannedUntil);
    const payload = { groupId: group.groupId, userId: args.userId, bannedUntil, memberCount: group.members.size };
    group.push('group-member-removed', payload);
    removed.push('group-member-removed', payload);
    if (group.admins.delete(args.userId)) group.push('group-admins', { groupId: group.groupId, admins: [...group.admins] });
    this.log(`group ${group.groupId}: ${args.userId} removed by ${session.userId}, banned for ${args.banSeconds} s`);
    return removed;
  }

  setAdmin(session: Session, args: RequestArgs<'group-set-admin'>): RequestResult<'group-set-admin'> {
    const group = this.groups.ownedGroup(session, args.groupId, 'appoint or dismiss admins');
    if (args.userId === group.ownerId) {
      throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'The owner already has every right of an admin.');
    }
    // A former member who is still an admin can be dismissed; only members can be appointed.
    const dismissingAdmin = !args.admin && group.admins.has(args.userId);
    if (!dismissingAdmin && !group.members.has(args.userId)) {
      throw new LiveError(ErrorCode.USER_NOT_FOUND, `User “${args.userId}” is not a member of group “${group.groupId}”.`);
    }
    if (args.admin) group.admins.add(args.userId);
    else group.admins.delete(args.userId);
    group.push('group-admins', { groupId: group.groupId, admins: [...group.admins] });
    return {};
  }

  private assertTarget(group: Group, callerId: string, targetId: string, action: 'mute' | 'remove'): void {
    if (!group.members.has(targetId)) {
      throw new LiveError(ErrorCode.USER_NOT_FOUND, `User “${targetId}” is not a member of group “${group.groupId}”.`);
    }
    if (targetId === callerId) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `You cannot ${action} yourself.`);
    if (callerId !== group.ownerId && group.isModerator(targetId)) {
      throw new LiveError(ErrorCode.NOT_ALLOWED, `An admin cannot ${action} the owner or another admin of group “${group.groupId}”.`);
    }
  }
}
