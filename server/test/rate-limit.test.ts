import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { GroupMessage, Priority } from '../../src/core/protocol/local-wire.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { MessageLimiter } from '../message-limiter.js';
import { settle, sleep, TestClient } from './client.js';

const RATE = 10;
let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0, groupMessagesPerSecond: RATE });
});
after(() => server.close());

/** Every `group-message` a client receives, with the time it arrived. */
function recordMessages(client: TestClient): { at: number; message: GroupMessage }[] {
  const seen: { at: number; message: GroupMessage }[] = [];
  client.socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { ev?: string } & GroupMessage;
    if (frame.ev === 'group-message') seen.push({ at: performance.now(), message: frame });
  });
  return seen;
}

test('a burst over the rate: high priority gets through, the rest is paced and dropped lowest first', async () => {
  const groupId = 'rate-burst';
  const sender = await TestClient.login(server, 'rl-sender');
  const a = await TestClient.login(server, 'rl-a');
  const b = await TestClient.login(server, 'rl-b');
  await sender.request('group-create', { groupId });
  await a.request('group-join', { groupId });
  await b.request('group-join', { groupId });
  const seenA = recordMessages(a);
  const seenB = recordMessages(b);

  const send = (priority: Priority, text: string) => sender.request('group-send', { groupId, priority, body: { type: 'text', text } });
  const started = performance.now();
  const replies = await Promise.all([
    ...Array.from({ length: 60 }, (_, i) => send('low', `low-${i}`)),
    ...Array.from({ length: 5 }, (_, i) => send('high', `high-${i}`)),
  ]);

  // Every sender gets a success reply at once: a seq for the 10 delivered within the rate, 0 for
  // the queued and the dropped ones.
  assert.ok(performance.now() - started < 500, 'replies come at once');
  const delivered = replies.filter((r) => r.seq > 0);
  assert.deepEqual(delivered.map((r) => r.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.ok(replies.every((r) => r.time > 0));

  await sleep(2200);
  await settle(sender, a, b);

  for (const seen of [seenA, seenB]) {
    const texts = seen.map((s) => (s.message.body.type === 'text' ? s.message.body.text : ''));
    for (let i = 0; i < 5; i++) assert.ok(texts.includes(`high-${i}`), `high-${i} was delivered`);
    // At most RATE per second: over 2 s, at most 2 × RATE (+ a little slack for timing).
    const first = seen[0]!.at;
    assert.ok(seen.filter((s) => s.at - first < 2000).length <= 2 * RATE + 2, `${seen.length} deliveries in 2 s`);
    for (const s of seen) {
      const inWindow = seen.filter((t) => t.at >= s.at && t.at - s.at < 900).length;
      assert.ok(inWindow <= RATE, `${inWindow} deliveries within 0.9 s`);
    }
    // seqs strictly increase; the highs went out before the lows that waited with them.
    const seqs = seen.map((s) => s.message.seq);
    for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i]! > seqs[i - 1]!, `seq ${seqs[i]} after ${seqs[i - 1]}`);
    assert.deepEqual(texts.slice(10, 15), ['high-0', 'high-1', 'high-2', 'high-3', 'high-4']);
    assert.deepEqual(texts.slice(15), ['low-10', 'low-11', 'low-12', 'low-13', 'low-14']);
  }
  // Both members see exactly the same messages in the same order, with the same seqs and times.
  assert.deepEqual(
    seenA.map((s) => s.message),
    seenB.map((s) => s.message),
  );

  const traffic = server.stats().groupTraffic[groupId]!;
  assert.deepEqual(traffic.delivered, { high: 5, normal: 0, low: 15 });
  assert.deepEqual(traffic.queued, { high: 5, normal: 0, low: 10 });
  // 40 refused with a full queue, 5 pushed out of it by the high ones.
  assert.deepEqual(traffic.dropped, { high: 0, normal: 0, low: 45 });
  assert.equal(traffic.waiting, 0);
  await Promise.all([sender.close(), a.close(), b.close()]);
});

test('within the rate every message goes out at once with its seq', async () => {
  const groupId = 'rate-calm';
  const sender = await TestClient.login(server, 'rl-calm');
  await sender.request('group-create', { groupId });
  for (let i = 1; i <= 3; i++) {
    const reply = await sender.request('group-send', { groupId, priority: 'low', body: { type: 'text', text: `m${i}` } });
    assert.equal(reply.seq, i);
    assert.equal((await sender.waitFor('group-message', (p) => p.seq === i)).body.type, 'text');
  }
  await sender.close();
});

