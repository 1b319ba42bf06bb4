import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { numericRoom, stringRoom } from '../../src/core/validation.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { MediaLimits } from '../media-rooms.js';
import { expectCode, settle, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0 });
});
after(() => server.close());

test('an audience member cannot publish, and the others see nothing', async () => {
  const room = numericRoom(1001);
  const anchor = await TestClient.login(server, 'anchor1');
  const viewer = await TestClient.login(server, 'viewer1');
  const other = await TestClient.login(server, 'viewer2');
  const joined = await anchor.request('media-join', { room, role: 'anchor', scene: 'live' });
  assert.deepEqual(joined, { users: [], ownerId: 'anchor1' });
  const seen = await viewer.request('media-join', { room, role: 'audience', scene: 'live' });
  assert.equal(seen.ownerId, 'anchor1');
  assert.deepEqual(seen.users.map((u) => u.userId), ['anchor1']);
  await other.request('media-join', { room, role: 'audience', scene: 'live' });

  await expectCode(viewer.request('media-publish', { audio: true, video: true }), ErrorCode.PUBLISH_NOT_ALLOWED);
  await settle(anchor, other);
  assert.equal(anchor.pushes.length, 0, `anchor got ${JSON.stringify(anchor.pushes)}`);
  assert.equal(other.pushes.length, 0, `viewer2 got ${JSON.stringify(other.pushes)}`);

  // The anchor publishes: everyone else, audience included, sees the update.
  await anchor.request('media-publish', { audio: true, video: false });
  const update = await viewer.waitFor('media-user-update');
  assert.deepEqual(
    { id: update.user.userId, p: update.user.publishing, a: update.user.audio, v: update.user.video, r: update.user.role },
    { id: 'anchor1', p: true, a: true, v: false, r: 'anchor' },
  );
  await other.waitFor('media-user-update');
  await Promise.all([anchor.close(), viewer.close(), other.close()]);
});

test('an audience member cannot enter an existing live room as anchor (62003)', async () => {
  const room = stringRoom('show-1');
  const anchor = await TestClient.login(server, 'anchor2');
  const viewer = await TestClient.login(server, 'viewer3');
  await anchor.request('media-join', { room, role: 'anchor', scene: 'voice' });
  await expectCode(viewer.request('media-join', { room, role: 'anchor', scene: 'voice' }), ErrorCode.NOT_ALLOWED);
  await expectCode(viewer.request('media-join', { room, role: 'audience', scene: 'live' }), ErrorCode.SCENE_MISMATCH);
  await viewer.request('media-join', { room, role: 'audience', scene: 'voice' });
  await expectCode(viewer.request('media-switch-role', { role: 'anchor' }), ErrorCode.NOT_ALLOWED);
  await settle(anchor);
  assert.equal(anchor.pushes.length, 0);

  // With a grant (co-anchoring) the same switch works and others see the new anchor.
  assert.ok(server.mediaRooms.grantPublish(room, 'viewer3'));
  await viewer.request('media-switch-role', { role: 'anchor' });
  const enter = await anchor.waitFor('media-user-enter');
  assert.equal(enter.user.userId, 'viewer3');
  await viewer.request('media-publish', { audio: true, video: false });
  await anchor.waitFor('media-user-update', (p) => p.user.userId === 'viewer3' && p.user.publishing);
  await viewer.request('media-switch-role', { role: 'audience' });
  await anchor.waitFor('media-user-exit', (p) => p.userId === 'viewer3');
  await expectCode(viewer.request('media-publish', { audio: true, video: false }), ErrorCode.PUBLISH_NOT_ALLOWED);
  await Promise.all([anchor.close(), viewer.close()]);
});

