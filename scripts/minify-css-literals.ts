// Build plugin: minifies the CSS inside Lit `css`…`` tagged templates of src/*.ts.
//
// A consumer's bundler minifies our JavaScript but never the text inside a template literal, so
// without this the styles (~60 KB of source: comments, indentation) ship as written. For each
// `css` template (the tag imported from lit / lit-element / @lit/reactive-element):
//
//   1. every `${…}` becomes a placeholder that is valid CSS where it stands:
//        a declaration (`{ ${light} }`)     -> `--lit-expr-N:0;`
//        a rule between rules               -> `.lit-expr-N{--lit-expr-N:0}`
//        (part of) a property value         -> `var(--lit-expr-N)` (a declaration holding var()
//                                              is kept token for token, never re-parsed)
//      anywhere else (selector, property name, at-rule prelude, comment, string, glued to other
//      characters) the template is left as written;
//   2. the text is minified with lightningcss (a template of bare declarations, like the
//      `const light = css`…`` blocks, as a style attribute), with targets = the oldest browsers
//      the styles already need (container queries: Chrome 105, Firefox 110, Safari 16), so the
//      printer emits nothing newer than those, and with vendor prefixing and light-dark()
//      lowering excluded, so nothing is added or removed: only whitespace, comments and
//      equivalent shorter spellings go;
//   3. the placeholders are put back. Checked first: each placeholder appears exactly once and in
//      source order, and a declaration placeholder still sits alone in its block (lightningcss
//      moves ordinary declarations after custom properties, which would change which one wins).
//
// Any failure (lightningcss error or warning, a failed check) leaves that template untouched and
// emits a build warning naming the file and line. Expressions are not touched, and the source map
// comes from magic-string. Only in `vite build` (the library build and `storybook build`).
import path from 'node:path';
import { Features, transform, transformStyleAttribute } from 'lightningcss';
import MagicString from 'magic-string';
import { parseSync, type Plugin } from 'vite';

/** The oldest browsers with container queries, which the kit's styles use (`@container`). */
const TARGETS = { chrome: 105 << 16, firefox: 110 << 16, safari: 16 << 16 };
/** Minify only: never add or drop vendor prefixes, never lower light-dark(). */
const EXCLUDE = Features.VendorPrefixes | Features.LightDark;
const LIT_MODULES = /^(lit|lit-element|@lit\/reactive-element)(\/|$)/;
/** Stands in for an interpolation while the template is classified (never valid in our CSS). */
const MARK = '\u0000';

type BlockKind = 'rules' | 'decls';
type Slot = 'decl' | 'rule' | 'value';

export interface MinifiedTemplate {
  /** New cooked text of each quasi (one more than there are interpolations). */
  parts: string[];
}

/** Thrown (and caught) when a template cannot be minified safely. */
class Unsafe extends Error {}

interface ScanState {
  comment: boolean;
  quote: string | null;
  parens: number;
  blocks: BlockKind[];
  /** Text of the current statement (since the last `{`, `}` or `;` at this level), no comments. */
  statement: string;
}

const CONDITIONAL = new Set(['media', 'supports', 'container', 'layer', 'document', '-moz-document', 'scope', 'starting-style']);

function blockKind(prelude: string, parent: BlockKind): BlockKind {
  const at = /^@([-\w]+)/.exec(prelude.trim());
  if (!at) return 'decls'; // a style rule, or a keyframe selector inside @keyframes
  const name = at[1]!.toLowerCase();
  if (CONDITIONAL.has(name)) return parent; // holds rules at top level, declarations when nested
  if (/keyframes$/.test(name)) return 'rules';
  return 'decls'; // @font-face, @page, @property…
}

