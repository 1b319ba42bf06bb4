import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import type { UserProfile } from '../src/core/engines/types.js';
import { ErrorCode, LiveError } from '../src/core/errors.js';
import { encodeEnvelope, type PayloadOf } from '../src/core/protocol/envelope.js';
import { LiveRoomStore, type GiftBilling } from '../src/core/store/live-room-store.js';
import { Session } from '../src/core/store/session.js';
import { groupIdForRoom, numericRoom } from '../src/core/validation.js';
import type { Gift } from '../src/components/gift-panel/gift-panel.js';
import '../src/index.js';
import { fakeEngines } from '../src/testing/fake-engines.js';

/**
 * `<gift-panel>` on scripted in-browser engines (no server): the fake chat engine delivers the
 * room's gift and like messages as other viewers would send them, and a billing stub keeps a
 * balance.
 */
const meta: Meta = {
  title: 'Elements/gift-panel',
  component: 'gift-panel',
  tags: ['autodocs'],
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
};
export default meta;
type Story = StoryObj;

const ROOM = numericRoom(1001);
const GROUP = groupIdForRoom(ROOM);

const GIFTS: Gift[] = [
  { id: 'heart', name: 'Heart', price: 1, icon: '❤️', effect: 'none' },
  { id: 'rose', name: 'Rose', price: 5, icon: '🌹', effect: 'float' },
  { id: 'like-star', name: 'Like star', price: 10, icon: '🌟', effect: 'float' },
  { id: 'cake', name: 'Cake', price: 66, icon: '🎂', effect: 'burst' },
  { id: 'crown', name: 'Crown', price: 188, icon: '👑', effect: 'burst' },
  { id: 'sports-car', name: 'Sports car', price: 520, icon: '🏎️', effect: 'fullscreen' },
  { id: 'rocket', name: 'Rocket', price: 1000, icon: '🚀', effect: 'fullscreen' },
];

const PEOPLE: UserProfile[] = [
  { userId: 'anna', nickname: 'Anna', avatar: '' },
  { userId: 'bo', nickname: '波波', avatar: '' },
  { userId: 'carl', nickname: 'Carl <script>', avatar: '' },
  { userId: 'dee', nickname: 'Dee', avatar: '' },
];

/** A viewer in a room on fake engines, a billing stub with a balance, and a way to deliver room messages. */
function scripted(options: { balance?: number; refuse?: boolean } = {}) {
  const engines = fakeEngines();
  engines.media.users = [{ userId: 'host', nickname: 'Host', avatar: '', role: 'anchor', publishing: true, audio: true, video: false }];
  const store = new LiveRoomStore(new Session({ engines }));
  let balance = options.balance ?? 5000;
  const billing: GiftBilling = async ({ giftId, count }) => {
    const price = GIFTS.find((g) => g.id === giftId)?.price ?? 0;
    if (options.refuse || price * count > balance) throw new LiveError(ErrorCode.INSUFFICIENT_BALANCE, `Balance ${balance}, needs ${price * count}.`);
    balance -= price * count;
    return { balance };
  };
  let seq = 1000;
  const deliver = <K extends 'gift' | 'like'>(from: UserProfile, kind: K, data: PayloadOf<K>) =>
    engines.chat.emit('message', { groupId: GROUP, seq: ++seq, time: Date.now(), from, priority: kind === 'gift' ? 'high' : 'low', body: { type: 'custom', data: encodeEnvelope(kind, data) } });
  const ready = (async () => {
    await store.login({ userId: 'viewer_1', userSig: 'scripted', sdkAppId: 1, nickname: 'Me' });
    await store.enterRoom(ROOM);
    engines.chat.emit('like-total', { groupId: GROUP, total: 12_480 });
  })();
  return { engines, store, billing, deliver, ready, balance: () => balance };
}

/** A stage-sized, positioned box (the overlay covers its positioned container). */
function stage(content: TemplateResult): TemplateResult {
  return html`<div style="position:relative;width:min(100%,420px);height:640px;border-radius:12px;overflow:hidden;background:linear-gradient(160deg,#3a1c71,#d76d77 55%,#ffaf7b)">
    ${content}
  </div>`;
}

