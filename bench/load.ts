/**
 * Load on the local server, as one busy live room: 2,000 WebSocket clients log in and join the
 * room's group, then for LOAD_SECONDS (default 60) 100 of them offer 1,000 chat messages/s at
 * mixed priority (3 % high = 30/s, 40 % normal, 57 % low) while ~50 others record what arrives.
 * The server runs in a child process (bench/_load-server.ts) that reports its own CPU and memory.
 *
 * Prints and writes bench/results/load.json: join time and latency; deliveries per second (the
 * group allows 40/s, lowest priority dropped first); high-priority messages offered vs
 * delivered; delivery latency; whether every sampled client saw the same order; server CPU and
 * RSS over time. Only 127.0.0.1; every loop is bounded in count and time; stops by itself.
 *
 *   npx tsx bench/load.ts          LOAD_SECONDS=20 LOAD_CLIENTS=500 npx tsx bench/load.ts
 *
 * Env: LOAD_SECONDS (60), LOAD_CLIENTS (2000), LOAD_RATE (offered messages/s, 1000),
 * LOAD_PROFILE=dir (a CPU profile of the server), LOAD_DEBUG=1 (the server's counters each second),
 * LOAD_PRESENCE_BATCH_FROM (member count from which the server batches joins and quits; 0 = never, to compare).
 */
import { writeResult } from './_results.js';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket, type RawData } from 'ws';
import type { GroupMessage, Priority } from '../src/core/protocol/local-wire.js';
import { groupIdForRoom, numericRoom } from '../src/core/validation.js';
import { signUserSig } from '../server/usersig.js';
import type { ServerReport } from './_load-server.js';

const CLIENTS = envInt('LOAD_CLIENTS', 2000);
const SECONDS = envInt('LOAD_SECONDS', 60);
const OFFERED_PER_SECOND = envInt('LOAD_RATE', 1000);
const SENDERS = 100;
const SAMPLES = 50;
const BATCH = 100;
/** Out of 100 messages: 3 high, 40 normal, the rest low. */
const HIGH_PER_100 = 3;
const NORMAL_PER_100 = 40;
const GROUP_LIMIT = 40;
/** The window of `maxInAnySecond` (see there). */
const WINDOW_MS = 998;
const REQUEST_TIMEOUT_MS = 30_000;
const GROUP_ID = groupIdForRoom(numericRoom(9000));

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const percentile = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! : Number.NaN);
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

interface Arrival {
  seq: number;
  time: number;
  id: string;
  priority: Priority;
  latency: number;
}

/** One bench client. Replies are parsed; pushes only on sampled clients (others just count them). */
class LoadClient {
  readonly socket: WebSocket;
  readonly arrivals: Arrival[] = [];
  framesIn = 0;
  repliesIn = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (ok: boolean) => void; timer: ReturnType<typeof setTimeout> }>();

  private constructor(
    socket: WebSocket,
    readonly userId: string,
    readonly sampled: boolean,
  ) {
    this.socket = socket;
    socket.on('message', (data) => this.onFrame(data));
    socket.on('close', () => {
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.resolve(false);
      }
      this.pending.clear();
    });
  }

  static open(url: string, userId: string, sampled: boolean): Promise<LoadClient> {
    return new Promise((resolveOpen, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
      socket.once('open', () => resolveOpen(new LoadClient(socket, userId, sampled)));
      socket.once('error', reject);
    });
  }

  /** Resolves with whether the server answered ok. */
  request(op: string, args: Record<string, unknown>): Promise<boolean> {
    const id = this.nextId++;
    return new Promise((resolveReply) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolveReply(false);
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolveReply, timer });
      this.socket.send(JSON.stringify({ id, op, ...args }));
    });
  }

  /** Fire and forget (the reply is counted when it comes). */
  send(op: string, args: Record<string, unknown>): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ id: this.nextId++, op, ...args }));
  }

  private onFrame(data: RawData): void {
    this.framesIn++;
    const buf = data as Buffer;
    // `{"re":` is a reply, `{"ev":` a push: tell them apart without parsing.
    if (buf[2] === 0x72) {
      this.repliesIn++;
      if (this.pending.size === 0) return;
      const reply = JSON.parse(buf.toString()) as { re: number; ok: boolean };
      const p = this.pending.get(reply.re);
      if (!p) return;
      this.pending.delete(reply.re);
      clearTimeout(p.timer);
      p.resolve(reply.ok);
      return;
    }
    if (!this.sampled || buf.indexOf('"ev":"group-message"') !== 1) return;
    const at = performance.now();
    const msg = JSON.parse(buf.toString()) as GroupMessage;
    if (msg.body.type !== 'text') return;
    const body = JSON.parse(msg.body.text) as { id: string; t: number };
    this.arrivals.push({ seq: msg.seq, time: msg.time, id: body.id, priority: msg.priority, latency: at - body.t });
  }

  close(): void {
    this.socket.terminate();
  }
}

