/** The framework-free core: stores, engines, protocol, errors and validation. No Lit, no DOM. */
export * from './errors.js';
export * from './validation.js';
export * from './protocol/envelope.js';
export type * from './engines/types.js';
export { createLocalEngines } from './engines/local/index.js';
export { Store, type ReadableStore, type Listener } from './store/store.js';
export { Session, DEFAULT_LOCAL_SERVER, tokenUrlForServer, type SessionOptions, type SessionState, type EngineKind } from './store/session.js';
export { LiveRoomStore, type LiveRoomStoreOptions, type GiftBilling } from './store/live-room-store.js';
export type * from './store/live-room-types.js';
export { liveRoomEventNames } from './store/live-room-types.js';
export { CallStore, callEventNames, type CallState, type CallEvents, type CallType, type CallStatus, type CallEndReason, type CallStoreOptions } from './store/call-store.js';
export { OutboundQueue } from './policies/outbound-queue.js';
export { GiftCombo } from './policies/gift-combo.js';
export { LikeAggregator } from './policies/like-aggregator.js';
export { createLocalGiftBilling, fetchLocalGiftCatalog, fetchLocalGiftBalance } from './billing/local-billing.js';
export type * from './effects/types.js';
