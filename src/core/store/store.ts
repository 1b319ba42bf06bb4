import { EventSource } from '../emitter.js';
import { type LiveError, toLiveError, withTimeout } from '../errors.js';

export type Listener<S> = (state: S) => void;

/**
 * Audio levels change often: the next volumes map when a level moved by 5 or more (or fell to
 * 0), else `undefined` (the state stays as it is).
 */
export function nextVolumes(current: Readonly<Record<string, number>>, volumes: ReadonlyArray<{ userId: string; volume: number }>): Record<string, number> | undefined {
  let next: Record<string, number> | undefined;
  for (const { userId, volume } of volumes) {
    const was = current[userId] ?? 0;
    if (Math.abs(was - volume) >= 5 || (volume === 0 && was !== 0)) (next ??= { ...current })[userId] = volume;
  }
  return next;
}

/** What an element needs from any store: a snapshot and a change feed. */
export interface ReadableStore<S> {
  getState(): S;
  subscribe(listener: Listener<S>): () => void;
}

/**
 * A store holds one immutable snapshot. `set` replaces the top-level object and only the slices
 * it is given, so `Object.is` on a slice tells whether it changed.
 */
export class Store<S extends object, E> extends EventSource<E> implements ReadableStore<S> {
  #state: S;
  #listeners = new Set<Listener<S>>();

  constructor(initial: S) {
    super();
    this.#state = Object.freeze({ ...initial });
  }

  getState(): S {
    return this.#state;
  }

  subscribe(listener: Listener<S>): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  protected set(patch: Partial<S>): void {
    let changed = false;
    for (const key of Object.keys(patch) as (keyof S)[]) {
      if (!Object.is(this.#state[key], patch[key])) changed = true;
    }
    if (!changed) return;
    this.#state = Object.freeze({ ...this.#state, ...patch });
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#state);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/**
 * A store whose actions fail in one way: every failure is recorded in `state.error`, announced
 * as the store's error event (`live-error`, `call-error`), and rethrown as a typed LiveError;
 * engine calls run under the session's timeout.
 */
export abstract class ActionStore<S extends { error?: { code: number; message: string } }, E extends Record<N, { code: number; message: string }>, N extends keyof E> extends Store<S, E> {
  readonly #errorEvent: N;
  readonly #timeoutMs: () => number;

  constructor(initial: S, errorEvent: N, timeoutMs: () => number) {
    super(initial);
    this.#errorEvent = errorEvent;
    this.#timeoutMs = timeoutMs;
  }

  /** An engine call with the kit's timeout. */
  protected timed<T>(promise: Promise<T>, what: string): Promise<T> {
    return withTimeout(promise, this.#timeoutMs(), what);
  }

  /** Runs an action; a failure is recorded, announced and rethrown typed. */
  protected async act<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw this.report(toLiveError(error));
    }
  }

  protected report(error: LiveError): LiveError {
    this.set({ error: { code: error.code, message: error.message } } as Partial<S>);
    this.emit(this.#errorEvent, { code: error.code, message: error.message } as E[N]);
    return error;
  }

  clearError(): void {
    this.set({ error: undefined } as Partial<S>);
  }
}
