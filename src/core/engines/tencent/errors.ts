/**
 * Tencent SDK errors → the kit's codes, with the SDK's own code and words kept in the message
 * (and the original as `cause`), so that the UI can say what happened and support can look it up.
 */
import { ErrorCode, LiveError, withTimeout } from '../../errors.js';

interface SdkErrorShape {
  code?: unknown;
  extraCode?: unknown;
  message?: unknown;
  name?: unknown;
}

function shape(error: unknown): SdkErrorShape {
  return error && typeof error === 'object' ? (error as SdkErrorShape) : {};
}

function sdkWords(error: unknown): string {
  const { code, extraCode, message } = shape(error);
  const codes = [code, extraCode].filter((c) => typeof c === 'number').join('/');
  const text = typeof message === 'string' ? message.trim() : error instanceof Error ? error.message : '';
  return codes || text ? ` (${codes ? `SDK ${codes}` : 'SDK'}${text ? `: ${text.slice(0, 200)}` : ''})` : '';
}

/* ───────────── TRTC ───────────── */

/** TRTC.ERROR_CODE values (RtcError.code), from the SDK's documentation. */
export const TrtcCode = {
  INVALID_PARAMETER: 5000,
  INVALID_OPERATION: 5100,
  ENV_NOT_SUPPORTED: 5200,
  DEVICE_ERROR: 5300,
  SERVER_ERROR: 5400,
  /** A paid feature the application's RTC Engine package does not include (e.g. VoiceChanger). */
  NEED_TO_BUY: 5401,
  OPERATION_FAILED: 5500,
  OPERATION_ABORT: 5998,
  UNKNOWN_ERROR: 5999,
} as const;

export type DeviceKind = 'camera' | 'microphone';

/**
 * Maps an RtcError (or anything a TRTC call threw) to a LiveError. `device` says which device a
 * capture call opened, so that "not found" becomes 60004 (camera) or 60003 (microphone).
 */
export function trtcError(error: unknown, what: string, device?: DeviceKind): LiveError {
  if (error instanceof LiveError) return error;
  const { code, extraCode } = shape(error);
  const extra = typeof extraCode === 'number' ? extraCode : 0;
  const detail = sdkWords(error);
  const make = (kitCode: number, words: string) => new LiveError(kitCode, `${words}${detail}`, { cause: error });
  switch (code) {
    case TrtcCode.INVALID_PARAMETER:
      if (extra === 5012 || extra === 5013 || extra === 5015 || extra === 5016) return make(ErrorCode.INVALID_ROOM_ID, `TRTC refused the room ID while ${what}.`);
      return make(ErrorCode.INVALID_ARGUMENT, `TRTC refused a parameter while ${what}.`);
    case TrtcCode.INVALID_OPERATION:
      if (extra === 5101) return make(ErrorCode.NOT_IN_ROOM, `Not in a TRTC room while ${what}.`);
      return make(ErrorCode.INVALID_STATE, `TRTC cannot do this now (${what}).`);
    case TrtcCode.ENV_NOT_SUPPORTED:
      return make(ErrorCode.WEBRTC_UNSUPPORTED, `This browser does not support what TRTC needs for ${what}.`);
    case TrtcCode.DEVICE_ERROR:
      return deviceError(error, extra, device, detail);
    case TrtcCode.NEED_TO_BUY:
      return make(ErrorCode.NOT_ALLOWED, `The Tencent RTC application’s package does not include ${what}: it needs a higher RTC Engine package (see Tencent Cloud’s RTC Engine pricing).`);
    case TrtcCode.SERVER_ERROR:
      return /sig/i.test(String(shape(error).message ?? ''))
        ? make(ErrorCode.AUTH_FAILED, `Tencent RTC rejected the UserSig while ${what}.`)
        : make(ErrorCode.SERVER_ERROR, `Tencent RTC answered with an error while ${what}.`);
    case TrtcCode.OPERATION_FAILED:
      if (extra === 5502) return make(ErrorCode.CONNECTION_LOST, `The connection to Tencent RTC was lost and entering the room again failed.`);
      return make(ErrorCode.SERVER_UNREACHABLE, `Tencent RTC cannot be reached while ${what}: check the network (or a firewall blocking TRTC's ports).`);
    case TrtcCode.OPERATION_ABORT:
      return make(ErrorCode.INVALID_STATE, `TRTC cancelled ${what} (another call replaced it).`);
    default:
      return make(ErrorCode.MEDIA_FAILED, `TRTC failed while ${what}.`);
  }
}

