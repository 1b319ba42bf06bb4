// The minified styles in dist/ mean what the source styles mean, as Chromium reads them.
//
// For every src file with Lit `css` templates, each template's CSS text is evaluated as Lit
// would (interpolations of other templates in the same file resolved) from src/ and from the
// built dist/ file; both go into a CSSStyleSheet in Chromium, and the two CSSOMs are compared:
// for every (at-rule context, single selector) the declarations that win (longhands, custom
// properties, !important), every @keyframes step, and nothing more or less on either side.
// Values that Chromium serializes differently are compared by computed value on a probe element
// (`#fff` / `rgb(255 255 255)`, `translateX` / `translate`, `.4s` / `0.4s`); token lists (custom
// properties, shorthands holding var()) with whitespace, colours, numbers and quotes normalized.
// Not covered: the relative order of rules in different contexts (lightningcss does not move
// rules; it merges adjacent ones).
//
// Needs a fresh dist/ (`npm run test:build` builds it before running this).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseSync } from 'vite';
import { CHROMIUM_PATH as CHROMIUM } from '../test/chromium.js';

const root = path.resolve(import.meta.dirname, '..');

interface Node {
  type: string;
  [key: string]: unknown;
}

function* walk(node: unknown): Generator<Node> {
  if (Array.isArray(node)) for (const child of node) yield* walk(child);
  else if (node && typeof node === 'object') {
    const n = node as Node;
    if (typeof n.type === 'string') yield n;
    for (const key in n) yield* walk(n[key]);
  }
}

/** The CSS text of each `css` template in a file, in order, as Lit builds it (null: not resolvable here). */
function cssTexts(file: string): Array<string | null> {
  const code = readFileSync(file, 'utf8');
  const program = parseSync(file, code, { lang: file.endsWith('.ts') ? 'ts' : 'js' }).program;
  const templates: Node[] = [];
  const byName = new Map<string, Node>();
  for (const node of walk(program)) {
    if (node.type === 'TaggedTemplateExpression' && (node.tag as Node & { name?: string }).name === 'css') templates.push(node);
    if (node.type === 'VariableDeclarator' && (node.id as Node).type === 'Identifier' && (node.init as Node | null)?.type === 'TaggedTemplateExpression') {
      byName.set((node.id as unknown as { name: string }).name, node.init as Node);
    }
  }
  const evaluate = (t: Node, depth = 0): string | null => {
    const quasi = t.quasi as { quasis: Array<{ value: { cooked: string } }>; expressions: Node[] };
    let text = quasi.quasis[0]!.value.cooked;
    for (let i = 0; i < quasi.expressions.length; i++) {
      const e = quasi.expressions[i]! as Node & { name?: string };
      const target = e.type === 'Identifier' ? byName.get(e.name!) : undefined;
      const value = target && depth < 5 ? evaluate(target, depth + 1) : null;
      if (value === null) return null;
      text += value + quasi.quasis[i + 1]!.value.cooked;
    }
    return text;
  };
  return templates.map((t) => evaluate(t));
}

