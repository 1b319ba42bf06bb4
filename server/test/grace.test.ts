import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { groupIdForRoom, numericRoom, type RoomId } from '../../src/core/validation.js';
import { createLocalServer, type LocalServer } from '../app.js';
import type { LoginResult } from '../local-cloud.js';
import { fetchUserSig, settle, sleep, TestClient } from './client.js';

/** Short, for the tests where it runs out. */
const GRACE_MS = 250;
/** Long enough for a reconnection on a busy machine. */
const RESUME_GRACE_MS = 3000;
let server: LocalServer;
let resumeServer: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0, graceMs: GRACE_MS });
  resumeServer = await createLocalServer({ port: 0, graceMs: RESUME_GRACE_MS });
});
after(() => Promise.all([server.close(), resumeServer.close()]));

/** Logs in on a new connection and tells whether the server resumed the user's rooms. */
async function login(s: LocalServer, userId: string): Promise<{ client: TestClient; resumed: boolean }> {
  const client = await TestClient.connect(s.wsUrl);
  const userSig = await fetchUserSig(s, userId);
  const result = (await client.requestRaw('login', { sdkAppId: s.sdkAppId, userId, userSig })) as LoginResult;
  client.userId = userId;
  return { client, resumed: result.resumed };
}

/** A network drop: the TCP connection ends without a close frame. */
async function drop(s: LocalServer, client: TestClient): Promise<void> {
  const away = s.stats().usersAway;
  client.socket.terminate();
  await until(() => s.stats().usersAway > away);
}

