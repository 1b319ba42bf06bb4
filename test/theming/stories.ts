/**
 * Every story of stories/*.stories.ts as a renderable state, for the theming, accessibility and
 * language tests: each element's scripted states (fake engines, no server) are exactly the
 * states Storybook shows. Stories that connect to the local server are left out (named
 * `…OnLocalServer`); `ServerUnreachable`-style stories run as they are.
 */
import type { TemplateResult } from 'lit';
import * as callPanel from '../../stories/call-panel.stories.js';
import * as coanchorQueue from '../../stories/coanchor-queue.stories.js';
import * as giftPanel from '../../stories/gift-panel.stories.js';
import * as liveRoom from '../../stories/live-room.stories.js';
import * as barrageLayer from '../../stories/barrage-layer.stories.js';
import * as themes from '../../stories/themes.stories.js';

type Args = Record<string, unknown>;
interface StoryLike {
  args?: Args;
  render?: (args: Args, context: unknown) => unknown;
}
interface MetaLike {
  title?: string;
  component?: string;
  args?: Args;
  render?: (args: Args, context: unknown) => unknown;
}

export interface StoryCase {
  /** `Elements/live-room › InRoomScripted` */
  name: string;
  /** The element the story is about (`component` of the story file), when there is one. */
  tag?: string;
  exportName: string;
  render: (overrides?: Args) => TemplateResult;
}

const files: Array<Record<string, unknown>> = [liveRoom, barrageLayer, giftPanel, coanchorQueue, callPanel, themes];

export const LOCAL_SERVER_STORY = /OnLocalServer$/;

export function storyCases(): StoryCase[] {
  const cases: StoryCase[] = [];
  for (const file of files) {
    const meta = file.default as MetaLike;
    for (const [exportName, value] of Object.entries(file)) {
      if (exportName === 'default' || LOCAL_SERVER_STORY.test(exportName) || typeof value !== 'object' || value === null) continue;
      const story = value as StoryLike;
      const render = story.render ?? meta.render;
      if (!render) continue;
      cases.push({
        name: `${meta.title} › ${exportName}`,
        tag: meta.component,
        exportName,
        render: (overrides = {}) => render({ ...meta.args, ...story.args, ...overrides }, {}) as TemplateResult,
      });
    }
  }
  return cases;
}

/** Lets scripted stories play (their fake engines answer on timers), then waits for every Lit element to settle. */
export async function settle(root: Element, ms = 250): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  // Parts fetched on first need (internal/lazy.ts) must be here before anything is checked.
  const kit = /^(live|call|barrage|gift|coanchor)-/;
  const undefinedTags = new Set(allElements(root).map((el) => el.localName).filter((tag) => kit.test(tag) && !customElements.get(tag)));
  await Promise.all([...undefinedTags].map((tag) => Promise.race([customElements.whenDefined(tag), new Promise((r) => setTimeout(r, 5000))])));
  for (let round = 0; round < 3; round++) {
    const pending = allElements(root).map((el) => (el as { updateComplete?: Promise<unknown> }).updateComplete).filter(Boolean);
    await Promise.all(pending);
  }
}

/** `root` and every element under it, through open shadow roots. */
export function allElements(root: Element | ShadowRoot): Element[] {
  const out: Element[] = root instanceof Element ? [root] : [];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of node.querySelectorAll('*')) {
      out.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
    }
  };
  walk(root);
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  return out;
}
