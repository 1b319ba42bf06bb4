/**
 * On-screen comments under load: `<barrage-layer>` against the `danmaku` package (DOM and canvas
 * engines), side by side in one run, in headless Chromium, on the same seeded comment stream
 * (4–30 characters, Latin, CJK and emoji, a few repeats; 90% scrolling, 5% top, 5% bottom) at
 * 50, 200 and 1,000 comments/s on a 960×540 stage. Each engine and rate gets a fresh page:
 * 1 s of warm-up, then an 8 s window in which we measure
 *   - frame interval p50 / p95 (rAF timestamps),
 *   - main-thread busy ms per second (CDP Performance.getMetrics `TaskDuration` deltas),
 *   - heap after a forced GC at the start and the end of the window (CDP
 *     HeapProfiler.collectGarbage, then Runtime.getHeapUsage: V8 + embedder/DOM heap),
 *   - comments offered vs shown (danmaku shows everything, overlapping; we count what it
 *     started rendering).
 * Speed: danmaku's default 144 (a crossing time of stage / 144 s); ours 144 px/s constant (its
 * default mode; never faster, so never less on screen). BARRAGE_OURS_SPEED=6.667s gives ours
 * danmaku's crossing-time semantics instead.
 * Prints a table and PASS/FAIL lines for the targets (never fails the process), and writes
 * bench/results/barrage.json.
 *
 *   npx tsx bench/barrage.ts          (this one)       npm run bench   (all)
 *   BARRAGE_SECONDS=4 BARRAGE_RATES=50,1000 npx tsx bench/barrage.ts   (quicker)
 */
import { writeResult } from './_results.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../test/e2e/harness.js';
import type { EngineName, StreamItem } from './barrage-page/entry.js';
import { prng } from '../src/testing/prng.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RATES = (process.env.BARRAGE_RATES ?? '50,200,1000').split(',').map(Number);
const SECONDS = Number(process.env.BARRAGE_SECONDS ?? 8);
const WARMUP_MS = 1000;
const SEED = 20_261_122;
const ENGINES: EngineName[] = ['barrage-layer', 'danmaku-dom', 'danmaku-canvas'];

const LATIN = ['nice', 'gg', 'wp', 'lol', 'what a play', 'so good', 'hello', 'first', 'clip it', 'no way', 'haha', 'let’s go', 'wow', 'pog', 'again'];
const CJK = '哈主播好厉害太强了前方高能加油来了这波稳牛笑死我了爱你啊好看真的假的弹幕护体';
const EMOJI = ['🔥', '😂', '👍', '❤️', '🎉', '👏'];
const REPEATS = ['666666', '哈哈哈哈哈', '主播好棒', 'gg wp', '前方高能！！', '🔥🔥🔥 let’s go'];

/** The same stream for every engine: Poisson arrivals at `rate`/s over `ms`, texts of 4–30 characters. */
export function stream(rate: number, ms: number, seed = SEED): StreamItem[] {
  const rand = prng(seed + rate);
  const out: StreamItem[] = [];
  let t = 0;
  for (;;) {
    t += (-Math.log(1 - rand()) * 1000) / rate;
    if (t >= ms) break;
    let text: string;
    if (rand() < 0.08) text = REPEATS[Math.floor(rand() * REPEATS.length)];
    else {
      const length = 4 + Math.floor(rand() * 27);
      text = '';
      while ([...text].length < length) {
        const pick = rand();
        if (pick < 0.45) text += CJK[Math.floor(rand() * CJK.length)];
        else if (pick < 0.9) text += (text && !text.endsWith(' ') ? ' ' : '') + LATIN[Math.floor(rand() * LATIN.length)];
        else text += EMOJI[Math.floor(rand() * EMOJI.length)];
      }
      text = [...text].slice(0, length).join('').trim() || '666';
    }
    const m = rand();
    out.push([Math.round(t * 10) / 10, text, m < 0.9 ? 'scroll' : m < 0.95 ? 'top' : 'bottom']);
  }
  return out;
}

