/**
 * The beauty filter on the CPU, for machines whose WebGL is a software rasterizer (SwiftShader,
 * llvmpipe: headless CI, VMs, GPU blocklists) where the shader costs 40–350 ms per frame.
 * It works on the camera's own YUV planes (I420 or NV12; RGB frames are converted to I420
 * first) and gives the shader's look:
 *
 * - smoothing and sharpening, on luma: a box blur at half resolution (running sums: cost
 *   independent of the radius); each pixel moves by a table indexed by (blur − pixel), pulled
 *   towards the blur where they differ little (skin evens out, edges stay), pushed away from it
 *   for sharpening (unsharp mask); the style sets radius and threshold, hazy adds a glow;
 * - colour: brightening, rosy tint and LUT are one RGB transform, exactly the shader's, that is
 *   resampled once per change into a 33³ YUV grid of deltas. Per pixel that is one lookup in
 *   the 256-entry luma curve of its 2×2 block's chroma cell, and per chroma sample two deltas.
 *   Working in RGB (with gamut clamping) keeps saturated colours right.
 *
 * The frame is copied once (`VideoFrame.copyTo`), processed in place, and wrapped in a new
 * `VideoFrame` with the same timestamp. Buffers are reused between frames.
 */
import { ErrorCode, LiveError } from '../errors.js';
import type { BeautyLook, LutImage } from './beauty-renderer.js';
import { LUT_SIZE, lutPixels } from './luts.js';
import type { BeautySettings } from './types.js';

const GRID = 33; // LUT grid per axis (codes 0, 8, …, 256)
/** Clamps (value + CLAMP_ZERO) to 0–255 by lookup, for values from −1024 to 1023. */
const CLAMP_ZERO = 1024;
const CLAMP = new Uint8Array(2048).map((_, i) => Math.min(255, Math.max(0, i - CLAMP_ZERO)));

/** Per style: blur radius at 480p (px), detail threshold (luma codes), haze. */
const STYLES: Record<BeautySettings['style'], { radius: number; threshold: number; haze: number }> = {
  0: { radius: 4, threshold: 26, haze: 0 },
  1: { radius: 3, threshold: 14, haze: 0 },
  2: { radius: 5, threshold: 32, haze: 0.35 },
};

interface Matrix {
  kr: number;
  kb: number;
  full: boolean;
}

/** Builds a function sampling an RGB LUT image (512×512, 8×8 tiles of 64²) with trilinear interpolation. */
function imageSampler(pixels: Uint8ClampedArray | Uint8Array): (r: number, g: number, b: number) => [number, number, number] {
  const at = (r: number, g: number, b: number, c: number) => {
    const x = (b % 8) * 64 + r;
    const y = Math.floor(b / 8) * 64 + g;
    return pixels[(y * LUT_SIZE + x) * 4 + c];
  };
  return (r, g, b) => {
    const fr = r * 63, fg = g * 63, fb = b * 63;
    const r0 = Math.floor(fr), g0 = Math.floor(fg), b0 = Math.floor(fb);
    const r1 = Math.min(63, r0 + 1), g1 = Math.min(63, g0 + 1), b1 = Math.min(63, b0 + 1);
    const dr = fr - r0, dg = fg - g0, db = fb - b0;
    const out: [number, number, number] = [0, 0, 0];
    for (let c = 0; c < 3; c++) {
      const c00 = at(r0, g0, b0, c) * (1 - dr) + at(r1, g0, b0, c) * dr;
      const c10 = at(r0, g1, b0, c) * (1 - dr) + at(r1, g1, b0, c) * dr;
      const c01 = at(r0, g0, b1, c) * (1 - dr) + at(r1, g0, b1, c) * dr;
      const c11 = at(r0, g1, b1, c) * (1 - dr) + at(r1, g1, b1, c) * dr;
      out[c] = ((c00 * (1 - dg) + c10 * dg) * (1 - db) + (c01 * (1 - dg) + c11 * dg) * db) / 255;
    }
    return out;
  };
}

function imagePixels(image: LutImage): Uint8ClampedArray {
  const canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(LUT_SIZE, LUT_SIZE) : Object.assign(document.createElement('canvas'), { width: LUT_SIZE, height: LUT_SIZE });
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (!ctx) throw new LiveError(ErrorCode.MEDIA_FAILED, 'Could not read the LUT image (no 2D canvas).');
  ctx.drawImage(image as CanvasImageSource, 0, 0, LUT_SIZE, LUT_SIZE);
  return ctx.getImageData(0, 0, LUT_SIZE, LUT_SIZE).data;
}

