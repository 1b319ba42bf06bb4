// Helpers for the size benches (bundle-size, size, tencent-size): they measure the built package,
// dist/, as a consumer gets it (`import 'live-elements/…'` through package.json "exports" and
// "sideEffects"), not src/.
//
//   ensureBuilt()      runs `npm run build` when dist/ is missing or older than what builds it
//   consumer()         a scratch folder whose node_modules/live-elements links to this repo, to
//                      resolve bare `live-elements/…` imports from
//   sourceOf(input)    a bundled input (relative to the repo) back to the file it came from:
//                      dist/… -> src/… through the file's source map (dist mirrors src via
//                      preserveModules, but entries are renamed: dist/tencent/index.js is
//                      src/core/engines/tencent/index.ts, see `entries` in vite.config.ts)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions, Metafile } from 'esbuild';
import { entries } from '../vite.config.js';

/** How the size benches bundle, as a consumer's bundler would: minified ESM for browsers, code split, nothing written. */
export const CONSUMER_BUILD = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'silent',
} as const satisfies BuildOptions;

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | { types?: string; default: string }>;
};

/** Newest modification time under `dir` of files `keep` accepts (0 if none). */
function newest(dir: string, keep: (file: string) => boolean): number {
  if (!existsSync(dir)) return 0;
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (keep(file)) max = Math.max(max, statSync(file).mtimeMs);
  }
  return max;
}

/** Why dist/ needs a build, or undefined when it is up to date. */
export function staleness(): string | undefined {
  const built = path.join(root, 'dist', 'index.js');
  if (!existsSync(built)) return 'dist/ is missing';
  const builtAt = statSync(built).mtimeMs;
  const srcAt = newest(path.join(root, 'src'), (f) => /\.ts$/.test(f) && !/\.(test|stories)\.ts$/.test(f) && !f.includes(`${path.sep}testing${path.sep}`));
  if (srcAt > builtAt) return 'src/ changed since the last build';
  const inputs = ['vite.config.ts', 'scripts/minify-css-literals.ts', 'package.json'].map((f) => path.join(root, f));
  if (inputs.some((f) => existsSync(f) && statSync(f).mtimeMs > builtAt)) return 'the build configuration changed since the last build';
  return undefined;
}

/** Set by bench/run.ts for its children once it has built dist/: no second staleness check. */
export const DIST_BUILT_ENV = 'LIVE_BENCH_DIST_BUILT';

/** Builds dist/ (`npm run build`) when it is missing or stale. */
export function ensureBuilt(): void {
  if (process.env[DIST_BUILT_ENV] === '1' && existsSync(path.join(root, 'dist', 'index.js'))) return;
  const why = staleness();
  if (!why) return;
  console.log(`${why}: npm run build`);
  const started = performance.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const child = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const log = `${child.stdout ?? ''}${child.stderr ?? ''}`;
  // Quiet on success (vite lists every file), except the plugin's summary and any warning.
  for (const line of log.split('\n')) if (/minify-css-literals|warn/i.test(line) && !/Unknown user config/.test(line)) console.log(`  ${line}`);
  if (child.status !== 0) console.log(log.split('\n').slice(-40).join('\n'));
  // `npm run build` is vite build (dist/*.js) then tsc (dist/types). The sizes need only the first.
  if (child.status !== 0) {
    if (staleness()) throw new Error(`npm run build failed (exit ${child.status ?? child.signal}) and dist/ is still stale`);
    console.warn(`npm run build exited ${child.status ?? child.signal} after vite build: measuring the fresh dist/*.js anyway`);
  }
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** A folder to resolve `live-elements/…` from, as an installed dependency. Call cleanup() after. */
export function consumer(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'live-elements-bench-'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(root, path.join(dir, 'node_modules', pkg.name), 'dir');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const sourceCache = new Map<string, string>();

/** The source file a bundled input comes from (paths relative to the repo root). */
export function sourceOf(input: string): string {
  if (!input.startsWith('dist/')) return input;
  const cached = sourceCache.get(input);
  if (cached) return cached;
  let source = input;
  const map = path.join(root, `${input}.map`);
  const entry = entries[input.slice('dist/'.length).replace(/\.js$/, '')];
  if (entry) {
    source = entry; // a library entry (re-export-only entries have no source map)
  } else if (existsSync(map)) {
    const sources = (JSON.parse(readFileSync(map, 'utf8')) as { sources?: string[] }).sources ?? [];
    // preserveModules: one source per file. (Several would mean a merged chunk: keep the dist name.)
    if (sources.length === 1) source = path.relative(root, path.resolve(path.dirname(path.join(root, input)), sources[0]!)).split(path.sep).join('/');
  }
  sourceCache.set(input, source);
  return source;
}

/** Inputs grouped: a package (lit, @lit/context…), a folder of src/ (src/core/store…), or build helpers. */
export function groupOf(source: string): string {
  const pkgName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1];
  if (pkgName) return pkgName;
  if (source.startsWith('dist/_virtual/')) return 'build helpers (dist/_virtual)';
  return source.split('/').slice(0, source.startsWith('src/components/') || source.startsWith('src/core/') ? 3 : 2).join('/');
}

/** The package specifier ("live-elements/tencent") whose export is built from a src/ file, if any. */
export function specifierForSource(srcFile: string): string | undefined {
  for (const [name, target] of Object.entries(pkg.exports)) {
    if (name.includes('*') || typeof target === 'string') continue;
    const dist = target.default.replace(/^\.\//, '');
    if (!existsSync(path.join(root, dist))) continue;
    if (sourceOf(dist) === srcFile) return name === '.' ? pkg.name : `${pkg.name}/${name.slice(2)}`;
  }
  return undefined;
}

/**
 * An esbuild bundle's outputs split into what a page loads first (the entry's output and what it
 * imports statically) and the lazy rest (only reachable through dynamic import()).
 * `isEntry` picks the entry's output by its entryPoint: modules behind dynamic import() are
 * entry points too.
 */
export function splitOutputs(meta: Metafile, isEntry: (entryPoint: string) => boolean): { entry: string; initial: Set<string>; lazy: string[] } {
  const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o]!.entryPoint !== undefined && isEntry(meta.outputs[o]!.entryPoint!));
  if (!entry) throw new Error(`esbuild produced no output for the entry (outputs: ${Object.keys(meta.outputs).slice(0, 5).join(', ')}…)`);
  const initial = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const out = stack.pop()!;
    if (initial.has(out)) continue;
    initial.add(out);
    for (const imp of meta.outputs[out]!.imports) if (imp.kind === 'import-statement' && !imp.external && meta.outputs[imp.path]) stack.push(imp.path);
  }
  const lazy = Object.keys(meta.outputs).filter((o) => o.endsWith('.js') && !initial.has(o));
  return { entry, initial, lazy };
}
