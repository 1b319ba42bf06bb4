/**
 * `npm start`: builds the demo pages, starts the local server serving them, prints the URLs.
 * Port from `--port N` or `PORT` (default 8787).
 */
import { resolve } from 'node:path';
import { build } from 'vite';
import { createLocalServer } from '../server/app.js';
import { loadTencentConfig } from '../server/usersig-service.js';

const root = resolve(import.meta.dirname, '..');
const portArg = process.argv.indexOf('--port');
const port = Number(portArg > 0 ? process.argv[portArg + 1] : process.env.PORT ?? 8787);

// Tencent credentials in .env (or the environment) switch the demo to the cloud.
const tencent = loadTencentConfig({ envFile: resolve(root, '.env') });
if (tencent) {
  process.env.LIVE_DEMO_ENGINE = 'tencent';
  process.env.LIVE_DEMO_SDK_APP_ID = String(tencent.sdkAppId);
}
await build({ configFile: resolve(root, 'vite.demo.config.ts'), logLevel: 'warn' });
const server = await createLocalServer({ port, staticDir: resolve(root, 'demo-dist') });

console.log(`
live-elements demo is running (${tencent ? `Tencent RTC and Chat, SDKAppID ${tencent.sdkAppId}, credentials from .env` : 'local engine, no account needed'}):

  Demo home    ${server.url}/
  Go live      ${server.url}/anchor.html?room=1001
  Watch        ${server.url}/viewer.html?room=1001
  Call         ${server.url}/call.html?user=alice  and  ${server.url}/call.html?user=bob

Local server   ${server.wsUrl}  (UserSigs from ${server.url}/api/usersig?userId=…)
Press Ctrl+C to stop.
`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
