/**
 * The Tencent engine with the REAL SDKs, in Chromium, with the network blocked:
 *
 * - "unreachable": every host but 127.0.0.1 fails to resolve (`--host-resolver-rules`) and every
 *   request elsewhere is aborted;
 * - "black hole": requests elsewhere are held forever and WebSockets open but never answer, the
 *   way a bad network hangs.
 *
 * Logging in (real chat SDK) and entering a room (real TRTC SDK) must fail with the kit's
 * TIMEOUT or SERVER_UNREACHABLE within the configured 3 s, `<live-room>` must say it in words,
 * and nothing may hang. The page is bundled with esbuild into a temp dir.
 *
 *   node --import tsx --test test/tencent/offline.test.ts
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createLocalServer } from '../../server/app.js';
import { ErrorCode } from '../../src/core/errors.js';
import type { Outcome } from './offline-page.js';
import { FAKE_TRTC_EVENT, FAKE_TRTC_TYPE } from './fake-sdk.js';
import { CHROMIUM_PATH as CHROMIUM } from '../chromium.js';

const root = resolve(import.meta.dirname, '../..');
const TIMEOUT_MS = 3000;
/** Time allowed beyond the configured timeout (scheduling, rendering). */
const SLACK_MS = 1500;
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

type Server = Awaited<ReturnType<typeof createLocalServer>>;

const isLocal = (url: string) => {
  try {
    const { hostname, protocol } = new URL(url);
    return hostname === '127.0.0.1' || protocol === 'data:' || protocol === 'blob:';
  } catch {
    return false;
  }
};

