import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { MAX_FRAME_BYTES } from '../../src/core/protocol/local-wire.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { expectCode, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0 });
});
after(() => server.close());

test('malformed frames get typed error replies and the connection stays usable', async () => {
  const c = await TestClient.login(server, 'fuzzer');
  await c.request('group-create', { groupId: 'fuzz' });

  for (const raw of ['not json', '[1,2,3]', '"text"', 'null', '{"op":"group-info","groupIds":[]}', '{"id":"7","op":"logout"}', '{"id":-3,"op":"logout"}']) {
    c.sendRaw(raw);
    const reply = await c.waitForReply(-1);
    assert.equal(reply.ok, false, raw);
    assert.equal(reply.error?.code, ErrorCode.MALFORMED_MESSAGE, raw);
  }
  c.sendRaw(Buffer.from([1, 2, 3]));
  assert.equal((await c.waitForReply(-1)).error?.code, ErrorCode.MALFORMED_MESSAGE);

  await expectCode(c.requestRaw('no-such-op'), ErrorCode.UNKNOWN_OPERATION);
  await expectCode(c.requestRaw('toString'), ErrorCode.UNKNOWN_OPERATION);
  await expectCode(c.requestRaw('__proto__'), ErrorCode.UNKNOWN_OPERATION);
  c.sendRaw(JSON.stringify({ id: 999 }));
  assert.equal((await c.waitForReply(999)).error?.code, ErrorCode.MALFORMED_MESSAGE);

  // Wrong types.
  await expectCode(c.requestRaw('media-publish', { audio: 'yes', video: true }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('media-join', { room: { kind: 'numeric', id: 5 }, role: 'king', scene: 'live' }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('media-join', { room: { kind: 'numeric', id: 5 }, role: 'anchor', scene: 'party' }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('group-send', { groupId: 'fuzz', priority: 'urgent', body: { type: 'text', text: 'x' } }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('group-send', { groupId: 'fuzz', priority: 'normal', body: 'x' }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('group-send', { groupId: 'fuzz', priority: 'normal', body: { type: 'text', text: 5 } }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('group-join', { groupId: 'bad group id' }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('group-join', { groupId: 'g'.repeat(49) }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('group-info', { groupIds: 'fuzz' }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('group-set-attributes', { groupId: 'fuzz', attributes: { a: 1 } }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('c2c-send', { to: 'bad id!', data: 'x' }), ErrorCode.INVALID_USER_ID);
  await expectCode(c.requestRaw('signal', { to: 'someone', data: { type: 'offer', sdp: 5, pcId: 'p' } }), ErrorCode.INVALID_ARGUMENT);
  await expectCode(c.requestRaw('signal', { to: 'someone', data: { type: 'bogus' } }), ErrorCode.INVALID_ARGUMENT);

  // Oversized text.
  await expectCode(c.request('group-send', { groupId: 'fuzz', priority: 'normal', body: { type: 'text', text: 'x'.repeat(1025) } }), ErrorCode.TEXT_TOO_LONG);
  await expectCode(c.request('group-send', { groupId: 'fuzz', priority: 'normal', body: { type: 'text', text: '字'.repeat(342) } }), ErrorCode.TEXT_TOO_LONG);
  await expectCode(c.request('group-send', { groupId: 'fuzz', priority: 'normal', body: { type: 'custom', data: 'x'.repeat(8 * 1024 + 1) } }), ErrorCode.TEXT_TOO_LONG);
  await expectCode(c.request('set-profile', { nickname: 'n'.repeat(65) }), ErrorCode.TEXT_TOO_LONG);
  await expectCode(c.request('set-profile', { avatar: 'a'.repeat(513) }), ErrorCode.TEXT_TOO_LONG);
  await expectCode(c.request('group-create', { groupId: 'fuzz2', name: 'n'.repeat(101) }), ErrorCode.TEXT_TOO_LONG);
  await expectCode(c.request('group-create', { groupId: 'fuzz2', cover: 'c'.repeat(513) }), ErrorCode.TEXT_TOO_LONG);
  await expectCode(c.request('signal', { to: 'someone', data: { type: 'offer', sdp: 'x'.repeat(32 * 1024 + 1), pcId: 'p' } }), ErrorCode.TEXT_TOO_LONG);

  // Still usable, and the maximum sizes pass.
  const ok = await c.request('group-send', { groupId: 'fuzz', priority: 'normal', body: { type: 'text', text: 'x'.repeat(1024) } });
  assert.equal(ok.seq, 1);
  const profile = await c.request('set-profile', { nickname: 'n'.repeat(64) });
  assert.equal(profile.user.nickname, 'n'.repeat(64));
  await c.close();
});

test('a group-send from a non-member is refused', async () => {
  const owner = await TestClient.login(server, 'gowner');
  const stranger = await TestClient.login(server, 'stranger');
  await owner.request('group-create', { groupId: 'private' });
  await expectCode(
    stranger.request('group-send', { groupId: 'private', priority: 'normal', body: { type: 'text', text: 'let me in' } }),
    ErrorCode.NOT_ALLOWED,
  );
  await expectCode(
    stranger.request('group-send', { groupId: 'missing', priority: 'normal', body: { type: 'text', text: 'x' } }),
    ErrorCode.ROOM_NOT_FOUND,
  );
  assert.equal(owner.unclaimed('group-message').length, 0);
  await Promise.all([owner.close(), stranger.close()]);
});

test('a frame over MAX_FRAME_BYTES closes the socket with 1009; the server carries on', async () => {
  const c = await TestClient.login(server, 'bigsender');
  c.sendRaw(JSON.stringify({ id: 1, op: 'c2c-send', to: 'x', data: 'x'.repeat(MAX_FRAME_BYTES) }));
  const closed = await c.closed;
  assert.equal(closed.code, 1009);
  const again = await TestClient.login(server, 'bigsender');
  await again.request('group-info', { groupIds: [] });
  await again.close();
});
