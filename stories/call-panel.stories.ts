import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { CallPanel } from '../src/components/call-panel/call-panel.js';
import type { UserProfile } from '../src/core/engines/types.js';
import { ErrorCode, LiveError } from '../src/core/errors.js';
import { encodeEnvelope, type MessageKind, type PayloadOf } from '../src/core/protocol/envelope.js';
import { CallStore } from '../src/core/store/call-store.js';
import { Session } from '../src/core/store/session.js';
import '../src/index.js';
import { FakeChat, FakeMedia, fakeEngines } from '../src/testing/fake-engines.js';

type Engines = ReturnType<typeof fakeEngines>;

const meta: Meta = {
  title: 'Elements/call-panel',
  component: 'call-panel',
  tags: ['autodocs'],
  render: (args) => html`<div style="height:480px"><call-panel user-id=${args['user-id']} server=${args.server} lang=${args.lang}></call-panel></div>`,
  args: { 'user-id': '', server: 'ws://127.0.0.1:8787/ws', lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
};
export default meta;
type Story = StoryObj;

/** No user yet: the panel says what it needs. */
export const NotConfigured: Story = {};

/** On the local server (`npm run server`): open this story twice with different user IDs and call. */
export const OnLocalServer: Story = { args: { 'user-id': 'story_caller' } };

/* ───────────── scripted engines (no server) ───────────── */

const people: Record<string, UserProfile> = {
  anna: { userId: 'anna', nickname: 'Anna', avatar: '' },
  bob: { userId: 'bob', nickname: 'Bob', avatar: '' },
  cleo: { userId: 'cleo', nickname: 'Cleo', avatar: '' },
  dan: { userId: 'dan', nickname: 'Dan', avatar: '' },
};

/** A moving picture with a name on it, standing in for a camera. */
function paintedStream(label: string, hue: number): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const g = canvas.getContext('2d')!;
  let frame = 0;
  const paint = () => {
    frame++;
    const grad = g.createLinearGradient(0, 0, 320, 240);
    grad.addColorStop(0, `hsl(${hue} 60% 35%)`);
    grad.addColorStop(1, `hsl(${(hue + 40 + frame) % 360} 60% 20%)`);
    g.fillStyle = grad;
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#fff';
    g.font = '600 28px system-ui, sans-serif';
    g.textAlign = 'center';
    g.fillText(label, 160, 130);
  };
  paint();
  setInterval(paint, 100);
  return canvas.captureStream(10);
}

