import type { Emitter } from '../core/engines/types.js';

/**
 * Re-dispatches each named store event from `target` as a bubbling, composed `CustomEvent` of
 * the same name; returns the teardown. (Outside the element classes, so that the manifest lists
 * only the events their JSDoc documents.)
 */
export function forwardEvents<M>(target: EventTarget, source: Emitter<M>, names: readonly (keyof M & string)[]): Array<() => void> {
  return names.map((name) => source.on(name, (detail) => target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }))));
}
