import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { numericRoom } from '../../src/core/validation.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { expectCode, TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0 });
});
after(() => server.close());

test('signalling is relayed between a publisher and a subscriber in the same room', async () => {
  const room = numericRoom(777);
  const pub = await TestClient.login(server, 'pub');
  const sub = await TestClient.login(server, 'sub');
  await pub.request('media-join', { room, role: 'anchor', scene: 'live' });
  await sub.request('media-join', { room, role: 'audience', scene: 'live' });

  // Nobody publishes yet: refused.
  await expectCode(sub.request('signal', { to: 'pub', data: { type: 'subscribe' } }), ErrorCode.NOT_ALLOWED);
  await pub.request('media-publish', { audio: true, video: true });

  await sub.request('signal', { to: 'pub', data: { type: 'subscribe' } });
  assert.deepEqual(await pub.waitFor('signal'), { ev: 'signal', from: 'sub', data: { type: 'subscribe' } });

  await pub.request('signal', { to: 'sub', data: { type: 'offer', sdp: 'v=0 offer', pcId: 'pc-1' } });
  const offer = await sub.waitFor('signal');
  assert.deepEqual(offer, { ev: 'signal', from: 'pub', data: { type: 'offer', sdp: 'v=0 offer', pcId: 'pc-1' } });

  await sub.request('signal', { to: 'pub', data: { type: 'answer', sdp: 'v=0 answer', pcId: 'pc-1' } });
  assert.equal((await pub.waitFor('signal')).data.type, 'answer');

  const candidate = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host', sdpMid: '0', sdpMLineIndex: 0 };
  await sub.request('signal', { to: 'pub', data: { type: 'candidate', candidate, pcId: 'pc-1' } });
  assert.deepEqual((await pub.waitFor('signal')).data, { type: 'candidate', candidate, pcId: 'pc-1' });
  await pub.request('signal', { to: 'sub', data: { type: 'candidate', candidate: null, pcId: 'pc-1' } });
  assert.deepEqual((await sub.waitFor('signal')).data, { type: 'candidate', candidate: null, pcId: 'pc-1' });

  await sub.request('signal', { to: 'pub', data: { type: 'unsubscribe' } });
  assert.equal((await pub.waitFor('signal')).data.type, 'unsubscribe');
  await Promise.all([pub.close(), sub.close()]);
});

test('signalling to a user in another room, offline, or from outside a room is refused', async () => {
  const pub = await TestClient.login(server, 'pubA');
  const elsewhere = await TestClient.login(server, 'elsewhere');
  const lonely = await TestClient.login(server, 'lonely');
  await pub.request('media-join', { room: numericRoom(778), role: 'anchor', scene: 'live' });
  await pub.request('media-publish', { audio: true, video: true });
  await elsewhere.request('media-join', { room: numericRoom(779), role: 'anchor', scene: 'live' });
  await elsewhere.request('media-publish', { audio: true, video: true });

  await expectCode(pub.request('signal', { to: 'elsewhere', data: { type: 'offer', sdp: 'v=0', pcId: 'p' } }), ErrorCode.USER_NOT_FOUND);
  await expectCode(elsewhere.request('signal', { to: 'pubA', data: { type: 'subscribe' } }), ErrorCode.USER_NOT_FOUND);
  await expectCode(pub.request('signal', { to: 'ghost', data: { type: 'subscribe' } }), ErrorCode.USER_NOT_FOUND);
  await expectCode(lonely.request('signal', { to: 'pubA', data: { type: 'subscribe' } }), ErrorCode.NOT_IN_ROOM);
  assert.equal(elsewhere.unclaimed('signal').length + pub.unclaimed('signal').length, 0);
  await Promise.all([pub.close(), elsewhere.close(), lonely.close()]);
});
