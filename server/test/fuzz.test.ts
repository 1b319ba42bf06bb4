/**
 * Fuzzing, bounded (3,000 frames, well under 20 s): random and malformed frames from several
 * connections at once, then a normal room flow on fresh connections; and the envelope codec with
 * random input. A failing run prints its seed: rerun with FUZZ_SEED=<seed>.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocket } from 'ws';
import { ErrorCode } from '../../src/core/errors.js';
import { decodeEnvelope, encodeEnvelope, messageKinds, type MessageKind, type PayloadOf } from '../../src/core/protocol/envelope.js';
import { MAX_FRAME_BYTES, type Op, type RequestArgs } from '../../src/core/protocol/local-wire.js';
import { groupIdForRoom, numericRoom } from '../../src/core/validation.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { signUserSig } from '../usersig.js';
import { sleep, TestClient } from './client.js';
import { prng as rng } from '../../src/testing/prng.js';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const FRAMES = 3000;
const LANES = 4;
const TIME_BUDGET_MS = 15_000;
const REPLY_TIMEOUT_MS = 3000;
const CODEC_INPUTS = 3000;

const random = rng(SEED);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const chance = (p: number): boolean => random() < p;

setFlagsFromString('--expose-gc');
/** A full garbage collection, to tell retained memory from garbage not yet collected. */
const collectGarbage = runInNewContext('gc') as () => void;

const KNOWN_CODES = new Set<number>(Object.values(ErrorCode));
const ROOM = numericRoom(4242);
const GROUP = groupIdForRoom(ROOM);
const laneUser = (lane: number): string => `fz${lane}`;

/** One valid argument set per op: the compiler insists that every op of RequestMap has one. */
function samples(userId: string): { [O in Op]: RequestArgs<O> } {
  return {
    login: { sdkAppId: 1, userId, userSig: 'sig', nickname: 'n', avatar: 'a' },
    logout: {},
    'set-profile': { nickname: 'nick', avatar: 'https://example.com/a.png' },
    'media-join': { room: ROOM, role: 'audience', scene: 'live' },
    'media-leave': {},
    'media-switch-role': { role: 'anchor' },
    'media-publish': { audio: true, video: true },
    'media-unpublish': {},
    signal: { to: laneUser(0), data: { type: 'offer', sdp: 'v=0', pcId: 'pc1' } },
    'group-create': { groupId: GROUP, name: 'Fuzz', cover: '' },
    'group-dismiss': { groupId: `${userId}-own` },
    'group-join': { groupId: GROUP },
    'group-quit': { groupId: GROUP },
    'group-send': { groupId: GROUP, priority: 'normal', body: { type: 'text', text: 'hi' } },
    'group-members': { groupId: GROUP, nextSeq: 0, count: 10 },
    'group-info': { groupIds: [GROUP] },
    'group-set-attributes': { groupId: GROUP, attributes: { notice: 'n' } },
    'c2c-send': { to: laneUser(1), data: 'ping' },
    'media-grant': { userId: laneUser(2), allow: true },
    'pk-link': { room: numericRoom(4243), userId: laneUser(3) },
    'pk-unlink': {},
    'group-mute-member': { groupId: GROUP, userId: laneUser(1), seconds: 1 },
    'group-mute-all': { groupId: GROUP, mute: false },
    'group-remove-member': { groupId: GROUP, userId: laneUser(2), banSeconds: 0 },
    'group-set-admin': { groupId: GROUP, userId: laneUser(0), admin: true },
  };
}
const OPS = Object.keys(samples('x')) as Op[];

/** Values of every JSON type; a field gets one whose type differs from its valid value's. */
const POOL: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, '', 'x', 'x'.repeat(5000), [], [1, 'a'], {}, { a: 1 }, { kind: 'numeric' }, [[[]]]];
const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every (op, field, wrong value) once, in a shuffled order, then again. */
const wrongTypeCases: { op: Op; field: string; value: unknown }[] = [];
for (const op of OPS) {
  for (const [field, valid] of Object.entries(samples('x')[op])) {
    for (const value of POOL) if (jsonType(value) !== jsonType(valid)) wrongTypeCases.push({ op, field, value });
  }
}
for (let i = wrongTypeCases.length - 1; i > 0; i--) {
  const j = int(i + 1);
  [wrongTypeCases[i], wrongTypeCases[j]] = [wrongTypeCases[j]!, wrongTypeCases[i]!];
}
let nextWrongType = 0;

