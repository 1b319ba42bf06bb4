import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { numericRoom, type RoomId } from '../../src/core/validation.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { expectCode, settle, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  // A dropped connection leaves after a short grace period here (grace.test.ts covers the period itself).
  server = await createLocalServer({ port: 0, graceMs: 100 });
});
after(() => server.close());

/** A live room with a publishing owner and one viewer. */
async function liveRoom(id: number, prefix: string): Promise<{ room: RoomId; anchor: TestClient; viewer: TestClient }> {
  const room = numericRoom(id);
  const anchor = await TestClient.login(server, `${prefix}-anchor`);
  const viewer = await TestClient.login(server, `${prefix}-viewer`);
  await anchor.request('media-join', { room, role: 'anchor', scene: 'live' });
  await anchor.request('media-publish', { audio: true, video: true });
  const joined = await viewer.request('media-join', { room, role: 'audience', scene: 'live' });
  assert.deepEqual(joined.users.map((u) => [u.userId, u.publishing]), [[anchor.userId, true]]);
  return { room, anchor, viewer };
}

test('PK: pending until mutual; guests visible and reachable; unlink cleans up both rooms', async () => {
  const a = await liveRoom(3001, 'pa');
  const b = await liveRoom(3002, 'pb');
  const c = await liveRoom(3003, 'pc');

  // One side only: pending, nobody sees a guest.
  assert.deepEqual(await a.anchor.request('pk-link', { room: b.room, userId: 'pb-anchor' }), { active: false });
  await settle(a.anchor, a.viewer, b.anchor, b.viewer);
  for (const client of [a.anchor, a.viewer, b.anchor, b.viewer]) assert.deepEqual(client.pushes, [], client.userId);
  await expectCode(b.viewer.request('signal', { to: 'pa-anchor', data: { type: 'subscribe' } }), ErrorCode.USER_NOT_FOUND);

  // Mutual: active. Each room sees the other anchor as a publishing anchor.
  assert.deepEqual(await b.anchor.request('pk-link', { room: a.room, userId: 'pa-anchor' }), { active: true });
  for (const client of [b.anchor, b.viewer]) {
    const enter = await client.waitFor('media-user-enter', (p) => p.user.userId === 'pa-anchor');
    assert.deepEqual([enter.user.role, enter.user.publishing, enter.user.audio, enter.user.video], ['anchor', true, true, true]);
  }
  for (const client of [a.anchor, a.viewer]) await client.waitFor('media-user-enter', (p) => p.user.userId === 'pb-anchor');
  assert.deepEqual(await a.anchor.waitFor('media-pk'), { ev: 'media-pk', state: 'linked', room: b.room, userId: 'pb-anchor' });
  assert.deepEqual(await b.anchor.waitFor('media-pk'), { ev: 'media-pk', state: 'linked', room: a.room, userId: 'pa-anchor' });
  assert.deepEqual(await a.anchor.request('pk-link', { room: b.room, userId: 'pb-anchor' }), { active: true }, 'linking again is a no-op');

  // A newcomer of room B sees the guest in media-join.
  const late = await TestClient.login(server, 'pb-late');
  const joined = await late.request('media-join', { room: b.room, role: 'audience', scene: 'live' });
  assert.deepEqual(joined.users.map((u) => u.userId).sort(), ['pa-anchor', 'pb-anchor']);

  // Signalling between room B's viewer and guest A, both ways; not from an unrelated room.
  await b.viewer.request('signal', { to: 'pa-anchor', data: { type: 'subscribe' } });
  assert.deepEqual(await a.anchor.waitFor('signal'), { ev: 'signal', from: 'pb-viewer', data: { type: 'subscribe' } });
  await a.anchor.request('signal', { to: 'pb-viewer', data: { type: 'offer', sdp: 'v=0', pcId: 'x1' } });
  assert.equal((await b.viewer.waitFor('signal')).data.type, 'offer');
  await expectCode(b.viewer.request('signal', { to: 'pa-anchor', data: { type: 'offer', sdp: 'v=0', pcId: 'x2' } }), ErrorCode.NOT_ALLOWED);
  await expectCode(c.viewer.request('signal', { to: 'pa-anchor', data: { type: 'subscribe' } }), ErrorCode.USER_NOT_FOUND);
  await expectCode(a.anchor.request('signal', { to: 'pc-viewer', data: { type: 'offer', sdp: 'v=0', pcId: 'x3' } }), ErrorCode.USER_NOT_FOUND);
  await expectCode(a.viewer.request('signal', { to: 'pb-viewer', data: { type: 'subscribe' } }), ErrorCode.USER_NOT_FOUND);

  // The guest's publishing and profile changes reach the room where they are a guest.
  await a.anchor.request('media-publish', { audio: true, video: false });
  const update = await b.viewer.waitFor('media-user-update', (p) => p.user.userId === 'pa-anchor');
  assert.equal(update.user.video, false);
  await a.anchor.request('set-profile', { nickname: 'Anchor A' });
  await late.waitFor('media-user-update', (p) => p.user.userId === 'pa-anchor' && p.user.nickname === 'Anchor A');

  // Unlink: both guests leave, both anchors are told.
  await b.anchor.request('pk-unlink', {});
  for (const client of [b.anchor, b.viewer, late]) await client.waitFor('media-user-exit', (p) => p.userId === 'pa-anchor');
  for (const client of [a.anchor, a.viewer]) await client.waitFor('media-user-exit', (p) => p.userId === 'pb-anchor');
  assert.deepEqual(await a.anchor.waitFor('media-pk'), { ev: 'media-pk', state: 'unlinked', room: b.room, userId: 'pb-anchor' });
  assert.deepEqual(await b.anchor.waitFor('media-pk'), { ev: 'media-pk', state: 'unlinked', room: a.room, userId: 'pa-anchor' });
  await expectCode(b.viewer.request('signal', { to: 'pa-anchor', data: { type: 'subscribe' } }), ErrorCode.USER_NOT_FOUND);

  // Both intents are gone: one side linking again is pending.
  assert.deepEqual(await a.anchor.request('pk-link', { room: b.room, userId: 'pb-anchor' }), { active: false });
  await a.anchor.request('pk-unlink', {});
  assert.deepEqual(await b.anchor.request('pk-link', { room: a.room, userId: 'pa-anchor' }), { active: false }, 'A’s unlink cleared its pending intent');
  await settle(c.anchor, c.viewer);
  assert.equal(c.viewer.unclaimed('media-user-enter').length + c.anchor.unclaimed('media-pk').length, 0);
  await Promise.all([a, b, c].flatMap((r) => [r.anchor.close(), r.viewer.close()]).concat(late.close()));
});

