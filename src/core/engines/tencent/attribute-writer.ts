/**
 * Group attributes (room status, notice, introduction, PK) on Tencent Cloud Chat, within the
 * cloud's limits:
 *
 * - size: at most 16 keys per group, a key ≤ 32 bytes, a value ≤ 4 KB, all keys and values
 *   together ≤ 16 KB (checked before sending: INVALID_ARGUMENT / TEXT_TOO_LONG in words);
 * - write rate: the SDK allows a logged-in user 10 writes (init/set/delete together) per 5 s and
 *   the backend 5 per second. Writes are therefore queued and coalesced: calls made while a
 *   write waits for its slot merge into one `setGroupAttributes` (later values win), and every
 *   caller's promise settles with the write that carried its keys;
 * - concurrent writers: the cloud answers 10056 when another member changed the attributes
 *   since we last read them; the writer reads them again and retries once. A rate-limit answer
 *   (2996 / 8511 / 10049) waits for the window and retries once.
 */
import { ErrorCode, LiveError } from '../../errors.js';
import { type Clock, systemClock } from '../../policies/clock.js';
import { byteLength } from '../../validation.js';

export const AttributeLimits = {
  maxKeys: 16,
  keyBytes: 32,
  valueBytes: 4096,
  totalBytes: 16 * 1024,
  /** SDK limit: writes per window, per logged-in user. */
  writesPerWindow: 10,
  windowMs: 5000,
  /** Backend limit: 5 per second, i.e. one every 200 ms. */
  minGapMs: 200,
} as const;

export interface AttributeWriterOptions {
  /** One `setGroupAttributes` call (with its own timeout). */
  write(groupId: string, attributes: Record<string, string>): Promise<void>;
  /** Reads the group's attributes again (after a 10056 conflict). */
  refresh(groupId: string): Promise<void>;
  /** The attributes as last seen (for the size limits). */
  current(groupId: string): Record<string, string>;
  /** Which failures are worth one retry. */
  classify(error: unknown): 'conflict' | 'rate-limited' | 'other';
  clock?: Clock;
}

interface Batch {
  attributes: Record<string, string>;
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

export class AttributeWriter {
  #options: AttributeWriterOptions;
  #clock: Clock;
  #pending = new Map<string, Batch>();
  #order: string[] = [];
  /** Start times of recent writes (all groups: the limit is per user). */
  #writes: number[] = [];
  #busy = false;
  #timer: unknown;
  /** Writes sent so far (tests and diagnostics). */
  writesSent = 0;

  constructor(options: AttributeWriterOptions) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** Queues `attributes` for `groupId`; resolves once a write carrying them succeeded. */
  set(groupId: string, attributes: Record<string, string>): Promise<void> {
    const batch = this.#pending.get(groupId);
    const merged = { ...(batch?.attributes ?? {}), ...attributes };
    this.#check({ ...this.#options.current(groupId), ...merged });
    return new Promise<void>((resolve, reject) => {
      if (batch) {
        batch.attributes = merged;
        batch.waiters.push({ resolve, reject });
      } else {
        this.#pending.set(groupId, { attributes: merged, waiters: [{ resolve, reject }] });
        this.#order.push(groupId);
      }
      this.#schedule();
    });
  }

  /** Rejects everything waiting (logout, destroy). */
  clear(error: LiveError = new LiveError(ErrorCode.NOT_LOGGED_IN, 'The room attributes were not written: logged out.')): void {
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const batch of this.#pending.values()) for (const w of batch.waiters) w.reject(error);
    this.#pending.clear();
    this.#order = [];
  }

  #check(all: Record<string, string>): void {
    const keys = Object.keys(all);
    if (keys.length > AttributeLimits.maxKeys) {
      throw new LiveError(ErrorCode.INVALID_ARGUMENT, `A room can keep at most ${AttributeLimits.maxKeys} attributes on Tencent Cloud Chat.`);
    }
    let total = 0;
    for (const key of keys) {
      const k = byteLength(key);
      const v = byteLength(all[key]!);
      if (k === 0 || k > AttributeLimits.keyBytes) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `The attribute name “${key}” must be 1–${AttributeLimits.keyBytes} bytes.`);
      if (v > AttributeLimits.valueBytes) throw new LiveError(ErrorCode.TEXT_TOO_LONG, `The room attribute “${key}” is larger than ${AttributeLimits.valueBytes} bytes.`);
      total += k + v;
    }
    if (total > AttributeLimits.totalBytes) throw new LiveError(ErrorCode.TEXT_TOO_LONG, `The room attributes together are larger than ${AttributeLimits.totalBytes} bytes.`);
  }

  /** How long until the next write may start. */
  #delay(): number {
    const now = this.#clock.now();
    this.#writes = this.#writes.filter((t) => now - t < AttributeLimits.windowMs);
    let wait = 0;
    const last = this.#writes[this.#writes.length - 1];
    if (last !== undefined) wait = Math.max(wait, last + AttributeLimits.minGapMs - now);
    if (this.#writes.length >= AttributeLimits.writesPerWindow) wait = Math.max(wait, this.#writes[0]! + AttributeLimits.windowMs - now);
    return Math.max(0, wait);
  }

  #schedule(): void {
    if (this.#busy || this.#timer !== undefined || this.#order.length === 0) return;
    const wait = this.#delay();
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      void this.#flush();
    }, wait);
  }

  async #flush(): Promise<void> {
    const groupId = this.#order.shift();
    if (groupId === undefined) return;
    const batch = this.#pending.get(groupId);
    this.#pending.delete(groupId);
    if (!batch) return this.#schedule();
    this.#busy = true;
    try {
      await this.#writeWithRetry(groupId, batch.attributes);
      for (const w of batch.waiters) w.resolve();
    } catch (error) {
      for (const w of batch.waiters) w.reject(error);
    } finally {
      this.#busy = false;
      this.#schedule();
    }
  }

  async #writeWithRetry(groupId: string, attributes: Record<string, string>): Promise<void> {
    try {
      await this.#writeOnce(groupId, attributes);
    } catch (error) {
      const kind = this.#options.classify(error);
      if (kind === 'conflict') {
        await this.#options.refresh(groupId);
      } else if (kind === 'rate-limited') {
        await new Promise<void>((resolve) => this.#clock.setTimeout(resolve, AttributeLimits.windowMs));
      } else {
        throw error;
      }
      await this.#waitForSlot();
      await this.#writeOnce(groupId, attributes);
    }
  }

  async #waitForSlot(): Promise<void> {
    const wait = this.#delay();
    if (wait > 0) await new Promise<void>((resolve) => this.#clock.setTimeout(resolve, wait));
  }

  #writeOnce(groupId: string, attributes: Record<string, string>): Promise<void> {
    this.#writes.push(this.#clock.now());
    this.writesSent++;
    return this.#options.write(groupId, attributes);
  }
}
