/**
 * The parts of the two Tencent SDKs the adapters use, typed with the SDKs' own `.d.ts`
 * (`import type` only: nothing here loads an SDK), and the loaders that fetch the SDKs' ESM
 * builds with dynamic `import()` on first use.
 *
 * Tests hand the adapters scripted fakes that implement these same `Pick<…>` types, so a call
 * the real SDK would not accept does not compile.
 */
import type TencentCloudChat from '@tencentcloud/chat';
import type { ChatSDK } from '@tencentcloud/chat';
import type { AudioMixerOptions, TRTC, TRTCEventTypes, TRTCOptions } from 'trtc-sdk-v5';
import type { VoiceChangerStartOptions, VoiceChangerUpdateOptions } from 'trtc-sdk-v5/plugins/voice-changer/voice-changer.esm.js';

/* ───────────── TRTC (trtc-sdk-v5) ───────────── */

/** The instance methods of `TRTC` the media adapter calls (`on` / `off` without their `this` return). */
export type TrtcClient = TrtcEvents & Pick<TRTC, TrtcMethod> & TrtcVoiceChangerCalls;

type TrtcMethod =
  | 'enterRoom'
  | 'exitRoom'
  | 'switchRole'
  | 'destroy'
  | 'startLocalAudio'
  | 'updateLocalAudio'
  | 'stopLocalAudio'
  | 'startLocalVideo'
  | 'updateLocalVideo'
  | 'stopLocalVideo'
  | 'startRemoteVideo'
  | 'stopRemoteVideo'
  | 'muteRemoteAudio'
  | 'startPlugin'
  | 'updatePlugin'
  | 'stopPlugin'
  | 'use'
  | 'getAudioTrack'
  | 'getVideoTrack'
  | 'enableAudioVolumeEvaluation';

/**
 * The VoiceChanger plugin's calls. The SDK's `.d.ts` leaves VoiceChanger out of its plugin option
 * maps; these take the plugin's own option types (`plugins/voice-changer`).
 */
export interface TrtcVoiceChangerCalls {
  startPlugin(plugin: 'VoiceChanger', options: VoiceChangerStartOptions): Promise<unknown>;
  updatePlugin(plugin: 'VoiceChanger', options: VoiceChangerUpdateOptions): Promise<unknown>;
  stopPlugin(plugin: 'VoiceChanger'): Promise<unknown>;
}

/**
 * AudioMixer's start options with the callbacks its runtime (5.17) accepts and checks (they must
 * be functions) but its `.d.ts` leaves out: position and duration in seconds, and the end of a
 * pass (not fired while `loop` is on).
 */
export interface AudioMixerStartOptions extends AudioMixerOptions {
  onTimeUpdate?: (currentTime: number, duration: number) => void;
  onDurationChange?: (duration: number) => void;
  onEnded?: () => void;
}

/** A plugin class as `TRTC.create({ plugins })` and `trtc.use()` take it. */
export type TrtcPlugin = NonNullable<TRTCOptions['plugins']>[number];

/** `TRTC#on` / `TRTC#off`, the same parameters (the SDK's event map), any return. */
export interface TrtcEvents {
  on<T extends keyof TRTCEventTypes>(event: T, handler: (...args: TRTCEventTypes[T]) => void, context?: unknown): unknown;
  off<T extends keyof TRTCEventTypes>(event: T | '*', handler: T extends '*' ? never : (...args: TRTCEventTypes[T]) => void, context?: unknown): unknown;
}

type TrtcClass = typeof TRTC;

/** The static side of `TRTC` the media adapter uses (`TRTC.create`, constants, device lists). */
export interface TrtcStatic extends Pick<TrtcClass, 'getCameraList' | 'getMicrophoneList' | 'getSpeakerList' | 'setCurrentSpeaker'> {
  create(options?: TRTCOptions): TrtcClient;
  readonly EVENT: Pick<
    TrtcClass['EVENT'],
    | 'ERROR'
    | 'AUTOPLAY_FAILED'
    | 'KICKED_OUT'
    | 'REMOTE_USER_ENTER'
    | 'REMOTE_USER_EXIT'
    | 'REMOTE_AUDIO_AVAILABLE'
    | 'REMOTE_AUDIO_UNAVAILABLE'
    | 'REMOTE_VIDEO_AVAILABLE'
    | 'REMOTE_VIDEO_UNAVAILABLE'
    | 'NETWORK_QUALITY'
    | 'CONNECTION_STATE_CHANGED'
    | 'TRACK'
    | 'AUDIO_VOLUME'
  >;
  readonly TYPE: Pick<TrtcClass['TYPE'], 'SCENE_LIVE' | 'SCENE_RTC' | 'ROLE_ANCHOR' | 'ROLE_AUDIENCE' | 'STREAM_TYPE_MAIN'>;
}

