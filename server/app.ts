/**
 * The local server of live-elements: one HTTP server on 127.0.0.1 carrying the token endpoint
 * (`/api/usersig`), the config endpoint (`/api/config`), the demo gift billing (`/api/gifts`),
 * the WebSocket of the local engine (`/ws`) and, optionally, static files.
 *
 * Limits on the WebSocket: a frame over MAX_FRAME_BYTES (64 KiB) is closed with 1009; fields
 * inside a frame have their own limits (server-limits.ts, typed errors); each connection has a
 * frame rate, an abuse threshold (4008) and a send-buffer cap (4009): connection-limits.ts.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES } from '../src/core/protocol/local-wire.js';
import { attachConnection } from './connection.js';
import type { ContentFilter } from './content-filter.js';
import { GiftBilling, type CatalogGift } from './gift-billing.js';
import { handleApi } from './http-api.js';
import { createTencentUserSigHandler } from './usersig-service.js';
import type { ConnectionLimits } from './connection-limits.js';
import { LocalCloud, type CloudStats } from './local-cloud.js';
import type { PresenceOptions } from './presence-batch.js';
import type { MediaRooms } from './media-rooms.js';
import { CloseCode } from './session.js';
import { serveStatic } from './static-files.js';

export type { ContentCheck, ContentFilter, ContentVerdict } from './content-filter.js';
export type { CatalogGift, GiftEffect } from './gift-billing.js';
export type { GroupTrafficStats } from './group-traffic.js';
export type { CloudStats } from './local-cloud.js';
export type { ConnectionCounters, ConnectionLimits } from './connection-limits.js';
export { DEFAULT_CONNECTION_LIMITS } from './connection-limits.js';
export { DEFAULT_GRACE_MS } from './away-users.js';

export const DEFAULT_SDK_APP_ID = 1400000001;
export const DEFAULT_TOKEN_TTL_SECONDS = 86400;
const HOST = '127.0.0.1';

export interface LocalServerOptions {
  /** 0 picks a free port. Default 0. */
  port?: number;
  sdkAppId?: number;
  /** Signing secret. Default: env LOCAL_SECRET, else 32 random bytes (hex) per start. */
  secret?: string;
  /** Serve static files from this directory. */
  staticDir?: string;
  /** Validity of UserSigs from `/api/usersig`. Default 86400. */
  tokenTtlSeconds?: number;
  log?: (line: string) => void;
  /**
   * Checks every `group-send` before delivery (synchronously): `allow`, `reject` (the sender
   * gets an error, default CONTENT_REJECTED) or `drop` (the sender gets a normal reply, nobody
   * receives the message). A filter that throws rejects the message with SERVER_ERROR.
   */
  contentFilter?: ContentFilter;
  /**
   * Frequency control per group, as the cloud does it: at most this many `group-send`
   * deliveries in any one-second window (default 40). Over it, messages wait in a queue of one
   * second's worth, highest priority first; when it is full the lowest-priority, newest one is
   * dropped. The sender gets a normal reply either way (`seq: 0` unless delivered at once).
   */
  groupMessagesPerSecond?: number;
  /** The demo gift catalog of `GET /api/gifts` (default: 8 gifts from heart, 1, to castle, 1314). */
  giftCatalog?: readonly CatalogGift[];
  /** Coins every user starts with in the demo gift billing. Default 10000. */
  startingBalance?: number;
  /**
   * How long (ms) a user whose connection dropped without `logout` keeps their rooms: media
   * role, publishing state, co-anchor grant, groups, PK link. A login within it resumes them
   * (`resumed: true`, no exit or enter for the others); after it, the user leaves as usual (a
   * live room whose owner it was closes then). 0 leaves at once. Default 90 000, as the cloud.
   */
  graceMs?: number;
  /**
   * Presence in big groups: from `batchFrom` members (default 50), joins and quits go out
   * together every `windowMs` (default 500) as one `group-members-changed` push, in order,
   * instead of one push per change to every member.
   */
  presence?: PresenceOptions;
  /**
   * Per-connection limits (unset fields keep their defaults): 50 frames/s with a burst of 100
   * (over it: RATE_LIMITED replies); more than 500 refused or 50 malformed frames in 10 s close
   * the connection with 4008; a peer with over 1 MiB unread loses low-priority group messages
   * (then normal ones), and over 4 MiB is closed with 4009.
   */
  connectionLimits?: Partial<ConnectionLimits>;
}

export interface LocalServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `ws://127.0.0.1:PORT/ws` */
  wsUrl: string;
  port: number;
  sdkAppId: number;
  secret: string;
  /** Counts for tests and diagnostics. */
  stats(): CloudStats;
  /** Media rooms, e.g. to grant publishing (co-anchoring). */
  mediaRooms: MediaRooms;
  close(): Promise<void>;
}

export async function createLocalServer(opts: LocalServerOptions = {}): Promise<LocalServer> {
  const log = opts.log ?? (() => {});
  const sdkAppId = opts.sdkAppId ?? DEFAULT_SDK_APP_ID;
  const secret = opts.secret ?? (process.env.LOCAL_SECRET || randomBytes(32).toString('hex'));
  const tokenTtlSeconds = opts.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const staticDir = opts.staticDir;
  const gifts = new GiftBilling({ sdkAppId, secret, catalog: opts.giftCatalog, startingBalance: opts.startingBalance, log });
  const cloud = new LocalCloud({
    sdkAppId,
    secret,
    log,
    contentFilter: opts.contentFilter,
    groupMessagesPerSecond: opts.groupMessagesPerSecond,
    graceMs: opts.graceMs,
    presence: opts.presence,
    connectionLimits: opts.connectionLimits,
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('connection', (socket: WebSocket) => attachConnection(cloud, socket, log));

  // Tencent UserSigs for the demo on the Tencent engine (only when .env or the environment holds credentials).
  const tencentUserSig = createTencentUserSigHandler({ devTrustQueryUserId: true, log });
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${HOST}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (url.pathname === '/api/tencent/usersig') return void tencentUserSig(req, res);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      handleApi({ sdkAppId, secret, tokenTtlSeconds, gifts, log }, req, url, res);
    } else if (staticDir) {
      serveStatic(staticDir, req, url.pathname, res).catch(() => res.destroy());
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not Found');
    }
  };

  const server = createServer((req, res) => {
    try {
      onRequest(req, res);
    } catch (err) {
      log(`HTTP error: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    let pathname = '';
    try {
      pathname = new URL(req.url ?? '/', `http://${HOST}`).pathname;
    } catch {
      /* falls through to 404 */
    }
    if (pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(opts.port ?? 0, HOST, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  server.on('error', (err) => log(`HTTP server error: ${err.message}`));

  const port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}`;
  const wsUrl = `ws://${HOST}:${port}/ws`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      cloud.close();
      const sockets = [...wss.clients];
      const socketsClosed = Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((done) => {
              if (ws.readyState === ws.CLOSED) return done();
              ws.once('close', () => done());
              ws.close(CloseCode.SERVER_SHUTDOWN, 'server shutting down');
            }),
        ),
      );
      const grace = new Promise<void>((done) => setTimeout(done, 1000).unref());
      await Promise.race([socketsClosed, grace]);
      for (const ws of wss.clients) ws.terminate();
      await socketsClosed;
      await new Promise<void>((done) => wss.close(() => done()));
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    })();
    return closing;
  };

  return {
    url,
    wsUrl,
    port,
    sdkAppId,
    secret,
    stats: () => cloud.stats(),
    mediaRooms: cloud.mediaRooms,
    close,
  };
}
