import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { stringRoom } from '../../src/core/validation.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { MediaLimits } from '../media-rooms.js';
import { TestClient } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0 });
});
after(async () => {
  await server.close();
});

test(`a call room takes at most ${MediaLimits.callRoomUsers} users; the next one is refused in words`, async () => {
  const room = stringRoom('crowded-call');
  const clients: TestClient[] = [];
  // Log in and join in batches: 300 sockets on a 2-core machine.
  for (let start = 0; start < MediaLimits.callRoomUsers; start += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, MediaLimits.callRoomUsers - start) }, (_, i) => TestClient.login(server, `caller${start + i}`)));
    await Promise.all(batch.map((c) => c.request('media-join', { room, role: 'anchor', scene: 'audio-call' })));
    clients.push(...batch);
  }
  const extra = await TestClient.login(server, 'one_too_many');
  await assert.rejects(extra.request('media-join', { room, role: 'anchor', scene: 'audio-call' }), (error: { code?: number; message?: string }) => {
    assert.equal(error.code, ErrorCode.NOT_ALLOWED);
    assert.match(String(error.message), /300/);
    return true;
  });
  await clients[0]!.request('media-leave', {});
  await extra.request('media-join', { room, role: 'anchor', scene: 'audio-call' });
  await Promise.all([...clients, extra].map((c) => c.close()));
});