/** DEVICE_ERROR extra codes 5301–5307 (getUserMedia's error names) → 60003–60006 and friends. */
function deviceError(error: unknown, extra: number, device: DeviceKind | undefined, detail: string): LiveError {
  const missing = device === 'microphone' ? ErrorCode.NO_MICROPHONE : ErrorCode.NO_CAMERA;
  const name = device ?? 'camera or microphone';
  const make = (kitCode: number, words: string) => new LiveError(kitCode, `${words}${detail}`, { cause: error });
  switch (extra) {
    case 5301: // NotFoundError
      return make(missing, `No ${name} was found.`);
    case 5302: // NotAllowedError
    case 5306: // SecurityError
      return make(ErrorCode.PERMISSION_DENIED, `Permission to use the ${name} was denied. Allow it in the browser’s site settings (and the system’s privacy settings) and try again.`);
    case 5303: // NotReadableError
      return make(ErrorCode.MEDIA_FAILED, `The ${name} cannot be read: another application may be using it.`);
    case 5304: // OverconstrainedError
      return make(missing, `The chosen ${name} is not available.`);
    case 5305: // InvalidStateError
      return make(ErrorCode.MEDIA_FAILED, `The ${name} cannot be opened while the page is in the background.`);
    case 5307: // AbortError
      return make(ErrorCode.MEDIA_FAILED, `Opening the ${name} was interrupted.`);
    default:
      return make(ErrorCode.MEDIA_FAILED, `The ${name} failed.`);
  }
}

/* ───────────── Tencent Cloud Chat ───────────── */

/** Maps a chat SDK error (`{ code, message }`) to a LiveError. */
export function chatError(error: unknown, what: string): LiveError {
  if (error instanceof LiveError) return error;
  const { code } = shape(error);
  const n = typeof code === 'number' ? code : Number(code);
  const detail = sdkWords(error);
  const make = (kitCode: number, words: string) => new LiveError(kitCode, `${words}${detail}`, { cause: error });
  if (n === 70001) return make(ErrorCode.USERSIG_EXPIRED, 'The UserSig has expired: get a new one and log in again.');
  if (n >= 70000 && n < 71000) return make(ErrorCode.AUTH_FAILED, `Tencent Cloud Chat rejected the login (UserSig or SDKAppID) while ${what}.`);
  switch (n) {
    case 2801:
      return make(ErrorCode.TIMEOUT, `Tencent Cloud Chat did not answer in time while ${what}.`);
    case 2800:
    case 2802:
    case 2803:
    case 2804:
      return make(ErrorCode.SERVER_UNREACHABLE, `Tencent Cloud Chat cannot be reached while ${what}: check the network.`);
    case 2024:
    case 2999:
    case 6014:
      return make(ErrorCode.NOT_LOGGED_IN, `Not logged in to Tencent Cloud Chat while ${what}.`);
    case 10004:
      return make(ErrorCode.INVALID_ARGUMENT, `Tencent Cloud Chat refused a parameter while ${what}.`);
    case 10007:
      return make(ErrorCode.NOT_ALLOWED, `You are not allowed to do this (${what}).`);
    case 10010:
    case 10015:
      return make(ErrorCode.ROOM_NOT_FOUND, `The room’s chat group does not exist (or was dismissed) while ${what}.`);
    case 10017:
      return make(ErrorCode.MUTED, 'You are muted in this room.');
    case 10016:
    case 80001:
    case 7015:
      return make(ErrorCode.CONTENT_REJECTED, 'The message was rejected by the content check.');
    case 80002:
    case 10018:
      return make(ErrorCode.FRAME_TOO_LARGE, 'The message is too large for Tencent Cloud Chat.');
    case 10006:
    case 10023:
    case 10049:
    case 2996:
    case 8511:
    case 7008:
      return make(ErrorCode.RATE_LIMITED, `Too many requests to Tencent Cloud Chat while ${what}; slow down.`);
    case 10021:
      return make(ErrorCode.ROOM_EXISTS, 'The room’s chat group ID is already used by someone else.');
    case 10019:
      return make(ErrorCode.USER_NOT_FOUND, `The user was not found while ${what}.`);
    case 10014:
    case 10036:
    case 10037:
    case 10038:
      return make(ErrorCode.NOT_ALLOWED, `A Tencent Cloud Chat quota was reached while ${what} (group full or too many groups for the plan).`);
    case 2641:
    case 2642:
    case 10050:
    case 10056:
      return make(ErrorCode.INVALID_STATE, `Tencent Cloud Chat refused the group attributes while ${what}.`);
    default:
      return make(ErrorCode.SERVER_ERROR, `Tencent Cloud Chat failed while ${what}.`);
  }
}

