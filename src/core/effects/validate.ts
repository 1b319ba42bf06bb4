/** Argument rules of the effects managers: every violation is a LiveError INVALID_ARGUMENT. */
import { ErrorCode, LiveError } from '../errors.js';
import { BUILT_IN_FILTERS } from './luts.js';
import type { BeautySettings, BeautyStyle, BuiltInFilter } from './types.js';

function describe(value: unknown): string {
  if (typeof value === 'string') return `“${value}”`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return typeof value;
}

/** An integer in [min, max]. */
export function assertInteger(value: unknown, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `${what} must be an integer from ${min} to ${max} (got ${describe(value)}).`);
  }
  return value;
}

/** A finite number in [min, max]. */
export function assertRange(value: unknown, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `${what} must be a number from ${min} to ${max} (got ${describe(value)}).`);
  }
  return value;
}

/** A beauty level: integer 0–9 (TXBeautyManager). */
export function assertLevel(value: unknown, what: string): number {
  return assertInteger(value, 0, 9, what);
}

/** A volume: integer 0–100 (TXAudioEffectManager). */
export function assertVolume(value: unknown, what = 'Volume'): number {
  return assertInteger(value, 0, 100, what);
}

/** A music or effect ID: a non-negative safe integer. */
export function assertId(value: unknown, what = 'ID'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `${what} must be a non-negative integer (got ${describe(value)}).`);
  }
  return value;
}

/** A loop count: -1 (forever) or a non-negative integer. */
export function assertLoopCount(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -1) {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `loopCount must be -1 (forever) or an integer ≥ 0 (got ${describe(value)}).`);
  }
  return value;
}

/** A media URL: a non-empty string that parses as a URL (relative to the page). */
export function assertPath(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'path must be the URL of an audio file.');
  try {
    new URL(value, typeof location === 'undefined' ? 'http://localhost/' : location.href);
  } catch {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `path is not a valid URL: ${describe(value)}.`);
  }
  return value;
}

export function assertBoolean(value: unknown, fallback: boolean, what: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new LiveError(ErrorCode.INVALID_ARGUMENT, `${what} must be true or false (got ${describe(value)}).`);
  return value;
}

/** A TXBeautyStyle: 0 smooth, 1 natural, 2 hazy. */
export function assertBeautyStyle(style: unknown): BeautyStyle {
  if (style !== 0 && style !== 1 && style !== 2) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Beauty style must be 0 (smooth), 1 (natural) or 2 (hazy) (got ${String(style)}).`);
  return style;
}

/**
 * A filter: `'none'` and the built-in names pass as they are, any other string or a non-object
 * is refused; an object is handed back for the caller to check as a LUT image.
 */
export function assertFilter(filter: unknown): 'none' | BuiltInFilter | object {
  if (filter === 'none' || BUILT_IN_FILTERS.includes(filter as BuiltInFilter)) return filter as 'none' | BuiltInFilter;
  if (typeof filter === 'string') {
    throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Unknown filter “${filter}”: use 'none', ${BUILT_IN_FILTERS.map((f) => `'${f}'`).join(', ')} or a 512×512 LUT image.`);
  }
  if (typeof filter !== 'object' || filter === null) throw new LiveError(ErrorCode.INVALID_ARGUMENT, LUT_IMAGE_EXPECTED);
  return filter;
}

/** The words for a filter that is neither a name nor an image. */
export const LUT_IMAGE_EXPECTED = 'A filter is “none”, a built-in name, or a 512×512 LUT image (ImageBitmap, <img>, <canvas>).';

/**
 * What each numeric setter of a BeautyManager changes, checked (INVALID_ARGUMENT before anything
 * changes): one table for every engine's beauty manager.
 */
export const beautyChange = {
  style: (style: unknown): Partial<BeautySettings> => ({ style: assertBeautyStyle(style) }),
  beauty: (level: unknown): Partial<BeautySettings> => ({ beauty: assertLevel(level, 'Beauty level') }),
  whiteness: (level: unknown): Partial<BeautySettings> => ({ whiteness: assertLevel(level, 'Whiteness level') }),
  ruddy: (level: unknown): Partial<BeautySettings> => ({ ruddy: assertLevel(level, 'Ruddy level') }),
  sharpness: (level: unknown): Partial<BeautySettings> => ({ sharpness: assertLevel(level, 'Sharpness level') }),
  filterStrength: (strength: unknown): Partial<BeautySettings> => ({ filterStrength: assertRange(strength, 0, 1, 'Filter strength') }),
};
