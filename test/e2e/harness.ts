/**
 * Multi-page end-to-end harness: the real local server (serving the built demo) and Debian's
 * Chromium driven by playwright-core, each page a separate user with a fake camera and mic.
 */
import { existsSync } from 'node:fs';
import { after, afterEach, before } from 'node:test';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createLocalServer } from '../../server/app.js';
import { CHROMIUM_PATH } from '../chromium.js';
import { callEventNames } from '../../src/core/store/call-store.js';
import { liveRoomEventNames } from '../../src/core/store/live-room-types.js';

const root = resolve(import.meta.dirname, '../..');

export { CHROMIUM_PATH };

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

export type LocalServer = Awaited<ReturnType<typeof createLocalServer>>;

export interface Stack {
  server: LocalServer;
  browser: Browser;
  contexts: BrowserContext[];
  /** Opens a demo page as a new user (own browser context). Records the page's live-room events. */
  open(path: string): Promise<Page>;
  /** Closes every page opened so far (between tests, so that finished tests cost no CPU). */
  closePages(): Promise<void>;
  /** Stops the server, waits `downMs`, and starts a fresh one on the same port and secret (all state lost). */
  restartServer(downMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(options: { extraFlags?: string[]; dropFlags?: string[] } = {}): Promise<Stack> {
  const staticDir = resolve(root, 'demo-dist');
  if (!existsSync(resolve(staticDir, 'anchor.html'))) throw new Error('demo-dist is missing: run `npm run build:demo` first');
  let server = await createLocalServer({ port: 0, staticDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_FLAGS.filter((f) => !options.dropFlags?.includes(f)), ...(options.extraFlags ?? [])] });
  const contexts: BrowserContext[] = [];
  return {
    get server() {
      return server;
    },
    browser,
    contexts,
    async restartServer(downMs: number) {
      const { port, secret } = server;
      await server.close();
      await new Promise((r) => setTimeout(r, downMs));
      server = await createLocalServer({ port, secret, staticDir });
    },
    async open(path: string) {
      const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.addInitScript(recordEvents, [...new Set([...liveRoomEventNames, ...callEventNames])]);
      page.on('pageerror', (error) => console.error(`[page error] ${path}: ${error.message}`));
      await page.goto(`${server.url}/${path.replace(/^\//, '')}`);
      return page;
    },
    async closePages() {
      for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

/**
 * The stack of one `describe`: started before its tests, its pages closed after each test, and
 * everything stopped after the last. Call it at the top of the `describe`; the returned object
 * stands for the running stack.
 */
export function useStack(options: Parameters<typeof startStack>[0] = {}): Stack {
  let current: Stack | undefined;
  before(async () => {
    current = await startStack(options);
  });
  after(async () => {
    await current?.close();
  });
  afterEach(async () => {
    await current?.closePages();
  });
  const live = (): Stack => {
    if (!current) throw new Error('the e2e stack is not started yet (use it inside a test)');
    return current;
  };
  return {
    get server() {
      return live().server;
    },
    get browser() {
      return live().browser;
    },
    get contexts() {
      return live().contexts;
    },
    open: (path) => live().open(path),
    closePages: () => live().closePages(),
    restartServer: (downMs) => live().restartServer(downMs),
    close: () => live().close(),
  };
}

/** Runs in every page before its scripts: keeps the kit's events in `window.__events`. */
function recordEvents(names: string[]): void {
  const log: Array<{ type: string; detail: unknown; at: number }> = [];
  (window as unknown as { __events: typeof log }).__events = log;
  for (const name of names) {
    document.addEventListener(name, (event) => log.push({ type: name, detail: (event as CustomEvent).detail, at: performance.now() }), true);
  }
}

export async function events(page: Page, type: string): Promise<Array<{ type: string; detail: any }>> {
  return page.evaluate((t) => (window as unknown as { __events: Array<{ type: string; detail: unknown }> }).__events.filter((e) => e.type === t), type);
}

export async function waitForEvent(page: Page, type: string, predicate: (detail: any) => boolean = () => true, timeoutMs = 15_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await events(page, type)).find((e) => predicate(e.detail));
    if (found) return found.detail;
    if (Date.now() > deadline) throw new Error(`timed out waiting for “${type}” on ${page.url()}`);
    await page.waitForTimeout(100);
  }
}

/** What a person would see of one user's video, wherever it is on the page (through shadow roots). */
export async function tileVideo(page: Page, userId: string): Promise<{ width: number; height: number; time: number; paused: boolean } | null> {
  // No named inner functions here: tsx would wrap them in a `__name` helper the page lacks.
  return page.evaluate((id) => {
    const roots: Array<Document | ShadowRoot> = [document];
    let video: HTMLVideoElement | null = null;
    while (roots.length && !video) {
      const root = roots.shift()!;
      video = root.querySelector<HTMLVideoElement>(`video[data-user-id="${CSS.escape(id)}"]`);
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return video ? { width: video.videoWidth, height: video.videoHeight, time: video.currentTime, paused: video.paused } : null;
  }, userId);
}

/** Waits until `userId`'s video has frames and its time advances. */
export async function expectVideoPlaying(page: Page, userId: string, timeoutMs = 20_000): Promise<{ width: number; advancedBy: number }> {
  const deadline = Date.now() + timeoutMs;
  let first: { width: number; time: number } | undefined;
  for (;;) {
    const v = await tileVideo(page, userId);
    if (v && v.width > 0 && !v.paused) {
      if (!first) first = { width: v.width, time: v.time };
      else if (v.time > first.time + 0.2) return { width: v.width, advancedBy: v.time - first.time };
    }
    if (Date.now() > deadline) throw new Error(`video of ${userId} is not playing on ${page.url()}: ${JSON.stringify(v)}`);
    await page.waitForTimeout(150);
  }
}

/** The text a person reads in the room's status chip. */
export async function statusText(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('live-room')?.shadowRoot?.querySelector('[part~="status"]')?.textContent?.trim() ?? '');
}

/** Calls a method of the store of the page's `<live-room>` (or `<call-panel>`); resolves with its result or `{ error: { code, message } }`. */
export async function callStore(page: Page, method: string, ...args: unknown[]): Promise<any> {
  return page.evaluate(
    async ([m, a]) => {
      const store = (document.querySelector('live-room, call-panel') as unknown as { store: Record<string, (...x: unknown[]) => unknown> }).store;
      try {
        const result = await store[m as string](...(a as unknown[]));
        return result === undefined ? null : JSON.parse(JSON.stringify(result));
      } catch (error) {
        const e = error as { code?: number; message?: string };
        return { error: { code: e.code, message: e.message } };
      }
    },
    [method, args] as const,
  );
}

/** A slice of the page's store state (JSON-safe). */
export async function roomState(page: Page): Promise<any> {
  return page.evaluate(() => {
    const store = (document.querySelector('live-room, call-panel') as unknown as { store: { getState(): unknown } }).store;
    return JSON.parse(JSON.stringify(store.getState(), (key, value) => (key === 'localStream' ? undefined : value)));
  });
}

/** Whether a tile for `userId` is on the stage. */
export async function hasTile(page: Page, userId: string): Promise<boolean> {
  return page.evaluate((id) => [...(document.querySelector('live-room')?.shadowRoot?.querySelectorAll('live-video-tile') ?? [])].some((t) => t.getAttribute('user-id') === id), userId);
}

export async function waitUntil(page: Page, check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} on ${page.url()} (status: “${await statusText(page).catch(() => '?')}”)`);
    await page.waitForTimeout(100);
  }
}

/** Opens the anchor page for `room` as `user` and goes live by clicking, as a person would. */
export async function goLive(stack: Stack, room: number, user: string): Promise<Page> {
  const page = await stack.open(`anchor.html?room=${room}&user=${user}`);
  await waitUntil(page, async () => (await statusText(page)) === 'Preview', 'the anchor preview');
  await page.locator('live-room').getByRole('button', { name: 'Go live' }).click();
  await waitForEvent(page, 'enter-room', (d) => d.result > 0);
  await waitUntil(page, async () => (await roomState(page)).publishing === true, 'the anchor to publish');
  return page;
}

/** Opens the viewer page for `room` as `user` and waits until it entered. */
export async function watch(stack: Stack, room: number, user: string): Promise<Page> {
  const page = await stack.open(`viewer.html?room=${room}&user=${user}`);
  await waitForEvent(page, 'enter-room', (d) => d.result > 0);
  return page;
}

export function randomRoom(): number {
  return 10_000 + Math.floor(Math.random() * 1_000_000);
}

/** Audio packets and video frames received by this page from `userId` so far (local engine). */
export async function inbound(page: Page, userId: string): Promise<{ audioPackets: number; videoFrames: number; audioLevel: number }> {
  return page.evaluate(async (id) => {
    const store = (document.querySelector('live-room, call-panel') as unknown as { store: { session: { engines: { media: { inboundStats(u: string): Promise<{ audioPackets: number; videoFrames: number; audioLevel: number }> } } } } }).store;
    return store.session.engines.media.inboundStats(id);
  }, userId);
}
