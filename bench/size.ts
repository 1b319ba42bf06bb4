// Bundle-size bench: what a consumer ships for each public entry of the kit, Lit included.
//
// Measures the BUILT package (dist/; `npm run build` first when it is missing or older than src/):
// each entry is imported by its public name through package.json "exports" (`live-elements`,
// `live-elements/core`, `live-elements/<tag>`), with all its exports kept (`export * from …`), and
// bundled on its own with esbuild: ESM, minified, target es2022, Lit bundled in. Code behind
// dynamic import() (the vendor SDKs, lazy parts, other languages' strings) is split off and
// reported as "lazy"; "initial" is the entry plus what it imports statically. gzip: node:zlib
// level 9, per file.
//
//   npm run bench            (all benches, see bench/run.ts)
//   npx tsx bench/size.ts    (this one)
// Writes bench/results/size.json.
import { writeResult } from './_results.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, version as esbuildVersion, type Metafile } from 'esbuild';
import { TAGS } from '../scripts/tags.js';
import { consumer, CONSUMER_BUILD, ensureBuilt, pkg, root, splitOutputs } from './_dist.js';

export interface SizeRow {
  entry: string;
  /** The package specifier bundled (`live-elements/barrage-layer`). */
  specifier: string;
  /** The dist file it resolves to. */
  file: string;
  /** Entry + statically imported chunks. */
  initial: { raw: number; gzip: number; files: number };
  /** Chunks reachable only through dynamic import(). */
  lazy: { raw: number; gzip: number; files: number };
}

export interface SizeResult {
  bench: 'size';
  date: string;
  node: string;
  esbuild: string;
  lit: string;
  settings: { measured: 'dist/ through package.json exports'; minify: true; format: 'esm'; target: 'es2022'; gzipLevel: 9 };
  rows: SizeRow[];
}

async function measure(entry: string, specifier: string, file: string, from: string): Promise<SizeRow> {
  const outdir = path.join(root, 'bench', 'results', '.size-out'); // never written: write: false
  const result = await build({
    // Every export kept, as when the entry itself is the bundle's entry point.
    stdin: { contents: `export * from '${specifier}';`, resolveDir: from, sourcefile: `${entry}.entry.js`, loader: 'js' },
    absWorkingDir: root,
    outdir,
    ...CONSUMER_BUILD,
  });
  const bytes = new Map(result.outputFiles.map((f) => [path.relative(root, f.path), f.contents] as const));
  const meta: Metafile = result.metafile;
  const { initial, lazy } = splitOutputs(meta, (e) => e === '<stdin>' || e.endsWith(`${entry}.entry.js`));
  const sum = (outs: string[]) =>
    outs.reduce(
      (acc, out) => {
        const data = bytes.get(out)!;
        acc.raw += data.byteLength;
        acc.gzip += gzipSync(data, { level: 9 }).byteLength;
        acc.files += 1;
        return acc;
      },
      { raw: 0, gzip: 0, files: 0 },
    );
  return {
    entry,
    specifier,
    file,
    initial: sum([...initial].filter((o) => o.endsWith('.js'))),
    lazy: sum(lazy),
  };
}

function bytes(n: number): string {
  return n.toLocaleString('en-US');
}

function printTable(rows: SizeRow[]): void {
  const header = ['entry', 'raw bytes', 'gzip bytes', 'lazy raw', 'lazy gzip'];
  const body = rows.map((r) => [
    r.entry,
    bytes(r.initial.raw),
    bytes(r.initial.gzip),
    r.lazy.files ? bytes(r.lazy.raw) : '-',
    r.lazy.files ? bytes(r.lazy.gzip) : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
}

export async function run(): Promise<SizeResult> {
  const started = performance.now();
  ensureBuilt();
  // [row name, export key]: the whole kit, the core, each element.
  const candidates: [string, string][] = [['index', '.'], ['core', './core'], ...TAGS.map((tag): [string, string] => [tag, `./${tag}`])];
  const rows: SizeRow[] = [];
  const { dir, cleanup } = consumer();
  try {
    for (const [entry, key] of candidates) {
      const target = pkg.exports[key];
      if (!target) {
        if (entry === 'index') throw new Error('size: package.json exports no "."');
        continue;
      }
      const file = typeof target === 'string' ? target : target.default;
      const specifier = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
      rows.push(await measure(entry, specifier, file.replace(/^\.\//, ''), dir)); // sequential: 2-core machines
    }
  } finally {
    cleanup();
  }
  // lit's "exports" hide package.json: read it from disk.
  const litVersion = (
    JSON.parse(readFileSync(path.join(root, 'node_modules', 'lit', 'package.json'), 'utf8')) as { version: string }
  ).version;
  const result: SizeResult = {
    bench: 'size',
    date: new Date().toISOString(),
    node: process.version,
    esbuild: esbuildVersion,
    lit: litVersion,
    settings: { measured: 'dist/ through package.json exports', minify: true, format: 'esm', target: 'es2022', gzipLevel: 9 },
    rows,
  };
  console.log(`\nBundle size of the built package, per entry (dist/ through "${pkg.name}" exports; Lit ${litVersion} included; esbuild ${esbuildVersion}, minified ESM es2022, gzip -9)\n`);
  printTable(rows);
  console.log(`\nwrote ${writeResult('size', result)} [${Math.round(performance.now() - started)} ms]`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await run();
}
