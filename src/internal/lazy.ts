/**
 * Code fetched once, on first need, for the kit's lazily loaded pieces: a language's words
 * (i18n.ts), an internal part (lazyPart below), a view that renders into an element's own shadow
 * root (`<barrage-layer>`'s chat). `get()` returns the module when it is here and starts the
 * fetch otherwise; `fetch()` resolves once it is here, or once the fetch failed (it never
 * rejects). A failed fetch is logged and tried again on a later need, not sooner than `retryMs`.
 */
export class Lazy<T> {
  /** What it is, in words ("the barrage chat"). */
  readonly what: string;
  #load: () => Promise<T>;
  #retryMs: number;
  #loaded?: () => void;
  #value?: T;
  #pending?: Promise<void>;
  #retryAt = 0;

  constructor(load: () => Promise<T>, options: { what: string; retryMs?: number; loaded?: () => void }) {
    this.#load = load;
    this.what = options.what;
    this.#retryMs = options.retryMs ?? 0;
    this.#loaded = options.loaded;
  }

  get(): T | undefined {
    if (!this.#value && Date.now() >= this.#retryAt) void this.fetch();
    return this.#value;
  }

  /** The module if it is here; starts nothing. */
  get value(): T | undefined {
    return this.#value;
  }

  fetch(): Promise<void> {
    if (this.#value) return Promise.resolve();
    return (this.#pending ??= this.#load().then(
      (value) => {
        this.#value = value;
        this.#pending = undefined;
        this.#loaded?.();
      },
      (error: unknown) => {
        this.#pending = undefined;
        this.#retryAt = Date.now() + this.#retryMs;
        console.warn(`live-elements: could not load ${this.what}; will try again`, error);
      },
    ));
  }
}

/**
 * Internal parts that only some people in some states see (the beauty panel of an anchor, the
 * PK panel of an owner, the member list once opened, the seats of a voice room…) are fetched on
 * first need, not with the element: `need()` in `render()` starts the `import()` once, and the
 * part's tag upgrades where it was already rendered (Lit keeps properties set before the
 * upgrade). A failed fetch (offline) is retried on the next `need()`.
 *
 * `defined` resolves once the tag is usable (for moving focus into a part just opened).
 */
export interface LazyPart {
  need(): void;
  readonly defined: Promise<void>;
}

export function lazyPart(tag: string, load: () => Promise<void>): LazyPart {
  const code = new Lazy(load, { what: `<${tag}>` });
  return {
    need() {
      if (!customElements.get(tag)) void code.fetch();
    },
    get defined() {
      this.need();
      return customElements.whenDefined(tag).then(() => undefined);
    },
  };
}
