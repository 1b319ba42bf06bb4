import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** `m:ss` (or `h:mm:ss`) for the time left until a deadline, rounded up to the second. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Re-renders its host on each whole second while any of the host's deadlines lies ahead, so a
 * countdown (`4:59`, `4:58`, …) stays live and the UI changes when the time passes. It stops by
 * itself once every deadline has passed, and when the host leaves the page.
 */
export class Ticker implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #deadlines: () => ReadonlyArray<number | undefined>;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost & HTMLElement, deadlines: () => ReadonlyArray<number | undefined>) {
    this.#host = host;
    this.#deadlines = deadlines;
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
    const ahead = this.#deadlines().filter((d): d is number => typeof d === 'number' && d > now);
    if (ahead.length === 0) return;
    // Wake just after the next whole second of the nearest countdown changes.
    const wait = Math.min(...ahead.map((d) => (d - now) % 1000 || 1000)) + 15;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#host.requestUpdate();
    }, wait);
  }
}
