/**
 * Two small meters for per-connection limits: a token bucket (may this frame go through?) and
 * a sliding-window counter (how many bad things in the last N ms?). Both take a monotonic clock
 * in ms (default `performance.now`) and keep O(1) state.
 */

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) * this.perSecond) / 1000);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Counts events in a sliding window, to a resolution of a tenth of the window. */
export class WindowCounter {
  private static readonly SLOTS = 10;
  private readonly slotMs: number;
  private readonly counts = new Array<number>(WindowCounter.SLOTS).fill(0);
  private slot = 0;
  private slotStart: number;

  constructor(
    windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.slotMs = windowMs / WindowCounter.SLOTS;
    this.slotStart = now();
  }

  /** Records one event; returns the count within the window, this one included. */
  add(): number {
    this.advance();
    this.counts[this.slot]!++;
    let total = 0;
    for (const n of this.counts) total += n;
    return total;
  }

  private advance(): void {
    const elapsed = Math.floor((this.now() - this.slotStart) / this.slotMs);
    if (elapsed <= 0) return;
    const steps = Math.min(elapsed, WindowCounter.SLOTS);
    for (let i = 0; i < steps; i++) {
      this.slot = (this.slot + 1) % WindowCounter.SLOTS;
      this.counts[this.slot] = 0;
    }
    this.slotStart += elapsed * this.slotMs;
  }
}
