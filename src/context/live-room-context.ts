import { createContext } from '@lit/context';
import type { LiveRoomStore } from '../core/store/live-room-store.js';

/** Provided by `<live-room>`; consumed by the elements placed inside it. */
export const liveRoomContext = createContext<LiveRoomStore | undefined>(Symbol.for('live-elements/live-room-store'));
