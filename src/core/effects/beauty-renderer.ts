/**
 * The beauty shader: one WebGL pass per camera frame. The frame is uploaded as a texture and
 * a fragment shader applies, in order: skin smoothing (a 12-tap edge-preserving bilateral
 * filter blended by level; the style picks its radius and how much detail it keeps, hazy adds
 * a soft glow), sharpening (unsharp mask against the same taps), brightening (a log curve that
 * lifts shadows and mid-tones more than highlights), a rosy tint, and a colour LUT.
 * Works on WebGL 1 and 2, on an OffscreenCanvas or a `<canvas>`.
 */
import { ErrorCode, LiveError } from '../errors.js';
import { LUT_SIZE, lutPixels } from './luts.js';
import type { BeautySettings, BuiltInFilter } from './types.js';

export type LutImage = ImageBitmap | HTMLImageElement | HTMLCanvasElement | OffscreenCanvas;
/** What the renderer needs to know about the look: the settings and the LUT (when one is set). */
export interface BeautyLook {
  settings: BeautySettings;
  lut: BuiltInFilter | LutImage | null;
}

type Canvas = OffscreenCanvas | HTMLCanvasElement;
type GL = WebGLRenderingContext | WebGL2RenderingContext;

const TAPS = 12;

const VERTEX = `
attribute vec2 a_pos;
varying vec2 v_uv;
void main() {
  v_uv = vec2(a_pos.x * 0.5 + 0.5, 0.5 - a_pos.y * 0.5);
  gl_Position = vec4(a_pos, 0.0, 1.0);
}`;

const FRAGMENT = `
#ifdef GL_FRAGMENT_PRECISION_HIGH
precision highp float;
#else
precision mediump float;
#endif
varying vec2 v_uv;
uniform sampler2D u_frame;
uniform sampler2D u_lut;
uniform vec2 u_offsets[${TAPS}];
uniform float u_smooth;
uniform float u_detail;
uniform float u_haze;
uniform float u_sharp;
uniform float u_white;
uniform float u_ruddy;
uniform float u_lutMix;

vec3 lookup(vec3 c) {
  float blue = c.b * 63.0;
  float b0 = floor(blue);
  float b1 = min(b0 + 1.0, 63.0);
  vec2 inner = (c.rg * 63.0 + 0.5) / ${LUT_SIZE}.0;
  vec2 t0 = vec2(mod(b0, 8.0), floor(b0 / 8.0)) / 8.0 + inner;
  vec2 t1 = vec2(mod(b1, 8.0), floor(b1 / 8.0)) / 8.0 + inner;
  return mix(texture2D(u_lut, t0).rgb, texture2D(u_lut, t1).rgb, blue - b0);
}

void main() {
  vec3 c = texture2D(u_frame, v_uv).rgb;
  vec3 col = c;
  if (u_smooth > 0.0 || u_sharp > 0.0 || u_haze > 0.0) {
    vec3 sum = c;
    float weights = 1.0;
    vec3 box = vec3(0.0);
    for (int i = 0; i < ${TAPS}; i++) {
      vec3 s = texture2D(u_frame, v_uv + u_offsets[i]).rgb;
      box += s;
      vec3 d = s - c;
      float w = exp(-dot(d, d) * u_detail);
      sum += s * w;
      weights += w;
    }
    box /= ${TAPS}.0;
    col = mix(c, sum / weights, u_smooth);
    col = mix(col, max(col, box), u_haze);
    col += (c - box) * u_sharp;
  }
  if (u_white > 0.0) {
    float b = 1.0 + u_white * 4.0;
    col = log(max(col, 0.0) * (b - 1.0) + 1.0) / log(b);
  }
  if (u_ruddy > 0.0) {
    vec3 rosy = col * vec3(1.07, 0.95, 0.97) + vec3(0.05, 0.0, 0.015);
    col = mix(col, rosy, u_ruddy);
  }
  col = clamp(col, 0.0, 1.0);
  if (u_lutMix > 0.0) col = mix(col, lookup(col), u_lutMix);
  gl_FragColor = vec4(col, 1.0);
}`;

