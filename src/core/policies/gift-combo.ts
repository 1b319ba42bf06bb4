/**
 * Gift combo merging (seed 004): repeated sends of one gift become one message per 20 gifts
 * or per second of clicking, whichever comes first: 99 quick clicks → 5 messages whose counts
 * add up to 99. A combo keeps one id while the clicks go on, so receivers can update one
 * banner in place (`comboTotal`), and ends after `comboIdleMs` without a click.
 */
import { type Clock, systemClock } from './clock.js';

export interface GiftBatch {
  giftId: string;
  count: number;
  comboId: string;
  /** Total of the combo so far, this batch included. */
  comboTotal: number;
}

export interface GiftComboOptions {
  /** Called with each merged batch. */
  flush: (batch: GiftBatch) => void;
  batchSize?: number;
  batchMs?: number;
  comboIdleMs?: number;
  clock?: Clock;
}

export class GiftCombo {
  readonly batchSize: number;
  readonly batchMs: number;
  readonly comboIdleMs: number;
  #flush: (batch: GiftBatch) => void;
  #clock: Clock;
  #combo?: { giftId: string; comboId: string; total: number; pending: number; lastClick: number };
  #timer: unknown;
  #counter = 0;

  constructor(options: GiftComboOptions) {
    this.#flush = options.flush;
    this.batchSize = options.batchSize ?? 20;
    this.batchMs = options.batchMs ?? 1000;
    this.comboIdleMs = options.comboIdleMs ?? 3000;
    this.#clock = options.clock ?? systemClock;
  }

  /** The running combo: which gift, and how many so far (sent or pending). */
  get current(): { giftId: string; comboId: string; total: number; endsAt: number } | undefined {
    const c = this.#combo;
    return c && this.#clock.now() - c.lastClick < this.comboIdleMs ? { giftId: c.giftId, comboId: c.comboId, total: c.total, endsAt: c.lastClick + this.comboIdleMs } : undefined;
  }

  /** Ends the running combo (after a refused batch): the next click starts a new one. */
  endCombo(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#combo = undefined;
  }

  /** One click (or a preset quantity). */
  add(giftId: string, count = 1): void {
    const now = this.#clock.now();
    let combo = this.#combo;
    if (combo && (combo.giftId !== giftId || now - combo.lastClick >= this.comboIdleMs)) {
      this.flushNow();
      combo = undefined;
    }
    if (!combo) {
      combo = { giftId, comboId: `${now.toString(36)}-${(++this.#counter).toString(36)}`, total: 0, pending: 0, lastClick: now };
      this.#combo = combo;
    }
    combo.lastClick = now;
    let left = count;
    while (left > 0) {
      const room = this.batchSize - combo.pending;
      const take = Math.min(room, left);
      combo.pending += take;
      combo.total += take;
      left -= take;
      if (combo.pending >= this.batchSize) this.flushNow();
    }
    if (combo.pending > 0 && this.#timer === undefined) {
      this.#timer = this.#clock.setTimeout(() => {
        this.#timer = undefined;
        this.flushNow();
      }, this.batchMs);
    }
  }

  /** Sends what is pending now. */
  flushNow(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const combo = this.#combo;
    if (!combo || combo.pending === 0) return;
    const batch = { giftId: combo.giftId, count: combo.pending, comboId: combo.comboId, comboTotal: combo.total };
    combo.pending = 0;
    this.#flush(batch);
  }

  dispose(): void {
    this.flushNow();
    this.#combo = undefined;
  }
}
