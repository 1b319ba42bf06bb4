/** Parsing of the layer's settings (attributes arrive as strings). Pure functions. */

/** A constant speed in px per second, or a time to cross the stage (longer comments then move faster). */
export type BarrageSpeed = { kind: 'px'; pxPerSecond: number } | { kind: 'duration'; ms: number };

export type OverflowPolicy = 'drop' | 'queue' | 'merge';

export const DEFAULT_SPEED = { kind: 'px', pxPerSecond: 144 } as const satisfies BarrageSpeed;

/**
 * `144`, `"144"`, `"144px/s"` → 144 px/s; `"8s"`, `"8000ms"` → 8 s to cross the stage.
 * Returns undefined for anything else (or out of range: 10–5000 px/s, 0.5–120 s).
 */
export function parseSpeed(value: unknown): BarrageSpeed | undefined {
  if (typeof value === 'number') return value >= 10 && value <= 5000 ? { kind: 'px', pxPerSecond: value } : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(px\/s|ms|s)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'px/s').toLowerCase();
  if (unit === 'px/s') return n >= 10 && n <= 5000 ? { kind: 'px', pxPerSecond: n } : undefined;
  const ms = unit === 's' ? n * 1000 : n;
  return ms >= 500 && ms <= 120_000 ? { kind: 'duration', ms } : undefined;
}

/** Speeds under a crossing time are rounded to steps of this ratio, so that a few speeds serve every width. */
export const SPEED_STEP = 1.1;

/**
 * Speed in px/ms of a scroll comment of `width` on a stage of `stageWidth`. Under a crossing
 * time, (stage + width) / time, rounded to a geometric step from stage / time (at most ±5%
 * off), so comments of similar widths share one speed (and the layer one moving track for it).
 */
export function speedFor(speed: BarrageSpeed, stageWidth: number, width: number, step = SPEED_STEP): number {
  if (speed.kind === 'px') return speed.pxPerSecond / 1000;
  const base = Math.max(1, stageWidth) / speed.ms;
  const exact = (stageWidth + width) / speed.ms;
  if (step <= 1) return exact;
  const k = Math.round(Math.log(exact / base) / Math.log(step));
  return base * step ** k;
}

export function parseOverflow(value: unknown): OverflowPolicy | undefined {
  return value === 'drop' || value === 'queue' || value === 'merge' ? value : undefined;
}

export function clamp(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}