function matrixOf(frame: VideoFrame): Matrix {
  const cs = frame.colorSpace;
  const bt709 = cs?.matrix === 'bt709';
  return { kr: bt709 ? 0.2126 : 0.299, kb: bt709 ? 0.0722 : 0.114, full: cs?.fullRange === true };
}

export class CpuBeautyRenderer {
  readonly kind = 'cpu';
  #buffer = new Uint8Array(0);
  #rgb = new Uint8Array(0);
  #rowSums = new Uint16Array(0);
  #colSums = new Uint32Array(0);
  #small = new Uint8Array(0);
  #blur = new Uint8Array(0);
  #blurWidth = 0;
  #blurHeight = 0;
  #cells = new Int32Array(0);
  /** Per (U, V) cell of the grid: the colour transform's 256-entry luma curve. */
  #cellCurves = new Uint8Array(GRID * GRID * 256);
  #detailKey = '';
  #detailTable = new Int16Array(511);
  #colourKey = '';
  #lutSource: BeautyLook['lut'] = null;
  #lutPixels?: Uint8ClampedArray;
  #dY = new Int16Array(GRID * GRID * GRID);
  #dU = new Int16Array(GRID * GRID * GRID);
  #dV = new Int16Array(GRID * GRID * GRID);

  /** One processed frame (the input is not closed). */
  async process(frame: VideoFrame, look: BeautyLook): Promise<VideoFrame> {
    const source = frame.format;
    const width = frame.codedWidth;
    const height = frame.codedHeight;
    let format: 'I420' | 'I420A' | 'NV12';
    let buffer: Uint8Array;
    let layout: PlaneLayout[];
    let matrix: Matrix;
    if (source === 'I420' || source === 'I420A' || source === 'NV12') {
      format = source;
      const size = frame.allocationSize();
      if (this.#buffer.length < size) this.#buffer = new Uint8Array(size);
      buffer = this.#buffer.subarray(0, size);
      layout = await frame.copyTo(buffer);
      matrix = matrixOf(frame);
    } else if (source === 'RGBA' || source === 'RGBX' || source === 'BGRA' || source === 'BGRX') {
      // Canvas and screen sources: convert once to I420 (BT.601, limited range) and go on as usual.
      const size = frame.allocationSize();
      if (this.#rgb.length < size) this.#rgb = new Uint8Array(size);
      const rgb = this.#rgb.subarray(0, size);
      const [plane] = await frame.copyTo(rgb);
      const cw = (width + 1) >> 1;
      const yuvSize = width * height + 2 * cw * ((height + 1) >> 1);
      if (this.#buffer.length < yuvSize) this.#buffer = new Uint8Array(yuvSize);
      buffer = this.#buffer.subarray(0, yuvSize);
      layout = rgbToI420(rgb, plane.offset, plane.stride, source.startsWith('B'), width, height, buffer);
      format = 'I420';
      matrix = { kr: 0.299, kb: 0.114, full: false };
    } else {
      throw new LiveError(ErrorCode.MEDIA_FAILED, `The CPU beauty filter cannot read ${source ?? 'opaque'} frames.`);
    }
    const converted = format !== source;
    const s = look.settings;
    const luma = buffer.subarray(layout[0].offset);
    const yStride = layout[0].stride;
    const cw = (width + 1) >> 1;
    const ch = (height + 1) >> 1;
    const nv12 = format === 'NV12';
    const u = buffer.subarray(layout[1].offset);
    const uStride = layout[1].stride;
    const v = nv12 ? u : buffer.subarray(layout[2].offset);
    const vStride = nv12 ? uStride : layout[2].stride;
    const step = nv12 ? 2 : 1;
    const vOff = nv12 ? 1 : 0;
    const lut = look.lut && s.filter !== 'none' && s.filterStrength > 0 ? look.lut : null;
    const colour = s.whiteness > 0 || s.ruddy > 0 || lut !== null;
    if (colour) {
      this.#prepareColour(s, lut, matrix);
      this.#chromaIndex(u, v, uStride, vStride, step, vOff, cw, ch);
    }
    if (s.beauty > 0 || s.sharpness > 0) {
      this.#prepareDetail(s);
      this.#smoothBlur(luma, yStride, width, height, s);
      this.#smooth(luma, yStride, width, height);
    }
    if (colour) {
      // Chroma first: its deltas are looked up at the luma before the colour change.
      this.#colourChroma(luma, yStride, u, v, uStride, vStride, step, vOff, cw, ch);
      this.#colourLuma(luma, yStride, width, height, cw);
    }
    return new VideoFrame(buffer, {
      format,
      codedWidth: width,
      codedHeight: height,
      timestamp: frame.timestamp,
      duration: frame.duration ?? undefined,
      layout,
      visibleRect: frame.visibleRect ? { x: frame.visibleRect.x, y: frame.visibleRect.y, width: frame.visibleRect.width, height: frame.visibleRect.height } : undefined,
      displayWidth: frame.displayWidth,
      displayHeight: frame.displayHeight,
      colorSpace: converted ? { matrix: 'smpte170m', primaries: 'bt709', transfer: 'iec61966-2-1', fullRange: false } : frame.colorSpace?.toJSON(),
    });
  }

  dispose(): void {
    this.#buffer = new Uint8Array(0);
    this.#small = new Uint8Array(0);
    this.#blur = new Uint8Array(0);
  }

  /** Luma at half resolution (2×2 means), box-blurred: the smoothing reference (4× cheaper than full size). */
  #smoothBlur(luma: Uint8Array, stride: number, width: number, height: number, s: BeautySettings): void {
    const sw = width >> 1;
    const sh = height >> 1;
    const n = sw * sh;
    if (this.#small.length < n) {
      this.#small = new Uint8Array(n);
      this.#blur = new Uint8Array(n);
      this.#rowSums = new Uint16Array(n);
    }
    if (this.#colSums.length < sw) this.#colSums = new Uint32Array(sw);
    const small = this.#small;
    for (let y = 0; y < sh; y++) {
      const a = 2 * y * stride;
      const b = a + stride;
      const o = y * sw;
      for (let x = 0; x < sw; x++) {
        const i = 2 * x;
        small[o + x] = (luma[a + i] + luma[a + i + 1] + luma[b + i] + luma[b + i + 1] + 2) >> 2;
      }
    }
    const radius = Math.max(1, Math.round((STYLES[s.style].radius * Math.max(1, height / 480)) / 2));
    boxBlur(small, sw, sw, sh, radius, this.#blur, this.#rowSums, this.#colSums);
    this.#blurWidth = sw;
    this.#blurHeight = sh;
  }

  /** Per chroma sample: where its (U, V) cell's luma curve starts in `#cellCurves`. */
  #chromaIndex(u: Uint8Array, v: Uint8Array, uStride: number, vStride: number, step: number, vOff: number, cw: number, ch: number): void {
    const n = cw * ch;
    if (this.#cells.length < n) this.#cells = new Int32Array(n);
    const cells = this.#cells;
    for (let y = 0; y < ch; y++) {
      const ur = y * uStride;
      const vr = y * vStride + vOff;
      const o = y * cw;
      for (let x = 0; x < cw; x++) cells[o + x] = (((u[ur + x * step] + 4) >> 3) * GRID + ((v[vr + x * step] + 4) >> 3)) << 8;
    }
  }

  /** The table for (blur − pixel): smoothing pull, hazy glow and unsharp push, plus clamping. */
  #prepareDetail(s: BeautySettings): void {
    const key = `${s.beauty}:${s.style}:${s.sharpness}`;
    if (key === this.#detailKey) return;
    this.#detailKey = key;
    const style = STYLES[s.style];
    const strength = (s.beauty / 9) * 0.9;
    const haze = style.haze * (s.beauty / 9);
    const sharp = s.sharpness / 9;
    for (let d = -255; d <= 255; d++) {
      const abs = d < 0 ? -d : d;
      const pull = abs >= style.threshold ? 0 : strength * (1 - abs / style.threshold);
      let change = d * pull;
      if (haze > 0 && d > change) change += (d - change) * haze;
      this.#detailTable[d + 255] = Math.round(change - d * sharp);
    }
  }

  /**
   * One pixel move per lookup, by d = blur − pixel: smoothing pulls towards the blur where they
   * differ little, sharpening pushes away from it (unsharp mask), hazy lets brighter surroundings
   * glow. The blur is at half resolution: one value per 2×2 block.
   */
  #smooth(luma: Uint8Array, stride: number, width: number, height: number): void {
    const delta = this.#detailTable;
    const clamp = CLAMP;
    const blur = this.#blur;
    const bw = this.#blurWidth;
    const bLast = this.#blurHeight - 1;
    const pairs = Math.min(bw, width >> 1);
    for (let y = 0; y < height; y++) {
      const row = y * stride;
      const brow = ((y >> 1) > bLast ? bLast : y >> 1) * bw;
      for (let bx = 0; bx < pairs; bx++) {
        const shifted = blur[brow + bx] + 255;
        const i = row + 2 * bx;
        const a = luma[i];
        const b = luma[i + 1];
        luma[i] = clamp[CLAMP_ZERO + a + delta[shifted - a]];
        luma[i + 1] = clamp[CLAMP_ZERO + b + delta[shifted - b]];
      }
    }
  }

  /** Colour on luma: one lookup per pixel in the 256-entry curve of its 2×2 block's chroma cell. */
  #colourLuma(luma: Uint8Array, stride: number, width: number, height: number, cw: number): void {
    const curves = this.#cellCurves;
    const cells = this.#cells;
    for (let y = 0; y < height; y++) {
      const row = y * stride;
      const crow = (y >> 1) * cw;
      for (let x = 0; x < width; x++) {
        const i = row + x;
        luma[i] = curves[cells[crow + (x >> 1)] + luma[i]];
      }
    }
  }

  /** Colour on chroma: the deltas of the block's cell at the (not yet coloured) luma of its top-left pixel. */
  #colourChroma(luma: Uint8Array, yStride: number, u: Uint8Array, v: Uint8Array, uStride: number, vStride: number, step: number, vOff: number, cw: number, ch: number): void {
    const dU = this.#dU;
    const dV = this.#dV;
    const cells = this.#cells;
    const clamp = CLAMP;
    for (let y = 0; y < ch; y++) {
      const ur = y * uStride;
      const vr = y * vStride + vOff;
      const lr = y * 2 * yStride;
      const cr = y * cw;
      for (let x = 0; x < cw; x++) {
        const k = (cells[cr + x] >> 8) * GRID + ((luma[lr + 2 * x] + 4) >> 3);
        const ui = ur + x * step;
        const vi = vr + x * step;
        u[ui] = clamp[CLAMP_ZERO + u[ui] + dU[k]];
        v[vi] = clamp[CLAMP_ZERO + v[vi] + dV[k]];
      }
    }
  }

  /**
   * Resamples the colour transform (brightening → rosy → LUT at its strength, as in the shader)
   * into YUV deltas on a 33³ grid, then into per-cell luma curves. ~36k evaluations per change.
   */
  #prepareColour(s: BeautySettings, lut: BeautyLook['lut'], m: Matrix): void {
    if (lut !== this.#lutSource) {
      this.#lutSource = lut;
      this.#lutPixels = lut && typeof lut !== 'string' ? imagePixels(lut) : undefined;
      this.#colourKey = '';
    }
    const key = `${s.whiteness}:${s.ruddy}:${typeof lut === 'string' ? lut : lut ? 'image' : 'none'}:${s.filterStrength}:${m.kr}:${m.full}`;
    if (key === this.#colourKey) return;
    this.#colourKey = key;
    const sample = lut ? imageSampler(typeof lut === 'string' ? lutPixels(lut) : this.#lutPixels!) : null;
    const strength = lut ? s.filterStrength : 0;
    const white = s.whiteness / 9;
    const curveBase = 1 + white * 4;
    const logBase = Math.log(curveBase);
    const ruddy = s.ruddy / 9;
    const brighten = (c: number) => (white > 0 ? Math.log(c * (curveBase - 1) + 1) / logBase : c);
    const { kr, kb, full } = m;
    const kg = 1 - kr - kb;
    const yLo = full ? 0 : 16, ySpan = full ? 255 : 219, cSpan = full ? 255 : 224;
    for (let yi = 0; yi < GRID; yi++) {
      const yn = (Math.min(255, yi * 8) - yLo) / ySpan;
      for (let ui = 0; ui < GRID; ui++) {
        const pb = (Math.min(255, ui * 8) - 128) / cSpan;
        for (let vi = 0; vi < GRID; vi++) {
          const pr = (Math.min(255, vi * 8) - 128) / cSpan;
          const r = clamp01(yn + 2 * (1 - kr) * pr);
          const b = clamp01(yn + 2 * (1 - kb) * pb);
          const g = clamp01((yn - kr * (yn + 2 * (1 - kr) * pr) - kb * (yn + 2 * (1 - kb) * pb)) / kg);
          let mr = brighten(r), mg = brighten(g), mb = brighten(b);
          if (ruddy > 0) {
            mr = clamp01(mr + (mr * 1.07 + 0.05 - mr) * ruddy);
            mg = clamp01(mg + (mg * 0.95 - mg) * ruddy);
            mb = clamp01(mb + (mb * 0.97 + 0.015 - mb) * ruddy);
          }
          if (sample) {
            const [lr, lg, lb] = sample(mr, mg, mb);
            mr += (lr - mr) * strength;
            mg += (lg - mg) * strength;
            mb += (lb - mb) * strength;
          }
          // Result minus the grid point, in codes (out-of-gamut inputs are corrected on the way).
          const y2 = kr * mr + kg * mg + kb * mb;
          this.#dY[(yi * GRID + ui) * GRID + vi] = Math.round(yLo + y2 * ySpan - Math.min(255, yi * 8));
          const c = (ui * GRID + vi) * GRID + yi;
          this.#dU[c] = Math.round(128 + ((mb - y2) / (2 * (1 - kb))) * cSpan - Math.min(255, ui * 8));
          this.#dV[c] = Math.round(128 + ((mr - y2) / (2 * (1 - kr))) * cSpan - Math.min(255, vi * 8));
        }
      }
    }
    const dY = this.#dY;
    const plane = GRID * GRID;
    for (let cell = 0; cell < plane; cell++) {
      const out = cell << 8;
      for (let value = 0; value < 256; value++) {
        const base = (value >> 3) * plane + cell;
        const f = value & 7;
        const y = value + ((dY[base] * (8 - f) + dY[base + plane] * f) >> 3);
        this.#cellCurves[out + value] = y < 0 ? 0 : y > 255 ? 255 : y;
      }
    }
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Box blur with running sums (edges clamped): horizontal into `rows`, vertical into `out`. */
function boxBlur(src: Uint8Array, stride: number, width: number, height: number, radius: number, out: Uint8Array, rows: Uint16Array, cols: Uint32Array): void {
  const r = Math.min(radius, Math.floor((Math.min(width, height) - 1) / 2));
  const size = 2 * r + 1;
  const last = width - 1;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const o = y * width;
    let sum = src[row] * (r + 1);
    for (let x = 1; x <= r; x++) sum += src[row + x];
    for (let x = 0; x < width; x++) {
      rows[o + x] = sum;
      const add = x + r + 1;
      const drop = x - r;
      sum += src[row + (add > last ? last : add)] - src[row + (drop < 0 ? 0 : drop)];
    }
  }
  const scale = Math.round(65536 / (size * size));
  cols.fill(0, 0, width);
  for (let k = -r; k <= r; k++) {
    const o = (k < 0 ? 0 : k > height - 1 ? height - 1 : k) * width;
    for (let x = 0; x < width; x++) cols[x] += rows[o + x];
  }
  const lastRow = height - 1;
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let x = 0; x < width; x++) out[o + x] = (cols[x] * scale) >>> 16;
    const add = (y + r + 1 > lastRow ? lastRow : y + r + 1) * width;
    const drop = (y - r < 0 ? 0 : y - r) * width;
    for (let x = 0; x < width; x++) cols[x] += rows[add + x] - rows[drop + x];
  }
}

/** RGBA/BGRA (any alpha) to I420, BT.601 limited range; chroma from the top-left pixel of each 2×2 block. */
function rgbToI420(src: Uint8Array, offset: number, stride: number, bgr: boolean, width: number, height: number, dst: Uint8Array): PlaneLayout[] {
  const cw = (width + 1) >> 1;
  const ch = (height + 1) >> 1;
  const uOffset = width * height;
  const vOffset = uOffset + cw * ch;
  const ri = bgr ? 2 : 0;
  const bi = bgr ? 0 : 2;
  for (let y = 0; y < height; y++) {
    let p = offset + y * stride;
    const row = y * width;
    const even = (y & 1) === 0;
    const crow = (y >> 1) * cw;
    for (let x = 0; x < width; x++, p += 4) {
      const r = src[p + ri];
      const g = src[p + 1];
      const b = src[p + bi];
      dst[row + x] = (66 * r + 129 * g + 25 * b + 4224) >> 8; // 16 + …
      if (even && (x & 1) === 0) {
        const c = crow + (x >> 1);
        dst[uOffset + c] = (-38 * r - 74 * g + 112 * b + 32896) >> 8; // 128 + …
        dst[vOffset + c] = (112 * r - 94 * g - 18 * b + 32896) >> 8;
      }
    }
  }
  return [
    { offset: 0, stride: width },
    { offset: uOffset, stride: cw },
    { offset: vOffset, stride: cw },
  ];
}
