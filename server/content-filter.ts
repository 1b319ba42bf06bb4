/**
 * The content check hook: a synchronous function the embedding program passes to
 * `createLocalServer({ contentFilter })`, applied to every `group-send` before delivery.
 */
import { ErrorCode, LiveError } from '../src/core/errors.js';
import type { GroupMessageBody, UserProfile } from '../src/core/protocol/local-wire.js';

export interface ContentCheck {
  groupId: string;
  from: UserProfile;
  body: GroupMessageBody;
}

export type ContentVerdict =
  | { verdict: 'allow' }
  /** The sender gets an error (default CONTENT_REJECTED); nobody receives the message. */
  | { verdict: 'reject'; code?: number; message?: string }
  /** The sender gets a normal reply, but nobody (the sender included) receives the message. */
  | { verdict: 'drop' };

export type ContentFilter = (check: ContentCheck) => ContentVerdict;

const REJECTED_MESSAGE = 'The message was rejected by the content check.';
const MAX_MESSAGE_CHARS = 500;

/**
 * Runs the filter on a copy of the message. Returns 'allow' or 'drop'; throws a LiveError for a
 * rejection. A filter that throws or returns something unexpected rejects with SERVER_ERROR.
 */
export function checkContent(filter: ContentFilter | undefined, check: ContentCheck, log: (line: string) => void): 'allow' | 'drop' {
  if (!filter) return 'allow';
  let result: unknown;
  try {
    result = filter({ groupId: check.groupId, from: { ...check.from }, body: { ...check.body } });
  } catch (err) {
    log(`content filter threw on a message from ${check.from.userId} in ${check.groupId}: ${err instanceof Error ? err.stack : String(err)}`);
    throw new LiveError(ErrorCode.SERVER_ERROR, 'The content check failed; the message was not sent.');
  }
  if (isThenable(result)) {
    // An async filter is a programming error; keep its rejection from crashing the process.
    result.then(undefined, (err: unknown) => log(`async content filter rejected: ${err instanceof Error ? err.message : String(err)}`));
  }
  const verdict = (result as { verdict?: unknown } | null | undefined)?.verdict;
  if (verdict === 'allow' || verdict === 'drop') return verdict;
  if (verdict === 'reject') {
    const { code, message } = result as { code?: unknown; message?: unknown };
    throw new LiveError(
      typeof code === 'number' && Number.isSafeInteger(code) ? code : ErrorCode.CONTENT_REJECTED,
      typeof message === 'string' && message.length > 0 ? message.slice(0, MAX_MESSAGE_CHARS) : REJECTED_MESSAGE,
    );
  }
  log(`content filter returned ${describe(result)} for a message from ${check.from.userId} in ${check.groupId}; expected {verdict: "allow" | "reject" | "drop"} (synchronously)`);
  throw new LiveError(ErrorCode.SERVER_ERROR, 'The content check failed; the message was not sent.');
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return !!value && typeof (value as { then?: unknown }).then === 'function';
}

function describe(value: unknown): string {
  if (isThenable(value)) return 'a Promise';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
