import type { Engines } from '../types.js';
import { LocalChatEngine } from './chat.js';
import { LocalConnection, type LocalConnectionOptions } from './connection.js';
import { LocalMediaEngine } from './media.js';

export { LocalChatEngine, LocalConnection, LocalMediaEngine };

/** The local engine: one WebSocket to the local server, shared by media and chat. */
export function createLocalEngines(options: LocalConnectionOptions): Engines & { connection: LocalConnection } {
  const connection = new LocalConnection(options);
  return { connection, media: new LocalMediaEngine(connection), chat: new LocalChatEngine(connection) };
}
