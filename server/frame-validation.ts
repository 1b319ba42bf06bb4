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
import { byteLength } from '../src/core/validation.js';
import {
  field,
  invalid,
  isPlainObject,
  optionalString,
  requiredBoolean,
  requiredEnum,
  requiredGroupId,
  requiredInteger,
  requiredRoom,
  requiredString,
  requiredUserId,
  tooLong,
  type Raw,
} from './arg-readers.js';
import { moderationValidators } from './moderation-validators.js';
import { KnownAttributes, ServerLimits } from './server-limits.js';
import { MAX_USERSIG_CHARS } from './usersig.js';


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
    checkKnownAttribute(key, v);
    Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The attributes the kit reads (`status`, `notice`, `intro`) have tighter rules than the rest. */
function checkKnownAttribute(key: string, value: string): void {
  if (key === 'status' && !(KnownAttributes.statuses as readonly string[]).includes(value)) {
    throw invalid(`The attribute “status” must be one of ${KnownAttributes.statuses.map((v) => `“${v}”`).join(', ')}.`);
  }
  const max = key === 'notice' ? KnownAttributes.noticeBytes : key === 'intro' ? KnownAttributes.introBytes : undefined;
  const size = byteLength(value);
  if (max !== undefined && size > max) throw tooLong(`The attribute “${key}”`, size, max);
}

export type Validators = { [O in Op]: (raw: Raw) => RequestArgs<O> };

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
  ...moderationValidators,
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