function scan(text: string, base: BlockKind): ScanState {
  const s: ScanState = { comment: false, quote: null, parens: 0, blocks: [base], statement: '' };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (s.comment) {
      if (ch === '*' && text[i + 1] === '/') {
        s.comment = false;
        i++;
      }
      continue;
    }
    if (s.quote) {
      s.statement += ch;
      if (ch === '\\') s.statement += text[++i] ?? '';
      else if (ch === s.quote) s.quote = null;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      s.comment = true;
      i++;
      continue;
    }
    if (ch === '\\') {
      s.statement += ch + (text[++i] ?? '');
      continue;
    }
    if (ch === '"' || ch === "'") s.quote = ch;
    else if (ch === '(') s.parens++;
    else if (ch === ')') s.parens = Math.max(0, s.parens - 1);
    if (s.parens === 0 && (ch === '{' || ch === '}' || ch === ';')) {
      if (ch === '{') s.blocks.push(blockKind(s.statement, s.blocks.at(-1)!));
      else if (ch === '}' && s.blocks.length > 1) s.blocks.pop();
      s.statement = '';
      continue;
    }
    s.statement += ch;
  }
  return s;
}

/** Text after `from` with leading whitespace and comments skipped. */
function skipSpace(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else return i;
  }
}

/** The first of `{`, `;` or `}` at depth 0 from `from` on (outside strings and comments). */
function statementEnd(text: string, from: number): string | undefined {
  let parens = 0;
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') parens++;
    else if (ch === ')') parens--;
    else if (parens <= 0 && (ch === '{' || ch === ';' || ch === '}')) return ch;
  }
  return undefined;
}

/** What the interpolation at `at` (a MARK in `text`) stands for, or why it cannot be handled. */
function classify(text: string, at: number, base: BlockKind): Slot {
  const s = scan(text.slice(0, at), base);
  if (s.comment) throw new Unsafe('an interpolation inside a CSS comment');
  if (s.quote) throw new Unsafe('an interpolation inside a CSS string');
  const block = s.blocks.at(-1)!;
  if (s.parens === 0 && s.statement.replaceAll(MARK, '').trim() === '') {
    // A whole statement (a declaration list, or rule sets) only when nothing but `;`, `}`, another
    // interpolation or the end follows: `${a} .b { … }` could as well be a selector prefix, and
    // `${name}: red` is a property name.
    const c = text[skipSpace(text, at + 1)];
    if (c !== undefined && !/[;}\u0000]/.test(c)) throw new Unsafe('an interpolation in a selector or property name (or followed by a rule)');
    return block === 'decls' ? 'decl' : 'rule';
  }
  if (block === 'decls' && /^\s*[-\w\u0000]+\s*:/.test(s.statement) && statementEnd(text, at + 1) !== '{') {
    const before = text[at - 1] ?? '';
    const after = text[at + 1] ?? '';
    if (!/[\s:,(/\u0000]/.test(before) || !(after === '' || /[\s;}),/!\u0000]/.test(after))) {
      throw new Unsafe('an interpolation glued to other characters in a value');
    }
    return 'value';
  }
  throw new Unsafe('an interpolation in a selector, property name or at-rule prelude');
}

const PLACEHOLDER = /\.lit-expr-(\d+)\{--lit-expr-(\d+):0\}|--lit-expr-(\d+):0|var\(--lit-expr-(\d+)\)/g;

/**
 * Minifies one template given its cooked quasis. Returns the new cooked quasis, or throws with
 * the reason it is unsafe to minify.
 */
