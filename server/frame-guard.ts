/**
 * The per-connection limits on frames coming in (connection-limits.ts): a token bucket decides
 * whether a frame is processed; refused and malformed frames are counted in a sliding window,
 * and too many of either mean the connection is closed for abuse.
 */
import type { ConnectionCounters, ConnectionLimits } from './connection-limits.js';
import { TokenBucket, WindowCounter } from './rate-meters.js';

export class FrameGuard {
  private readonly bucket: TokenBucket;
  private readonly refusals: WindowCounter;
  private readonly malformed: WindowCounter;

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly counters: ConnectionCounters,
  ) {
    this.bucket = new TokenBucket(limits.framesPerSecond, limits.burst);
    this.refusals = new WindowCounter(limits.abuseWindowMs);
    this.malformed = new WindowCounter(limits.abuseWindowMs);
  }

  /** Whether the next frame may be processed (else it is refused). */
  admit(): boolean {
    return this.bucket.take();
  }

  /** Counts a refused frame; returns a reason to close the connection, if it is one too many. */
  refused(): string | undefined {
    this.counters.framesRefused++;
    if (this.refusals.add() > this.limits.maxRefusedFrames) {
      return `rate limit: more than ${this.limits.maxRefusedFrames} frames refused within ${this.limits.abuseWindowMs / 1000} s`;
    }
    return undefined;
  }

  /** Counts a malformed frame; returns a reason to close the connection, if it is one too many. */
  malformedFrame(): string | undefined {
    this.counters.malformedFrames++;
    if (this.malformed.add() > this.limits.maxMalformedFrames) {
      return `malformed frames: more than ${this.limits.maxMalformedFrames} within ${this.limits.abuseWindowMs / 1000} s`;
    }
    return undefined;
  }
}
