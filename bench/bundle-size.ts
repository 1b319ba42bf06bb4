// Bundle-size figures against the kit's targets (npm run bench, or npx tsx bench/bundle-size.ts).
//
// What a page ships, Lit included: the BUILT package (dist/, `npm run build` first when it is
// missing or stale), imported by its public names (`live-elements/…`, through package.json
// "exports" and "sideEffects") and bundled with esbuild as a consumer's bundler would (ESM,
// minified, es2022, tree-shaken), gzip -9 per file:
//
//   all five     import 'live-elements' (the five elements, the store, the local engine)  ≤ 40 KB
//   barrage      import 'live-elements/barrage-layer' alone                                ≤ 15 KB
//   + tencent    what picking the Tencent engine adds (live-elements/tencent/register):
//                the adapters in the initial bundle, and the SDKs as lazy chunks
//   floor        the stores (LiveRoomStore, CallStore, Session), the local engine and Lit with
//                what the elements use of it (decorators, repeat, context), and no element at
//                all: what any page with the five elements runs at once, before a line of UI
//
// "initial" is the entry plus what it imports statically; code behind dynamic import() is
// "lazy" (downloaded only when used); "total" is both, what a page that uses everything loads.
// The targets are on initial. Over a target (or with --detail), the biggest contributors are
// listed, dist files mapped back to their src/ files through the source maps.
// Writes bench/results/bundle-size.json. Exit code 0 either way: these are figures.
import { writeResult } from './_results.js';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { consumer, CONSUMER_BUILD, ensureBuilt, groupOf, pkg, root, sourceOf, splitOutputs } from './_dist.js';

const KB = 1024;

interface Measure {
  name: string;
  initial: { raw: number; gzip: number };
  lazy: { raw: number; gzip: number; files: number };
  /** Minified bytes per source file (dist mapped back to src) in the initial output, largest first. */
  inputs: Array<{ input: string; bytes: number }>;
  /** The same for the lazy chunks. */
  lazyInputs: Array<{ input: string; bytes: number }>;
}

async function measure(name: string, code: string, from: string): Promise<Measure> {
  const result = await build({
    // Resolved from a consumer's folder; paths in the metafile stay relative to the repo.
    stdin: { contents: code, resolveDir: from, sourcefile: `${name}.entry.js`, loader: 'js' },
    absWorkingDir: root,
    outdir: path.join(root, 'bench', 'results', '.bundle-size-out'),
    ...CONSUMER_BUILD,
  });
  const meta: Metafile = result.metafile;
  const files = new Map(result.outputFiles.map((f) => [path.relative(root, f.path), f.contents] as const));
  const { initial, lazy: lazyOuts } = splitOutputs(meta, (e) => e === '<stdin>' || e.endsWith(`${name}.entry.js`));
  const sum = (outs: string[]) =>
    outs.reduce((acc, out) => ({ raw: acc.raw + files.get(out)!.byteLength, gzip: acc.gzip + gzipSync(files.get(out)!, { level: 9 }).byteLength }), { raw: 0, gzip: 0 });
  const js = Object.keys(meta.outputs).filter((o) => o.endsWith('.js'));
  const bySource = (outs: string[]) => {
    const inputs = new Map<string, number>();
    for (const out of outs) {
      for (const [input, { bytesInOutput }] of Object.entries(meta.outputs[out]!.inputs)) {
        const source = sourceOf(input);
        inputs.set(source, (inputs.get(source) ?? 0) + bytesInOutput);
      }
    }
    return [...inputs].map(([input, bytes]) => ({ input, bytes })).sort((a, b) => b.bytes - a.bytes);
  };
  return {
    name,
    initial: sum(js.filter((o) => initial.has(o))),
    lazy: { ...sum(lazyOuts), files: lazyOuts.length },
    inputs: bySource(js.filter((o) => initial.has(o))),
    lazyInputs: bySource(lazyOuts),
  };
}

/** Inputs grouped: a package (lit, @lit/context…) or a folder of src/ (src/core/store…). */
function groups(inputs: Measure['inputs']): Array<{ group: string; bytes: number }> {
  const by = new Map<string, number>();
  for (const { input, bytes } of inputs) by.set(groupOf(input), (by.get(groupOf(input)) ?? 0) + bytes);
  return [...by].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes);
}

const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

function contributors(inputs: Measure['inputs'], what: string, lines: string[], groupsShown = 12, filesShown = 8): void {
  const total = inputs.reduce((n, i) => n + i.bytes, 0);
  if (total === 0) return;
  lines.push(`    biggest contributors (minified bytes in the ${what}, share):`);
  for (const g of groups(inputs).slice(0, groupsShown)) lines.push(`      ${g.group.padEnd(44)} ${kb(g.bytes).padStart(9)}  ${((g.bytes / total) * 100).toFixed(1).padStart(5)} %`);
  lines.push('    largest files:');
  for (const i of inputs.slice(0, filesShown)) lines.push(`      ${i.input.padEnd(60)} ${kb(i.bytes).padStart(9)}`);
}

