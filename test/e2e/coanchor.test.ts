import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callStore, expectVideoPlaying, goLive, hasTile, randomRoom, roomState, useStack, waitForEvent, waitUntil, watch } from './harness.js';

describe('co-anchoring over real WebRTC', () => {
  const stack = useStack();

  it('a viewer asks, the anchor accepts, everyone plays the co-anchor; a kick takes them off everywhere', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'host_c');
    const v1 = await watch(stack, room, 'guest_1');
    const v2 = await watch(stack, room, 'guest_2');
    await expectVideoPlaying(v1, 'host_c');

    const asked = callStore(v1, 'requestJoinAnchor');
    const request = await waitForEvent(anchor, 'request-join-anchor', (d) => d.userId === 'guest_1');
    assert.equal(request.userName, 'guest_1');
    await waitUntil(anchor, async () => (await roomState(anchor)).coanchor.queue.length === 1, 'the queue to show the request');
    assert.equal(await callStore(anchor, 'responseJoinAnchor', 'guest_1', true), null);
    assert.deepEqual(await asked, { accepted: true });
    await waitForEvent(v1, 'anchor-accepted');

    await waitForEvent(anchor, 'anchor-enter', (d) => d.userId === 'guest_1');
    await expectVideoPlaying(anchor, 'guest_1');
    await expectVideoPlaying(v2, 'guest_1');
    await expectVideoPlaying(v1, 'host_c');
    assert.equal((await roomState(v1)).role, 'anchor');

    assert.equal(await callStore(anchor, 'kickoutJoinAnchor', 'guest_1'), null);
    await waitForEvent(v1, 'kickout-join-anchor');
    await waitUntil(anchor, async () => !(await hasTile(anchor, 'guest_1')), 'guest_1 to leave the anchor stage');
    await waitUntil(v2, async () => !(await hasTile(v2, 'guest_1')), 'guest_1 to leave the other viewer stage');
    await waitUntil(v1, async () => (await roomState(v1)).role === 'audience' && !(await roomState(v1)).publishing, 'guest_1 to be audience again');
    await expectVideoPlaying(v1, 'host_c');
  });

  it('forged moves are refused by the server: a viewer answering a request, a viewer publishing unasked', async () => {
    const room = randomRoom();
    await goLive(stack, room, 'host_f');
    const v1 = await watch(stack, room, 'forger_1');
    const v2 = await watch(stack, room, 'hopeful_2');
    const forged = await callStore(v1, 'responseJoinAnchor', 'hopeful_2', true);
    assert.equal(forged.error.code, 62003, `a viewer cannot grant the stage: ${JSON.stringify(forged)}`);
    const publish = await v2.evaluate(async () => {
      const store = (document.querySelector('live-room') as unknown as { store: { session: { engines: { media: { publish(): Promise<void> } } } } }).store;
      try {
        await store.session.engines.media.publish();
        return null;
      } catch (error) {
        return (error as { code: number }).code;
      }
    });
    assert.equal(publish, 62007, 'an audience member cannot publish');
    const role = await v2.evaluate(async () => {
      const store = (document.querySelector('live-room') as unknown as { store: { session: { engines: { media: { switchRole(r: string): Promise<void> } } } } }).store;
      try {
        await store.session.engines.media.switchRole('anchor');
        return null;
      } catch (error) {
        return (error as { code: number }).code;
      }
    });
    assert.equal(role, 62003, 'an audience member cannot make themself an anchor');
  });

  it('a request times out, and seats limit who can come on stage', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'host_t');
    await callStore(anchor, 'setSeats', 0);
    const v1 = await watch(stack, room, 'waiter_1');
    const asked = callStore(v1, 'requestJoinAnchor', { timeoutMs: 1500 });
    await waitForEvent(anchor, 'request-join-anchor');
    await waitUntil(v1, async () => (await roomState(v1)).coanchor.self.seatsFull === true, 'the viewer to learn the seats are full');
    const full = await callStore(anchor, 'responseJoinAnchor', 'waiter_1', true);
    assert.equal(full.error.code, 62017);
    assert.deepEqual(await asked, { accepted: false, reason: 'timeout' });
    assert.equal((await roomState(v1)).coanchor.self.state, 'timeout');
    await waitForEvent(anchor, 'request-join-anchor-cancel', (d) => d.userId === 'waiter_1');
    assert.equal((await roomState(anchor)).coanchor.queue.length, 0);
  });
});