describe('Tencent engine with the real SDKs and no network', { timeout: 120_000 }, () => {
  let dir: string;
  let server: Server;
  const browsers: Browser[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tencent-offline-'));
    await build({
      absWorkingDir: root,
      entryPoints: { page: 'test/tencent/offline-page.ts' },
      outdir: dir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      tsconfig: join(root, 'tsconfig.json'),
      logLevel: 'warning',
    });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>offline</title><script type="module" src="./page.js"></script>');
    server = await createLocalServer({ port: 0, staticDir: dir });
  });

  after(async () => {
    for (const browser of browsers) await browser.close().catch(() => undefined);
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A page in a fresh browser with the network blocked one way or the other. */
  async function open(mode: 'unreachable' | 'black-hole'): Promise<{ page: Page; context: BrowserContext; external: string[]; errors: string[] }> {
    const args = mode === 'unreachable' ? [...FLAGS, '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'] : FLAGS;
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
    browsers.push(browser);
    const context = await browser.newContext();
    const external: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      external.push(url);
      if (mode === 'unreachable') return route.abort('internetdisconnected');
      // Black hole: never answer (the request stays pending until the page goes away).
    });
    await context.routeWebSocket(/.*/, (ws) => {
      if (isLocal(ws.url())) {
        ws.connectToServer();
        return;
      }
      external.push(ws.url());
      if (mode === 'unreachable') void ws.close({ code: 1006 }).catch(() => undefined);
      // Black hole: the socket opens and nothing ever comes back.
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    return { page, context, external, errors };
  }

  function check(outcome: Outcome, what: string, allowed: number[]): void {
    assert.ok(outcome.code !== undefined, `${what}: it should fail`);
    assert.ok(allowed.includes(outcome.code!), `${what}: code ${outcome.code} (${outcome.message}) should be one of ${allowed.join(', ')}`);
    assert.ok(outcome.took <= TIMEOUT_MS + SLACK_MS, `${what}: took ${Math.round(outcome.took)} ms, more than ${TIMEOUT_MS} + ${SLACK_MS}`);
    assert.match(outcome.message ?? '', /[A-Za-z]{3,} [A-Za-z]{3,}/, `${what}: the error has words`);
    assert.ok(outcome.ui.length > 10, `${what}: <live-room> shows the error (got ${JSON.stringify(outcome.ui)})`);
    assert.ok(outcome.ui.includes(outcome.message!.slice(0, 30)), `${what}: the UI shows the error’s words (got ${JSON.stringify(outcome.ui)})`);
    assert.equal(outcome.phase, 'idle', `${what}: the room is back to idle`);
  }

  for (const mode of ['unreachable', 'black-hole'] as const) {
    describe(mode, () => {
      it('logging in (real chat SDK) fails in time, in words, on screen', async () => {
        const { page, context, external, errors } = await open(mode);
        const outcome = await page.evaluate((ms) => (window as unknown as { __offline: { login(ms: number): Promise<Outcome> } }).__offline.login(ms), TIMEOUT_MS);
        console.log(`  ${mode} login: ${outcome.code} after ${Math.round(outcome.took)} ms — “${outcome.ui}”`);
        check(outcome, 'login', mode === 'black-hole' ? [ErrorCode.TIMEOUT] : [ErrorCode.TIMEOUT, ErrorCode.SERVER_UNREACHABLE]);
        assert.match(outcome.message!, /Tencent Cloud/);
        assert.ok(external.some((u) => /tencent|qcloud|qq\.com|im\./i.test(u)), `the chat SDK really tried the network (${external.slice(0, 3).join(', ')})`);
        assert.deepEqual(errors, [], 'no uncaught errors in the page');
        await context.close();
      });

      it('entering a room (real TRTC SDK) fails in time, in words, on screen; a second try too', async () => {
        const { page, context, external, errors } = await open(mode);
        const outcome = await page.evaluate((ms) => (window as unknown as { __offline: { enter(ms: number): Promise<Outcome> } }).__offline.enter(ms), TIMEOUT_MS);
        console.log(`  ${mode} enter: ${outcome.code} after ${Math.round(outcome.took)} ms — “${outcome.ui}”`);
        check(outcome, 'entering', mode === 'black-hole' ? [ErrorCode.TIMEOUT] : [ErrorCode.TIMEOUT, ErrorCode.SERVER_UNREACHABLE]);
        assert.match(outcome.message!, /Tencent RTC/);
        assert.ok(outcome.again, 'a second try ran');
        assert.equal(outcome.again.code, outcome.code, `the second try fails the same way (${outcome.again.message})`);
        assert.ok(outcome.again.took <= TIMEOUT_MS + SLACK_MS, `the second try took ${Math.round(outcome.again.took)} ms`);
        assert.ok(external.some((u) => /trtc|tencent|qcloud|qq\.com/i.test(u)), `TRTC really tried the network (${external.slice(0, 3).join(', ')})`);
        assert.deepEqual(errors, [], 'no uncaught errors in the page');
        await context.close();
      });
    });
  }

  it('the effects plugins fetched on demand register with the real SDK (use), which then knows them', async () => {
    const { page, context, errors } = await open('unreachable');
    const outcome = await page.evaluate(() => (window as unknown as { __offline: { pluginsOnDemand(): Promise<Record<string, { before: string; after: string; used?: string }>> } }).__offline.pluginsOnDemand());
    for (const [name, { before, used, after }] of Object.entries(outcome)) {
      console.log(`  ${name}: before use → “${before}”; use → ${used}; after → “${after}”`);
      assert.match(before, /not found|not registered/i, `${name}: the SDK does not know it before use()`);
      assert.equal(used, 'ok', `${name}: use() takes the plugin`);
      assert.notEqual(after, before, `${name}: the SDK answers differently once the plugin is registered`);
    }
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
    await context.close();
  });

  it('the SDK fakes use the real TRTC constants', async () => {
    const { page, context } = await open('unreachable');
    const real = await page.evaluate(() => (window as unknown as { __offline: { trtcConstants(): Promise<{ EVENT: Record<string, string>; TYPE: Record<string, string> }> } }).__offline.trtcConstants());
    for (const [key, value] of Object.entries(FAKE_TRTC_EVENT)) assert.equal(real.EVENT[key], value, `TRTC.EVENT.${key}`);
    for (const [key, value] of Object.entries(FAKE_TRTC_TYPE)) assert.equal(real.TYPE[key], value, `TRTC.TYPE.${key}`);
    await context.close();
  });
});
