import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { events, expectVideoPlaying, useStack, statusText, waitForEvent, waitUntil } from './harness.js';

describe('a first live room, end to end over real WebRTC', () => {
  const stack = useStack();

  it('anchor goes live, two viewers watch, the anchor sees them, destroy reaches both', async () => {
    const room = 4000 + Math.floor(Math.random() * 1000);
    const anchor = await stack.open(`anchor.html?room=${room}&user=anchor_a`);
    const liveRoom = anchor.locator('live-room');
    const goLive = liveRoom.getByRole('button', { name: 'Go live' });
    await goLive.waitFor();
    await waitUntil(anchor, async () => (await statusText(anchor)) === 'Preview', 'the anchor preview');
    await goLive.click();
    await waitUntil(anchor, async () => (await statusText(anchor)) === 'Live', 'the anchor to be live');
    const entered = await waitForEvent(anchor, 'enter-room');
    assert.ok(entered.result > 0, `onEnterRoom gives the time taken, got ${entered.result}`);

    const viewers: Page[] = [];
    for (const id of ['viewer_1', 'viewer_2']) viewers.push(await stack.open(`viewer.html?room=${room}&user=${id}`));
    for (const viewer of viewers) {
      const anchorEnter = await waitForEvent(viewer, 'anchor-enter');
      assert.equal(anchorEnter.userId, 'anchor_a');
      const playing = await expectVideoPlaying(viewer, 'anchor_a');
      assert.ok(playing.width > 0);
      assert.equal(await statusText(viewer), 'Live');
    }

    for (const id of ['viewer_1', 'viewer_2']) await waitForEvent(anchor, 'audience-enter', (d) => d.userInfo.userId === id);
    await waitUntil(anchor, async () => (await liveRoom.locator('[part~="count"]').textContent())?.includes('3 watching') ?? false, 'the count to show 3');

    await liveRoom.getByRole('button', { name: 'End live' }).click();
    for (const viewer of viewers) {
      const destroyed = await waitForEvent(viewer, 'room-destroy');
      assert.equal(destroyed.roomId.id, room);
      await waitUntil(viewer, async () => (await statusText(viewer)) === 'The live has ended.', 'the ended message');
      assert.equal((await events(viewer, 'room-destroy')).length, 1, 'room-destroy fires once');
    }
  });

  it('the same user logging in on a second page kicks the first, which says why', async () => {
    const room = 5000 + Math.floor(Math.random() * 1000);
    const anchor = await stack.open(`anchor.html?room=${room}&user=anchor_k`);
    await waitUntil(anchor, async () => (await statusText(anchor)) === 'Preview', 'the anchor preview');
    await anchor.locator('live-room').getByRole('button', { name: 'Go live' }).click();
    await waitForEvent(anchor, 'enter-room');
    const first = await stack.open(`viewer.html?room=${room}&user=twin`);
    await expectVideoPlaying(first, 'anchor_k');
    const second = await stack.open(`viewer.html?room=${room}&user=twin`);
    await expectVideoPlaying(second, 'anchor_k');
    const kicked = await waitForEvent(first, 'kicked-offline');
    assert.equal(kicked.reason, 'duplicate-login');
    await waitUntil(first, async () => (await statusText(first)).includes('logged in elsewhere'), 'the kicked message');
    assert.equal((await events(second, 'kicked-offline')).length, 0);
  });
});