type Expect = 'error' | 'any';
interface Frame {
  kind: string;
  data: string | Buffer;
  /** A text frame of bytes that are not UTF-8: ws closes the connection with 1007. */
  invalidUtf8?: boolean;
  binary?: boolean;
  expect: Expect;
}

function randomText(max: number): string {
  const n = int(max);
  let s = '';
  for (let i = 0; i < n; i++) {
    const r = random();
    s += r < 0.6 ? String.fromCharCode(32 + int(95)) : r < 0.8 ? String.fromCharCode(int(32)) : r < 0.95 ? String.fromCharCode(int(0xd7ff)) : '{["\\:,]}'[int(8)];
  }
  return s;
}

function nest(depth: number, open: string, close: string, inner = ''): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

function plausibleArgs(op: Op, lane: number): Record<string, unknown> {
  const args: Record<string, unknown> = { ...samples(laneUser(lane))[op] };
  const users = [...Array.from({ length: LANES }, (_, i) => laneUser(i)), 'nobody'];
  const groups = [GROUP, `${laneUser(lane)}-own`, `${pick(users)}-own`, 'missing'];
  for (const key of Object.keys(args)) {
    if (!chance(0.6)) continue;
    if (key === 'userId' || key === 'to') args[key] = pick(users);
    else if (key === 'groupId') args[key] = pick(groups);
    else if (key === 'room') args[key] = pick([ROOM, numericRoom(4243), numericRoom(4244), { kind: 'string', id: 'fz-room' }]);
    else if (key === 'role') args[key] = pick(['anchor', 'audience']);
    else if (key === 'scene') args[key] = pick(['live', 'live', 'rtc', 'voice']);
    else if (key === 'priority') args[key] = pick(['high', 'normal', 'low']);
    else if (key === 'body') args[key] = pick([{ type: 'text', text: randomText(40) || 'x' }, { type: 'custom', data: '{"le":1,"kind":"like","data":{"count":3}}' }, { type: 'custom', data: randomText(100) }]);
    else if (key === 'data' && op === 'signal') args[key] = pick([{ type: 'subscribe' }, { type: 'unsubscribe' }, { type: 'answer', sdp: 'v=0', pcId: 'p' }, { type: 'candidate', candidate: null, pcId: 'p' }]);
    else if (key === 'attributes') args[key] = pick([{ status: 'live' }, { notice: randomText(50) }, { a: 'b', c: 'd' }]);
    else if (typeof args[key] === 'boolean') args[key] = chance(0.5);
    else if (key === 'seconds' || key === 'banSeconds') args[key] = int(3);
    else if (key === 'nextSeq') args[key] = int(5);
    else if (key === 'count') args[key] = 1 + int(100);
  }
  return args;
}

