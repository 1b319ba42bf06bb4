import { ContextConsumer, type Context } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableStore } from '../core/store/store.js';

/**
 * Connects an element to a store: the store comes from an explicit `.store` (which wins) or from
 * context; the controller selects a slice and re-renders the host only when that slice changes.
 */
export class StoreController<St extends ReadableStore<S>, S, T> implements ReactiveController {
  value: T | undefined;
  #host: ReactiveControllerHost & HTMLElement;
  #select: (state: S) => T;
  #explicit?: St;
  #fromContext?: St;
  #attached?: St;
  #unsubscribe?: () => void;

  constructor(host: ReactiveControllerHost & HTMLElement, context: Context<unknown, St | undefined>, select: (state: S) => T) {
    this.#host = host;
    this.#select = select;
    host.addController(this);
    new ContextConsumer(host, {
      context,
      subscribe: true,
      callback: (store) => {
        this.#fromContext = store ?? undefined;
        this.#sync();
      },
    });
  }

  /** The store in use, if any. */
  get store(): St | undefined {
    return this.#attached;
  }

  /** Sets (or clears) the store given explicitly; it wins over context. */
  setExplicit(store: St | undefined): void {
    this.#explicit = store;
    this.#sync();
  }

  hostConnected(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#attached = undefined;
  }

  #sync(): void {
    if (!this.#host.isConnected) return;
    const store = this.#explicit ?? this.#fromContext;
    if (store === this.#attached) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#attached = store;
    this.value = store ? this.#select(store.getState()) : undefined;
    if (store) {
      this.#unsubscribe = store.subscribe((state) => {
        const next = this.#select(state);
        if (Object.is(next, this.value)) return;
        this.value = next;
        this.#host.requestUpdate();
      });
    }
    this.#host.requestUpdate();
  }
}
