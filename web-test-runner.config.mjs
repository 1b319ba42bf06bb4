// Component tests: `npm run test:components` (= `web-test-runner`).
// Mocha + @open-wc/testing in Debian's Chromium (headless, fake camera/mic, loopback WebRTC).
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

// CHROME_PATH lets a developer point at another Chromium; CI uses Debian's.
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: true,
  plugins: [
    // tsconfig gives esbuild `experimentalDecorators` / `useDefineForClassFields: false`;
    // without it Lit throws "Unsupported decorator location: field".
    esbuildPlugin({
      ts: true,
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      target: 'es2022',
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox', // we run as root
          '--headless=new',
          '--disable-gpu',
          '--use-fake-device-for-media-stream', // else getUserMedia: NotFoundError
          '--use-fake-ui-for-media-stream', // else NotAllowedError; also lets loopback ICE work
          '--allow-loopback-in-peer-connection', // loopback-only machines gather no ICE candidate without it
          '--autoplay-policy=no-user-gesture-required',
          '--disable-background-networking',
          '--no-first-run',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      },
    }),
  ],
  // Lit's dev build (picked by nodeResolve's "development" condition) gives better warnings;
  // drop only its one-line "dev mode" banner, printed once per test file.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  // 2-core machines: one test file at a time, one browser.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: {
    config: { timeout: 10_000 },
  },
};
