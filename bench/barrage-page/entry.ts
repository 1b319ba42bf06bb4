/**
 * The page side of bench/barrage.ts, bundled by esbuild into one script: sets up one engine on
 * a 960×540 stage, replays a given comment stream at its times, and records rAF timestamps.
 * Everything the driver and the recorder do is the same for every engine.
 */
import DanmakuCanvas from 'danmaku/dist/esm/danmaku.canvas.js';
import DanmakuDom from 'danmaku/dist/esm/danmaku.dom.js';
import '../../src/barrage-layer.js';
import type { BarrageLayer } from '../../src/components/barrage-layer/barrage-layer.js';

export type EngineName = 'barrage-layer' | 'danmaku-dom' | 'danmaku-canvas';
export type StreamItem = [at: number, text: string, mode: 'scroll' | 'top' | 'bottom'];

interface Counters {
  offered: number;
  shown: number;
  onScreen: number;
}

/**
 * 144 px/s: danmaku's default `speed`, which it turns into a crossing time (stage / 144 s: a
 * comment of width w moves at (stage + w) / that time, 144–230 px/s here). Ours uses it as a
 * constant speed (its default mode), so its comments move no faster and stay on screen at
 * least as long: no less work for it. BARRAGE_OURS_SPEED="6.667s" gives it danmaku's semantics.
 */
const SPEED = 144;
const FONT_PX = 20;

let offered = 0;
let emit: (item: StreamItem) => void = () => undefined;
let counters: () => Counters = () => ({ offered, shown: 0, onScreen: 0 });

function setup(engine: EngineName, oursSpeed?: string): void {
  const stage = document.getElementById('stage')!;
  if (engine === 'barrage-layer') {
    const el = document.createElement('barrage-layer') as BarrageLayer;
    el.setAttribute('no-input', '');
    el.setAttribute('area', '1');
    el.setAttribute('font-size', String(FONT_PX));
    el.setAttribute('speed', oursSpeed ?? String(SPEED));
    stage.append(el);
    emit = ([, text, mode]) => {
      el.emit({ text, mode });
    };
    counters = () => ({ offered, shown: el.stats.shown, onScreen: el.stats.onScreen });
    return;
  }
  const Danmaku = engine === 'danmaku-dom' ? DanmakuDom : DanmakuCanvas;
  const d = new Danmaku({ container: stage, engine: engine === 'danmaku-dom' ? 'dom' : 'canvas', speed: SPEED });
  // danmaku shows every comment (overlapping when it runs out of room); count what it actually
  // started rendering: each goes through `runningList.push` once.
  const inner = (d as unknown as { _: { runningList: unknown[] } })._;
  let shown = 0;
  const list = inner.runningList;
  list.push = function push(...items: unknown[]) {
    shown += items.length;
    return Array.prototype.push.apply(this, items);
  };
  const domStyle = { fontSize: `${FONT_PX}px`, color: '#fff', textShadow: '0 0 1px #000, 0 0 2px #000' } as Partial<CSSStyleDeclaration>;
  const canvasStyle = { font: `${FONT_PX}px system-ui, sans-serif`, fillStyle: '#fff', strokeStyle: '#000', lineWidth: 2, textBaseline: 'bottom' } as unknown as CanvasRenderingContext2D;
  const modes = { scroll: 'rtl', top: 'top', bottom: 'bottom' } as const;
  emit = ([, text, mode]) => {
    d.emit({ text, mode: modes[mode], style: engine === 'danmaku-dom' ? { ...domStyle } : canvasStyle });
  };
  counters = () => ({ offered, shown, onScreen: inner.runningList.length });
}

let driver: ReturnType<typeof setInterval> | undefined;

/** Replays `stream` (times in ms from now) from a 5 ms interval, emitting everything due. */
function play(stream: StreamItem[]): void {
  const start = performance.now();
  let next = 0;
  clearInterval(driver);
  driver = setInterval(() => {
    const t = performance.now() - start;
    while (next < stream.length && stream[next][0] <= t) {
      emit(stream[next++]);
      offered++;
    }
    if (next >= stream.length) clearInterval(driver);
  }, 5);
}

function stop(): void {
  clearInterval(driver);
  driver = undefined;
}

// rAF timestamps go into a preallocated buffer: the recorder allocates nothing while it runs.
const frames = new Float64Array(4096);
let frameCount = 0;
let recording = false;
function onFrame(time: number): void {
  if (recording && frameCount < frames.length) frames[frameCount++] = time;
  requestAnimationFrame(onFrame);
}
requestAnimationFrame(onFrame);

function record(on: boolean): number[] {
  if (on) {
    frameCount = 0;
    recording = true;
    return [];
  }
  recording = false;
  return Array.from(frames.subarray(0, frameCount));
}

declare global {
  interface Window {
    __bench: {
      setup: typeof setup;
      play: typeof play;
      stop: typeof stop;
      record: typeof record;
      counters: () => Counters;
      memory: () => number;
    };
  }
}

window.__bench = {
  setup,
  play,
  stop,
  record,
  counters: () => counters(),
  memory: () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
};
