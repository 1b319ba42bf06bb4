import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { groupIdForRoom, numericRoom } from '../../src/core/validation.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { expectCode, settle, sleep, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0 });
});
after(() => server.close());

const text = (t: string) => ({ type: 'text' as const, text: t });

/** A group with an owner and members, everyone logged in. */
async function group(groupId: string, ownerId: string, memberIds: string[]): Promise<TestClient[]> {
  const owner = await TestClient.login(server, ownerId);
  await owner.request('group-create', { groupId });
  const members: TestClient[] = [];
  for (const id of memberIds) {
    const c = await TestClient.login(server, id);
    await c.request('group-join', { groupId });
    members.push(c);
  }
  return [owner, ...members];
}

test('mute a member: their sends fail with 62014, others’ work; a rejoin sees the mute; 0 unmutes', async () => {
  const groupId = 'mod-mute';
  const [owner, loud, quiet] = await group(groupId, 'm-owner', ['m-loud', 'm-quiet']);
  const before = Date.now();
  const { mutedUntil } = await owner!.request('group-mute-member', { groupId, userId: 'm-loud', seconds: 60 });
  assert.ok(mutedUntil >= before + 60_000 && mutedUntil <= Date.now() + 60_000);
  for (const c of [owner!, loud!, quiet!]) {
    assert.deepEqual(await c.waitFor('group-member-muted'), { ev: 'group-member-muted', groupId, userId: 'm-loud', mutedUntil });
  }
  const err = await expectCode(loud!.request('group-send', { groupId, priority: 'normal', body: text('hey') }), ErrorCode.MUTED);
  assert.match(err.message, /(59|60) more seconds/);
  await quiet!.request('group-send', { groupId, priority: 'normal', body: text('fine') });
  await owner!.waitFor('group-message', (p) => p.from.userId === 'm-quiet');
  await settle(owner!, quiet!);
  const fromLoud = [...owner!.allPushes, ...quiet!.allPushes].filter((p) => p.ev === 'group-message' && p.from.userId === 'm-loud');
  assert.equal(fromLoud.length, 0, 'the muted message went nowhere');

  await loud!.request('group-quit', { groupId });
  const rejoined = await loud!.request('group-join', { groupId });
  assert.equal(rejoined.group.selfMutedUntil, mutedUntil);
  assert.equal((await quiet!.request('group-join', { groupId })).group.selfMutedUntil, 0);

  assert.deepEqual(await owner!.request('group-mute-member', { groupId, userId: 'm-loud', seconds: 0 }), { mutedUntil: 0 });
  await loud!.waitFor('group-member-muted', (p) => p.mutedUntil === 0);
  await loud!.request('group-send', { groupId, priority: 'normal', body: text('back') });

  // Validation and targets.
  for (const seconds of [-1, 2592001, 1.5, '10']) {
    await expectCode(owner!.requestRaw('group-mute-member', { groupId, userId: 'm-loud', seconds }), ErrorCode.INVALID_ARGUMENT);
  }
  await owner!.request('group-mute-member', { groupId, userId: 'm-loud', seconds: 2592000 });
  await expectCode(owner!.request('group-mute-member', { groupId, userId: 'm-stranger', seconds: 5 }), ErrorCode.USER_NOT_FOUND);
  await expectCode(owner!.request('group-mute-member', { groupId: 'no-such-group', userId: 'm-loud', seconds: 5 }), ErrorCode.ROOM_NOT_FOUND);
  await Promise.all([owner!.close(), loud!.close(), quiet!.close()]);
});

