import { EventSource } from '../emitter.js';

export type Listener<S> = (state: S) => void;

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
