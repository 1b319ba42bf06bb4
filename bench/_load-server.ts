/**
 * The server side of bench/load.ts, in its own process so that its CPU and memory can be
 * measured apart from the 2,000 clients: starts the local server on 127.0.0.1 (secret from env
 * LOCAL_SECRET), reports `ready`, then every second its CPU % (of one core), RSS, heap and the
 * traffic counters over IPC. Stops on `stop`, or when the parent goes away.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createLocalServer, type CloudStats } from '../server/app.js';

export type ServerReport =
  | { type: 'ready'; wsUrl: string; sdkAppId: number }
  | {
      type: 'usage';
      at: number;
      cpuPercent: number;
      rssMb: number;
      heapMb: number;
      /** The server's event-loop delay over the last second (how late it is to react). */
      loopDelayMs: { p99: number; max: number };
    } & Pick<CloudStats, 'connections' | 'users' | 'groupTraffic' | 'connectionCounters'>;

const send = (report: ServerReport): void => {
  process.send?.(report);
};

if (!process.send) {
  console.error('bench/_load-server.ts runs as a child of bench/load.ts (it talks over IPC).');
  process.exit(2);
}

// LOAD_PRESENCE_BATCH_FROM: the member count from which joins and quits are batched (server default 50; 0 = never, for a comparison).
const batchFrom = Number(process.env.LOAD_PRESENCE_BATCH_FROM ?? '');
const server = await createLocalServer({ port: 0, ...(process.env.LOAD_PRESENCE_BATCH_FROM ? { presence: { batchFrom: batchFrom > 0 ? batchFrom : Number.MAX_SAFE_INTEGER } } : {}) });
send({ type: 'ready', wsUrl: server.wsUrl, sdkAppId: server.sdkAppId });

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let lastCpu = process.cpuUsage();
let lastAt = performance.now();
const timer = setInterval(() => {
  const cpu = process.cpuUsage(lastCpu);
  const now = performance.now();
  const cpuPercent = ((cpu.user + cpu.system) / 1000 / (now - lastAt)) * 100;
  lastCpu = process.cpuUsage();
  lastAt = now;
  const mem = process.memoryUsage();
  const stats = server.stats();
  send({
    type: 'usage',
    at: Date.now(),
    cpuPercent: Math.round(cpuPercent * 10) / 10,
    rssMb: Math.round((mem.rss / 2 ** 20) * 10) / 10,
    heapMb: Math.round((mem.heapUsed / 2 ** 20) * 10) / 10,
    loopDelayMs: { p99: Math.round(loopDelay.percentile(99) / 1e6), max: Math.round(loopDelay.max / 1e6) },
    connections: stats.connections,
    users: stats.users,
    groupTraffic: stats.groupTraffic,
    connectionCounters: stats.connectionCounters,
  });
  if (process.env.LOAD_DEBUG) {
    const t = stats.groupTraffic;
    console.error(`[server] ${new Date().toISOString()} cpu ${Math.round(cpuPercent)} % loop p99 ${Math.round(loopDelay.percentile(99) / 1e6)} ms traffic ${JSON.stringify(t)} counters ${JSON.stringify(stats.connectionCounters)}`);
  }
  loopDelay.reset();
}, 1000);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  clearInterval(timer);
  const forced = setTimeout(() => process.exit(0), 5000);
  server.close().finally(() => {
    clearTimeout(forced);
    process.exit(0);
  });
};
process.on('message', (message: { type?: string }) => {
  if (message?.type === 'stop') stop();
});
process.on('disconnect', stop);
process.on('SIGTERM', stop);
