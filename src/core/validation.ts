import { ErrorCode, LiveError } from './errors.js';
import { Limits } from './limits.js';

export { Limits } from './limits.js';

const encoder = new TextEncoder();
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

const USER_ID = /^[A-Za-z0-9_-]+$/;
/** Tencent's strRoomId alphabet: letters, digits and a small set of symbols. */
const STR_ROOM_ID = /^[A-Za-z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/;

export function isValidUserId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && byteLength(value) <= Limits.userIdBytes && USER_ID.test(value);
}

export function assertUserId(value: unknown, what = 'userId'): string {
  if (!isValidUserId(value)) {
    throw new LiveError(ErrorCode.INVALID_USER_ID, `Invalid ${what} ${JSON.stringify(value)}: use 1–32 letters, digits, “-” or “_”.`);
  }
  return value;
}

/**
 * A room is identified either by a number (1–4294967295, TRTC `roomId`) or by a string
 * (TRTC `strRoomId`). The two never meet: numeric 123 and string "123" are different rooms.
 */
export type RoomId = { kind: 'numeric'; id: number } | { kind: 'string'; id: string };

export function numericRoom(id: number): RoomId {
  return { kind: 'numeric', id };
}
export function stringRoom(id: string): RoomId {
  return { kind: 'string', id };
}

export function isValidRoomId(value: unknown): value is RoomId {
  if (!value || typeof value !== 'object') return false;
  const room = value as { kind?: unknown; id?: unknown };
  if (room.kind === 'numeric') {
    return typeof room.id === 'number' && Number.isInteger(room.id) && room.id >= 1 && room.id <= Limits.maxNumericRoomId;
  }
  if (room.kind === 'string') {
    return typeof room.id === 'string' && room.id.length > 0 && byteLength(room.id) <= Limits.strRoomIdBytes && STR_ROOM_ID.test(room.id);
  }
  return false;
}

export function assertRoomId(value: unknown): RoomId {
  if (!isValidRoomId(value)) {
    throw new LiveError(
      ErrorCode.INVALID_ROOM_ID,
      `Invalid room ID ${JSON.stringify(value)}: a numeric room ID is an integer 1–4294967295; a string room ID is 1–64 bytes of letters, digits and common symbols.`,
    );
  }
  return value;
}

/** Parses what a user or an attribute gives: a number, or a numeric string for a numeric room. */
export function parseNumericRoomId(value: unknown): RoomId {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  return assertRoomId(numericRoom(n));
}

/** A stable key: numeric and string rooms never share one. */
export function roomKey(room: RoomId): string {
  return room.kind === 'numeric' ? `n:${room.id}` : `s:${room.id}`;
}

const SAFE_GROUP_PART = /^[A-Za-z0-9_.-]{1,40}$/;

/**
 * The chat group that carries a live room's messages: digits for a numeric room, `str_<id>` for
 * a string room whose id fits a group ID (≤ 48 bytes of letters, digits, `_.-`), else
 * `strh_<64-bit hash>`. Never the same group for a numeric and a string room.
 */
export function groupIdForRoom(room: RoomId): string {
  if (room.kind === 'numeric') return String(room.id);
  return SAFE_GROUP_PART.test(room.id) ? `str_${room.id}` : `strh_${fnv1a64(room.id)}`;
}

/** FNV-1a, 64 bits, over the UTF-8 bytes; hex. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of encoder.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

export function sameRoom(a: RoomId | undefined, b: RoomId | undefined): boolean {
  return !!a && !!b && a.kind === b.kind && a.id === b.id;
}

export function assertText(value: unknown, maxBytes: number, what = 'text'): string {
  if (typeof value !== 'string') throw new LiveError(ErrorCode.INVALID_ARGUMENT, `The ${what} must be a string.`);
  const size = byteLength(value);
  if (size > maxBytes) {
    throw new LiveError(ErrorCode.TEXT_TOO_LONG, `The ${what} is ${size} bytes; at most ${maxBytes} bytes are allowed.`);
  }
  return value;
}

export function assertNonEmptyText(value: unknown, maxBytes: number, what = 'text'): string {
  const text = assertText(value, maxBytes, what);
  if (text.trim().length === 0) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `The ${what} is empty.`);
  return text;
}
