/**
 * Media effects end to end, on the local engine over real WebRTC: what the beauty stage and the
 * audio mixer do reaches the viewer, and with everything off the camera's own track is sent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { encodeWav, sineMelody } from '../../src/core/effects/wav.js';
import { expectVideoPlaying, goLive, inbound, randomRoom, useStack, watch } from './harness.js';

/** Mean luma (BT.601, 0–255) of a `<video>` found by a selector path through shadow roots, averaged over a few frames. */
async function meanLuma(page: Page, which: { userId: string } | 'local', samples = 6): Promise<number> {
  // No named inner functions in page code: tsx would wrap them in a `__name` helper the page lacks.
  return page.evaluate(
    async ([target, count]) => {
      let video: HTMLVideoElement | null = null;
      if (target === 'local') {
        const tile = document.querySelector('live-room')?.shadowRoot?.querySelector('live-video-tile[data-local]');
        video = tile?.shadowRoot?.querySelector('video') ?? null;
      } else {
        const roots: Array<Document | ShadowRoot> = [document];
        while (roots.length && !video) {
          const root = roots.shift()!;
          video = root.querySelector<HTMLVideoElement>(`video[data-user-id="${CSS.escape((target as { userId: string }).userId)}"]`);
          for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
        }
      }
      if (!video || video.videoWidth === 0) throw new Error('no video to measure');
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 120;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      let total = 0;
      for (let n = 0; n < count; n++) {
        await new Promise((r) => setTimeout(r, 120));
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let sum = 0;
        for (let i = 0; i < data.length; i += 4) sum += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        total += sum / (data.length / 4);
      }
      return total / count;
    },
    [which, samples] as const,
  );
}

/** The raw capture's track IDs, the previewed one, and what the RTP senders send now (anchor page, local engine). */
async function tracks(page: Page): Promise<{ rawVideo: string; rawAudio: string; previewVideo: string; sentVideo: string[]; sentAudio: string[]; sentVideoLabels: string[] }> {
  return page.evaluate(() => {
    type Media = { rawLocalStream?: MediaStream; localStream?: MediaStream; senderTracks(): Array<{ kind: string; id: string; label: string }> };
    const media = (document.querySelector('live-room') as unknown as { store: { session: { engines: { media: Media } } } }).store.session.engines.media;
    const sent = media.senderTracks();
    return {
      rawVideo: media.rawLocalStream?.getVideoTracks()[0]?.id ?? '',
      rawAudio: media.rawLocalStream?.getAudioTracks()[0]?.id ?? '',
      previewVideo: media.localStream?.getVideoTracks()[0]?.id ?? '',
      sentVideo: sent.filter((t) => t.kind === 'video').map((t) => t.id),
      sentAudio: sent.filter((t) => t.kind === 'audio').map((t) => t.id),
      sentVideoLabels: sent.filter((t) => t.kind === 'video').map((t) => t.label),
    };
  });
}