function nextFrame(lane: number, id: number): Frame {
  const r = random();
  const op = pick(OPS);
  const valid = (o: Op = op) => ({ id, op: o, ...samples(laneUser(lane))[o] });
  if (r < 0.08) return { kind: 'random-text', data: randomText(300), expect: 'error' };
  if (r < 0.085) {
    const bytes = Buffer.from(Array.from({ length: 1 + int(200) }, () => int(256)));
    bytes[0] = 0xff; // never valid UTF-8
    return { kind: 'invalid-utf8', data: bytes, invalidUtf8: true, expect: 'error' };
  }
  if (r < 0.13) return { kind: 'binary', data: Buffer.from(randomText(100)), binary: true, expect: 'error' };
  if (r < 0.21) {
    const text = JSON.stringify(valid());
    return { kind: 'truncated', data: text.slice(0, int(text.length - 1)), expect: 'error' };
  }
  if (r < 0.25) {
    // Up to ~30,000 levels; a few frames end up over MAX_FRAME_BYTES (closed with 1009).
    const depth = 1 + int(30_000);
    const where = int(4);
    const data =
      where === 0 ? nest(depth, '[', ']')
      : where === 1 ? nest(Math.min(depth, 10_000), '{"a":', '}', '1')
      : where === 2 ? `{"id":${id},"op":"group-info","groupIds":${nest(depth, '[', ']', '"g"')}}`
      : `{"id":${id},"op":"group-send","groupId":"${GROUP}","priority":"low","body":${nest(Math.min(depth, 7000), '{"type":', '}', '"text"')}}`;
    return { kind: 'deep', data, expect: 'error' };
  }
  if (r < 0.27) return { kind: 'not-object', data: pick(['null', 'true', '42', '"op"', '[]', '[{"id":1,"op":"logout"}]', '1e999', '-0']), expect: 'error' };
  if (r < 0.33) {
    const which = int(6);
    const data =
      which === 0 ? `{"id":${pick(['1e308', '1e999', '-1e999', '9007199254740993', '-0.5', '1.5', '123456789012345678901234567890'])},"op":"group-info","groupIds":[]}`
      : which === 1 ? `{"id":${id},"op":"group-members","groupId":"${GROUP}","nextSeq":${pick(['1e999', '-1e999', '9007199254740993', '-1', '0.5'])},"count":5}`
      : which === 2 ? `{"id":${id},"op":"media-join","room":{"kind":"numeric","id":${pick(['4294967296', '1e999', '0', '-1', '1.5'])}},"role":"audience","scene":"live"}`
      : which === 3 ? `{"id":${id},"op":"group-mute-member","groupId":"${GROUP}","userId":"fz1","seconds":${pick(['1e999', '2592001', '-1', '0.5'])}}`
      : which === 4 ? `{"id":${id},"op":"group-members","groupId":"${GROUP}","nextSeq":0,"count":${pick(['1e999', '101', '0', '-0', '2.5'])}}`
      : `{"id":${id},"op":"login","sdkAppId":${pick(['1e999', '0', '-1', '1.5', '9007199254740993'])},"userId":"fz0","userSig":"x"}`;
    return { kind: 'huge-number', data, expect: 'error' };
  }
  if (r < 0.68) {
    const c = wrongTypeCases[nextWrongType++ % wrongTypeCases.length]!;
    const args = { ...(samples(laneUser(lane))[c.op] as Record<string, unknown>), [c.field]: c.value };
    return { kind: 'wrong-type', data: JSON.stringify({ ...args, id, op: c.op }), expect: 'error' };
  }
  if (r < 0.74) {
    const protoFrames = [
      `{"__proto__":{"id":${id},"op":"logout"}}`,
      `{"id":${id},"op":"__proto__"}`,
      `{"id":${id},"op":"constructor"}`,
      `{"id":${id},"__proto__":{"op":"group-info"}}`,
      `{"id":${id},"op":"group-info","groupIds":[],"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`,
      `{"id":${id},"op":"group-set-attributes","groupId":"${GROUP}","attributes":{"__proto__":"x","constructor":"y","toString":"z"}}`,
      `{"id":${id},"op":"media-join","room":{"__proto__":{"kind":"numeric","id":5}},"role":"audience","scene":"live"}`,
      `{"id":${id},"op":"group-send","groupId":"${GROUP}","priority":"low","body":{"__proto__":{"type":"text","text":"x"}}}`,
      `{"id":${id},"op":"signal","to":"fz0","data":{"__proto__":{"type":"subscribe"}}}`,
      `{"id":${id},"op":"group-send","groupId":"${GROUP}","priority":"low","body":{"type":"custom","data":"{\\"le\\":1,\\"kind\\":\\"like\\",\\"data\\":{\\"count\\":1,\\"__proto__\\":{\\"polluted\\":1}}}"}}`,
      `{"id":${id},"op":"login","sdkAppId":1,"userSig":"x","__proto__":{"userId":"fz0"}}`,
    ];
    return { kind: 'prototype', data: pick(protoFrames), expect: 'any' };
  }
  if (r < 0.76) return { kind: 'oversized-field', data: JSON.stringify({ id, op: 'group-send', groupId: GROUP, priority: 'low', body: { type: 'text', text: 'x'.repeat(1025 + int(50_000)) } }), expect: 'error' };
  return { kind: 'valid-op', data: JSON.stringify({ id, op, ...plausibleArgs(op, lane) }), expect: 'any' };
}

