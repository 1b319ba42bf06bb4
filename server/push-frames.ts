/**
 * Server → client pushes, encoded once (a group push to 2,000 members is stringified and turned
 * into bytes once, not 2,000 times; `ws` sends the same bytes on every socket) and tagged with their value to a slow reader: low- and normal-priority group
 * messages may be dropped when a peer does not read (connection-limits.ts); everything else
 * (high-priority messages, state changes, signalling, replies) is never dropped.
 */
import type { EventMap, EventName, GroupMessage } from '../src/core/protocol/local-wire.js';

export type PushValue = 'low' | 'normal' | 'essential';

export interface EncodedPush {
  /** The UTF-8 JSON text of the frame; never modified once made. */
  readonly bytes: Buffer;
  readonly value: PushValue;
}

export function encodePush<E extends EventName>(ev: E, payload: EventMap[E]): EncodedPush {
  return { bytes: Buffer.from(JSON.stringify({ ev, ...payload })), value: pushValue(ev, payload) };
}

function pushValue<E extends EventName>(ev: E, payload: EventMap[E]): PushValue {
  if (ev !== 'group-message') return 'essential';
  const priority = (payload as GroupMessage).priority;
  return priority === 'low' ? 'low' : priority === 'normal' ? 'normal' : 'essential';
}

/** What to do with a frame given the peer's unread bytes: send it, drop it, or close the connection. */
export function sendVerdict(buffered: number, value: PushValue, soft: number, hard: number): 'send' | 'drop' | 'close' {
  if (buffered > hard) return 'close';
  if (value === 'low' && buffered > soft) return 'drop';
  if (value === 'normal' && buffered > (soft + hard) / 2) return 'drop';
  return 'send';
}
