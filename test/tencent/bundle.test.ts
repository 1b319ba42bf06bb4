/**
 * What the Tencent engine puts into builds, and what it keeps out:
 *
 * - the local-engine demo build (vite, `vite.demo.config.ts`, as `npm run build:demo` makes it)
 *   holds no byte of either SDK: no chunk, not even a lazy one;
 * - a build with the Tencent engine enabled holds the SDKs only in separate lazy chunks
 *   (vite and esbuild alike); the first download stays SDK-free;
 * - neither the library build (`vite.config.ts`, dist/) nor the demo builds contain the
 *   Tencent secret key, or even the name `TENCENT_SECRET_KEY`, although it is in the
 *   environment while they build.
 *
 * Builds go to temp dirs (not demo-dist/ or dist/), so this runs alongside other work.
 *
 *   node --import tsx --test test/tencent/bundle.test.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build as viteBuild, type Rollup } from 'vite';
import { bundleDemo } from '../../bench/tencent-size.js';
import { loadTencentConfig } from '../../server/usersig-service.js';

const root = resolve(import.meta.dirname, '../..');

/** Strings found in the SDKs' code and nowhere in the kit's own (checked below). */
const SDK_MARKERS = ['trtc.rtc.qq.com', 'DEVICE_NOT_FOUND_ERROR', 'remote-user-enter', 'tim.qq.com', 'TencentCloudChat.VERSION', 'sdkStateReady', 'TIMTextElem'];
/** Traces of the Tencent adapters themselves (a build without the engine has none). */
const ADAPTER_MARKERS = ['TRTC.create', 'TencentCloudChat', 'CrossRoom'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function hits(text: string, needles: string[]): string[] {
  return needles.filter((n) => text.includes(n));
}

describe('Tencent engine: bundles and secrets', { timeout: 180_000 }, () => {
  const scratch: string[] = [];
  const secret = `test-secret-${randomBytes(16).toString('hex')}`;
  const saved = { id: process.env.TENCENT_SDK_APP_ID, key: process.env.TENCENT_SECRET_KEY };
  /** Strings no browser build may contain. */
  const forbidden = [secret, 'TENCENT_SECRET_KEY'];

  before(() => {
    process.env.TENCENT_SDK_APP_ID = '1400000042';
    process.env.TENCENT_SECRET_KEY = secret;
    // A developer's real key, if their .env has one, must not leak either (never printed).
    const real = loadTencentConfig({ env: {} });
    if (real) forbidden.push(real.secretKey);
  });
  after(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    if (saved.id === undefined) delete process.env.TENCENT_SDK_APP_ID;
    else process.env.TENCENT_SDK_APP_ID = saved.id;
    if (saved.key === undefined) delete process.env.TENCENT_SECRET_KEY;
    else process.env.TENCENT_SECRET_KEY = saved.key;
  });

  const temp = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), `tencent-${name}-`));
    scratch.push(dir);
    return dir;
  };

  it('the markers are the SDKs’ own: present in the SDK files, absent from the kit’s sources', () => {
    const sdk = ['trtc-sdk-v5/trtc.esm.js', '@tencentcloud/chat/index.es.js'].map((f) => readFileSync(join(root, 'node_modules', f), 'utf8')).join('\n');
    for (const marker of SDK_MARKERS) assert.ok(sdk.includes(marker), `${marker} is in the SDKs`);
    for (const marker of ['TRTC.create', 'TencentCloudChat']) assert.ok(sdk.includes(marker), `${marker} is in the SDKs`);
    const ours = filesUnder(join(root, 'src'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    assert.deepEqual(hits(ours, SDK_MARKERS), [], 'no marker in src/');
  });

  it('local-engine demo build (vite.demo.config.ts): no SDK code, no adapter, no secret', async () => {
    const outDir = temp('demo');
    await viteBuild({ configFile: join(root, 'vite.demo.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
    const files = filesUnder(outDir);
    assert.ok(files.some((f) => f.endsWith('.js')), 'the demo build has scripts');
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(hits(text, [...SDK_MARKERS, ...ADAPTER_MARKERS]), [], `${relative(outDir, file)} holds SDK or adapter code`);
      assert.equal(hits(text, forbidden).length, 0, `${relative(outDir, file)} holds the secret or its name`);
    }
  });

  it('library build (vite.config.ts → dist): no secret; the SDKs stay external', async () => {
    const outDir = temp('dist');
    await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
    for (const file of filesUnder(outDir)) {
      const text = readFileSync(file, 'utf8');
      assert.equal(hits(text, forbidden).length, 0, `${relative(outDir, file)} holds the secret or its name`);
      assert.deepEqual(hits(text, SDK_MARKERS), [], `${relative(outDir, file)} holds SDK code`);
    }
  });

  it('vite build with the Tencent engine enabled: the SDKs are separate lazy chunks; no secret', async () => {
    const dir = temp('vite-tencent');
    const html = join(root, 'test/tencent/.tencent-demo.html');
    const entry = join(root, 'test/tencent/.tencent-demo-entry.ts');
    writeFileSync(entry, `import '../../demo/demo.ts';\nimport { enableTencentEngine } from '../../src/core/engines/tencent/index.ts';\nenableTencentEngine();\n`);
    writeFileSync(html, '<!doctype html><script type="module" src="./.tencent-demo-entry.ts"></script>');
    try {
      const result = (await viteBuild({
        configFile: false,
        root: join(root, 'test/tencent'),
        logLevel: 'silent',
        build: { outDir: dir, emptyOutDir: true, sourcemap: false, target: 'es2022', rollupOptions: { input: html } },
      })) as Rollup.RollupOutput | Rollup.RollupOutput[];
      const output = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
      const byName = new Map(output.map((c) => [c.fileName, c]));
      const entryChunk = output.find((c) => c.isEntry)!;
      const initial = new Set<string>();
      const stack = [entryChunk.fileName];
      while (stack.length) {
        const name = stack.pop()!;
        if (initial.has(name)) continue;
        initial.add(name);
        stack.push(...(byName.get(name)?.imports ?? []));
      }
      const sdkChunks = output.filter((c) => Object.keys(c.modules).some((m) => /node_modules\/(trtc-sdk-v5|@tencentcloud\/chat)\//.test(m)));
      assert.ok(sdkChunks.some((c) => Object.keys(c.modules).some((m) => m.includes('trtc-sdk-v5'))), 'a TRTC chunk exists');
      assert.ok(sdkChunks.some((c) => Object.keys(c.modules).some((m) => m.includes('@tencentcloud/chat'))), 'a Chat chunk exists');
      for (const chunk of sdkChunks) {
        assert.ok(!initial.has(chunk.fileName), `${chunk.fileName} (SDK) must not be in the first download`);
        assert.ok(chunk.isDynamicEntry, `${chunk.fileName} (SDK) is loaded with import()`);
        assert.ok(!Object.keys(chunk.modules).some((m) => m.startsWith(join(root, 'src'))), `${chunk.fileName} holds SDK code only`);
      }
      for (const name of initial) assert.deepEqual(hits(byName.get(name)!.code, SDK_MARKERS), [], `${name} (first download) holds SDK code`);
      for (const chunk of output) assert.equal(hits(chunk.code, forbidden).length, 0, `${chunk.fileName} holds the secret or its name`);
    } finally {
      rmSync(html, { force: true });
      rmSync(entry, { force: true });
    }
  });

  it('esbuild, both ways (bench/tencent-size.ts): local has no SDK bytes; Tencent’s are lazy only', async () => {
    const local = await bundleDemo('local');
    assert.deepEqual(local.sdkInMain, []);
    assert.equal(local.sdkChunks.trtc.length + local.sdkChunks.chat.length, 0, 'no SDK chunk at all in the local build');
    for (const [file, data] of local.contents) assert.deepEqual(hits(Buffer.from(data).toString('utf8'), [...SDK_MARKERS, ...ADAPTER_MARKERS]), [], `${file} holds SDK or adapter code`);
    const tencent = await bundleDemo('tencent');
    assert.deepEqual(tencent.sdkInMain, [], 'no SDK module in the first download');
    assert.ok(tencent.sdkChunks.trtc.length >= 1 && tencent.sdkChunks.chat.length >= 1, 'lazy TRTC and Chat chunks');
    const lazyTrtc = tencent.sdkChunks.trtc.reduce((a, f) => a + f.gzip, 0);
    const lazyChat = tencent.sdkChunks.chat.reduce((a, f) => a + f.gzip, 0);
    console.log(`  local main ${(local.main.gzip / 1024).toFixed(1)} KB gzip; with Tencent main ${(tencent.main.gzip / 1024).toFixed(1)} KB, lazy TRTC ${(lazyTrtc / 1024).toFixed(1)} KB, lazy Chat ${(lazyChat / 1024).toFixed(1)} KB`);
    assert.ok(tencent.main.gzip - local.main.gzip < 20 * 1024, 'the adapters add under 20 KB gzip to the first download');
  });
});
