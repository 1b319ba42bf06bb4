import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { exampleConfig } from '../vite.shared.js';

// `npx vite build --config examples/react/vite.config.ts` (after `npm run build`), or `npm run examples`.
export default defineConfig({ ...exampleConfig(import.meta.dirname), plugins: [react()] });
