/**
 * Strict validation of client frames (`{ id, op, ...args }`, see core/protocol/local-wire.ts).
 * Every validator either returns clean, typed arguments (only the known fields, copied) or
 * throws a LiveError with the code the client should see. Unknown extra fields are ignored.
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';
import type {
  GroupMessageBody,
  Op,
  Priority,
  RequestArgs,
  Role,
  Scene,
  SignalData,
} from '../src/core/protocol/local-wire.js';
import { byteLength, isValidRoomId, isValidUserId, Limits, type RoomId } from '../src/core/validation.js';
import { MAX_USERSIG_CHARS } from './usersig.js';

/** Bounds of the local server (in bytes unless said otherwise). */
export const ServerLimits = {
  nicknameBytes: Limits.nicknameBytes,
  avatarBytes: Limits.avatarUrlBytes,
  groupNameBytes: Limits.roomNameBytes,
  coverBytes: 512,
  textBytes: Limits.textMessageBytes,
  customDataBytes: Limits.customMessageBytes,
  attributeKeys: 16,
  attributeKeyBytes: 32,
  attributeValueBytes: 4 * 1024,
  groupIdBytes: 48,
  groupInfoIds: 100,
  membersPageMax: 100,
  sdpBytes: 32 * 1024,
  pcIdBytes: 64,
  candidateBytes: 2 * 1024,
} as const;

const GROUP_ID = /^[A-Za-z0-9_:.@-]+$/;

export function isValidGroupId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && byteLength(value) <= ServerLimits.groupIdBytes && GROUP_ID.test(value);
}

type Raw = Record<string, unknown>;

function field(raw: Raw, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(raw, key) ? raw[key] : undefined;
}

function invalid(message: string): LiveError {
  return new LiveError(ErrorCode.INVALID_ARGUMENT, message);
}

function isPlainObject(value: unknown): value is Raw {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function requiredString(raw: Raw, key: string, maxBytes: number): string {
  const value = field(raw, key);
  if (typeof value !== 'string') throw invalid(`“${key}” must be a string.`);
  const size = byteLength(value);
  if (size > maxBytes) {
    throw new LiveError(ErrorCode.TEXT_TOO_LONG, `“${key}” is ${size} bytes; at most ${maxBytes} bytes are allowed.`);
  }
  return value;
}

function optionalString(raw: Raw, key: string, maxBytes: number): string | undefined {
  return field(raw, key) === undefined ? undefined : requiredString(raw, key, maxBytes);
}

function requiredBoolean(raw: Raw, key: string): boolean {
  const value = field(raw, key);
  if (typeof value !== 'boolean') throw invalid(`“${key}” must be true or false.`);
  return value;
}

function requiredInteger(raw: Raw, key: string, min: number, max: number): number {
  const value = field(raw, key);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`“${key}” must be an integer from ${min} to ${max}.`);
  }
  return value;
}

function requiredEnum<T extends string>(raw: Raw, key: string, values: readonly T[]): T {
  const value = field(raw, key);
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw invalid(`“${key}” must be one of ${values.map((v) => `“${v}”`).join(', ')}.`);
  }
  return value as T;
}

function requiredUserId(raw: Raw, key: string): string {
  const value = field(raw, key);
  if (!isValidUserId(value)) {
    throw new LiveError(ErrorCode.INVALID_USER_ID, `Invalid ${key} ${JSON.stringify(value)}: use 1–32 letters, digits, “-” or “_”.`);
  }
  return value;
}

function requiredGroupId(value: unknown, what = 'groupId'): string {
  if (!isValidGroupId(value)) {
    throw invalid(`Invalid ${what} ${JSON.stringify(value)}: use 1–48 bytes of letters, digits, “_”, “:”, “.”, “@” or “-”.`);
  }
  return value;
}

function requiredRoom(raw: Raw): RoomId {
  const value = field(raw, 'room');
  if (!isValidRoomId(value)) {
    throw new LiveError(
      ErrorCode.INVALID_ROOM_ID,
      `Invalid room ID ${JSON.stringify(value)}: use {kind:"numeric", id: an integer 1–4294967295} or {kind:"string", id: 1–64 bytes of letters, digits and common symbols}.`,
    );
  }
  // Copy: never keep a reference to client-supplied objects.
  return value.kind === 'numeric' ? { kind: 'numeric', id: value.id } : { kind: 'string', id: value.id };
}

function pcId(raw: Raw): string {
  const id = requiredString(raw, 'pcId', ServerLimits.pcIdBytes);
  if (id.length === 0) throw invalid('“pcId” must not be empty.');
  return id;
}

function optionalNullableString(raw: Raw, key: string, maxBytes: number): string | null | undefined {
  const value = field(raw, key);
  if (value === undefined || value === null) return value;
  return requiredString(raw, key, maxBytes);
}

