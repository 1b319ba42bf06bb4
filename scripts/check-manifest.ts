// npm run test:manifest
//
// Regenerates the Custom Elements Manifest exactly as `npm run analyze` does (same command line
// from package.json, same custom-elements-manifest.config.mjs) but into a temp dir, and compares
// it with the committed ./custom-elements.json, ignoring only key order and whitespace.
// Exit 1 when stale, when it is missing, or when an element's tag name is missing from it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TAGS } from './tags.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Declaration {
  name?: string;
  kind?: string;
  tagName?: string;
  customElement?: boolean;
}
interface Manifest {
  modules?: { path: string; declarations?: Declaration[] }[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const committedPath = path.join(root, 'custom-elements.json');
const MAX_DIFF_LINES = 40;

function fail(message: string, details: string[] = []): never {
  console.error(`\n✖ ${message}`);
  for (const line of details) console.error(`  ${line}`);
  process.exit(1);
}

/** Split the `analyze` npm script into argv (plain words and '…' / "…" quoting; no shell operators). */
function analyzeArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.analyze;
  if (!script) fail('package.json has no "analyze" script');
  if (/[;&|<>`$]/.test(script)) {
    fail(`check-manifest cannot replay the "analyze" script (shell syntax in it): ${script}`);
  }
  const tokens = [...script.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  if (tokens[0] !== 'cem' || tokens[1] !== 'analyze') {
    fail(`the "analyze" script must start with "cem analyze": ${script}`);
  }
  // Drop its --outdir; the caller adds the temp dir.
  const args: string[] = [];
  for (let i = 2; i < tokens.length; i++) {
    if (tokens[i] === '--outdir') i++;
    else if (!tokens[i]!.startsWith('--outdir=')) args.push(tokens[i]!);
  }
  return args;
}

function generateManifest(): Manifest {
  const dir = mkdtempSync(path.join(tmpdir(), 'cem-check-'));
  try {
    // The analyzer joins --outdir onto the cwd even when it is absolute: pass it relative.
    const outdir = path.relative(root, dir);
    const cem = path.join(root, 'node_modules', '.bin', 'cem');
    execFileSync(cem, ['analyze', ...analyzeArgs(), '--outdir', outdir, '--quiet'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const out = path.join(dir, 'custom-elements.json');
    if (!existsSync(out)) fail(`the analyzer wrote no manifest (expected ${out})`);
    return JSON.parse(readFileSync(out, 'utf8')) as Manifest;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stable JSON: object keys sorted, arrays in order. */
function canonical(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k]!)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Label for an array item: its `path`, or `kind name`, so diffs read like `modules[src/x.ts]`. */
function itemKey(item: Json, index: number): string {
  if (isObject(item)) {
    if (typeof item.path === 'string') return item.path;
    if (typeof item.name === 'string') {
      return typeof item.kind === 'string' ? `${item.kind} ${item.name}` : item.name;
    }
  }
  return `#${index}`;
}

function short(v: Json | undefined): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Human-readable differences from `was` (committed) to `now` (regenerated). */
function diff(was: Json | undefined, now: Json | undefined, at: string, out: string[]): void {
  if (was !== undefined && now !== undefined && canonical(was) === canonical(now)) return;
  if (Array.isArray(was) && Array.isArray(now)) {
    const keyed = (arr: Json[]) => new Map(arr.map((item, i) => [itemKey(item, i), item] as const));
    const a = keyed(was);
    const b = keyed(now);
    if (a.size === was.length && b.size === now.length) {
      for (const k of a.keys()) if (!b.has(k)) out.push(`- ${at}[${k}] removed`);
      for (const k of b.keys()) if (!a.has(k)) out.push(`+ ${at}[${k}] added`);
      for (const [k, v] of a) if (b.has(k)) diff(v, b.get(k), `${at}[${k}]`, out);
      const common = [...a.keys()].filter((k) => b.has(k));
      const commonNow = [...b.keys()].filter((k) => a.has(k));
      if (common.join('\0') !== commonNow.join('\0')) out.push(`~ ${at}: order changed`);
      return;
    }
    const n = Math.max(was.length, now.length);
    for (let i = 0; i < n; i++) diff(was[i], now[i], `${at}[${i}]`, out);
    return;
  }
  if (isObject(was) && isObject(now)) {
    for (const k of new Set([...Object.keys(was), ...Object.keys(now)])) {
      diff(was[k], now[k], at ? `${at}.${k}` : k, out);
    }
    return;
  }
  out.push(`~ ${at || '(root)'}: ${short(was)} → ${short(now)}`);
}

function elements(manifest: Manifest): Declaration[] {
  return (manifest.modules ?? []).flatMap((m) =>
    (m.declarations ?? []).filter((d) => d.customElement || d.tagName),
  );
}

const started = performance.now();
const fresh = generateManifest();

// Tag names: every element class needs one (`@tag` JSDoc), and each of the kit's five tags must
// be present once its component folder exists.
const freshElements = elements(fresh);
const problems: string[] = [];
for (const tag of TAGS) {
  if (existsSync(path.join(root, 'src', 'components', tag)) && !freshElements.some((d) => d.tagName === tag)) {
    problems.push(`<${tag}>: src/components/${tag}/ exists but no class in it declares tag "${tag}" (add "@tag ${tag}" to its JSDoc)`);
  }
}
for (const d of freshElements) {
  if (!d.tagName) problems.push(`class ${d.name ?? '(anonymous)'} is a custom element without a tag name (add "@tag <name>" to its JSDoc)`);
}
if (problems.length > 0) fail('custom-elements.json would be incomplete:', problems);

if (!existsSync(committedPath)) {
  fail('custom-elements.json is missing: run npm run analyze (and commit it)');
}
let committed: Json;
try {
  committed = JSON.parse(readFileSync(committedPath, 'utf8')) as Json;
} catch (error) {
  fail(`custom-elements.json is not valid JSON (${(error as Error).message}): run npm run analyze`);
}

if (canonical(committed) !== canonical(fresh as Json)) {
  const lines: string[] = [];
  diff(committed, fresh as Json, '', lines);
  const shown = lines.slice(0, MAX_DIFF_LINES);
  if (lines.length > shown.length) shown.push(`... and ${lines.length - shown.length} more difference(s)`);
  fail('custom-elements.json is stale: run npm run analyze', [
    `committed → regenerated from src/ (${lines.length} difference(s)):`,
    ...shown,
  ]);
}

const tags = freshElements.map((d) => d.tagName).join(', ');
console.log(
  `custom-elements.json is current (${freshElements.length} elements${tags ? `: ${tags}` : ''}) [${Math.round(performance.now() - started)} ms]`,
);