test('mute-all blocks members but not the owner or admins; admins cannot act on the owner or each other', async () => {
  const groupId = 'mod-all';
  const [owner, admin, admin2, member] = await group(groupId, 'x-owner', ['x-admin', 'x-admin2', 'x-member']);
  await owner!.request('group-set-admin', { groupId, userId: 'x-admin', admin: true });
  await owner!.request('group-set-admin', { groupId, userId: 'x-admin2', admin: true });
  assert.deepEqual((await member!.waitFor('group-admins', (p) => p.admins.length === 2)).admins.sort(), ['x-admin', 'x-admin2']);
  await expectCode(admin!.request('group-set-admin', { groupId, userId: 'x-member', admin: true }), ErrorCode.NOT_ALLOWED);
  await expectCode(owner!.request('group-set-admin', { groupId, userId: 'x-nobody', admin: true }), ErrorCode.USER_NOT_FOUND);

  await admin!.request('group-mute-all', { groupId, mute: true });
  for (const c of [owner!, admin!, admin2!, member!]) {
    assert.deepEqual(await c.waitFor('group-mute-all'), { ev: 'group-mute-all', groupId, mute: true });
  }
  const [info] = (await member!.request('group-info', { groupIds: [groupId] })).groups;
  assert.equal(info!.mutedAll, true);
  assert.deepEqual(info!.admins.sort(), ['x-admin', 'x-admin2']);

  const err = await expectCode(member!.request('group-send', { groupId, priority: 'normal', body: text('hi') }), ErrorCode.MUTED);
  assert.match(err.message, /until the host unmutes everyone/);
  await owner!.request('group-send', { groupId, priority: 'normal', body: text('owner speaks') });
  await admin!.request('group-send', { groupId, priority: 'normal', body: text('admin speaks') });
  await member!.waitFor('group-message', (p) => p.from.userId === 'x-admin');

  // An admin may mute a member, not the owner nor another admin.
  await expectCode(admin!.request('group-mute-member', { groupId, userId: 'x-owner', seconds: 10 }), ErrorCode.NOT_ALLOWED);
  await expectCode(admin!.request('group-mute-member', { groupId, userId: 'x-admin2', seconds: 10 }), ErrorCode.NOT_ALLOWED);
  await expectCode(admin!.request('group-remove-member', { groupId, userId: 'x-admin2', banSeconds: 0 }), ErrorCode.NOT_ALLOWED);
  await admin!.request('group-mute-member', { groupId, userId: 'x-member', seconds: 10 });

  await owner!.request('group-mute-all', { groupId, mute: false });
  await member!.waitFor('group-mute-all', (p) => !p.mute);
  await expectCode(member!.request('group-send', { groupId, priority: 'normal', body: text('hi') }), ErrorCode.MUTED);
  await admin!.request('group-mute-member', { groupId, userId: 'x-member', seconds: 0 });
  await member!.request('group-send', { groupId, priority: 'normal', body: text('hi') });
  await Promise.all([owner!.close(), admin!.close(), admin2!.close(), member!.close()]);
});

test('remove with a ban: the user is told, leaves the media room, is refused until the ban ends', async () => {
  const room = numericRoom(4001);
  const groupId = groupIdForRoom(room);
  const [owner, bad, stay] = await group(groupId, 'r-owner', ['r-bad', 'r-stay']);
  await owner!.request('media-join', { room, role: 'anchor', scene: 'live' });
  for (const c of [bad!, stay!]) await c.request('media-join', { room, role: 'audience', scene: 'live' });
  await owner!.request('media-grant', { userId: 'r-bad', allow: true });
  await bad!.request('media-switch-role', { role: 'anchor' });
  await bad!.request('media-publish', { audio: true, video: true });
  await stay!.waitFor('media-user-update', (p) => p.user.userId === 'r-bad');

  await owner!.request('group-remove-member', { groupId, userId: 'r-bad', banSeconds: 1 });
  const removed = await bad!.waitFor('group-member-removed');
  assert.equal(removed.userId, 'r-bad');
  assert.equal(removed.memberCount, 2);
  assert.ok(removed.bannedUntil > Date.now());
  for (const c of [owner!, stay!]) {
    assert.deepEqual(await c.waitFor('group-member-removed'), removed);
    await c.waitFor('media-user-exit', (p) => p.userId === 'r-bad');
  }
  const media = server.mediaRooms.get(room)!;
  assert.equal(media.members.has('r-bad'), false);
  assert.equal(media.grants.has('r-bad'), false, 'the co-anchor grant went with the removal');
  await expectCode(bad!.request('group-send', { groupId, priority: 'normal', body: text('x') }), ErrorCode.NOT_ALLOWED);

  const banned = await expectCode(bad!.request('group-join', { groupId }), ErrorCode.BANNED);
  assert.match(banned.message, /1 second/);
  await expectCode(bad!.request('media-join', { room, role: 'audience', scene: 'live' }), ErrorCode.BANNED);
  await expectCode(owner!.request('group-remove-member', { groupId, userId: 'r-bad', banSeconds: 1 }), ErrorCode.USER_NOT_FOUND);

  await sleep(1100);
  const back = await bad!.request('group-join', { groupId });
  assert.equal(back.group.memberCount, 3);
  await bad!.request('media-join', { room, role: 'audience', scene: 'live' });
  await expectCode(bad!.request('media-switch-role', { role: 'anchor' }), ErrorCode.NOT_ALLOWED);

  // banSeconds 0: removed, may come back at once.
  await owner!.request('group-remove-member', { groupId, userId: 'r-stay', banSeconds: 0 });
  assert.equal((await stay!.waitFor('group-member-removed')).bannedUntil, 0);
  await stay!.request('group-join', { groupId });
  await Promise.all([owner!.close(), bad!.close(), stay!.close()]);
});

