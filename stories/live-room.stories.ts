import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
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

function scriptedRoom(lang: string) {
  const engines = fakeEngines();
  engines.media.users = [{ userId: 'anna', nickname: 'Anna', avatar: '', role: 'anchor', publishing: true, audio: true, video: false }];
  engines.chat.members = [{ userId: 'bob', nickname: 'Bob', avatar: '', joinedAt: 0 }];
  const store = new LiveRoomStore(new Session({ engines }));
  void store.login({ userId: 'viewer_1', userSig: 'scripted', sdkAppId: 1 }).then(() => store.enterRoom(numericRoom(1001)));
  return html`<div style="height:420px"><live-room lang=${lang} .store=${store}><barrage-layer no-input></barrage-layer></live-room></div>`;
}

/** In a room, on scripted in-browser engines (no server): the anchor's camera is off. */
export const InRoomScripted: Story = { render: (args) => scriptedRoom(args.lang) };

/** The same in Chinese. */
export const InRoomChinese: Story = { render: () => scriptedRoom('zh-CN') };
