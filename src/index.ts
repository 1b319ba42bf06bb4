/** Registers all five elements and exports the core. */
export * from './live-room.js';
export * from './barrage-layer.js';
export * from './gift-panel.js';
export * from './coanchor-queue.js';
export * from './call-panel.js';
export { preloadLanguage } from './internal/preload-language.js';
export * from './core/index.js';
export { liveRoomContext } from './context/live-room-context.js';
export { StoreController } from './context/store-controller.js';
