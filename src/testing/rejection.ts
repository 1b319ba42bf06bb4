import { LiveError } from '../core/errors.js';

/** The `LiveError` code a promise rejects with; `undefined` when it resolves. Anything but a `LiveError` fails the test. */
export async function codeOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof LiveError)) throw new Error(`expected a LiveError, got ${String(error)}`);
    return error.code;
  }
  return undefined;
}
