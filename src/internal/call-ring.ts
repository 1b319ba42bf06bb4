/**
 * The ring of an incoming call: a two-tone pattern (400 + 450 Hz, on 0.4 s, off 0.2 s, on 0.4 s,
 * off 2 s) made with Web Audio oscillators, so the kit ships no sound file. The AudioContext is
 * created on the first `start()` only. A browser that blocks audio until a gesture simply stays
 * silent: ringing is a courtesy, and the panel also shows and announces the call.
 */

/** What `<call-panel>` needs of a ring; a page or a test may give its own. */
export interface Ringer {
  start(): void;
  stop(): void;
  readonly ringing: boolean;
}

type AudioContextCtor = new () => AudioContext;

const CYCLE_S = 3;
const BURSTS: ReadonlyArray<[start: number, length: number]> = [
  [0, 0.4],
  [0.6, 0.4],
];
const TONES = [400, 450];

export class CallRing implements Ringer {
  #context?: AudioContext;
  #timer?: ReturnType<typeof setInterval>;
  #nodes: Array<{ osc: OscillatorNode; end: number }> = [];
  #ringing = false;

  get ringing(): boolean {
    return this.#ringing;
  }

  start(): void {
    if (this.#ringing) return;
    this.#ringing = true;
    const context = this.#ensureContext();
    if (!context) return;
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    this.#cycle();
    this.#timer = setInterval(() => this.#cycle(), CYCLE_S * 1000);
  }

  stop(): void {
    if (!this.#ringing) return;
    this.#ringing = false;
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const { osc } of this.#nodes) {
      try {
        osc.stop();
      } catch {
        // Already stopped: nothing to undo.
      }
      osc.disconnect();
    }
    this.#nodes = [];
    if (this.#context?.state === 'running') void this.#context.suspend().catch(() => undefined);
  }

  /** Stops and releases the AudioContext (the element calls this when it leaves the page). */
  dispose(): void {
    this.stop();
    const context = this.#context;
    this.#context = undefined;
    if (context && context.state !== 'closed') void context.close().catch(() => undefined);
  }

  #ensureContext(): AudioContext | undefined {
    if (this.#context) return this.#context;
    const Ctor = (globalThis as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor }).AudioContext ?? (globalThis as { webkitAudioContext?: AudioContextCtor }).webkitAudioContext;
    if (!Ctor) return undefined;
    try {
      this.#context = new Ctor();
    } catch {
      // No audio output available (or refused): the call is still shown and announced.
      return undefined;
    }
    return this.#context;
  }

  #cycle(): void {
    const context = this.#context;
    if (!context || !this.#ringing) return;
    // Forget oscillators that have finished.
    this.#nodes = this.#nodes.filter((n) => n.end > context.currentTime);
    const t0 = context.currentTime + 0.05;
    for (const [start, length] of BURSTS) {
      const gain = context.createGain();
      gain.gain.setValueAtTime(0, t0 + start);
      gain.gain.linearRampToValueAtTime(0.12, t0 + start + 0.02);
      gain.gain.setValueAtTime(0.12, t0 + start + length - 0.02);
      gain.gain.linearRampToValueAtTime(0, t0 + start + length);
      gain.connect(context.destination);
      for (const frequency of TONES) {
        const osc = context.createOscillator();
        osc.type = 'sine';
        osc.frequency.value = frequency;
        osc.connect(gain);
        osc.start(t0 + start);
        const end = t0 + start + length + 0.01;
        osc.stop(end);
        osc.onended = () => gain.disconnect();
        this.#nodes.push({ osc, end });
      }
    }
  }
}
