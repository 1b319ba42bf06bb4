import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import type { BarrageLayer } from '../src/components/barrage-layer/barrage-layer.js';
import type { UserProfile } from '../src/core/engines/types.js';
import { LiveRoomStore } from '../src/core/store/live-room-store.js';
import { Session } from '../src/core/store/session.js';
import { groupIdForRoom, numericRoom } from '../src/core/validation.js';
import '../src/index.js';
import { fakeEngines } from '../src/testing/fake-engines.js';

/**
 * `<barrage-layer>` over a stage: comments from the room (scripted fake engines, no server) and
 * from its `emit()` API, lanes that never overlap, flood control, filters, the log view, reduced
 * motion, and the chat input with its cooldown, emoji and muted state.
 */
const meta: Meta = {
  title: 'Elements/barrage-layer',
  component: 'barrage-layer',
  tags: ['autodocs'],
  args: { lang: 'en' },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'zh-CN'] } },
};
export default meta;
type Story = StoryObj;

const ROOM = numericRoom(1001);
const GROUP = groupIdForRoom(ROOM);
const PEOPLE: UserProfile[] = [
  { userId: 'anna', nickname: 'Anna', avatar: '' },
  { userId: 'bo', nickname: '波波', avatar: '' },
  { userId: 'carl', nickname: 'Carl <script>', avatar: '' },
  { userId: 'dee', nickname: 'Dee', avatar: '' },
];
const LINES = ['hello everyone', '主播好！', '666', 'what a play', '前方高能', 'gg wp', '哈哈哈哈', '<img src=x onerror=alert(1)> is just text', 'this one is a bit longer than the others, to show widths', '🔥🔥🔥'];

let uid = 0;

/** Runs `step` every `ms` while the story's element is on the page. */
function loop(id: string, ms: number, step: (el: BarrageLayer, i: number) => void): void {
  let i = 0;
  const tick = () => {
    const el = document.getElementById(id) as BarrageLayer | null;
    if (i > 0 && (!el || !el.isConnected)) return;
    if (el) step(el, i++);
    setTimeout(tick, ms);
  };
  setTimeout(tick, 300);
}

/** A dark 16:9 stage (the layer is an overlay over video). */
function stage(content: TemplateResult, height = 400): TemplateResult {
  return html`<div style="position:relative;width:min(100%,720px);height:${height}px;border-radius:12px;overflow:hidden;background:linear-gradient(160deg,#1d2b64,#3a1c71 55%,#0f2027)">${content}</div>`;
}

/** A viewer in a room on fake engines; `say` delivers a room text message from someone else. */
function room() {
  const engines = fakeEngines();
  engines.media.users = [{ userId: 'host', nickname: 'Host', avatar: '', role: 'anchor', publishing: true, audio: true, video: false }];
  const store = new LiveRoomStore(new Session({ engines }));
  let seq = 1;
  const say = (from: UserProfile, text: string) =>
    engines.chat.emit('message', { groupId: GROUP, seq: ++seq, time: Date.now(), from, priority: 'normal', body: { type: 'text', text } });
  const ready = (async () => {
    await store.login({ userId: 'viewer_1', userSig: 'scripted', sdkAppId: 1, nickname: 'Me' });
    await store.enterRoom(ROOM);
  })();
  return { engines, store, say, ready };
}

/** Room messages flying in lanes; type to send your own (highlighted). Click a comment to hide its author. */
export const InRoom: Story = {
  render: (args) => {
    const r = room();
    const id = `bl-story-${++uid}`;
    void r.ready.then(() => loop(id, 450, (_, i) => r.say(PEOPLE[i % PEOPLE.length], LINES[i % LINES.length])));
    return stage(html`<barrage-layer id=${id} lang=${args.lang} .store=${r.store}></barrage-layer>`);
  },
};

/** Scroll, top and bottom comments from `emit()`, with colours. */
export const Modes: Story = {
  render: (args) => {
    const id = `bl-story-${++uid}`;
    const colors = ['', '#7fffd4', '#ffb3c1', ''];
    loop(id, 350, (el, i) => el.emit({ text: LINES[i % LINES.length], mode: i % 7 === 0 ? 'top' : i % 11 === 0 ? 'bottom' : 'scroll', color: colors[i % colors.length], user: PEOPLE[i % PEOPLE.length] }));
    return stage(html`<barrage-layer id=${id} lang=${args.lang} no-input></barrage-layer>`);
  },
};

/** A flood of 300 comments/s with repeats: merged into ×N badges and queued; the counters stay bounded. */
export const Flood: Story = {
  render: (args) => {
    const id = `bl-story-${++uid}`;
    const out = `${id}-stats`;
    loop(id, 50, (el, i) => {
      for (let k = 0; k < 15; k++) el.emit({ text: k % 3 === 0 ? '666' : `${LINES[(i + k) % LINES.length]} #${(i * 15 + k) % 97}`, user: PEOPLE[k % PEOPLE.length] });
      const s = el.stats;
      const box = document.getElementById(out);
      if (box) box.textContent = `offered ${s.offered} · shown ${s.shown} · merged ${s.merged} · queued ${s.queued} · dropped ${s.dropped} · on screen ${s.onScreen}`;
    });
    return html`${stage(html`<barrage-layer id=${id} lang=${args.lang} no-input overflow="merge"></barrage-layer>`)}
      <p id=${out} style="font:13px system-ui;margin:8px 0"></p>`;
  },
};

/** Blocked words and patterns, and a hidden user: none of theirs shows. */
export const Filters: Story = {
  render: (args) => {
    const id = `bl-story-${++uid}`;
    loop(id, 400, (el, i) => {
      if (i === 0) {
        el.blockedPatterns = [/\d{6,}/];
        el.muteUser('carl');
      }
      el.emit({ text: i % 3 === 0 ? 'buy SPAM at 1234567' : LINES[i % LINES.length], user: PEOPLE[i % PEOPLE.length] });
    });
    return stage(html`<barrage-layer id=${id} lang=${args.lang} no-input blocked-words="spam"></barrage-layer>`);
  },
};

/** The log view: a scrolling list (`role="log"`), newest at the bottom; scroll up for “New messages”. */
export const LogView: Story = {
  render: (args) => {
    const r = room();
    const id = `bl-story-${++uid}`;
    void r.ready.then(() => loop(id, 600, (_, i) => r.say(PEOPLE[i % PEOPLE.length], LINES[i % LINES.length])));
    return stage(html`<barrage-layer id=${id} lang=${args.lang} view="log" .store=${r.store}></barrage-layer>`);
  },
};

/** Reduced motion (`static`, or `prefers-reduced-motion: reduce`): a non-moving list. */
export const ReducedMotion: Story = {
  render: (args) => {
    const id = `bl-story-${++uid}`;
    loop(id, 700, (el, i) => el.emit({ text: LINES[i % LINES.length], user: PEOPLE[i % PEOPLE.length] }));
    return stage(html`<barrage-layer id=${id} lang=${args.lang} static no-input></barrage-layer>`);
  },
};

/** Muted by the host for five minutes: the input says why, with a countdown. */
export const Muted: Story = {
  render: (args) => {
    const r = room();
    void r.ready.then(() => r.engines.chat.emit('member-muted', { groupId: GROUP, userId: 'viewer_1', mutedUntil: Date.now() + 300_000 }));
    return stage(html`<barrage-layer lang=${args.lang} .store=${r.store}></barrage-layer>`, 240);
  },
};

/** In Chinese. */
export const Chinese: Story = { ...InRoom, args: { lang: 'zh-CN' } };
