import type { ReactiveElement } from '@lit/reactive-element';
import { ErrorCode } from '../core/error-codes.js';
import type { Lazy } from './lazy.js';

/**
 * A view of an element that only some states need (`<barrage-layer>`'s chat, `<call-panel>`'s
 * call stage): its code is fetched on first need, and it renders into the element's own shadow
 * root, so that to the page, its `::part` rules and its tests the element is still one element.
 *
 * `need()` makes the view at once when its code is here (the caller can use `value` right after,
 * even during a render), else starts the fetch and returns it; the view is made and the element
 * re-renders when the code arrives. A failed fetch is told to `failed` (SERVER_UNREACHABLE, in
 * words) and tried again on the next `need()`.
 * `updateCompleteWith` lets the element's `updateComplete` wait for views on their way.
 */
export class LazyView<M, V> {
  /** The view, once made. */
  value?: V;
  /** The fetch under way, if any. */
  pending?: Promise<void>;
  #host: ReactiveElement;
  #code: Lazy<M>;
  #make: (module: M) => V;
  #failed: (error: { code: number; message: string }) => void;

  constructor(host: ReactiveElement, code: Lazy<M>, make: (module: M) => V, failed: (error: { code: number; message: string }) => void) {
    this.#host = host;
    this.#code = code;
    this.#make = make;
    this.#failed = failed;
  }

  need(): Promise<void> | undefined {
    if (this.value) return undefined;
    if (this.#code.value) {
      this.#create(this.#code.value);
      return undefined;
    }
    return (this.pending ??= this.#code.fetch().then(() => {
      this.pending = undefined;
      if (this.#code.value) {
        if (!this.value) this.#create(this.#code.value);
      } else {
        this.#failed({ code: ErrorCode.SERVER_UNREACHABLE, message: `The code of ${this.#code.what} could not be downloaded: check the network. It is tried again when next needed.` });
      }
    }));
  }

  #create(module: M): void {
    this.value = this.#make(module);
    this.#host.requestUpdate();
  }
}

/**
 * For an element's `getUpdateComplete()`: its own update (`complete`, the super's), then, while
 * one of its views is on its way, the view's arrival and the update it brings.
 */
export async function updateCompleteWith(complete: () => Promise<boolean>, views: ReadonlyArray<{ readonly pending?: Promise<void> }>): Promise<boolean> {
  let done = await complete();
  for (let pending = views.find((v) => v.pending)?.pending; pending; pending = views.find((v) => v.pending)?.pending) {
    await pending;
    done = await complete();
  }
  return done;
}
