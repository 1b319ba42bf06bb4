// What the Tencent engine costs, and what it does not cost a page on the local engine.
//
// The demo entry (demo/demo.ts) is bundled with esbuild twice (ESM, minified, es2022, splitting,
// tsconfig.json respected, gzip -9 per file), against the BUILT package: its imports of the kit's
// src/ entries (`../src/index.js`, `../src/core/engines/tencent/index.js`) are redirected to the
// package's public names (`live-elements`, `live-elements/tencent`), which resolve to dist/ through
// package.json "exports" (`npm run build` first when dist/ is missing or stale):
//
//   local    demo/demo.ts as it is: the local engine only
//   tencent  demo/demo.ts + enableTencentEngine() (live-elements/tencent)
//
// "main" is the entry plus everything it imports statically (what a page downloads first);
// "lazy" is what only dynamic import() reaches. For the tencent build the lazy chunks are split
// by what they hold: TRTC (trtc-sdk-v5 + its plugins + webrtc-adapter) and Chat
// (@tencentcloud/chat core + group module). The local build must have no SDK bytes at all.
//
//   npx tsx bench/tencent-size.ts        (also part of `npm run bench`)
// Writes bench/results/tencent-size.json.
import { writeResult } from './_results.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, version as esbuildVersion, type Metafile, type Plugin } from 'esbuild';
import { consumer, CONSUMER_BUILD, ensureBuilt, pkg, root, specifierForSource, splitOutputs } from './_dist.js';

/** Redirects imports of the kit's src/ entry files to the package's public names (dist/). */
function useBuiltPackage(from: string): Plugin {
  return {
    name: 'use-built-package',
    setup(b) {
      b.onResolve({ filter: /\/src\// }, async (args) => {
        if (args.kind === 'entry-point' || args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const absolute = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
        const srcFile = path.relative(root, absolute).split(path.sep).join('/');
        if (!srcFile.startsWith('src/')) return undefined;
        const specifier = specifierForSource(srcFile);
        if (!specifier) return { errors: [{ text: `${srcFile} is not a public entry of ${pkg.name} (no package.json export builds it)` }] };
        return b.resolve(specifier, { kind: args.kind, resolveDir: from });
      });
    },
  };
}

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  /** Which SDK code the file holds, if any. */
  sdk: Array<'trtc' | 'chat'>;
}

export interface DemoBundle {
  variant: 'local' | 'tencent';
  main: { raw: number; gzip: number; files: FileSize[] };
  lazy: { raw: number; gzip: number; files: FileSize[] };
  /** Lazy chunks holding SDK code, by SDK. */
  sdkChunks: { trtc: FileSize[]; chat: FileSize[] };
  /** SDK source files that ended up in main (must be none). */
  sdkInMain: string[];
  contents: Map<string, Uint8Array>;
  metafile: Metafile;
}

