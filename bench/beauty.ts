// Beauty bench: per-frame processing time of the beauty stage and the frame rate it holds, at
// 640×480 and 1280×720, in headless Chromium with the fake camera (20 fps), every effect on
// (smoothing 5, brightening 5, rosy 3, sharpness 3, the warm LUT at 0.5: the worst case).
//
// The effects module is bundled with esbuild and loaded into a blank page on 127.0.0.1; the
// page captures the camera, puts a ProcessingStage on it, and drives a LocalBeautyManager as the
// engine does. Reported per size and renderer:
//   - p50 / p95 of the time from a camera frame to its processed VideoFrame (ms),
//   - fps: processed frames per second (the camera gives 20; frames that arrive while one is
//     being processed are dropped by the track processor, not queued),
//   - shown: frames a <video> playing the processed track presented per second.
// `auto` is what the kit picks here (on a machine without a GPU: the CPU renderer, because WebGL
// is SwiftShader); `webgl` forces the shader for comparison.
//
//   npx tsx bench/beauty.ts       (or npm run bench -- beauty)
// Writes bench/results/beauty.json.
import { writeResult } from './_results.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../test/e2e/harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MEASURE_MS = Number(process.env.BEAUTY_MEASURE_MS ?? 5000);

export interface BeautyRow {
  size: string;
  source: 'camera' | 'canvas';
  renderer: string;
  pipeline: string;
  p50: number;
  p95: number;
  fps: number;
  /** The source's nominal frame rate. */
  cameraFps: number;
  shownFps: number;
  frames: number;
}

interface PageRun {
  width: number;
  height: number;
  renderer: 'auto' | 'webgl' | 'cpu';
  measureMs: number;
}

/** Runs in the page (tsx names inner functions with a `__name` helper: the page gets a stub of it). */
async function runInPage(run: PageRun): Promise<Omit<BeautyRow, 'size'> & { actual: string }> {
  const fx = (window as unknown as { LiveEffects: typeof import('../src/core/effects/index.js') }).LiveEffects;
  let source: 'camera' | 'canvas' = 'camera';
  let input = await navigator.mediaDevices.getUserMedia({ video: { width: { exact: run.width }, height: { exact: run.height }, frameRate: 20 } }).catch(() => null);
  let paint: ReturnType<typeof setInterval> | undefined;
  if (!input) {
    // The fake device would not give this size: frames from a canvas instead.
    source = 'canvas';
    const canvas = document.createElement('canvas');
    canvas.width = run.width;
    canvas.height = run.height;
    const g = canvas.getContext('2d')!;
    let n = 0;
    paint = setInterval(() => {
      g.fillStyle = `hsl(${(n += 3) % 360} 60% 55%)`;
      g.fillRect(0, 0, run.width, run.height);
      g.fillStyle = '#fff';
      g.fillRect((n * 7) % run.width, run.height / 3, 80, 80);
    }, 50);
    input = canvas.captureStream(20);
  }
  const settings = input.getVideoTracks()[0].getSettings();
  const stage = new fx.ProcessingStage();
  const output = (await stage.setInput(input))!;
  const manager = new fx.LocalBeautyManager(fx.stageHost(stage), { renderer: run.renderer });
  await manager.setBeautyLevel(5);
  await manager.setWhitenessLevel(5);
  await manager.setRuddyLevel(3);
  await manager.setSharpnessLevel(3);
  await manager.setFilter('warm');
  await manager.setFilterStrength(0.5);
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([output.getVideoTracks()[0]]);
  document.body.append(video);
  await video.play();
  let shown = 0;
  let counting = false;
  const onFrame = () => {
    if (counting) shown++;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  await new Promise((r) => setTimeout(r, 2000)); // warm-up (JIT, shader compile, LUT tables)
  manager.resetFrameStats();
  counting = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, run.measureMs));
  const seconds = (performance.now() - started) / 1000;
  counting = false;
  const stats = manager.frameStats();
  const sorted = [...stats.samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
  manager.dispose();
  stage.dispose();
  clearInterval(paint);
  input.getTracks().forEach((t) => t.stop());
  video.remove();
  return {
    source,
    actual: `${settings.width}×${settings.height}@${settings.frameRate ?? '?'}`,
    renderer: stats.renderer,
    pipeline: stats.pipeline,
    p50: Math.round(at(0.5) * 10) / 10,
    p95: Math.round(at(0.95) * 10) / 10,
    fps: Math.round((stats.frames / seconds) * 10) / 10,
    cameraFps: Number(settings.frameRate ?? 0),
    shownFps: Math.round((shown / seconds) * 10) / 10,
    frames: stats.frames,
  };
}

export async function benchBeauty(): Promise<BeautyRow[]> {
  const bundle = await build({ entryPoints: [path.join(root, 'src/core/effects/index.ts')], bundle: true, format: 'iife', globalName: 'LiveEffects', write: false, target: 'es2022', logLevel: 'silent' });
  const script = bundle.outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url === '/effects.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(script);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><html><body><script src="/effects.js"></script></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required'] });
  const rows: BeautyRow[] = [];
  try {
    for (const [width, height] of [
      [640, 480],
      [1280, 720],
    ]) {
      for (const renderer of ['auto', 'webgl'] as const) {
        const page = await browser.newPage();
        page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
        await page.addInitScript({ content: 'window.__name = (f) => f;' });
        await page.goto(url);
        const result = await page.evaluate(runInPage, { width, height, renderer, measureMs: MEASURE_MS });
        await page.close();
        const { actual, ...row } = result;
        rows.push({ size: `${width}×${height}`, ...row });
        console.log(
          `${`${width}×${height}`.padEnd(9)} ${renderer === 'auto' ? `auto→${row.renderer}` : row.renderer}`.padEnd(20) +
            ` p50 ${String(row.p50).padStart(6)} ms  p95 ${String(row.p95).padStart(6)} ms  fps ${String(row.fps).padStart(5)} of ${row.cameraFps} (shown ${row.shownFps})  [${row.source} ${actual}, ${row.pipeline}]`,
        );
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`beauty stage, every effect on, headless Chromium (${MEASURE_MS} ms per run after a 2 s warm-up):`);
  const rows = await benchBeauty();
  writeResult('beauty', { bench: 'beauty', measuredMs: MEASURE_MS, rows });
}
