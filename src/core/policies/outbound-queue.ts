/**
 * Outbound frequency control (seed 004): a room's chat takes at most `ratePerSecond` messages
 * (40 by default). Messages within the rate go out at once; the rest wait in a bounded queue,
 * highest priority first (high > normal > low, oldest first within a level), and when the
 * queue is full the lowest-priority, newest message is dropped: its promise rejects with
 * RATE_LIMITED, so nothing is lost silently.
 */
import { ErrorCode, LiveError } from '../errors.js';
import type { Priority } from '../engines/types.js';
import { type Clock, systemClock } from './clock.js';

const RANK: Record<Priority, number> = { high: 0, normal: 1, low: 2 };

interface Entry<T, R> {
  item: T;
  priority: Priority;
  order: number;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export interface OutboundQueueOptions<T, R> {
  send: (item: T, priority: Priority) => Promise<R>;
  ratePerSecond?: number;
  /** Most messages waiting at once. Default: one second's worth. */
  maxQueued?: number;
  clock?: Clock;
}

export class OutboundQueue<T, R = unknown> {
  readonly ratePerSecond: number;
  readonly maxQueued: number;
  #send: (item: T, priority: Priority) => Promise<R>;
  #clock: Clock;
  /** Send times within the last second (a sliding window). */
  #sent: number[] = [];
  #queue: Entry<T, R>[] = [];
  #order = 0;
  #timer: unknown;
  dropped = 0;

  constructor(options: OutboundQueueOptions<T, R>) {
    this.#send = options.send;
    this.ratePerSecond = options.ratePerSecond ?? 40;
    this.maxQueued = options.maxQueued ?? this.ratePerSecond;
    this.#clock = options.clock ?? systemClock;
  }

  get queued(): number {
    return this.#queue.length;
  }

  enqueue(item: T, priority: Priority): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const entry: Entry<T, R> = { item, priority, order: this.#order++, resolve, reject };
      if (this.#queue.length === 0 && this.#take()) {
        this.#dispatch(entry);
        return;
      }
      this.#insert(entry);
      this.#schedule();
    });
  }

  /** Takes a slot in the window if one is free. */
  #take(): boolean {
    const now = this.#clock.now();
    while (this.#sent.length && now - this.#sent[0] >= 1000) this.#sent.shift();
    if (this.#sent.length >= this.ratePerSecond) return false;
    this.#sent.push(now);
    return true;
  }

  #dispatch(entry: Entry<T, R>): void {
    this.#send(entry.item, entry.priority).then(entry.resolve, entry.reject);
  }

  #insert(entry: Entry<T, R>): void {
    // Keep the queue sorted: priority, then arrival.
    let i = this.#queue.length;
    while (i > 0 && RANK[this.#queue[i - 1].priority] > RANK[entry.priority]) i--;
    this.#queue.splice(i, 0, entry);
    if (this.#queue.length > this.maxQueued) {
      const victim = this.#queue.pop()!;
      this.dropped++;
      victim.reject(new LiveError(ErrorCode.RATE_LIMITED, `Too many messages: this ${victim.priority}-priority message was dropped to keep the room within ${this.ratePerSecond} messages per second.`));
    }
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#queue.length === 0) return;
    const now = this.#clock.now();
    const wait = this.#sent.length >= this.ratePerSecond ? Math.max(1, this.#sent[0] + 1000 - now) : 0;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      while (this.#queue.length && this.#take()) this.#dispatch(this.#queue.shift()!);
      this.#schedule();
    }, wait);
  }

  /** Rejects everything waiting (leaving the room). */
  clear(reason: LiveError = new LiveError(ErrorCode.NOT_IN_ROOM)): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const entry of this.#queue.splice(0)) entry.reject(reason);
  }
}
