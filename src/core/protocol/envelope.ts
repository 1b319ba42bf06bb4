/**
 * Every custom message the kit sends over chat travels in one versioned envelope:
 * `{"le":1,"kind":"…","data":{…}}`. Engines carry the encoded string; only this codec reads it,
 * and it validates every field, so a malformed message from another client is rejected with
 * MALFORMED_MESSAGE instead of reaching the store.
 */
import { ErrorCode, LiveError } from '../errors.js';
import { byteLength, Limits } from '../validation.js';

export const ENVELOPE_VERSION = 1;

type FieldSpec =
  | { t: 'string'; max: number; min?: number; optional?: boolean }
  | { t: 'int'; min: number; max: number; optional?: boolean }
  | { t: 'bool'; optional?: boolean }
  | { t: 'enum'; values: readonly string[]; optional?: boolean }
  | { t: 'strings'; maxItems: number; max: number; optional?: boolean };

type Schema = Record<string, FieldSpec>;

type FieldType<F extends FieldSpec> = F extends { t: 'string' }
  ? string
  : F extends { t: 'int' }
    ? number
    : F extends { t: 'bool' }
      ? boolean
      : F extends { t: 'enum'; values: readonly (infer V)[] }
        ? V
        : F extends { t: 'strings' }
          ? string[]
          : never;

type Payload<S extends Schema> = {
  [K in keyof S as S[K] extends { optional: true } ? never : K]: FieldType<S[K]>;
} & {
  [K in keyof S as S[K] extends { optional: true } ? K : never]?: FieldType<S[K]>;
};

const userId = { t: 'string', min: 1, max: 32 } as const;
const roomIdText = { t: 'string', min: 1, max: 64 } as const;
const callId = { t: 'string', min: 1, max: 64 } as const;

/** The payload schema of each message kind. */
const schemas = {
  /** sendRoomCustomMsg(cmd, message). */
  custom: { cmd: { t: 'string', min: 1, max: 64 }, message: { t: 'string', max: 4096 } },
  'room-status': { status: { t: 'enum', values: ['idle', 'live', 'paused', 'ended'] } },
  gift: {
    giftId: { t: 'string', min: 1, max: 64 },
    count: { t: 'int', min: 1, max: 9999 },
    comboId: { t: 'string', max: 64, optional: true },
    comboTotal: { t: 'int', min: 1, max: 999999, optional: true },
    to: { ...userId, optional: true },
    /** Value of one gift (for scores such as a PK's); billing is the application server's. */
    value: { t: 'int', min: 0, max: 1000000, optional: true },
  },
  like: { count: { t: 'int', min: 1, max: 100000 } },
  /** `seat`: in a voice room, the seat asked for. */
  'coanchor-request': { requestId: callId, seat: { t: 'int', min: 1, max: 20, optional: true } },
  'coanchor-cancel': { requestId: callId },
  'coanchor-response': { requestId: callId, agree: { t: 'bool' }, reason: { t: 'string', max: 200, optional: true } },
  'coanchor-invite': { requestId: callId, seat: { t: 'int', min: 1, max: 20, optional: true } },
  'coanchor-kick': { userId },
  /** Anchor → a waiting viewer: their place in the queue, and whether every seat is taken. */
  'coanchor-status': { requestId: callId, position: { t: 'int', min: 1, max: 10000 }, seatsFull: { t: 'bool' } },
  'pk-request': { requestId: callId, roomId: roomIdText, roomKind: { t: 'enum', values: ['numeric', 'string'] } },
  'pk-response': { requestId: callId, agree: { t: 'bool' }, roomId: roomIdText, roomKind: { t: 'enum', values: ['numeric', 'string'] } },
  'pk-quit': { requestId: callId },
  /** Anchor → the other anchor of a PK: the score of the sender's room. */
  'pk-score': { requestId: callId, score: { t: 'int', min: 0, max: 2000000000 } },
  'call-invite': {
    callId,
    type: { t: 'int', min: 1, max: 2 },
    roomId: roomIdText,
    inviter: userId,
    invitees: { t: 'strings', maxItems: 8, max: 32 },
    groupId: { t: 'string', max: 48, optional: true },
  },
  'call-accept': { callId },
  'call-reject': { callId },
  /** `reason: timeout` when the inviter gave up waiting (the invitee then reports CALLING_TIMEOUT). */
  'call-cancel': { callId, reason: { t: 'enum', values: ['cancelled', 'timeout'], optional: true } },
  'call-hangup': { callId },
  'call-busy': { callId },
  'call-switch': { callId, type: { t: 'int', min: 1, max: 2 } },
} as const satisfies Record<string, Schema>;

