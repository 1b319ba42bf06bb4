// Bundle-size bench: what a consumer ships for the kit, Lit included.
//
// Each entry (src/index.ts, src/core/index.ts, src/<tag>.ts) is bundled on its own with esbuild:
// ESM, minified, target es2022, tsconfig.json respected (legacy decorators), Lit bundled in.
// Code behind dynamic import() (e.g. the vendor SDKs) is split off and reported as "lazy";
// "initial" is the entry plus what it imports statically. gzip: node:zlib level 9, per file.
//
//   npm run bench            (all benches, see bench/run.ts)
//   npx tsx bench/size.ts    (this one)
// Writes bench/results/size.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, version as esbuildVersion, type Metafile } from 'esbuild';
import { TAGS } from '../scripts/tags.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface SizeRow {
  entry: string;
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
  settings: { minify: true; format: 'esm'; target: 'es2022'; gzipLevel: 9 };
  rows: SizeRow[];
}

async function measure(entry: string, file: string): Promise<SizeRow> {
  const outdir = path.join(root, 'bench', 'results', '.size-out'); // never written: write: false
  const result = await build({
    absWorkingDir: root,
    entryPoints: { [entry]: file },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    tsconfig: path.join(root, 'tsconfig.json'),
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const bytes = new Map(result.outputFiles.map((f) => [path.relative(root, f.path), f.contents] as const));
  const meta: Metafile = result.metafile;
  const entryOut = Object.keys(meta.outputs).find((o) => meta.outputs[o]!.entryPoint !== undefined);
  if (!entryOut) throw new Error(`size: esbuild produced no entry output for ${file}`);

  // Static closure from the entry output.
  const initial = new Set<string>();
  const stack = [entryOut];
  while (stack.length > 0) {
    const out = stack.pop()!;
    if (initial.has(out)) continue;
    initial.add(out);
    for (const imp of meta.outputs[out]!.imports) {
      if (imp.kind === 'import-statement' && !imp.external && meta.outputs[imp.path]) stack.push(imp.path);
    }
  }
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
  const jsOutputs = Object.keys(meta.outputs).filter((o) => o.endsWith('.js'));
  return {
    entry,
    file,
    initial: sum(jsOutputs.filter((o) => initial.has(o))),
    lazy: sum(jsOutputs.filter((o) => !initial.has(o))),
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
  const candidates: [string, string][] = [
    ['index', 'src/index.ts'],
    ['core', 'src/core/index.ts'],
    ...TAGS.map((tag): [string, string] => [tag, `src/${tag}.ts`]),
  ];
  const rows: SizeRow[] = [];
  for (const [entry, file] of candidates) {
    if (!existsSync(path.join(root, file))) {
      if (entry === 'index') throw new Error('size: src/index.ts does not exist');
      continue;
    }
    rows.push(await measure(entry, file)); // sequential: 2-core machines
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
    settings: { minify: true, format: 'esm', target: 'es2022', gzipLevel: 9 },
    rows,
  };
  console.log(`\nBundle size (Lit ${litVersion} included; esbuild ${esbuildVersion}, minified ESM es2022, gzip -9)\n`);
  printTable(rows);
  const outDir = path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, 'size.json');
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(root, outFile)} [${Math.round(performance.now() - started)} ms]`);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await run();
}