export function minifyTemplate(quasis: readonly string[], filename = 'style.css'): MinifiedTemplate {
  const joined = quasis.join(MARK);
  if (/lit-expr-/.test(joined)) throw new Unsafe('the template already contains "lit-expr-"');
  const top = scan(joined.replaceAll(MARK, ' '), 'rules');
  if (top.comment || top.quote || top.blocks.length !== 1) throw new Unsafe('unbalanced comment, string or braces');
  const hasBlock = /\{/.test(stripCommentsAndStrings(joined));
  const hasColon = /:/.test(stripCommentsAndStrings(joined));
  if (!hasBlock && !hasColon) return { parts: [...quasis] }; // only interpolations: nothing to gain
  const declList = !hasBlock; // bare declarations, e.g. `const light = css\`color-scheme: light; …\``
  const base: BlockKind = declList ? 'decls' : 'rules';

  let css = '';
  const slots: Slot[] = [];
  let offset = 0;
  for (let i = 0; i < quasis.length; i++) {
    css += quasis[i];
    offset += quasis[i]!.length;
    if (i === quasis.length - 1) break;
    const slot = classify(joined, offset, base);
    slots.push(slot);
    css += slot === 'decl' ? `--lit-expr-${i}:0;` : slot === 'rule' ? `.lit-expr-${i}{--lit-expr-${i}:0}` : `var(--lit-expr-${i})`;
    offset += 1; // the MARK
  }

  const options = { code: Buffer.from(css), minify: true, targets: TARGETS, exclude: EXCLUDE };
  let out: string;
  try {
    const result = declList ? transformStyleAttribute(options) : transform({ ...options, filename });
    if (result.warnings.length > 0) throw new Unsafe(`lightningcss: ${result.warnings.map((w) => w.message).join('; ')}`);
    out = result.code.toString();
  } catch (error) {
    if (error instanceof Unsafe) throw error;
    const e = error as { message?: string; loc?: { line: number; column: number } };
    throw new Unsafe(`lightningcss: ${e.message ?? String(error)}${e.loc ? ` (line ${e.loc.line} of the template)` : ''}`);
  }

  const parts: string[] = [];
  let last = 0;
  let expected = 0;
  for (const m of out.matchAll(PLACEHOLDER)) {
    const n = Number(m[1] ?? m[3] ?? m[4]);
    if (m[1] !== undefined && m[1] !== m[2]) throw new Unsafe('a rule placeholder was changed');
    if (n !== expected) throw new Unsafe('lightningcss moved an interpolation');
    const kind: Slot = m[1] !== undefined ? 'rule' : m[3] !== undefined ? 'decl' : 'value';
    if (kind !== slots[n]) throw new Unsafe('an interpolation changed position');
    if (kind === 'decl') {
      // Alone in its block: only other declaration placeholders and `;` around it.
      const before = out.slice(0, m.index).replace(/(?:;|--lit-expr-\d+:0)+$/, '').at(-1);
      const after = out.slice(m.index + m[0].length).replace(/^(?:;|--lit-expr-\d+:0)+/, '')[0];
      const open = declList ? undefined : '{';
      const close = declList ? undefined : '}';
      if (before !== open || after !== close) throw new Unsafe('an interpolated declaration list shares its block with other declarations');
    }
    parts.push(out.slice(last, m.index));
    last = m.index + m[0].length;
    expected++;
  }
  if (expected !== quasis.length - 1) throw new Unsafe('lightningcss dropped an interpolation');
  parts.push(out.slice(last));
  return { parts };
}

function stripCommentsAndStrings(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '');
}

/** Escapes cooked text for the inside of a template literal. */
const toRaw = (cooked: string) => cooked.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

export interface TransformResult {
  code: string;
  map: ReturnType<MagicString['generateMap']>;
  /** One per template left as written: where and why. */
  warnings: string[];
  minified: number;
  /** Cooked CSS characters before and after, over the minified templates. */
  before: number;
  after: number;
}

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}
interface TemplateElementNode extends Node {
  value: { raw: string; cooked: string | null };
}

function* walk(node: unknown): Generator<Node> {
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
  } else if (node && typeof node === 'object') {
    const n = node as Node;
    if (typeof n.type === 'string') yield n;
    for (const key in n) if (key !== 'parent') yield* walk(n[key]);
  }
}