test('the limiter: drops the newest of the lowest level, keeps FIFO within a level, frees as the window slides', () => {
  let now = 0;
  const out: string[] = [];
  const limiter = new MessageLimiter<string>({ perSecond: 2, deliver: (item) => out.push(item), now: () => now });
  try {
    assert.equal(limiter.submit('n1', 'normal'), 'delivered');
    assert.equal(limiter.submit('n2', 'normal'), 'delivered');
    assert.equal(limiter.submit('low1', 'low'), 'queued');
    assert.equal(limiter.submit('n3', 'normal'), 'queued');
    // Full (2 waiting): a new low is itself the lowest, so it goes.
    assert.equal(limiter.submit('low2', 'low'), 'dropped');
    // A high pushes out the newest of the lowest level (low1).
    assert.equal(limiter.submit('h1', 'high'), 'queued');
    // A normal: nothing waiting is lower (n3 is normal, h1 high), so the new one goes.
    assert.equal(limiter.submit('n4', 'normal'), 'dropped');
    assert.deepEqual(limiter.stats().dropped, { high: 0, normal: 1, low: 2 });

    // One second later the window is free (the timer has not fired yet): what waits goes
    // first, best first, then the new message finds the window full again and waits.
    now = 1000;
    assert.equal(limiter.submit('n5', 'normal'), 'queued');
    assert.deepEqual(out, ['n1', 'n2', 'h1', 'n3']);
    now = 1500;
    assert.equal(limiter.submit('h2', 'high'), 'queued');
    now = 2000;
    assert.equal(limiter.submit('h3', 'high'), 'queued');
    assert.deepEqual(out, ['n1', 'n2', 'h1', 'n3', 'h2', 'n5']);
    assert.equal(limiter.stats().waiting, 1);
    now = 3000;
    assert.equal(limiter.submit('n6', 'normal'), 'delivered');
    assert.equal(limiter.submit('h4', 'high'), 'queued');
    assert.deepEqual(out.slice(6), ['h3', 'n6']);
    assert.equal(limiter.stats().waiting, 1);
    assert.deepEqual(limiter.stats().delivered, { high: 3, normal: 5, low: 0 });
  } finally {
    limiter.close();
  }
  assert.deepEqual(limiter.stats().dropped, { high: 1, normal: 1, low: 2 }, 'close drops what waits (h4)');
  assert.equal(limiter.submit('late', 'high'), 'dropped');
});

test('a dismissed group stops delivering what waits; close() leaves no timer behind', async () => {
  const s = await createLocalServer({ port: 0, groupMessagesPerSecond: 2 });
  const owner = await TestClient.login(s, 'rl-owner');
  await owner.request('group-create', { groupId: 'rate-dismiss' });
  const send = (text: string) => owner.request('group-send', { groupId: 'rate-dismiss', priority: 'normal', body: { type: 'text', text } });
  await Promise.all(['a', 'b', 'c', 'd'].map(send));
  assert.equal(s.stats().groupTraffic['rate-dismiss']!.waiting, 2);
  await owner.request('group-create', { groupId: 'rate-queued' });
  await Promise.all(['e', 'f', 'g'].map((t) => owner.request('group-send', { groupId: 'rate-queued', priority: 'low', body: { type: 'text', text: t } })));
  await owner.request('group-dismiss', { groupId: 'rate-dismiss' });
  await sleep(1200);
  await settle(owner);
  const texts = owner.allPushes.flatMap((p) => (p.ev === 'group-message' && p.body.type === 'text' ? [p.body.text] : []));
  assert.deepEqual(texts, ['a', 'b', 'e', 'f', 'g']);
  // Something waits when the server closes: it is dropped, and no timer keeps the process alive.
  await Promise.all(['h', 'i', 'j'].map((t) => owner.request('group-send', { groupId: 'rate-queued', priority: 'low', body: { type: 'text', text: t } })));
  assert.ok(s.stats().groupTraffic['rate-queued']!.waiting > 0);
  await s.close();
  assert.equal(s.stats().groupTraffic['rate-queued']!.waiting, 0);
});
