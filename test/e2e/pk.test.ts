import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callStore, expectVideoPlaying, goLive, hasTile, randomRoom, roomState, useStack, waitForEvent, waitUntil, watch } from './harness.js';

describe('cross-room PK over real WebRTC', () => {
  const stack = useStack();

  it('two anchors PK: each anchor and a viewer of each room play both anchors, gifts feed the score, quit ends it', async () => {
    const roomA = randomRoom();
    const roomB = roomA + 1;
    const a = await goLive(stack, roomA, 'pk_a');
    const b = await goLive(stack, roomB, 'pk_b');
    const va = await watch(stack, roomA, 'fan_a');
    const vb = await watch(stack, roomB, 'fan_b');

    const asked = callStore(a, 'requestRoomPK', { kind: 'numeric', id: roomB }, 'pk_b');
    const incoming = await waitForEvent(b, 'request-room-pk');
    assert.equal(incoming.userId, 'pk_a');
    assert.deepEqual(incoming.roomId, { kind: 'numeric', id: roomA });
    assert.equal(await callStore(b, 'responseRoomPK', 'pk_a', true), null);
    assert.deepEqual(await asked, { accepted: true });
    await waitForEvent(a, 'room-pk-accepted');

    await expectVideoPlaying(a, 'pk_b');
    await expectVideoPlaying(b, 'pk_a');
    for (const [viewer, ids] of [[va, ['pk_a', 'pk_b']], [vb, ['pk_b', 'pk_a']]] as const) {
      for (const id of ids) await expectVideoPlaying(viewer, id);
    }
    await waitUntil(a, async () => (await roomState(a)).pk.state === 'active', 'A to be in the PK');
    await waitUntil(b, async () => (await roomState(b)).pk.state === 'active', 'B to be in the PK');

    for (let i = 0; i < 3; i++) assert.equal(await callStore(va, 'sendGift', 'rocket', 1, 10), null);
    await waitUntil(a, async () => (await roomState(a)).pk.score.home === 30, "A's score to reach 30");
    await waitUntil(b, async () => (await roomState(b)).pk.score.away === 30, "B to see A's 30");
    await waitUntil(vb, async () => (await roomState(vb)).pk.score.away === 30, "B's audience to see A's 30");
    await waitUntil(va, async () => (await roomState(va)).pk.score.home === 30, "A's audience to see 30");

    assert.equal(await callStore(a, 'quitRoomPK'), null);
    await waitForEvent(b, 'quit-room-pk');
    for (const [page, guest] of [[a, 'pk_b'], [va, 'pk_b'], [b, 'pk_a'], [vb, 'pk_a']] as const) {
      await waitUntil(page, async () => !(await hasTile(page, guest)), `${guest} to leave the stage`);
    }
    await waitUntil(vb, async () => (await roomState(vb)).pk.state === 'idle', "B's audience to see the PK end");
    await expectVideoPlaying(vb, 'pk_b');
  });

  it('a rejected PK says so and links nothing', async () => {
    const roomA = randomRoom();
    const a = await goLive(stack, roomA, 'pk_c');
    const b = await goLive(stack, roomA + 1, 'pk_d');
    const asked = callStore(a, 'requestRoomPK', { kind: 'numeric', id: roomA + 1 }, 'pk_d');
    await waitForEvent(b, 'request-room-pk');
    await callStore(b, 'responseRoomPK', 'pk_c', false);
    assert.deepEqual(await asked, { accepted: false, reason: 'rejected' });
    await waitForEvent(a, 'room-pk-rejected');
    assert.equal(await hasTile(a, 'pk_d'), false);
    const forged = await callStore(b, 'responseRoomPK', 'pk_c', true);
    assert.equal(forged.error.code, 61014, 'no request left to answer');
  });
});
