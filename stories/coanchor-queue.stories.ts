import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ErrorCode, LiveError } from '../src/core/errors.js';
import { decodeEnvelope, encodeEnvelope, type MessageKind, type PayloadOf } from '../src/core/protocol/envelope.js';
import { LiveRoomStore, type LiveRoomStoreOptions } from '../src/core/store/live-room-store.js';
import { Session } from '../src/core/store/session.js';
import { numericRoom } from '../src/core/validation.js';
import '../src/index.js';
import { fakeEngines } from '../src/testing/fake-engines.js';

/**
 * `<coanchor-queue>` on scripted in-browser engines (no server): the fake chat engine delivers
 * the kit's direct messages as the anchor or the viewers would send them.
 */
const meta: Meta = {
  title: 'Elements/coanchor-queue',
  component: 'coanchor-queue',
  tags: ['autodocs'],
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
};
export default meta;
type Story = StoryObj;

const ROOM = numericRoom(1001);
const ANNA = { userId: 'anna', nickname: 'Anna', avatar: '' };
const profile = (userId: string, nickname: string) => ({ userId, nickname, avatar: '' });

function scripted(options: LiveRoomStoreOptions = {}) {
  const engines = fakeEngines();
  engines.media.ownerId = ANNA.userId;
  engines.chat.group = { ...engines.chat.group, ownerId: ANNA.userId };
  const store = new LiveRoomStore(new Session({ engines }), options);
  const deliver = <K extends MessageKind>(from: { userId: string; nickname: string; avatar: string }, kind: K, data: PayloadOf<K>) =>
    engines.chat.emit('direct-message', { from, data: encodeEnvelope(kind, data), time: Date.now() });
  /** The id of the viewer's latest request, read from what it sent. */
  const lastRequestId = (): string => {
    for (const [call, , data] of [...engines.chat.calls].reverse()) {
      if (call !== 'sendDirect') continue;
      const decoded = decodeEnvelope(data);
      if (decoded.ok && decoded.message.kind === 'coanchor-request') return decoded.message.data.requestId;
    }
    return 'none';
  };
  return { engines, store, deliver, lastRequestId };
}

function frame(content: TemplateResult): TemplateResult {
  return html`<div style="max-width:420px">${content}</div>`;
}

/* ───────────── anchor ───────────── */

function anchorRoom(lang: string, seats: number): TemplateResult {
  const { engines, store, deliver } = scripted();
  engines.chat.members = [
    { ...profile('dave', 'Dave'), joinedAt: 0 },
    { ...profile('erin', 'Erin'), joinedAt: 0 },
    { ...profile('frank', 'Frank 🎸'), joinedAt: 0 },
  ];
  void (async () => {
    await store.login({ userId: ANNA.userId, userSig: 'scripted', sdkAppId: 1, nickname: 'Anna' });
    await store.createRoom(ROOM, { roomName: 'Evening show' });
    for (const [userId, nickname] of [['carol', 'Carol'], ['gus', 'Gus']]) {
      engines.media.emit('user-enter', { user: { ...profile(userId, nickname), role: 'anchor', publishing: true, audio: true, video: true } });
    }
    // Three requests, a few seconds apart, so the waited times differ.
    const requests: Array<[string, string]> = [['bob', 'Bob'], ['lin', '林小明'], ['mia', 'Mia <script>']];
    for (const [i, [userId, nickname]] of requests.entries()) {
      setTimeout(() => deliver(profile(userId, nickname), 'coanchor-request', { requestId: `r-${userId}` }), i * 2500);
    }
  })();
  return frame(html`<coanchor-queue lang=${lang} seats=${seats} .store=${store}></coanchor-queue>`);
}

/** The anchor: 2 co-anchors on stage (each with Remove), 3 requests arriving, viewers to invite. */
export const Anchor: Story = { render: (args) => anchorRoom(args.lang, 6) };

/** Every seat taken (`seats="2"`): Accept is disabled and the panel says why. */
export const AnchorSeatsFull: Story = { render: (args) => anchorRoom(args.lang, 2) };

/** The anchor in Chinese. */
export const AnchorChinese: Story = { render: () => anchorRoom('zh-CN', 6) };

/* ───────────── viewer ───────────── */

type ViewerState = 'idle' | 'requesting' | 'seats-full' | 'accepted' | 'rejected' | 'timeout' | 'invited' | 'failed';

function viewerRoom(lang: string, state: ViewerState): TemplateResult {
  const { engines, store, deliver, lastRequestId } = scripted({ coanchorTimeoutMs: state === 'timeout' ? 1 : 60_000 });
  engines.media.users = [{ ...ANNA, role: 'anchor', publishing: true, audio: true, video: true }];
  if (state === 'failed') {
    engines.media.publish = async () => {
      throw new LiveError(ErrorCode.PUBLISH_NOT_ALLOWED);
    };
  }
  void (async () => {
    await store.login({ userId: 'viewer_1', userSig: 'scripted', sdkAppId: 1, nickname: 'Viewer' });
    await store.enterRoom(ROOM);
    if (state === 'idle') return;
    if (state === 'invited') {
      deliver(ANNA, 'coanchor-invite', { requestId: 'invite-1' });
      return;
    }
    const answer = store.requestJoinAnchor().catch(() => undefined);
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const requestId = lastRequestId();
    if (state === 'seats-full') deliver(ANNA, 'coanchor-status', { requestId, position: 2, seatsFull: true });
    if (state === 'rejected') deliver(ANNA, 'coanchor-response', { requestId, agree: false, reason: 'Maybe after the song' });
    if (state === 'accepted' || state === 'failed') deliver(ANNA, 'coanchor-response', { requestId, agree: true });
    await answer;
  })();
  return frame(html`<coanchor-queue lang=${lang} .store=${store}></coanchor-queue>`);
}

/** Not in a room: the request button is disabled and says why. */
export const ViewerNotInRoom: Story = { render: (args) => frame(html`<coanchor-queue lang=${args.lang}></coanchor-queue>`) };
/** In a room, nothing asked yet. */
export const ViewerIdle: Story = { render: (args) => viewerRoom(args.lang, 'idle') };
/** Waiting for the anchor, with a countdown and Cancel. */
export const ViewerRequesting: Story = { render: (args) => viewerRoom(args.lang, 'requesting') };
/** Waiting while every seat is taken: the place in line. */
export const ViewerSeatsFull: Story = { render: (args) => viewerRoom(args.lang, 'seats-full') };
/** Accepted and on stage, with Leave stage. */
export const ViewerOnStage: Story = { render: (args) => viewerRoom(args.lang, 'accepted') };
/** The anchor declined, with a reason; the request button is back. */
export const ViewerRejected: Story = { render: (args) => viewerRoom(args.lang, 'rejected') };
/** No answer before the timeout. */
export const ViewerTimedOut: Story = { render: (args) => viewerRoom(args.lang, 'timeout') };
/** The anchor invites the viewer on stage: Accept / Decline. */
export const ViewerInvited: Story = { render: (args) => viewerRoom(args.lang, 'invited') };
/** Accepted, but publishing was refused: the reason in words. */
export const ViewerFailed: Story = { render: (args) => viewerRoom(args.lang, 'failed') };
/** Waiting, in Chinese. */
export const ViewerChinese: Story = { render: () => viewerRoom('zh-CN', 'seats-full') };
