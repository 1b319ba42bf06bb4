/**
 * Wires one WebSocket to the local cloud: text frames in, replies and pushes out, cleanup on
 * close. Nothing thrown here can reach the process: every listener catches.
 */
import type { RawData, WebSocket } from 'ws';
import type { LocalCloud } from './local-cloud.js';
import { Session } from './session.js';

function frameText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export function attachConnection(cloud: LocalCloud, socket: WebSocket, log: (line: string) => void): Session {
  const session = new Session(socket);
  cloud.opened(session);
  let alive = true;

  socket.on('message', (data, isBinary) => {
    alive = true;
    try {
      if (isBinary) cloud.binaryFrame(session);
      else cloud.textFrame(session, frameText(data));
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
  const heartbeat = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    try {
      socket.ping();
    } catch {
      socket.terminate();
    }
  }, 30_000);
  heartbeat.unref();
  return session;
}
