/**
 * What one WebSocket connection may cost the server, and what happens beyond it:
 *
 * - Frames in: a token bucket per connection (`framesPerSecond`, `burst`). A frame over it is
 *   answered with RATE_LIMITED (62010) and not processed. More than `maxRefusedFrames` refusals,
 *   or more than `maxMalformedFrames` frames that are not a JSON request at all (not JSON, not
 *   an object, no id or op, binary), within `abuseWindowMs` close the connection with 4008.
 * - Frames out: before a push, if the socket's `bufferedAmount` (what the peer has not read
 *   yet) is over `sendBufferSoftBytes`, low-value pushes are dropped (low-priority group
 *   messages first; normal ones once it is half-way to the hard cap; never replies, high
 *   priority messages or state changes). Over `sendBufferHardBytes` the connection is closed
 *   with 4009 ("too slow").
 * - A single frame over MAX_FRAME_BYTES (64 KiB, core/protocol/local-wire.ts) is closed by `ws`
 *   with 1009 before it is read; fields inside a frame have their own limits (server-limits.ts).
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';

export interface ConnectionLimits {
  /** Steady rate of frames a connection may send. Default 50. */
  framesPerSecond: number;
  /** Frames a connection may send at once, above the steady rate. Default 100. */
  burst: number;
  /** Refused (rate-limited) frames within `abuseWindowMs` that close the connection. Default 500. */
  maxRefusedFrames: number;
  /** Malformed frames within `abuseWindowMs` that close the connection. Default 50. */
  maxMalformedFrames: number;
  /** The window of the two counts above (ms). Default 10 000. */
  abuseWindowMs: number;
  /** Unread bytes beyond which low-value pushes are dropped. Default 1 MiB. */
  sendBufferSoftBytes: number;
  /** Unread bytes beyond which the connection is closed (4009). Default 4 MiB. */
  sendBufferHardBytes: number;
}

export const DEFAULT_CONNECTION_LIMITS: Readonly<ConnectionLimits> = Object.freeze({
  framesPerSecond: 50,
  burst: 100,
  maxRefusedFrames: 500,
  maxMalformedFrames: 50,
  abuseWindowMs: 10_000,
  sendBufferSoftBytes: 1024 * 1024,
  sendBufferHardBytes: 4 * 1024 * 1024,
});

/** The defaults with `given` on top; throws INVALID_ARGUMENT for a value that makes no sense. */
export function resolveConnectionLimits(given: Partial<ConnectionLimits> = {}): ConnectionLimits {
  const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS };
  for (const key of Object.keys(DEFAULT_CONNECTION_LIMITS) as (keyof ConnectionLimits)[]) {
    const value = given[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new LiveError(ErrorCode.INVALID_ARGUMENT, `connectionLimits.${key} must be a positive number; got ${String(value)}.`);
    }
    limits[key] = value;
  }
  if (limits.burst < 1) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'connectionLimits.burst must be at least 1.');
  if (limits.sendBufferHardBytes < limits.sendBufferSoftBytes) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'connectionLimits.sendBufferHardBytes must not be below sendBufferSoftBytes.');
  }
  return limits;
}

/** What happened to connections, since the server started (for stats and load tests). */
export interface ConnectionCounters {
  /** Frames answered with RATE_LIMITED instead of being processed. */
  framesRefused: number;
  /** Frames that were not a JSON request at all. */
  malformedFrames: number;
  /** Pushes not sent to a slow reader, by kind. */
  pushesDropped: { low: number; normal: number };
  /** Connections closed with 4008 (too many refused or malformed frames). */
  closedForAbuse: number;
  /** Connections closed with 4009 (the peer does not read). */
  closedTooSlow: number;
}

export function newConnectionCounters(): ConnectionCounters {
  return { framesRefused: 0, malformedFrames: 0, pushesDropped: { low: 0, normal: 0 }, closedForAbuse: 0, closedTooSlow: 0 };
}