export type MessageKind = keyof typeof schemas;
export type PayloadOf<K extends MessageKind> = Payload<(typeof schemas)[K]>;
export type Envelope = { [K in MessageKind]: { kind: K; data: PayloadOf<K> } }[MessageKind];

export const messageKinds = Object.keys(schemas) as MessageKind[];

function malformed(detail: string): LiveError {
  return new LiveError(ErrorCode.MALFORMED_MESSAGE, `Malformed message: ${detail}.`);
}

function checkField(name: string, spec: FieldSpec, value: unknown): void {
  switch (spec.t) {
    case 'string':
      if (typeof value !== 'string') throw malformed(`“${name}” must be a string`);
      if (value.length < (spec.min ?? 0) || byteLength(value) > spec.max) throw malformed(`“${name}” has a bad length`);
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
        throw malformed(`“${name}” must be an integer ${spec.min}–${spec.max}`);
      }
      return;
    case 'bool':
      if (typeof value !== 'boolean') throw malformed(`“${name}” must be true or false`);
      return;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) throw malformed(`“${name}” must be one of ${spec.values.join(', ')}`);
      return;
    case 'strings':
      if (!Array.isArray(value) || value.length > spec.maxItems) throw malformed(`“${name}” must be a list of at most ${spec.maxItems}`);
      for (const item of value) {
        if (typeof item !== 'string' || item.length === 0 || byteLength(item) > spec.max) throw malformed(`“${name}” has a bad item`);
      }
      return;
  }
}

function checkPayload(kind: MessageKind, data: unknown): void {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw malformed('“data” must be an object');
  const schema: Schema = schemas[kind];
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(schema, key)) throw malformed(`unknown field “${key}” in ${kind}`);
  }
  for (const [name, spec] of Object.entries(schema)) {
    const value = record[name];
    if (value === undefined) {
      if (!spec.optional) throw malformed(`“${name}” is missing in ${kind}`);
      continue;
    }
    checkField(name, spec, value);
  }
}

/** Encodes a message; throws INVALID_ARGUMENT-like MALFORMED_MESSAGE if the payload breaks its schema. */
export function encodeEnvelope<K extends MessageKind>(kind: K, data: PayloadOf<K>): string {
  if (!(kind in schemas)) throw malformed(`unknown kind “${String(kind)}”`);
  checkPayload(kind, data);
  const text = JSON.stringify({ le: ENVELOPE_VERSION, kind, data });
  if (byteLength(text) > Limits.customMessageBytes) {
    throw new LiveError(ErrorCode.TEXT_TOO_LONG, `The message is larger than ${Limits.customMessageBytes} bytes.`);
  }
  return text;
}

/** Decodes and validates; never throws. */
export function decodeEnvelope(raw: unknown): { ok: true; message: Envelope } | { ok: false; error: LiveError } {
  try {
    if (typeof raw !== 'string') throw malformed('not text');
    if (byteLength(raw) > Limits.customMessageBytes) throw malformed('too large');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw malformed('not JSON');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw malformed('not an object');
    const { le, kind, data, ...rest } = parsed as Record<string, unknown>;
    if (Object.keys(rest).length > 0) throw malformed('unexpected top-level fields');
    if (le !== ENVELOPE_VERSION) throw malformed(`unsupported version ${JSON.stringify(le)}`);
    if (typeof kind !== 'string' || !Object.prototype.hasOwnProperty.call(schemas, kind)) throw malformed(`unknown kind ${JSON.stringify(kind)}`);
    checkPayload(kind as MessageKind, data);
    return { ok: true, message: { kind, data } as Envelope };
  } catch (error) {
    return { ok: false, error: error instanceof LiveError ? error : malformed(String(error)) };
  }
}