function sdkOf(input: string): 'trtc' | 'chat' | undefined {
  if (/node_modules\/(trtc-sdk-v5|webrtc-adapter|sdp)\//.test(input)) return 'trtc';
  if (/node_modules\/@tencentcloud\/chat\//.test(input)) return 'chat';
  return undefined;
}

/** Bundles the demo entry, with or without the Tencent engine enabled. */
/**
 * Bundles the demo entry, with or without the Tencent engine enabled. `from: 'dist'` (what the
 * bench reports) bundles the built package, and needs an up-to-date dist/ (run() builds it);
 * `from: 'src'` bundles the sources as they are, without touching dist/ (test/tencent uses it).
 */
export async function bundleDemo(variant: 'local' | 'tencent', { from = 'src' }: { from?: 'dist' | 'src' } = {}): Promise<DemoBundle> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'tencent-size-'));
  const { dir, cleanup } = consumer();
  try {
    const entry = path.join(scratch, 'entry.ts');
    // enableTencentEngine() called here, like the demo does when built for Tencent.
    const tencentIndex = from === 'dist' ? `${pkg.name}/tencent` : path.join(root, 'src/core/engines/tencent/index.ts');
    const lines = [`import ${JSON.stringify(path.join(root, 'demo/demo.ts'))};`];
    if (variant === 'tencent') lines.push(`import { enableTencentEngine } from ${JSON.stringify(tencentIndex)};`, 'enableTencentEngine();');
    writeFileSync(entry, lines.join('\n') + '\n');
    const outdir = path.join(scratch, 'out');
    const result = await build({
      absWorkingDir: root,
      entryPoints: { main: entry },
      outdir,
      ...CONSUMER_BUILD,
      tsconfig: path.join(root, 'tsconfig.json'),
      // The demo's build-time switch (vite.demo.config.ts): the local build leaves the Tencent branch out.
      define: { __LIVE_DEMO_ENGINE__: JSON.stringify(variant === 'tencent' ? 'tencent' : 'local'), __TENCENT_SDK_APP_ID__: '0' },
      // The entry's bare `live-elements/…` imports resolve from the consumer folder too.
      nodePaths: [path.join(dir, 'node_modules')],
      plugins: from === 'dist' ? [useBuiltPackage(dir)] : [],
    });
    const meta = result.metafile;
    const fromSrc = Object.keys(meta.inputs).filter((input) => input.startsWith('src/'));
    if (from === 'dist' && fromSrc.length > 0) throw new Error(`tencent-size: bundled src/ files instead of dist/: ${fromSrc.slice(0, 5).join(', ')}`);
    const contents = new Map(result.outputFiles.map((f) => [path.relative(root, f.path), f.contents] as const));
    const entryPoint = path.relative(root, entry).split(path.sep).join('/');
    const { initial: staticClosure } = splitOutputs(meta, (e) => e === entryPoint);
    const size = (out: string): FileSize => {
      const data = contents.get(out)!;
      const sdk = [...new Set(Object.keys(meta.outputs[out]!.inputs).map(sdkOf).filter((s): s is 'trtc' | 'chat' => !!s))];
      return { file: path.basename(out), raw: data.byteLength, gzip: gzipSync(data, { level: 9 }).byteLength, sdk };
    };
    const js = Object.keys(meta.outputs).filter((o) => o.endsWith('.js'));
    const mainFiles = js.filter((o) => staticClosure.has(o)).map(size);
    const lazyFiles = js.filter((o) => !staticClosure.has(o)).map(size);
    const total = (files: FileSize[]) => ({ raw: files.reduce((a, f) => a + f.raw, 0), gzip: files.reduce((a, f) => a + f.gzip, 0), files });
    const sdkInMain = [...staticClosure].flatMap((out) => Object.keys(meta.outputs[out]!.inputs).filter((input) => sdkOf(input)));
    return {
      variant,
      main: total(mainFiles),
      lazy: total(lazyFiles),
      sdkChunks: { trtc: lazyFiles.filter((f) => f.sdk.includes('trtc')), chat: lazyFiles.filter((f) => f.sdk.includes('chat')) },
      sdkInMain,
      contents,
      metafile: meta,
    };
  } finally {
    cleanup();
    rmSync(scratch, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<unknown> {
  const started = performance.now();
  ensureBuilt();
  const local = await bundleDemo('local', { from: 'dist' });
  const tencent = await bundleDemo('tencent', { from: 'dist' });
  const sum = (files: FileSize[]) => ({ raw: files.reduce((a, f) => a + f.raw, 0), gzip: files.reduce((a, f) => a + f.gzip, 0), files: files.length });
  const result = {
    bench: 'tencent-size',
    date: new Date().toISOString(),
    node: process.version,
    esbuild: esbuildVersion,
    settings: { entry: 'demo/demo.ts', measured: 'dist/ through package.json exports', minify: true, format: 'esm', target: 'es2022', splitting: true, gzipLevel: 9 },
    local: { main: { raw: local.main.raw, gzip: local.main.gzip }, lazy: { raw: local.lazy.raw, gzip: local.lazy.gzip }, sdkBytes: local.sdkChunks.trtc.length + local.sdkChunks.chat.length + local.sdkInMain.length },
    tencent: {
      main: { raw: tencent.main.raw, gzip: tencent.main.gzip },
      /** What enabling the Tencent engine adds to the first download (the adapters, no SDK). */
      mainDelta: { raw: tencent.main.raw - local.main.raw, gzip: tencent.main.gzip - local.main.gzip },
      lazyTrtc: sum(tencent.sdkChunks.trtc),
      lazyChat: sum(tencent.sdkChunks.chat),
      sdkInMain: tencent.sdkInMain.length,
    },
  };
  console.log(`\nDemo bundle with and without the Tencent engine, on the built package (dist/ through "${pkg.name}" exports; esbuild ${esbuildVersion}, minified ESM es2022, gzip -9)\n`);
  const rows: Array<[string, string, string]> = [
    ['local engine: main bundle (what the page loads)', kb(local.main.raw), kb(local.main.gzip)],
    ['local engine: Tencent SDK bytes anywhere', String(result.local.sdkBytes), String(result.local.sdkBytes)],
    ['tencent enabled: main bundle', kb(tencent.main.raw), kb(tencent.main.gzip)],
    ['tencent enabled: main bundle minus local (the adapters)', kb(result.tencent.mainDelta.raw), kb(result.tencent.mainDelta.gzip)],
    [`tencent enabled: lazy TRTC chunks (${result.tencent.lazyTrtc.files})`, kb(result.tencent.lazyTrtc.raw), kb(result.tencent.lazyTrtc.gzip)],
    [`tencent enabled: lazy Chat chunks (${result.tencent.lazyChat.files})`, kb(result.tencent.lazyChat.raw), kb(result.tencent.lazyChat.gzip)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`${'what'.padEnd(w)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}`);
  for (const [what, raw, gz] of rows) console.log(`${what.padEnd(w)}  ${raw.padStart(10)}  ${gz.padStart(10)}`);
  console.log(`\nwrote ${writeResult('tencent-size', result)} [${Math.round(performance.now() - started)} ms]`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await run();
}