test('PK: leaving the room, or disconnecting once the grace period is over, ends the link', async () => {
  const a = await liveRoom(3011, 'qa');
  const b = await liveRoom(3012, 'qb');
  await a.anchor.request('pk-link', { room: b.room, userId: 'qb-anchor' });
  await b.anchor.request('pk-link', { room: a.room, userId: 'qa-anchor' });
  await b.viewer.waitFor('media-user-enter', (p) => p.user.userId === 'qa-anchor');
  await a.anchor.waitFor('media-pk', (p) => p.state === 'linked');
  await b.anchor.waitFor('media-pk', (p) => p.state === 'linked');

  await a.anchor.request('media-leave', {});
  await b.viewer.waitFor('media-user-exit', (p) => p.userId === 'qa-anchor');
  await b.anchor.waitFor('media-user-exit', (p) => p.userId === 'qa-anchor');
  assert.equal((await b.anchor.waitFor('media-pk')).state, 'unlinked');
  assert.equal((await a.viewer.waitFor('media-room-closed')).reason, 'owner-left');
  assert.equal(server.mediaRooms.get(b.room)!.guests.size, 0);

  // Relink with a new room A, then B's anchor disconnects.
  await a.anchor.request('media-join', { room: a.room, role: 'anchor', scene: 'live' });
  await a.viewer.request('media-join', { room: a.room, role: 'audience', scene: 'live' });
  await a.anchor.request('pk-link', { room: b.room, userId: 'qb-anchor' });
  assert.deepEqual(await b.anchor.request('pk-link', { room: a.room, userId: 'qa-anchor' }), { active: true });
  await a.viewer.waitFor('media-user-enter', (p) => p.user.userId === 'qb-anchor');
  // Forget what the first link's end pushed, so that the waits below see the second one end.
  await settle(a.anchor, a.viewer);
  a.anchor.pushes.length = 0;
  a.viewer.pushes.length = 0;
  await b.anchor.close();
  await a.viewer.waitFor('media-user-exit', (p) => p.userId === 'qb-anchor');
  await a.anchor.waitFor('media-pk', (p) => p.state === 'unlinked' && p.userId === 'qb-anchor');
  assert.equal(server.mediaRooms.get(a.room)!.guests.size, 0);
  await Promise.all([a.anchor.close(), a.viewer.close(), b.viewer.close()]);
});

test('PK: refusals', async () => {
  const a = await liveRoom(3021, 'ra');
  const b = await liveRoom(3022, 'rb');
  const caller = await TestClient.login(server, 'ra-caller');
  await caller.request('media-join', { room: numericRoom(3023), role: 'anchor', scene: 'rtc' });

  await expectCode(a.viewer.request('pk-link', { room: b.room, userId: 'rb-anchor' }), ErrorCode.NOT_ALLOWED);
  await expectCode(caller.request('pk-link', { room: b.room, userId: 'rb-anchor' }), ErrorCode.NOT_ALLOWED);
  await expectCode(a.anchor.request('pk-link', { room: a.room, userId: 'ra-anchor' }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(a.anchor.request('pk-link', { room: numericRoom(3999), userId: 'rb-anchor' }), ErrorCode.ROOM_NOT_FOUND);
  await expectCode(a.anchor.request('pk-link', { room: numericRoom(3023), userId: 'ra-caller' }), ErrorCode.ROOM_NOT_FOUND);
  await expectCode(a.anchor.request('pk-link', { room: b.room, userId: 'rb-viewer' }), ErrorCode.USER_NOT_FOUND);
  await expectCode(a.anchor.requestRaw('pk-link', { room: { kind: 'numeric', id: 0 }, userId: 'rb-anchor' }), ErrorCode.INVALID_ROOM_ID);
  const outside = await TestClient.login(server, 'ra-outside');
  await expectCode(outside.request('pk-link', { room: b.room, userId: 'rb-anchor' }), ErrorCode.NOT_IN_ROOM);
  await outside.request('pk-unlink', {});
  await settle(b.anchor, b.viewer);
  assert.equal(b.anchor.unclaimed('media-pk').length + b.viewer.unclaimed('media-user-enter').length, 0);
  await Promise.all([a.anchor.close(), a.viewer.close(), b.anchor.close(), b.viewer.close(), caller.close(), outside.close()]);
});