function optionalNullableIndex(raw: Raw, key: string): number | null | undefined {
  const value = field(raw, key);
  if (value === undefined || value === null) return value;
  return requiredInteger(raw, key, 0, 65535);
}

function candidate(value: unknown): RTCIceCandidateInit | null {
  if (value === null) return null;
  if (!isPlainObject(value)) throw invalid('“candidate” must be an ICE candidate object or null.');
  const out: RTCIceCandidateInit = {};
  const text = optionalString(value, 'candidate', ServerLimits.candidateBytes);
  if (text !== undefined) out.candidate = text;
  const sdpMid = optionalNullableString(value, 'sdpMid', 64);
  if (sdpMid !== undefined) out.sdpMid = sdpMid;
  const sdpMLineIndex = optionalNullableIndex(value, 'sdpMLineIndex');
  if (sdpMLineIndex !== undefined) out.sdpMLineIndex = sdpMLineIndex;
  const ufrag = optionalNullableString(value, 'usernameFragment', 256);
  if (ufrag !== undefined) out.usernameFragment = ufrag;
  return out;
}

export function validateSignalData(value: unknown): SignalData {
  if (!isPlainObject(value)) throw invalid('“data” must be a signalling object.');
  const type = requiredEnum(value, 'type', ['subscribe', 'unsubscribe', 'offer', 'answer', 'candidate'] as const);
  switch (type) {
    case 'subscribe':
    case 'unsubscribe':
      return { type };
    case 'offer':
    case 'answer':
      return { type, sdp: requiredString(value, 'sdp', ServerLimits.sdpBytes), pcId: pcId(value) };
    case 'candidate':
      if (!Object.prototype.hasOwnProperty.call(value, 'candidate')) throw invalid('“candidate” is required (null ends the candidates).');
      return { type, candidate: candidate(value['candidate']), pcId: pcId(value) };
  }
}

function messageBody(value: unknown): GroupMessageBody {
  if (!isPlainObject(value)) throw invalid('“body” must be {type:"text", text} or {type:"custom", data}.');
  const type = requiredEnum(value, 'type', ['text', 'custom'] as const);
  if (type === 'text') {
    const text = requiredString(value, 'text', ServerLimits.textBytes);
    if (text.length === 0) throw invalid('The text message is empty.');
    return { type, text };
  }
  return { type, data: requiredString(value, 'data', ServerLimits.customDataBytes) };
}

