// The build plugin that minifies Lit `css` templates (scripts/minify-css-literals.ts), on
// representative inputs. Run by `npm run test:build` (scripts/*.test.ts, after the build;
// minify-css-literals.chromium.test.ts checks the built styles in Chromium).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { build } from 'vite';
import { minifyCssLiterals, minifyCssLiteralsPlugin, minifyTemplate } from './minify-css-literals.js';

const root = path.resolve(import.meta.dirname, '..');

/** The template text of the first css`…` in `code` (after the transform). */
function template(code: string, name: string): string {
  const m = new RegExp(`${name} = \\w+\`((?:\\\\.|[^\`\\\\])*)\``).exec(code);
  assert.ok(m, `no css template ${name} in:\n${code}`);
  return m[1]!;
}

function run(source: string, id = '/repo/src/x.styles.ts') {
  const result = minifyCssLiterals(source, id);
  assert.ok(result, 'expected a result');
  return result;
}

describe('minify-css-literals', () => {
  it('minifies a stylesheet and keeps :host([theme=dark]), ::slotted, ::part, reduced motion, @container and custom property fallbacks', () => {
    const source = `import { css } from 'lit';
export const styles = css\`
  /* a comment that goes */
  :host {
    display: block;
    --x-surface: var(--live-color-surface, #ffffff);
    --x-font: var(--live-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --x-nested: var(--a, var(--b, 12px));
    --x-empty-fallback: var(--a,);
    user-select: none;
  }
  :host([theme='dark']) { --x-surface: var(--live-color-surface, #17181d); }
  :host(:not([theme='dark'])) .panel { color: var(--x-on-surface); }
  ::slotted(*) { font-size: 22px; }
  ::slotted([slot='side']) { flex: 1; }
  :host::part(base) { color: red; }
  .gift ::part(icon) { width: 10px; }
  @media (prefers-reduced-motion: reduce) {
    .comment { animation: none !important; transition: none; }
  }
  @container (max-width: 640px) {
    .side { display: none; }
  }
\`;
`;
    const result = run(source);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.minified, 1);
    const css = template(result.code, 'styles');
    assert.ok(!css.includes('comment that goes'), 'comments dropped');
    assert.ok(!/\n/.test(css), 'whitespace dropped');
    assert.ok(css.length < result.before, 'shorter');
    for (const kept of [
      ':host{',
      ':host([theme=dark]){--x-surface:var(--live-color-surface,#17181d)}',
      ':host(:not([theme=dark])) .panel{color:var(--x-on-surface)}',
      '::slotted(*){font-size:22px}',
      '::slotted([slot=side])',
      ':host::part(base){color:red}',
      '.gift ::part(icon){width:10px}',
      '@media (prefers-reduced-motion:reduce){.comment{transition:none;animation:none!important}}',
      '@container (width<=640px){.side{display:none}}',
      '--x-surface:var(--live-color-surface,#fff)',
      // Custom property fallbacks: kept whole, commas and nesting included.
      '--x-font:var(--live-font,system-ui, -apple-system, "Segoe UI", Roboto, sans-serif)',
      '--x-nested:var(--a,var(--b,12px))',
      '--x-empty-fallback:var(--a,)',
    ]) {
      assert.ok(css.includes(kept), `expected ${kept} in ${css}`);
    }
    // No prefixing, no light-dark() helper variables, nothing else added.
    assert.ok(!css.includes('-webkit-'), css);
    assert.ok(!css.includes('lightningcss'), css);
    assert.ok(css.includes('user-select:none'), css);
  });

  it('keeps interpolations, in declaration-list position (the light/dark blocks of our styles)', () => {
    const source = `import { css } from 'lit';
const light = css\`
  color-scheme: light;
  --barrage-surface: var(--live-color-surface, #f5f6f8);
\`;
export const styles = css\`
  :host { color-scheme: dark; }
  @media (prefers-color-scheme: light) {
    :host(:not([theme='dark'])) { \${light} }
  }
  :host([theme='light']) { \${light} }
\`;
`;
    const result = run(source);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.minified, 2);
    // The bare declaration list, minified as a style attribute (no light-dark() helper variables).
    assert.equal(template(result.code, 'light'), 'color-scheme:light;--barrage-surface:var(--live-color-surface,#f5f6f8)');
    assert.equal(
      template(result.code, 'styles'),
      ':host{color-scheme:dark}@media (prefers-color-scheme:light){:host(:not([theme=dark])){${light}}}:host([theme=light]){${light}}',
    );
  });

  it('keeps interpolations in value and rule positions, and several in one block', () => {
    const source = `import { css as litCss, unsafeCSS } from 'lit';
const a = unsafeCSS('red');
const b = litCss\`.b { color: blue; }\`;
export const styles = litCss\`
  .a { color: \${a}; margin: 0 \${a} 2px; width: calc(100% - \${a}); }
  .c { \${a} \${b} }
  \${b}
  \${b}
\`;
`;
    const result = run(source);
    assert.deepEqual(result.warnings, []);
    const css = template(result.code, 'styles');
    assert.ok(css.includes('color:${a}'), css);
    assert.ok(css.includes('margin:0 ${a} 2px'), css);
    assert.ok(css.includes('calc(100% - ${a})'), css);
    assert.ok(css.endsWith('.c{${a};${b}}${b}${b}'), css);
    assert.equal(css.match(/\$\{/g)?.length, 7);
  });

  it('leaves a template it cannot minify as written, with a warning naming the file and line', () => {
    const unbalanced = `.a { color: red; ) }`;
    const selector = `\${sel} .a { color: red; }`;
    const mixed = `.a { color: red; \${more} }`;
    const source = `import { css } from 'lit';
const sel = 'x', more = css\`\`;
export const broken = css\`${unbalanced}\`;
export const inSelector = css\`${selector}\`;
export const mixedBlock = css\`${mixed}\`;
export const fine = css\`.ok { color: red; }\`;
`;
    const result = run(source, path.join(root, 'src/broken.styles.ts'));
    assert.equal(result.minified, 1);
    assert.equal(result.warnings.length, 3, result.warnings.join('\n'));
    assert.match(result.warnings[0]!, /^minify-css-literals: left the css`…` template at src\/broken\.styles\.ts:3:\d+ as written: lightningcss: /);
    assert.match(result.warnings[1]!, /src\/broken\.styles\.ts:4:\d+ .*selector/);
    assert.match(result.warnings[2]!, /src\/broken\.styles\.ts:5:\d+ .*shares its block/);
    assert.equal(template(result.code, 'broken'), unbalanced);
    assert.equal(template(result.code, 'inSelector'), selector);
    assert.equal(template(result.code, 'mixedBlock'), mixed);
    assert.equal(template(result.code, 'fine'), '.ok{color:red}');
  });

  it('keeps escapes: backslashes, backticks and ${ in the CSS survive the round trip', () => {
    const source = String.raw`import { css } from 'lit';
export const styles = css` + '`' + String.raw`
  /* a \`code\` comment */
  .a::before { content: '\\2014  \`x\` \${y}'; }
  .b::after { content: "\\"" ; }
` + '`;\n';
    const result = run(source);
    assert.deepEqual(result.warnings, []);
    // Evaluate both templates as Lit would (cooked strings) and compare the CSS meaning.
    const cooked = (text: string) => new Function(`return \`${text}\`;`)() as string;
    const after = cooked(template(result.code, 'styles'));
    // (A CSS hex escape eats one space after it: '\\2014  x' is "— x".)
    assert.equal(after, '.a:before{content:"— `x` ${y}"}.b:after{content:"\\""}');
  });

  it('ignores templates whose tag is not lit\'s css, and files without any', () => {
    assert.equal(minifyCssLiterals("const css = (s: TemplateStringsArray) => s; css`.a { color: red; }`;", '/repo/src/a.ts'), null);
    assert.equal(minifyCssLiterals("import { html } from 'lit'; html`<p></p>`;", '/repo/src/b.ts'), null);
  });

  it('minifyTemplate: only interpolations (composition) is left alone', () => {
    assert.deepEqual(minifyTemplate(['', '', '']).parts, ['', '', '']);
  });

  it('the source map points into the original source', () => {
    const source = "import { css } from 'lit';\nconst n = 1;\nexport const styles = css`\n  .a { color: red; }\n`;\nexport const after = n;\n";
    const result = run(source);
    assert.deepEqual(result.map.sources, ['/repo/src/x.styles.ts']);
    assert.equal(result.map.sourcesContent?.[0], source);
    assert.ok(result.code.endsWith('export const after = n;\n'));
  });

  it('in a vite build, every css template of the real styles minifies with no warning', async () => {
    const warnings: string[] = [];
    const files = [
      'src/components/barrage-layer/barrage-layer.styles.ts',
      'src/components/gift-panel/gift-panel.styles.ts',
      'src/components/live-room/live-room.styles.ts',
      'src/components/call-panel/call-panel.styles.ts',
      'src/components/coanchor-queue/coanchor-queue.styles.ts',
      'src/internal/control-styles.ts',
      'src/internal/panel-styles.ts',
    ];
    for (const file of files) {
      const result = minifyCssLiterals(readFileSync(path.join(root, file), 'utf8'), path.join(root, file));
      assert.ok(result && result.minified > 0, file);
      warnings.push(...result.warnings);
    }
    assert.deepEqual(warnings, []);
    // Through vite itself (the hook and its filter), on one entry, in memory.
    const logs: string[] = [];
    const output = await build({
      configFile: false,
      logLevel: 'silent',
      root,
      plugins: [minifyCssLiteralsPlugin()],
      build: {
        write: false,
        minify: false,
        lib: { entry: path.join(root, 'src/internal/control-styles.ts'), formats: ['es'], fileName: 'x' },
        rolldownOptions: { external: (id) => id === 'lit' || id.startsWith('lit/'), onwarn: (w) => void logs.push(w.message) },
      },
    });
    const chunk = ((Array.isArray(output) ? output[0]! : output) as { output: Array<{ code: string }> }).output[0]!;
    assert.match(chunk.code, /css`[^`\n]*\{[^`\n]*`/, 'one-line (minified) css template in the build output');
    assert.deepEqual(logs.filter((m) => m.includes('minify-css-literals')), []);
  });

  it('in a vite build, a template it cannot minify becomes a build warning and stays as written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'minify-css-literals-'));
    try {
      const file = path.join(dir, 'broken.ts');
      writeFileSync(file, "import { css } from 'lit';\nexport const a = css`.a { color: red; ) }`;\nexport const b = css`.b { color: red; }`;\n");
      const logs: string[] = [];
      const output = await build({
        configFile: false,
        logLevel: 'silent',
        root: dir,
        plugins: [minifyCssLiteralsPlugin({ include: /broken\.ts$/ })],
        build: {
          write: false,
          minify: false,
          lib: { entry: file, formats: ['es'], fileName: 'x' },
          rolldownOptions: { external: ['lit'], onwarn: (w) => void logs.push(w.message) },
        },
      });
      const code = ((Array.isArray(output) ? output[0]! : output) as { output: Array<{ code: string }> }).output[0]!.code;
      assert.ok(code.includes('css`.a { color: red; ) }`'), code);
      assert.ok(code.includes('css`.b{color:red}`'), code);
      const ours = logs.filter((m) => m.includes('minify-css-literals'));
      assert.equal(ours.length, 1, logs.join('\n'));
      assert.match(ours[0]!, /broken\.ts:2:\d+ as written: lightningcss:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