/** The chat error code of anything thrown, or undefined. */
export function chatCode(error: unknown): number | undefined {
  const inner = error instanceof LiveError ? error.cause : error;
  const code = shape(inner).code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Runs an SDK call with a timeout and maps its failure: TIMEOUT (in words, naming the call) when
 * it hangs, the mapped code when it rejects. `onTimeout` cleans up after a call that hung.
 */
export async function sdkCall<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  map: (error: unknown, what: string) => LiveError,
  onTimeout?: () => void,
  /** The timeout to name in the message (when `ms` is what was left of it). */
  shownMs = ms,
): Promise<T> {
  // The SDK's own failure is mapped on its way out, so that anything else is the timer's.
  let failure: LiveError | undefined;
  const mapped = promise.catch((error: unknown) => {
    throw (failure = map(error, what));
  });
  try {
    return await withTimeout(mapped, ms, what);
  } catch (error) {
    if (error === failure) throw error;
    // The SDK's promise may still settle later: never let that become an unhandled rejection.
    mapped.catch(() => undefined);
    onTimeout?.();
    throw new LiveError(ErrorCode.TIMEOUT, `${capitalise(what)} timed out after ${shownMs} ms: Tencent Cloud did not answer. Check the network and try again.`);
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Fetches code (an SDK or a plugin) under a timeout. A failure that is not already a LiveError
 * (the import failed) is ENGINE_UNAVAILABLE: `words`, then the browser's reason in brackets.
 */
export function loadCode<T>(load: () => Promise<T>, ms: number, what: string, words: string): Promise<T> {
  return withTimeout(new Promise<T>((resolve) => resolve(load())), ms, what).catch((error: unknown) => {
    if (error instanceof LiveError) throw error;
    throw new LiveError(ErrorCode.ENGINE_UNAVAILABLE, `${words} (${reason(error)})`, { cause: error });
  });
}

/**
 * Calls one of the app's own hooks (its server) under a timeout. A failure that is not already a
 * LiveError becomes `code`: `words`, then the hook's reason.
 */
export async function hookCall<T>(call: () => Promise<T>, ms: number, what: string, code: number, words: string): Promise<T> {
  try {
    return await withTimeout(new Promise<T>((resolve) => resolve(call())), ms, what);
  } catch (error) {
    if (error instanceof LiveError) throw error;
    throw new LiveError(code, `${words}: ${reason(error)}`, { cause: error });
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
