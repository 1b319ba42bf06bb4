// The examples (plain HTML, React, Vue, Angular), built once and served by the real local server,
// in one Chromium: the plain page goes live as the anchor, the three framework apps watch the
// same room, and every comment typed in one page flies on the others. Each app also shows the
// last comment it sent, from its own framework's event binding (onBarrageSend, @barrage-send,
// (barrage-send)), and the gift it received (onGiftReceive…).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildExamples, BUILT_EXAMPLES, type BuiltExamples, type Example } from '../../scripts/examples.js';
import { createLocalServer } from '../../server/app.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, hasTile, randomRoom, statusText, waitUntil } from '../e2e/harness.js';

type LocalServer = Awaited<ReturnType<typeof createLocalServer>>;

describe('examples: plain HTML, React, Vue and Angular against the local server', () => {
  let out: string;
  let built: BuiltExamples;
  let server: LocalServer;
  let browser: Browser;
  const pages = new Map<Example, Page>();
  const problems: string[] = [];
  const room = randomRoom();

  async function open(example: Example, role: 'anchor' | 'audience', user: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`${example}: page error: ${error.message}`));
    page.on('console', (message) => {
      // NG0304 (unknown element), Vue's "Failed to resolve component" and React's warnings are errors or warnings.
      if (/^Failed to load resource/.test(message.text())) return; // reported with its URL below
      if (message.type() === 'error' || /NG0\d+|Failed to resolve component|Warning:/.test(message.text())) problems.push(`${example}: console ${message.type()}: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${example}: HTTP ${response.status()} for ${new URL(response.url()).pathname}`);
    });
    const server_ = `ws://127.0.0.1:${server.port}/ws`;
    await page.goto(`${server.url}/${built.pages[example]}?role=${role}&room=${room}&user=${user}&server=${encodeURIComponent(server_)}`);
    pages.set(example, page);
    return page;
  }

  before(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'live-elements-examples-'));
    const started = performance.now();
    built = await buildExamples(out);
    console.log(`built the examples in ${Math.round(performance.now() - started)} ms ${JSON.stringify(built.timings)}`);
    server = await createLocalServer({ port: 0, staticDir: built.dir });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('the plain HTML page (import map, no build) goes live as the anchor', async () => {
    const anchor = await open('html', 'anchor', 'ex_html_anchor');
    await waitUntil(anchor, async () => (await statusText(anchor)) === 'Preview', 'the anchor preview');
    await anchor.locator('live-room').getByRole('button', { name: 'Go live' }).click();
    await waitUntil(anchor, async () => (await anchor.evaluate(() => document.body.dataset.entered)) === 'true', 'the anchor to enter (enter-room)');
  });

  for (const example of BUILT_EXAMPLES) {
    it(`the ${example} app renders the room as a viewer with the anchor on stage`, async () => {
      const page = await open(example, 'audience', `ex_${example}`);
      await waitUntil(page, async () => (await page.locator('main').getAttribute('data-entered')) === 'true', `the ${example} viewer to enter (its enter-room binding)`);
      await waitUntil(page, () => hasTile(page, 'ex_html_anchor'), `the anchor's tile in the ${example} app`);
      assert.equal(await statusText(page), 'Live');
    });
  }

  it('a comment typed in each page flies on every other page, and each app saw its own send event', async () => {
    const order: Example[] = ['html', ...BUILT_EXAMPLES];
    for (const from of order) {
      const text = `hello from ${from} ${room}`;
      const input = pages.get(from)!.locator('barrage-layer input').first();
      await input.fill(text);
      await input.press('Enter');
      await pages.get(from)!.locator('[data-last-sent]').getByText(text).waitFor({ timeout: 10_000 });
      for (const to of order.filter((o) => o !== from)) {
        await pages.get(to)!.locator('barrage-layer').getByText(text).first().waitFor({ timeout: 10_000 });
      }
    }
  });

  it('a gift sent from the Vue app reaches the React and Angular apps’ onGiftReceive / (gift-receive)', async () => {
    const vue = pages.get('vue')!;
    const panel = vue.locator('gift-panel');
    await panel.getByRole('button', { name: 'Send a gift' }).click();
    await panel.locator('[part~="gift"]', { hasText: 'Rose' }).click();
    await panel.locator('[part~="send"]').click();
    for (const to of ['react', 'angular'] as const) {
      await pages.get(to)!.locator('[data-last-gift]').getByText(/×1$/).waitFor({ timeout: 10_000 });
    }
  });

  it('no page logged an error (unknown elements, failed imports, framework warnings)', () => {
    assert.deepEqual(problems, []);
  });
});
