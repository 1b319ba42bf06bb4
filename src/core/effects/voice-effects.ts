/**
 * Voice changer and reverb presets for the Web Audio mixer. The changer presets approximate
 * TRTC's voice types with equalisation, ring modulation, tremolo and distortion (no true pitch
 * shifting); the reverbs convolve with impulse responses generated here (decaying noise, tone
 * filtered; metallic adds a comb of early reflections). Nothing is downloaded.
 */
import type { VoiceChangerType, VoiceReverbType } from './types.js';

export interface VoiceChain {
  input: AudioNode;
  output: AudioNode;
  dispose(): void;
}

type Filter = { type: BiquadFilterType; frequency: number; gain?: number; Q?: number };
interface ChangerPreset {
  filters: Filter[];
  /** Ring modulation (robotic) at this carrier frequency. */
  ring?: number;
  /** Tremolo at this rate (Hz), depth 0–1. */
  tremolo?: { rate: number; depth: number };
  /** Soft-clip distortion amount. */
  drive?: number;
}

const CHANGERS: Record<Exclude<VoiceChangerType, 0>, ChangerPreset> = {
  1: { filters: [{ type: 'highpass', frequency: 300 }, { type: 'peaking', frequency: 2500, gain: 8, Q: 1 }, { type: 'highshelf', frequency: 4000, gain: 6 }] }, // naughty child
  2: { filters: [{ type: 'highpass', frequency: 250 }, { type: 'peaking', frequency: 3000, gain: 10, Q: 1.2 }, { type: 'highshelf', frequency: 6000, gain: 6 }] }, // little girl
  3: { filters: [{ type: 'lowshelf', frequency: 200, gain: 8 }, { type: 'peaking', frequency: 1000, gain: -4, Q: 1 }, { type: 'lowpass', frequency: 3000 }] }, // uncle
  4: { filters: [{ type: 'peaking', frequency: 1500, gain: 6, Q: 0.8 }], drive: 40 }, // heavy metal
  5: { filters: [{ type: 'bandpass', frequency: 1000, Q: 1.4 }, { type: 'lowpass', frequency: 2500 }] }, // cold (nasal)
  6: { filters: [{ type: 'peaking', frequency: 800, gain: 6, Q: 2 }, { type: 'highshelf', frequency: 3000, gain: -6 }] }, // foreign accent
  7: { filters: [{ type: 'lowshelf', frequency: 150, gain: 12 }], ring: 50, drive: 8 }, // trapped beast
  8: { filters: [{ type: 'lowshelf', frequency: 250, gain: 10 }, { type: 'lowpass', frequency: 1800 }] }, // fatso
  9: { filters: [{ type: 'highpass', frequency: 400 }], tremolo: { rate: 35, depth: 0.9 } }, // strong current
  10: { filters: [{ type: 'lowshelf', frequency: 200, gain: 6 }], ring: 80 }, // heavy machinery
  11: { filters: [{ type: 'highpass', frequency: 300 }, { type: 'highshelf', frequency: 5000, gain: 6 }], tremolo: { rate: 5, depth: 0.2 } }, // ethereal
};

function driveCurve(amount: number): Float32Array<ArrayBuffer> {
  const n = 1024;
  const curve = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = (i * 2) / n - 1;
    curve[i] = ((1 + amount) * x) / (1 + amount * Math.abs(x));
  }
  return curve;
}

