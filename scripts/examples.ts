// npm run examples
//
// Builds the framework examples (examples/{react,vue,angular}, each with Vite) and lays them out
// next to the plain HTML example, the kit's dist/ and the Lit packages it imports, in one folder
// that the local server serves (it serves a single static directory):
//
//   <out>/examples/html/index.html    no build step: import map → /dist/index.js and /node_modules/lit…
//   <out>/examples/{react,vue,angular}/index.html
//   <out>/dist/…                      npm run build
//   <out>/node_modules/{lit,lit-html,lit-element,@lit/reactive-element,@lit/context}/
//
// Then (unless imported, as test/frameworks/examples.test.ts does) it starts the local server on
// that folder and prints a URL per example: open one as the anchor and others as viewers.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BUILT_EXAMPLES = ['react', 'vue', 'angular'] as const;
export const EXAMPLES = ['html', ...BUILT_EXAMPLES] as const;
export type Example = (typeof EXAMPLES)[number];

/** What the plain HTML page's import map points at (besides dist/). */
const LIT_PACKAGES = ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit/context'];

export interface BuiltExamples {
  dir: string;
  /** Path of each example's page under `dir`, e.g. `examples/react/index.html`. */
  pages: Record<Example, string>;
  /** Build time of each built example (ms). */
  timings: Partial<Record<Example, number>>;
}

export async function buildExamples(outDir: string, only: readonly Example[] = EXAMPLES): Promise<BuiltExamples> {
  if (!existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const { build } = await import('vite');
  const timings: BuiltExamples['timings'] = {};
  for (const name of BUILT_EXAMPLES.filter((n) => only.includes(n))) {
    const started = performance.now();
    await build({
      configFile: path.join(root, 'examples', name, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: path.join(outDir, 'examples', name), emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
    });
    timings[name] = Math.round(performance.now() - started);
  }
  if (only.includes('html')) {
    cpSync(path.join(root, 'examples', 'html'), path.join(outDir, 'examples', 'html'), { recursive: true });
    cpSync(path.join(root, 'dist'), path.join(outDir, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.map') && !src.includes(`${path.sep}types`) });
    for (const name of LIT_PACKAGES) {
      cpSync(path.join(root, 'node_modules', name), path.join(outDir, 'node_modules', name), { recursive: true, dereference: true, filter: (src) => !src.endsWith('.map') && !src.endsWith('.d.ts') });
    }
  }
  const pages = Object.fromEntries(EXAMPLES.map((name) => [name, `examples/${name}/index.html`])) as Record<Example, string>;
  return { dir: outDir, pages, timings };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const portArg = process.argv.indexOf('--port');
  const port = Number(portArg > 0 ? process.argv[portArg + 1] : process.env.PORT || 8788);
  const out = path.join(root, 'tmp', 'examples');
  const built = await buildExamples(out);
  const { createLocalServer } = await import('../server/app.js');
  const server = await createLocalServer({ port, staticDir: built.dir });
  const room = 1000 + Math.floor(Math.random() * 9000);
  console.log(`\nExamples (local server ${server.url}), room ${room}:`);
  for (const name of EXAMPLES) {
    console.log(`  ${name.padEnd(8)} anchor  ${server.url}/${built.pages[name]}?role=anchor&room=${room}`);
    console.log(`  ${''.padEnd(8)} viewer  ${server.url}/${built.pages[name]}?room=${room}`);
  }
  console.log('\nCtrl+C stops the server.');
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
