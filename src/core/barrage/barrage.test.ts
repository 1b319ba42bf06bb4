import { expect } from '@open-wc/testing';
import { compileBlocklist, compilePattern, normaliseText, splitWords } from './filter.js';
import { LaneAllocator } from './lanes.js';
import { BarrageScheduler, type BarrageEntry, type SchedulerOptions } from './scheduler.js';
import { clamp, parseOverflow, parseSpeed, speedFor } from './settings.js';
import { prng } from '../../testing/prng.js';

interface Rec {
  shown: BarrageEntry<number>[];
  hidden: BarrageEntry<number>[];
  updated: BarrageEntry<number>[];
  measured: number;
}

function scheduler(options: Partial<SchedulerOptions> = {}, widthOf: (e: BarrageEntry<number>) => number = (e) => e.text.length * 10) {
  const rec: Rec = { shown: [], hidden: [], updated: [], measured: 0 };
  const s = new BarrageScheduler<number>(
    {
      measure: (e) => {
        rec.measured++;
        return widthOf(e);
      },
      show: (e) => rec.shown.push(e),
      update: (e) => rec.updated.push(e),
      hide: (e) => rec.hidden.push(e),
    },
    { stageWidth: 960, lanes: 10, gap: 20, ...options },
  );
  return { s, rec };
}

function sumUp(s: BarrageScheduler<unknown>): void {
  const st = s.stats;
  expect(st.shown + st.queued + st.dropped + st.merged + st.filtered, JSON.stringify(st)).to.equal(st.offered);
}

/** Left/right edges of an on-screen entry at `t` (fixed comments take the whole lane). */
function extent(e: BarrageEntry<number>, t: number, stageWidth: number): [number, number] {
  if (e.mode !== 'scroll') return [0, stageWidth];
  const x = stageWidth - e.speed * (t - e.shownAt);
  return [x, x + e.span];
}

/** Runs a random stream through the scheduler; at every step, checks no two entries of a lane come closer than `gap`. */
function simulate(options: Partial<SchedulerOptions>, seconds: number, perSecond: number, seed = 7, modes: Array<'scroll' | 'top' | 'bottom'> = ['scroll']) {
  const rand = prng(seed);
  const { s, rec } = scheduler({ ...options }, (e) => 40 + (e.data % 400));
  const W = s.options.stageWidth;
  let t = 0;
  let n = 0;
  let worst = Infinity;
  const step = 16;
  for (; t < seconds * 1000; t += step) {
    const due = Math.floor(((t + step) * perSecond) / 1000) - Math.floor((t * perSecond) / 1000);
    for (let k = 0; k < due; k++) {
      const mode = modes[Math.floor(rand() * modes.length)];
      s.offer({ text: `c${n++}-${Math.floor(rand() * 1e6)}`, mode, data: Math.floor(rand() * 1000) }, t);
    }
    s.flush(t);
    const byLane = new Map<number, BarrageEntry<number>[]>();
    for (const e of s.active) byLane.set(e.lane, [...(byLane.get(e.lane) ?? []), e]);
    for (const list of byLane.values()) {
      const spans = list.map((e) => extent(e, t, W)).filter(([l, r]) => r > 0 && l < W).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) worst = Math.min(worst, spans[i][0] - spans[i - 1][1]);
    }
  }
  return { s, rec, worst };
}

