/**
 * Generated audio for tests, stories and demos (nothing is downloaded): a sine melody as PCM
 * and a 16-bit WAV encoder. Pure functions: they run in Node and in browsers.
 */

/** A little tune of sine notes with soft attacks and releases, `seconds` long, mono. */
export function sineMelody(sampleRate = 48_000, seconds = 4, amplitude = 0.5): Float32Array {
  const notes = [523.25, 659.25, 783.99, 1046.5, 783.99, 659.25]; // C5 E5 G5 C6 G5 E5
  const noteSeconds = 0.25;
  const out = new Float32Array(Math.round(sampleRate * seconds));
  const noteLength = Math.round(sampleRate * noteSeconds);
  const ramp = Math.round(sampleRate * 0.01);
  for (let i = 0; i < out.length; i++) {
    const n = Math.floor(i / noteLength);
    const within = i % noteLength;
    const envelope = Math.min(1, within / ramp, (noteLength - within) / ramp);
    out[i] = amplitude * envelope * Math.sin((2 * Math.PI * notes[n % notes.length] * i) / sampleRate);
  }
  return out;
}

/** Encodes channels of float samples (-1…1) as a 16-bit PCM WAV file. */
export function encodeWav(channels: Float32Array[], sampleRate: number): ArrayBuffer {
  const frames = channels[0]?.length ?? 0;
  const count = channels.length;
  const bytes = 44 + frames * count * 2;
  const view = new DataView(new ArrayBuffer(bytes));
  const text = (offset: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, bytes - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, count, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * count * 2, true);
  view.setUint16(32, count * 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, frames * count * 2, true);
  let offset = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < count; c++) {
      const s = Math.max(-1, Math.min(1, channels[c][i]));
      view.setInt16(offset, s < 0 ? s * 0x8000 : s * 0x7fff, true);
      offset += 2;
    }
  }
  return view.buffer;
}

/** A blob: URL of a generated melody WAV (browsers). Revoke it with `URL.revokeObjectURL` when done. */
export function melodyWavUrl(seconds = 4, sampleRate = 48_000): string {
  return URL.createObjectURL(new Blob([encodeWav([sineMelody(sampleRate, seconds)], sampleRate)], { type: 'audio/wav' }));
}

/** A short burst of shaped noise, like applause (browsers): for sound-effect demos and tests. */
export function applauseWavUrl(seconds = 1.2, sampleRate = 48_000): string {
  const out = new Float32Array(Math.round(sampleRate * seconds));
  let seed = 1;
  for (let i = 0; i < out.length; i++) {
    seed = (seed * 16807) % 2147483647;
    const noise = seed / 2147483647 - 0.5;
    const t = i / sampleRate;
    const claps = 0.5 + 0.5 * Math.sin(2 * Math.PI * 11 * t);
    out[i] = noise * claps * Math.min(1, t * 20) * Math.min(1, (seconds - t) * 4);
  }
  return URL.createObjectURL(new Blob([encodeWav([out], sampleRate)], { type: 'audio/wav' }));
}