/** The fake media engine, painting a picture for each remote user and for the local camera. */
class StoryMedia extends FakeMedia {
  #hues: Record<string, number> = { anna: 330, bob: 200, cleo: 120, dan: 40 };
  override async play(userId: string, view?: HTMLVideoElement): Promise<void> {
    await super.play(userId);
    if (!view) return;
    view.srcObject = paintedStream(people[userId]?.nickname ?? userId, this.#hues[userId] ?? 260);
    await view.play().catch(() => undefined);
  }
  override async startLocalMedia(): Promise<MediaStream> {
    await super.startLocalMedia();
    this.localStream = paintedStream('You', 260);
    return this.localStream;
  }
}

function scriptedEngines(): Engines {
  return { media: new StoryMedia(), chat: new FakeChat() };
}

function signal<K extends MessageKind>(engines: Engines, from: UserProfile, kind: K, data: PayloadOf<K>): void {
  engines.chat.emit('direct-message', { from, data: encodeEnvelope(kind, data), time: Date.now() });
}

function enter(engines: Engines, user: UserProfile, video = true): void {
  engines.media.emit('user-enter', { user: { ...user, role: 'anchor', publishing: true, audio: true, video } });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Script {
  engines: Engines;
  store: CallStore;
  /** The call's ID once this user called (or was called). */
  callId(): string;
}

/** A panel on scripted engines, logged in as Mia; `script` then plays the scene. */
function scripted(lang: string, script: (s: Script) => Promise<void> | void, options: { timeoutMs?: number; minimised?: boolean } = {}) {
  const engines = scriptedEngines();
  const store = new CallStore(new Session({ engines }), { timeoutMs: options.timeoutMs ?? 10 * 60_000 });
  let panel: CallPanel | undefined;
  void (async () => {
    await store.login({ userID: 'mia', userSig: 'scripted', sdkAppId: 1, nickname: 'Mia' });
    await script({ engines, store, callId: () => store.getState().callId ?? '' });
    if (options.minimised && panel) {
      await panel.updateComplete;
      panel.minimised = true;
    }
  })().catch((error: unknown) => console.warn('story script:', error));
  return html`<div style="height:480px"><call-panel lang=${lang} dismiss-after="0" .store=${store} ${ref((el) => (panel = el as CallPanel | undefined))}></call-panel></div>`;
}

async function outgoing({ store }: Script, to = 'bob', type: 1 | 2 = 2): Promise<void> {
  await store.call({ userID: to, type });
}

async function incoming({ engines }: Script, type: 1 | 2 = 2): Promise<void> {
  signal(engines, people.anna, 'call-invite', { callId: 'story-call', type, roomId: 'call_story', inviter: 'anna', invitees: ['mia'] });
}

async function oneToOne(s: Script): Promise<void> {
  await incoming(s);
  await wait(50);
  await s.store.accept();
  enter(s.engines, people.anna);
}

async function group(s: Script): Promise<void> {
  await s.store.groupCall({ userIDList: ['bob', 'cleo', 'dan'], type: 2 });
  const callId = s.callId();
  signal(s.engines, people.bob, 'call-accept', { callId });
  enter(s.engines, people.bob);
  signal(s.engines, people.cleo, 'call-accept', { callId });
  enter(s.engines, people.cleo, false);
}

/** Idle: the dialer, signed in. */
export const Idle: Story = { render: (args) => scripted(args.lang, () => undefined) };

/** Calling Bob: “Calling… · Video call”, the countdown, Cancel. */
export const Outgoing: Story = { render: (args) => scripted(args.lang, (s) => outgoing(s)) };

/** A group call ringing: each invitee and how they stand. */
export const OutgoingGroup: Story = {
  render: (args) =>
    scripted(args.lang, async (s) => {
      await s.store.groupCall({ userIDList: ['bob', 'cleo', 'dan'], type: 1 });
      signal(s.engines, people.dan, 'call-reject', { callId: s.callId() });
    }),
};

/** Anna calls: Accept, Accept with audio only, Reject (and a ring, once the page may play sound). */
export const Incoming: Story = { render: (args) => scripted(args.lang, (s) => incoming(s)) };

/** An incoming audio call. */
export const IncomingAudio: Story = { render: (args) => scripted(args.lang, (s) => incoming(s, 1)) };

/** One-to-one video call: Anna full size, this user picture-in-picture (click it to swap). */
export const OneToOne: Story = { render: (args) => scripted(args.lang, (s) => oneToOne(s)) };

/** One-to-one, Anna muted with her camera off. */
export const OneToOneRemoteMuted: Story = {
  render: (args) =>
    scripted(args.lang, async (s) => {
      await oneToOne(s);
      s.engines.media.emit('audio-available', { userId: 'anna', available: false });
      s.engines.media.emit('video-available', { userId: 'anna', available: false });
    }),
};

/** Group call: Bob and Cleo (camera off) in the call, Dan still ringing. */
export const GroupWithWaiting: Story = { render: (args) => scripted(args.lang, (s) => group(s)) };

/** A call minimised to the floating window (bottom-right; drag it, or use the ⠿ button with arrow keys). */
export const Minimised: Story = { render: (args) => scripted(args.lang, (s) => oneToOne(s), { minimised: true }) };

/** The same in Chinese. */
export const OneToOneChinese: Story = { render: () => scripted('zh-CN', (s) => oneToOne(s)) };

/* ───────────── endings ───────────── */

export const EndHangup: Story = {
  render: (args) =>
    scripted(args.lang, async (s) => {
      await oneToOne(s);
      await wait(1200);
      await s.store.hangup();
    }),
};

export const EndRemoteHangup: Story = {
  render: (args) =>
    scripted(args.lang, async (s) => {
      await outgoing(s);
      signal(s.engines, people.bob, 'call-accept', { callId: s.callId() });
      enter(s.engines, people.bob);
      await wait(1200);
      signal(s.engines, people.bob, 'call-hangup', { callId: s.callId() });
    }),
};

export const EndRejected: Story = {
  render: (args) =>
    scripted(args.lang, async (s) => {
      await outgoing(s);
      signal(s.engines, people.bob, 'call-reject', { callId: s.callId() });
    }),
};

export const EndDeclined: Story = {
  render: (args) =>
    scripted(args.lang, async (s) => {
      await incoming(s);
      await s.store.reject();
    }),
};

export const EndBusy: Story = {
  render: (args) =>
    scripted(args.lang, async (s) => {
      await outgoing(s);
      signal(s.engines, people.bob, 'call-busy', { callId: s.callId() });
    }),
};

export const EndNoAnswer: Story = { render: (args) => scripted(args.lang, (s) => outgoing(s), { timeoutMs: 1500 }) };

export const EndCancelled: Story = {
  render: (args) =>
    scripted(args.lang, async (s) => {
      await outgoing(s);
      await s.store.hangup();
    }),
};

export const EndCancelledByCaller: Story = {
  render: (args) =>
    scripted(args.lang, async (s) => {
      await incoming(s);
      signal(s.engines, people.anna, 'call-cancel', { callId: 'story-call' });
    }),
};

export const EndMissed: Story = { render: (args) => scripted(args.lang, (s) => incoming(s), { timeoutMs: 1500 }) };

export const EndKickedOut: Story = {
  render: (args) =>
    scripted(args.lang, async (s) => {
      await oneToOne(s);
      s.engines.chat.emit('kicked-offline', { reason: 'duplicate-login' });
    }),
};

function failing(code: number) {
  return (s: Script) => {
    s.engines.media.joinError = new LiveError(code);
    return outgoing(s).catch(() => undefined);
  };
}

export const EndPermissionDenied: Story = { render: (args) => scripted(args.lang, failing(ErrorCode.PERMISSION_DENIED)) };

export const EndDeviceMissing: Story = { render: (args) => scripted(args.lang, failing(ErrorCode.NO_CAMERA)) };

export const EndError: Story = { render: (args) => scripted(args.lang, failing(ErrorCode.MEDIA_FAILED)) };
