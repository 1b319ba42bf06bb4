/**
 * What comes on screen, when, and where: the overflow policy (drop / queue / merge), a bounded
 * queue, merging of repeats, lane placement (`LaneAllocator`) or a non-moving list, expiry and
 * counters. Framework-free and DOM-free; the element supplies the clock (`now`, ms on its motion
 * clock, which stops while paused) and the hooks that measure, show, update and hide.
 *
 * Invariant, at any time: `offered = shown + queued + dropped + merged + filtered`.
 * Memory is bounded whatever the input rate: the queue holds at most `queueLimit` entries, the
 * screen at most `density`, and the merge index only entries that are queued or on screen.
 */
import { normaliseText } from './filter.js';
import { LaneAllocator, type BarrageMode } from './lanes.js';
import { DEFAULT_SPEED, speedFor, type BarrageSpeed, type OverflowPolicy } from './settings.js';

/** `lanes`: moving / fixed comments in lanes. `list`: a non-moving list (reduced motion). `log`: everything goes to the log at once. */
export type BarrageLayout = 'lanes' | 'list' | 'log';

export interface BarrageEntry<T> {
  readonly id: number;
  readonly text: string;
  /** Normalised text (merging key). */
  readonly key: string;
  readonly mode: BarrageMode;
  readonly self: boolean;
  readonly userId: string | undefined;
  readonly data: T;
  /** 1 + the repeats merged into it. */
  count: number;
  readonly offeredAt: number;
  /** Text width in px (-1 until measured). */
  width: number;
  /** Width the lane keeps for it: the text plus room for a ×N badge under the merge policy. */
  span: number;
  /** Lane index (-1 in a list or before showing). */
  lane: number;
  /** Speed in px/ms (scroll comments). */
  speed: number;
  /** When it came on screen and when it ends (-1 until shown). */
  shownAt: number;
  endsAt: number;
}

export interface BarrageStats {
  /** Everything the layer was given (emit() and the store). */
  offered: number;
  /** Came on screen (or into the log, in log view). */
  shown: number;
  /** Discarded: no lane under `drop`, pushed out of a full queue, or cleared. */
  dropped: number;
  /** Merged into an identical comment (its ×N). */
  merged: number;
  /** Waiting now. */
  queued: number;
  /** Blocked by a word, a pattern or a hidden user. */
  filtered: number;
  /** On screen now. */
  onScreen: number;
}

export interface SchedulerHooks<T> {
  /** Width of the entry's text in px (called at most once per entry, only when it may be shown). */
  measure(entry: BarrageEntry<T>): number;
  show(entry: BarrageEntry<T>): void;
  /** Its count changed (merge) while on screen. */
  update(entry: BarrageEntry<T>): void;
  hide(entry: BarrageEntry<T>): void;
}

export interface SchedulerOptions {
  layout: BarrageLayout;
  policy: OverflowPolicy;
  /** Lanes (rows); in a list, the most entries shown. */
  lanes: number;
  stageWidth: number;
  /** Least space between two scroll comments of a lane, px. */
  gap: number;
  /** Extra width kept for a ×N badge under the merge policy, px. */
  badgeReserve: number;
  speed: BarrageSpeed;
  /** How long a top/bottom comment stays. */
  fixedMs: number;
  /** How long an entry of the list stays. */
  listMs: number;
  /** Least time an entry of a full list stays before a new one pushes it out. */
  listDwellMs: number;
  /** Most comments on screen. */
  density: number;
  /** Most comments waiting (the oldest are dropped beyond). */
  queueLimit: number;
  /** Identical comments within this time merge (merge policy). */
  mergeWindowMs: number;
  /** Most queued entries tried per flush. */
  scanLimit: number;
}

export const DEFAULT_SCHEDULER_OPTIONS: Readonly<SchedulerOptions> = Object.freeze({
  layout: 'lanes',
  policy: 'merge',
  lanes: 8,
  stageWidth: 0,
  gap: 20,
  badgeReserve: 0,
  speed: DEFAULT_SPEED,
  fixedMs: 4000,
  listMs: 8000,
  listDwellMs: 1000,
  density: 120,
  queueLimit: 200,
  mergeWindowMs: 5000,
  scanLimit: 64,
});

export interface OfferInit<T> {
  text: string;
  mode: BarrageMode;
  self?: boolean;
  userId?: string;
  data: T;
}

export type OfferResult = 'queued' | 'merged' | 'dropped';

export class BarrageScheduler<T> {
  #o: SchedulerOptions;
  #hooks: SchedulerHooks<T>;
  #lanes: LaneAllocator;
  #queue: BarrageEntry<T>[] = [];
  #active: BarrageEntry<T>[] = [];
  #index = new Map<string, BarrageEntry<T>>();
  #id = 0;
  #counts = { offered: 0, shown: 0, dropped: 0, merged: 0, filtered: 0 };

  constructor(hooks: SchedulerHooks<T>, options: Partial<SchedulerOptions> = {}) {
    this.#hooks = hooks;
    this.#o = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
    this.#lanes = new LaneAllocator({ count: this.#lanes_(), stageWidth: this.#o.stageWidth, gap: this.#o.gap });
  }

