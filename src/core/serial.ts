/** Runs steps one at a time, in call order; a failed step does not stop the next. */
export class Serial {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(step: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(step, step);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}