/** What a garbage sender sends: frames that are not a JSON request at all. */
function garbageFrame(lane: number, id: number): Frame {
  switch (int(4)) {
    case 0: return { kind: 'random-text', data: randomText(300), expect: 'error' };
    case 1: return { kind: 'binary', data: Buffer.from(randomText(100)), binary: true, expect: 'error' };
    case 2: return { kind: 'not-object', data: pick(['null', '[]', '"x"', '[{"id":1,"op":"logout"}]']), expect: 'error' };
    default: {
      const text = JSON.stringify({ id, op: 'group-info', groupIds: [laneUser(lane)] });
      return { kind: 'truncated', data: text.slice(0, int(text.length - 1)), expect: 'error' };
    }
  }
}

interface Tally {
  sent: number;
  answered: number;
  okBad: string[];
  untyped: string[];
  serverErrors: string[];
  byKind: Record<string, number>;
  msByKind: Record<string, number>;
  closes: Record<string, number>;
  garbageClosed: number;
  unexplainedCloses: string[];
  noReply: string[];
  maxRssGrowthMb: number;
}

/** A fuzzing client: one connection at a time, one frame in flight, a reply or a close ends it. */
class Lane {
  private socket!: WebSocket;
  private waiting: ((outcome: { reply?: { re: number; ok: boolean; error?: { code: unknown; message: unknown } }; close?: { code: number; reason: string } }) => void) | undefined;
  private closedWith: { code: number; reason: string } | undefined;
  private id = 1;

  constructor(
    private readonly server: LocalServer,
    private readonly lane: number,
    private readonly tally: Tally,
  ) {}

  async connect(): Promise<void> {
    this.closedWith = undefined;
    this.socket = await new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(this.server.wsUrl);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
    this.socket.on('error', () => {});
    this.socket.on('message', (data, isBinary) => {
      assert.equal(isBinary, false, 'the server sends text frames only');
      const msg = JSON.parse(data.toString()) as { re?: number; ok: boolean; error?: { code: unknown; message: unknown } };
      if (typeof msg.re !== 'number') return; // a push
      const w = this.waiting;
      this.waiting = undefined;
      w?.({ reply: msg as { re: number; ok: boolean } });
    });
    this.socket.on('close', (code, reason) => {
      this.closedWith = { code, reason: reason.toString() };
      const w = this.waiting;
      this.waiting = undefined;
      w?.({ close: this.closedWith });
    });
    // Most connections log in (as the lane's user: a new connection resumes the old one's rooms).
    if (chance(0.8)) {
      const userId = laneUser(this.lane);
      const userSig = signUserSig(this.server.sdkAppId, this.server.secret, userId, 3600);
      await this.roundTrip({ kind: 'login', data: JSON.stringify({ id: this.id++, op: 'login', sdkAppId: this.server.sdkAppId, userId, userSig }), expect: 'any' });
      if (chance(0.5)) await this.roundTrip({ kind: 'setup', data: JSON.stringify({ id: this.id++, op: 'group-join', groupId: GROUP }), expect: 'any' });
    }
  }

  /** Sends one fuzz frame and waits for its reply or the close. */
  async step(): Promise<void> {
    if (this.closedWith) await this.connect();
    if (this.closedWith) return;
    // The last lane is mostly a garbage sender: it must be closed for abuse, again and again.
    const id = this.id++;
    await this.roundTrip(this.lane === LANES - 1 && chance(0.8) ? garbageFrame(this.lane, id) : nextFrame(this.lane, id));
  }

  close(): void {
    this.socket.close();
  }

