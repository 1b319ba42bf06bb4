/**
 * Shared Vite settings of the React, Vue and Angular examples. A real app depends on
 * `live-elements` and imports it by name; here the name points at this repository's build
 * (`npm run build` → dist/), through the same entry files that package.json "exports" names.
 */
import { resolve } from 'node:path';
import type { Alias, UserConfig } from 'vite';

const repo = resolve(import.meta.dirname, '..');

export const liveElementsAlias: Alias[] = [
  { find: /^live-elements$/, replacement: resolve(repo, 'dist/index.js') },
  { find: /^live-elements\/react$/, replacement: resolve(repo, 'dist/react/index.js') },
  { find: /^live-elements\/(.+)$/, replacement: `${resolve(repo, 'dist')}/$1.js` },
];

/** Settings every example shares: relative URLs (served from any folder), the alias, quiet logs. */
export function exampleConfig(dir: string): UserConfig {
  return {
    root: dir,
    base: './',
    logLevel: 'warn',
    publicDir: false,
    resolve: { alias: liveElementsAlias },
    build: { target: 'es2022', outDir: resolve(dir, 'dist'), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  };
}
