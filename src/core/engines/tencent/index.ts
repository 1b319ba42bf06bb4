/**
 * The production engines: Tencent RTC (media) and Tencent Cloud Chat (chat).
 *
 * Importing this module loads neither SDK: the engines are thin shells that fetch
 * `trtc-sdk-v5` and `@tencentcloud/chat` with dynamic `import()` on first use (bundlers emit
 * them as separate lazy chunks). It is also safe to import on a server (no DOM at import time).
 *
 *   import { enableTencentEngine } from 'live-elements/tencent';   // or: import 'live-elements/tencent/register'
 *   enableTencentEngine({ grantAnchor, privateMapKey });          // once, before creating sessions
 *   // then <live-room engine="tencent" sdk-app-id="…" token-url="/api/tencent/usersig" …>
 *
 * Without `enableTencentEngine()` a build carries no trace of the SDKs (they are optional peer
 * dependencies), and `engine="tencent"` fails with ENGINE_UNAVAILABLE in words.
 */
import type { Engines } from '../types.js';
import { TencentChatEngine } from './chat.js';
import { TencentMediaEngine } from './media.js';
import type { TencentEngineOptions } from './options.js';
import { loadChatSdk, loadTrtcSdk, type ChatSdk, type TrtcSdk } from './sdk.js';
import { provideTencentEngines } from './slot.js';

export { TencentChatEngine, type TencentChatEngineOptions } from './chat.js';
export { TencentMediaEngine, TRTC_MAX_ROOM_ID, type TencentMediaEngineOptions } from './media.js';
// The effects managers are fetched when first asked for (`TencentMediaEngine.createBeautyManager()`).
export type { TencentBeautyManager } from './beauty.js';
export type { TencentAudioEffectManager } from './audio-effects.js';
export { AttributeWriter, AttributeLimits } from './attribute-writer.js';
export { chatError, trtcError } from './errors.js';
export type { TencentEngineOptions } from './options.js';
export type { ChatClient, ChatSdk, ChatStatic, TrtcClient, TrtcPlugin, TrtcSdk, TrtcStatic } from './sdk.js';
export { loadChatSdk, loadTrtcSdk };

export interface TencentEngineLoaders {
  /** Loads TRTC (default: the SDK's ESM build, dynamic import). */
  loadTrtc?: () => Promise<TrtcSdk>;
  /** Loads the chat SDK (default: its ESM core + group module, dynamic import). */
  loadChat?: () => Promise<ChatSdk>;
}

/** Creates both engines, synchronously; nothing is loaded until they are used. */
export function createTencentEngines(options: TencentEngineOptions = {}, loaders: TencentEngineLoaders = {}): Engines & { media: TencentMediaEngine; chat: TencentChatEngine } {
  return {
    media: new TencentMediaEngine({ ...options, loadSdk: loaders.loadTrtc ?? loadTrtcSdk }),
    chat: new TencentChatEngine({ ...options, loadSdk: loaders.loadChat ?? loadChatSdk }),
  };
}

/**
 * Lets `Session` (and so `<live-room engine="tencent">` / `<call-panel engine="tencent">`) use the
 * Tencent engines. `defaults` apply to every session (a session's own options win).
 */
export function enableTencentEngine(defaults: TencentEngineOptions = {}, loaders: TencentEngineLoaders = {}): void {
  provideTencentEngines((options) => createTencentEngines({ ...defaults, ...definedOnly(options) }, loaders));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
