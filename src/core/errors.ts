/**
 * The kit's errors: `LiveError` (a numeric code and words), the default English words per code,
 * and helpers that wrap anything thrown. The codes themselves are in error-codes.ts (a module of
 * their own, so that code that only names a code does not ship the words).
 */
import { ErrorCode, type ErrorCodeValue } from './error-codes.js';

export { ErrorCode, type ErrorCodeName, type ErrorCodeValue } from './error-codes.js';

const defaultMessages: Record<ErrorCodeValue, string> = {
  60001: 'Could not switch the call to audio.',
  60002: 'Could not switch the call to video.',
  60003: 'No microphone was found.',
  60004: 'No camera was found.',
  60005: 'Camera or microphone permission was denied. Allow access in the browser’s site settings and try again.',
  60006: 'This browser does not support WebRTC.',
  61001: 'Invalid argument.',
  61002: 'Invalid user ID: use 1–32 letters, digits, “-” or “_”.',
  61003: 'Invalid room ID.',
  61004: 'The text is too long.',
  61005: 'A malformed message was received.',
  61006: 'Not logged in.',
  61007: 'Not in a room.',
  61008: 'Already in a room.',
  61009: 'The operation timed out.',
  61010: 'The server cannot be reached.',
  61011: 'The connection to the server was lost.',
  61012: 'The selected engine is not available.',
  61013: 'The media connection failed.',
  61014: 'The operation is not possible in the current state.',
  62001: 'Authentication failed: the UserSig is invalid.',
  62002: 'The UserSig has expired.',
  62003: 'You are not allowed to do this.',
  62004: 'The room does not exist.',
  62005: 'You were logged out because the same account logged in elsewhere.',
  62006: 'The room was closed.',
  62007: 'You are not allowed to publish in this room.',
  62008: 'The user was not found.',
  62009: 'The room already exists.',
  62010: 'Too many requests; slow down.',
  62011: 'Unknown operation.',
  62012: 'The message is too large.',
  62013: 'The room uses a different scene.',
  62014: 'You are muted in this room.',
  62015: 'You were removed from this room and cannot enter it for now.',
  62016: 'The message was rejected by the content check.',
  62017: 'All seats are taken.',
  62018: 'Your balance is too low for this gift.',
  62019: 'This gift is not in the catalog.',
  62099: 'Internal server error.',
};

/** The default English words for a code (the UI localises by code). */
export function defaultErrorMessage(code: number): string {
  return (defaultMessages as Record<number, string>)[code] ?? `Error ${code}.`;
}

/** Every failure the kit reports is a LiveError: a numeric `code` and a message in words. */
export class LiveError extends Error {
  override readonly name = 'LiveError';
  readonly code: number;
  constructor(code: number, message?: string, options?: { cause?: unknown }) {
    super(message ?? defaultErrorMessage(code), options);
    this.code = code;
  }

  /** Plain data, safe to send over the wire or into an event detail. */
  toJSON(): { code: number; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isLiveError(value: unknown): value is LiveError {
  return value instanceof LiveError;
}

/** Wraps anything thrown into a LiveError, keeping the original as `cause`. */
export function toLiveError(value: unknown, fallbackCode: number = ErrorCode.MEDIA_FAILED): LiveError {
  if (value instanceof LiveError) return value;
  if (value && typeof value === 'object' && 'code' in value && typeof (value as { code: unknown }).code === 'number') {
    const v = value as { code: number; message?: unknown };
    return new LiveError(v.code, typeof v.message === 'string' ? v.message : undefined, { cause: value });
  }
  const message = value instanceof Error ? value.message : undefined;
  return new LiveError(fallbackCode, message ? `${defaultErrorMessage(fallbackCode)} (${message})` : undefined, { cause: value });
}

/** Maps a getUserMedia failure to the seed's device codes (60003–60006). */
export function mediaDeviceError(err: unknown, kind: 'camera' | 'microphone' | 'both'): LiveError {
  const name = err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return new LiveError(ErrorCode.PERMISSION_DENIED, undefined, { cause: err });
  }
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') {
    return new LiveError(kind === 'microphone' ? ErrorCode.NO_MICROPHONE : ErrorCode.NO_CAMERA, undefined, { cause: err });
  }
  if (name === 'TypeError' && typeof navigator !== 'undefined' && !navigator.mediaDevices) {
    return new LiveError(ErrorCode.WEBRTC_UNSUPPORTED, undefined, { cause: err });
  }
  return toLiveError(err, ErrorCode.MEDIA_FAILED);
}

/** Rejects with a TIMEOUT LiveError when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what = 'operation'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LiveError(ErrorCode.TIMEOUT, `The ${what} timed out after ${ms} ms.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
