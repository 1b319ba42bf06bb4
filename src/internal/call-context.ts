import { createContext } from '@lit/context';
import type { CallStore } from '../core/store/call-store.js';

/**
 * Provided by `<call-panel>` (the store it made or was given); consumed by elements placed inside
 * it. Kept beside the panel until it moves next to `liveRoomContext` in `src/context/`.
 */
export const callStoreContext = createContext<CallStore | undefined>(Symbol.for('live-elements/call-store'));