/** Builds the changer chain for `type` (0: a plain pass-through gain). */
export function buildVoiceChanger(ctx: BaseAudioContext, type: VoiceChangerType): VoiceChain {
  const input = ctx.createGain();
  if (type === 0) return { input, output: input, dispose: () => input.disconnect() };
  const preset = CHANGERS[type];
  const nodes: AudioNode[] = [input];
  const sources: AudioScheduledSourceNode[] = [];
  let last: AudioNode = input;
  const chain = (node: AudioNode) => {
    last.connect(node);
    nodes.push(node);
    last = node;
  };
  for (const f of preset.filters) {
    const biquad = ctx.createBiquadFilter();
    biquad.type = f.type;
    biquad.frequency.value = f.frequency;
    if (f.gain !== undefined) biquad.gain.value = f.gain;
    if (f.Q !== undefined) biquad.Q.value = f.Q;
    chain(biquad);
  }
  if (preset.drive) {
    const shaper = ctx.createWaveShaper();
    shaper.curve = driveCurve(preset.drive);
    shaper.oversample = '2x';
    chain(shaper);
  }
  if (preset.ring || preset.tremolo) {
    const mod = ctx.createGain();
    const carrier = ctx.createOscillator();
    const depth = ctx.createGain();
    if (preset.ring) {
      mod.gain.value = 0;
      carrier.frequency.value = preset.ring;
      depth.gain.value = 1;
    } else {
      mod.gain.value = 1 - preset.tremolo!.depth / 2;
      carrier.frequency.value = preset.tremolo!.rate;
      depth.gain.value = preset.tremolo!.depth / 2;
    }
    carrier.connect(depth).connect(mod.gain);
    carrier.start();
    sources.push(carrier);
    nodes.push(depth);
    chain(mod);
  }
  return {
    input,
    output: last,
    dispose: () => {
      for (const s of sources) s.stop();
      for (const node of [...nodes, ...sources]) node.disconnect();
    },
  };
}

interface ReverbPreset {
  seconds: number;
  decay: number;
  wet: number;
  /** One-pole low-pass of the tail: 0 bright … 0.9 dark. */
  damping: number;
  /** Early reflections every `comb` ms (metallic). */
  comb?: number;
}

const REVERBS: Record<Exclude<VoiceReverbType, 0>, ReverbPreset> = {
  1: { seconds: 1.6, decay: 3, wet: 0.35, damping: 0.3 }, // KTV
  2: { seconds: 0.5, decay: 4, wet: 0.25, damping: 0.4 }, // small room
  3: { seconds: 3.0, decay: 2.5, wet: 0.4, damping: 0.35 }, // great hall
  4: { seconds: 1.2, decay: 3, wet: 0.3, damping: 0.8 }, // deep
  5: { seconds: 0.8, decay: 3.5, wet: 0.3, damping: 0.1 }, // loud
  6: { seconds: 0.35, decay: 2, wet: 0.35, damping: 0.05, comb: 7 }, // metallic
  7: { seconds: 1.0, decay: 3, wet: 0.25, damping: 0.7 }, // magnetic
  8: { seconds: 4.0, decay: 1.8, wet: 0.5, damping: 0.3 }, // ethereal
  9: { seconds: 0.7, decay: 5, wet: 0.2, damping: 0.45 }, // studio
  10: { seconds: 2.0, decay: 3, wet: 0.3, damping: 0.35 }, // melodious
  11: { seconds: 1.0, decay: 4, wet: 0.22, damping: 0.5 }, // studio 2
};

/** The wet level of a reverb preset (0 for none). */
export function reverbWet(type: VoiceReverbType): number {
  return type === 0 ? 0 : REVERBS[type].wet;
}

/** A stereo impulse response for `type` (null for none), seeded so that it is the same every time. */
export function reverbImpulse(ctx: BaseAudioContext, type: VoiceReverbType): AudioBuffer | null {
  if (type === 0) return null;
  const preset = REVERBS[type];
  const length = Math.max(1, Math.round(preset.seconds * ctx.sampleRate));
  const buffer = ctx.createBuffer(2, length, ctx.sampleRate);
  let seed = 12345 + type;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647) * 2 - 1;
  };
  const combEvery = preset.comb ? Math.round((preset.comb / 1000) * ctx.sampleRate) : 0;
  for (let c = 0; c < 2; c++) {
    const data = buffer.getChannelData(c);
    let previous = 0;
    for (let i = 0; i < length; i++) {
      const envelope = Math.pow(1 - i / length, preset.decay);
      let sample = random() * envelope;
      if (combEvery && i % combEvery === 0) sample += envelope * 0.9 * (c === 0 ? 1 : -1);
      previous = previous * preset.damping + sample * (1 - preset.damping);
      data[i] = previous;
    }
  }
  return buffer;
}
