/**
 * A group's message traffic: frequency control (message-limiter.ts) between the content check
 * and delivery, seqs and times assigned at delivery (so every member sees the same order and
 * seqs only grow), and the like total kept from delivered `like` messages, pushed to members
 * as `group-likes` at most once a second.
 */
import { decodeEnvelope } from '../src/core/protocol/envelope.js';
import type { GroupMessage, GroupMessageBody, Priority, UserProfile } from '../src/core/protocol/local-wire.js';
import type { Group } from './group.js';
import { MessageLimiter, type LimiterCounts } from './message-limiter.js';
import { Throttle } from './throttle.js';

export const DEFAULT_GROUP_MESSAGES_PER_SECOND = 40;
const LIKE_PUSH_INTERVAL_MS = 1000;

export interface GroupTrafficOptions {
  /** Deliveries per one-second sliding window. Default 40. */
  messagesPerSecond?: number;
  log?: (line: string) => void;
}

export interface GroupTrafficStats extends LimiterCounts {
  /** Messages the content filter dropped (they never reach the limiter). */
  filtered: number;
  likeTotal: number;
}

export interface Outgoing {
  from: UserProfile;
  priority: Priority;
  body: GroupMessageBody;
}

/** A message on its way: seq and time stay 0 until it is delivered. */
interface Pending extends Outgoing {
  seq: number;
  time: number;
}

export class GroupTraffic {
  likeTotal = 0;
  private filtered = 0;
  private readonly limiter: MessageLimiter<Pending>;
  private readonly likePush: Throttle;

  constructor(
    private readonly group: Group,
    opts: GroupTrafficOptions = {},
  ) {
    this.limiter = new MessageLimiter<Pending>({
      perSecond: opts.messagesPerSecond ?? DEFAULT_GROUP_MESSAGES_PER_SECOND,
      deliver: (item) => this.deliver(item),
      log: opts.log,
    });
    const log = opts.log ?? (() => {});
    this.likePush = new Throttle(LIKE_PUSH_INTERVAL_MS, () => {
      try {
        this.group.push('group-likes', { groupId: this.group.groupId, total: this.likeTotal });
      } catch (err) {
        log(`pushing the like total of ${this.group.groupId} failed: ${err instanceof Error ? err.stack : String(err)}`);
      }
    });
  }

  /**
   * Sends a message that passed the content check. The reply for the sender: the message's
   * seq and time if it went out at once, else `seq: 0` and the current time (it waits in the
   * queue, or frequency control dropped it; the cloud, too, answers success either way).
   */
  send(outgoing: Outgoing): { seq: number; time: number } {
    const pending: Pending = { ...outgoing, seq: 0, time: 0 };
    this.limiter.submit(pending, pending.priority);
    return pending.seq > 0 ? { seq: pending.seq, time: pending.time } : { seq: 0, time: Date.now() };
  }

  /**
   * A message the content filter dropped: it takes a seq, so the sender's reply looks like any
   * other, but nobody receives it (and it does not count against the rate).
   */
  filteredOut(): { seq: number; time: number } {
    this.filtered++;
    return { seq: this.group.nextSeq(), time: Date.now() };
  }

  stats(): GroupTrafficStats {
    return { ...this.limiter.stats(), filtered: this.filtered, likeTotal: this.likeTotal };
  }

  /** Drops what waits and stops every timer (group dismissed, server closing). */
  close(): void {
    this.limiter.close();
    this.likePush.cancel();
  }

  private deliver(item: Pending): void {
    item.seq = this.group.nextSeq();
    item.time = Date.now();
    const message: GroupMessage = {
      groupId: this.group.groupId,
      seq: item.seq,
      time: item.time,
      from: item.from,
      priority: item.priority,
      body: item.body,
    };
    this.group.push('group-message', message);
    const likes = likeCount(item.body);
    if (likes > 0) {
      this.likeTotal += likes;
      this.likePush.trigger();
    }
  }
}

/** The `count` of a well-formed `like` envelope, else 0 (malformed messages are relayed as is). */
export function likeCount(body: GroupMessageBody): number {
  if (body.type !== 'custom') return 0;
  const decoded = decodeEnvelope(body.data);
  return decoded.ok && decoded.message.kind === 'like' ? decoded.message.data.count : 0;
}