test('an audience member’s offer is refused; subscribe to a publisher is relayed', async () => {
  const room = numericRoom(1002);
  const anchor = await TestClient.login(server, 'anchor3');
  const viewer = await TestClient.login(server, 'viewer4');
  await anchor.request('media-join', { room, role: 'anchor', scene: 'live' });
  await anchor.request('media-publish', { audio: true, video: true });
  await viewer.request('media-join', { room, role: 'audience', scene: 'live' });
  await expectCode(
    viewer.request('signal', { to: 'anchor3', data: { type: 'offer', sdp: 'v=0', pcId: 'pc1' } }),
    ErrorCode.NOT_ALLOWED,
  );
  await viewer.request('signal', { to: 'anchor3', data: { type: 'subscribe' } });
  const sub = await anchor.waitFor('signal');
  assert.deepEqual(sub, { ev: 'signal', from: 'viewer4', data: { type: 'subscribe' } });
  assert.equal(anchor.unclaimed('signal').length, 0, 'the refused offer was not relayed');
  await Promise.all([anchor.close(), viewer.close()]);
});

test('call scenes: everyone is an anchor and visible; the room closes when empty', async () => {
  const room = numericRoom(1003);
  const a = await TestClient.login(server, 'callerA');
  const b = await TestClient.login(server, 'callerB');
  await a.request('media-join', { room, role: 'audience', scene: 'rtc' });
  const joined = await b.request('media-join', { room, role: 'audience', scene: 'rtc' });
  assert.deepEqual(joined.users.map((u) => [u.userId, u.role]), [['callerA', 'anchor']]);
  const enter = await a.waitFor('media-user-enter');
  assert.equal(enter.user.role, 'anchor');
  await b.request('media-publish', { audio: true, video: true });
  await a.request('media-leave', {});
  await b.waitFor('media-user-exit', (p) => p.userId === 'callerA');
  assert.equal(server.mediaRooms.get(room)?.members.size, 1);
  await b.request('media-leave', {});
  assert.equal(server.mediaRooms.get(room), undefined);
  assert.equal(MediaLimits.callRoomUsers, 300);
  await Promise.all([a.close(), b.close()]);
});

test('a user is in one media room at a time', async () => {
  const u = await TestClient.login(server, 'hopper');
  const watcher = await TestClient.login(server, 'watcher');
  await watcher.request('media-join', { room: numericRoom(1005), role: 'audience', scene: 'rtc' });
  await u.request('media-join', { room: numericRoom(1005), role: 'anchor', scene: 'rtc' });
  await watcher.waitFor('media-user-enter');
  await u.request('media-join', { room: numericRoom(1006), role: 'anchor', scene: 'rtc' });
  await watcher.waitFor('media-user-exit', (p) => p.userId === 'hopper');
  assert.equal(server.mediaRooms.get(numericRoom(1005))?.members.has('hopper'), false);
  assert.equal(server.mediaRooms.get(numericRoom(1006))?.members.has('hopper'), true);
  await Promise.all([u.close(), watcher.close()]);
});

test(`at most ${MediaLimits.publishers} publishers per room`, async () => {
  const room = numericRoom(1004);
  const clients: TestClient[] = [];
  for (let i = 0; i < MediaLimits.publishers + 1; i++) {
    const c = await TestClient.login(server, `p${i}`);
    await c.request('media-join', { room, role: 'anchor', scene: 'rtc' });
    clients.push(c);
  }
  for (const c of clients.slice(0, MediaLimits.publishers)) await c.request('media-publish', { audio: true, video: false });
  const last = clients[MediaLimits.publishers]!;
  const err = await expectCode(last.request('media-publish', { audio: true, video: false }), ErrorCode.PUBLISH_NOT_ALLOWED);
  assert.match(err.message, /50/);
  // Updating an existing publisher is still fine; a freed slot can be taken.
  await clients[0]!.request('media-publish', { audio: false, video: true });
  await clients[0]!.request('media-unpublish', {});
  await last.request('media-publish', { audio: true, video: false });
  await Promise.all(clients.map((c) => c.close()));
});
