import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callStore, expectVideoPlaying, goLive, hasTile, randomRoom, roomState, useStack, statusText, waitForEvent, waitUntil, watch } from './harness.js';

describe('moderation and room state, enforced by the server', () => {
  const stack = useStack();

  it('a muted viewer cannot send and is told why; unmuting restores; others are unaffected', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'mod_host');
    const v1 = await watch(stack, room, 'loud_1');
    const v2 = await watch(stack, room, 'calm_2');
    assert.equal(await callStore(anchor, 'muteMember', 'loud_1', 60), null);
    await waitUntil(v1, async () => (await roomState(v1)).selfMutedUntil > Date.now(), 'v1 to know it is muted');
    const refused = await callStore(v1, 'sendRoomTextMsg', 'hello?');
    assert.equal(refused.error.code, 62014);
    assert.match(refused.error.message, /muted for \d+ more seconds/);
    // The server refuses too, whatever the client thinks.
    const direct = await v1.evaluate(async () => {
      const store = (document.querySelector('live-room') as unknown as { store: { session: { engines: { chat: { sendGroupMessage(g: string, b: unknown, p: string): Promise<unknown> } } } } }).store;
      try {
        await store.session.engines.chat.sendGroupMessage(location.search.match(/room=(\d+)/)![1], { type: 'text', text: 'sneaky' }, 'normal');
        return null;
      } catch (error) {
        return (error as { code: number }).code;
      }
    });
    assert.equal(direct, 62014);
    assert.equal(await callStore(v2, 'sendRoomTextMsg', 'I can talk'), null);
    await waitForEvent(anchor, 'recv-room-text-msg', (d) => d.message === 'I can talk');
    assert.equal(await callStore(anchor, 'unmuteMember', 'loud_1'), null);
    await waitUntil(v1, async () => (await roomState(v1)).selfMutedUntil === 0, 'v1 to be unmuted');
    assert.equal(await callStore(v1, 'sendRoomTextMsg', 'thanks'), null);
    const notAllowed = await callStore(v2, 'muteMember', 'loud_1', 60);
    assert.equal(notAllowed.error.code, 62003, 'a viewer cannot mute');
  });

  it('a removed viewer leaves, sees why, and cannot come back until the ban ends', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'mod_host2');
    const v1 = await watch(stack, room, 'troll_1');
    await expectVideoPlaying(v1, 'mod_host2');
    assert.equal(await callStore(anchor, 'removeMember', 'troll_1', 2), null);
    await waitForEvent(v1, 'member-removed', (d) => d.userId === 'troll_1');
    await waitUntil(v1, async () => (await roomState(v1)).closedReason === 'removed', 'v1 to be out');
    assert.equal(await hasTile(v1, 'mod_host2'), false);
    const again = await callStore(v1, 'enterRoom', { kind: 'numeric', id: room });
    assert.equal(again.error.code, 62015);
    await v1.waitForTimeout(2200);
    assert.equal(await callStore(v1, 'enterRoom', { kind: 'numeric', id: room }), null);
    await expectVideoPlaying(v1, 'mod_host2');
  });

  it('a newcomer sees the current status, notice, count and anchors', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'mod_host3');
    await watch(stack, room, 'early_1');
    assert.equal(await callStore(anchor, 'updateRoomNotice', 'Giveaway at 9 <b>tonight</b>'), null);
    assert.equal(await callStore(anchor, 'updateRoomIntro', 'Cooking live'), null);
    const tooLong = await callStore(anchor, 'updateRoomNotice', 'x'.repeat(301));
    assert.equal(tooLong.error.code, 61004);
    const late = await watch(stack, room, 'late_2');
    const s = await roomState(late);
    assert.equal(s.roomStatus, 'live');
    assert.equal(s.notice, 'Giveaway at 9 <b>tonight</b>');
    assert.equal(s.intro, 'Cooking live');
    assert.equal(s.onlineCount, 3);
    assert.deepEqual(s.anchors.map((x: { userId: string }) => x.userId), ['mod_host3']);
    assert.equal(await hasTile(late, 'mod_host3'), true);
    assert.equal(await statusText(late), 'Live');
    await callStore(anchor, 'setRoomStatus', 'paused');
    await waitUntil(late, async () => (await roomState(late)).roomStatus === 'paused', 'the paused status to reach the viewer');
    const refused = await callStore(late, 'updateRoomNotice', 'hacked');
    assert.equal(refused.error.code, 62003);
  });
});
