// npm run test:strings
//
// Every user-visible word goes through the string tables in src/internal/strings/ (one area per
// element or part: `<area>.ts` in English, `<area>.zh-cn.ts` in Chinese, fetched on demand; see
// src/internal/i18n.ts). This scan fails when a Lit template in src/components/** or
// src/internal/** carries literal words: text between tags (`>Send<`) or a literal value of an
// attribute that people read or hear (`aria-label="Close"`, `title`, `placeholder`, `alt`, …).
// A heuristic: it reads the static parts of each html`…` template (expressions `${…}` are
// skipped; nested templates are scanned on their own). It also checks the layout of the tables:
// every area has its zh-cn module and is listed in src/testing/all-strings.ts (which the i18n
// tests go through; the typecheck already holds each zh-cn table to its area's English keys).
//
//   npx tsx scripts/check-strings.ts   → lists file:line: "text", exit 1 when any
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIRS = ['src/components', 'src/internal'];
/** Attributes whose value a person reads or hears. */
const READ_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label'];
/** Words that are not English prose (units, symbols). */
const ALLOWED = new Set<string>([]);

export interface Finding {
  file: string;
  line: number;
  text: string;
  kind: 'text' | 'attribute';
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return /\.ts$/.test(name) && !/\.(test|styles|stories)\.ts$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * The static parts of every html`…` template in `source`, each with its offset. Expressions are
 * replaced by a NUL; template literals nested in expressions are skipped here (each nested html`
 * is found and scanned as its own template).
 */
export function templateStatics(source: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  const start = /\b(?:html|svg)`/g;
  for (let m = start.exec(source); m; m = start.exec(source)) {
    let i = m.index + m[0].length;
    const begin = i;
    let text = '';
    while (i < source.length && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        i = skipExpression(source, i + 2);
        text += '\u0000';
      } else {
        text += source[i++];
      }
    }
    out.push({ text, offset: begin });
  }
  return out;
}

/** Index just after the `}` that closes an expression starting at `i` (strings and nested templates skipped). */
function skipExpression(source: string, i: number): number {
  let depth = 1;
  while (i < source.length && depth > 0) {
    const c = source[i]!;
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === "'" || c === '"') {
      i++;
      while (i < source.length && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
    } else if (c === '`') {
      i++;
      while (i < source.length && source[i] !== '`') {
        if (source[i] === '\\') i += 2;
        else if (source[i] === '$' && source[i + 1] === '{') i = skipExpression(source, i + 2);
        else i++;
      }
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    }
    i++;
  }
  return i;
}

/** Literal words: two or more letters in a row (any script), outside ALLOWED. */
function hasWords(text: string): boolean {
  const words = text.match(/\p{L}{2,}/gu) ?? [];
  return words.some((w) => !ALLOWED.has(w));
}

export function scanSource(file: string, source: string): Finding[] {
  const findings: Finding[] = [];
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  for (const { text, offset } of templateStatics(source)) {
    // Drop comments and the insides of <style> blocks.
    const cleaned = text.replace(/<!--[\s\S]*?-->/g, (s) => ' '.repeat(s.length)).replace(/<style[\s\S]*?<\/style>/g, (s) => ' '.repeat(s.length));
    for (const m of cleaned.matchAll(/>([^<>]*)</g)) {
      const content = m[1]!.split('\u0000').map((s) => s.trim()).filter(Boolean).join(' … ');
      if (content && hasWords(content)) findings.push({ file, line: lineOf(offset + m.index!), text: content, kind: 'text' });
    }
    const attr = new RegExp(`\\s(${READ_ATTRIBUTES.join('|')})=(["'])([^"']*)\\2`, 'g');
    for (const m of cleaned.matchAll(attr)) {
      const literal = m[3]!.split('\u0000').join(' ').trim();
      if (literal && hasWords(literal)) findings.push({ file, line: lineOf(offset + m.index!), text: `${m[1]}="${m[3]!.replace(/\u0000/g, '${…}')}"`, kind: 'attribute' });
    }
  }
  return findings;
}

export function scan(): Finding[] {
  return DIRS.flatMap((dir) => files(path.join(root, dir))).flatMap((full) => scanSource(path.relative(root, full), readFileSync(full, 'utf8')));
}

const STRINGS_DIR = 'src/internal/strings';
const ALL_STRINGS = 'src/testing/all-strings.ts';

/** Problems with the layout of the string tables (an area without Chinese, or unknown to the tests). */
export function checkLayout(): string[] {
  const names = readdirSync(path.join(root, STRINGS_DIR));
  const areas = names.filter((name) => name.endsWith('.ts') && !name.endsWith('.zh-cn.ts')).map((name) => name.slice(0, -3));
  const listed = readFileSync(path.join(root, ALL_STRINGS), 'utf8');
  const problems: string[] = [];
  for (const area of areas) {
    if (!names.includes(`${area}.zh-cn.ts`)) problems.push(`${STRINGS_DIR}/${area}.ts has no ${area}.zh-cn.ts`);
    if (!listed.includes(`'../internal/strings/${area}.js'`)) problems.push(`${STRINGS_DIR}/${area}.ts is not listed in ${ALL_STRINGS}`);
  }
  for (const name of names) {
    const area = name.replace(/\.zh-cn\.ts$/, '');
    if (area !== name && area !== 'errors' && !areas.includes(area)) problems.push(`${STRINGS_DIR}/${name} has no English ${area}.ts`);
  }
  return problems;
}

/** The scanner must still see what it is for (a guard against a regex that silently matches nothing). */
function selfCheck(): void {
  const sample = "html`<p>${x}</p><button aria-label=\"Close\" part=\"close\">${t(l, 'k')}</button><span>Go live</span>${y ? html`<i title=\"Muted\"></i>` : ''}<b>${n} ×</b>`";
  const found = scanSource('sample.ts', sample).map((f) => f.text);
  const expected = ['aria-label="Close"', 'Go live', 'title="Muted"'];
  if (JSON.stringify(found.sort()) !== JSON.stringify(expected.sort())) {
    console.error(`✖ check-strings self-check failed: found ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`);
    process.exit(2);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  selfCheck();
  const layout = checkLayout();
  if (layout.length > 0) {
    console.error(`✖ ${layout.length} problem(s) with the string tables in ${STRINGS_DIR}:`);
    for (const problem of layout) console.error(`  ${problem}`);
  }
  const findings = scan();
  if (findings.length > 0) {
    console.error(
      `✖ ${findings.length} hard-coded user-visible string(s) in templates: add a key to the file's area in ${STRINGS_DIR}/ (<area>.ts in English and <area>.zh-cn.ts in Chinese; a key several areas use goes to common.ts or av.ts) and use t():`,
    );
    for (const f of findings) console.error(`  ${f.file}:${f.line}: ${f.kind} ${JSON.stringify(f.text)}`);
  }
  if (layout.length > 0 || findings.length > 0) process.exit(1);
  console.log(`no hard-coded user-visible strings in the templates of ${DIRS.join(', ')}; every area of ${STRINGS_DIR} has its zh-cn table`);
}
