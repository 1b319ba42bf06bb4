// The engine contract in Chromium: `npx web-test-runner --config web-test-runner.contract.config.mjs`.
//
// Runs test/tencent/*.wtr-test.ts: the contract against the local engine (on a real local
// server, started here as a child process and stopped at the end) and against the Tencent
// adapters on SDK fakes, plus the adapters' own tests. The page learns the server's address
// from /__contract.json.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';

const root = fileURLToPath(new URL('.', import.meta.url));
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Starts `server/main.ts` on a free port; resolves with its addresses. */
function startLocalServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the local server did not start within 30 s:\n${out}`)), 30_000);
    child.on('exit', (code) => reject(new Error(`the local server exited (${code}):\n${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const http = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      const ws = /(ws:\/\/127\.0\.0\.1:\d+\/ws)/.exec(out);
      if (http && ws) {
        clearTimeout(timer);
        resolve({ httpUrl: http[1], wsUrl: ws[1] });
      }
    });
  });
  return { child, ready };
}

let server;

const localServerPlugin = {
  name: 'contract-local-server',
  async serverStart() {
    server = startLocalServer();
    await server.ready;
  },
  async serve(context) {
    if (context.path === '/__contract.json') return { body: JSON.stringify(await server.ready), type: 'json' };
    // A stand-in for /api/tencent/usersig that signs the way the SDK fakes expect (test/tencent/fake-sdk.ts).
    if (context.path === '/__fake-usersig') {
      const userId = context.URL.searchParams.get('userId') ?? '';
      return { body: JSON.stringify({ sdkAppId: 1400000001, userId, userSig: `fake-sig:1400000001:${userId}` }), type: 'json' };
    }
    return undefined;
  },
  async serverStop() {
    server?.child.kill('SIGTERM');
  },
};

export default {
  files: ['test/tencent/*.wtr-test.ts'],
  nodeResolve: true,
  rootDir: root,
  plugins: [
    localServerPlugin,
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)), target: 'es2022' }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
          '--allow-loopback-in-peer-connection',
          '--disable-features=WebRtcHideLocalIpsWithMdns',
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
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && (args[0].startsWith('Lit is in dev mode') || args[0].includes('TencentCloudChat'))),
  // Every test by name (the contract is a list of promises), and the usual summary.
  reporters: [summaryReporter({ flatten: false }), defaultReporter()],
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 30_000 } },
};
