import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { settle, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  // Batching from 3 members, in windows of 150 ms (the defaults are 50 and 500).
  server = await createLocalServer({ port: 0, graceMs: 0, presence: { batchFrom: 3, windowMs: 150 } });
});
after(() => server.close());

test('presence batching: a small group hears each join at once; a big one gets one push per window with every change in order', async () => {
  const groupId = 'batch_room';
  const host = await TestClient.login(server, 'host');
  await host.request('group-create', { groupId });
  const a = await TestClient.login(server, 'a', { nickname: 'Ann' });
  await a.request('group-join', { groupId });
  // 2 members: the host hears the join at once, as before.
  const single = await host.waitFor('group-member-join', (p) => p.member.userId === 'a', 100);
  assert.equal(single.memberCount, 2);

  // From 3 members on, changes gather.
  const joiners = await Promise.all(['b', 'c', 'd'].map((id) => TestClient.login(server, id)));
  for (const j of joiners) await j.request('group-join', { groupId });
  await joiners[1]!.close(); // c leaves again within the window
  const started = Date.now();
  const batch = await host.waitFor('group-members-changed', () => true, 1000);
  assert.ok(Date.now() - started <= 400, 'the window is short');
  assert.deepEqual(
    batch.changes.map((c) => ('join' in c ? `+${c.join.userId}` : `-${c.quit}`)),
    ['+b', '+c', '+d', '-c'],
    'every change, in order',
  );
  assert.equal(batch.memberCount, 4, 'the count after all of them');
  assert.equal(host.unclaimed('group-member-join').length, 0, 'no single pushes besides');
  // The same push reaches the members already there and those who joined in the window.
  const seenByA = await a.waitFor('group-members-changed', () => true, 1000);
  assert.deepEqual(seenByA.changes, batch.changes);
  const seenByD = await joiners[2]!.waitFor('group-members-changed', () => true, 1000);
  assert.deepEqual(seenByD.changes, batch.changes);

  // Nothing pending: nothing more is sent.
  await new Promise((r) => setTimeout(r, 300));
  await settle(host);
  assert.equal(host.unclaimed('group-members-changed').length, 0);

  // Dismissing the group drops what was waiting (no push for a group that is gone).
  const e = await TestClient.login(server, 'e');
  await e.request('group-join', { groupId });
  await host.request('group-dismiss', { groupId });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(a.unclaimed('group-members-changed').length, 0);
  await Promise.all([host, a, joiners[0]!, joiners[2]!, e].map((c) => c.close()));
});

test('presence options that make no sense are refused in words', async () => {
  for (const presence of [{ batchFrom: 0 }, { batchFrom: 2.5 }, { windowMs: -1 }, { windowMs: Number.NaN }]) {
    await assert.rejects(
      createLocalServer({ port: 0, presence }),
      (err: { code?: number; message?: string }) => err.code === ErrorCode.INVALID_ARGUMENT && /presence\.(batchFrom|windowMs)/.test(err.message ?? ''),
    );
  }
});
