/**
 * Users whose connection dropped without a `logout`: as in the cloud (seed 003: "a user is
 * removed from a room 90 seconds after an unexpected disconnection"), their session, with its
 * media room (role, publishing state, co-anchor grant, PK link) and groups, is kept for a grace
 * period. A login of the same user within it takes the session over (a reconnection); when it
 * runs out, `expire` does the usual leave. Timers never keep the process alive.
 */
import type { Session } from './session.js';

/** The cloud's grace period. */
export const DEFAULT_GRACE_MS = 90_000;

interface Away {
  session: Session;
  timer: ReturnType<typeof setTimeout>;
}

export class AwayUsers {
  private readonly away = new Map<string, Away>();

  constructor(
    private readonly graceMs: number,
    private readonly expire: (session: Session) => void,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get size(): number {
    return this.away.size;
  }

  /** Whether a dropped connection keeps its user's rooms at all (a grace period of 0 does not). */
  get enabled(): boolean {
    return this.graceMs > 0;
  }

  /** Keeps the logged-in `session` of a dropped connection for the grace period. */
  hold(session: Session): void {
    const userId = session.userId;
    if (!userId) return;
    this.take(userId);
    const timer = setTimeout(() => {
      if (this.away.get(userId)?.session !== session) return;
      this.away.delete(userId);
      this.log(`${userId}: no reconnection within ${this.graceMs} ms (connection ${session.id})`);
      this.expire(session);
    }, this.graceMs);
    timer.unref();
    this.away.set(userId, { session, timer });
  }

  /** The kept session of `userId`, if any, no longer waiting for its expiry. */
  take(userId: string): Session | undefined {
    const entry = this.away.get(userId);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.away.delete(userId);
    return entry.session;
  }

  /** Stops every timer (the server is closing); nobody is told. */
  clear(): void {
    for (const entry of this.away.values()) clearTimeout(entry.timer);
    this.away.clear();
  }
}