async function until(condition: () => boolean, timeout = 2000): Promise<void> {
  const end = performance.now() + timeout;
  while (!condition()) {
    if (performance.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** A live room with its group: the owner publishing, a viewer in both. */
async function liveRoom(s: LocalServer, id: number, prefix: string): Promise<{ room: RoomId; groupId: string; host: TestClient; viewer: TestClient }> {
  const room = numericRoom(id);
  const groupId = groupIdForRoom(room);
  const host = await TestClient.login(s, `${prefix}-host`);
  await host.request('group-create', { groupId });
  await host.request('media-join', { room, role: 'anchor', scene: 'live' });
  await host.request('media-publish', { audio: true, video: true });
  const viewer = await TestClient.login(s, `${prefix}-viewer`);
  await viewer.request('group-join', { groupId });
  await viewer.request('media-join', { room, role: 'audience', scene: 'live' });
  return { room, groupId, host, viewer };
}

const NO_PRESENCE_CHANGE = ['media-user-exit', 'media-user-enter', 'group-member-quit', 'group-member-join', 'media-room-closed', 'media-pk'] as const;

test('a reconnection within the grace period keeps role, publishing, grant and groups, with no exit or enter for the others', async () => {
  const s = resumeServer;
  const { room, groupId, host, viewer } = await liveRoom(s, 8101, 'gr');
  const guest = await TestClient.login(s, 'gr-guest');
  await guest.request('group-join', { groupId });
  await guest.request('media-join', { room, role: 'audience', scene: 'live' });
  await host.request('media-grant', { userId: 'gr-guest', allow: true });
  await guest.request('media-switch-role', { role: 'anchor' });
  await guest.request('media-publish', { audio: true, video: false });
  await viewer.waitFor('media-user-update', (p) => p.user.userId === 'gr-guest' && p.user.publishing);
  await settle(host, viewer);
  host.pushes.length = 0;
  viewer.pushes.length = 0;

  const seenBefore = viewer.allPushes.length;
  const awayBefore = s.stats().usersAway;
  await drop(s, guest);
  await sleep(50);
  const back = await login(s, 'gr-guest');
  assert.equal(back.resumed, true);
  assert.equal(s.stats().usersAway, awayBefore, 'no expiry pending');

  // Subscribers are asked to negotiate again; nothing else changes for them.
  for (const c of [host, viewer]) {
    const update = await c.waitFor('media-user-update', (p) => p.user.userId === 'gr-guest');
    assert.deepEqual([update.user.role, update.user.publishing, update.user.audio, update.user.video], ['anchor', true, true, false]);
  }
  const member = s.mediaRooms.get(room)!.members.get('gr-guest')!;
  assert.deepEqual([member.role, member.publishing], ['anchor', true]);

  // The client rejoins: both joins are idempotent and answer with the current state.
  const media = await back.client.request('media-join', { room, role: 'anchor', scene: 'live' });
  assert.deepEqual(media.users.map((u) => u.userId), ['gr-host']);
  assert.equal(media.ownerId, 'gr-host');
  const group = await back.client.request('group-join', { groupId });
  assert.equal(group.group.memberCount, 3);

  // The new connection gets pushes and signals.
  await host.request('signal', { to: 'gr-guest', data: { type: 'subscribe' } });
  assert.equal((await back.client.waitFor('signal')).from, 'gr-host');
  await host.request('group-send', { groupId, priority: 'normal', body: { type: 'text', text: 'welcome back' } });
  await back.client.waitFor('group-message', (p) => p.body.type === 'text' && p.body.text === 'welcome back');

  await settle(host, viewer);
  for (const ev of NO_PRESENCE_CHANGE) assert.equal(host.unclaimed(ev).length + viewer.unclaimed(ev).length, 0, ev);
  assert.deepEqual(new Set(viewer.allPushes.slice(seenBefore).map((p) => p.ev)), new Set(['media-user-update', 'group-message']));
  // The co-anchor grant still holds.
  await back.client.request('media-switch-role', { role: 'audience' });
  await back.client.request('media-switch-role', { role: 'anchor' });
  await Promise.all([host.close(), viewer.close(), back.client.close()]);
});

test('a PK link and an owned room survive a reconnection of the owner', async () => {
  const s = resumeServer;
  const a = await liveRoom(s, 8111, 'gpa');
  const b = await liveRoom(s, 8112, 'gpb');
  await a.host.request('pk-link', { room: b.room, userId: 'gpb-host' });
  await b.host.request('pk-link', { room: a.room, userId: 'gpa-host' });
  await b.viewer.waitFor('media-user-enter', (p) => p.user.userId === 'gpa-host');
  await settle(a.viewer, b.host, b.viewer);
  for (const c of [a.viewer, b.host, b.viewer]) c.pushes.length = 0;

  const awayBefore = s.stats().usersAway;
  await drop(s, a.host);
  const back = await login(s, 'gpa-host');
  assert.equal(back.resumed, true);
  assert.equal(s.stats().usersAway, awayBefore, 'no expiry pending');
  // Where A's owner is a guest publisher, too, subscribers hear of the new connection.
  await b.viewer.waitFor('media-user-update', (p) => p.user.userId === 'gpa-host');
  await settle(a.viewer, b.host, b.viewer);
  for (const c of [a.viewer, b.host, b.viewer]) {
    for (const ev of NO_PRESENCE_CHANGE) assert.equal(c.unclaimed(ev).length, 0, `${c.userId}: ${ev}`);
  }
  assert.equal(s.mediaRooms.get(a.room)?.ownerId, 'gpa-host');
  assert.equal(s.mediaRooms.get(b.room)!.guests.has('gpa-host'), true);
  await back.client.request('pk-unlink', {});
  await b.host.waitFor('media-pk', (p) => p.state === 'unlinked');
  await Promise.all([a.viewer, b.host, b.viewer, back.client].map((c) => c.close()));
});

test('when the grace period runs out the others get the exits, the owner’s live room closes and a PK link ends', async () => {
  const a = await liveRoom(server, 8121, 'gea');
  const b = await liveRoom(server, 8122, 'geb');
  await a.host.request('pk-link', { room: b.room, userId: 'geb-host' });
  await b.host.request('pk-link', { room: a.room, userId: 'gea-host' });
  await b.viewer.waitFor('media-user-enter', (p) => p.user.userId === 'gea-host');

  const dropped = performance.now();
  await drop(server, a.host);
  await sleep(GRACE_MS / 2);
  await settle(a.viewer);
  assert.equal(a.viewer.unclaimed('media-room-closed').length + a.viewer.unclaimed('group-member-quit').length, 0, 'nothing yet');
  assert.ok(server.mediaRooms.get(a.room), 'the room waits for its owner');

  assert.equal((await a.viewer.waitFor('media-room-closed', () => true, GRACE_MS * 3)).reason, 'owner-left');
  assert.ok(performance.now() - dropped >= GRACE_MS - 20, 'not before the grace period');
  const quit = await a.viewer.waitFor('group-member-quit', (p) => p.userId === 'gea-host');
  assert.equal(quit.memberCount, 1);
  await b.host.waitFor('media-pk', (p) => p.state === 'unlinked' && p.userId === 'gea-host');
  await b.viewer.waitFor('media-user-exit', (p) => p.userId === 'gea-host');
  assert.equal(server.mediaRooms.get(a.room), undefined);
  assert.equal(server.stats().usersAway, 0);

  // Too late: a fresh login, in no room.
  const late = await login(server, 'gea-host');
  assert.equal(late.resumed, false);
  const info = await late.client.request('group-info', { groupIds: [a.groupId] });
  assert.equal(info.groups[0]!.memberCount, 1);
  await Promise.all([a.viewer, b.host, b.viewer, late.client].map((c) => c.close()));
});

test('a call room whose members all dropped closes once the grace period is over', async () => {
  const room = numericRoom(8131);
  const c1 = await TestClient.login(server, 'gc-1');
  const c2 = await TestClient.login(server, 'gc-2');
  await c1.request('media-join', { room, role: 'anchor', scene: 'rtc' });
  await c2.request('media-join', { room, role: 'anchor', scene: 'rtc' });
  await drop(server, c1);
  await drop(server, c2);
  assert.equal(server.mediaRooms.get(room)?.members.size, 2);
  await until(() => server.mediaRooms.get(room) === undefined, GRACE_MS * 4);
});

test('logout, a duplicate login and a server without a grace period leave at once', async () => {
  const room = numericRoom(8141);
  const groupId = groupIdForRoom(room);
  const host = await TestClient.login(resumeServer, 'gl-host');
  await host.request('group-create', { groupId });
  await host.request('media-join', { room, role: 'anchor', scene: 'rtc' });
  const leaver = await TestClient.login(resumeServer, 'gl-leaver');
  await leaver.request('group-join', { groupId });
  await leaver.request('media-join', { room, role: 'anchor', scene: 'rtc' });

  const awayBefore = resumeServer.stats().usersAway;
  const started = performance.now();
  await leaver.request('logout', {});
  await host.waitFor('media-user-exit', (p) => p.userId === 'gl-leaver');
  await host.waitFor('group-member-quit', (p) => p.userId === 'gl-leaver');
  assert.ok(performance.now() - started < RESUME_GRACE_MS, 'at once, not after the grace period');
  await leaver.close();
  const again = await login(resumeServer, 'gl-leaver');
  assert.equal(again.resumed, false);

  // Duplicate login while the first connection is open: the older one is kicked and leaves at once.
  await again.client.request('group-join', { groupId });
  const second = await login(resumeServer, 'gl-leaver');
  assert.equal(second.resumed, false);
  assert.equal((await again.client.closed).code, 4001);
  await host.waitFor('group-member-quit', (p) => p.userId === 'gl-leaver');
  assert.equal(resumeServer.stats().usersAway, awayBefore, 'nobody more is kept');
  await Promise.all([host.close(), second.client.close()]);

  const noGrace = await createLocalServer({ port: 0, graceMs: 0 });
  try {
    const owner = await TestClient.login(noGrace, 'ng-owner');
    const other = await TestClient.login(noGrace, 'ng-other');
    await owner.request('group-create', { groupId: 'ng' });
    await other.request('group-join', { groupId: 'ng' });
    other.socket.terminate();
    await owner.waitFor('group-member-quit', (p) => p.userId === 'ng-other');
    assert.equal(noGrace.stats().usersAway, 0);
    await owner.close();
  } finally {
    await noGrace.close();
  }
  // Connections closed by the server's own shutdown are not kept.
  const closing = await createLocalServer({ port: 0, graceMs: 60_000 });
  const stays = await TestClient.login(closing, 'cl-user');
  await stays.request('group-create', { groupId: 'cl' });
  await closing.close();
  assert.equal((await stays.closed).code, 1001);
  assert.equal(closing.stats().usersAway, 0);

  for (const graceMs of [-1, Number.NaN, 2 ** 31]) {
    await assert.rejects(createLocalServer({ port: 0, graceMs }), (err: { code?: number }) => err.code === ErrorCode.INVALID_ARGUMENT);
  }
});
