/** The framework-free core: stores, engines, protocol, errors and validation. No Lit, no DOM. */
export * from './errors.js';
export * from './validation.js';
export * from './protocol/envelope.js';
export type * from './engines/types.js';
export { createLocalEngines } from './engines/local/index.js';
export { Store, type ReadableStore, type Listener } from './store/store.js';
export { Session, DEFAULT_LOCAL_SERVER, tokenUrlForServer, type SessionOptions, type SessionState, type EngineKind } from './store/session.js';
export { LiveRoomStore, type LiveRoomState, type LiveRoomEvents, type AnchorInfo, type ChatLine, type RoomPhase } from './store/live-room-store.js';