function report(m: Measure, target?: number, showTotal = false): { pass?: boolean; lines: string[] } {
  const pass = target === undefined ? undefined : m.initial.gzip <= target * KB;
  const verdict = pass === undefined ? '' : pass ? `  PASS (≤ ${target} KB)` : `  FAIL (> ${target} KB)`;
  const lines = [`${m.name.padEnd(34)} ${kb(m.initial.gzip).padStart(9)} gzip  ${kb(m.initial.raw).padStart(9)} min${m.lazy.files ? `   + lazy ${kb(m.lazy.gzip)} gzip in ${m.lazy.files} chunk(s)` : ''}${verdict}`];
  if (showTotal) {
    lines.push(`${'  total (initial + lazy)'.padEnd(34)} ${kb(m.initial.gzip + m.lazy.gzip).padStart(9)} gzip  ${kb(m.initial.raw + m.lazy.raw).padStart(9)} min   (everything, once every lazy part has loaded)`);
  }
  if (pass === false || process.argv.includes('--detail')) {
    contributors(m.inputs, 'initial bundle', lines);
    if (process.argv.includes('--detail')) contributors(m.lazyInputs, 'lazy chunks', lines, 8, 6);
  }
  return { pass, lines };
}

export async function run() {
  const started = performance.now();
  ensureBuilt();
  const { dir, cleanup } = consumer();
  let all: Measure, barrage: Measure, floor: Measure, tencent: Measure | undefined;
  const tencentRegister = pkg.exports['./tencent/register'] ? `${pkg.name}/tencent/register` : undefined;
  try {
    all = await measure('all five (store + local engine)', `import '${pkg.name}';`, dir);
    barrage = await measure('<barrage-layer> alone', `import '${pkg.name}/barrage-layer';`, dir);
    floor = await measure(
      'floor: stores + local engine + Lit',
      `import { LiveRoomStore, CallStore, Session } from '${pkg.name}/core';
       import { LitElement, html, css } from 'lit'; import { repeat } from 'lit/directives/repeat.js';
       import { property, state } from 'lit/decorators.js'; import { ContextProvider, ContextConsumer } from '@lit/context';
       globalThis.keep = [LiveRoomStore, CallStore, Session, LitElement, html, css, repeat, property, state, ContextProvider, ContextConsumer];`,
      root, // lit as the package's own dependency (the consumer folder links only the package)
    );
    tencent = tencentRegister ? await measure('all five + Tencent engine', `import '${pkg.name}'; import '${tencentRegister}';`, dir) : undefined;
  } finally {
    cleanup();
  }

  console.log(`\nBundle size of the built package (dist/ through "${pkg.name}" exports): minified ESM (esbuild, es2022, tree-shaken), Lit included, gzip -9\n`);
  const a = report(all, 40, true);
  const b = report(barrage, 15);
  for (const line of [...a.lines, ...b.lines]) console.log(line);
  console.log(`${floor.name.padEnd(34)} ${kb(floor.initial.gzip).padStart(9)} gzip  ${kb(floor.initial.raw).padStart(9)} min   (no element: of the 40 KB target for all five, ${kb(40 * KB - floor.initial.gzip)} would be left for their UIs)`);
  if (tencent) {
    for (const line of report(tencent).lines) console.log(line);
    console.log(`${'  Tencent adds'.padEnd(34)} ${kb(tencent.initial.gzip - all.initial.gzip).padStart(9)} gzip to the initial bundle (adapters), ${kb(tencent.lazy.gzip - all.lazy.gzip)} gzip lazy (the SDKs, fetched when a room picks engine="tencent"; of that, the BasicBeauty and VoiceChanger plugins, ~124 KB, only when an anchor uses those effects)`);
  } else {
    console.log(`${'  Tencent adds'.padEnd(34)}       n/a (no ${pkg.name}/tencent/register export)`);
  }
  const result = {
    bench: 'bundle-size',
    date: new Date().toISOString(),
    node: process.version,
    measured: 'dist/ through package.json exports',
    targets: { allFiveGzipKB: 40, barrageLayerGzipKB: 15 },
    allFive: { ...all.initial, lazy: all.lazy, total: { raw: all.initial.raw + all.lazy.raw, gzip: all.initial.gzip + all.lazy.gzip }, pass: a.pass },
    barrageLayer: { ...barrage.initial, lazy: barrage.lazy, pass: b.pass },
    floor: floor.initial,
    tencent: tencent ? { initialAdded: tencent.initial.gzip - all.initial.gzip, lazyAdded: tencent.lazy.gzip - all.lazy.gzip, lazy: tencent.lazy } : 'n/a',
    contributors: {
      allFive: groups(all.inputs).slice(0, 15),
      allFiveLazy: groups(all.lazyInputs).slice(0, 15),
      barrageLayer: groups(barrage.inputs).slice(0, 15),
    },
  };
  console.log(`\nwrote ${writeResult('bundle-size', result)} [${Math.round(performance.now() - started)} ms]`);
  return result;
}

await run();
