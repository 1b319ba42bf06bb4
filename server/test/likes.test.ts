import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { encodeEnvelope } from '../../src/core/protocol/envelope.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { settle, sleep, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0 });
});
after(() => server.close());

/** Every `group-likes` push a client receives, with the time it arrived. */
function recordLikes(client: TestClient): { at: number; total: number }[] {
  const seen: { at: number; total: number }[] = [];
  client.socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { ev?: string; total?: number };
    if (frame.ev === 'group-likes') seen.push({ at: performance.now(), total: frame.total! });
  });
  return seen;
}

test('like messages add up to the room total, pushed at most once a second', async () => {
  const groupId = 'likes-room';
  const host = await TestClient.login(server, 'lk-host');
  const fans = [await TestClient.login(server, 'lk-fan1'), await TestClient.login(server, 'lk-fan2'), await TestClient.login(server, 'lk-fan3')];
  const created = await host.request('group-create', { groupId });
  assert.equal(created.group.likeTotal, 0);
  for (const fan of fans) await fan.request('group-join', { groupId });
  const seen = recordLikes(host);

  const like = (client: TestClient, count: number) =>
    client.request('group-send', { groupId, priority: 'low', body: { type: 'custom', data: encodeEnvelope('like', { count }) } });
  // 3 clients, 9 like messages: 3×5 + 2×10 + 4×7 = 63.
  await Promise.all([
    ...[5, 5, 5].map((n) => like(fans[0]!, n)),
    ...[10, 10].map((n) => like(fans[1]!, n)),
    ...[7, 7, 7, 7].map((n) => like(fans[2]!, n)),
  ]);
  // Not likes: a text that says so, and malformed like envelopes (relayed untouched, not counted).
  const malformed = ['{"le":1,"kind":"like","data":{"count":-3}}', '{"le":1,"kind":"like","data":{"count":5,"extra":1}}', 'not json'];
  await host.request('group-send', { groupId, priority: 'normal', body: { type: 'text', text: encodeEnvelope('like', { count: 100 }) } });
  for (const data of malformed) await fans[0]!.request('group-send', { groupId, priority: 'low', body: { type: 'custom', data } });
  await settle(host, ...fans);
  for (const data of malformed) {
    const relayed = await fans[1]!.waitFor('group-message', (p) => p.body.type === 'custom' && p.body.data === data);
    assert.equal(relayed.from.userId, 'lk-fan1');
  }

  // The first like goes out at once; the rest of the second is coalesced into one trailing push.
  await host.waitFor('group-likes', (p) => p.total === 63, 2500);
  const first = seen[0]!;
  assert.ok(first.total > 0 && first.total <= 10, `the leading push carries the first like (${first.total})`);
  assert.ok(seen.filter((p) => p.at - first.at < 1000).length <= 2, `${seen.length} pushes: ${JSON.stringify(seen)}`);
  assert.deepEqual(seen.at(-1)!.total, 63);
  await sleep(1200);
  await settle(host);
  assert.equal(seen.length, 2, 'nothing more to push');
  for (const fan of fans) await fan.waitFor('group-likes', (p) => p.groupId === groupId && p.total === 63);

  // A newcomer sees the total at once, as does group-info and the server's stats.
  const newcomer = await TestClient.login(server, 'lk-new');
  assert.equal((await newcomer.request('group-join', { groupId })).group.likeTotal, 63);
  assert.equal((await newcomer.request('group-info', { groupIds: [groupId] })).groups[0]!.likeTotal, 63);
  assert.equal(server.stats().groupTraffic[groupId]!.likeTotal, 63);
  assert.equal((await host.request('group-create', { groupId })).group.likeTotal, 63);

  // Later likes start a new leading push at once.
  await like(newcomer, 1);
  await host.waitFor('group-likes', (p) => p.total === 64, 500);
  await Promise.all([host, newcomer, ...fans].map((c) => c.close()));
});

test('likes dropped by frequency control are not counted', async () => {
  const s = await createLocalServer({ port: 0, groupMessagesPerSecond: 2 });
  const fan = await TestClient.login(s, 'lk-burst');
  await fan.request('group-create', { groupId: 'likes-burst' });
  const data = encodeEnvelope('like', { count: 1 });
  // 2 delivered at once, 2 wait, 6 dropped.
  await Promise.all(Array.from({ length: 10 }, () => fan.request('group-send', { groupId: 'likes-burst', priority: 'low', body: { type: 'custom', data } })));
  assert.equal(s.stats().groupTraffic['likes-burst']!.likeTotal, 2);
  await fan.waitFor('group-likes', (p) => p.total === 4, 3000);
  assert.equal(s.stats().groupTraffic['likes-burst']!.likeTotal, 4);
  await fan.close();
  await s.close();
});
