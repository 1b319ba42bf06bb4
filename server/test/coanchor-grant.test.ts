import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { groupIdForRoom, numericRoom, stringRoom } from '../../src/core/validation.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { expectCode, settle, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0 });
});
after(() => server.close());

test('a viewer cannot grant; the owner grants and revokes co-anchoring', async () => {
  const room = numericRoom(2001);
  const host = await TestClient.login(server, 'g-host');
  const guest = await TestClient.login(server, 'g-guest');
  const other = await TestClient.login(server, 'g-other');
  await host.request('media-join', { room, role: 'anchor', scene: 'live' });
  await host.request('media-publish', { audio: true, video: true });
  await guest.request('media-join', { room, role: 'audience', scene: 'live' });
  await other.request('media-join', { room, role: 'audience', scene: 'live' });

  // A viewer may not grant, not even themself: nothing changes and nobody hears of it.
  await expectCode(guest.request('media-grant', { userId: 'g-guest', allow: true }), ErrorCode.NOT_ALLOWED);
  await expectCode(other.request('media-grant', { userId: 'g-guest', allow: true }), ErrorCode.NOT_ALLOWED);
  assert.equal(server.mediaRooms.get(room)!.grants.size, 0);
  await expectCode(guest.request('media-switch-role', { role: 'anchor' }), ErrorCode.NOT_ALLOWED);
  await settle(host, guest, other);
  assert.deepEqual([host.pushes, guest.pushes, other.pushes], [[], [], []]);

  // Bad input and no-ops.
  await expectCode(host.requestRaw('media-grant', { userId: 'bad id!', allow: true }), ErrorCode.INVALID_USER_ID);
  await expectCode(host.requestRaw('media-grant', { userId: 'g-guest', allow: 'yes' }), ErrorCode.INVALID_ARGUMENT);
  await host.request('media-grant', { userId: 'g-host', allow: true });
  await host.request('media-grant', { userId: 'nobody-here', allow: true });
  await host.request('media-grant', { userId: 'nobody-here', allow: false });

  // Granted: the guest is told, switches to anchor and publishes; the others see it.
  await host.request('media-grant', { userId: 'g-guest', allow: true });
  assert.deepEqual(await guest.waitFor('media-role-changed'), { ev: 'media-role-changed', role: 'anchor', reason: 'granted' });
  await guest.request('media-switch-role', { role: 'anchor' });
  for (const c of [host, other]) assert.equal((await c.waitFor('media-user-enter')).user.userId, 'g-guest');
  await guest.request('media-publish', { audio: true, video: false });
  for (const c of [host, other]) {
    const update = await c.waitFor('media-user-update', (p) => p.user.userId === 'g-guest');
    assert.equal(update.user.publishing, true);
  }

  // Revoked: demoted at once, told why; the others see the anchor leave.
  await host.request('media-grant', { userId: 'g-guest', allow: false });
  assert.deepEqual(await guest.waitFor('media-role-changed'), { ev: 'media-role-changed', role: 'audience', reason: 'revoked' });
  for (const c of [host, other]) assert.equal((await c.waitFor('media-user-exit')).userId, 'g-guest');
  await expectCode(guest.request('media-publish', { audio: true, video: false }), ErrorCode.PUBLISH_NOT_ALLOWED);
  await expectCode(guest.request('media-switch-role', { role: 'anchor' }), ErrorCode.NOT_ALLOWED);
  const joined = await other.request('media-join', { room, role: 'audience', scene: 'live' });
  assert.deepEqual(joined.users.map((u) => u.userId), ['g-host']);
  await Promise.all([host.close(), guest.close(), other.close()]);
});

test('an admin of the room’s group can grant', async () => {
  const room = stringRoom('grant-show');
  const groupId = groupIdForRoom(room);
  const host = await TestClient.login(server, 'a-host');
  const admin = await TestClient.login(server, 'a-admin');
  const viewer = await TestClient.login(server, 'a-viewer');
  await host.request('group-create', { groupId });
  await host.request('media-join', { room, role: 'anchor', scene: 'voice' });
  for (const c of [admin, viewer]) {
    await c.request('group-join', { groupId });
    await c.request('media-join', { room, role: 'audience', scene: 'voice' });
  }
  await expectCode(admin.request('media-grant', { userId: 'a-viewer', allow: true }), ErrorCode.NOT_ALLOWED);
  await host.request('group-set-admin', { groupId, userId: 'a-admin', admin: true });
  await admin.request('media-grant', { userId: 'a-viewer', allow: true });
  await viewer.waitFor('media-role-changed', (p) => p.reason === 'granted');
  await viewer.request('media-switch-role', { role: 'anchor' });
  await host.waitFor('media-user-enter', (p) => p.user.userId === 'a-viewer');

  // Dismissed as admin: no more grants.
  await host.request('group-set-admin', { groupId, userId: 'a-admin', admin: false });
  await expectCode(admin.request('media-grant', { userId: 'a-viewer', allow: false }), ErrorCode.NOT_ALLOWED);
  await Promise.all([host.close(), admin.close(), viewer.close()]);
});

test('media-grant outside a live room: NOT_IN_ROOM, and NOT_ALLOWED in a call', async () => {
  const a = await TestClient.login(server, 'c-a');
  await expectCode(a.request('media-grant', { userId: 'c-b', allow: true }), ErrorCode.NOT_IN_ROOM);
  await a.request('media-join', { room: numericRoom(2002), role: 'anchor', scene: 'rtc' });
  await expectCode(a.request('media-grant', { userId: 'c-b', allow: true }), ErrorCode.NOT_ALLOWED);
  await a.close();
});