  private async roundTrip(frame: Frame): Promise<void> {
    const t = this.tally;
    t.sent++;
    t.byKind[frame.kind] = (t.byKind[frame.kind] ?? 0) + 1;
    const label = `${frame.kind}: ${(typeof frame.data === 'string' ? frame.data : frame.data.toString('hex')).slice(0, 160)}`;
    const started = performance.now();
    const outcome = await new Promise<Parameters<NonNullable<Lane['waiting']>>[0] | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(undefined);
      }, REPLY_TIMEOUT_MS);
      this.waiting = (o) => {
        clearTimeout(timer);
        resolve(o);
      };
      if (frame.invalidUtf8) this.socket.send(frame.data, { binary: false });
      else if (frame.binary) this.socket.send(frame.data, { binary: true });
      else this.socket.send(frame.data);
    });
    t.msByKind[frame.kind] = Math.round((t.msByKind[frame.kind] ?? 0) + performance.now() - started);
    if (!outcome) {
      t.noReply.push(label);
      this.socket.terminate();
      return;
    }
    if (outcome.close) {
      const { code, reason } = outcome.close;
      t.closes[code] = (t.closes[code] ?? 0) + 1;
      const bytes = typeof frame.data === 'string' ? Buffer.byteLength(frame.data) : frame.data.length;
      const explained = code === 4008 || (code === 1007 && frame.invalidUtf8) || (code === 1009 && bytes > MAX_FRAME_BYTES);
      if (code === 4008 && /malformed/.test(reason)) t.garbageClosed++;
      if (!explained) t.unexplainedCloses.push(`${code} ${reason} after ${label}`);
      return;
    }
    t.answered++;
    const reply = outcome.reply!;
    if (reply.ok) {
      if (frame.expect === 'error') t.okBad.push(label);
      return;
    }
    const code = reply.error?.code;
    if (typeof code !== 'number' || !KNOWN_CODES.has(code) || typeof reply.error?.message !== 'string') t.untyped.push(`${JSON.stringify(reply)} for ${label}`);
    if (code === ErrorCode.SERVER_ERROR) t.serverErrors.push(label);
  }
}

let server: LocalServer;
before(async () => {
  // A short grace period, and a frame rate high enough for the fuzzer to reach the validators.
  server = await createLocalServer({ port: 0, graceMs: 300, connectionLimits: { framesPerSecond: 100_000, burst: 100_000 } });
});
after(() => server.close());

