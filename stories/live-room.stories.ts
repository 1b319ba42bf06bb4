import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ErrorCode, LiveError } from '../src/core/errors.js';
import { encodeEnvelope } from '../src/core/protocol/envelope.js';
import { LiveRoomStore } from '../src/core/store/live-room-store.js';
import { Session } from '../src/core/store/session.js';
import { numericRoom } from '../src/core/validation.js';
import '../src/index.js';
import { fakeEngines } from '../src/testing/fake-engines.js';

const meta: Meta = {
  title: 'Elements/live-room',
  component: 'live-room',
  tags: ['autodocs'],
  render: (args) => html`<div style="height:420px"><live-room user-role=${args['user-role']} user-id=${args['user-id']} room-id=${args['room-id']} server=${args.server} lang=${args.lang}></live-room></div>`,
  args: { 'user-role': 'audience', 'user-id': '', 'room-id': '', server: 'ws://127.0.0.1:8787/ws', lang: 'en' },
  argTypes: {
    'user-role': { control: 'inline-radio', options: ['anchor', 'audience'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
};
export default meta;
type Story = StoryObj;

/** No user or room yet: the element says what it needs. */
export const NotConfigured: Story = {};

/** The server is not running (or unreachable): the error is shown in words. */
export const ServerUnreachable: Story = {
  args: { 'user-id': 'viewer_1', 'room-id': '1001', server: 'ws://127.0.0.1:9/ws' },
};

/**
 * Connects to the local server: run `npm run server` first. As the anchor it previews the
 * camera; “Go live” creates room 1001.
 */
export const AnchorOnLocalServer: Story = {
  args: { 'user-role': 'anchor', 'user-id': 'story_anchor', 'room-id': '1001' },
};

/** Watches room 1001 on the local server (`npm run server`, and an anchor live in 1001). */
export const ViewerOnLocalServer: Story = {
  args: { 'user-id': 'story_viewer', 'room-id': '1001' },
};

type Engines = ReturnType<typeof fakeEngines>;

/**
 * The store of `viewer_1`, who signs in and enters room 1001 where `anchor_1` (Anna) is live on
 * scripted engines: `prepare` changes the engines first, `then` runs once inside the room.
 */
function viewerStore(prepare: (engines: Engines) => void = () => undefined, then: (engines: Engines) => void = () => undefined): LiveRoomStore {
  const engines = fakeEngines();
  engines.media.users = [{ userId: 'anchor_1', nickname: 'Anna', avatar: '', role: 'anchor', publishing: true, audio: true, video: false }];
  prepare(engines);
  const store = new LiveRoomStore(new Session({ engines }));
  void store
    .login({ userId: 'viewer_1', userSig: 'scripted', sdkAppId: 1 })
    .then(() => store.enterRoom(numericRoom(1001)))
    .then(() => then(engines))
    .catch(() => undefined);
  return store;
}

function scriptedRoom(lang: string) {
  const store = viewerStore((engines) => {
    engines.media.users = [{ userId: 'anna', nickname: 'Anna', avatar: '', role: 'anchor', publishing: true, audio: true, video: false }];
    engines.chat.members = [{ userId: 'bob', nickname: 'Bob', avatar: '', joinedAt: 0 }];
  });
  return html`<div style="height:420px"><live-room lang=${lang} .store=${store}><barrage-layer no-input></barrage-layer></live-room></div>`;
}

/** In a room, on scripted in-browser engines (no server): the anchor's camera is off. */
export const InRoomScripted: Story = { render: (args) => scriptedRoom(args.lang) };

/** The same in Chinese. */
export const InRoomChinese: Story = { render: () => scriptedRoom('zh-CN') };

/* ───────────── scripted states of the complete room (no server) ───────────── */

const people = ['Bob', 'Cleo', 'Dan', 'Eve', 'Finn', 'Gus'].map((name, i) => ({ userId: name.toLowerCase(), nickname: name, avatar: '', joinedAt: i }));

/** The owner of room 1001, live, with a notice, an introduction and an audience. */
function scriptedOwner(lang: string, then: (engines: ReturnType<typeof fakeEngines>, store: LiveRoomStore) => void = () => undefined) {
  const engines = fakeEngines();
  engines.chat.members = people;
  engines.chat.group = { ...engines.chat.group, attributes: { notice: 'Be kind in the chat. Gifts count for tonight’s PK!', intro: 'Dumplings from scratch, every Friday at 8.' } };
  const store = new LiveRoomStore(new Session({ engines }));
  void (async () => {
    await store.login({ userId: 'anchor_1', userSig: 'scripted', sdkAppId: 1, nickname: 'Anna' });
    await store.createRoom(numericRoom(1001), { roomName: 'Anna cooks' });
    await engines.chat.setGroupAttributes('1001', { notice: 'Be kind in the chat. Gifts count for tonight’s PK!', intro: 'Dumplings from scratch, every Friday at 8.' });
    await store.startPublish();
    engines.chat.emit('member-muted', { groupId: '1001', userId: 'dan', mutedUntil: Date.now() + 240_000 });
    engines.chat.emit('admins', { groupId: '1001', admins: ['cleo'] });
    then(engines, store);
  })();
  return html`<div style="height:560px"><live-room lang=${lang} .store=${store}><barrage-layer></barrage-layer></live-room></div>`;
}

/** The owner, live: status, notice, introduction with Edit, People, PK and Devices. */
export const OwnerScripted: Story = { render: (args) => scriptedOwner(args.lang) };

/** Another room's anchor challenges the owner: the prompt with Accept / Reject. */
export const PkIncomingScripted: Story = {
  render: (args) =>
    scriptedOwner(args.lang, (engines) =>
      engines.chat.emit('direct-message', { from: { userId: 'rival', nickname: 'Rita', avatar: '' }, data: encodeEnvelope('pk-request', { requestId: 'pk1', roomId: '2002', roomKind: 'numeric' }), time: Date.now() }),
    ),
};

/** A PK under way: both anchors side by side and the score bar. */
export const PkActiveScripted: Story = {
  render: (args) =>
    scriptedOwner(args.lang, async (engines, store) => {
      engines.chat.emit('direct-message', { from: { userId: 'rival', nickname: 'Rita', avatar: '' }, data: encodeEnvelope('pk-request', { requestId: 'pk1', roomId: '2002', roomKind: 'numeric' }), time: Date.now() });
      await store.responseRoomPK('rival', true);
      engines.media.emit('pk', { state: 'linked', room: numericRoom(2002), userId: 'rival' });
      engines.media.emit('user-enter', { user: { userId: 'rival', nickname: 'Rita', avatar: '', role: 'anchor', publishing: true, audio: true, video: false } });
      engines.chat.emit('message', { groupId: '1001', seq: 1, time: Date.now(), from: people[0], priority: 'high', body: { type: 'custom', data: encodeEnvelope('gift', { giftId: 'rocket', count: 3, value: 50 }) } });
      engines.chat.emit('direct-message', { from: { userId: 'rival', nickname: 'Rita', avatar: '' }, data: encodeEnvelope('pk-score', { requestId: 'pk1', score: 80 }), time: Date.now() });
    }),
};

/** A viewer removed by the host: why, and when they may come back (a live countdown). */
export const RemovedScripted: Story = {
  render: (args) => {
    const store = viewerStore(undefined, (engines) => engines.chat.emit('member-removed', { groupId: '1001', userId: 'viewer_1', bannedUntil: Date.now() + 600_000, memberCount: 1 }));
    return html`<div style="height:420px"><live-room lang=${args.lang} .store=${store}></live-room></div>`;
  },
};

/** A muted viewer: the comment input says why and for how long. */
export const MutedViewerScripted: Story = {
  render: (args) => {
    const store = viewerStore(undefined, (engines) => engines.chat.emit('member-muted', { groupId: '1001', userId: 'viewer_1', mutedUntil: Date.now() + 299_000 }));
    return html`<div style="height:420px"><live-room lang=${args.lang} .store=${store}><barrage-layer></barrage-layer></live-room></div>`;
  },
};

/** A side panel in the `side` slot (here `<coanchor-queue>`), next to the stage; below it on narrow widths. */
export const WithSidePanelScripted: Story = {
  render: (args) => {
    const store = viewerStore();
    return html`<div style="height:480px"><live-room lang=${args.lang} .store=${store} seats="4"><coanchor-queue slot="side"></coanchor-queue></live-room></div>`;
  },
};

/* ───────────── more states on scripted engines (no server) ───────────── */

/** Signing in: the chat engine has not answered yet, so the status says “Connecting…”. */
export const ConnectingScripted: Story = {
  render: (args) => {
    const engines = fakeEngines();
    engines.chat.login = () => new Promise(() => undefined);
    const store = new LiveRoomStore(new Session({ engines }));
    void store.login({ userId: 'viewer_1', userSig: 'scripted', sdkAppId: 1 }).catch(() => undefined);
    return html`<div style="height:420px"><live-room lang=${args.lang} .store=${store}></live-room></div>`;
  },
};

/** The anchor before going live: the camera preview (blank on fake engines), Go live, mute, devices. */
export const AnchorPreviewScripted: Story = {
  render: (args) => {
    const engines = fakeEngines();
    const store = new LiveRoomStore(new Session({ engines }));
    void store.login({ userId: 'anchor_1', userSig: 'scripted', sdkAppId: 1, nickname: 'Anna' }).then(() => store.startCameraPreview());
    return html`<div style="height:420px"><live-room lang=${args.lang} user-role="anchor" room-id="1001" .store=${store}><barrage-layer></barrage-layer></live-room></div>`;
  },
};

/** Co-anchoring: the owner live with a co-anchor on stage (two tiles). */
export const CoAnchoringScripted: Story = {
  render: (args) =>
    scriptedOwner(args.lang, (engines) => {
      engines.media.emit('user-enter', { user: { userId: 'bob', nickname: 'Bob', avatar: '', role: 'anchor', publishing: true, audio: true, video: false } });
    }),
};

/** Entering failed: the room does not exist; the error is shown in words with Dismiss. */
export const EnterFailedScripted: Story = {
  render: (args) => {
    const store = viewerStore((engines) => {
      engines.media.users = [];
      engines.media.joinError = new LiveError(ErrorCode.ROOM_NOT_FOUND, 'Room 1001 does not exist.');
      engines.chat.joinError = engines.media.joinError;
    });
    return html`<div style="height:420px"><live-room lang=${args.lang} .store=${store}></live-room></div>`;
  },
};

/** The anchor ended the live: what a viewer sees. */
export const EndedScripted: Story = {
  render: (args) => {
    const store = viewerStore(undefined, (engines) => engines.media.emit('room-closed', { reason: 'destroyed' }));
    return html`<div style="height:420px"><live-room lang=${args.lang} .store=${store}></live-room></div>`;
  },
};
