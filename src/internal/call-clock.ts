import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A call's duration: `mm:ss`, or `hh:mm:ss` from one hour on. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${String(h).padStart(2, '0')}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * Re-renders its host on each whole second since a start time (a call's `startedAt`), so a
 * duration timer counts up; idle while `since()` gives nothing, and when the host leaves the page.
 */
export class ElapsedClock implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #since: () => number | undefined;
  #timer?: ReturnType<typeof setTimeout>;

  constructor(host: ReactiveControllerHost & HTMLElement, since: () => number | undefined) {
    this.#host = host;
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
    const since = this.#since();
    if (since === undefined || !this.#host.isConnected) return;
    const elapsed = Math.max(0, Date.now() - since);
    // Wake just after the next whole second.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#host.requestUpdate();
    }, 1000 - (elapsed % 1000) + 15);
  }
}