function startServer(secret: string): Promise<{ child: ChildProcess; wsUrl: string; sdkAppId: number; usage: Extract<ServerReport, { type: 'usage' }>[] }> {
  const child = fork(resolve(import.meta.dirname, '_load-server.ts'), [], {
    // LOAD_PROFILE=dir: a CPU profile of the server (node --cpu-prof) written there on exit.
    execArgv: ['--import', 'tsx', ...(process.env.LOAD_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE}`] : [])],
    env: { ...process.env, LOCAL_SECRET: secret },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const usage: Extract<ServerReport, { type: 'usage' }>[] = [];
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    child.on('message', (report: ServerReport) => {
      if (report.type === 'ready') {
        clearTimeout(timer);
        resolveStart({ child, wsUrl: report.wsUrl, sdkAppId: report.sdkAppId, usage });
      } else {
        usage.push(report);
      }
    });
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg().map((l) => round(l, 2));
  const secret = randomBytes(32).toString('hex');
  const server = await startServer(secret);
  const { wsUrl, sdkAppId, usage, child } = server;
  const watchdog = setTimeout(() => {
    console.error('load bench: overall time limit reached; stopping.');
    child.kill('SIGTERM');
    process.exit(1);
  }, (SECONDS + 600) * 1000);
  const clients: LoadClient[] = [];
  try {
    console.log(`load: ${CLIENTS} clients, ${SECONDS} s at ${OFFERED_PER_SECOND} messages/s offered, server pid ${child.pid}`);
    const usageLine = (label: string): void => {
      const u = usage.at(-1);
      if (u) console.log(`  ${label}: server CPU ${u.cpuPercent} %, RSS ${u.rssMb} MB, heap ${u.heapMb} MB, ${u.connections} connections`);
    };

    // ── join ──
    const host = await LoadClient.open(wsUrl, 'load_host', false);
    await host.request('login', { sdkAppId, userId: 'load_host', userSig: signUserSig(sdkAppId, secret, 'load_host', 3600) });
    if (!(await host.request('group-create', { groupId: GROUP_ID, name: 'Load' }))) throw new Error('group-create failed');
    clients.push(host);
    const sampleEvery = Math.max(1, Math.floor((CLIENTS - SENDERS) / SAMPLES));
    const loginMs: number[] = [];
    const joinMs: number[] = [];
    let failedJoins = 0;
    const joinStarted = performance.now();
    for (let i = 0; i < 50 && usage.length === 0; i++) await sleep(100);
    const rssBeforeJoin = usage.at(-1)?.rssMb ?? Number.NaN;
    for (let first = 0; first < CLIENTS; first += BATCH) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(BATCH, CLIENTS - first) }, async (_, k) => {
          const i = first + k;
          const userId = `load_${i}`;
          // Senders are the first SENDERS clients; samples are spread over the others.
          const sampled = i >= SENDERS && (i - SENDERS) % sampleEvery === 0 && (i - SENDERS) / sampleEvery < SAMPLES;
          const t0 = performance.now();
          const client = await LoadClient.open(wsUrl, userId, sampled);
          const loggedIn = await client.request('login', { sdkAppId, userId, userSig: signUserSig(sdkAppId, secret, userId, 3600) });
          const t1 = performance.now();
          const joined = loggedIn && (await client.request('group-join', { groupId: GROUP_ID }));
          const t2 = performance.now();
          loginMs.push(t1 - t0);
          joinMs.push(t2 - t1);
          if (!joined) failedJoins++;
          return client;
        }),
      );
      clients.push(...batch);
      if ((first / BATCH) % 5 === 4) usageLine(`${first + BATCH} joined after ${round((performance.now() - joinStarted) / 1000)} s`);
    }
    const joinSeconds = (performance.now() - joinStarted) / 1000;
    loginMs.sort((a, b) => a - b);
    joinMs.sort((a, b) => a - b);
    console.log(
      `joined: ${CLIENTS - failedJoins}/${CLIENTS} in ${round(joinSeconds)} s; group-join p50 ${round(percentile(joinMs, 50))} ms, p99 ${round(percentile(joinMs, 99))} ms; ` +
        `connect+login p50 ${round(percentile(loginMs, 50))} ms, p99 ${round(percentile(loginMs, 99))} ms`,
    );
    await sleep(1500); // let the join pushes drain
    const rssAfterJoin = usage.at(-1)?.rssMb ?? Number.NaN;

    // ── chat ──
    const senders = clients.slice(1, 1 + SENDERS);
    // Each sender has had two replies so far (login and group-join).
    const sendersReplies = senders.reduce((sum, c) => sum + c.repliesIn, 0);
    const samples = clients.filter((c) => c.sampled);
    const offered: Record<Priority, number> = { high: 0, normal: 0, low: 0 };
    const offeredHigh = new Set<string>();
    const usageFrom = usage.length;
    const trafficBefore = usage.at(-1)?.groupTraffic[GROUP_ID];
    const chatStarted = performance.now();
    const chatEnds = chatStarted + SECONDS * 1000;
    let n = 0;
    let nextReport = chatStarted + 5000;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    let clientCpu = process.cpuUsage();
    while (performance.now() < chatEnds) {
      // Keep the offered rate: as many messages as are due by now (a late tick catches up).
      const due = Math.floor(((performance.now() - chatStarted) / 1000) * OFFERED_PER_SECOND);
      for (; n < due; n++) {
        const slot = n % 100;
        const priority: Priority = slot < HIGH_PER_100 ? 'high' : slot < HIGH_PER_100 + NORMAL_PER_100 ? 'normal' : 'low';
        const id = `m${n}`;
        offered[priority]++;
        if (priority === 'high') offeredHigh.add(id);
        senders[n % senders.length]!.send('group-send', {
          groupId: GROUP_ID,
          priority,
          body: { type: 'text', text: JSON.stringify({ id, t: performance.now() }) },
        });
      }
      if (performance.now() >= nextReport) {
        const u = usage.at(-1);
        const traffic = u?.groupTraffic[GROUP_ID];
        console.log(
          `  t=${round((nextReport - chatStarted) / 1000, 0)} s: offered ${n}, delivered ${traffic ? traffic.delivered.high + traffic.delivered.normal + traffic.delivered.low - sumDelivered(trafficBefore) : '?'}, ` +
            `server CPU ${u?.cpuPercent} %, RSS ${u?.rssMb} MB, loop delay p99 ${u?.loopDelayMs.p99} ms; clients' CPU ${round(((d) => (d.user + d.system) / 50_000)(process.cpuUsage(clientCpu)))} %, event-loop delay p99 ${round(loopDelay.percentile(99) / 1e6)} ms`,
        );
        clientCpu = process.cpuUsage();
        loopDelay.reset();
        nextReport += 5000;
      }
      await sleep(10);
    }
    const chatSeconds = (performance.now() - chatStarted) / 1000;
    // Every offered message has been through the server once each sender has all its replies;
    // then the group's queue (at most a second's worth) drains, and the server reports again.
    const offeredTotal = offered.high + offered.normal + offered.low;
    const repliesBefore = sendersReplies;
    const replied = (): number => senders.reduce((sum, c) => sum + c.repliesIn, 0) - repliesBefore;
    const settleUntil = performance.now() + 60_000;
    while (replied() < offeredTotal && performance.now() < settleUntil) await sleep(50);
    const backlogSeconds = round((performance.now() - chatStarted) / 1000 - chatSeconds);
    const reportsBefore = usage.length;
    await sleep(2500);
    while (usage.length === reportsBefore && performance.now() < settleUntil) await sleep(50);
    const chatUsage = usage.slice(usageFrom);
    const trafficAfter = usage.at(-1)?.groupTraffic[GROUP_ID];

    // ── figures ──
    const reference = samples[0]!;
    const seqs = (c: LoadClient): number[] => c.arrivals.map((a) => a.seq);
    const refSeqs = seqs(reference);
    const sameOrder = samples.every((c) => {
      const s = seqs(c);
      return s.length === refSeqs.length && s.every((v, i) => v === refSeqs[i]);
    });
    const increasing = refSeqs.every((v, i) => i === 0 || v > refSeqs[i - 1]!);
    const highSeen = samples.map((c) => c.arrivals.filter((a) => a.priority === 'high' && offeredHigh.has(a.id)).length);
    const received = samples.map((c) => c.arrivals.length);
    // Deliveries per second, by the server's delivery time (one sliding second at each delivery).
    const times = reference.arrivals.map((a) => a.time).sort((a, b) => a - b);
    const deliverySeconds = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : Number.NaN;
    // Deliveries in each second from the first one; the mean leaves out the last, partial second.
    const buckets: number[] = [];
    for (const t of times) {
      const k = Math.floor((t - times[0]!) / 1000);
      buckets[k] = (buckets[k] ?? 0) + 1;
    }
    const perSecond = Array.from(buckets, (b) => b ?? 0);
    const fullSeconds = perSecond.slice(0, -1);
    const meanPerSecond = fullSeconds.length ? round(fullSeconds.reduce((a, b) => a + b, 0) / fullSeconds.length) : Number.NaN;
    let maxPerSecond = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      // `time` is whole ms of the wall clock while the limit is kept on the monotonic clock:
      // 1,000 ms of the one may show as 998 of the other.
      while (times[i]! - times[j]! >= WINDOW_MS) j++;
      maxPerSecond = Math.max(maxPerSecond, i - j + 1);
    }
    const latencies = (p?: Priority): number[] =>
      samples.flatMap((c) => c.arrivals.filter((a) => !p || a.priority === p).map((a) => a.latency)).sort((a, b) => a - b);
    const latency = (p?: Priority) => {
      const l = latencies(p);
      return { count: l.length, p50: round(percentile(l, 50)), p99: round(percentile(l, 99)), max: round(l.at(-1) ?? Number.NaN) };
    };
    const cpu = chatUsage.map((u) => u.cpuPercent);
    const rss = chatUsage.map((u) => u.rssMb);
    const allRss = usage.map((u) => u.rssMb);
    const min = (xs: number[]): number | null => (xs.length ? Math.min(...xs) : null);
    const max = (xs: number[]): number | null => (xs.length ? Math.max(...xs) : null);
    const delta = (p: Priority, key: 'delivered' | 'dropped' | 'queued'): number => (trafficAfter?.[key][p] ?? 0) - (trafficBefore?.[key][p] ?? 0);
    const delivered = { high: delta('high', 'delivered'), normal: delta('normal', 'delivered'), low: delta('low', 'delivered') };
    const totalDelivered = delivered.high + delivered.normal + delivered.low;

    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, loadAverage: { start: loadAtStart, end: loadavg().map((l) => round(l, 2)) } },
      clients: CLIENTS,
      join: {
        seconds: round(joinSeconds),
        failed: failedJoins,
        groupJoinMs: { p50: round(percentile(joinMs, 50)), p99: round(percentile(joinMs, 99)), max: round(joinMs.at(-1) ?? Number.NaN) },
        connectLoginMs: { p50: round(percentile(loginMs, 50)), p99: round(percentile(loginMs, 99)) },
        serverRssMb: { before: rssBeforeJoin, after: rssAfterJoin },
      },
      chat: {
        seconds: round(chatSeconds),
        /** How long after the last offer the server had answered every one (client and server contention). */
        backlogSeconds,
        unanswered: offeredTotal - replied(),
        senders: SENDERS,
        sampledReceivers: samples.length,
        offered,
        offeredPerSecond: round((offered.high + offered.normal + offered.low) / chatSeconds),
        serverDelivered: delivered,
        serverDropped: { high: delta('high', 'dropped'), normal: delta('normal', 'dropped'), low: delta('low', 'dropped') },
        /** By the server's delivery times (`time` of each message, whole ms) seen at a sample. */
        deliveredPerSecond: { mean: meanPerSecond, maxInAnySecond: maxPerSecond, windowMs: WINDOW_MS, limit: GROUP_LIMIT, overSeconds: round(deliverySeconds), perSecond },
        high: { offered: offered.high, deliveredByServer: delivered.high, seenByEverySample: Math.min(...highSeen) === offered.high, minSeen: Math.min(...highSeen) },
        receivedPerSample: { min: Math.min(...received), max: Math.max(...received) },
        sameOrderAtEverySample: sameOrder,
        seqsIncreasing: increasing,
        latencyMs: { all: latency(), high: latency('high'), normal: latency('normal'), low: latency('low') },
      },
      server: {
        /** During the chat phase, one report a second (100 % = one core). */
        cpuPercent: { min: min(cpu), max: max(cpu), mean: cpu.length ? round(cpu.reduce((a, b) => a + b, 0) / cpu.length) : null },
        rssMb: { min: min(rss), max: max(rss), end: rss.at(-1) ?? null, wholeRun: { min: min(allRss), max: max(allRss) } },
        loopDelayMs: { p99Max: max(chatUsage.map((u) => u.loopDelayMs.p99)), max: max(chatUsage.map((u) => u.loopDelayMs.max)) },
        perSecond: chatUsage.map((u) => ({ cpu: u.cpuPercent, rssMb: u.rssMb })),
        connectionCounters: usage.at(-1)?.connectionCounters,
      },
    };

    console.log(
      [
        `chat: ${result.chat.offeredPerSecond} offered/s for ${round(chatSeconds)} s (high ${offered.high}, normal ${offered.normal}, low ${offered.low}); all answered ${backlogSeconds} s after the last offer (${result.chat.unanswered} unanswered)`,
        `  delivered by the server: ${totalDelivered} (high ${delivered.high}, normal ${delivered.normal}, low ${delivered.low}) over ${result.chat.deliveredPerSecond.overSeconds} s; per second: mean ${meanPerSecond}, max ${Math.max(...perSecond)} (limit ${GROUP_LIMIT})`,
        `  high priority: offered ${offered.high}, delivered ${delivered.high}, seen by every sample: ${result.chat.high.seenByEverySample} (min ${result.chat.high.minSeen})`,
        `  max in any ${WINDOW_MS} ms: ${maxPerSecond}`,
        `  ${samples.length} samples received ${result.chat.receivedPerSample.min}–${result.chat.receivedPerSample.max} messages; same order everywhere: ${sameOrder}; seqs increasing: ${increasing}`,
        `  latency p50/p99: all ${result.chat.latencyMs.all.p50}/${result.chat.latencyMs.all.p99} ms, high ${result.chat.latencyMs.high.p50}/${result.chat.latencyMs.high.p99} ms, normal ${result.chat.latencyMs.normal.p50}/${result.chat.latencyMs.normal.p99} ms`,
        `machine: ${cpus().length} CPUs, load average ${loadAtStart.join(' ')} at start, ${result.machine.loadAverage.end.join(' ')} at end`,
        `server: CPU ${result.server.cpuPercent.min}–${result.server.cpuPercent.max} % (mean ${result.server.cpuPercent.mean} %), RSS ${result.server.rssMb.min}–${result.server.rssMb.max} MB during the chat (${result.server.rssMb.wholeRun.min}–${result.server.rssMb.wholeRun.max} MB over the run), event-loop delay max ${result.server.loopDelayMs.max} ms`,
        `  counters ${JSON.stringify(result.server.connectionCounters)}`,
      ].join('\n'),
    );
    console.log(`wrote ${writeResult('load', result)} in ${round((performance.now() - started) / 1000)} s`);
  } finally {
    for (const c of clients) c.close();
    clearTimeout(watchdog);
    await stopServer(child);
  }
}

function sumDelivered(t: { delivered: Record<Priority, number> } | undefined): number {
  return t ? t.delivered.high + t.delivered.normal + t.delivered.low : 0;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.send({ type: 'stop' });
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

await main();