/** Per style: radius multiplier (px), detail kept (range weight), haze. */
const STYLES: Record<BeautySettings['style'], { radius: number; detail: number; haze: number }> = {
  0: { radius: 2.4, detail: 18, haze: 0 }, // smooth
  1: { radius: 1.6, detail: 60, haze: 0 }, // natural: keeps edges and texture
  2: { radius: 2.8, detail: 12, haze: 0.35 }, // hazy: soft glow
};

export function webglAvailable(): boolean {
  try {
    const canvas: Canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
    return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

let software: boolean | undefined;

/**
 * Whether WebGL here is a software rasterizer (SwiftShader, llvmpipe…), where the shader is
 * far too slow for live video: `failIfMajorPerformanceCaveat` refuses such contexts, and the
 * unmasked renderer name (where exposed) confirms it. Cached.
 */
export function webglIsSoftware(): boolean {
  if (software !== undefined) return software;
  software = false;
  try {
    const make = () => (typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1) : document.createElement('canvas'));
    const plain = make().getContext('webgl') as WebGLRenderingContext | null;
    if (!plain) return software;
    const strict = make().getContext('webgl', { failIfMajorPerformanceCaveat: true }) as WebGLRenderingContext | null;
    const info = plain.getExtension('WEBGL_debug_renderer_info');
    const name = info ? String(plain.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    software = !strict || /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name);
    for (const gl of [plain, strict]) (gl?.getExtension('WEBGL_lose_context') as { loseContext(): void } | null)?.loseContext();
  } catch {
    // Keep "not software": the WebGL path reports its own errors.
  }
  return software;
}

export class BeautyRenderer {
  readonly kind = 'webgl';
  readonly canvas: Canvas;
  #gl: GL;
  #program: WebGLProgram;
  #u: Record<string, WebGLUniformLocation | null> = {};
  #frameTexture: WebGLTexture;
  #lutTexture: WebGLTexture;
  #lutSource: BeautyLook['lut'] = null;
  #offsetsFor = '';
  #lost = false;

  constructor(canvas?: Canvas) {
    this.canvas = canvas ?? (typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(640, 480) : document.createElement('canvas'));
    const options: WebGLContextAttributes = { alpha: false, antialias: false, depth: false, stencil: false, premultipliedAlpha: false, preserveDrawingBuffer: false, powerPreference: 'high-performance' };
    const gl = (this.canvas.getContext('webgl2', options) ?? this.canvas.getContext('webgl', options)) as GL | null;
    if (!gl) throw new LiveError(ErrorCode.MEDIA_FAILED, 'Beauty filters need WebGL, which this browser does not offer.');
    this.#gl = gl;
    (this.canvas as EventTarget).addEventListener('webglcontextlost', (event) => {
      event.preventDefault();
      this.#lost = true;
    });
    this.#program = this.#link();
    gl.useProgram(this.#program);
    for (const name of ['u_frame', 'u_lut', 'u_offsets', 'u_smooth', 'u_detail', 'u_haze', 'u_sharp', 'u_white', 'u_ruddy', 'u_lutMix']) {
      this.#u[name] = gl.getUniformLocation(this.#program, name);
    }
    const buffer = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
    const position = gl.getAttribLocation(this.#program, 'a_pos');
    gl.enableVertexAttribArray(position);
    gl.vertexAttribPointer(position, 2, gl.FLOAT, false, 0, 0);
    this.#frameTexture = this.#texture(0);
    this.#lutTexture = this.#texture(1);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 1, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array([0, 0, 0, 255]));
    gl.uniform1i(this.#u.u_frame, 0);
    gl.uniform1i(this.#u.u_lut, 1);
  }

  get lost(): boolean {
    return this.#lost || this.#gl.isContextLost();
  }

  /** Draws one frame with `look` into the canvas (resized to the frame). */
  render(source: TexImageSource, width: number, height: number, look: BeautyLook): void {
    if (this.lost) throw new LiveError(ErrorCode.MEDIA_FAILED, 'The beauty filter lost its WebGL context.');
    const gl = this.#gl;
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.#offsetsFor = '';
    }
    gl.viewport(0, 0, width, height);
    const s = look.settings;
    const style = STYLES[s.style];
    const key = `${width}x${height}:${s.style}`;
    if (key !== this.#offsetsFor) {
      this.#offsetsFor = key;
      const offsets = new Float32Array(TAPS * 2);
      for (let i = 0; i < TAPS; i++) {
        // Two interleaved rings (r and 2r) at 30° steps; r grows with the frame size.
        const angle = (i * Math.PI * 2) / TAPS;
        const r = style.radius * (i % 2 === 0 ? 1 : 2) * Math.max(1, height / 480);
        offsets[i * 2] = (Math.cos(angle) * r) / width;
        offsets[i * 2 + 1] = (Math.sin(angle) * r) / height;
      }
      gl.uniform2fv(this.#u.u_offsets, offsets);
    }
    const smooth = s.beauty / 9;
    gl.uniform1f(this.#u.u_smooth, smooth * 0.85);
    gl.uniform1f(this.#u.u_detail, style.detail);
    gl.uniform1f(this.#u.u_haze, style.haze * smooth);
    gl.uniform1f(this.#u.u_sharp, (s.sharpness / 9) * 1.2);
    gl.uniform1f(this.#u.u_white, s.whiteness / 9);
    gl.uniform1f(this.#u.u_ruddy, s.ruddy / 9);
    const lutMix = look.lut && s.filter !== 'none' ? s.filterStrength : 0;
    if (lutMix > 0) this.#useLut(look.lut!);
    gl.uniform1f(this.#u.u_lutMix, lutMix);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.#frameTexture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, source);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  dispose(): void {
    const gl = this.#gl;
    gl.deleteTexture(this.#frameTexture);
    gl.deleteTexture(this.#lutTexture);
    gl.deleteProgram(this.#program);
    (gl.getExtension('WEBGL_lose_context') as { loseContext(): void } | null)?.loseContext();
  }

  #useLut(lut: NonNullable<BeautyLook['lut']>): void {
    const gl = this.#gl;
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, this.#lutTexture);
    if (this.#lutSource === lut) return;
    this.#lutSource = lut;
    if (typeof lut === 'string') gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, LUT_SIZE, LUT_SIZE, 0, gl.RGBA, gl.UNSIGNED_BYTE, lutPixels(lut));
    else gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, lut);
  }

  #texture(unit: number): WebGLTexture {
    const gl = this.#gl;
    const texture = gl.createTexture();
    if (!texture) throw new LiveError(ErrorCode.MEDIA_FAILED, 'Could not create a WebGL texture for the beauty filter.');
    gl.activeTexture(gl.TEXTURE0 + unit);
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    return texture;
  }

  #link(): WebGLProgram {
    const gl = this.#gl;
    const compile = (type: number, source: string) => {
      const shader = gl.createShader(type)!;
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS) && !gl.isContextLost()) {
        throw new LiveError(ErrorCode.MEDIA_FAILED, `The beauty shader did not compile: ${gl.getShaderInfoLog(shader) ?? ''}`);
      }
      return shader;
    };
    const program = gl.createProgram()!;
    gl.attachShader(program, compile(gl.VERTEX_SHADER, VERTEX));
    gl.attachShader(program, compile(gl.FRAGMENT_SHADER, FRAGMENT));
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS) && !gl.isContextLost()) {
      throw new LiveError(ErrorCode.MEDIA_FAILED, `The beauty shader did not link: ${gl.getProgramInfoLog(program) ?? ''}`);
    }
    return program;
  }
}
