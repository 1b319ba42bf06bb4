/**
 * Audio volume evaluation (TRTC's `enableAudioVolumeEvaluation`): every `intervalMs`, a level
 * 0–100 per remote user from the inbound audio statistics, and for the local user from an
 * analyser on the microphone track. Costs nothing until enabled.
 */
export interface VolumeSource {
  /** Inbound peer connections by remote user. */
  inbound(): Iterable<[string, RTCPeerConnection]>;
  localStream(): MediaStream | undefined;
  localMuted(): boolean;
  localUserId(): string | undefined;
}

export class VolumeMeter {
  #source: VolumeSource;
  #onVolumes: (volumes: Array<{ userId: string; volume: number }>) => void;
  #timer?: ReturnType<typeof setInterval>;
  #context?: AudioContext;
  #analyser?: { track: MediaStreamTrack; node: AnalyserNode; buffer: Float32Array<ArrayBuffer> };

  constructor(source: VolumeSource, onVolumes: (volumes: Array<{ userId: string; volume: number }>) => void) {
    this.#source = source;
    this.#onVolumes = onVolumes;
  }

  /** `intervalMs` ≤ 0 stops it. */
  enable(intervalMs: number): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (intervalMs <= 0) {
      this.#dropAnalyser();
      return;
    }
    this.#timer = setInterval(() => void this.#sample(), Math.max(100, intervalMs));
  }

  async #sample(): Promise<void> {
    const volumes: Array<{ userId: string; volume: number }> = [];
    for (const [userId, pc] of this.#source.inbound()) {
      let level = 0;
      try {
        (await pc.getStats()).forEach((stat: Record<string, unknown>) => {
          if (stat.type === 'inbound-rtp' && stat.kind === 'audio' && typeof stat.audioLevel === 'number') level = Math.max(level, stat.audioLevel);
        });
      } catch {
        continue;
      }
      volumes.push({ userId, volume: Math.round(Math.min(1, level) * 100) });
    }
    const self = this.#source.localUserId();
    if (self) volumes.push({ userId: self, volume: this.#source.localMuted() ? 0 : this.#localLevel() });
    this.#onVolumes(volumes);
  }

  #localLevel(): number {
    const track = this.#source.localStream()?.getAudioTracks()[0];
    if (!track || track.readyState !== 'live') return 0;
    if (this.#analyser?.track !== track) {
      this.#dropAnalyser();
      try {
        this.#context ??= new AudioContext();
        const node = this.#context.createAnalyser();
        node.fftSize = 512;
        this.#context.createMediaStreamSource(new MediaStream([track])).connect(node);
        this.#analyser = { track, node, buffer: new Float32Array(node.fftSize) };
      } catch {
        return 0;
      }
    }
    const { node, buffer } = this.#analyser;
    node.getFloatTimeDomainData(buffer);
    let peak = 0;
    for (const v of buffer) peak = Math.max(peak, Math.abs(v));
    return Math.round(Math.min(1, peak) * 100);
  }

  #dropAnalyser(): void {
    this.#analyser?.node.disconnect();
    this.#analyser = undefined;
  }

  destroy(): void {
    this.enable(0);
    void this.#context?.close().catch(() => undefined);
    this.#context = undefined;
  }
}