test('an audience member cannot moderate; attributes: admins may set them, known keys are checked', async () => {
  const groupId = 'mod-attrs';
  const [owner, admin, viewer] = await group(groupId, 't-owner', ['t-admin', 't-viewer']);
  await expectCode(viewer!.request('group-mute-member', { groupId, userId: 't-admin', seconds: 5 }), ErrorCode.NOT_ALLOWED);
  await expectCode(viewer!.request('group-mute-all', { groupId, mute: true }), ErrorCode.NOT_ALLOWED);
  await expectCode(viewer!.request('group-remove-member', { groupId, userId: 't-admin', banSeconds: 5 }), ErrorCode.NOT_ALLOWED);
  await expectCode(viewer!.request('group-set-admin', { groupId, userId: 'the-viewer', admin: true }), ErrorCode.NOT_ALLOWED);
  await expectCode(viewer!.request('group-set-attributes', { groupId, attributes: { notice: 'mine' } }), ErrorCode.NOT_ALLOWED);
  await settle(owner!, admin!);
  assert.equal(owner!.pushes.filter((p) => p.ev !== 'group-member-join').length, 0);

  await expectCode(admin!.request('group-set-attributes', { groupId, attributes: { notice: 'x' } }), ErrorCode.NOT_ALLOWED);
  await owner!.request('group-set-admin', { groupId, userId: 't-admin', admin: true });
  await admin!.request('group-set-attributes', { groupId, attributes: { notice: 'n'.repeat(300), intro: 'i'.repeat(240), status: 'live' } });
  await viewer!.waitFor('group-attributes', (p) => p.attributes['status'] === 'live');

  await expectCode(owner!.request('group-set-attributes', { groupId, attributes: { status: 'pk' } }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(owner!.request('group-set-attributes', { groupId, attributes: { notice: 'n'.repeat(301) } }), ErrorCode.TEXT_TOO_LONG);
  await expectCode(owner!.request('group-set-attributes', { groupId, attributes: { notice: '字'.repeat(101) } }), ErrorCode.TEXT_TOO_LONG);
  await expectCode(owner!.request('group-set-attributes', { groupId, attributes: { intro: 'i'.repeat(241) } }), ErrorCode.TEXT_TOO_LONG);
  await owner!.request('group-set-attributes', { groupId, attributes: { other: 'o'.repeat(1000) } });
  for (const status of ['idle', 'paused', 'ended']) await owner!.request('group-set-attributes', { groupId, attributes: { status } });
  const [info] = (await viewer!.request('group-info', { groupIds: [groupId] })).groups;
  assert.equal(info!.attributes['status'], 'ended');
  assert.equal(info!.attributes['notice'], 'n'.repeat(300));
  await Promise.all([owner!.close(), admin!.close(), viewer!.close()]);
});
