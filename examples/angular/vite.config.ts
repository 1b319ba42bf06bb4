import { defineConfig } from 'vite';
import { exampleConfig } from '../vite.shared.js';

// `npx vite build --config examples/angular/vite.config.ts` (after `npm run build`), or `npm run examples`.
// Decorators: examples/tsconfig.json (extending the repository's) has experimentalDecorators,
// which Vite's TypeScript transform follows.
export default defineConfig(exampleConfig(import.meta.dirname));
