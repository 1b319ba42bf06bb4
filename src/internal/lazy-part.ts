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
  let loading: Promise<void> | undefined;
  return {
    need() {
      if (loading || customElements.get(tag)) return;
      loading = load().catch((error: unknown) => {
        loading = undefined;
        console.warn(`live-elements: could not load <${tag}>; will try again`, error);
      });
    },
    get defined() {
      this.need();
      return customElements.whenDefined(tag).then(() => undefined);
    },
  };
}
