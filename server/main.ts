/**
 * `npm run server`: the local server on 127.0.0.1.
 *   --port N     (or env PORT; default 8787)
 *   --static DIR serve static files from DIR
 */
import { resolve } from 'node:path';
import { createLocalServer } from './app.js';

function option(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === name) return args[i + 1];
    if (arg.startsWith(name + '=')) return arg.slice(name.length + 1);
  }
  return undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portText = option(args, '--port') ?? process.env.PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port ${JSON.stringify(portText)}: use an integer from 0 to 65535.`);
    process.exit(2);
  }
  const staticArg = option(args, '--static');
  const server = await createLocalServer({
    port,
    ...(staticArg ? { staticDir: resolve(staticArg) } : {}),
    log: (line) => console.log(`[${new Date().toISOString()}] ${line}`),
  });
  console.log(`live-elements local server: ${server.url}`);
  console.log(server.wsUrl);
  if (staticArg) console.log(`static files from ${resolve(staticArg)}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing…`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
