import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { expectCode, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0 });
});
after(() => server.close());

test('numeric room 123 and string room "123" are different rooms', async () => {
  const a = await TestClient.login(server, 'ownerNum');
  const b = await TestClient.login(server, 'ownerStr');
  const before = server.stats().mediaRooms;
  const ra = await a.request('media-join', { room: { kind: 'numeric', id: 123 }, role: 'anchor', scene: 'live' });
  const rb = await b.request('media-join', { room: { kind: 'string', id: '123' }, role: 'anchor', scene: 'live' });
  assert.equal(ra.ownerId, 'ownerNum');
  assert.equal(rb.ownerId, 'ownerStr', 'the string room is a new room with its own owner');
  assert.deepEqual(rb.users, []);
  assert.equal(server.stats().mediaRooms, before + 2);
  assert.equal(a.unclaimed('media-user-enter').length, 0);
  await Promise.all([a.close(), b.close()]);
});

test('invalid room ids are refused with 61003', async () => {
  const c = await TestClient.login(server, 'roomTester');
  const bad: unknown[] = [
    { kind: 'numeric', id: 0 },
    { kind: 'numeric', id: 4294967296 },
    { kind: 'numeric', id: 1.5 },
    { kind: 'numeric', id: '123' },
    { kind: 'string', id: '' },
    { kind: 'string', id: 'x'.repeat(65) },
    { kind: 'string', id: 123 },
    123,
    '123',
    null,
  ];
  for (const room of bad) {
    await expectCode(c.requestRaw('media-join', { room, role: 'anchor', scene: 'live' }), ErrorCode.INVALID_ROOM_ID);
  }
  // The largest numeric id and a 64-byte string id are fine.
  await c.request('media-join', { room: { kind: 'numeric', id: 4294967295 }, role: 'anchor', scene: 'live' });
  await c.request('media-join', { room: { kind: 'string', id: 'y'.repeat(64) }, role: 'anchor', scene: 'live' });
  await c.close();
});