describe('barrage: settings', () => {
  it('parses px/s and durations, and refuses the rest', () => {
    expect(parseSpeed(144)).to.deep.equal({ kind: 'px', pxPerSecond: 144 });
    expect(parseSpeed('200')).to.deep.equal({ kind: 'px', pxPerSecond: 200 });
    expect(parseSpeed('90px/s')).to.deep.equal({ kind: 'px', pxPerSecond: 90 });
    expect(parseSpeed('8s')).to.deep.equal({ kind: 'duration', ms: 8000 });
    expect(parseSpeed('6500ms')).to.deep.equal({ kind: 'duration', ms: 6500 });
    for (const bad of ['fast', '', '-3', '0', '1ms', '9999999', null, {}]) expect(parseSpeed(bad), String(bad)).to.equal(undefined);
    expect(speedFor({ kind: 'px', pxPerSecond: 100 }, 960, 300)).to.equal(0.1);
    expect(speedFor({ kind: 'duration', ms: 1000 }, 900, 100, 1)).to.equal(1);
    // Rounded to steps of 10% from stage / time: similar widths share a speed.
    const a = speedFor({ kind: 'duration', ms: 1000 }, 900, 100);
    expect(a / 1).to.be.within(0.95, 1.05);
    expect(speedFor({ kind: 'duration', ms: 1000 }, 900, 101)).to.equal(a);
    expect(speedFor({ kind: 'duration', ms: 1000 }, 900, 0)).to.equal(0.9);
    expect(parseOverflow('queue')).to.equal('queue');
    expect(parseOverflow('nope')).to.equal(undefined);
    expect(clamp('0.1', 0.25, 1, 0.75)).to.equal(0.25);
    expect(clamp('x', 0.25, 1, 0.75)).to.equal(0.75);
    expect(clamp(2, 0.25, 1, 0.75)).to.equal(1);
  });
});

describe('barrage: filters', () => {
  it('blocks words as case-insensitive substrings (NFKC-folded) and patterns', () => {
    const list = compileBlocklist(['SPAM', ' ', 'ｆｏｏ'], [/buy\s+now/gi, 'v[i1]agra', '^\\d{6,}$']);
    expect(list.problems).to.deep.equal([]);
    expect(list.size).to.equal(5);
    expect(list.blocks('this is Spam!')).to.be.true;
    expect(list.blocks('FOO fighters')).to.be.true;
    expect(list.blocks('Buy   now please')).to.be.true;
    // A `g` flag would make test() stateful: the second call would miss.
    expect(list.blocks('Buy   now please')).to.be.true;
    expect(list.blocks('V1AGRA')).to.be.true;
    expect(list.blocks('1234567')).to.be.true;
    expect(list.blocks('hello 123')).to.be.false;
    expect(compileBlocklist().blocks('anything')).to.be.false;
  });

  it('refuses invalid, too long and exponential patterns, without throwing', () => {
    const list = compileBlocklist([], ['(unclosed', '(a+)+$', '(x|)*', 'a'.repeat(300), 42, 'ok', /([+*])+/]);
    expect(list.problems.map((p) => p.reason)).to.deep.equal(['invalid', 'unsafe', 'unsafe', 'too-long', 'not-a-pattern']);
    for (const p of list.problems) expect(p.message).to.be.a('string').and.not.empty;
    expect(list.size).to.equal(2);
    expect(list.blocks('ok then')).to.be.true;
    expect(compilePattern('\\-')).to.be.instanceOf(RegExp);
  });

  it('normalises text for merging and splits word lists', () => {
    expect(normaliseText('  Hello   WORLD ')).to.equal('hello world');
    expect(normaliseText('ＡＢＣ')).to.equal('abc');
    expect(splitWords('spam, scam\nfoo,,')).to.deep.equal(['spam', 'scam', 'foo']);
    expect(splitWords(null)).to.deep.equal([]);
  });
});

