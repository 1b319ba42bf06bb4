import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { callStore, events, expectVideoPlaying, inbound, roomState, useStack, tileVideo, waitForEvent, waitUntil, type Stack } from './harness.js';

/** Opens the call demo page as `user`, logged in and idle. */
async function phone(stack: Stack, user: string, timeout = 30): Promise<Page> {
  const page = await stack.open(`call.html?user=${user}&timeout=${timeout}`);
  await waitForEvent(page, 'sdk-ready');
  return page;
}

async function panelText(page: Page): Promise<string> {
  // The text a person reads, through nested shadow roots (no named inner functions: see harness).
  return page.evaluate(() => {
    const roots: Array<Document | ShadowRoot> = [document.querySelector('call-panel')!.shadowRoot!];
    let text = '';
    while (roots.length) {
      const root = roots.shift()!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) text += ' ' + walker.currentNode.textContent;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return text.replace(/\s+/g, ' ');
  });
}

describe('calls over real WebRTC', () => {
  const stack = useStack();

  it('A calls B (video): B accepts, both see and hear each other, A hangs up, both get call-end', async () => {
    const a = await phone(stack, 'alice');
    const b = await phone(stack, 'bob');
    const calling = callStore(a, 'call', { userID: 'bob', type: 2 });
    const invited = await waitForEvent(b, 'invited');
    assert.equal(invited.sponsor, 'alice');
    assert.equal(invited.inviteData.callType, 2);
    assert.equal(await calling, null);
    assert.equal(await callStore(b, 'accept'), null);
    await expectVideoPlaying(a, 'bob');
    await expectVideoPlaying(b, 'alice');
    await waitUntil(a, async () => (await inbound(a, 'bob')).audioPackets > 0, 'audio from bob to reach alice');
    await waitUntil(b, async () => (await inbound(b, 'alice')).audioPackets > 0, 'audio from alice to reach bob');
    assert.equal(await callStore(a, 'hangup'), null);
    assert.equal((await waitForEvent(a, 'call-end')).reason, 'hangup');
    assert.equal((await waitForEvent(b, 'call-end')).reason, 'remote-hangup');
  });

  it('B rejects → A gets reject; B never answers → no-resp and calling-timeout; A cancels → calling-cancel', async () => {
    const a = await phone(stack, 'carol', 2);
    const b = await phone(stack, 'dave', 2);
    await callStore(a, 'call', { userID: 'dave', type: 1 });
    await waitForEvent(b, 'invited');
    await callStore(b, 'reject');
    assert.equal((await waitForEvent(a, 'reject')).userID, 'dave');
    assert.equal((await waitForEvent(a, 'call-end')).reason, 'rejected');

    await callStore(a, 'dismiss');
    await callStore(b, 'dismiss');
    const invitedBefore = (await events(b, 'invited')).length;
    await callStore(a, 'call', { userID: 'dave', type: 2 });
    await waitUntil(b, async () => (await events(b, 'invited')).length > invitedBefore, 'the second invitation');
    const noResp = await waitForEvent(a, 'no-resp', () => true, 6000);
    assert.deepEqual(noResp.userIDList, ['dave']);
    await waitForEvent(b, 'calling-timeout', () => true, 6000);

    await callStore(a, 'dismiss');
    await callStore(b, 'dismiss');
    const before = (await events(b, 'invited')).length;
    await callStore(a, 'call', { userID: 'dave', type: 2 });
    await waitUntil(b, async () => (await events(b, 'invited')).length > before, 'the third invitation');
    await callStore(a, 'hangup');
    await waitForEvent(b, 'calling-cancel');
    assert.equal((await roomState(b)).endReason, 'cancelled');
    assert.match(await panelText(b), /cancel/i);
  });

  it('C calls B while B is in a call → line-busy; B’s call goes on', async () => {
    const a = await phone(stack, 'erin');
    const b = await phone(stack, 'frank');
    const c = await phone(stack, 'grace');
    await callStore(a, 'call', { userID: 'frank', type: 2 });
    await waitForEvent(b, 'invited');
    await callStore(b, 'accept');
    await expectVideoPlaying(b, 'erin');
    await callStore(c, 'call', { userID: 'frank', type: 2 });
    assert.equal((await waitForEvent(c, 'line-busy')).userID, 'frank');
    assert.equal((await roomState(b)).status, 'connected');
    await expectVideoPlaying(b, 'erin');
    await expectVideoPlaying(a, 'frank');
    await callStore(a, 'hangup');
  });

  it('group call A → B, C, D: two accept, one rejects; the three in the call play each other', async () => {
    const [a, b, c, d] = [await phone(stack, 'g_a'), await phone(stack, 'g_b'), await phone(stack, 'g_c'), await phone(stack, 'g_d')];
    await callStore(a, 'groupCall', { userIDList: ['g_b', 'g_c', 'g_d'], type: 2 });
    for (const p of [b, c, d]) assert.deepEqual((await waitForEvent(p, 'invited')).userIDList, ['g_b', 'g_c', 'g_d']);
    await callStore(b, 'accept');
    await callStore(c, 'accept');
    await callStore(d, 'reject');
    assert.equal((await waitForEvent(a, 'reject')).userID, 'g_d');
    for (const [page, others] of [[a, ['g_b', 'g_c']], [b, ['g_a', 'g_c']], [c, ['g_a', 'g_b']]] as const) {
      for (const id of others) await expectVideoPlaying(page, id);
    }
    assert.equal(await tileVideo(d, 'g_a'), null);
    assert.equal((await roomState(a)).invitees.find((i: { userId: string }) => i.userId === 'g_d').state, 'rejected');
  });

  it('a one-to-one call switches to audio and back to video', async () => {
    const a = await phone(stack, 'h_a');
    const b = await phone(stack, 'h_b');
    await callStore(a, 'call', { userID: 'h_b', type: 2 });
    await waitForEvent(b, 'invited');
    await callStore(b, 'accept');
    await expectVideoPlaying(a, 'h_b');
    assert.equal(await callStore(a, 'switchToAudioCall'), null);
    await waitUntil(b, async () => (await roomState(b)).media === 'audio', 'B to switch to audio too');
    await waitForEvent(a, 'user-video-available', (d) => d.userID === 'h_b' && d.isVideoAvailable === false);
    assert.equal(await callStore(b, 'switchToVideoCall'), null);
    await waitUntil(a, async () => (await roomState(a)).media === 'video', 'A back on video');
    await waitForEvent(b, 'user-video-available', (d) => d.userID === 'h_a' && d.isVideoAvailable === true && true);
    await expectVideoPlaying(b, 'h_a');
    await callStore(a, 'hangup');
  });
});

describe('calls without camera permission', () => {
  const stack = useStack({ dropFlags: ['--use-fake-ui-for-media-stream'] });

  it('a denied camera and microphone gives 60005, shown in words with how to fix it', async () => {
    const a = await phone(stack, 'denied_a');
    await phone(stack, 'denied_b');
    const result = await callStore(a, 'call', { userID: 'denied_b', type: 2 });
    assert.equal(result.error.code, 60005);
    assert.equal((await waitForEvent(a, 'call-error', (d) => d.code === 60005)).code, 60005);
    assert.equal((await roomState(a)).endReason, 'permission-denied');
    assert.match(await panelText(a), /denied/i);
    assert.match(await panelText(a), /settings/i);
  });
});