test(`fuzz: ${FRAMES} random and malformed frames from ${LANES} connections (seed ${SEED})`, async () => {
  const protoNamesBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const tally: Tally = { sent: 0, answered: 0, okBad: [], untyped: [], serverErrors: [], byKind: {}, msByKind: {}, closes: {}, garbageClosed: 0, unexplainedCloses: [], noReply: [], maxRssGrowthMb: 0 };

  // The room the valid ops play in: lane 0 owns its group and is its anchor.
  const owner = await TestClient.login(server, laneUser(0));
  await owner.request('group-create', { groupId: GROUP });
  await owner.request('media-join', { room: ROOM, role: 'anchor', scene: 'live' });
  await owner.close();

  const lanes = Array.from({ length: LANES }, (_, i) => new Lane(server, i, tally));
  await Promise.all(lanes.map((l) => l.connect()));
  const deadline = performance.now() + TIME_BUDGET_MS;
  let frames = 0;
  await Promise.all(
    lanes.map(async (lane) => {
      while (frames < FRAMES && performance.now() < deadline) {
        frames++;
        await lane.step();
        if (frames % 500 === 0) tally.maxRssGrowthMb = Math.max(tally.maxRssGrowthMb, (process.memoryUsage().rss - rssBefore) / 2 ** 20);
      }
    }),
  );
  for (const lane of lanes) lane.close();
  tally.maxRssGrowthMb = Math.max(tally.maxRssGrowthMb, (process.memoryUsage().rss - rssBefore) / 2 ** 20);
  await sleep(100);
  collectGarbage();
  const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const summary = `seed ${SEED}: ${tally.sent} frames, ${tally.answered} answered, closes ${JSON.stringify(tally.closes)}, kinds ${JSON.stringify(tally.byKind)}, ms ${JSON.stringify(tally.msByKind)}, RSS +${tally.maxRssGrowthMb.toFixed(1)} MB at most, heap +${heapGrowthMb.toFixed(1)} MB retained`;
  console.log(summary);

  assert.ok(frames >= FRAMES, `only ${frames} frames within the time budget`);
  assert.ok(nextWrongType >= wrongTypeCases.length, `every op × field × wrong type: ${nextWrongType} of ${wrongTypeCases.length}`);
  assert.deepEqual(tally.noReply, [], `frames without a reply or a close (${summary})`);
  assert.deepEqual(tally.okBad, [], `bad frames that succeeded (${summary})`);
  assert.deepEqual(tally.untyped, [], `replies without a typed error (${summary})`);
  assert.deepEqual(tally.serverErrors, [], `frames that hit an unexpected exception (${summary})`);
  assert.deepEqual(tally.unexplainedCloses, [], `closes for no good reason (${summary})`);
  assert.ok(tally.garbageClosed > 0, 'a connection that keeps sending garbage is closed');
  assert.ok(tally.maxRssGrowthMb < 100, `RSS grew by ${tally.maxRssGrowthMb.toFixed(1)} MB`);
  assert.ok(heapGrowthMb < 20, `the heap kept ${heapGrowthMb.toFixed(1)} MB`);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoNamesBefore, 'Object.prototype untouched');
  assert.equal((({}) as Record<string, unknown>)['polluted'], undefined);

  // The server still works: a normal room flow on fresh connections.
  const room = numericRoom(4299);
  const groupId = groupIdForRoom(room);
  const host = await TestClient.login(server, 'after-host');
  const viewer = await TestClient.login(server, 'after-viewer');
  await host.request('group-create', { groupId });
  await host.request('media-join', { room, role: 'anchor', scene: 'live' });
  await host.request('media-publish', { audio: true, video: true });
  await viewer.request('group-join', { groupId });
  const joined = await viewer.request('media-join', { room, role: 'audience', scene: 'live' });
  assert.deepEqual(joined.users.map((u) => [u.userId, u.publishing]), [['after-host', true]]);
  await host.request('group-send', { groupId, priority: 'high', body: { type: 'text', text: 'still here' } });
  await viewer.waitFor('group-message', (p) => p.body.type === 'text' && p.body.text === 'still here');
  await host.request('media-leave', {});
  assert.equal((await viewer.waitFor('media-room-closed')).reason, 'owner-left');
  await Promise.all([host.close(), viewer.close()]);
  await sleep(50);
  assert.equal(server.stats().connections, 0);
});

/* ───────────────────────────── the envelope codec ───────────────────────────── */

const ENVELOPE_SAMPLES: { [K in MessageKind]: PayloadOf<K> } = {
  custom: { cmd: 'c', message: 'm' },
  'room-status': { status: 'live' },
  gift: { giftId: 'rose', count: 3, comboId: 'c1', comboTotal: 9, to: 'host', value: 1 },
  like: { count: 5 },
  'coanchor-request': { requestId: 'r1' },
  'coanchor-cancel': { requestId: 'r1' },
  'coanchor-response': { requestId: 'r1', agree: true, reason: 'ok' },
  'coanchor-invite': { requestId: 'r1' },
  'coanchor-kick': { userId: 'u1' },
  'coanchor-status': { requestId: 'r1', position: 2, seatsFull: false },
  'pk-request': { requestId: 'r1', roomId: '12', roomKind: 'numeric' },
  'pk-response': { requestId: 'r1', agree: false, roomId: '12', roomKind: 'numeric' },
  'pk-quit': { requestId: 'r1' },
  'pk-score': { requestId: 'r1', score: 100 },
  'call-invite': { callId: 'c1', type: 1, roomId: '9', inviter: 'a', invitees: ['b', 'c'], groupId: 'g' },
  'call-accept': { callId: 'c1' },
  'call-reject': { callId: 'c1' },
  'call-cancel': { callId: 'c1' },
  'call-hangup': { callId: 'c1' },
  'call-busy': { callId: 'c1' },
  'call-switch': { callId: 'c1', type: 2 },
};
const INHERITED_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

