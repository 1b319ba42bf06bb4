/**
 * Wires one WebSocket to the local cloud: text frames in (through the per-connection limits of
 * frame-guard.ts), replies and pushes out, cleanup on close. Nothing thrown here can reach the
 * process: every listener catches.
 */
import type { RawData, WebSocket } from 'ws';
import { FrameGuard } from './frame-guard.js';
import type { LocalCloud } from './local-cloud.js';
import { CloseCode, Session } from './session.js';

const HEARTBEAT_MS = 30_000;

function frameText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export function attachConnection(cloud: LocalCloud, socket: WebSocket, log: (line: string) => void): Session {
  const session = new Session(socket, cloud.connectionLimits, cloud.counters);
  const guard = new FrameGuard(cloud.connectionLimits, cloud.counters);
  cloud.opened(session);
  let alive = true;

  const closeForAbuse = (reason: string): void => {
    log(`closing connection ${session.id} (${session.userId ?? 'not logged in'}): ${reason}`);
    cloud.counters.closedForAbuse++;
    session.close(CloseCode.ABUSE, reason);
  };

  socket.on('message', (data, isBinary) => {
    alive = true;
    // Frames that were already on their way when the server decided to close are not read.
    if (!session.isOpen) return;
    try {
      if (!guard.admit()) {
        cloud.refuseFrame(session, isBinary ? null : frameText(data));
        const tooMany = guard.refused();
        if (tooMany) closeForAbuse(tooMany);
        return;
      }
      const outcome = isBinary ? cloud.binaryFrame(session) : cloud.textFrame(session, frameText(data));
      if (outcome === 'malformed') {
        const tooMany = guard.malformedFrame();
        if (tooMany) closeForAbuse(tooMany);
      }
    } catch (err) {
      log(`unexpected error on connection ${session.id}: ${err instanceof Error ? err.stack : String(err)}`);
    }
  });
  socket.on('pong', () => {
    alive = true;
  });
  // ws reports protocol violations (e.g. a frame over maxPayload, closed with 1009) here.
  socket.on('error', (err) => log(`connection ${session.id}: ${err.message}`));
  socket.on('close', () => {
    clearInterval(heartbeat);
    try {
      cloud.closed(session);
    } catch (err) {
      log(`error cleaning up connection ${session.id}: ${err instanceof Error ? err.stack : String(err)}`);
    }
  });

  // A peer that vanished without a close frame is dropped when a ping stays unanswered for 30 s.
  // After a stall of the server itself (the check runs late) the pong may still be unread:
  // then the peer gets another round.
  let lastCheck = performance.now();
  const heartbeat = setInterval(() => {
    const now = performance.now();
    const stalled = now - lastCheck > HEARTBEAT_MS * 1.5;
    lastCheck = now;
    if (!alive && !stalled) {
      socket.terminate();
      return;
    }
    alive = false;
    try {
      socket.ping();
    } catch {
      socket.terminate();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return session;
}
