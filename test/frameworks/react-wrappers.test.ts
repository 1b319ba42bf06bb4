// The React wrappers (src/react/, generated from custom-elements.json) are current and complete:
// every event an element fires has an `on…` prop, and the manifest lists every such event.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generate, manifestElements, reactEventProp, readManifest, stale } from '../../scripts/make-react.js';
import { TAGS, type Tag } from '../../scripts/tags.js';
import { callEventNames } from '../../src/core/store/call-store.js';
import { liveRoomEventNames } from '../../src/core/store/live-room-types.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Store events that an element re-dispatches as DOM events (src/internal/forward-events.ts). */
const FORWARDED: Partial<Record<Tag, readonly string[]>> = {
  'live-room': liveRoomEventNames,
  'call-panel': callEventNames,
};

/** Events an element's source declares: `GlobalEventHandlersEventMap` entries and `new CustomEvent('…')`. */
function declaredEvents(tag: Tag): string[] {
  const source = readFileSync(path.join(root, 'src/components', tag, `${tag}.ts`), 'utf8');
  const names = new Set<string>();
  const globalBlock = /interface GlobalEventHandlersEventMap[^{]*\{([^}]*)\}/.exec(source)?.[1] ?? '';
  for (const m of globalBlock.matchAll(/'([a-z][a-z0-9-]*)'\s*:/g)) names.add(m[1]!);
  for (const m of source.matchAll(/new CustomEvent(?:<[^>]*>)?\(\s*'([a-z][a-z0-9-]*)'/g)) names.add(m[1]!);
  for (const name of FORWARDED[tag] ?? []) names.add(name);
  return [...names];
}

/**
 * Elements whose @event JSDoc has no `{CustomEvent<Detail>}` yet (their owners are editing them):
 * reported as a diagnostic instead of failing. Remove an entry once its JSDoc is typed.
 */
const KNOWN_UNTYPED: Partial<Record<Tag, true>> = {};

/** `onFoo: 'foo'` pairs in a generated wrapper. */
function wrapperEvents(tag: Tag): Map<string, string> {
  const source = readFileSync(path.join(root, 'src/react', `${tag}.ts`), 'utf8');
  return new Map([...source.matchAll(/^\s*(on[A-Za-z0-9]+): '([a-z0-9-]+)' as EventName</gm)].map((m) => [m[2]!, m[1]!]));
}

describe('React wrappers (live-elements/react)', () => {
  const manifest = readManifest();
  const elements = manifestElements(manifest);

  it('are current with custom-elements.json (npm run make:react)', () => {
    assert.deepEqual(stale(generate(manifest)), []);
  });

  for (const tag of TAGS) {
    it(`<${tag}>: every event it fires is in the manifest, typed, and has an on… prop`, (t) => {
      const element = elements.get(tag);
      assert.ok(element, `<${tag}> is missing from custom-elements.json`);
      const inManifest = new Set((element.events ?? []).map((e) => e.name));
      const fired = declaredEvents(tag);
      assert.ok(fired.length > 0 || inManifest.size > 0, `no events found for <${tag}>`);
      const undocumented = fired.filter((name) => !inManifest.has(name));
      assert.deepEqual(undocumented, [], `<${tag}> fires events its JSDoc (@event) does not document`);
      const props = wrapperEvents(tag);
      const missing = [...new Set([...fired, ...inManifest])].filter((name) => props.get(name) !== reactEventProp(name));
      assert.deepEqual(missing, [], `<${tag}>: events without a React prop`);
      const untyped = (element.events ?? []).filter((e) => !/^CustomEvent<.+>$/.test(e.type?.text ?? '')).map((e) => e.name);
      if (KNOWN_UNTYPED[tag] && untyped.length > 0) t.diagnostic(`<${tag}>: events without a detail type in the manifest (known gap, owner to fix): ${untyped.join(', ')}`);
      else assert.deepEqual(untyped, [], `<${tag}>: events without a detail type in the manifest (write @event {CustomEvent<Detail>} name - …)`);
    });
  }
});
