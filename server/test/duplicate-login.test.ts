import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { expectCode, settle, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0 });
});
after(() => server.close());

test('a duplicate login kicks the older connection out of everything; the newer one works', async () => {
  const host = await TestClient.login(server, 'host');
  await host.request('group-create', { groupId: 'g1' });
  await host.request('media-join', { room: { kind: 'numeric', id: 7 }, role: 'anchor', scene: 'live' });

  const old = await TestClient.login(server, 'alice');
  await old.request('group-join', { groupId: 'g1' });
  await old.request('media-join', { room: { kind: 'numeric', id: 7 }, role: 'audience', scene: 'live' });
  await host.waitFor('group-member-join', (p) => p.member.userId === 'alice');

  const fresh = await TestClient.login(server, 'alice');
  const kicked = await old.waitFor('kicked-offline');
  assert.equal(kicked.reason, 'duplicate-login');
  const closed = await old.closed;
  assert.equal(closed.code, 4001);

  const quit = await host.waitFor('group-member-quit', (p) => p.userId === 'alice');
  assert.equal(quit.memberCount, 1);
  assert.equal(server.stats().users, 2);

  // The newer connection works and is a fresh member.
  const joined = await fresh.request('group-join', { groupId: 'g1' });
  assert.equal(joined.group.memberCount, 2);
  await fresh.request('group-send', { groupId: 'g1', priority: 'normal', body: { type: 'text', text: 'hi' } });
  const msg = await host.waitFor('group-message');
  assert.equal(msg.from.userId, 'alice');
  await settle(host);
  assert.equal(host.unclaimed('media-user-exit').length, 0, 'an audience member leaving is not pushed on media');

  await Promise.all([host.close(), fresh.close()]);
});

test('a second login on the same connection as another user is refused', async () => {
  const c = await TestClient.login(server, 'erin');
  const sig = await (await fetch(`${server.url}/api/usersig?userId=frank`)).json() as { userSig: string };
  await expectCode(c.request('login', { sdkAppId: server.sdkAppId, userId: 'frank', userSig: sig.userSig }), ErrorCode.INVALID_STATE);
  await c.close();
});