describe('barrage: lanes', () => {
  it('a scroll comment enters a lane only when the previous one is a gap ahead', () => {
    const lanes = new LaneAllocator({ count: 1, stageWidth: 1000, gap: 20 });
    expect(lanes.place('scroll', 0, 100, 0.1, 4000)).to.equal(0);
    // (100 + 20) px at 0.1 px/ms = 1200 ms.
    expect(lanes.place('scroll', 1199, 50, 0.1, 4000)).to.equal(-1);
    expect(lanes.mayFit('scroll', 1199)).to.be.false;
    expect(lanes.scrollFreeAt(0, 0.1)).to.equal(1200);
    expect(lanes.place('scroll', 1200, 50, 0.1, 4000)).to.equal(0);
  });

  it('a faster comment waits until it can no longer catch the one before', () => {
    const lanes = new LaneAllocator({ count: 1, stageWidth: 1000, gap: 0 });
    lanes.place('scroll', 0, 100, 0.1, 4000); // leaves at (1000 + 100) / 0.1 = 11000
    // At 0.2 px/ms the new one crosses 1000 px in 5000 ms: it may start at 11000 - 5000.
    expect(lanes.scrollFreeAt(0, 0.2)).to.equal(6000);
    expect(lanes.mayFit('scroll', 2000)).to.be.true;
    expect(lanes.place('scroll', 2000, 300, 0.2, 4000)).to.equal(-1);
    expect(lanes.place('scroll', 6000, 300, 0.2, 4000)).to.equal(0);
  });

  it('top comments take the topmost free lane, bottom ones the lowest; both hold it until they end', () => {
    const lanes = new LaneAllocator({ count: 3, stageWidth: 500, gap: 10 });
    expect(lanes.place('top', 0, 50, 0, 1000)).to.equal(0);
    expect(lanes.place('bottom', 0, 50, 0, 1000)).to.equal(2);
    expect(lanes.place('top', 0, 50, 0, 1000)).to.equal(1);
    expect(lanes.place('bottom', 0, 50, 0, 1000)).to.equal(-1);
    expect(lanes.place('scroll', 500, 50, 0.1, 1000)).to.equal(-1);
    expect(lanes.nextFreeAt('top', 0)).to.equal(1000);
    expect(lanes.place('top', 1000, 50, 0, 1000)).to.equal(0);
    // A fixed comment waits for the lane's scroll comment to leave the stage.
    lanes.reset();
    lanes.place('scroll', 0, 100, 0.1, 1000); // gone at 6000
    lanes.configure({ count: 1, stageWidth: 500, gap: 10 });
    expect(lanes.fixedFreeAt(0)).to.equal(6000);
    expect(lanes.place('top', 5999, 50, 0, 1000)).to.equal(-1);
  });

  it('a new stage width frees every lane; fewer lanes forget the rest', () => {
    const lanes = new LaneAllocator({ count: 2, stageWidth: 500, gap: 10 });
    lanes.place('top', 0, 50, 0, 1000);
    lanes.configure({ count: 2, stageWidth: 600, gap: 10 });
    expect(lanes.fixedFreeAt(0)).to.equal(-Infinity);
    lanes.configure({ count: 1, stageWidth: 600, gap: 10 });
    expect(lanes.count).to.equal(1);
  });

  for (const [name, speed] of [
    ['constant px/s', { kind: 'px', pxPerSecond: 144 }],
    ['a crossing time (longer is faster)', { kind: 'duration', ms: 6000 }],
  ] as const) {
    it(`over a random flood, comments of a lane never come within the gap (${name})`, () => {
      const { s, worst } = simulate({ speed, gap: 20, policy: 'queue', density: 500 }, 20, 80, 11, ['scroll', 'scroll', 'scroll', 'top', 'bottom']);
      expect(s.stats.shown).to.be.greaterThan(50);
      expect(worst).to.be.at.least(20 - 1e-6);
      sumUp(s);
    });
  }
});

