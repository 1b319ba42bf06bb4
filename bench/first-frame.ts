/**
 * Time from an audience member's `enterRoom` to the first remote video frame on screen, over
 * real WebRTC on loopback, through the demo pages and the local server. Prints the median of
 * N viewers (default 12), each a fresh browser context entering a room where the anchor is live.
 */
import { writeResult } from './_results.js';
import { events, startStack, waitForEvent } from '../test/e2e/harness.js';

export async function benchFirstFrame(runs = Number(process.env.FIRST_FRAME_RUNS ?? 12)): Promise<{ runs: number[]; median: number; p90: number }> {
  const stack = await startStack();
  try {
    const room = 7000 + Math.floor(Math.random() * 1000);
    const anchor = await stack.open(`anchor.html?room=${room}&user=bench_anchor`);
    const goLive = anchor.locator('live-room').getByRole('button', { name: 'Go live' });
    await anchor.waitForFunction(() => document.querySelector('live-room')?.shadowRoot?.querySelector('[part~="status"]')?.textContent?.trim() === 'Preview');
    await goLive.click();
    await waitForEvent(anchor, 'enter-room');
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const viewer = await stack.open(`viewer.html?room=${room}&user=bench_viewer_${i}`);
      const entered = await waitForEvent(viewer, 'enter-room', (d) => d.result > 0);
      await waitForEvent(viewer, 'first-video-frame');
      const [enter] = await eventsWithTime(viewer, 'enter-room');
      const [frame] = await eventsWithTime(viewer, 'first-video-frame');
      const enterStart = enter.at - entered.result;
      times.push(Math.round(frame.at - enterStart));
      await viewer.context().close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { runs: times, median: sorted[Math.floor(sorted.length / 2)], p90: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))] };
  } finally {
    await stack.close();
  }
}

async function eventsWithTime(page: Parameters<typeof events>[0], type: string): Promise<Array<{ at: number }>> {
  return page.evaluate((t) => (window as unknown as { __events: Array<{ type: string; at: number }> }).__events.filter((e) => e.type === t), type);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchFirstFrame();
  console.log(`enterRoom → first remote frame (loopback, ${result.runs.length} viewers): median ${result.median} ms, p90 ${result.p90} ms; runs ${result.runs.join(', ')}`);
  writeResult('first-frame', result);
}
