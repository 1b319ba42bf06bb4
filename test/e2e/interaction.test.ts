import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callStore, events, goLive, randomRoom, useStack, waitForEvent, waitUntil, watch } from './harness.js';

describe('interaction: comments, gifts, likes and the message policy, across pages', () => {
  const stack = useStack();

  it('a viewer’s comment flies on the anchor’s and another viewer’s screen; XSS stays text', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'i_host');
    const v1 = await watch(stack, room, 'i_v1');
    const v2 = await watch(stack, room, 'i_v2');
    const input = v1.locator('barrage-layer input').first();
    await input.fill('hello from v1');
    await input.press('Enter');
    for (const page of [anchor, v2]) await page.locator('barrage-layer').getByText(/hello from v1/).first().waitFor({ timeout: 10_000 });

    const attack = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await v1.waitForTimeout(1200); // the input's send cooldown
    await input.fill(attack);
    await input.press('Enter');
    for (const page of [anchor, v2]) {
      await page.locator('barrage-layer').getByText(attack, { exact: false }).first().waitFor({ timeout: 10_000 });
      assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
      assert.equal(await page.evaluate(() => document.querySelector('live-room barrage-layer')!.shadowRoot!.querySelector('img, script')), null);
    }
  });

  it('a combo of 99 roses arrives as at most 5 messages and shows ×99', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'i_host2');
    const v1 = await watch(stack, room, 'i_fan');
    const panel = v1.locator('gift-panel');
    await panel.getByRole('button', { name: 'Send a gift' }).click();
    await panel.locator('[part~="gift"]', { hasText: 'Rose' }).click();
    await panel.locator('[part~="quantity"]', { hasText: /^99$/ }).click();
    await panel.locator('[part~="send"]').click();
    await waitUntil(anchor, async () => (await events(anchor, 'gift-receive')).reduce((n, e) => n + e.detail.count, 0) === 99, 'all 99 roses to arrive');
    const received = await events(anchor, 'gift-receive');
    assert.ok(received.length <= 5, `${received.length} messages for 99 roses`);
    assert.equal(new Set(received.map((e) => e.detail.comboId)).size, 1, 'one combo');
    await anchor.locator('gift-panel').getByText('×99').first().waitFor({ timeout: 10_000 });
  });

  it('a muted viewer cannot comment and sees why', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'i_host3');
    const v1 = await watch(stack, room, 'i_muted');
    assert.equal(await callStore(anchor, 'muteMember', 'i_muted', 120), null);
    const input = v1.locator('barrage-layer input').first();
    await waitUntil(v1, async () => input.isDisabled(), 'the input to be disabled');
    const reason = await v1.locator('barrage-layer').evaluate((el) => {
      const root = el.shadowRoot!;
      return [root.querySelector('input')?.getAttribute('placeholder') ?? '', root.textContent ?? ''].join(' ');
    });
    assert.match(reason, /muted/i);
  });

  it('a flood of comments from one client does not starve the gifts of another', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'i_host4');
    const flooder = await watch(stack, room, 'i_flood');
    const giver = await watch(stack, room, 'i_giver');
    const flood = flooder.evaluate(async () => {
      const store = (document.querySelector('live-room') as unknown as { store: { sendRoomTextMsg(t: string): Promise<void> } }).store;
      const results = await Promise.allSettled(Array.from({ length: 400 }, (_, i) => store.sendRoomTextMsg(`spam ${i}`)));
      return results.filter((r) => r.status === 'rejected').length;
    });
    await giver.waitForTimeout(100);
    const gifts = ['heart', 'rose', 'like-star', 'cake', 'crown'];
    const sent = await Promise.all(gifts.map((g) => callStore(giver, 'sendGift', g, 1, 1)));
    assert.deepEqual(sent, [null, null, null, null, null]);
    for (const g of gifts) await waitForEvent(anchor, 'gift-receive', (d) => d.giftId === g && d.userInfo.userId === 'i_giver', 15_000);
    const dropped = await flood;
    assert.ok(dropped > 0, 'the flooder’s own client dropped what it could not send within the rate');
  });

  it('likes merge into at most one message a second and the room total is shown', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'i_host5');
    const v1 = await watch(stack, room, 'i_liker');
    const like = v1.locator('gift-panel').getByRole('button', { name: 'Like' });
    const started = Date.now();
    for (let i = 0; i < 30; i++) await like.click({ delay: 0 });
    const seconds = Math.ceil((Date.now() - started) / 1000);
    await waitUntil(anchor, async () => (await events(anchor, 'like-receive')).reduce((n, e) => n + e.detail.count, 0) === 30, 'all 30 likes to arrive');
    const messages = (await events(anchor, 'like-receive')).length;
    assert.ok(messages <= seconds + 1, `${messages} like messages for 30 taps over ${seconds} s`);
    await waitUntil(anchor, async () => ((await anchor.locator('gift-panel [part~="like-count"]').textContent()) ?? '').includes('30'), 'the total to show 30');
  });
});
