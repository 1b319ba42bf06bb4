import type { Emitter } from './engines/types.js';

/** A typed event source. A throwing listener is reported, never allowed to break the others. */
export class EventSource<M> implements Emitter<M> {
  #listeners = new Map<keyof M, Set<(payload: never) => void>>();

  on<E extends keyof M>(event: E, handler: (payload: M[E]) => void): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(handler as (payload: never) => void);
    return () => {
      set.delete(handler as (payload: never) => void);
    };
  }

  emit<E extends keyof M>(event: E, payload: M[E]): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        (handler as (payload: M[E]) => void)(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
