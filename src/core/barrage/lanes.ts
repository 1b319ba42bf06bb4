/**
 * Lane allocation for on-screen comments. Framework-free and DOM-free: times are ms on the
 * layer's motion clock (it stops while the layer is paused), widths px, speeds px/ms.
 *
 * A scroll comment enters at the right edge (its left edge at x = stageWidth) and moves left at a
 * constant speed until its right edge passes x = 0. It may enter a lane only when the comment
 * before it in that lane
 *   1. has moved far enough that `gap` px separate them at entry, and
 *   2. will have left the stage before the new one (perhaps faster) could catch up with it;
 * both sides move linearly, so checking the two ends of their shared time is enough: the two
 * never come closer than `gap` px. A top or bottom comment is centred and holds its lane whole
 * until it ends; lanes are shared by every mode, so nothing on screen ever overlaps.
 */
export type BarrageMode = 'scroll' | 'top' | 'bottom';

export interface LaneGeometry {
  /** Number of lanes (rows). */
  count: number;
  /** Width of the stage, px. */
  stageWidth: number;
  /** Least horizontal space kept between two scroll comments of a lane, px. */
  gap: number;
}

interface Lane {
  /** The last scroll comment of the lane: when it entered, its width and speed (0 = none). */
  at: number;
  width: number;
  speed: number;
  /** A top/bottom comment holds the lane until then. */
  fixedUntil: number;
}

const emptyLane = (): Lane => ({ at: 0, width: 0, speed: 0, fixedUntil: -Infinity });

export class LaneAllocator {
  #lanes: Lane[] = [];
  #width = 0;
  #gap = 0;

  constructor(geometry: LaneGeometry) {
    this.configure(geometry);
  }

  /** Changes the geometry. Lanes past the new count are forgotten; a new stage width clears every lane. */
  configure({ count, stageWidth, gap }: LaneGeometry): void {
    const n = Math.max(0, Math.floor(count));
    if (stageWidth !== this.#width) this.#lanes = [];
    this.#width = Math.max(0, stageWidth);
    this.#gap = Math.max(0, gap);
    this.#lanes.length = Math.min(this.#lanes.length, n);
    while (this.#lanes.length < n) this.#lanes.push(emptyLane());
  }

  get count(): number {
    return this.#lanes.length;
  }

  get stageWidth(): number {
    return this.#width;
  }

  /** Forgets every comment (all lanes free). */
  reset(): void {
    this.#lanes = this.#lanes.map(emptyLane);
  }

  /** When the last scroll comment of a lane has wholly left the stage. */
  #scrollGone(lane: Lane): number {
    return lane.speed > 0 ? lane.at + (this.#width + lane.width) / lane.speed : -Infinity;
  }

  /** Earliest time a scroll comment moving at `speed` may enter lane `i` (its own width does not matter). */
  scrollFreeAt(i: number, speed: number): number {
    const lane = this.#lanes[i];
    if (!lane) return Infinity;
    let at = lane.fixedUntil;
    if (lane.speed > 0) {
      // 1. The one before has moved `width + gap` px in: the new one starts `gap` px behind it.
      at = Math.max(at, lane.at + (lane.width + this.#gap) / lane.speed);
      // 2. When the one before leaves (its right edge at x = 0), the new left edge is still ≥ gap.
      at = Math.max(at, this.#scrollGone(lane) - (this.#width - this.#gap) / Math.max(speed, 1e-9));
    }
    return at;
  }

  /** Earliest time a top/bottom comment may take lane `i`: the lane is empty by then. */
  fixedFreeAt(i: number): number {
    const lane = this.#lanes[i];
    if (!lane) return Infinity;
    return Math.max(lane.fixedUntil, this.#scrollGone(lane));
  }

  /**
   * A cheap test that needs no width: could some lane take a comment of this mode at `now`?
   * For scroll comments it checks only the entry gap against the widest possible speed, so
   * `false` is certain and `true` means "measure and try".
   */
  mayFit(mode: BarrageMode, now: number): boolean {
    for (let i = 0; i < this.#lanes.length; i++) {
      const lane = this.#lanes[i];
      if (mode === 'scroll') {
        if (lane.fixedUntil <= now && (lane.speed === 0 || lane.at + (lane.width + this.#gap) / lane.speed <= now)) return true;
      } else if (this.fixedFreeAt(i) <= now) return true;
    }
    return false;
  }

  /**
   * Takes a lane for a comment at `now`, or returns -1 when none is free. Scroll and top
   * comments take the topmost free lane, bottom comments the lowest.
   */
  place(mode: BarrageMode, now: number, width: number, speed: number, fixedMs: number): number {
    const n = this.#lanes.length;
    if (this.#width <= 0) return -1;
    for (let k = 0; k < n; k++) {
      const i = mode === 'bottom' ? n - 1 - k : k;
      const lane = this.#lanes[i];
      if (mode === 'scroll') {
        if (this.scrollFreeAt(i, speed) <= now) {
          lane.at = now;
          lane.width = width;
          lane.speed = speed;
          return i;
        }
      } else if (this.fixedFreeAt(i) <= now) {
        lane.fixedUntil = now + fixedMs;
        return i;
      }
    }
    return -1;
  }

  /** Earliest time some lane takes such a comment (Infinity when there are no lanes). */
  nextFreeAt(mode: BarrageMode, speed: number): number {
    let best = Infinity;
    for (let i = 0; i < this.#lanes.length; i++) {
      best = Math.min(best, mode === 'scroll' ? this.scrollFreeAt(i, speed) : this.fixedFreeAt(i));
    }
    return best;
  }
}
