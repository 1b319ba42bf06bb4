// Bundle-size figures against the kit's targets (npm run bench, or npx tsx bench/bundle-size.ts).
//
// What a page ships, Lit included, bundled from src/ with esbuild as a consumer's bundler would
// (ESM, minified, es2022, tree-shaken, tsconfig.json for the decorators), gzip -9 per file:
//
//   all five     import 'live-elements' (the five elements, the store, the local engine)  ≤ 40 KB
//   barrage      import 'live-elements/barrage-layer' alone                                ≤ 15 KB
//   + tencent    what picking the Tencent engine adds (live-elements/tencent/register):
//                the adapters in the initial bundle, and the SDKs as lazy chunks
//
// "initial" is the entry plus what it imports statically; code behind dynamic import() is
// "lazy" (downloaded only when used). Over a target, the biggest contributors are listed.
// Writes bench/results/bundle-size.json. Exit code 0 either way: these are figures.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;

interface Measure {
  name: string;
  initial: { raw: number; gzip: number };
  lazy: { raw: number; gzip: number; files: number };
  /** Minified bytes per input in the initial output, largest first. */
  inputs: Array<{ input: string; bytes: number }>;
}

async function measure(name: string, code: string): Promise<Measure> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, sourcefile: `${name}.entry.ts`, loader: 'ts' },
    absWorkingDir: root,
    outdir: path.join(root, 'bench', 'results', '.bundle-size-out'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    treeShaking: true,
    tsconfig: path.join(root, 'tsconfig.json'),
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const meta: Metafile = result.metafile;
  const files = new Map(result.outputFiles.map((f) => [path.relative(root, f.path), f.contents] as const));
  const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o]!.entryPoint !== undefined)!;
  const initial = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const out = stack.pop()!;
    if (initial.has(out)) continue;
    initial.add(out);
    for (const imp of meta.outputs[out]!.imports) if (imp.kind === 'import-statement' && meta.outputs[imp.path]) stack.push(imp.path);
  }
  const sum = (outs: string[]) =>
    outs.reduce((acc, out) => ({ raw: acc.raw + files.get(out)!.byteLength, gzip: acc.gzip + gzipSync(files.get(out)!, { level: 9 }).byteLength }), { raw: 0, gzip: 0 });
  const js = Object.keys(meta.outputs).filter((o) => o.endsWith('.js'));
  const inputs = new Map<string, number>();
  for (const out of js.filter((o) => initial.has(o))) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.outputs[out]!.inputs)) inputs.set(input, (inputs.get(input) ?? 0) + bytesInOutput);
  }
  const lazyOuts = js.filter((o) => !initial.has(o));
  return {
    name,
    initial: sum(js.filter((o) => initial.has(o))),
    lazy: { ...sum(lazyOuts), files: lazyOuts.length },
    inputs: [...inputs].map(([input, bytes]) => ({ input, bytes })).sort((a, b) => b.bytes - a.bytes),
  };
}

/** Inputs grouped: a package (lit, @lit/context…) or a folder of src/ (src/core/store…). */
function groups(inputs: Measure['inputs']): Array<{ group: string; bytes: number }> {
  const by = new Map<string, number>();
  for (const { input, bytes } of inputs) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
    const group = pkg ?? input.split('/').slice(0, input.startsWith('src/components/') || input.startsWith('src/core/') ? 3 : 2).join('/');
    by.set(group, (by.get(group) ?? 0) + bytes);
  }
  return [...by].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes);
}

const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

function report(m: Measure, target?: number): { pass?: boolean; lines: string[] } {
  const pass = target === undefined ? undefined : m.initial.gzip <= target * KB;
  const verdict = pass === undefined ? '' : pass ? `  PASS (≤ ${target} KB)` : `  FAIL (> ${target} KB)`;
  const lines = [`${m.name.padEnd(34)} ${kb(m.initial.gzip).padStart(9)} gzip  ${kb(m.initial.raw).padStart(9)} min${m.lazy.files ? `   + lazy ${kb(m.lazy.gzip)} gzip in ${m.lazy.files} chunk(s)` : ''}${verdict}`];
  if (pass === false || process.argv.includes('--detail')) {
    const total = m.inputs.reduce((n, i) => n + i.bytes, 0);
    lines.push('    biggest contributors (minified bytes in the initial bundle, share):');
    for (const g of groups(m.inputs).slice(0, 12)) lines.push(`      ${g.group.padEnd(44)} ${kb(g.bytes).padStart(9)}  ${((g.bytes / total) * 100).toFixed(1).padStart(5)} %`);
    lines.push('    largest files:');
    for (const i of m.inputs.slice(0, 8)) lines.push(`      ${i.input.padEnd(60)} ${kb(i.bytes).padStart(9)}`);
  }
  return { pass, lines };
}

export async function run() {
  const started = performance.now();
  const all = await measure('all five (store + local engine)', "import './src/index.ts';");
  const barrage = await measure('<barrage-layer> alone', "import './src/barrage-layer.ts';");
  const tencentEntry = ['src/core/engines/tencent/register.ts', 'src/tencent/register.ts'].find((f) => existsSync(path.join(root, f)));
  const tencent = tencentEntry ? await measure('all five + Tencent engine', `import './src/index.ts'; import './${tencentEntry}';`) : undefined;

  console.log('\nBundle size: minified ESM (esbuild, es2022, tree-shaken), Lit included, gzip -9\n');
  const a = report(all, 40);
  const b = report(barrage, 15);
  for (const line of [...a.lines, ...b.lines]) console.log(line);
  if (tencent) {
    for (const line of report(tencent).lines) console.log(line);
    console.log(`${'  Tencent adds'.padEnd(34)} ${kb(tencent.initial.gzip - all.initial.gzip).padStart(9)} gzip to the initial bundle (adapters), ${kb(tencent.lazy.gzip - all.lazy.gzip)} gzip lazy (the SDKs, loaded when a room picks engine="tencent")`);
  } else {
    console.log(`${'  Tencent adds'.padEnd(34)}       n/a (no src/core/engines/tencent/register.ts)`);
  }
  const result = {
    bench: 'bundle-size',
    date: new Date().toISOString(),
    node: process.version,
    targets: { allFiveGzipKB: 40, barrageLayerGzipKB: 15 },
    allFive: { ...all.initial, lazy: all.lazy, pass: a.pass },
    barrageLayer: { ...barrage.initial, lazy: barrage.lazy, pass: b.pass },
    tencent: tencent ? { initialAdded: tencent.initial.gzip - all.initial.gzip, lazyAdded: tencent.lazy.gzip - all.lazy.gzip, lazy: tencent.lazy } : 'n/a',
    contributors: { allFive: groups(all.inputs).slice(0, 15), barrageLayer: groups(barrage.inputs).slice(0, 15) },
  };
  const outDir = path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'bundle-size.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote bench/results/bundle-size.json [${Math.round(performance.now() - started)} ms]`);
  return result;
}

await run();
