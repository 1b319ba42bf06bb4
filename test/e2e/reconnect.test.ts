import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callStore, expectVideoPlaying, goLive, randomRoom, roomState, useStack, statusText, waitForEvent, waitUntil, watch } from './harness.js';

describe('reconnection and resync', () => {
  const stack = useStack();

  it('the server restarts during a live room with a co-anchor and two viewers: all recover within 5 s, video plays, chat works', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'r_host');
    await callStore(anchor, 'updateRoomNotice', 'Back soon');
    const co = await watch(stack, room, 'r_co');
    const v2 = await watch(stack, room, 'r_v2');
    const asked = callStore(co, 'requestJoinAnchor');
    await waitForEvent(anchor, 'request-join-anchor');
    await callStore(anchor, 'responseJoinAnchor', 'r_co', true);
    assert.deepEqual(await asked, { accepted: true });
    await expectVideoPlaying(v2, 'r_co');
    await expectVideoPlaying(v2, 'r_host');

    await stack.restartServer(1500);
    const back = Date.now();
    for (const page of [anchor, co, v2]) {
      await waitUntil(page, async () => (await roomState(page)).connection === 'connected' && (await roomState(page)).phase === 'in-room', 'the page to reconnect', 5000);
    }
    // The restarted server lost the co-anchor's permission: they are audience again, watching.
    await waitUntil(co, async () => (await roomState(co)).role === 'audience', 'the co-anchor to be audience again', 5000);
    await expectVideoPlaying(v2, 'r_host', 5000);
    await expectVideoPlaying(co, 'r_host', 5000);
    assert.ok(Date.now() - back < 10_000, 'recovered promptly');
    assert.equal(await statusText(anchor), 'Live');
    await waitUntil(v2, async () => (await roomState(v2)).notice === 'Back soon', 'the notice to be back', 5000);

    assert.equal(await callStore(v2, 'sendRoomTextMsg', 'still here'), null);
    await waitForEvent(anchor, 'recv-room-text-msg', (d) => d.message === 'still here', 5000);
    assert.equal(await callStore(anchor, 'sendRoomTextMsg', 'welcome back'), null);
    await waitForEvent(v2, 'recv-room-text-msg', (d) => d.message === 'welcome back', 5000);
  });

  it('a message sent while the server is down is sent once it is back, not twice', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'r_host2');
    const v1 = await watch(stack, room, 'r_v1');
    const restarting = stack.restartServer(1500);
    await waitUntil(v1, async () => (await roomState(v1)).connection === 'reconnecting', 'v1 to notice', 5000);
    const sending = callStore(v1, 'sendRoomTextMsg', 'sent while away');
    await restarting;
    assert.equal(await sending, null);
    await waitForEvent(anchor, 'recv-room-text-msg', (d) => d.message === 'sent while away', 8000);
    await anchor.waitForTimeout(1000);
    const got = await anchor.evaluate(() => (window as unknown as { __events: Array<{ type: string; detail: { message: string } }> }).__events.filter((e) => e.type === 'recv-room-text-msg' && e.detail.message === 'sent while away').length);
    assert.equal(got, 1);
  });
});
