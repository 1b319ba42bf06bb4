import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { CallStore } from '../src/core/store/call-store.js';
import { LiveRoomStore } from '../src/core/store/live-room-store.js';
import { Session } from '../src/core/store/session.js';
import { numericRoom } from '../src/core/validation.js';
import '../src/index.js';
import { fakeEngines } from '../src/testing/fake-engines.js';

/**
 * Light and dark, on scripted engines (no server). Every element follows the page's
 * `prefers-color-scheme`; `theme="light"` or `theme="dark"` on an element forces one look.
 * The `--live-*` tokens (`--live-color-surface`, `--live-color-on-surface`,
 * `--live-color-accent`, `--live-radius`, `--live-space`, `--live-font`) restyle all of them at
 * once; each element also has its own custom properties and `::part`s.
 */
const meta: Meta = {
  title: 'Theming/Light and dark',
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
};
export default meta;
type Story = StoryObj;

function everything(theme: 'light' | 'dark' | '', lang: string, style = ''): TemplateResult {
  const engines = fakeEngines();
  engines.media.users = [{ userId: 'anna', nickname: 'Anna', avatar: '', role: 'anchor', publishing: true, audio: true, video: false }];
  const store = new LiveRoomStore(new Session({ engines }));
  void store.login({ userId: 'viewer_1', userSig: 'scripted', sdkAppId: 1, nickname: 'Me' }).then(() => store.enterRoom(numericRoom(1001)));
  const calls = new CallStore(new Session({ engines: fakeEngines() }));
  void calls.login({ userID: 'mia', userSig: 'scripted', sdkAppId: 1, nickname: 'Mia' });
  const t = theme || undefined;
  return html`<div style="display:grid;gap:12px;${style}">
    <div style="height:420px">
      <live-room theme=${ifDefined(t)} lang=${lang} .store=${store}>
        <barrage-layer theme=${ifDefined(t)}></barrage-layer>
        <gift-panel theme=${ifDefined(t)}></gift-panel>
        <coanchor-queue slot="side" theme=${ifDefined(t)}></coanchor-queue>
      </live-room>
    </div>
    <div style="height:360px"><call-panel theme=${ifDefined(t)} lang=${lang} .store=${calls}></call-panel></div>
  </div>`;
}

/** `theme="light"` on every element, whatever the page prefers. */
export const Light: Story = { render: (args) => everything('light', String(args.lang), 'background:#fff;padding:12px') };

/** `theme="dark"` on every element, whatever the page prefers. */
export const Dark: Story = { render: (args) => everything('dark', String(args.lang), 'background:#000;padding:12px') };

/** No `theme`: the elements follow the page's `prefers-color-scheme` (switch it in the browser's tools). */
export const FollowsThePage: Story = { render: (args) => everything('', String(args.lang)) };

/** The shared tokens set once on a container: a green accent, square corners, more space, a serif font. */
export const CustomTokens: Story = {
  render: (args) =>
    everything('dark', String(args.lang), '--live-color-accent:#0a7d3b;--live-radius:0;--live-space:12px;--live-font:Georgia, serif;background:#111;padding:12px'),
};