describe('barrage: overflow policies', () => {
  const burst = (policy: 'drop' | 'queue' | 'merge', n = 2000) => {
    const { s, rec } = scheduler({ policy, queueLimit: 200, density: 60 });
    for (let i = 0; i < n; i++) s.offer({ text: i % 10 === 0 ? 'same again' : `comment ${i}`, mode: 'scroll', data: i }, 0);
    s.flush(0);
    return { s, rec };
  };

  it('drop: what gets no lane now is discarded; only admitted ones are measured', () => {
    const { s, rec } = burst('drop');
    const st = s.stats;
    expect(st.shown).to.equal(10); // one per lane
    expect(st.queued).to.equal(0);
    expect(st.dropped).to.equal(1990);
    expect(st.merged).to.equal(0);
    expect(rec.measured).to.equal(10);
    sumUp(s);
  });

  it('queue: waits in a bounded queue (oldest dropped) and comes on screen as lanes free', () => {
    const { s, rec } = burst('queue');
    // The queue kept the newest 200 of the burst; 10 of them came on screen at once.
    expect(s.stats).to.include({ shown: 10, queued: 190, dropped: 1800 });
    sumUp(s);
    expect(s.queued[0].data).to.equal(1810);
    let t = 0;
    for (let i = 0; i < 400 && s.stats.queued > 0; i++) {
      const next = s.nextWakeAt(t);
      expect(next).to.be.a('number');
      t = next!;
      s.flush(t);
      sumUp(s);
    }
    expect(s.stats.queued).to.equal(0);
    expect(s.stats.shown).to.equal(200);
    expect(rec.shown.map((e) => e.data).slice(0, 3)).to.deep.equal([1800, 1801, 1802]);
    expect(rec.shown.map((e) => e.data).slice(-1)).to.deep.equal([1999]);
    // Everything ends: the screen empties and nothing is left to wait for.
    s.flush(t + 60_000);
    expect(s.stats.onScreen).to.equal(0);
    expect(rec.hidden.length).to.equal(200);
    expect(s.nextWakeAt(t + 60_000)).to.equal(undefined);
  });

  it('merge: identical comments (normalised) merge into one with a count, updated in place; then queue', () => {
    const { s, rec } = burst('merge');
    const st = s.stats;
    // 200 × "same again": merged into the one waiting, until the queue's trimming drops it and a repeat starts anew.
    expect(st.merged).to.be.within(150, 199);
    expect(st.queued).to.equal(190);
    sumUp(s);
    const same = [...s.active, ...s.queued].filter((e) => e.text === 'same again');
    expect(same.length).to.equal(1);
    expect(same[0].count).to.be.greaterThan(1);
    // Bring it on screen, then a repeat updates it in place.
    let t = 0;
    while (same[0].shownAt < 0) s.flush((t = s.nextWakeAt(t)!));
    const before = same[0].count;
    s.offer({ text: '  SAME again ', mode: 'scroll', data: 0 }, t);
    expect(same[0].count).to.equal(before + 1);
    expect(rec.updated).to.deep.equal([same[0]]);
    // Outside the window, a repeat is a new comment.
    s.offer({ text: 'same again', mode: 'scroll', data: 0 }, t + 10_000);
    expect(same[0].count).to.equal(before + 1);
    sumUp(s);
    // The viewer's own comments are never merged, and go first.
    s.offer({ text: 'comment 1999', mode: 'scroll', self: true, data: -1 }, t + 10_000);
    expect(s.queued[0].self).to.be.true;
    sumUp(s);
  });

  it('queues the viewer’s own comments first and drops others’ first when full', () => {
    const { s } = scheduler({ policy: 'queue', queueLimit: 3, stageWidth: 0 });
    s.offer({ text: 'a', mode: 'scroll', data: 1 }, 0);
    s.offer({ text: 'mine', mode: 'scroll', self: true, data: 2 }, 0);
    s.offer({ text: 'b', mode: 'scroll', data: 3 }, 0);
    s.offer({ text: 'mine too', mode: 'scroll', self: true, data: 4 }, 0);
    expect(s.queued.map((e) => e.data)).to.deep.equal([2, 4, 3]);
    expect(s.stats.dropped).to.equal(1);
    sumUp(s);
  });

  it('a density cap limits what is on screen', () => {
    const { s } = scheduler({ policy: 'queue', density: 3, lanes: 10 });
    for (let i = 0; i < 10; i++) s.offer({ text: `x${i}`, mode: 'top', data: i }, 0);
    s.flush(0);
    expect(s.stats.onScreen).to.equal(3);
  });

  it('removeWhere takes a user’s comments off the screen and out of the queue (filtered)', () => {
    const { s, rec } = scheduler({ policy: 'queue', lanes: 1 });
    s.offer({ text: 'one', mode: 'top', userId: 'u1', data: 1 }, 0);
    s.offer({ text: 'two', mode: 'top', userId: 'u1', data: 2 }, 0);
    s.offer({ text: 'three', mode: 'top', userId: 'u2', data: 3 }, 0);
    s.flush(0);
    expect(s.stats).to.include({ shown: 1, queued: 2 });
    s.removeWhere((e) => e.userId === 'u1');
    expect(rec.hidden.map((e) => e.data)).to.deep.equal([1]);
    expect(s.stats).to.include({ queued: 1, filtered: 1, onScreen: 0 });
    sumUp(s);
    s.countFiltered();
    expect(s.stats.filtered).to.equal(2);
    sumUp(s);
  });

  it('a list (reduced motion) shows newest last, keeps each entry a least time, and is bounded', () => {
    const { s, rec } = scheduler({ layout: 'list', lanes: 4, policy: 'queue', listDwellMs: 1000, listMs: 5000 });
    for (let i = 0; i < 10; i++) s.offer({ text: `m${i}`, mode: 'scroll', data: i }, 0);
    s.flush(0);
    expect(s.active.map((e) => e.data)).to.deep.equal([0, 1, 2, 3]);
    expect(rec.measured).to.equal(0);
    expect(s.nextWakeAt(0)).to.equal(1000);
    s.flush(1000);
    expect(s.active.map((e) => e.data)).to.deep.equal([4, 5, 6, 7]);
    sumUp(s);
  });

  it('the log layout takes everything at once; clear() drops the queue', () => {
    const { s } = scheduler({ layout: 'log', policy: 'queue' });
    for (let i = 0; i < 5; i++) s.offer({ text: `m${i}`, mode: 'scroll', data: i }, 0);
    s.flush(0);
    expect(s.stats).to.include({ shown: 5, queued: 0, onScreen: 0 });
    s.configure({ layout: 'lanes', stageWidth: 0 });
    s.offer({ text: 'later', mode: 'scroll', data: 9 }, 0);
    s.clear();
    expect(s.stats).to.include({ dropped: 1, queued: 0 });
    sumUp(s);
  });

  it('pausing (flush without admitting) holds the queue, but drop still drops', () => {
    const q = scheduler({ policy: 'queue' }).s;
    q.offer({ text: 'a', mode: 'scroll', data: 1 }, 0);
    q.flush(0, false);
    expect(q.stats.queued).to.equal(1);
    const d = scheduler({ policy: 'drop' }).s;
    d.offer({ text: 'a', mode: 'scroll', data: 1 }, 0);
    d.flush(0, false);
    expect(d.stats).to.include({ queued: 0, dropped: 1 });
  });

  it('memory stays bounded under any input rate', () => {
    for (const policy of ['drop', 'queue', 'merge'] as const) {
      const { s } = scheduler({ policy, queueLimit: 200, density: 50 });
      let t = 0;
      for (let second = 0; second < 30; second++) {
        for (let k = 0; k < 100; k++) {
          for (let j = 0; j < 20; j++) s.offer({ text: `m${(second * 2000 + k * 20 + j) % 97}`, mode: 'scroll', data: 0 }, t);
          t += 10;
          s.flush(t);
          expect(s.stats.queued).to.be.at.most(200);
          expect(s.stats.onScreen).to.be.at.most(50);
        }
      }
      sumUp(s);
      expect(s.stats.offered).to.equal(60_000);
    }
  });
});
