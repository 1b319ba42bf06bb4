/**
 * Like aggregation (seed 004): taps are counted locally and merged into at most one message
 * per `intervalMs` (a second) per client.
 */
import { type Clock, systemClock } from './clock.js';

export class LikeAggregator {
  readonly intervalMs: number;
  #flush: (count: number) => void;
  #clock: Clock;
  #pending = 0;
  #lastSent = -Infinity;
  #timer: unknown;

  constructor(options: { flush: (count: number) => void; intervalMs?: number; clock?: Clock }) {
    this.#flush = options.flush;
    this.intervalMs = options.intervalMs ?? 1000;
    this.#clock = options.clock ?? systemClock;
  }

  get pending(): number {
    return this.#pending;
  }

  add(count = 1): void {
    this.#pending += count;
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#lastSent + this.intervalMs - this.#clock.now());
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.flushNow();
    }, wait);
  }

  flushNow(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#pending === 0) return;
    const count = this.#pending;
    this.#pending = 0;
    this.#lastSent = this.#clock.now();
    this.#flush(count);
  }

  dispose(): void {
    this.flushNow();
  }
}
