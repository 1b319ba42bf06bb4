import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Socket } from 'node:net';
import { ErrorCode } from '../../src/core/errors.js';
import { MAX_FRAME_BYTES, type GroupMessage, type Priority } from '../../src/core/protocol/local-wire.js';
import { createLocalServer, DEFAULT_CONNECTION_LIMITS, type LocalServer } from '../app.js';
import { expectCode, sleep, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0 });
});
after(() => server.close());

/** Sends `count` frames at once; resolves with every reply that came back before `waitMs` passed or the socket closed. */
async function burst(client: TestClient, frames: string[], waitMs = 2000): Promise<{ re: number; ok: boolean; error?: { code: number; message: string } }[]> {
  const before = client.replies.length;
  for (const f of frames) client.sendRaw(f);
  const end = performance.now() + waitMs;
  let closed = false;
  void client.closed.then(() => (closed = true));
  while (client.replies.length - before < frames.length && !closed && performance.now() < end) await sleep(5);
  await sleep(20);
  return client.replies.slice(before);
}

const groupInfo = (id: number): string => JSON.stringify({ id, op: 'group-info', groupIds: [] });

test('over 50 frames/s (burst 100) frames get RATE_LIMITED without being processed; the rate comes back', async () => {
  const c = await TestClient.login(server, 'ab-burst');
  await c.request('group-create', { groupId: 'ab-burst' });
  await sleep(100); // the bucket is full again
  const frames = Array.from({ length: 300 }, (_, i) =>
    JSON.stringify({ id: 1000 + i, op: 'group-send', groupId: 'ab-burst', priority: 'normal', body: { type: 'text', text: `m${i}` } }),
  );
  const t0 = performance.now();
  const replies = await burst(c, frames);
  const refill = Math.ceil(((performance.now() - t0) / 1000) * DEFAULT_CONNECTION_LIMITS.framesPerSecond);
  assert.equal(replies.length, 300, 'every frame is answered');
  const ok = replies.filter((r) => r.ok);
  const limited = replies.filter((r) => !r.ok && r.error?.code === ErrorCode.RATE_LIMITED);
  assert.equal(ok.length + limited.length, 300);
  assert.ok(ok.length >= DEFAULT_CONNECTION_LIMITS.burst && ok.length <= DEFAULT_CONNECTION_LIMITS.burst + refill + 1, `admitted ${ok.length} (refill ${refill})`);
  assert.deepEqual(new Set(replies.map((r) => r.re)).size, 300, 'each reply carries its request id');
  // Refused frames were not processed: only the admitted messages went out.
  const info = server.stats().groupTraffic['ab-burst']!;
  assert.equal(info.delivered.normal + info.queued.normal + info.dropped.normal, ok.length);
  assert.ok(server.stats().connectionCounters.framesRefused >= limited.length);

  await sleep(300); // ~15 tokens
  assert.deepEqual(await c.request('group-info', { groupIds: [] }), { groups: [] });
  await c.close();
});

test('a connection that keeps exceeding the rate is closed with 4008', async () => {
  const c = await TestClient.login(server, 'ab-flood');
  const abusedBefore = server.stats().connectionCounters.closedForAbuse;
  const replies = await burst(c, Array.from({ length: 800 }, (_, i) => groupInfo(i + 1)), 5000);
  const closed = await c.closed;
  assert.equal(closed.code, 4008);
  assert.match(closed.reason, /rate limit/);
  const limited = replies.filter((r) => r.error?.code === ErrorCode.RATE_LIMITED).length;
  assert.ok(limited > DEFAULT_CONNECTION_LIMITS.maxRefusedFrames - 5 && limited <= DEFAULT_CONNECTION_LIMITS.maxRefusedFrames + 1, `refused ${limited}`);
  assert.equal(server.stats().connectionCounters.closedForAbuse, abusedBefore + 1);
  // Others carry on.
  const other = await TestClient.login(server, 'ab-other');
  await other.request('group-info', { groupIds: [] });
  await other.close();
});

test('a connection that keeps sending garbage is closed with 4008; each frame before that gets a typed error', async () => {
  const c = await TestClient.connect(server.wsUrl);
  const garbage = ['not json', '{"id":', '[]', '42', 'null', '{"op":"login"}', '{"id":"x","op":"logout"}', '\u0000\uffff'];
  for (let i = 0; i < 60; i++) {
    if (i % 10 === 9) c.sendRaw(Buffer.from([0xde, 0xad, i]));
    else c.sendRaw(garbage[i % garbage.length]!);
  }
  const closed = await c.closed;
  const replies = c.replies;
  assert.equal(closed.code, 4008);
  assert.match(closed.reason, /malformed/);
  assert.equal(replies.length, DEFAULT_CONNECTION_LIMITS.maxMalformedFrames + 1, 'the one over the limit is answered, then the socket closes');
  for (const r of replies) {
    assert.equal(r.ok, false);
    assert.equal(r.error?.code, ErrorCode.MALFORMED_MESSAGE);
  }
});

