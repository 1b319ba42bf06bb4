/**
 * Colour look-up tables: a 64×64×64 cube stored as a 512×512 RGBA image of 8×8 tiles, each
 * 64×64. Blue picks the tile (row-major from the top left), red runs left→right and green
 * top→bottom inside it: the layout of the common "lookup.png" LUTs, so a LUT made in an image
 * editor from the identity image works as is. The built-in looks are generated, not downloaded.
 */
import type { BuiltInFilter } from './types.js';

export const LUT_SIZE = 512;
const CUBE = 64;
const TILES = 8;

export const BUILT_IN_FILTERS: readonly BuiltInFilter[] = ['warm', 'cool', 'mono', 'vintage'];

type Rgb = [number, number, number];
type Look = (r: number, g: number, b: number) => Rgb;

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;
/** A gentle S-curve around the middle (amount 0 = none). */
const contrast = (x: number, amount: number) => x + amount * (x - 0.5) * (1 - Math.abs(2 * x - 1));
const clamp = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

const LOOKS: Record<BuiltInFilter | 'identity', Look> = {
  identity: (r, g, b) => [r, g, b],
  // Golden hour: more red and yellow, less blue, a little contrast.
  warm: (r, g, b) => [contrast(r * 1.07 + 0.03, 0.15), contrast(g * 1.01 + 0.01, 0.15), contrast(b * 0.86, 0.15)],
  // Daylight on snow: cooler, slightly cleaner whites.
  cool: (r, g, b) => [r * 0.9, g * 0.99 + 0.01, b * 1.08 + 0.04],
  // Black and white with a touch of contrast.
  mono: (r, g, b) => {
    const y = contrast(luma(r, g, b), 0.25);
    return [y, y, y];
  },
  // Faded film: sepia-leaning, lifted blacks, softer highlights, less saturation.
  vintage: (r, g, b) => {
    const sr = 0.393 * r + 0.769 * g + 0.189 * b;
    const sg = 0.349 * r + 0.686 * g + 0.168 * b;
    const sb = 0.272 * r + 0.534 * g + 0.131 * b;
    const mix = (a: number, s: number) => 0.07 + 0.86 * (0.45 * a + 0.55 * s);
    return [mix(r, sr), mix(g, sg), mix(b, sb)];
  },
};

const cache = new Map<string, Uint8Array>();

/** The 512×512 RGBA pixels of a built-in look (or `identity`), generated once and cached. */
export function lutPixels(name: BuiltInFilter | 'identity'): Uint8Array {
  let pixels = cache.get(name);
  if (pixels) return pixels;
  const look = LOOKS[name];
  pixels = new Uint8Array(LUT_SIZE * LUT_SIZE * 4);
  for (let y = 0; y < LUT_SIZE; y++) {
    const g = (y % CUBE) / (CUBE - 1);
    for (let x = 0; x < LUT_SIZE; x++) {
      const r = (x % CUBE) / (CUBE - 1);
      const b = (Math.floor(y / CUBE) * TILES + Math.floor(x / CUBE)) / (CUBE - 1);
      const [or, og, ob] = look(r, g, b);
      const i = (y * LUT_SIZE + x) * 4;
      pixels[i] = Math.round(clamp(or) * 255);
      pixels[i + 1] = Math.round(clamp(og) * 255);
      pixels[i + 2] = Math.round(clamp(ob) * 255);
      pixels[i + 3] = 255;
    }
  }
  cache.set(name, pixels);
  return pixels;
}

/** Where colour (r, g, b) in 0–255 sits in a LUT image (nearest cell): for tests and tools. */
export function lutCell(r: number, g: number, b: number): { x: number; y: number } {
  const q = (v: number) => Math.round((v / 255) * (CUBE - 1));
  const tile = q(b);
  return { x: (tile % TILES) * CUBE + q(r), y: Math.floor(tile / TILES) * CUBE + q(g) };
}

/** Applies a built-in look to one colour on the CPU (0–255), as the shader does at full strength. */
export function applyLook(name: BuiltInFilter | 'identity', r: number, g: number, b: number): Rgb {
  const [or, og, ob] = LOOKS[name](r / 255, g / 255, b / 255);
  return [Math.round(clamp(or) * 255), Math.round(clamp(og) * 255), Math.round(clamp(ob) * 255)];
}

/** The size of an image-like LUT source, when it can be known. */
export function sourceSize(source: ImageBitmap | HTMLImageElement | HTMLCanvasElement | OffscreenCanvas): { width: number; height: number } {
  if (typeof HTMLImageElement !== 'undefined' && source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  return { width: source.width, height: source.height };
}
