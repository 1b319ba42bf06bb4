import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { exampleConfig } from '../vite.shared.js';

/** The kit's tags (and nothing else) are custom elements, not Vue components. */
const LIVE_ELEMENTS = new Set(['live-room', 'barrage-layer', 'gift-panel', 'coanchor-queue', 'call-panel']);

// `npx vite build --config examples/vue/vite.config.ts` (after `npm run build`), or `npm run examples`.
export default defineConfig({
  ...exampleConfig(import.meta.dirname),
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => LIVE_ELEMENTS.has(tag) } } })],
});