/** Calls a method of one of the store's effects managers on the anchor page. */
async function effect(page: Page, manager: 'getBeautyManager' | 'getAudioEffectManager', method: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    async ([m, name, a]) => {
      const store = (document.querySelector('live-room') as unknown as { store: Record<string, () => Record<string, (...x: unknown[]) => Promise<unknown>>> }).store;
      try {
        await store[m]()[name](...a);
        return null;
      } catch (error) {
        return { error: { code: (error as { code?: number }).code, message: (error as Error).message } };
      }
    },
    [manager, method, args] as const,
  );
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('media effects, end to end over real WebRTC (local engine)', () => {
  const stack = useStack();

  it('brightening 9 makes the frames the viewer receives brighter; all levels 0 send the camera’s own track', async (t) => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'fx_anchor');
    const viewer = await watch(stack, room, 'fx_viewer');
    await expectVideoPlaying(viewer, 'fx_anchor');

    const before = await tracks(anchor);
    assert.ok(before.rawVideo, 'the anchor captures a camera');
    assert.deepEqual(before.sentVideo, [before.rawVideo], 'with all levels at 0 the camera’s own track is sent');
    const viewerBefore = await meanLuma(viewer, { userId: 'fx_anchor' });
    const localBefore = await meanLuma(anchor, 'local');

    assert.equal(await effect(anchor, 'getBeautyManager', 'setWhitenessLevel', 9), null);
    const during = await tracks(anchor);
    assert.equal(during.sentVideo.length, 1);
    assert.notEqual(during.sentVideo[0], before.rawVideo, 'the processed track is sent');
    assert.equal(during.previewVideo, during.sentVideo[0], 'and previewed');
    await new Promise((r) => setTimeout(r, 1500)); // let the encoder and the jitter buffer catch up
    const viewerAfter = await meanLuma(viewer, { userId: 'fx_anchor' });
    const localAfter = await meanLuma(anchor, 'local');
    t.diagnostic(`mean luma at the viewer ${viewerBefore.toFixed(1)} → ${viewerAfter.toFixed(1)}; local preview ${localBefore.toFixed(1)} → ${localAfter.toFixed(1)}`);
    assert.ok(viewerAfter - viewerBefore >= 15, `the viewer’s frames: mean luma ${viewerBefore.toFixed(1)} → ${viewerAfter.toFixed(1)} (want ≥ +15)`);
    assert.ok(localAfter - localBefore >= 15, `the local preview: mean luma ${localBefore.toFixed(1)} → ${localAfter.toFixed(1)} (want ≥ +15)`);

    // Invalid levels change nothing.
    const invalid = (await effect(anchor, 'getBeautyManager', 'setWhitenessLevel', 10)) as { error: { code: number } };
    assert.equal(invalid.error.code, 61001);

    assert.equal(await effect(anchor, 'getBeautyManager', 'setWhitenessLevel', 0), null);
    const afterOff = await tracks(anchor);
    assert.deepEqual(afterOff.sentVideo, [before.rawVideo], 'back to 0: the sender’s track is the raw camera track again');
    assert.equal(afterOff.sentVideoLabels[0], before.sentVideoLabels[0], 'the camera’s own label');
    await new Promise((r) => setTimeout(r, 1500));
    const viewerOff = await meanLuma(viewer, { userId: 'fx_anchor' });
    assert.ok(Math.abs(viewerOff - viewerBefore) < 8, `back to the camera’s brightness: ${viewerBefore.toFixed(1)} vs ${viewerOff.toFixed(1)}`);
  });

  it('with the mic muted, background music still reaches the viewer; stopping it brings back silence', async (t) => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'fx_dj');
    // The music file, generated here (no download): 4 s of sine melody.
    const wav = Buffer.from(encodeWav([sineMelody(48_000, 4, 0.6)], 48_000));
    await anchor.route('**/fx-melody.wav', (route) => route.fulfill({ status: 200, contentType: 'audio/wav', body: wav }));
    const viewer = await watch(stack, room, 'fx_listener');
    await expectVideoPlaying(viewer, 'fx_dj');
    await until('audio packets at the viewer', async () => (await inbound(viewer, 'fx_dj')).audioPackets > 20);

    await anchor.evaluate(() => (document.querySelector('live-room') as unknown as { store: { muteLocalAudio(m: boolean): Promise<void> } }).store.muteLocalAudio(true));
    await until('silence at the viewer once the mic is muted', async () => (await inbound(viewer, 'fx_dj')).audioLevel < 0.005);
    const raw = await tracks(anchor);
    assert.deepEqual(raw.sentAudio, [raw.rawAudio], 'no music yet: the mic’s own (muted) track is sent');

    assert.equal(await effect(anchor, 'getAudioEffectManager', 'startPlayMusic', { id: 1, path: './fx-melody.wav', loopCount: -1, publish: true, isShortFile: true }), null);
    const mixing = await tracks(anchor);
    assert.notEqual(mixing.sentAudio[0], raw.rawAudio, 'the mixer’s track is sent');
    let loudest = 0;
    await until('the music at the viewer', async () => {
      loudest = Math.max(loudest, (await inbound(viewer, 'fx_dj')).audioLevel);
      return loudest > 0.05;
    });
    t.diagnostic(`inbound audio level, mic muted + music: ${loudest.toFixed(3)}`);
    assert.ok(loudest > 0, `inbound audio level with the mic muted and music playing: ${loudest}`);

    assert.equal(await effect(anchor, 'getAudioEffectManager', 'stopPlayMusic', 1), null);
    const stopped = await tracks(anchor);
    assert.deepEqual(stopped.sentAudio, [raw.rawAudio], 'music stopped: the mic’s own track again');
    await until('silence at the viewer after the music stopped', async () => (await inbound(viewer, 'fx_dj')).audioLevel < 0.005);
  });

  it('the Beauty panel in <live-room> is keyboard operable and drives the manager', async () => {
    const room = randomRoom();
    const anchor = await goLive(stack, room, 'fx_panel');
    const liveRoom = anchor.locator('live-room');
    const toggle = liveRoom.getByRole('button', { name: 'Beauty', exact: true });
    await toggle.focus();
    await anchor.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const slider = liveRoom.getByRole('slider', { name: 'Brightening' });
    await slider.focus();
    for (let i = 0; i < 3; i++) await anchor.keyboard.press('ArrowRight');
    await until('the manager to take the level', async () =>
      anchor.evaluate(() => (document.querySelector('live-room') as unknown as { store: { getBeautyManager(): { getSettings(): { whiteness: number } } } }).store.getBeautyManager().getSettings().whiteness === 3),
    );
    assert.equal(await slider.getAttribute('aria-valuetext'), '3 of 9');
    await until('the stage to be on', async () => {
      const t = await tracks(anchor);
      return !!t.previewVideo && t.previewVideo !== t.rawVideo;
    });
    await liveRoom.getByRole('combobox', { name: 'Filter' }).selectOption('mono');
    await liveRoom.getByRole('button', { name: 'Reset' }).click();
    await until('everything off again', async () => {
      const t = await tracks(anchor);
      return t.previewVideo === t.rawVideo;
    });
    await slider.focus();
    await anchor.keyboard.press('Escape');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.ok(await toggle.evaluate((el) => el.matches(':focus')), 'focus goes back to the Beauty button');
  });
});
