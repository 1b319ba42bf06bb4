// The package as a consumer sees it (needs `npm run build`): every export resolves and has
// types, `sideEffects` names only files that define tags, and importing one element (or its
// React wrapper) bundles that element alone.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { pascal } from '../../scripts/make-react.js';
import { TAGS } from '../../scripts/tags.js';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | { types?: string; default: string }>;
  sideEffects: string[];
};

let dir: string;

/** Bundles `code` as a consumer of the package would (through `exports` and `sideEffects`). */
async function bundle(code: string): Promise<string> {
  const entry = path.join(dir, `entry-${Math.random().toString(36).slice(2)}.js`);
  writeFileSync(entry, code);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    treeShaking: true,
    external: ['react', 'react-dom'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** The kit's public tags that the bundle defines (internal parts such as live-video-tile aside). */
const defines = (js: string) => [...js.matchAll(/customElements\.define\(\s*["']([a-z-]+)["']/g)].map((m) => m[1]!).filter((tag) => (TAGS as readonly string[]).includes(tag));
/** The kit's element classes that the bundle declares (`class X extends` or `var X = class extends`). */
const classes = (js: string) => TAGS.filter((tag) => new RegExp(`\\b(class ${pascal(tag)}\\d*|${pascal(tag)}\\d* = class) extends\\b`).test(js));

describe('package entries', () => {
  before(() => {
    assert.ok(existsSync(path.join(root, 'dist/index.js')), 'dist/ is missing: run npm run build first');
    dir = mkdtempSync(path.join(tmpdir(), 'live-elements-consumer-'));
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(root, path.join(dir, 'node_modules', pkg.name), 'dir');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('every export (per element, core, react) exists with its types', () => {
    for (const tag of TAGS) assert.ok(pkg.exports[`./${tag}`], `no export for ./${tag}`);
    for (const name of ['.', './core', './react', './react/*']) assert.ok(pkg.exports[name], `no export for ${name}`);
    for (const [name, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      const files = name.endsWith('/*') ? TAGS.map((tag) => [target.default.replace('*', tag), target.types?.replace('*', tag)] as const) : [[target.default, target.types] as const];
      for (const [js, types] of files) {
        assert.ok(types, `${name} has no types`);
        assert.ok(existsSync(path.join(root, js)), `${name}: ${js} missing`);
        assert.ok(existsSync(path.join(root, types)), `${name}: ${types} missing`);
      }
    }
  });

  it('sideEffects lists only files that register something (tags, or the Tencent engine)', () => {
    for (const file of pkg.sideEffects) {
      if (file.includes('*')) {
        assert.match(file, /^\.\/demo\//, `glob ${file}`);
        continue;
      }
      const text = readFileSync(path.join(root, file), 'utf8');
      // A tag's registration, or another opt-in registration at top level (tencent/register: enableTencentEngine()).
      const registers =
        /customElements\.define\(/.test(text) ||
        TAGS.some((tag) => text.includes(`import "./${tag}.js"`) || text.includes(`from './${tag}.js'`)) ||
        (/register\.(js|ts)$/.test(file) && /^\s*enable\w+\(/m.test(text));
      assert.ok(registers, `${file} is listed in sideEffects but registers nothing`);
    }
  });

  for (const tag of TAGS) {
    it(`import 'live-elements/${tag}' bundles <${tag}> and no other element`, async () => {
      const js = await bundle(`import '${pkg.name}/${tag}';`);
      assert.deepEqual(defines(js), [tag]);
      assert.deepEqual(classes(js), [tag]);
    });
  }

  it("import { BarrageLayer } from 'live-elements/react' bundles only <barrage-layer>", async () => {
    const js = await bundle(`import { BarrageLayer } from '${pkg.name}/react'; console.log(BarrageLayer);`);
    assert.deepEqual(defines(js), ['barrage-layer']);
    assert.deepEqual(classes(js), ['barrage-layer']);
  });

  it("import 'live-elements' registers all five", async () => {
    const js = await bundle(`import '${pkg.name}';`);
    assert.deepEqual(defines(js).sort(), [...TAGS].sort());
  });
});
