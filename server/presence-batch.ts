/**
 * Who joins and quits a group, told to its members. A small group hears each change at once
 * (`group-member-join` / `group-member-quit`). From `batchFrom` members on, the changes of
 * `windowMs` go out together, in order, as one `group-members-changed` push encoded once: in a
 * room of n people, a wave of joins costs n frames per window instead of one frame per member
 * per join (n² for the wave), which is what kept a 2,000-viewer room busy while it filled.
 */
import type { GroupMember, MemberChange } from '../src/core/protocol/local-wire.js';
import type { Group } from './group.js';

export interface PresenceOptions {
  /** Member count from which changes are batched. Default 50. */
  batchFrom?: number;
  /** How long changes gather before they go out together (ms). Default 500. */
  windowMs?: number;
}

export class PresenceBatch {
  readonly #group: Group;
  readonly #batchFrom: number;
  readonly #windowMs: number;
  #pending: MemberChange[] = [];
  #timer?: ReturnType<typeof setTimeout>;

  constructor(group: Group, options: PresenceOptions = {}) {
    this.#group = group;
    this.#batchFrom = options.batchFrom ?? 50;
    this.#windowMs = options.windowMs ?? 500;
  }

  /** `member` joined (they are not told of their own join). */
  joined(member: GroupMember): void {
    if (this.#now()) this.#group.push('group-member-join', { groupId: this.#group.groupId, member, memberCount: this.#group.members.size }, member.userId);
    else this.#add({ join: member });
  }

  quit(userId: string): void {
    if (this.#now()) this.#group.push('group-member-quit', { groupId: this.#group.groupId, userId, memberCount: this.#group.members.size });
    else this.#add({ quit: userId });
  }

  /** Sends what is waiting now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return;
    const changes = this.#pending;
    this.#pending = [];
    this.#group.push('group-members-changed', { groupId: this.#group.groupId, changes, memberCount: this.#group.members.size });
  }

  /** The group is gone: nothing more is sent. */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
  }

  /** At once: a small group with nothing waiting (so the order is kept). */
  #now(): boolean {
    return this.#pending.length === 0 && this.#group.members.size < this.#batchFrom;
  }

  #add(change: MemberChange): void {
    this.#pending.push(change);
    this.#timer ??= setTimeout(() => this.flush(), this.#windowMs);
  }
}
