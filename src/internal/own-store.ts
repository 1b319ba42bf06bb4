import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';
import type { Emitter } from '../core/engines/types.js';
import { toLiveError, type LiveError } from '../core/errors.js';
import { forwardEvents } from './forward-events.js';

/** What an element tells `OwnStore` about its store. */
export interface OwnStoreOptions<S, M> {
  /** Provides the store in use to the element's descendants. */
  provider: { setValue(store: S | undefined): void };
  /** The element's StoreController: it follows the store in use. */
  state: { setExplicit(store: S | undefined): void };
  /** The element's configuration: when it changes, the element needs a new store. */
  config(): string;
  /** Makes a store from the element's attributes; undefined when they are not enough. */
  create(): S | undefined;
  /** Takes an error thrown by `create`. */
  failed(error: LiveError): void;
  /** Ends what the store is in (the room, the call) before it is logged out and destroyed; failures are ignored. */
  leave(store: S): Promise<void>;
  /** The store events the element re-dispatches. */
  events: readonly (keyof M & string)[];
  /** Adds the element's own listeners to a store it starts to use; returns their teardowns. */
  listen?(store: S): Array<() => void>;
  /** Runs once a store the element made is in use (to log in, to enter the room). */
  made?(store: S): void;
}

/**
 * Gives an element its store: the one set on `.store` (which wins), else one the element makes
 * from its attributes, made again when its configuration changes and torn down when it is
 * replaced or the element leaves the page. The store in use is provided to the element's
 * descendants, followed by its StoreController, and its events are re-dispatched from the element.
 */
/** What `OwnStore` needs of a store to tear it down. */
interface Disposable {
  logout(): Promise<unknown>;
  destroy(): void;
  readonly session: { destroy(): void };
}

export class OwnStore<S extends Emitter<M> & Disposable, M> implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #options: OwnStoreOptions<S, M>;
  #explicit?: S;
  #own?: S;
  #configKey = '';
  #boundTo?: S;
  #offEvents: Array<() => void> = [];

  constructor(host: ReactiveControllerHost & HTMLElement, options: OwnStoreOptions<S, M>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The store in use: the one given, or the one the element made. */
  get store(): S | undefined {
    return this.#explicit ?? this.#own;
  }

  /** The store given explicitly; it wins over the element's own. */
  get explicit(): S | undefined {
    return this.#explicit;
  }
  set explicit(store: S | undefined) {
    this.#explicit = store;
    this.#bind();
  }

  /** Call from the element's `willUpdate`: makes the own store again when the configuration changed. */
  willUpdate(changed: PropertyValues): void {
    if (changed.size > 0 && !this.#explicit) this.#maybeRebuild();
  }

  hostConnected(): void {
    this.#bind();
  }

  hostDisconnected(): void {
    this.#drop();
    this.#bindEvents(undefined);
  }

  #maybeRebuild(): void {
    const key = this.#options.config();
    if (key === this.#configKey || !this.#host.isConnected) return;
    this.#configKey = key;
    this.#drop();
    try {
      this.#own = this.#options.create();
    } catch (error) {
      this.#options.failed(toLiveError(error));
    }
    this.#bind();
    if (this.#own) this.#options.made?.(this.#own);
  }

  #drop(): void {
    const store = this.#own;
    if (!store) return;
    this.#own = undefined;
    this.#configKey = '';
    void (async () => {
      await this.#options.leave(store).catch(() => undefined);
      await store.logout().catch(() => undefined);
      store.destroy();
      store.session.destroy();
    })();
  }

  #bind(): void {
    const store = this.store;
    this.#options.provider.setValue(store);
    this.#options.state.setExplicit(store);
    this.#bindEvents(store);
  }

  #bindEvents(store: S | undefined): void {
    if (store === this.#boundTo) return;
    for (const off of this.#offEvents) off();
    this.#offEvents = [];
    this.#boundTo = store;
    if (!store) return;
    this.#offEvents = [...forwardEvents(this.#host, store, this.#options.events), ...(this.#options.listen?.(store) ?? [])];
  }
}
