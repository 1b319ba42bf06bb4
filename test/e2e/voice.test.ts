import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { callStore, inbound, randomRoom, roomState, useStack, statusText, waitForEvent, waitUntil } from './harness.js';

/** Whether the seat of `userId` shows the speaking ring on this page. */
async function speaking(page: Page, userId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const grid = document.querySelector('live-room')?.shadowRoot?.querySelector('live-seat-grid');
    return !!grid?.shadowRoot?.querySelector(`[data-user-id="${id}"][data-speaking]`);
  }, userId);
}

describe('voice chat room over real WebRTC', () => {
  const stack = useStack();

  async function host(room: number, user: string): Promise<Page> {
    const page = await stack.open(`voice-host.html?room=${room}&user=${user}`);
    await waitUntil(page, async () => (await statusText(page)) === 'Preview', 'the host microphone');
    await page.locator('live-room').getByRole('button', { name: 'Go live' }).click();
    await waitForEvent(page, 'enter-room', (d) => d.result > 0);
    await waitUntil(page, async () => (await roomState(page)).publishing === true && (await roomState(page)).seats.length === 9, 'the host on seat 0 with 8 seats');
    return page;
  }

  async function listen(room: number, user: string): Promise<Page> {
    const page = await stack.open(`voice.html?room=${room}&user=${user}`);
    await waitForEvent(page, 'enter-room', (d) => d.result > 0);
    return page;
  }

  it('a listener takes a seat: the host and another listener hear them, and their speaking ring lights', async () => {
    const room = randomRoom();
    const h = await host(room, 'v_host');
    const l1 = await listen(room, 'v_l1');
    const l2 = await listen(room, 'v_l2');
    await waitUntil(l2, async () => (await inbound(l2, 'v_host')).audioPackets > 0, 'the host to be heard');

    // The listener asks for seat 3 by clicking it, as a person would.
    await l1.locator('live-room').getByRole('button', { name: 'Take seat 3' }).click();
    await waitForEvent(h, 'request-join-anchor', (d) => d.userId === 'v_l1');
    assert.equal(await callStore(h, 'responseJoinAnchor', 'v_l1', true), null);
    await waitUntil(h, async () => (await roomState(h)).seats[3].userId === 'v_l1', 'v_l1 on seat 3', 10_000);
    for (const page of [h, l2]) {
      await waitUntil(page, async () => (await inbound(page, 'v_l1')).audioPackets > 0, 'v_l1 to be heard');
      const before = (await inbound(page, 'v_l1')).audioPackets;
      await page.waitForTimeout(800);
      assert.ok((await inbound(page, 'v_l1')).audioPackets > before, 'packets keep arriving');
      await waitUntil(page, () => speaking(page, 'v_l1'), 'the speaking ring of v_l1 (the fake mic beeps)', 10_000);
    }
  });

  it('a locked seat refuses requests; a muted seat stops the listener’s sound reaching others', async () => {
    const room = randomRoom();
    const h = await host(room, 'v_host2');
    const l1 = await listen(room, 'v_l3');
    const l2 = await listen(room, 'v_l4');
    assert.equal(await callStore(h, 'lockSeat', 2, true), null);
    await waitUntil(l1, async () => (await roomState(l1)).seats[2].locked === true, 'the lock to show');
    const refused = await callStore(l1, 'requestSeat', 2);
    assert.equal(refused.error.code, 62003);
    assert.match(refused.error.message, /locked/);

    const asked = callStore(l1, 'requestSeat', 1);
    await waitForEvent(h, 'request-join-anchor', (d) => d.userId === 'v_l3');
    await callStore(h, 'responseJoinAnchor', 'v_l3', true);
    assert.deepEqual(await asked, { accepted: true });
    await waitUntil(l2, async () => (await inbound(l2, 'v_l3')).audioLevel > 0, 'v_l3 to be heard', 10_000);
    assert.equal(await callStore(h, 'muteSeat', 1, true), null);
    await waitUntil(l1, async () => (await roomState(l1)).audioMuted === true, 'v_l3 to be muted', 5000);
    await waitUntil(l2, async () => (await inbound(l2, 'v_l3')).audioLevel === 0, 'the sound of v_l3 to stop', 10_000);
    await waitUntil(l2, async () => !(await speaking(l2, 'v_l3')), 'the ring to go out');
  });

  it('entering with another scene than the room’s is refused in words', async () => {
    const room = randomRoom();
    await host(room, 'v_host3');
    const wrong = await stack.open(`viewer.html?room=${room}&user=v_wrong`);
    const entered = await waitForEvent(wrong, 'enter-room');
    assert.equal(entered.result, -62013);
    await waitUntil(wrong, async () => ((await wrong.evaluate(() => document.querySelector('live-room')!.shadowRoot!.querySelector('[part~="error"]')?.textContent)) ?? '').includes('“voice” scene'), 'the error in words');
  });
});
