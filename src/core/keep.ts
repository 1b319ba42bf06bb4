/**
 * `make()` once, and the same promise on every later call, unless it rejected: then the next
 * call makes it again. For code and SDKs fetched on first use (a failed download is tried again
 * by the next caller, who gets the error of their own attempt).
 */
export function keepUnlessRejected<T>(make: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () =>
    (kept ??= make().catch((error: unknown) => {
      kept = undefined;
      throw error;
    }));
}
