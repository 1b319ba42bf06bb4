import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** Builds the demo pages (served by the local server: `npm start`). */
export default defineConfig({
  root: resolve(import.meta.dirname, 'demo'),
  base: './',
  logLevel: 'warn',
  // `npm start` sets LIVE_DEMO_ENGINE=tencent (and the public SDKAppID) when .env holds credentials.
  define: {
    __LIVE_DEMO_ENGINE__: JSON.stringify(process.env.LIVE_DEMO_ENGINE === 'tencent' ? 'tencent' : 'local'),
    __TENCENT_SDK_APP_ID__: JSON.stringify(Number(process.env.LIVE_DEMO_SDK_APP_ID ?? 0)),
  },
  build: {
    outDir: resolve(import.meta.dirname, 'demo-dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'demo/index.html'),
        anchor: resolve(import.meta.dirname, 'demo/anchor.html'),
        viewer: resolve(import.meta.dirname, 'demo/viewer.html'),
        call: resolve(import.meta.dirname, 'demo/call.html'),
        voiceHost: resolve(import.meta.dirname, 'demo/voice-host.html'),
        voice: resolve(import.meta.dirname, 'demo/voice.html'),
      },
    },
  },
});