/** Minifies every Lit `css` template in a module's source. Returns null when there is none. */
export function minifyCssLiterals(code: string, id: string): TransformResult | null {
  if (!code.includes('`') || !/['"](lit|lit-element|@lit\/reactive-element)(\/[^'"]*)?['"]/.test(code)) return null;
  const parsed = parseSync(id, code, { lang: id.endsWith('.tsx') ? 'tsx' : id.endsWith('.ts') || id.endsWith('.mts') ? 'ts' : 'js' });
  if (parsed.errors.length > 0) return null; // the real transform reports it
  const tags = new Set<string>();
  for (const statement of parsed.program.body as unknown as Node[]) {
    if (statement.type !== 'ImportDeclaration' || !LIT_MODULES.test((statement.source as { value: string }).value)) continue;
    for (const spec of statement.specifiers as Array<Node & { imported?: { name?: string; value?: string }; local: { name: string } }>) {
      if (spec.type === 'ImportSpecifier' && (spec.imported?.name ?? spec.imported?.value) === 'css') tags.add(spec.local.name);
    }
  }
  if (tags.size === 0) return null;

  const s = new MagicString(code);
  const warnings: string[] = [];
  let minified = 0;
  let before = 0;
  let after = 0;
  const file = path.relative(process.cwd(), id.split('?')[0]!) || id;
  for (const node of walk(parsed.program)) {
    if (node.type !== 'TaggedTemplateExpression') continue;
    const tag = node.tag as Node & { name?: string };
    if (tag.type !== 'Identifier' || !tags.has(tag.name!)) continue;
    const quasis = (node.quasi as { quasis: TemplateElementNode[] }).quasis;
    const where = () => {
      const lines = code.slice(0, node.start).split('\n');
      return `${file}:${lines.length}:${lines.at(-1)!.length + 1}`;
    };
    try {
      if (quasis.some((q) => q.value.cooked === null)) throw new Unsafe('an invalid escape sequence in the template');
      const cooked = quasis.map((q) => q.value.cooked!);
      const { parts } = minifyTemplate(cooked, file);
      if (parts.every((part, i) => part === cooked[i])) continue;
      // Where each quasi's raw text sits: oxc's TemplateElement span includes the delimiters
      // (` or }, and ` or ${); ESTree's does not. Accept either.
      const spans = quasis.map((q) => {
        for (const start of [q.start + 1, q.start]) if (code.startsWith(q.value.raw, start) && start + q.value.raw.length <= q.end) return start;
        throw new Unsafe('could not locate the template text in the source');
      });
      quasis.forEach((q, i) => {
        const start = spans[i]!;
        const end = start + q.value.raw.length;
        const raw = toRaw(parts[i]!);
        if (raw === q.value.raw) return;
        if (end > start && raw) s.overwrite(start, end, raw);
        else if (end > start) s.remove(start, end);
        else s.appendLeft(start, raw);
      });
      minified++;
      before += cooked.join('').length;
      after += parts.join('').length;
    } catch (error) {
      if (!(error instanceof Unsafe)) throw error;
      warnings.push(`minify-css-literals: left the css\`…\` template at ${where()} as written: ${error.message}`);
    }
  }
  if (minified === 0 && warnings.length === 0) return null;
  return { code: s.toString(), map: s.generateMap({ source: id, includeContent: true, hires: 'boundary' }), warnings, minified, before, after };
}

/** Vite (Rolldown) plugin: the library build's `css` templates, minified. */
export function minifyCssLiteralsPlugin(options: { include?: RegExp } = {}): Plugin {
  const include = options.include ?? /\/src\/(?!.*\.(test|stories)\.ts$).+\.ts$/;
  let templates = 0;
  let before = 0;
  let after = 0;
  return {
    name: 'minify-css-literals',
    apply: 'build',
    enforce: 'pre',
    transform: {
      filter: { id: include, code: '`' },
      handler(code, id) {
        if (!include.test(id.split('?')[0]!)) return null;
        const result = minifyCssLiterals(code, id);
        if (!result) return null;
        for (const warning of result.warnings) this.warn(warning);
        templates += result.minified;
        before += result.before;
        after += result.after;
        return result.minified > 0 ? { code: result.code, map: result.map } : null;
      },
    },
    buildEnd() {
      if (templates > 0) {
        this.info(`${templates} css\`…\` templates minified: ${(before / 1024).toFixed(1)} KB -> ${(after / 1024).toFixed(1)} KB of CSS`);
      }
    },
  };
}
