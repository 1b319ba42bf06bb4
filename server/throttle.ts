/**
 * Leading + trailing throttle: the first `trigger()` runs `fn` at once; later ones within
 * `intervalMs` are coalesced into one trailing run when the interval ends. The timer never keeps
 * the process alive; `cancel()` stops it for good.
 */
export class Throttle {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cancelled = false;

  constructor(
    private readonly intervalMs: number,
    private readonly fn: () => void,
  ) {}

  trigger(): void {
    if (this.cancelled || this.timer) return;
    const wait = this.last + this.intervalMs - performance.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, Math.ceil(wait));
    this.timer.unref();
  }

  cancel(): void {
    this.cancelled = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    if (this.cancelled) return;
    this.last = performance.now();
    this.fn();
  }
}
