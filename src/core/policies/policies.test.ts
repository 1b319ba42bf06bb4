import { expect } from '@open-wc/testing';
import { FakeClock } from '../../testing/fake-clock.js';
import { ErrorCode } from '../errors.js';
import type { Priority } from '../engines/types.js';
import { GiftCombo, type GiftBatch } from './gift-combo.js';
import { LikeAggregator } from './like-aggregator.js';
import { OutboundQueue } from './outbound-queue.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('gift combo merging', () => {
  it('99 quick clicks become 5 messages whose counts add up to 99, in one combo', () => {
    const clock = new FakeClock();
    const batches: GiftBatch[] = [];
    const combo = new GiftCombo({ flush: (b) => batches.push(b), clock });
    for (let i = 0; i < 99; i++) {
      combo.add('rose');
      clock.advance(5);
    }
    expect(batches).to.have.length(4);
    clock.advance(1000);
    expect(batches.map((b) => b.count)).to.deep.equal([20, 20, 20, 20, 19]);
    expect(batches.reduce((n, b) => n + b.count, 0)).to.equal(99);
    expect(new Set(batches.map((b) => b.comboId)).size).to.equal(1);
    expect(batches.at(-1)!.comboTotal).to.equal(99);
  });

  it('slow clicks send one message per second of clicking', () => {
    const clock = new FakeClock();
    const batches: GiftBatch[] = [];
    const combo = new GiftCombo({ flush: (b) => batches.push(b), clock });
    for (let i = 0; i < 10; i++) {
      combo.add('rose');
      clock.advance(300);
    }
    clock.advance(1000);
    expect(batches.reduce((n, b) => n + b.count, 0)).to.equal(10);
    expect(batches.length).to.be.within(3, 4);
  });

  it('a preset quantity of 99 goes out in batches of 20; another gift starts a new combo', () => {
    const clock = new FakeClock();
    const batches: GiftBatch[] = [];
    const combo = new GiftCombo({ flush: (b) => batches.push(b), clock });
    combo.add('rose', 99);
    combo.add('rocket', 1);
    clock.advance(1000);
    expect(batches.map((b) => [b.giftId, b.count])).to.deep.equal([['rose', 20], ['rose', 20], ['rose', 20], ['rose', 20], ['rose', 19], ['rocket', 1]]);
    expect(batches[0].comboId).to.not.equal(batches[5].comboId);
  });
});

describe('like aggregation', () => {
  it('merges taps into at most one message per second', () => {
    const clock = new FakeClock();
    const sent: number[] = [];
    const likes = new LikeAggregator({ flush: (n) => sent.push(n), clock });
    for (let i = 0; i < 50; i++) {
      likes.add();
      clock.advance(50);
    }
    clock.advance(1000);
    expect(sent.reduce((a, b) => a + b, 0)).to.equal(50);
    expect(sent.length).to.be.at.most(4);
  });
});

describe('outbound frequency control', () => {
  it('sends within the rate at once, queues the rest by priority, drops the lowest when over', async () => {
    const clock = new FakeClock();
    const sent: Array<[string, Priority]> = [];
    const queue = new OutboundQueue<string>({ ratePerSecond: 4, maxQueued: 3, clock, send: async (item, p) => void sent.push([item, p]) });
    const results: Array<Promise<unknown>> = [];
    for (const [item, p] of [['t1', 'normal'], ['t2', 'normal'], ['t3', 'normal'], ['t4', 'normal'], ['l1', 'low'], ['t5', 'normal'], ['g1', 'high'], ['g2', 'high']] as const) {
      results.push(queue.enqueue(item, p).catch((e) => e));
    }
    await tick();
    expect(sent.map(([i]) => i)).to.deep.equal(['t1', 't2', 't3', 't4']);
    clock.advance(1000);
    await tick();
    expect(sent.map(([i]) => i)).to.deep.equal(['t1', 't2', 't3', 't4', 'g1', 'g2', 't5']);
    const outcomes = await Promise.all(results);
    expect((outcomes[4] as { code: number }).code).to.equal(ErrorCode.RATE_LIMITED);
    expect(queue.dropped).to.equal(1);
  });

  it('keeps high-priority messages flowing under a flood of low ones', async () => {
    const clock = new FakeClock();
    const sent: string[] = [];
    const queue = new OutboundQueue<string>({ ratePerSecond: 40, clock, send: async (item) => void sent.push(item) });
    for (let i = 0; i < 500; i++) void queue.enqueue(`like${i}`, 'low').catch(() => undefined);
    for (let i = 0; i < 10; i++) void queue.enqueue(`gift${i}`, 'high');
    for (let s = 0; s < 3; s++) {
      clock.advance(1000);
      await tick();
    }
    expect(sent.filter((s) => s.startsWith('gift'))).to.have.length(10);
    expect(queue.queued).to.be.at.most(40);
    expect(sent.length).to.be.at.most(40 * 4);
  });
});
