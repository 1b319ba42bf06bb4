/**
 * One chat group: owner, admins, members (in join order for paging), attributes, message
 * sequence, traffic (frequency control and the like total: group-traffic.ts), and moderation
 * state (mutes, mute-all, bans). Mutes, bans and admin rights belong to the user, not to the
 * membership: they survive a quit and a rejoin.
 */
import type { EventMap, EventName, GroupInfo, GroupMember } from '../src/core/protocol/local-wire.js';
import { GroupTraffic, type GroupTrafficOptions } from './group-traffic.js';
import { PresenceBatch, type PresenceOptions } from './presence-batch.js';
import { encodePush } from './push-frames.js';
import type { Session } from './session.js';

export interface Membership {
  session: Session;
  joinedAt: number;
  /** Increasing join order inside the group; the paging cursor of `group-members`. */
  order: number;
}

export class Group {
  readonly members = new Map<string, Membership>();
  readonly attributes = new Map<string, string>();
  readonly admins = new Set<string>();
  /** userId → muted until (ms since epoch). */
  readonly mutedUntil = new Map<string, number>();
  /** userId → banned until (ms since epoch). */
  readonly bannedUntil = new Map<string, number>();
  mutedAll = false;
  readonly createdAt = Date.now();
  readonly traffic: GroupTraffic;
  /** Joins and quits told to the members (batched in big groups). */
  readonly presence: PresenceBatch;
  private lastOrder = 0;
  private lastSeq = 0;

  constructor(
    readonly groupId: string,
    readonly ownerId: string,
    readonly name: string,
    readonly cover: string,
    options: GroupTrafficOptions & { presence?: PresenceOptions } = {},
  ) {
    this.traffic = new GroupTraffic(this, options);
    this.presence = new PresenceBatch(this, options.presence);
  }

  info(): GroupInfo {
    return {
      groupId: this.groupId,
      ownerId: this.ownerId,
      name: this.name,
      cover: this.cover,
      createdAt: this.createdAt,
      memberCount: this.members.size,
      attributes: this.attributesObject(),
      admins: [...this.admins],
      mutedAll: this.mutedAll,
      likeTotal: this.traffic.likeTotal,
    };
  }

  attributesObject(): Record<string, string> {
    return Object.fromEntries(this.attributes);
  }

  /** The owner or an admin. */
  isModerator(userId: string): boolean {
    return userId === this.ownerId || this.admins.has(userId);
  }

  /** Until when `userId` is muted, or 0 (expired entries are forgotten). */
  activeMuteUntil(userId: string, now = Date.now()): number {
    return activeUntil(this.mutedUntil, userId, now);
  }

  /** Until when `userId` is banned, or 0 (expired entries are forgotten). */
  activeBanUntil(userId: string, now = Date.now()): number {
    return activeUntil(this.bannedUntil, userId, now);
  }

  add(session: Session): Membership {
    const membership: Membership = { session, joinedAt: Date.now(), order: ++this.lastOrder };
    this.members.set(session.userId!, membership);
    session.groups.add(this.groupId);
    return membership;
  }

  /** Removes a member; returns their membership, if they were one. */
  remove(userId: string): Membership | undefined {
    const m = this.members.get(userId);
    if (!m) return undefined;
    this.members.delete(userId);
    m.session.groups.delete(this.groupId);
    return m;
  }

  nextSeq(): number {
    return ++this.lastSeq;
  }

  /** Pushes to every member but `except` (encoded once). */
  push<E extends EventName>(ev: E, payload: EventMap[E], except?: string): void {
    const frame = encodePush(ev, payload);
    for (const [userId, m] of this.members) if (userId !== except) m.session.pushEncoded(frame);
  }
}

function activeUntil(map: Map<string, number>, userId: string, now: number): number {
  const until = map.get(userId) ?? 0;
  if (until > now) return until;
  map.delete(userId);
  return 0;
}

export function memberOf(userId: string, m: Membership): GroupMember {
  const { nickname, avatar } = m.session.profile;
  return { userId, nickname, avatar, joinedAt: m.joinedAt };
}

/** Whole seconds left until `until`, at least 1. */
export function secondsLeft(until: number, now = Date.now()): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