  #lanes_(): number {
    return this.#o.layout === 'lanes' ? this.#o.lanes : 0;
  }

  get options(): Readonly<SchedulerOptions> {
    return this.#o;
  }

  get stats(): BarrageStats {
    return { ...this.#counts, queued: this.#queue.length, onScreen: this.#active.length };
  }

  /** The entries on screen, oldest first. */
  get active(): readonly BarrageEntry<T>[] {
    return this.#active;
  }

  /** The entries waiting, next first. */
  get queued(): readonly BarrageEntry<T>[] {
    return this.#queue;
  }

  /**
   * Changes settings. A new layout or stage width clears the screen (the lanes no longer hold);
   * fewer lanes hide the comments in the lanes that went; a smaller queue drops its oldest.
   */
  configure(patch: Partial<SchedulerOptions>): void {
    const before = this.#o;
    this.#o = { ...before, ...patch };
    const o = this.#o;
    if (before.layout !== o.layout || before.stageWidth !== o.stageWidth || before.gap !== o.gap) {
      this.clearScreen();
    } else if (o.lanes < before.lanes) {
      for (const e of [...this.#active]) if (e.lane >= o.lanes) this.#remove(e);
      while (o.layout === 'list' && this.#active.length > Math.max(1, o.lanes)) this.#remove(this.#active[0]);
    }
    this.#lanes.configure({ count: this.#lanes_(), stageWidth: o.stageWidth, gap: o.gap });
    if (before.policy === 'merge' && o.policy !== 'merge') this.#index.clear();
    this.#trimQueue();
  }

  /** Counts a comment that was blocked before it was offered. */
  countFiltered(): void {
    this.#counts.offered++;
    this.#counts.filtered++;
  }

  /** Takes a comment: merges it into an identical one (merge policy) or queues it for the next flush. */
  offer(init: OfferInit<T>, now: number): OfferResult {
    this.#counts.offered++;
    const self = !!init.self;
    const key = normaliseText(init.text);
    const merging = this.#o.policy === 'merge' && !self;
    if (merging) {
      const existing = this.#index.get(key);
      if (existing && now - existing.offeredAt <= this.#o.mergeWindowMs) {
        existing.count++;
        this.#counts.merged++;
        if (existing.shownAt >= 0) this.#hooks.update(existing);
        return 'merged';
      }
    }
    const entry: BarrageEntry<T> = {
      id: ++this.#id,
      text: init.text,
      key,
      mode: init.mode,
      self,
      userId: init.userId,
      data: init.data,
      count: 1,
      offeredAt: now,
      width: -1,
      span: 0,
      lane: -1,
      speed: 0,
      shownAt: -1,
      endsAt: -1,
    };
    if (self) {
      // The viewer's own comments go first (after earlier ones of their own).
      let at = 0;
      while (at < this.#queue.length && this.#queue[at].self) at++;
      this.#queue.splice(at, 0, entry);
    } else {
      this.#queue.push(entry);
    }
    if (merging) this.#index.set(key, entry);
    const lost = this.#trimQueue();
    return lost.includes(entry) ? 'dropped' : 'queued';
  }

  /** Drops the oldest entries beyond the queue's limit (others' before the viewer's own). */
  #trimQueue(): BarrageEntry<T>[] {
    const lost: BarrageEntry<T>[] = [];
    while (this.#queue.length > Math.max(0, this.#o.queueLimit)) {
      let at = this.#queue.findIndex((e) => !e.self);
      if (at < 0) at = 0;
      const [victim] = this.#queue.splice(at, 1);
      this.#unindex(victim);
      this.#counts.dropped++;
      lost.push(victim);
    }
    return lost;
  }

  /**
   * Ends what is over, then (when `admit`) brings queued comments on screen as room allows.
   * Under `drop`, whatever is still waiting afterwards is dropped.
   */
  flush(now: number, admit = true): void {
    this.#expire(now);
    if (admit) {
      if (this.#o.layout === 'log') this.#admitLog(now);
      else if (this.#o.layout === 'list') this.#admitList(now);
      else this.#admitLanes(now);
    }
    if (this.#o.policy === 'drop' && this.#queue.length > 0) {
      for (const e of this.#queue) this.#unindex(e);
      this.#counts.dropped += this.#queue.length;
      this.#queue = [];
    }
  }

  #expire(now: number): void {
    if (this.#active.length === 0) return;
    let kept = 0;
    const ended: BarrageEntry<T>[] = [];
    for (const e of this.#active) {
      if (e.endsAt <= now) ended.push(e);
      else this.#active[kept++] = e;
    }
    this.#active.length = kept;
    for (const e of ended) {
      this.#unindex(e);
      this.#hooks.hide(e);
    }
  }

  #show(e: BarrageEntry<T>, now: number, lane: number, endsAt: number): void {
    e.lane = lane;
    e.shownAt = now;
    e.endsAt = endsAt;
    this.#active.push(e);
    this.#counts.shown++;
    this.#hooks.show(e);
  }

  #admitLog(now: number): void {
    for (const e of this.#queue) {
      this.#unindex(e);
      e.shownAt = now;
      e.endsAt = now;
      this.#counts.shown++;
    }
    this.#queue = [];
  }

  #admitList(now: number): void {
    const o = this.#o;
    const capacity = Math.max(1, Math.min(o.lanes, o.density));
    while (this.#queue.length > 0) {
      if (this.#active.length >= capacity) {
        const oldest = this.#active[0];
        if (now - oldest.shownAt < o.listDwellMs) break;
        this.#remove(oldest);
      }
      const e = this.#queue.shift()!;
      this.#show(e, now, -1, now + o.listMs);
    }
  }

  #admitLanes(now: number): void {
    const o = this.#o;
    if (o.stageWidth <= 0 || this.#lanes.count === 0) return;
    const blocked = new Set<BarrageMode>();
    const rest: BarrageEntry<T>[] = [];
    let scanned = 0;
    const queue = this.#queue;
    for (let i = 0; i < queue.length; i++) {
      const e = queue[i];
      if (this.#active.length >= o.density || scanned >= o.scanLimit || blocked.size === 3) {
        for (let k = i; k < queue.length; k++) rest.push(queue[k]);
        break;
      }
      if (blocked.has(e.mode)) {
        rest.push(e);
        continue;
      }
      scanned++;
      if (!this.#lanes.mayFit(e.mode, now)) {
        blocked.add(e.mode);
        rest.push(e);
        continue;
      }
      this.#prepare(e);
      const lane = this.#lanes.place(e.mode, now, e.span, e.speed, o.fixedMs);
      if (lane < 0) {
        // At a constant speed (or for fixed comments) width does not matter: the mode is full.
        if (e.mode !== 'scroll' || o.speed.kind === 'px') blocked.add(e.mode);
        rest.push(e);
        continue;
      }
      this.#show(e, now, lane, e.mode === 'scroll' ? now + (o.stageWidth + e.span) / e.speed : now + o.fixedMs);
    }
    this.#queue = rest;
  }

  /** Measures an entry (once) and works out its span and speed. */
  #prepare(e: BarrageEntry<T>): void {
    if (e.width < 0) e.width = Math.max(0, this.#hooks.measure(e) || 0);
    e.span = e.width + (this.#o.policy === 'merge' ? this.#o.badgeReserve : 0);
    e.speed = speedFor(this.#o.speed, this.#o.stageWidth, e.span);
  }

  /** When the next flush has something to do (an end, or room for a waiting comment); undefined = nothing to wait for. */
  nextWakeAt(now: number): number | undefined {
    let at = Infinity;
    for (const e of this.#active) at = Math.min(at, e.endsAt);
    if (this.#queue.length > 0) {
      const o = this.#o;
      if (o.layout === 'log') at = now;
      else if (o.layout === 'list') {
        const capacity = Math.max(1, Math.min(o.lanes, o.density));
        at = Math.min(at, this.#active.length < capacity ? now : this.#active[0].shownAt + o.listDwellMs);
      } else if (this.#active.length < o.density && o.stageWidth > 0) {
        const seen = new Set<BarrageMode>();
        for (let i = 0; i < this.#queue.length && i < o.scanLimit && seen.size < 3; i++) {
          const e = this.#queue[i];
          if (seen.has(e.mode)) continue;
          seen.add(e.mode);
          this.#prepare(e);
          at = Math.min(at, this.#lanes.nextFreeAt(e.mode, e.speed));
        }
      }
    }
    return at === Infinity ? undefined : Math.max(at, now);
  }

  /** Takes away queued and on-screen entries that `match` (e.g. a user just hidden). Queued ones count as filtered. */
  removeWhere(match: (entry: BarrageEntry<T>) => boolean): void {
    const kept: BarrageEntry<T>[] = [];
    for (const e of this.#queue) {
      if (match(e)) {
        this.#unindex(e);
        this.#counts.filtered++;
      } else kept.push(e);
    }
    this.#queue = kept;
    for (const e of [...this.#active]) if (match(e)) this.#remove(e);
  }

  /** Hides everything on screen and frees every lane (the queue stays). */
  clearScreen(): void {
    for (const e of [...this.#active]) this.#remove(e);
    this.#lanes.reset();
  }

  /** Clears the screen and drops the queue. */
  clear(): void {
    this.clearScreen();
    for (const e of this.#queue) this.#unindex(e);
    this.#counts.dropped += this.#queue.length;
    this.#queue = [];
  }

  /** Zeroes the counters (what is queued stays queued). */
  resetStats(): void {
    this.#counts = { offered: this.#queue.length, shown: 0, dropped: 0, merged: 0, filtered: 0 };
  }

  #remove(e: BarrageEntry<T>): void {
    const at = this.#active.indexOf(e);
    if (at < 0) return;
    this.#active.splice(at, 1);
    this.#unindex(e);
    this.#hooks.hide(e);
  }

  #unindex(e: BarrageEntry<T>): void {
    if (this.#index.get(e.key) === e) this.#index.delete(e.key);
  }
}