function attributes(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) throw invalid('“attributes” must be an object of string values.');
  const entries = Object.entries(value);
  if (entries.length > ServerLimits.attributeKeys) {
    throw invalid(`A group has at most ${ServerLimits.attributeKeys} attributes; ${entries.length} were given.`);
  }
  const out: Record<string, string> = {};
  for (const [key, v] of entries) {
    if (key.length === 0) throw invalid('Attribute keys must not be empty.');
    if (byteLength(key) > ServerLimits.attributeKeyBytes) {
      throw new LiveError(ErrorCode.TEXT_TOO_LONG, `The attribute key “${key.slice(0, 40)}” is longer than ${ServerLimits.attributeKeyBytes} bytes.`);
    }
    if (typeof v !== 'string') throw invalid(`The value of attribute “${key}” must be a string.`);
    if (byteLength(v) > ServerLimits.attributeValueBytes) {
      throw new LiveError(ErrorCode.TEXT_TOO_LONG, `The value of attribute “${key}” is longer than ${ServerLimits.attributeValueBytes} bytes.`);
    }
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

type Validators = { [O in Op]: (raw: Raw) => RequestArgs<O> };

const validators: Validators = {
  login: (raw) => {
    const sdkAppId = field(raw, 'sdkAppId');
    if (typeof sdkAppId !== 'number' || !Number.isSafeInteger(sdkAppId) || sdkAppId <= 0) {
      throw invalid('“sdkAppId” must be a positive integer.');
    }
    const userId = requiredUserId(raw, 'userId');
    const userSig = requiredString(raw, 'userSig', MAX_USERSIG_CHARS);
    if (userSig.length === 0) throw new LiveError(ErrorCode.AUTH_FAILED, 'Authentication failed: the UserSig is empty.');
    const nickname = optionalString(raw, 'nickname', ServerLimits.nicknameBytes);
    const avatar = optionalString(raw, 'avatar', ServerLimits.avatarBytes);
    return {
      sdkAppId,
      userId,
      userSig,
      ...(nickname !== undefined ? { nickname } : {}),
      ...(avatar !== undefined ? { avatar } : {}),
    };
  },
  logout: () => ({}),
  'set-profile': (raw) => {
    const nickname = optionalString(raw, 'nickname', ServerLimits.nicknameBytes);
    const avatar = optionalString(raw, 'avatar', ServerLimits.avatarBytes);
    return { ...(nickname !== undefined ? { nickname } : {}), ...(avatar !== undefined ? { avatar } : {}) };
  },
  'media-join': (raw) => ({
    room: requiredRoom(raw),
    role: requiredEnum<Role>(raw, 'role', ['anchor', 'audience']),
    scene: requiredEnum<Scene>(raw, 'scene', ['live', 'voice', 'rtc', 'audio-call']),
  }),
  'media-leave': () => ({}),
  'media-switch-role': (raw) => ({ role: requiredEnum<Role>(raw, 'role', ['anchor', 'audience']) }),
  'media-publish': (raw) => ({ audio: requiredBoolean(raw, 'audio'), video: requiredBoolean(raw, 'video') }),
  'media-unpublish': () => ({}),
  signal: (raw) => ({ to: requiredUserId(raw, 'to'), data: validateSignalData(field(raw, 'data')) }),
  'group-create': (raw) => {
    const groupId = requiredGroupId(field(raw, 'groupId'));
    const name = optionalString(raw, 'name', ServerLimits.groupNameBytes);
    const cover = optionalString(raw, 'cover', ServerLimits.coverBytes);
    return { groupId, ...(name !== undefined ? { name } : {}), ...(cover !== undefined ? { cover } : {}) };
  },
  'group-dismiss': (raw) => ({ groupId: requiredGroupId(field(raw, 'groupId')) }),
  'group-join': (raw) => ({ groupId: requiredGroupId(field(raw, 'groupId')) }),
  'group-quit': (raw) => ({ groupId: requiredGroupId(field(raw, 'groupId')) }),
  'group-send': (raw) => ({
    groupId: requiredGroupId(field(raw, 'groupId')),
    priority: requiredEnum<Priority>(raw, 'priority', ['high', 'normal', 'low']),
    body: messageBody(field(raw, 'body')),
  }),
  'group-members': (raw) => ({
    groupId: requiredGroupId(field(raw, 'groupId')),
    nextSeq: requiredInteger(raw, 'nextSeq', 0, Number.MAX_SAFE_INTEGER),
    count: requiredInteger(raw, 'count', 1, ServerLimits.membersPageMax),
  }),
  'group-info': (raw) => {
    const ids = field(raw, 'groupIds');
    if (!Array.isArray(ids)) throw invalid('“groupIds” must be an array of group IDs.');
    if (ids.length > ServerLimits.groupInfoIds) throw invalid(`At most ${ServerLimits.groupInfoIds} group IDs per request.`);
    return { groupIds: ids.map((id) => requiredGroupId(id, 'group ID')) };
  },
  'group-set-attributes': (raw) => ({
    groupId: requiredGroupId(field(raw, 'groupId')),
    attributes: attributes(field(raw, 'attributes')),
  }),
  'c2c-send': (raw) => ({
    to: requiredUserId(raw, 'to'),
    data: requiredString(raw, 'data', ServerLimits.customDataBytes),
  }),
};

export function isKnownOp(op: unknown): op is Op {
  return typeof op === 'string' && Object.prototype.hasOwnProperty.call(validators, op);
}

export function validateArgs<O extends Op>(op: O, raw: Raw): RequestArgs<O> {
  return validators[op](raw);
}

/** What a text frame parses to before its op-specific arguments are checked. */
export type ParsedFrame =
  | { ok: true; id: number; op: Op; raw: Raw }
  | { ok: false; id: number; error: LiveError };

/** Parses a text frame's JSON envelope. `id` is -1 when the frame has no usable id. */
export function parseFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: -1, error: new LiveError(ErrorCode.MALFORMED_MESSAGE, 'The frame is not valid JSON.') };
  }
  if (!isPlainObject(value)) {
    return { ok: false, id: -1, error: new LiveError(ErrorCode.MALFORMED_MESSAGE, 'The frame must be a JSON object {id, op, ...args}.') };
  }
  const id = field(value, 'id');
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    return { ok: false, id: -1, error: new LiveError(ErrorCode.MALFORMED_MESSAGE, 'The frame has no numeric “id” (a non-negative integer).') };
  }
  const op = field(value, 'op');
  if (typeof op !== 'string') {
    return { ok: false, id, error: new LiveError(ErrorCode.MALFORMED_MESSAGE, 'The frame has no “op” string.') };
  }
  if (!isKnownOp(op)) {
    return { ok: false, id, error: new LiveError(ErrorCode.UNKNOWN_OPERATION, `Unknown operation “${op.slice(0, 64)}”.`) };
  }
  return { ok: true, id, op, raw: value };
}