/** For failure messages: any value, even one whose `toString` is not a function. */
function describe(value: unknown): string {
  try {
    return (typeof value === 'string' ? value : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? typeof value).slice(0, 200);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function randomJsonValue(depth = 0): unknown {
  const r = random();
  if (depth > 3 || r < 0.3) return pick(POOL);
  if (r < 0.6) return Array.from({ length: int(4) }, () => randomJsonValue(depth + 1));
  return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(['le', 'kind', 'data', 'count', randomText(6), ...INHERITED_NAMES]), randomJsonValue(depth + 1)]));
}

/** A valid envelope, then mutated in one of many ways. */
function envelopeInput(): unknown {
  const kind = pick(messageKinds);
  const data: Record<string, unknown> = { ...ENVELOPE_SAMPLES[kind] };
  const envelope: Record<string, unknown> = { le: 1, kind, data };
  const fields = Object.keys(data);
  switch (int(12)) {
    case 0: return randomText(200);
    case 1: return randomJsonValue();
    case 2: return pick([undefined, null, 42, true, Symbol('s'), 10n, () => 1, new Date(), [], {}, new Uint8Array(4)]);
    case 3: return JSON.stringify(randomJsonValue());
    case 4: delete data[pick(fields)]; break;
    case 5: data[pick(fields)] = pick(POOL); break;
    case 6: data[pick([randomText(8) || 'extra', 'extra'])] = pick(POOL); break;
    case 7: envelope[pick(['le', 'kind', 'data'])] = pick(POOL); break;
    case 8: envelope[pick(['extra', '__proto__', 'constructor'])] = 1; break;
    case 9: { const text = JSON.stringify(envelope); return text.slice(0, int(text.length)); }
    case 10: return `{"le":1,"kind":"${kind}","data":${nest(int(5000), '{"a":', '}', '1')}}`;
    default: return JSON.stringify(envelope).replace(/"data":\{/, `"data":{"${pick(INHERITED_NAMES)}":${JSON.stringify(pick(POOL))},`);
  }
  return JSON.stringify(envelope);
}

test(`decodeEnvelope never throws: every input decodes or is MALFORMED_MESSAGE (seed ${SEED})`, () => {
  for (const kind of messageKinds) {
    const text = encodeEnvelope(kind, ENVELOPE_SAMPLES[kind] as never);
    const decoded = decodeEnvelope(text);
    assert.ok(decoded.ok, kind);
    assert.equal(encodeEnvelope(kind, decoded.message.data as never), text, `${kind} round trip`);
  }
  let ok = 0;
  for (let i = 0; i < CODEC_INPUTS; i++) {
    const input = envelopeInput();
    let result: ReturnType<typeof decodeEnvelope>;
    try {
      result = decodeEnvelope(input);
    } catch (err) {
      assert.fail(`decodeEnvelope threw ${String(err)} for ${describe(input)}`);
    }
    if (result.ok) {
      ok++;
      assert.ok(messageKinds.includes(result.message.kind));
      // What decodes encodes again (the codec agrees with itself).
      assert.doesNotThrow(() => encodeEnvelope(result.message.kind, result.message.data as never));
    } else {
      assert.equal(result.error.code, ErrorCode.MALFORMED_MESSAGE, describe(input));
    }
  }
  assert.ok(ok > 0 && ok < CODEC_INPUTS, `${ok} of ${CODEC_INPUTS} decoded`);
  assert.equal((({}) as Record<string, unknown>)['polluted'], undefined);
});

test('decodeEnvelope refuses payload fields named like Object.prototype members', () => {
  for (const name of INHERITED_NAMES) {
    const decoded = decodeEnvelope(`{"le":1,"kind":"like","data":{"count":1,"${name}":{"x":1}}}`);
    assert.equal(decoded.ok, false, name);
  }
});
