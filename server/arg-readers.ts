/**
 * Readers for the fields of a client frame. Each returns a clean, typed value or throws a
 * LiveError with the code the client should see.
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';
import { byteLength, isValidRoomId, isValidUserId, type RoomId } from '../src/core/validation.js';
import { ServerLimits } from './server-limits.js';

export type Raw = Record<string, unknown>;

const GROUP_ID = /^[A-Za-z0-9_:.@-]+$/;

export function isValidGroupId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && byteLength(value) <= ServerLimits.groupIdBytes && GROUP_ID.test(value);
}

/** An own property only: never something inherited such as `toString`. */
export function field(raw: Raw, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(raw, key) ? raw[key] : undefined;
}

/**
 * A short rendering of a client value for an error message: never longer than ~64 characters
 * and never throwing (a 60 KB string or a value nested 20,000 deep is not echoed back).
 */
export function preview(value: unknown): string {
  let text: string;
  if (typeof value === 'string') {
    text = JSON.stringify(value.length > 80 ? value.slice(0, 80) : value);
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Array.isArray(value) ? '[…]' : '{…}';
    }
  }
  return text.length > 64 ? `${text.slice(0, 63)}…` : text;
}

export function invalid(message: string): LiveError {
  return new LiveError(ErrorCode.INVALID_ARGUMENT, message);
}

export function isPlainObject(value: unknown): value is Raw {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

export function tooLong(what: string, size: number, maxBytes: number): LiveError {
  return new LiveError(ErrorCode.TEXT_TOO_LONG, `${what} is ${size} bytes; at most ${maxBytes} bytes are allowed.`);
}

export function requiredString(raw: Raw, key: string, maxBytes: number): string {
  const value = field(raw, key);
  if (typeof value !== 'string') throw invalid(`“${key}” must be a string.`);
  const size = byteLength(value);
  if (size > maxBytes) throw tooLong(`“${key}”`, size, maxBytes);
  return value;
}

export function optionalString(raw: Raw, key: string, maxBytes: number): string | undefined {
  return field(raw, key) === undefined ? undefined : requiredString(raw, key, maxBytes);
}

export function requiredBoolean(raw: Raw, key: string): boolean {
  const value = field(raw, key);
  if (typeof value !== 'boolean') throw invalid(`“${key}” must be true or false.`);
  return value;
}

export function requiredInteger(raw: Raw, key: string, min: number, max: number): number {
  const value = field(raw, key);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`“${key}” must be an integer from ${min} to ${max}.`);
  }
  return value;
}

export function requiredEnum<T extends string>(raw: Raw, key: string, values: readonly T[]): T {
  const value = field(raw, key);
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw invalid(`“${key}” must be one of ${values.map((v) => `“${v}”`).join(', ')}.`);
  }
  return value as T;
}

export function requiredUserId(raw: Raw, key: string): string {
  const value = field(raw, key);
  if (!isValidUserId(value)) {
    throw new LiveError(ErrorCode.INVALID_USER_ID, `Invalid ${key} ${preview(value)}: use 1–32 letters, digits, “-” or “_”.`);
  }
  return value;
}

export function requiredGroupId(value: unknown, what = 'groupId'): string {
  if (!isValidGroupId(value)) {
    throw invalid(`Invalid ${what} ${preview(value)}: use 1–48 bytes of letters, digits, “_”, “:”, “.”, “@” or “-”.`);
  }
  return value;
}

export function requiredRoom(raw: Raw): RoomId {
  const value = field(raw, 'room');
  if (!isValidRoomId(value)) {
    throw new LiveError(
      ErrorCode.INVALID_ROOM_ID,
      `Invalid room ID ${preview(value)}: use {kind:"numeric", id: an integer 1–4294967295} or {kind:"string", id: 1–64 bytes of letters, digits and common symbols}.`,
    );
  }
  // Copy: never keep a reference to client-supplied objects.
  return value.kind === 'numeric' ? { kind: 'numeric', id: value.id } : { kind: 'string', id: value.id };
}