test('many different unknown ops get UNKNOWN_OPERATION each and do not count as garbage', async () => {
  const c = await TestClient.connect(server.wsUrl);
  const ops = [
    'constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf',
    'LOGIN', 'Login', ' login', 'login ', 'log-in', 'logout2', 'media_join', 'media-joins', 'group-send\u0000', 'gröup-send',
    'group-send-all', 'admin', 'eval', 'require', 'process.exit', '../../etc/passwd', '<script>', '', ' ', '\n', '🙂',
    'x'.repeat(10_000), 'media-kick', 'pk-accept', 'group-delete', 'c2c-recall', 'set-role', 'shutdown', 'debug', 'stats',
    'ping', 'pong', 'subscribe', 'SIGNAL', 'signal ', 'group-members-all', 'room-destroy', 'kick', 'ban', 'mute',
    'login?', 'null', 'undefined', 'NaN', '0', '-1', 'true',
  ];
  assert.ok(ops.length > DEFAULT_CONNECTION_LIMITS.maxMalformedFrames);
  for (const op of ops) {
    const err = await expectCode(c.requestRaw(op), ErrorCode.UNKNOWN_OPERATION);
    assert.ok(err.message.length < 200, 'the op is not echoed in full');
  }
  // Also after login, with arguments.
  const sig = await (await fetch(`${server.url}/api/usersig?userId=ab-ops`)).json() as { userSig: string };
  await c.request('login', { sdkAppId: server.sdkAppId, userId: 'ab-ops', userSig: sig.userSig });
  for (const op of ops.slice(0, 20)) await expectCode(c.requestRaw(op, { groupId: 'g', userId: 'ab-ops' }), ErrorCode.UNKNOWN_OPERATION);
  assert.equal(c.socket.readyState, c.socket.OPEN);
  await c.close();
});

test(`a frame of exactly MAX_FRAME_BYTES (${MAX_FRAME_BYTES}) is read and answered; one byte more closes with 1009`, async () => {
  const c = await TestClient.login(server, 'ab-size');
  const frame = (bytes: number, id: number): string => {
    const head = JSON.stringify({ id, op: 'c2c-send', to: 'nobody', data: '' });
    return head.replace('"data":""', `"data":"${'x'.repeat(bytes - head.length)}"`);
  };
  const exact = frame(MAX_FRAME_BYTES, 9001);
  assert.equal(Buffer.byteLength(exact), MAX_FRAME_BYTES);
  c.sendRaw(exact);
  assert.equal((await c.waitForReply(9001)).error?.code, ErrorCode.TEXT_TOO_LONG, 'the field limit (8 KiB) answers, typed');
  c.sendRaw(frame(MAX_FRAME_BYTES + 1, 9002));
  assert.equal((await c.closed).code, 1009);
});

test('option values are checked', async () => {
  for (const connectionLimits of [{ framesPerSecond: 0 }, { burst: -1 }, { sendBufferSoftBytes: 10, sendBufferHardBytes: 5 }, { abuseWindowMs: Number.NaN }]) {
    await assert.rejects(createLocalServer({ port: 0, connectionLimits }), (err: { code?: number }) => err.code === ErrorCode.INVALID_ARGUMENT);
  }
});

test('a slow reader loses low-priority pushes first, then is closed with 4009; the others get everything', async () => {
  const soft = 64 * 1024;
  const s = await createLocalServer({
    port: 0,
    groupMessagesPerSecond: 1_000_000,
    connectionLimits: { framesPerSecond: 100_000, burst: 100_000, sendBufferSoftBytes: soft, sendBufferHardBytes: 8 * soft },
  });
  try {
    const sender = await TestClient.login(s, 'sl-sender');
    const reader = await TestClient.login(s, 'sl-reader');
    const slow = await TestClient.login(s, 'sl-slow');
    await sender.request('group-create', { groupId: 'flood' });
    await reader.request('group-join', { groupId: 'flood' });
    await slow.request('group-join', { groupId: 'flood' });
    const got = { reader: [] as GroupMessage[], slow: [] as GroupMessage[] };
    for (const [name, c] of [['reader', reader], ['slow', slow]] as const) {
      c.socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { ev?: string } & GroupMessage;
        if (frame.ev === 'group-message') got[name].push(frame);
      });
    }
    const slowSocket = (slow.socket as unknown as { _socket: Socket })._socket;
    slowSocket.pause();

    const priorities: Priority[] = ['low', 'low', 'normal', 'high'];
    const data = 'd'.repeat(6000);
    let sent = 0;
    const sentHigh: number[] = [];
    while (s.stats().connectionCounters.closedTooSlow === 0 && sent < 4000) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, i) => {
          const priority = priorities[(sent + i) % priorities.length]!;
          return sender.request('group-send', { groupId: 'flood', priority, body: { type: 'custom', data } }).then((r) => ({ r, priority }));
        }),
      );
      for (const { r, priority } of batch) if (priority === 'high') sentHigh.push(r.seq);
      sent += batch.length;
    }
    const counters = s.stats().connectionCounters;
    assert.equal(counters.closedTooSlow, 1, `closed after ${sent} messages`);
    assert.ok(counters.pushesDropped.low > 0, 'low-priority pushes were dropped');
    assert.ok(counters.pushesDropped.low >= counters.pushesDropped.normal, 'low ones first');

    // The slow reader reads again: it finds what was buffered, then the close frame.
    slowSocket.resume();
    assert.equal((await slow.closed).code, 4009);
    const slowSeqs = new Set(got.slow.map((m) => m.seq));
    const lastSeen = Math.max(...slowSeqs);
    const missingHigh = sentHigh.filter((seq) => seq <= lastSeen && !slowSeqs.has(seq));
    assert.deepEqual(missingHigh, [], 'no high-priority message was dropped before the close');

    // The others were not affected: every message reached the reader, in order.
    await reader.request('group-info', { groupIds: [] });
    await sender.request('group-info', { groupIds: [] });
    await sleep(50);
    assert.equal(got.reader.length, sent);
    assert.deepEqual(got.reader.map((m) => m.seq), [...got.reader.map((m) => m.seq)].sort((a, b) => a - b));
    await Promise.all([sender.close(), reader.close()]);
  } finally {
    await s.close();
  }
});