/** Plugins the effects managers fetch and register (`trtc.use()`) on first use. */
export type OnDemandPlugin = 'BasicBeauty' | 'VoiceChanger';

/**
 * What the TRTC loader returns: the SDK, the plugins to create clients with (CrossRoom for PK),
 * and the plugins fetched only when first used.
 */
export interface TrtcSdk {
  TRTC: TrtcStatic;
  plugins: NonNullable<TRTCOptions['plugins']>;
  /**
   * Loads a plugin registered with `trtc.use()` when first needed: BasicBeauty (~38 KB gzip) on
   * the first beauty level above 0, VoiceChanger (~86 KB gzip) on the first voice change, so
   * neither is part of every Tencent page (a viewer never fetches them). Absent, or without a
   * loader for a plugin: that effect is unavailable.
   */
  loadPlugin?: Partial<Record<OnDemandPlugin, () => Promise<TrtcPlugin>>>;
}

/**
 * Loads `trtc-sdk-v5`'s ESM build with its CrossRoom (PK) plugin. Bundlers split them into lazy
 * chunks; nothing is fetched until the Tencent media engine is first used, and the effects
 * plugins not until an effect is asked for.
 */
export async function loadTrtcSdk(): Promise<TrtcSdk> {
  const [trtc, crossRoom] = await Promise.all([import('trtc-sdk-v5/trtc.esm.js'), import('trtc-sdk-v5/plugins/cross-room/cross-room.esm.js')]);
  return {
    TRTC: trtc.default,
    plugins: [crossRoom.CrossRoom],
    loadPlugin: {
      BasicBeauty: async () => (await import('trtc-sdk-v5/plugins/video-effect/basic-beauty/basic-beauty.esm.js')).BasicBeauty,
      // The SDK's plugin union leaves VoiceChanger out; `use()` takes it all the same.
      VoiceChanger: async () => (await import('trtc-sdk-v5/plugins/voice-changer/voice-changer.esm.js')).VoiceChanger as unknown as TrtcPlugin,
    },
  };
}

/* ───────────── Tencent Cloud Chat (@tencentcloud/chat) ───────────── */

/** The methods of the chat SDK instance the chat adapter calls. */
export type ChatClient = Pick<
  ChatSDK,
  | 'login'
  | 'logout'
  | 'isReady'
  | 'destroy'
  | 'on'
  | 'off'
  | 'setLogLevel'
  | 'createTextMessage'
  | 'createCustomMessage'
  | 'sendMessage'
  | 'getMyProfile'
  | 'updateMyProfile'
  | 'getGroupProfile'
  | 'createGroup'
  | 'dismissGroup'
  | 'updateGroupProfile'
  | 'joinGroup'
  | 'quitGroup'
  | 'getGroupOnlineMemberCount'
  | 'getGroupAttributes'
  | 'setGroupAttributes'
  | 'getGroupMemberList'
  | 'deleteGroupMember'
  | 'setGroupMemberMuteTime'
  | 'setGroupMemberRole'
  | 'getGroupCounters'
>;

type ChatNamespace = typeof TencentCloudChat;
/** A value of the SDK's `TYPES` enum (message types, priorities, roles…). */
export type ChatType = TencentCloudChat.TYPES;
export type ChatCreateOptions = Parameters<ChatNamespace['create']>[0];

/** The static side of `TencentCloudChat` the chat adapter uses. */
export interface ChatStatic {
  /** `modules` is how the ESM core takes the group module (not in the SDK's `.d.ts`). */
  create(options: ChatCreateOptions & { modules?: Record<string, unknown> }): ChatClient;
  readonly EVENT: ChatNamespace['EVENT'];
  readonly TYPES: ChatNamespace['TYPES'];
}

export interface ChatSdk {
  TencentCloudChat: ChatStatic;
  /** Passed to `create` as `modules` (the ESM core has no groups without it). */
  modules: Record<string, unknown>;
}

/**
 * Loads `@tencentcloud/chat`'s ESM core and its group module. Note: the SDK's `create()` opens
 * sockets at once, so the adapter calls it only when logging in.
 */
export async function loadChatSdk(): Promise<ChatSdk> {
  const [chat, group] = await Promise.all([import('@tencentcloud/chat/index.es.js'), import('@tencentcloud/chat/modules/group-module.js')]);
  const TencentCloudChat: ChatStatic = {
    create: (options) => chat.default.create(options),
    EVENT: chat.default.EVENT,
    TYPES: chat.default.TYPES,
  };
  return { TencentCloudChat, modules: { 'group-module': group.default } };
}