/** src/**.ts files with css templates, and the dist file each one builds. */
function pairs(): Array<{ src: string; dist: string }> {
  const out: Array<{ src: string; dist: string }> = [];
  for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || /\.(test|stories)\.ts$/.test(entry.name)) continue;
    const src = path.join(entry.parentPath, entry.name);
    if (!/\bcss`/.test(readFileSync(src, 'utf8'))) continue;
    const dist = path.join(root, 'dist', path.relative(path.join(root, 'src'), src)).replace(/\.ts$/, '.js');
    if (existsSync(dist)) out.push({ src, dist });
  }
  return out;
}

/** Runs in the page: the differences between two stylesheets' meanings (empty: equivalent). */
function compareInPage([a, b]: [string, string]): string[] {
  const probe = document.createElement('div');
  probe.style.cssText = 'position:absolute;width:100px;height:100px;font-size:10px';
  document.body.append(probe);
  const canonicalColor = (c: string): string => {
    probe.style.color = '';
    probe.style.color = c;
    return probe.style.color ? getComputedStyle(probe).color : c;
  };
  const KEYWORDS = new Set(['inherit', 'initial', 'unset', 'revert', 'currentcolor', 'transparent', 'none', 'auto']);
  const tokens = (v: string): string =>
    v
      .replace(/'/g, '"')
      .replace(/#[0-9a-fA-F]{3,8}\b|(?:rgba?|hsla?)\([^()]*\)|(?<![-\w])[a-zA-Z]+(?![-\w(])/g, (m) =>
        (m.startsWith('#') || m.includes('(') || (CSS.supports('color', m) && !KEYWORDS.has(m.toLowerCase())) ? canonicalColor(m) : m),
      )
      .replace(/(?<![\w.])0+(\.\d)/g, '$1')
      .replace(/\s+/g, ' ')
      .replace(/\s*([,()/])\s*/g, '$1')
      .trim();
  const computed = (prop: string, v: string): string | undefined => {
    probe.style.removeProperty(prop);
    probe.style.setProperty(prop, v);
    if (!probe.style.getPropertyValue(prop)) return undefined;
    // A zero is a zero: `background: 0 0` (lightningcss's `background: transparent`) computes
    // its position to 0px where the initial value computes to 0%.
    const out = getComputedStyle(probe).getPropertyValue(prop).replace(/(?<![\d.])0%/g, '0px');
    probe.style.removeProperty(prop);
    return out;
  };
  const TYPED = ['color', 'box-shadow', 'font-family', 'transition', 'background', 'border', 'padding', 'width', 'transform', 'animation', 'font'];
  const same = (prop: string, x: string, y: string): boolean => {
    if (x === y || tokens(x) === tokens(y)) return true;
    if (!prop.startsWith('--')) {
      const cx = computed(prop, x);
      return cx !== undefined && cx === computed(prop, y);
    }
    for (const typed of TYPED) {
      const cx = computed(typed, x);
      if (cx !== undefined) return cx === computed(typed, y);
    }
    return false;
  };
  const condition = (c: string) => c.replace(/\(\s*max-(width|height)\s*:\s*([^)]+)\)/g, '($1 <= $2)').replace(/\(\s*min-(width|height)\s*:\s*([^)]+)\)/g, '($1 >= $2)').replace(/\s+/g, ' ').replace(/\s*:\s*/g, ':').trim();
  const splitSelectors = (s: string): string[] => {
    const parts: string[] = [];
    let depth = 0;
    let current = '';
    for (const ch of s) {
      if (ch === '(' || ch === '[') depth++;
      if (ch === ')' || ch === ']') depth--;
      if (ch === ',' && depth === 0) {
        parts.push(current.trim());
        current = '';
      } else current += ch;
    }
    parts.push(current.trim());
    return parts;
  };
  type Decls = Map<string, { value: string; important: boolean }>;
  const model = (cssText: string) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
    const rules = new Map<string, Decls>();
    const apply = (key: string, style: CSSStyleDeclaration) => {
      const decls = rules.get(key) ?? new Map();
      const set = (prop: string, value: string, important: boolean) => {
        const prior = decls.get(prop);
        if (!prior || !prior.important || important) decls.set(prop, { value, important });
      };
      for (let i = 0; i < style.length; i++) {
        const prop = style[i]!;
        const value = style.getPropertyValue(prop);
        if (value) set(prop, value, style.getPropertyPriority(prop) === 'important');
      }
      // Shorthands holding var() leave their longhands empty ("pending substitution"): keep the
      // shorthand's text, from the serialized block.
      for (const decl of style.cssText.split(/;(?![^(]*\))/)) {
        const m = /^\s*([-\w]+)\s*:\s*([\s\S]*?)\s*(!important)?\s*$/.exec(decl);
        if (!m || decls.has(m[1]!)) continue;
        const longhandsEmpty = [...Array(style.length).keys()].some((i) => style[i]!.startsWith(m[1]!) && !style.getPropertyValue(style[i]!));
        if (longhandsEmpty || /var\(/.test(m[2]!)) set(m[1]!, m[2]!, !!m[3]);
      }
      rules.set(key, decls);
    };
    const visit = (list: CSSRuleList, context: string) => {
      for (const rule of Array.from(list)) {
        if (rule instanceof CSSStyleRule) {
          for (const selector of splitSelectors(rule.selectorText)) apply(`${context}${selector}`, rule.style);
          if (rule.cssRules.length) visit(rule.cssRules, `${context}${rule.selectorText} > `);
        } else if (rule instanceof CSSMediaRule) visit(rule.cssRules, `${context}@media ${condition(rule.conditionText)} | `);
        else if (typeof CSSContainerRule !== 'undefined' && rule instanceof CSSContainerRule) visit(rule.cssRules, `${context}@container ${condition(rule.conditionText)} | `);
        else if (rule instanceof CSSSupportsRule) visit(rule.cssRules, `${context}@supports ${condition(rule.conditionText)} | `);
        else if (rule instanceof CSSKeyframesRule) {
          for (const frame of Array.from(rule.cssRules) as CSSKeyframeRule[]) {
            for (const step of frame.keyText.split(',')) apply(`${context}@keyframes ${rule.name} ${step.trim()}`, frame.style);
          }
        } else rules.set(`${context}${rule.cssText}`, new Map());
      }
    };
    visit(sheet.cssRules, '');
    return rules;
  };
  const ma = model(a);
  const mb = model(b);
  const problems: string[] = [];
  for (const key of new Set([...ma.keys(), ...mb.keys()])) {
    const da = ma.get(key);
    const db = mb.get(key);
    if (!da || !db) {
      if ((da?.size ?? 0) + (db?.size ?? 0) > 0) problems.push(`${key}: only in the ${da ? 'source' : 'minified'} styles`);
      continue;
    }
    for (const prop of new Set([...da.keys(), ...db.keys()])) {
      const x = da.get(prop);
      const y = db.get(prop);
      if (!x || !y) problems.push(`${key} { ${prop} }: ${x ? `${x.value} in the source only` : `${y!.value} in the minified only`}`);
      else if (x.important !== y.important) problems.push(`${key} { ${prop} }: !important differs`);
      else if (!same(prop, x.value, y.value)) problems.push(`${key} { ${prop} }: ${x.value}  vs  ${y.value}`);
    }
  }
  probe.remove();
  return problems;
}

describe('minified styles in dist/ are equivalent to the source styles (Chromium CSSOM)', () => {
  let browser: Browser;
  let page: Page;
  const files = pairs();

  before(async () => {
    assert.ok(existsSync(path.join(root, 'dist', 'index.js')), 'dist/ is missing: run npm run build first');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync'] });
    page = await browser.newPage();
    await page.setContent('<!doctype html><body></body>');
    // tsx compiles compareInPage with esbuild's keepNames, whose __name helper the page lacks.
    await page.evaluate('globalThis.__name = (f) => f');
  });
  after(async () => {
    await browser?.close();
  });

  it('the comparison itself: equal meanings pass, changed meanings are caught', async () => {
    const source = `:host { --a: var(--b, #ffffff); color: rgb(0 0 0 / 80%); transform: translateX(-50%); }
      :host([theme='dark']) { --a: 1px; } ::slotted(*) { margin: 0; } .x::part(p) { color: red; }
      @media (prefers-reduced-motion: reduce) { .y { transition: none !important; } }
      @container (max-width: 640px) { .z { display: none; } }`;
    const equivalent = ':host{--a:var(--b,#fff);color:#000c;transform:translate(-50%)}:host([theme=dark]){--a:1px}::slotted(*){margin:0}.x::part(p){color:red}@media (prefers-reduced-motion:reduce){.y{transition:none!important}}@container (width<=640px){.z{display:none}}';
    assert.deepEqual(await page.evaluate(compareInPage, [source, equivalent] as [string, string]), []);
    const changed: Array<[string, RegExp]> = [
      [equivalent.replace('var(--b,#fff)', 'var(--b)'), /--a/], // fallback collapsed
      [equivalent.replace(':host([theme=dark])', ':host'), /theme/], // :host() selector lost
      [equivalent.replace('@media (prefers-reduced-motion:reduce){.y{transition:none!important}}', ''), /prefers-reduced-motion/],
      [equivalent.replace('!important', ''), /important/],
      [equivalent.replace('::slotted(*){margin:0}', ''), /slotted/],
      [equivalent.replace('.x::part(p){color:red}', '.x::part(p){color:blue}'), /part/],
      [equivalent.replace('(width<=640px)', '(width<=641px)'), /container/],
    ];
    for (const [minified, expected] of changed) {
      const problems = await page.evaluate(compareInPage, [source, minified] as [string, string]);
      assert.ok(problems.some((p) => expected.test(p)), `not caught (${expected}): ${minified}\n${problems.join('\n')}`);
    }
  });

  it('finds the style files in dist/', () => {
    assert.ok(files.length >= 10, `only ${files.length} style files found`);
  });

  for (const { src, dist } of files) {
    it(path.relative(root, src), async () => {
      const before = cssTexts(src);
      const after = cssTexts(dist);
      assert.equal(after.length, before.length, 'same number of css templates');
      let compared = 0;
      for (let i = 0; i < before.length; i++) {
        if (before[i] === null || after[i] === null) continue;
        assert.notEqual(after[i], before[i], `template ${i + 1} was not minified`);
        assert.ok(after[i]!.length < before[i]!.length, `template ${i + 1} is not shorter`);
        const problems = await page.evaluate(compareInPage, [before[i]!, after[i]!] as [string, string]);
        assert.deepEqual(problems, [], `template ${i + 1}`);
        compared++;
      }
      assert.ok(compared > 0, 'compared at least one template');
    });
  }
});
