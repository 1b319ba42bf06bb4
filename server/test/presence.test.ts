import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { groupIdForRoom, numericRoom } from '../../src/core/validation.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { expectCode, settle, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  // A dropped connection leaves after a short grace period here (grace.test.ts covers the period itself).
  server = await createLocalServer({ port: 0, graceMs: 100 });
});
after(() => server.close());

test('presence: group joins and quits, member paging, owner leaving, dismissal', async () => {
  const room = numericRoom(555);
  const groupId = groupIdForRoom(room);
  const anchor = await TestClient.login(server, 'host', { nickname: 'The Host' });
  const created = await anchor.request('group-create', { groupId, name: 'Show' });
  assert.equal(created.group.ownerId, 'host');
  assert.equal(created.group.memberCount, 1);
  await anchor.request('media-join', { room, role: 'anchor', scene: 'live' });

  const v1 = await TestClient.login(server, 'v1', { nickname: 'Viewer One' });
  const v2 = await TestClient.login(server, 'v2');
  for (const v of [v1, v2]) {
    await v.request('group-join', { groupId });
    const media = await v.request('media-join', { room, role: 'audience', scene: 'live' });
    assert.deepEqual(media.users.map((u) => u.userId), ['host']);
  }
  const j1 = await anchor.waitFor('group-member-join', (p) => p.member.userId === 'v1');
  const j2 = await anchor.waitFor('group-member-join', (p) => p.member.userId === 'v2');
  assert.equal(j1.memberCount, 2);
  assert.equal(j2.memberCount, 3);
  assert.equal(j1.member.nickname, 'Viewer One');
  assert.equal(j2.member.nickname, 'v2', 'the default nickname is the user id');
  await v1.waitFor('group-member-join', (p) => p.member.userId === 'v2' && p.memberCount === 3);
  await settle(anchor);
  assert.equal(anchor.unclaimed('media-user-enter').length, 0, 'audience do not appear on media');

  // Joining twice is a no-op success.
  const again = await v1.request('group-join', { groupId });
  assert.equal(again.group.memberCount, 3);

  // Paging: most recent first.
  const p1 = await anchor.request('group-members', { groupId, nextSeq: 0, count: 2 });
  assert.deepEqual(p1.members.map((m) => m.userId), ['v2', 'v1']);
  assert.notEqual(p1.nextSeq, 0);
  const p2 = await anchor.request('group-members', { groupId, nextSeq: p1.nextSeq, count: 2 });
  assert.deepEqual(p2.members.map((m) => m.userId), ['host']);
  assert.equal(p2.nextSeq, 0);
  const all = await anchor.request('group-members', { groupId, nextSeq: 0, count: 100 });
  assert.deepEqual(all.members.map((m) => m.userId), ['v2', 'v1', 'host']);
  assert.equal(all.nextSeq, 0);
  await expectCode(anchor.request('group-members', { groupId, nextSeq: 0, count: 0 }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(anchor.request('group-members', { groupId, nextSeq: 0, count: 101 }), ErrorCode.INVALID_ARGUMENT);

  // Quit.
  await v2.request('group-quit', { groupId });
  const quit = await anchor.waitFor('group-member-quit');
  assert.deepEqual(quit, { ev: 'group-member-quit', groupId, userId: 'v2', memberCount: 2 });
  await v1.waitFor('group-member-quit', (p) => p.userId === 'v2');
  await expectCode(v2.request('group-quit', { groupId }), ErrorCode.NOT_IN_ROOM);

  // The owner leaves media: the room closes for everyone left.
  await anchor.request('media-leave', {});
  const closed1 = await v1.waitFor('media-room-closed');
  assert.equal(closed1.reason, 'owner-left');
  const closed2 = await v2.waitFor('media-room-closed');
  assert.equal(closed2.reason, 'owner-left');
  assert.equal(server.mediaRooms.get(room), undefined);
  await expectCode(v1.request('media-publish', { audio: true, video: true }), ErrorCode.NOT_IN_ROOM);

  // Only the owner may dismiss; members get group-dismissed.
  await expectCode(v1.request('group-dismiss', { groupId }), ErrorCode.NOT_ALLOWED);
  await anchor.request('group-dismiss', { groupId });
  const dismissed = await v1.waitFor('group-dismissed');
  assert.equal(dismissed.groupId, groupId);
  await settle(v2);
  assert.equal(v2.unclaimed('group-dismissed').length, 0, 'a former member is not told');
  const info = await v1.request('group-info', { groupIds: [groupId] });
  assert.deepEqual(info.groups, []);
  await expectCode(v1.request('group-join', { groupId }), ErrorCode.ROOM_NOT_FOUND);

  await Promise.all([anchor.close(), v1.close(), v2.close()]);
});

test('disconnecting leaves groups and closes an owned live room after the grace period; the group stays', async () => {
  const room = numericRoom(556);
  const groupId = groupIdForRoom(room);
  const anchor = await TestClient.login(server, 'host2');
  const viewer = await TestClient.login(server, 'viewer');
  await anchor.request('group-create', { groupId });
  await anchor.request('media-join', { room, role: 'anchor', scene: 'live' });
  await viewer.request('group-join', { groupId });
  await viewer.request('media-join', { room, role: 'audience', scene: 'live' });
  await anchor.close();
  assert.equal((await viewer.waitFor('group-member-quit')).memberCount, 1);
  assert.equal((await viewer.waitFor('media-room-closed')).reason, 'owner-left');
  const info = await viewer.request('group-info', { groupIds: [groupId, 'missing'] });
  assert.deepEqual(info.groups.map((g) => [g.groupId, g.ownerId, g.memberCount]), [[groupId, 'host2', 1]]);

  // The owner comes back: group-create is idempotent and makes them a member again.
  const back = await TestClient.login(server, 'host2');
  const recreated = await back.request('group-create', { groupId });
  assert.equal(recreated.group.memberCount, 2);
  await viewer.waitFor('group-member-join', (p) => p.member.userId === 'host2');
  await expectCode(viewer.request('group-create', { groupId }), ErrorCode.ROOM_EXISTS);
  await Promise.all([back.close(), viewer.close()]);
});

test('messages, attributes and C2C', async () => {
  const owner = await TestClient.login(server, 'owner', { nickname: 'Owner' });
  const member = await TestClient.login(server, 'member');
  const outsider = await TestClient.login(server, 'outsider');
  const groupId = 'chat-1';
  await owner.request('group-create', { groupId, name: 'Chat', cover: 'https://example.com/c.png' });
  await member.request('group-join', { groupId });

  const sent = await member.request('group-send', { groupId, priority: 'high', body: { type: 'text', text: 'hello' } });
  const sent2 = await owner.request('group-send', { groupId, priority: 'low', body: { type: 'custom', data: '{"x":1}' } });
  assert.equal(sent2.seq, sent.seq + 1);
  for (const c of [owner, member]) {
    const m1 = await c.waitFor('group-message', (p) => p.seq === sent.seq);
    assert.deepEqual(m1.from, { userId: 'member', nickname: 'member', avatar: '' });
    assert.deepEqual(m1.body, { type: 'text', text: 'hello' });
    assert.equal(m1.priority, 'high');
    assert.equal(m1.time, sent.time);
    const m2 = await c.waitFor('group-message', (p) => p.seq === sent2.seq);
    assert.equal(m2.from.nickname, 'Owner');
  }

  // `from` comes from the server, never from the arguments.
  await member.requestRaw('group-send', {
    groupId,
    priority: 'normal',
    body: { type: 'text', text: 'spoof' },
    from: { userId: 'owner', nickname: 'Owner', avatar: '' },
  });
  const spoof = await owner.waitFor('group-message', (p) => p.body.type === 'text' && p.body.text === 'spoof');
  assert.equal(spoof.from.userId, 'member');

  await expectCode(member.request('group-set-attributes', { groupId, attributes: { a: '1' } }), ErrorCode.NOT_ALLOWED);
  await owner.request('group-set-attributes', { groupId, attributes: { notice: 'hi', status: 'live' } });
  await owner.request('group-set-attributes', { groupId, attributes: { status: 'paused' } });
  const attrs = await member.waitFor('group-attributes', (p) => p.attributes['status'] === 'paused');
  assert.deepEqual(attrs.attributes, { notice: 'hi', status: 'paused' });
  const many = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, 'v']));
  await expectCode(owner.request('group-set-attributes', { groupId, attributes: many }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(owner.request('group-set-attributes', { groupId, attributes: { ['k'.repeat(33)]: 'v' } }), ErrorCode.TEXT_TOO_LONG);
  await expectCode(owner.request('group-set-attributes', { groupId, attributes: { big: 'v'.repeat(4097) } }), ErrorCode.TEXT_TOO_LONG);

  await expectCode(outsider.request('group-members', { groupId, nextSeq: 0, count: 10 }), ErrorCode.NOT_ALLOWED);

  const c2c = await outsider.request('c2c-send', { to: 'member', data: 'ping' });
  const got = await member.waitFor('c2c-message');
  assert.deepEqual(got, { ev: 'c2c-message', from: { userId: 'outsider', nickname: 'outsider', avatar: '' }, data: 'ping', time: c2c.time });
  await expectCode(outsider.request('c2c-send', { to: 'nobody', data: 'ping' }), ErrorCode.USER_NOT_FOUND);

  await Promise.all([owner.close(), member.close(), outsider.close()]);
});
