/**
 * A `StoreController` selector that picks some top-level slices of a state and returns the same
 * object while none of them changed (`Object.is`), so the element re-renders only for those.
 * Each call makes a selector with its own memory: one per element instance.
 */
export function selectKeys<S extends object, K extends keyof S>(keys: readonly K[]): (s: S) => Pick<S, K> {
  let last: Pick<S, K> | undefined;
  return (s) => {
    if (last && keys.every((k) => Object.is(last![k], s[k]))) return last;
    const next = {} as Pick<S, K>;
    for (const k of keys) next[k] = s[k];
    last = next;
    return next;
  };
}