async function bundle(): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'bench/barrage-page/entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    tsconfig: path.join(root, 'tsconfig.json'),
    // Lit's production build, as a page would ship it.
    conditions: ['production'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
html, body { margin: 0; background: #000; }
#stage { position: relative; width: 960px; height: 540px; overflow: hidden; background: #1d2330; font-family: system-ui, sans-serif; font-size: 20px; color: #fff; }
</style></head><body><div id="stage"></div></body></html>`;

export interface Row {
  engine: EngineName;
  rate: number;
  offered: number;
  shown: number;
  onScreenAtEnd: number;
  frames: number;
  frameP50: number;
  frameP95: number;
  frameMax: number;
  busyMsPerS: number;
  heapStartMB: number;
  heapEndMB: number;
  heapDeltaMB: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN;
}

/** Heap after a forced GC: V8's used heap plus the embedder (Blink/DOM) heap where reported. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  return usage.usedSize + (usage.embedderHeapUsedSize ?? 0);
}

async function run(page: Page, engine: EngineName, rate: number, script: string): Promise<Row> {
  await page.setContent(PAGE);
  await page.addScriptTag({ content: script });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  await page.evaluate(([e, speed]) => window.__bench.setup(e as EngineName, speed || undefined), [engine, process.env.BARRAGE_OURS_SPEED ?? ''] as const);
  const items = stream(rate, WARMUP_MS + SECONDS * 1000 + 500);
  await page.evaluate((s) => window.__bench.play(s), items);
  await page.waitForTimeout(WARMUP_MS);

  const heapStart = await heapAfterGc(cdp);
  const before = await page.evaluate(() => window.__bench.counters());
  const busyStart = await taskSeconds(cdp);
  const wallStart = performance.now();
  await page.evaluate(() => window.__bench.record(true));
  await page.waitForTimeout(SECONDS * 1000);
  const frames = await page.evaluate(() => window.__bench.record(false));
  const busyEnd = await taskSeconds(cdp);
  const wall = (performance.now() - wallStart) / 1000;
  const after = await page.evaluate(() => window.__bench.counters());
  await page.evaluate(() => window.__bench.stop());
  const heapEnd = await heapAfterGc(cdp);
  await cdp.detach();

  const intervals = frames
    .slice(1)
    .map((t, i) => t - frames[i])
    .sort((a, b) => a - b);
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;
  return {
    engine,
    rate,
    offered: after.offered - before.offered,
    shown: after.shown - before.shown,
    onScreenAtEnd: after.onScreen,
    frames: frames.length,
    frameP50: Math.round(percentile(intervals, 50) * 10) / 10,
    frameP95: Math.round(percentile(intervals, 95) * 10) / 10,
    frameMax: Math.round((intervals[intervals.length - 1] ?? NaN) * 10) / 10,
    busyMsPerS: Math.round(((busyEnd - busyStart) * 1000) / wall),
    heapStartMB: mb(heapStart),
    heapEndMB: mb(heapEnd),
    heapDeltaMB: mb(heapEnd - heapStart),
  };
}

function table(rows: Row[]): string {
  const head = ['rate/s', 'engine', 'offered', 'shown', 'on screen', 'frame p50', 'frame p95', 'frame max', 'busy ms/s', 'heap start', 'heap end', 'heap Δ'];
  const body = rows.map((r) => [
    String(r.rate),
    r.engine,
    String(r.offered),
    String(r.shown),
    String(r.onScreenAtEnd),
    `${r.frameP50} ms`,
    `${r.frameP95} ms`,
    `${r.frameMax} ms`,
    String(r.busyMsPerS),
    `${r.heapStartMB} MB`,
    `${r.heapEndMB} MB`,
    `${r.heapDeltaMB >= 0 ? '+' : ''}${r.heapDeltaMB} MB`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

export interface Check {
  target: string;
  pass: boolean;
  detail: string;
}

function checks(rows: Row[]): Check[] {
  const out: Check[] = [];
  const at = (engine: EngineName, rate: number) => rows.find((r) => r.engine === engine && r.rate === rate);
  const top = at('barrage-layer', 1000);
  if (top) {
    out.push({ target: 'barrage-layer @1000/s: frame interval p95 ≤ 20 ms', pass: top.frameP95 <= 20, detail: `${top.frameP95} ms` });
    out.push({ target: 'barrage-layer @1000/s: heap end − start ≤ 5 MB', pass: top.heapDeltaMB <= 5, detail: `${top.heapDeltaMB} MB` });
  }
  for (const rate of RATES) {
    const ours = at('barrage-layer', rate);
    const canvas = at('danmaku-canvas', rate);
    if (ours && canvas) {
      out.push({ target: `@${rate}/s: barrage-layer busy ms/s < danmaku canvas`, pass: ours.busyMsPerS < canvas.busyMsPerS, detail: `${ours.busyMsPerS} vs ${canvas.busyMsPerS}` });
    }
  }
  return out;
}

export async function benchBarrage(): Promise<{ rows: Row[]; checks: Check[] }> {
  const script = await bundle();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const rows: Row[] = [];
  try {
    for (const rate of RATES) {
      for (const engine of ENGINES) {
        // A fresh page (and context) for each engine and rate.
        const context = await browser.newContext({ viewport: { width: 1000, height: 600 } });
        const page = await context.newPage();
        page.on('pageerror', (error) => console.error(`[page error] ${engine} @${rate}/s: ${error.message}`));
        try {
          const row = await run(page, engine, rate, script);
          rows.push(row);
          console.log(`  ${engine.padEnd(14)} @${String(rate).padStart(4)}/s: p95 ${row.frameP95} ms, busy ${row.busyMsPerS} ms/s, heap Δ ${row.heapDeltaMB} MB, shown ${row.shown}/${row.offered}`);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  return { rows, checks: checks(rows) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`barrage: ${RATES.join(', ')} comments/s, ${SECONDS} s each after ${WARMUP_MS / 1000} s warm-up, 960×540, seed ${SEED}`);
  const result = await benchBarrage();
  console.log(`\n${table(result.rows)}\n`);
  for (const c of result.checks) console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.target}  (${c.detail})`);
  const out = writeResult('barrage', {
    bench: 'barrage',
    date: new Date().toISOString(),
    chromium: CHROMIUM_PATH,
    settings: { rates: RATES, seconds: SECONDS, warmupMs: WARMUP_MS, seed: SEED, stage: '960x540', fontPx: 20, speed: `danmaku: speed 144 (a ${(960 / 144).toFixed(3)} s crossing); barrage-layer: ${process.env.BARRAGE_OURS_SPEED || '144 px/s'}` },
    rows: result.rows,
    checks: result.checks,
  });
  console.log(`\nwrote ${out}`);
}
