/**
 * Event types of the React wrappers' `on…` props, taken from the elements' own event maps, so
 * that `onGiftSend={(e) => e.detail.gift}` is typed.
 *
 * `<live-room>` and `<call-panel>` both fire `user-video-available` and `user-audio-available`
 * with different details; each wrapper uses its own element's map.
 */
import type { CallEvents } from '../core/store/call-store.js';
import type { LiveRoomEvents } from '../core/store/live-room-types.js';

/** An event of `<live-room>` (the store's TRTCLiveRoom callbacks as DOM events). */
export type LiveRoomEvent<K extends keyof LiveRoomEvents> = CustomEvent<LiveRoomEvents[K]>;
/** An event of `<call-panel>` (the TRTCCalling events as DOM events). */
export type CallPanelEvent<K extends keyof CallEvents> = CustomEvent<CallEvents[K]>;
/** An event that an element declares in `GlobalEventHandlersEventMap`. */
export type ElementEvent<K extends keyof GlobalEventHandlersEventMap> = GlobalEventHandlersEventMap[K];
