/**
 * Comment filtering: blocked words (substrings, case-insensitive) and blocked patterns (regular
 * expressions, compiled safely: a pattern that does not compile, is too long, or nests
 * quantifiers in a way that can take exponential time is refused and reported, never thrown).
 */

/** Why a blocked pattern was refused. */
export interface PatternProblem {
  /** The pattern as given. */
  pattern: string;
  reason: 'invalid' | 'too-long' | 'unsafe' | 'not-a-pattern';
  message: string;
}

export interface Blocklist {
  /** True when the text contains a blocked word or matches a blocked pattern. */
  blocks(text: string): boolean;
  /** The patterns that were refused. */
  readonly problems: readonly PatternProblem[];
  /** How many words and patterns are in force. */
  readonly size: number;
}

/** Longest pattern source accepted. */
export const MAX_PATTERN_LENGTH = 256;
/** Only the first this-many characters of a comment are tested against patterns. */
export const MAX_TESTED_LENGTH = 2048;

/** A group that contains a quantifier and is itself quantified: `(a+)+`, `(\w*)*`, `(x+){2,}`. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;
/** A quantified group with an empty alternative: `(a|)+`, `(|a)*`. */
const EMPTY_ALTERNATIVE = /\((?:\?:)?(?:\|(?:[^()\\]|\\.)*|(?:[^()\\]|\\.)*\|)\)(?:[+*]|\{\d+,\d*\})/;
/** Character classes, replaced by one letter before the checks above (`[+*]` is no quantifier). */
const CHARACTER_CLASS = /\[(?:[^\]\\]|\\.)*\]/g;

/** Lower-cased, NFKC-folded text used for word matching and for merging repeats. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function describe(pattern: unknown): string {
  if (pattern instanceof RegExp) return pattern.toString();
  return typeof pattern === 'string' ? pattern : String(pattern);
}

/** Compiles one pattern, or says why not. `g` and `y` flags are dropped (they make `test` stateful). */
export function compilePattern(pattern: unknown): RegExp | PatternProblem {
  const shown = describe(pattern);
  let source: string;
  let flags: string;
  if (pattern instanceof RegExp) {
    source = pattern.source;
    flags = pattern.flags.replace(/[gyd]/g, '');
  } else if (typeof pattern === 'string') {
    source = pattern;
    flags = 'iu';
  } else {
    return { pattern: shown, reason: 'not-a-pattern', message: `A blocked pattern must be a RegExp or a string, not ${typeof pattern}.` };
  }
  if (source.length === 0) return { pattern: shown, reason: 'invalid', message: 'A blocked pattern is empty.' };
  if (source.length > MAX_PATTERN_LENGTH) {
    return { pattern: shown, reason: 'too-long', message: `The blocked pattern is ${source.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed.` };
  }
  const shape = source.replace(CHARACTER_CLASS, 'x');
  if (NESTED_QUANTIFIER.test(shape) || EMPTY_ALTERNATIVE.test(shape)) {
    return { pattern: shown, reason: 'unsafe', message: `The blocked pattern ${shown} nests repetitions and could take very long to test; rewrite it without a repeated group that itself repeats.` };
  }
  try {
    return new RegExp(source, flags);
  } catch (unicodeError) {
    if (typeof pattern === 'string') {
      // Without the `u` flag some escapes (`\-`, `\_`) are allowed; accept those too.
      try {
        return new RegExp(source, 'i');
      } catch {
        // fall through to the report below
      }
    }
    return { pattern: shown, reason: 'invalid', message: `The blocked pattern ${shown} is not a valid regular expression (${(unicodeError as Error).message}).` };
  }
}

/** Builds a blocklist. Problems are returned, not thrown, so the caller can report them. */
export function compileBlocklist(words: readonly unknown[] = [], patterns: readonly unknown[] = []): Blocklist {
  const needles = [
    ...new Set(
      words
        .filter((w): w is string => typeof w === 'string')
        .map(normaliseText)
        .filter((w) => w.length > 0),
    ),
  ];
  const compiled: RegExp[] = [];
  const problems: PatternProblem[] = [];
  for (const pattern of patterns) {
    const result = compilePattern(pattern);
    if (result instanceof RegExp) compiled.push(result);
    else problems.push(result);
  }
  const size = needles.length + compiled.length;
  return {
    problems,
    size,
    blocks(text: string): boolean {
      if (size === 0) return false;
      const head = text.length > MAX_TESTED_LENGTH ? text.slice(0, MAX_TESTED_LENGTH) : text;
      if (needles.length > 0) {
        const folded = normaliseText(head);
        for (const needle of needles) if (folded.includes(needle)) return true;
      }
      for (const re of compiled) if (re.test(head)) return true;
      return false;
    },
  };
}

/** Splits an attribute value (`"spam, scam\nfoo"`) into words. */
export function splitWords(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[,\n]/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
}
