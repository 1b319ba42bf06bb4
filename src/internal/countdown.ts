import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** `m:ss` (or `h:mm:ss`) for a whole number of seconds. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `m:ss` (or `h:mm:ss`) for the time left until a deadline, rounded up to the second. */
export function formatCountdown(ms: number): string {
  return formatClock(Math.ceil(ms / 1000));
}

/**
 * Re-renders its host on each whole second while any of the host's deadlines lies ahead, so a
 * countdown (`4:59`, `4:58`, …) stays live and the UI changes when the time passes. It stops by
 * itself once every deadline has passed, and when the host leaves the page.
 *
 * `since` gives start times (a call's `startedAt`) whose elapsed time counts up: each keeps the
 * host ticking on its whole seconds for as long as `since()` gives it.
 */
export class Ticker implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #deadlines: () => ReadonlyArray<number | undefined>;
  #since: () => ReadonlyArray<number | undefined>;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    deadlines: () => ReadonlyArray<number | undefined>,
    since: () => ReadonlyArray<number | undefined> = () => [],
  ) {
    this.#host = host;
    this.#deadlines = deadlines;
    this.#since = since;
    host.addController(this);
  }

  hostUpdated(): void {
    this.#schedule();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#host.isConnected) return;
    const now = Date.now();
    const isTime = (t: number | undefined): t is number => typeof t === 'number';
    // Time to the next whole second of each clock: before a deadline, or after a start.
    const waits = [
      ...this.#deadlines()
        .filter((d): d is number => isTime(d) && d > now)
        .map((d) => (d - now) % 1000 || 1000),
      ...this.#since()
        .filter(isTime)
        .map((s) => 1000 - (Math.max(0, now - s) % 1000)),
    ];
    if (waits.length === 0) return;
    // Wake just after the nearest one.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#host.requestUpdate();
    }, Math.min(...waits) + 15);
  }
}
