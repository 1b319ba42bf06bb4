/**
 * Per-group frequency control, as the cloud does it (seed 004): at most `perSecond` deliveries
 * in any one-second sliding window. Within the rate a message goes out at once; over it, it
 * waits in a priority queue (high > normal > low, oldest first within a level) bounded at one
 * second's worth. When the queue is full, the lowest-priority, newest message is dropped (the
 * new one itself, if nothing waiting ranks lower). A timer drains the queue as the window
 * frees. The timer never keeps the process alive, and `close()` stops it for good.
 */
import type { Priority } from '../src/core/protocol/local-wire.js';

const RANK: Record<Priority, number> = { high: 0, normal: 1, low: 2 };
const WINDOW_MS = 1000;

export type PriorityCounts = Record<Priority, number>;

export interface LimiterCounts {
  /** Messages handed to `deliver`. */
  delivered: PriorityCounts;
  /** Messages that had to wait (some of them were dropped later). */
  queued: PriorityCounts;
  /** Messages never delivered: refused with a full queue, or pushed out of it by a higher one. */
  dropped: PriorityCounts;
  /** Waiting now. */
  waiting: number;
}

export type Outcome = 'delivered' | 'queued' | 'dropped';

interface Entry<T> {
  item: T;
  priority: Priority;
}

export interface LimiterOptions<T> {
  perSecond: number;
  deliver: (item: T, priority: Priority) => void;
  /** A monotonic clock in ms (default `performance.now`). */
  now?: () => number;
  log?: (line: string) => void;
}

const zero = (): PriorityCounts => ({ high: 0, normal: 0, low: 0 });

export class MessageLimiter<T> {
  readonly perSecond: number;
  private readonly deliverItem: (item: T, priority: Priority) => void;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  /** Delivery times inside the current window, oldest first. */
  private readonly sent: number[] = [];
  /** Waiting entries, best first (rank, then arrival). */
  private readonly queue: Entry<T>[] = [];
  private readonly counts = { delivered: zero(), queued: zero(), dropped: zero() };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(opts: LimiterOptions<T>) {
    this.perSecond = opts.perSecond;
    this.deliverItem = opts.deliver;
    this.now = opts.now ?? (() => performance.now());
    this.log = opts.log ?? (() => {});
  }

  /**
   * Delivers `item` now, queues it or drops it. What already waits goes first as far as the
   * window allows (the timer may be a little late), so a new message never overtakes waiting
   * ones that the window has room for.
   */
  submit(item: T, priority: Priority): Outcome {
    if (this.closed) {
      this.counts.dropped[priority]++;
      return 'dropped';
    }
    this.drain();
    if (this.queue.length === 0 && this.hasRoom()) {
      this.deliver(item, priority);
      return 'delivered';
    }
    if (this.queue.length >= this.perSecond) {
      const worst = this.queue[this.queue.length - 1]!;
      // The newest of the lowest level goes: the new message when nothing waiting ranks lower.
      if (RANK[worst.priority] <= RANK[priority]) {
        this.counts.dropped[priority]++;
        return 'dropped';
      }
      this.queue.pop();
      this.counts.dropped[worst.priority]++;
    }
    this.insert({ item, priority });
    this.counts.queued[priority]++;
    this.schedule();
    return 'queued';
  }

  stats(): LimiterCounts {
    return {
      delivered: { ...this.counts.delivered },
      queued: { ...this.counts.queued },
      dropped: { ...this.counts.dropped },
      waiting: this.queue.length,
    };
  }

  /** Drops whatever waits (counted as dropped) and stops the timer for good. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const entry of this.queue.splice(0)) this.counts.dropped[entry.priority]++;
  }

  private hasRoom(): boolean {
    const horizon = this.now() - WINDOW_MS;
    while (this.sent.length > 0 && this.sent[0]! <= horizon) this.sent.shift();
    return this.sent.length < this.perSecond;
  }

  private deliver(item: T, priority: Priority): void {
    this.sent.push(this.now());
    this.counts.delivered[priority]++;
    try {
      this.deliverItem(item, priority);
    } catch (err) {
      this.log(`delivering a queued message failed: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }

  /** Keeps the queue sorted: after every entry that ranks the same or higher. */
  private insert(entry: Entry<T>): void {
    let i = this.queue.length;
    while (i > 0 && RANK[this.queue[i - 1]!.priority] > RANK[entry.priority]) i--;
    this.queue.splice(i, 0, entry);
  }

  /** Delivers what waits, best first, while the window has room. */
  private drain(): void {
    while (this.queue.length > 0 && this.hasRoom()) {
      const entry = this.queue.shift()!;
      this.deliver(entry.item, entry.priority);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.closed || this.timer || this.queue.length === 0) return;
    // The oldest delivery leaves the window at sent[0] + 1 s; the timer may fire a little
    // early by this clock, in which case drain() simply schedules again.
    const delay = Math.max(1, Math.ceil(this.sent[0]! + WINDOW_MS - this.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, delay);
    this.timer.unref();
  }
}
