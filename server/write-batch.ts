/**
 * Coalesces what the server writes to one socket within a turn of the event loop into one
 * system call. Fan-out is otherwise one `writev` per frame per socket, and that is most of the
 * server's CPU (a load run spent ~75 % of it in `writev`): 100 joins handled in one turn are
 * announced to each member with one write instead of 100. The first write of a turn corks the
 * socket; every corked socket is uncorked once the turn's I/O callbacks are done (or earlier,
 * with `flushNow`, when a turn has piled up a lot for one socket).
 */
import type { Writable } from 'node:stream';

const corked = new Map<Writable, () => void>();
let scheduled = false;

/**
 * Corks `stream` until the end of this turn, if it is not already; returns whether it did.
 * `uncorked` runs when the turn's writes have been handed to the socket.
 */
export function corkForTurn(stream: Writable, uncorked: () => void): boolean {
  if (stream.destroyed || corked.has(stream)) return false;
  stream.cork();
  corked.set(stream, uncorked);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
  return true;
}

/** Hands what `stream` has gathered this turn to the socket now; it stays corked for the rest of the turn. */
export function flushNow(stream: Writable): void {
  if (!corked.has(stream) || stream.writableCorked === 0) return;
  stream.uncork();
  stream.cork();
}

function flush(): void {
  scheduled = false;
  const entries = [...corked];
  corked.clear();
  // Uncorking writes, which may close a socket and so write to others: they cork anew.
  for (const [stream, uncorked] of entries) {
    try {
      if (stream.writableCorked > 0) stream.uncork();
    } catch {
      // A socket that fails here reports it through its own 'error' event.
    }
    uncorked();
  }
}