/** Runs `step` every `ms` while the story's element is on the page. */
function loop(host: () => Element | null, ms: number, step: (i: number) => void): void {
  let i = 0;
  const tick = () => {
    const el = host();
    if (i > 0 && (!el || !el.isConnected)) return;
    step(i++);
    setTimeout(tick, ms);
  };
  setTimeout(tick, 300);
}

let uid = 0;

function room(lang: string, options: { open?: boolean; balance?: number; refuse?: boolean; script?: boolean; fullscreen?: boolean } = {}): TemplateResult {
  const s = scripted({ balance: options.balance, refuse: options.refuse });
  if (options.script) {
    const id = `gp-story-${++uid}`;
    void s.ready.then(() =>
      loop(() => document.getElementById(id), 900, (i) => {
        const who = PEOPLE[i % PEOPLE.length];
        if (options.fullscreen && i % 4 === 0) deliver(s, who, 'rocket', 1, `rocket-${i}`);
        else if (i % 5 === 0) for (let k = 1; k <= 3; k++) setTimeout(() => deliver(s, PEOPLE[0], 'rose', 20 * k, `rose-${i}`, 20), k * 300);
        else deliver(s, who, GIFTS[1 + (i % 4)].id, 1 + (i % 3), `g-${i}`);
        s.deliver(PEOPLE[(i + 2) % PEOPLE.length], 'like', { count: 4 });
      }),
    );
    return stage(html`<gift-panel id=${id} lang=${lang} ?open=${options.open} .gifts=${GIFTS} .sendGift=${s.billing} .balance=${s.balance()} .store=${s.store}></gift-panel>`);
  }
  return stage(html`<gift-panel lang=${lang} ?open=${options.open} .gifts=${GIFTS} .sendGift=${s.billing} .balance=${s.balance()} .store=${s.store}></gift-panel>`);
}

/** Delivers a gift message from `who` (a combo's batches share `comboId`). */
function deliver(s: ReturnType<typeof scripted>, who: UserProfile, giftId: string, comboTotal: number, comboId: string, count = comboTotal): void {
  const price = GIFTS.find((g) => g.id === giftId)?.price ?? 0;
  s.deliver(who, 'gift', { giftId, count, comboId, comboTotal, value: price });
}

/** The sheet open in a room: catalog, quantities, balance, Send; after Send, the combo button counts. */
export const Sheet: Story = { render: (args) => room(args.lang, { open: true }) };

/** Gifts arriving from the room: banners (a combo updates its banner in place), floats, bursts and hearts. */
export const Banners: Story = { render: (args) => room(args.lang, { script: true }) };

/** A big gift: the fullscreen effect (one at a time, queued), with banners and hearts around it. */
export const FullscreenEffect: Story = { render: (args) => room(args.lang, { script: true, fullscreen: true }) };

/** A balance too low for most gifts: sending shows the refusal in words, with Recharge. */
export const InsufficientBalance: Story = { render: (args) => room(args.lang, { open: true, balance: 12 }) };

/** In Chinese. */
export const Chinese: Story = { render: () => room('zh-CN', { open: true, script: true, fullscreen: true }) };

/** Inside `<live-room>` (over the stage, next to `<barrage-layer>`): the store comes through context. */
export const InLiveRoom: Story = {
  render: (args) => {
    const s = scripted();
    const id = `gp-story-${++uid}`;
    void s.ready.then(() =>
      loop(() => document.getElementById(id), 1200, (i) => {
        const who = PEOPLE[i % PEOPLE.length];
        deliver(s, who, GIFTS[1 + (i % 6)].id, 1, `r-${i}`);
        s.deliver(who, 'like', { count: 2 });
      }),
    );
    return html`<div style="width:min(100%,560px);height:640px">
      <live-room lang=${args.lang} .store=${s.store} style="height:100%">
        <barrage-layer></barrage-layer>
        <gift-panel id=${id} .gifts=${GIFTS} .sendGift=${s.billing}></gift-panel>
      </live-room>
    </div>`;
  },
};
