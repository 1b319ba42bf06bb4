/**
 * Network quality from WebRTC statistics, on TRTC's scale: 0 unknown, 1 excellent, 2 good,
 * 3 poor, 4 bad, 5 very bad, 6 disconnected. Loss is measured between two samples.
 */
export interface QualitySample {
  packetsReceived: number;
  packetsLost: number;
}

export function qualityFrom(lossRatio: number | undefined, rttMs: number | undefined, state: RTCPeerConnectionState): number {
  if (state === 'failed' || state === 'disconnected' || state === 'closed') return 6;
  if (lossRatio === undefined && rttMs === undefined) return 0;
  const loss = lossRatio ?? 0;
  const rtt = rttMs ?? 0;
  if (loss < 0.02 && rtt < 100) return 1;
  if (loss < 0.05 && rtt < 200) return 2;
  if (loss < 0.1 && rtt < 400) return 3;
  if (loss < 0.2 && rtt < 800) return 4;
  return 5;
}

/**
 * Reads loss (since `previous`), round-trip time and the video frames decoded so far (for stall
 * detection) from one `getStats()` of a peer connection.
 */
export async function readStats(pc: RTCPeerConnection, previous: QualitySample | undefined): Promise<{ sample: QualitySample; loss?: number; rtt?: number; videoFrames: number }> {
  const report = await pc.getStats();
  let received = 0;
  let lost = 0;
  let videoFrames = 0;
  let rtt: number | undefined;
  let remoteLoss: number | undefined;
  report.forEach((stat: Record<string, unknown>) => {
    if (stat.type === 'inbound-rtp') {
      received += Number(stat.packetsReceived ?? 0);
      lost += Number(stat.packetsLost ?? 0);
      if (stat.kind === 'video') videoFrames += Number(stat.framesDecoded ?? 0);
    } else if (stat.type === 'remote-inbound-rtp') {
      if (typeof stat.fractionLost === 'number') remoteLoss = Math.max(remoteLoss ?? 0, stat.fractionLost);
      if (typeof stat.roundTripTime === 'number') rtt = Math.max(rtt ?? 0, stat.roundTripTime * 1000);
    } else if (stat.type === 'candidate-pair' && stat.state === 'succeeded' && typeof stat.currentRoundTripTime === 'number') {
      rtt = Math.max(rtt ?? 0, stat.currentRoundTripTime * 1000);
    }
  });
  const sample = { packetsReceived: received, packetsLost: lost };
  let loss = remoteLoss;
  if (previous) {
    const dReceived = received - previous.packetsReceived;
    const dLost = lost - previous.packetsLost;
    if (dReceived + dLost > 0) loss = Math.max(loss ?? 0, Math.max(0, dLost) / (dReceived + Math.max(0, dLost)));
  }
  return { sample, loss, rtt, videoFrames };
}
