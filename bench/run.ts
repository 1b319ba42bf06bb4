// npm run bench                  -> every bench: BENCHES first (in that order), then any other bench/*.ts
// npm run bench -- size          -> only the named one(s)
//
// A bench is a script bench/<name>.ts that does its work when executed directly
// (`npx tsx bench/<name>.ts`) and writes bench/results/<name>.json. Each runs in its own Node
// process (`node --import tsx`), one after another (2-core machines), so a bench that starts
// servers or browsers cannot disturb the next. To add one, drop the file in bench/; list it in
// BENCHES to fix its position. Files starting with `_` are helpers, not benches.
//
// The size benches (DIST_BENCHES) measure the built package: dist/ is built here once, first,
// when it is missing or older than src/ (`npm run build`), and not again by each of them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST_BUILT_ENV, ensureBuilt } from './_dist.js';

const BENCHES = ['size', 'first-frame'];
/** Benches that bundle dist/ (see bench/_dist.ts). */
const DIST_BENCHES = ['size', 'bundle-size', 'tencent-size'];

const dir = path.dirname(fileURLToPath(import.meta.url));
const discovered = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3));
const all = [
  ...BENCHES.filter((name) => existsSync(path.join(dir, `${name}.ts`))),
  ...discovered.filter((name) => !BENCHES.includes(name)).sort(),
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench(es): ${unknown.join(', ')} (have: ${all.join(', ')})`);
  process.exit(2);
}
const selected = wanted.length > 0 ? all.filter((name) => wanted.includes(name)) : all;

const summary: string[] = [];
const env = { ...process.env };
if (selected.some((name) => DIST_BENCHES.includes(name))) {
  console.log('\n=== dist/ for the size benches ===');
  try {
    ensureBuilt();
    env[DIST_BUILT_ENV] = '1';
  } catch (error) {
    console.error(`could not build dist/: ${error instanceof Error ? error.message : String(error)}`);
    summary.push('FAILED npm run build (the size benches will try again)');
  }
}
for (const name of selected) {
  console.log(`\n=== bench: ${name} ===`);
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`)], {
    cwd: path.dirname(dir),
    stdio: 'inherit',
    env,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const ok = child.status === 0;
  summary.push(`${ok ? 'ok    ' : 'FAILED'} ${name} (${seconds} s)`);
  console.log(`=== ${name}: ${ok ? 'done' : `FAILED (exit ${child.status ?? child.signal})`} in ${seconds} s ===`);
}
console.log(`\n${summary.join('\n')}`);
process.exit(summary.some((line) => line.startsWith('FAILED')) ? 1 : 0);
