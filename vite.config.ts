// Library build: `vite build` -> dist/ (ESM only).
//
//   dist/index.js          src/index.ts        registers all five elements, re-exports
//   dist/<tag>.js          src/<tag>.ts        registers one element (side effect)
//   dist/core.js           src/core/index.ts   framework-free core
//   dist/chunks/*.js       code shared between entries
//
// Declarations come from `tsc -p tsconfig.build.json` (dist/types), run after this
// by `npm run build`.
//
// Decorators: tsconfig.json has `experimentalDecorators: true` and
// `useDefineForClassFields: false`; Vite 8's Oxc transform reads those from tsconfig and
// emits legacy `__decorate(...)` calls that run in any ES2022 browser. (Oxc does NOT lower
// standard TC39 decorators: do not turn experimentalDecorators off without switching the
// transform to esbuild, see /work/shared/toolchain.md.)
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { TAGS } from './scripts/tags.js';

const entries: Record<string, string> = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  ...Object.fromEntries(TAGS.map((tag) => [tag, `src/${tag}.ts`])),
};

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
// lit, lit/*, @lit/* and anything else the package declares as a (peer) dependency stay
// imports in dist/: the consumer's bundler dedupes them.
const externalPackages = new Set([
  'lit',
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
]);
const isExternal = (id: string): boolean =>
  id.startsWith('@lit/') ||
  [...externalPackages].some((name) => id === name || id.startsWith(`${name}/`));

// Note: Storybook's builder also loads this file (it keeps everything but `build`), so keep
// top-level options library-neutral.
export default defineConfig({
  // No public/ assets for a library.
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Ship readable ESM; the consumer's bundler minifies. (bench/size.ts measures minified.)
    minify: false,
    lib: {
      entry: entries,
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: isExternal,
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
