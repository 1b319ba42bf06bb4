/**
 * Scripted fakes of the two Tencent SDKs, for the engine contract and the adapters' own tests.
 *
 * `FakeTRTC` implements the adapters' `TrtcClient` (a `Pick` of `TRTC` from trtc-sdk-v5's own
 * `.d.ts`) and `FakeChat` implements `ChatClient` (a `Pick` of the chat SDK's `ChatSDK`), so a
 * method the SDKs do not have, or a call with arguments they would not take, does not compile.
 * Behind them a `FakeTencentCloud` plays the cloud: rooms with roles and published tracks (real
 * MediaStreamTracks from the fake camera, cloned for subscribers), AVChatRoom groups with
 * members, tips, attributes and their limits, mutes, bans, C2C messages and kicks. `script`
 * makes calls hang or fail, for the timeout paths. TRTC's plugins are played too: CrossRoom,
 * BasicBeauty, AudioMixer (with its sources cached per ID, as the SDK does, and the callbacks a
 * test fires through `mixer`) and VoiceChanger (registered with `use()`, a paid feature:
 * `cloud.voiceChangerPackage`); every plugin call is in `pluginCalls`.
 */
import type { ChatSDK, Message } from '@tencentcloud/chat';
import type {
  BasicBeautyOptions,
  EnterRoomConfig,
  LocalAudioConfig,
  LocalVideoConfig,
  RemoteVideoConfig,
  StopRemoteVideoConfig,
  TRTC,
  TRTCEventTypes,
  TRTCOptions,
  UpdateAudioMixerOptions,
  UpdateLocalAudioConfig,
} from 'trtc-sdk-v5';
import type { AudioMixerStartOptions, ChatClient, ChatSdk, ChatStatic, TrtcClient, TrtcSdk, TrtcStatic } from '../../src/core/engines/tencent/sdk.js';

/* ───────────── constants (checked against the real SDKs in tencent-adapters.wtr-test.ts) ───────────── */

export const FAKE_TRTC_EVENT = {
  ERROR: 'error',
  AUTOPLAY_FAILED: 'autoplay-failed',
  KICKED_OUT: 'kicked-out',
  REMOTE_USER_ENTER: 'remote-user-enter',
  REMOTE_USER_EXIT: 'remote-user-exit',
  REMOTE_AUDIO_AVAILABLE: 'remote-audio-available',
  REMOTE_AUDIO_UNAVAILABLE: 'remote-audio-unavailable',
  REMOTE_VIDEO_AVAILABLE: 'remote-video-available',
  REMOTE_VIDEO_UNAVAILABLE: 'remote-video-unavailable',
  NETWORK_QUALITY: 'network-quality',
  CONNECTION_STATE_CHANGED: 'connection-state-changed',
  TRACK: 'track',
  AUDIO_VOLUME: 'audio-volume',
} as const satisfies TrtcStatic['EVENT'];

export const FAKE_TRTC_TYPE = {
  SCENE_LIVE: 'live',
  SCENE_RTC: 'rtc',
  ROLE_ANCHOR: 'anchor',
  ROLE_AUDIENCE: 'audience',
  STREAM_TYPE_MAIN: 'main',
} as const;

export const FAKE_CHAT_EVENT = {
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  MESSAGE_RECEIVED: 'onMessageReceived',
  GROUP_ATTRIBUTES_UPDATED: 'groupAttributesUpdated',
  GROUP_COUNTER_UPDATED: 'onGroupCounterUpdated',
  KICKED_OUT: 'kickedOut',
  ERROR: 'error',
  NET_STATE_CHANGE: 'netStateChange',
} as const;

export const FAKE_CHAT_TYPES = {
  MSG_TEXT: 'TIMTextElem',
  MSG_CUSTOM: 'TIMCustomElem',
  MSG_GRP_TIP: 'TIMGroupTipElem',
  MSG_GRP_SYS_NOTICE: 'TIMGroupSystemNoticeElem',
  MSG_PRIORITY_HIGH: 'High',
  MSG_PRIORITY_NORMAL: 'Normal',
  MSG_PRIORITY_LOW: 'Low',
  MSG_PRIORITY_LOWEST: 'Lowest',
  CONV_C2C: 'C2C',
  CONV_GROUP: 'GROUP',
  CONV_SYSTEM: '@TIM#SYSTEM',
  GRP_AVCHATROOM: 'AVChatRoom',
  GRP_MBR_ROLE_OWNER: 'Owner',
  GRP_MBR_ROLE_ADMIN: 'Admin',
  GRP_MBR_ROLE_MEMBER: 'Member',
  KICKED_OUT_MULT_ACCOUNT: 'multipleAccount',
  KICKED_OUT_MULT_DEVICE: 'multipleDevice',
  KICKED_OUT_USERSIG_EXPIRED: 'userSigExpired',
  KICKED_OUT_REST_API: 'REST_API_Kick',
  NET_STATE_CONNECTED: 'connected',
  NET_STATE_CONNECTING: 'connecting',
  NET_STATE_DISCONNECTED: 'disconnected',
  JOIN_STATUS_SUCCESS: 'JoinedSuccess',
  JOIN_STATUS_ALREADY_IN_GROUP: 'AlreadyInGroup',
  JOIN_STATUS_WAIT_APPROVAL: 'WaitAdminApproval',
  GRP_TIP_MBR_JOIN: 1,
  GRP_TIP_MBR_QUIT: 2,
  GRP_TIP_MBR_KICKED_OUT: 3,
  GRP_TIP_MBR_SET_ADMIN: 4,
  GRP_TIP_MBR_CANCELED_ADMIN: 5,
  GRP_TIP_GRP_PROFILE_UPDATED: 6,
  GRP_TIP_MBR_PROFILE_UPDATED: 7,
} as const;

/** An error as the SDKs throw them: `code` (+ `extraCode` for TRTC) and a message. */
export function sdkError(code: number, message: string, extraCode?: number): Error & { code: number; extraCode?: number } {
  return Object.assign(new Error(message), { code, ...(extraCode !== undefined ? { extraCode } : {}) });
}

const later = (fn: () => void, ms = 0) => setTimeout(fn, ms);
const never = <T>() => new Promise<T>(() => undefined);

/* ───────────── the cloud ───────────── */

export type ScriptedBehaviour = 'hang' | 'fail' | undefined;

/** A plugin call to fail (`code`, default 5500) or hang: by plugin name and, optionally, operation. */
export interface ScriptedPluginFailure {
  plugin: string;
  op?: 'start' | 'update' | 'stop';
  behaviour?: 'fail' | 'hang';
  code?: number;
  extraCode?: number;
  message?: string;
}

export interface FakeGroup {
  id: string;
  ownerId: string;
  name: string;
  avatar: string;
  createdAt: number;
  members: Map<string, { joinedAt: number; muteUntil: number; role: 'Owner' | 'Admin' | 'Member' }>;
  attributes: Record<string, string>;
  muteAll: boolean;
  banned: Map<string, number>;
  seq: number;
}

interface FakeRoomMember {
  client: FakeTRTC;
  role: 'anchor' | 'audience';
}

export class FakeTencentCloud {
  readonly sdkAppId = 1400000001;
  /** Scripted behaviours: `hang` never answers, `fail` answers with the network error. */
  readonly script: { enterRoom?: ScriptedBehaviour; login?: ScriptedBehaviour; setGroupAttributes?: ScriptedBehaviour; plugin?: ScriptedPluginFailure } = {};
  /** Whether the application's package includes VoiceChanger (else the SDK answers 5401). */
  voiceChangerPackage = true;
  /** How often the VoiceChanger plugin was fetched. */
  voiceChangerLoads = 0;
  /** How often the BasicBeauty plugin was fetched (on the first beauty level above 0). */
  basicBeautyLoads = 0;
  readonly chats = new Map<string, FakeChat>();
  readonly profiles = new Map<string, { nick: string; avatar: string }>();
  readonly groups = new Map<string, FakeGroup>();
  readonly rooms = new Map<string, Map<string, FakeRoomMember>>();
  /** Every TRTC.create() options and every SDK call, for assertions. */
  readonly trtcCreated: TRTCOptions[] = [];
  readonly calls: string[] = [];
  /** setGroupAttributes calls per user, for the rate limit (10 per 5 s). */
  readonly attributeWrites = new Map<string, number[]>();
  readonly singletons = new Map<number, FakeChat>();
  readonly trtcClients: FakeTRTC[] = [];
  readonly chatsCreated: FakeChat[] = [];
  /** Entries held by `script.enterRoom = 'hang'`; `releaseHung()` ends them (the network came back, too late). */
  readonly hung: Array<(error: unknown) => void> = [];

  releaseHung(): void {
    for (const reject of this.hung.splice(0)) reject(sdkError(5500, 'join timed out inside the SDK', 5501));
  }

  userSig(userId: string): string {
    return `fake-sig:${this.sdkAppId}:${userId}`;
  }

  /**
   * The chat SDK. `singleton`: like the real `create()`, one instance per SDKAppID (the contract
   * runs several users in one page, so it takes a new instance per `create()` instead).
   */
  chatSdk(options: { singleton?: boolean } = {}): ChatSdk {
    const cloud = this;
    const TencentCloudChat: ChatStatic = {
      create: (o) => {
        let chat = options.singleton ? cloud.singletons.get(o.SDKAppID) : undefined;
        if (!chat || chat.destroyed) {
          chat = new FakeChat(cloud, o.SDKAppID);
          cloud.chatsCreated.push(chat);
          if (options.singleton) cloud.singletons.set(o.SDKAppID, chat);
        }
        return chat;
      },
      EVENT: FAKE_CHAT_EVENT as unknown as ChatStatic['EVENT'],
      TYPES: FAKE_CHAT_TYPES as unknown as ChatStatic['TYPES'],
    };
    return { TencentCloudChat, modules: { 'group-module': class FakeGroupModule {} } };
  }

  trtcSdk(): TrtcSdk {
    const cloud = this;
    const devices = async (kind: MediaDeviceKind) => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === kind);
    const TRTCStatic: TrtcStatic = {
      create: (options?: TRTCOptions) => {
        cloud.trtcCreated.push(options ?? {});
        const client = new FakeTRTC(cloud, options?.plugins ?? []);
        cloud.trtcClients.push(client);
        return client;
      },
      EVENT: FAKE_TRTC_EVENT,
      TYPE: FAKE_TRTC_TYPE as unknown as TrtcStatic['TYPE'],
      getCameraList: () => devices('videoinput'),
      getMicrophoneList: () => devices('audioinput'),
      getSpeakerList: () => devices('audiooutput'),
      setCurrentSpeaker: async () => undefined,
    };
    // Stand-ins for the plugin classes (the fake handles the plugins by name itself).
    return {
      TRTC: TRTCStatic,
      plugins: [FakeCrossRoom as unknown as TrtcPlugin],
      loadPlugin: {
        BasicBeauty: async () => {
          cloud.basicBeautyLoads++;
          return FakeBasicBeauty as unknown as TrtcPlugin;
        },
        VoiceChanger: async () => {
          cloud.voiceChangerLoads++;
          return FakeVoiceChanger as unknown as TrtcPlugin;
        },
      },
    };
  }

  /* chat side */

  deliver(userId: string, event: string, data: unknown): void {
    this.chats.get(userId)?.fire(event, data);
  }

  broadcast(group: FakeGroup, event: string, data: unknown, except?: string): void {
    for (const userId of group.members.keys()) if (userId !== except) this.deliver(userId, event, data);
  }

  tip(group: FakeGroup, operatorId: string, payload: Record<string, unknown>, except?: string): void {
    const message = fakeMessage({
      type: FAKE_CHAT_TYPES.MSG_GRP_TIP,
      conversationType: FAKE_CHAT_TYPES.CONV_GROUP,
      to: group.id,
      from: '@TIM#SYSTEM',
      payload: { operatorID: operatorId, groupProfile: { groupID: group.id }, memberNum: group.members.size, ...payload },
    });
    this.broadcast(group, FAKE_CHAT_EVENT.MESSAGE_RECEIVED, [message], except);
  }

  /* media side */

  roomKey(config: { roomId?: number; strRoomId?: string }): string {
    return config.strRoomId !== undefined ? `s:${config.strRoomId}` : `n:${config.roomId}`;
  }

  /** The server kicks a user out of their TRTC room (RemoveUser / DismissRoom / same user). */
  kickFromRoom(userId: string, reason: 'kick' | 'banned' | 'room_disband'): void {
    for (const room of this.rooms.values()) {
      const member = room.get(userId);
      if (member) {
        member.client.leaveRoom();
        member.client.fire('kicked-out', { reason: reason as never });
      }
    }
  }
}

class FakeCrossRoom {
  static Name = 'CrossRoom';
}
class FakeBasicBeauty {
  static Name = 'BasicBeauty';
}
class FakeVoiceChanger {
  static Name = 'VoiceChanger';
}

type TrtcPlugin = TrtcSdk['plugins'][number];

/** A source in the fake AudioMixer, with the callbacks the kit gave it (a test fires them). */
export interface FakeMixerSource {
  url: string;
  loop: boolean;
  volume: number;
  paused: boolean;
  /** Seconds, as AudioMixer seeks. */
  position: number;
  onTimeUpdate?: (currentTime: number, duration: number) => void;
  onDurationChange?: (duration: number) => void;
  onEnded?: () => void;
}

export function fakeMessage(fields: Record<string, unknown>): Message {
  return { ID: `m-${Math.random().toString(36).slice(2)}`, time: Math.floor(Date.now() / 1000), sequence: 0, nick: '', avatar: '', priority: 'Normal', ...fields } as unknown as Message;
}

/* ───────────── chat ───────────── */

type ChatArg<K extends keyof ChatSDK> = Parameters<ChatSDK[K]>[0];

export class FakeChat implements ChatClient {
  #cloud: FakeTencentCloud;
  #handlers = new Map<string, Set<Function>>();
  userId?: string;
  ready = false;
  destroyed = false;
  logLevel = 0;

  constructor(cloud: FakeTencentCloud, readonly sdkAppId: number) {
    this.#cloud = cloud;
  }

  fire(event: string, data: unknown): void {
    later(() => {
      for (const handler of [...(this.#handlers.get(event) ?? [])]) handler({ name: event, data });
    });
  }

  on(eventName: string, handler: Function): void {
    let set = this.#handlers.get(eventName);
    if (!set) this.#handlers.set(eventName, (set = new Set()));
    set.add(handler);
  }

  off(eventName: string, handler: Function): void {
    this.#handlers.get(eventName)?.delete(handler);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.#handlers.values()) n += set.size;
    return n;
  }

  setLogLevel(level: number): void {
    this.logLevel = level;
  }

  isReady(): boolean {
    return this.ready;
  }

  #me(): string {
    if (!this.userId || !this.ready) throw sdkError(2024, 'not logged in');
    return this.userId;
  }

  async login(options: ChatArg<'login'>): Promise<unknown> {
    this.#cloud.calls.push(`chat.login:${options.userID}`);
    if (this.#cloud.script.login === 'hang') return never();
    if (this.#cloud.script.login === 'fail') throw sdkError(2801, 'request timed out');
    if (options.userSig === `expired:${options.userID}`) throw sdkError(70001, 'userSig expired');
    if (options.userSig !== this.#cloud.userSig(options.userID)) throw sdkError(70013, 'userSig verification failed');
    const previous = this.#cloud.chats.get(options.userID);
    if (previous && previous !== this) {
      previous.fire(FAKE_CHAT_EVENT.KICKED_OUT, { type: FAKE_CHAT_TYPES.KICKED_OUT_MULT_ACCOUNT });
      previous.#leaveAll();
      previous.ready = false;
    }
    this.userId = options.userID;
    this.#cloud.chats.set(options.userID, this);
    if (!this.#cloud.profiles.has(options.userID)) this.#cloud.profiles.set(options.userID, { nick: '', avatar: '' });
    later(() => {
      this.ready = true;
      this.fire(FAKE_CHAT_EVENT.SDK_READY, {});
      this.fire(FAKE_CHAT_EVENT.NET_STATE_CHANGE, { state: FAKE_CHAT_TYPES.NET_STATE_CONNECTED });
    }, 5);
    return { data: { repeatLogin: false } };
  }

  #leaveAll(): void {
    const userId = this.userId;
    if (!userId) return;
    for (const group of this.#cloud.groups.values()) {
      if (!group.members.delete(userId)) continue;
      this.#cloud.tip(group, userId, { operationType: FAKE_CHAT_TYPES.GRP_TIP_MBR_QUIT, userIDList: [userId] });
    }
    if (this.#cloud.chats.get(userId) === this) this.#cloud.chats.delete(userId);
  }

  async logout(): Promise<void> {
    this.#leaveAll();
    this.ready = false;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.#handlers.clear();
  }

  /** The server kicks this user offline (REST API, UserSig expired…). */
  kick(type: string): void {
    this.fire(FAKE_CHAT_EVENT.KICKED_OUT, { type });
    this.#leaveAll();
    this.ready = false;
  }

  /* messages */

  createTextMessage(options: ChatArg<'createTextMessage'>): Message {
    return this.#create(FAKE_CHAT_TYPES.MSG_TEXT, options);
  }

  createCustomMessage(options: ChatArg<'createCustomMessage'>): Message {
    return this.#create(FAKE_CHAT_TYPES.MSG_CUSTOM, options);
  }

  #create(type: string, options: ChatArg<'createTextMessage'>): Message {
    const from = this.#me();
    if (!options.to) throw sdkError(2007, 'no receiver');
    const profile = this.#cloud.profiles.get(from);
    return fakeMessage({ type, from, to: options.to, conversationType: options.conversationType, priority: options.priority ?? 'Normal', payload: options.payload, nick: profile?.nick ?? '', avatar: profile?.avatar ?? '' });
  }

  async sendMessage(message: Message): Promise<unknown> {
    const from = this.#me();
    const m = message as unknown as { conversationType: string; to: string; priority: string; sequence: number; time: number; payload: { text?: string; data?: string } };
    const size = (m.payload.text ?? m.payload.data ?? '').length;
    if (size > 12 * 1024) throw sdkError(80002, 'message too long');
    if (m.conversationType === FAKE_CHAT_TYPES.CONV_GROUP) {
      const group = this.#cloud.groups.get(m.to);
      if (!group) throw sdkError(10010, 'group does not exist');
      const member = group.members.get(from);
      if (!member) throw sdkError(10007, 'not a member');
      const moderator = member.role !== 'Member';
      if (member.muteUntil > Date.now() || (group.muteAll && !moderator)) throw sdkError(10017, 'muted');
      m.sequence = ++group.seq;
      m.time = Math.floor(Date.now() / 1000);
      this.#cloud.broadcast(group, FAKE_CHAT_EVENT.MESSAGE_RECEIVED, [message], from);
    } else {
      if (!this.#cloud.chats.get(m.to)) throw sdkError(20003, 'receiver offline or unknown');
      m.time = Math.floor(Date.now() / 1000);
      this.#cloud.deliver(m.to, FAKE_CHAT_EVENT.MESSAGE_RECEIVED, [message]);
    }
    return { data: { message } };
  }

  /* profile */

  async getMyProfile(): Promise<unknown> {
    const me = this.#me();
    return { data: { userID: me, ...this.#cloud.profiles.get(me) } };
  }

  async updateMyProfile(options: ChatArg<'updateMyProfile'>): Promise<unknown> {
    const me = this.#me();
    const profile = this.#cloud.profiles.get(me) ?? { nick: '', avatar: '' };
    if (options.nick !== undefined) profile.nick = options.nick;
    if (options.avatar !== undefined) profile.avatar = options.avatar;
    this.#cloud.profiles.set(me, profile);
    return { data: { userID: me, ...profile } };
  }

  /* groups */

  #group(groupID: string): FakeGroup {
    const group = this.#cloud.groups.get(groupID);
    if (!group) throw sdkError(10010, 'group does not exist');
    return group;
  }

  #moderator(group: FakeGroup, userId: string): void {
    const role = group.members.get(userId)?.role ?? (group.ownerId === userId ? 'Owner' : undefined);
    if (role !== 'Owner' && role !== 'Admin') throw sdkError(10007, 'permission denied');
  }

  #profileOf(group: FakeGroup): Record<string, unknown> {
    return { groupID: group.id, name: group.name, avatar: group.avatar, ownerID: group.ownerId, createTime: String(Math.floor(group.createdAt / 1000)), memberCount: group.members.size, muteAllMembers: group.muteAll, type: 'AVChatRoom' };
  }

  async getGroupProfile(options: ChatArg<'getGroupProfile'>): Promise<unknown> {
    this.#me();
    return { data: { group: this.#profileOf(this.#group(options.groupID)) } };
  }

  async createGroup(options: ChatArg<'createGroup'>): Promise<unknown> {
    const me = this.#me();
    if (options.type !== (FAKE_CHAT_TYPES.GRP_AVCHATROOM as unknown)) throw sdkError(10004, 'the kit creates AVChatRooms only');
    const id = options.groupID ?? `@TGS#${Math.random().toString(36).slice(2)}`;
    const existing = this.#cloud.groups.get(id);
    if (existing) throw existing.ownerId === me ? sdkError(10025, 'group id used by you') : sdkError(10021, 'group id used');
    const group: FakeGroup = { id, ownerId: me, name: options.name, avatar: options.avatar ?? '', createdAt: Date.now(), members: new Map(), attributes: {}, muteAll: false, banned: new Map(), seq: 0 };
    this.#cloud.groups.set(id, group);
    return { data: { group: this.#profileOf(group) } };
  }

  async dismissGroup(groupID: string): Promise<unknown> {
    const me = this.#me();
    const group = this.#group(groupID);
    if (group.ownerId !== me) throw sdkError(10007, 'only the owner can dismiss');
    const notice = fakeMessage({ type: FAKE_CHAT_TYPES.MSG_GRP_SYS_NOTICE, conversationType: FAKE_CHAT_TYPES.CONV_SYSTEM, to: '', from: '@TIM#SYSTEM', payload: { operationType: 5, groupProfile: { groupID } } });
    this.#cloud.broadcast(group, FAKE_CHAT_EVENT.MESSAGE_RECEIVED, [notice], me);
    this.#cloud.groups.delete(groupID);
    return { data: { groupID } };
  }

  async updateGroupProfile(options: ChatArg<'updateGroupProfile'>): Promise<unknown> {
    const me = this.#me();
    const group = this.#group(options.groupID);
    this.#moderator(group, me);
    if (options.muteAllMembers !== undefined) {
      group.muteAll = options.muteAllMembers;
      this.#cloud.tip(group, me, { operationType: FAKE_CHAT_TYPES.GRP_TIP_GRP_PROFILE_UPDATED, userIDList: [], newGroupProfile: { muteAllMembers: group.muteAll } });
    }
    return { data: { group: this.#profileOf(group) } };
  }

  async joinGroup(options: ChatArg<'joinGroup'>): Promise<unknown> {
    const me = this.#me();
    const group = this.#cloud.groups.get(options.groupID);
    if (!group) throw sdkError(10015, 'invalid group id');
    const ban = group.banned.get(me) ?? 0;
    if (ban > Date.now()) throw sdkError(10007, 'banned from the group');
    // AVChatRoom: one at a time (the real SDK quits the previous one).
    for (const other of this.#cloud.groups.values()) {
      if (other !== group && other.members.delete(me)) this.#cloud.tip(other, me, { operationType: FAKE_CHAT_TYPES.GRP_TIP_MBR_QUIT, userIDList: [me] });
    }
    if (group.members.has(me)) return { data: { status: FAKE_CHAT_TYPES.JOIN_STATUS_ALREADY_IN_GROUP, group: this.#profileOf(group) } };
    group.members.set(me, { joinedAt: Date.now(), muteUntil: 0, role: group.ownerId === me ? 'Owner' : 'Member' });
    const profile = this.#cloud.profiles.get(me);
    this.#cloud.tip(group, me, { operationType: FAKE_CHAT_TYPES.GRP_TIP_MBR_JOIN, userIDList: [me], memberList: [{ userID: me, nick: profile?.nick ?? '', avatar: profile?.avatar ?? '' }] }, me);
    return { data: { status: FAKE_CHAT_TYPES.JOIN_STATUS_SUCCESS, group: this.#profileOf(group) } };
  }

  async quitGroup(groupID: string): Promise<unknown> {
    const me = this.#me();
    const group = this.#group(groupID);
    if (group.members.delete(me)) this.#cloud.tip(group, me, { operationType: FAKE_CHAT_TYPES.GRP_TIP_MBR_QUIT, userIDList: [me] });
    return { data: { groupID } };
  }

  async getGroupOnlineMemberCount(groupID: string): Promise<unknown> {
    this.#cloud.calls.push(`chat.getGroupOnlineMemberCount:${groupID}:${this.#me()}`);
    return { data: { memberCount: this.#group(groupID).members.size } };
  }

  async getGroupAttributes(options: ChatArg<'getGroupAttributes'>): Promise<unknown> {
    const me = this.#me();
    const group = this.#group(options.groupID);
    if (!group.members.has(me)) throw sdkError(2642, 'join the AVChatRoom first');
    return { data: { groupAttributes: { ...group.attributes } } };
  }

  async setGroupAttributes(options: ChatArg<'setGroupAttributes'>): Promise<unknown> {
    const me = this.#me();
    this.#cloud.calls.push(`chat.setGroupAttributes:${options.groupID}`);
    if (this.#cloud.script.setGroupAttributes === 'hang') return never();
    const writes = (this.#cloud.attributeWrites.get(me) ?? []).filter((t) => Date.now() - t < 5000);
    if (writes.length >= 10) throw sdkError(2996, 'too many attribute writes');
    writes.push(Date.now());
    this.#cloud.attributeWrites.set(me, writes);
    const group = this.#group(options.groupID);
    if (!group.members.has(me)) throw sdkError(2642, 'join the AVChatRoom first');
    const next = { ...group.attributes, ...(options.groupAttributes as Record<string, string>) };
    if (Object.keys(next).length > 16) throw sdkError(10004, 'too many keys');
    group.attributes = next;
    this.#cloud.broadcast(group, FAKE_CHAT_EVENT.GROUP_ATTRIBUTES_UPDATED, { groupID: group.id, groupAttributes: { ...next } }, me);
    return { data: { groupAttributes: { ...next } } };
  }

  async getGroupMemberList(options: ChatArg<'getGroupMemberList'>): Promise<unknown> {
    this.#me();
    const group = this.#group(options.groupID);
    let members = [...group.members.entries()].sort((a, b) => b[1].joinedAt - a[1].joinedAt);
    if (options.role) members = members.filter(([, m]) => m.role === options.role);
    // AVChatRoom style: an opaque string cursor.
    const start = typeof options.offset === 'string' && options.offset.startsWith('c:') ? Number(options.offset.slice(2)) : 0;
    const count = options.count ?? 15;
    const page = members.slice(start, start + count);
    const next = start + count < members.length ? `c:${start + count}` : '';
    return {
      data: {
        memberList: page.map(([userID, m]) => ({ userID, nick: this.#cloud.profiles.get(userID)?.nick ?? '', avatar: this.#cloud.profiles.get(userID)?.avatar ?? '', joinTime: Math.floor(m.joinedAt / 1000), role: m.role, muteUntil: Math.floor(m.muteUntil / 1000) })),
        offset: next,
      },
    };
  }

  async deleteGroupMember(options: ChatArg<'deleteGroupMember'>): Promise<unknown> {
    const me = this.#me();
    const group = this.#group(options.groupID);
    this.#moderator(group, me);
    for (const userId of options.userIDList) {
      if (!group.members.delete(userId)) continue;
      if (options.duration) group.banned.set(userId, Date.now() + options.duration * 1000);
      this.#cloud.tip(group, me, { operationType: FAKE_CHAT_TYPES.GRP_TIP_MBR_KICKED_OUT, userIDList: [userId] });
      const notice = fakeMessage({ type: FAKE_CHAT_TYPES.MSG_GRP_SYS_NOTICE, conversationType: FAKE_CHAT_TYPES.CONV_SYSTEM, to: userId, from: '@TIM#SYSTEM', payload: { operationType: 4, groupProfile: { groupID: group.id } } });
      this.#cloud.deliver(userId, FAKE_CHAT_EVENT.MESSAGE_RECEIVED, [notice]);
    }
    return { data: { group: this.#profileOf(group), userIDList: options.userIDList } };
  }

  async setGroupMemberMuteTime(options: ChatArg<'setGroupMemberMuteTime'>): Promise<unknown> {
    const me = this.#me();
    const group = this.#group(options.groupID);
    this.#moderator(group, me);
    const member = group.members.get(options.userID);
    if (!member) throw sdkError(10007, 'not a member');
    member.muteUntil = options.muteTime > 0 ? Date.now() + options.muteTime * 1000 : 0;
    this.#cloud.tip(group, me, { operationType: FAKE_CHAT_TYPES.GRP_TIP_MBR_PROFILE_UPDATED, userIDList: [options.userID], memberList: [{ userID: options.userID, muteTime: options.muteTime }] });
    return { data: { groupID: group.id, userID: options.userID, muteTime: options.muteTime } };
  }

  async setGroupMemberRole(options: ChatArg<'setGroupMemberRole'>): Promise<unknown> {
    const me = this.#me();
    const group = this.#group(options.groupID);
    if (group.ownerId !== me) throw sdkError(10007, 'only the owner sets roles');
    const member = group.members.get(options.userID);
    if (!member) throw sdkError(10007, 'not a member');
    const admin = options.role === (FAKE_CHAT_TYPES.GRP_MBR_ROLE_ADMIN as unknown);
    member.role = admin ? 'Admin' : 'Member';
    this.#cloud.tip(group, me, { operationType: admin ? FAKE_CHAT_TYPES.GRP_TIP_MBR_SET_ADMIN : FAKE_CHAT_TYPES.GRP_TIP_MBR_CANCELED_ADMIN, userIDList: [options.userID] });
    return { data: { group: this.#profileOf(group) } };
  }

  async getGroupCounters(options: ChatArg<'getGroupCounters'>): Promise<unknown> {
    this.#me();
    this.#group(options.groupID);
    return { data: { counters: { likes: 0 } } };
  }
}

/* ───────────── TRTC ───────────── */

type Handler = (...args: never[]) => void;

export class FakeTRTC implements TrtcClient {
  #cloud: FakeTencentCloud;
  #handlers = new Map<string, Set<Handler>>();
  room?: string;
  userId = '';
  scene: 'live' | 'rtc' = 'live';
  role: 'anchor' | 'audience' = 'audience';
  localVideo?: MediaStreamTrack;
  localAudio?: MediaStreamTrack;
  publishVideo = false;
  publishAudio = false;
  videoMuted = false;
  audioMuted = false;
  /** Remote user → cloned tracks we receive. */
  remote = new Map<string, { video?: MediaStreamTrack; audio?: MediaStreamTrack }>();
  mutedRemote = new Set<string>();
  plugins = new Map<string, unknown>();
  /** Plugin classes given to `create()` or `use()`, by name. */
  registered = new Set<string>();
  /** Every startPlugin / updatePlugin / stopPlugin call, in order. */
  pluginCalls: Array<{ op: 'start' | 'update' | 'stop'; plugin: string; options?: unknown }> = [];
  /** The BasicBeauty plugin's options while it runs. */
  beauty?: BasicBeautyOptions;
  /** AudioMixer's sources playing (by AudioMixer ID), and every source it ever started (its cache). */
  mixer = new Map<string, FakeMixerSource>();
  mixerCache = new Map<string, FakeMixerSource>();
  /** The VoiceChanger's voice type while it runs. */
  voiceType?: number;
  captureVolume = 100;
  volumeTimer?: ReturnType<typeof setInterval>;
  qualityTimer?: ReturnType<typeof setInterval>;
  destroyed = false;
  lastEnterConfig?: EnterRoomConfig;

  constructor(cloud: FakeTencentCloud, plugins: ReadonlyArray<unknown> = []) {
    this.#cloud = cloud;
    for (const plugin of plugins) this.registered.add((plugin as { Name: string }).Name);
  }

  on<T extends keyof TRTCEventTypes>(event: T, handler: (...args: TRTCEventTypes[T]) => void): this {
    let set = this.#handlers.get(event);
    if (!set) this.#handlers.set(event, (set = new Set()));
    set.add(handler as Handler);
    return this;
  }

  off<T extends keyof TRTCEventTypes>(event: T | '*', handler: T extends '*' ? never : (...args: TRTCEventTypes[T]) => void): this {
    this.#handlers.get(event)?.delete(handler as Handler);
    return this;
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.#handlers.values()) n += set.size;
    return n;
  }

  fire<T extends keyof TRTCEventTypes>(event: T, ...args: TRTCEventTypes[T]): void {
    later(() => {
      for (const handler of [...(this.#handlers.get(event) ?? [])]) (handler as (...a: TRTCEventTypes[T]) => void)(...args);
    });
  }

  #members(): Map<string, FakeRoomMember> | undefined {
    return this.room ? this.#cloud.rooms.get(this.room) : undefined;
  }

  #visible(): boolean {
    return this.scene === 'rtc' || this.role === 'anchor';
  }

  #others(): FakeTRTC[] {
    return [...(this.#members()?.values() ?? [])].map((m) => m.client).filter((c) => c !== this);
  }

  async enterRoom(params: EnterRoomConfig): Promise<void> {
    this.#cloud.calls.push(`trtc.enterRoom:${params.userId}`);
    this.lastEnterConfig = params;
    if (this.#cloud.script.enterRoom === 'hang') return new Promise<void>((_, reject) => this.#cloud.hung.push(reject));
    if (this.#cloud.script.enterRoom === 'fail') throw sdkError(5500, 'connect to server failed', 5501);
    if (params.sdkAppId !== this.#cloud.sdkAppId) throw sdkError(5400, 'invalid sdkAppId');
    if (params.userSig !== this.#cloud.userSig(params.userId)) throw sdkError(5400, 'userSig verification failed', -100018);
    if ((params.roomId === undefined) === (params.strRoomId === undefined)) throw sdkError(5000, 'one of roomId and strRoomId', 5015);
    if (params.roomId !== undefined && (params.roomId < 1 || params.roomId > 4294967294)) throw sdkError(5000, 'roomId out of range', 5012);
    this.fire('connection-state-changed', { prevState: 'DISCONNECTED' as never, state: 'CONNECTING' as never });
    this.userId = params.userId;
    this.scene = params.scene === (FAKE_TRTC_TYPE.SCENE_RTC as unknown) ? 'rtc' : 'live';
    this.role = this.scene === 'rtc' || params.role === (FAKE_TRTC_TYPE.ROLE_ANCHOR as unknown) ? 'anchor' : 'audience';
    const key = this.#cloud.roomKey(params);
    // The same user in the same room: the earlier one is kicked out.
    const previous = this.#cloud.rooms.get(key)?.get(params.userId);
    if (previous && previous.client !== this) this.#cloud.kickFromRoom(params.userId, 'kick');
    let room = this.#cloud.rooms.get(key);
    if (!room) this.#cloud.rooms.set(key, (room = new Map()));
    this.room = key;
    room.set(this.userId, { client: this, role: this.role });
    // Who is already there (events may come before enterRoom resolves, as with the real SDK).
    for (const other of this.#others()) {
      if (other.#visible()) other.#announceTo(this);
      if (this.#visible()) this.#announceTo(other);
    }
    this.#startQuality();
    this.fire('connection-state-changed', { prevState: 'CONNECTING' as never, state: 'CONNECTED' as never });
    await new Promise<void>((r) => later(() => r(), 5));
    if (this.publishVideo || this.publishAudio) this.#publishChanged();
  }

  /** Tells `to` that this user is here, with what it publishes. */
  #announceTo(to: FakeTRTC): void {
    to.fire('remote-user-enter', { userId: this.userId });
    if (this.#publishingVideo()) to.fire('remote-video-available', { userId: this.userId, streamType: 'main' as never });
    if (this.#publishingAudio()) to.fire('remote-audio-available', { userId: this.userId });
  }

  #publishingVideo(): boolean {
    return !!this.room && this.#visible() && this.publishVideo && !!this.localVideo && !this.videoMuted;
  }

  #publishingAudio(): boolean {
    return !!this.room && this.#visible() && this.publishAudio && !!this.localAudio && !this.audioMuted;
  }

  #was = { video: false, audio: false };

  #publishChanged(): void {
    const now = { video: this.#publishingVideo(), audio: this.#publishingAudio() };
    for (const other of this.#others()) {
      if (now.video !== this.#was.video) other.fire(now.video ? 'remote-video-available' : 'remote-video-unavailable', { userId: this.userId, streamType: 'main' as never });
      if (now.audio !== this.#was.audio) other.fire(now.audio ? 'remote-audio-available' : 'remote-audio-unavailable', { userId: this.userId });
    }
    this.#was = now;
  }

  leaveRoom(): void {
    const room = this.#members();
    if (!room) return;
    const visible = this.#visible();
    room.delete(this.userId);
    for (const other of this.#others()) other.remote.delete(this.userId);
    if (visible) {
      for (const member of room.values()) {
        if (this.#was.video) member.client.fire('remote-video-unavailable', { userId: this.userId, streamType: 'main' as never });
        if (this.#was.audio) member.client.fire('remote-audio-unavailable', { userId: this.userId });
        member.client.fire('remote-user-exit', { userId: this.userId });
      }
    }
    this.#was = { video: false, audio: false };
    this.room = undefined;
    for (const tracks of this.remote.values()) {
      tracks.video?.stop();
      tracks.audio?.stop();
    }
    this.remote.clear();
    clearInterval(this.qualityTimer);
    this.fire('connection-state-changed', { prevState: 'CONNECTED' as never, state: 'DISCONNECTED' as never });
  }

  async exitRoom(): Promise<void> {
    this.#cloud.calls.push(`trtc.exitRoom:${this.userId}`);
    this.leaveRoom();
  }

  async switchRole(role: Parameters<TRTC['switchRole']>[0], option?: Parameters<TRTC['switchRole']>[1]): Promise<void> {
    if (!this.room) throw sdkError(5100, 'not in a room', 5101);
    this.#cloud.calls.push(`trtc.switchRole:${this.userId}:${role}${option?.privateMapKey ? ':key' : ''}`);
    const next = role === (FAKE_TRTC_TYPE.ROLE_ANCHOR as unknown) ? 'anchor' : 'audience';
    if (next === this.role) return;
    if (next === 'audience') {
      this.publishVideo = this.publishAudio = false;
      this.#publishChanged();
      for (const other of this.#others()) other.fire('remote-user-exit', { userId: this.userId });
      this.role = next;
    } else {
      this.role = next;
      for (const other of this.#others()) this.#announceTo(other);
      this.#was = { video: this.#publishingVideo(), audio: this.#publishingAudio() };
    }
    const member = this.#members()?.get(this.userId);
    if (member) member.role = this.role;
  }

  destroy(): void {
    this.destroyed = true;
    this.leaveRoom();
    this.localVideo?.stop();
    this.localAudio?.stop();
    clearInterval(this.volumeTimer);
    this.#handlers.clear();
  }

  async #capture(kind: 'video' | 'audio', constraints: MediaTrackConstraints | boolean): Promise<MediaStreamTrack> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(kind === 'video' ? { video: constraints } : { audio: constraints });
      return kind === 'video' ? stream.getVideoTracks()[0]! : stream.getAudioTracks()[0]!;
    } catch (error) {
      const name = (error as { name?: string }).name;
      const extra = { NotFoundError: 5301, NotAllowedError: 5302, NotReadableError: 5303, OverconstrainedError: 5304 }[name ?? ''] ?? 5300;
      throw Object.assign(sdkError(5300, `${name}: ${(error as Error).message}`, extra), { originError: error });
    }
  }

  async startLocalVideo(config?: LocalVideoConfig): Promise<void> {
    this.#cloud.calls.push(`trtc.startLocalVideo:${JSON.stringify({ publish: config?.publish, profile: config?.option?.profile })}`);
    this.localVideo = await this.#capture('video', config?.option?.cameraId ? { deviceId: { exact: config.option.cameraId } } : true);
    this.publishVideo = config?.publish !== false;
    this.videoMuted = config?.mute === true;
    this.fire('track', { userId: '', track: this.localVideo, sourceTrack: this.localVideo });
    this.#publishChanged();
  }

  async updateLocalVideo(config: LocalVideoConfig): Promise<void> {
    this.#cloud.calls.push(`trtc.updateLocalVideo:${JSON.stringify({ publish: config.publish, mute: config.mute, option: config.option })}`);
    if (!this.localVideo) throw sdkError(5100, 'camera not started');
    if (config.option?.cameraId !== undefined || config.option?.useFrontCamera !== undefined) {
      const old = this.localVideo;
      this.localVideo = await this.#capture('video', config.option.cameraId ? { deviceId: { exact: config.option.cameraId } } : true);
      old.stop();
      this.fire('track', { userId: '', track: this.localVideo, sourceTrack: this.localVideo });
    }
    if (config.publish !== undefined) this.publishVideo = config.publish;
    if (config.mute !== undefined) this.videoMuted = config.mute === true;
    this.#publishChanged();
  }

  async stopLocalVideo(): Promise<void> {
    // The SDK wants its video plugins stopped first; the fake insists.
    if (this.beauty) throw sdkError(5100, 'stop the BasicBeauty plugin before the camera');
    this.localVideo?.stop();
    this.localVideo = undefined;
    this.#publishChanged();
  }

  async startLocalAudio(config?: LocalAudioConfig): Promise<void> {
    this.#cloud.calls.push(`trtc.startLocalAudio:${JSON.stringify({ publish: config?.publish, captureVolume: config?.option?.captureVolume })}`);
    this.captureVolume = config?.option?.captureVolume ?? 100;
    this.localAudio = await this.#capture('audio', config?.option?.microphoneId ? { deviceId: { exact: config.option.microphoneId } } : true);
    this.publishAudio = config?.publish !== false;
    this.audioMuted = config?.mute === true;
    this.#publishChanged();
  }

  async updateLocalAudio(config: UpdateLocalAudioConfig): Promise<void> {
    this.#cloud.calls.push(`trtc.updateLocalAudio:${JSON.stringify({ publish: config.publish, mute: config.mute, captureVolume: config.option?.captureVolume })}`);
    if (!this.localAudio) throw sdkError(5100, 'microphone not started');
    if (config.option?.captureVolume !== undefined) this.captureVolume = config.option.captureVolume;
    if (config.option?.microphoneId) {
      const old = this.localAudio;
      this.localAudio = await this.#capture('audio', { deviceId: { exact: config.option.microphoneId } });
      old.stop();
    }
    if (config.publish !== undefined) this.publishAudio = config.publish;
    if (config.mute !== undefined) this.audioMuted = config.mute === true;
    this.#publishChanged();
  }

  async stopLocalAudio(): Promise<void> {
    if (this.voiceType !== undefined) throw sdkError(5100, 'stop the VoiceChanger plugin before the microphone');
    this.localAudio?.stop();
    this.localAudio = undefined;
    this.#publishChanged();
  }

  #publisher(userId: string): FakeTRTC | undefined {
    return this.#members()?.get(userId)?.client;
  }

  async startRemoteVideo(config: RemoteVideoConfig): Promise<void> {
    this.#cloud.calls.push(`trtc.startRemoteVideo:${config.userId}:${config.view === null ? 'no-view' : 'view'}`);
    if (!this.room) throw sdkError(5100, 'not in a room', 5101);
    const publisher = this.#publisher(config.userId);
    if (!publisher) throw sdkError(5100, 'no such remote user', 5102);
    if (!publisher.#publishingVideo() || !publisher.localVideo) throw sdkError(5100, 'no such remote stream', 5103);
    const entry = this.remote.get(config.userId) ?? {};
    entry.video ??= publisher.localVideo.clone();
    this.remote.set(config.userId, entry);
  }

  async stopRemoteVideo(config: StopRemoteVideoConfig): Promise<void> {
    const entry = this.remote.get(config.userId);
    entry?.video?.stop();
    if (entry) entry.video = undefined;
  }

  async muteRemoteAudio(userId: string, mute: boolean): Promise<void> {
    this.#cloud.calls.push(`trtc.muteRemoteAudio:${userId}:${mute}`);
    if (mute) this.mutedRemote.add(userId);
    else this.mutedRemote.delete(userId);
  }

  getVideoTrack(config?: { userId?: string }): MediaStreamTrack | null {
    if (!config?.userId) return this.localVideo ?? null;
    return this.remote.get(config.userId)?.video ?? null;
  }

  getAudioTrack(config?: { userId?: string } | string): MediaStreamTrack | null {
    const userId = typeof config === 'string' ? config : config?.userId;
    if (!userId) return this.localAudio ?? null;
    return this.remote.get(userId)?.audio ?? null;
  }

  use(plugin: Parameters<TRTC['use']>[0]): void {
    const name = ('plugin' in plugin ? plugin.plugin : plugin) as unknown as { Name: string };
    this.#cloud.calls.push(`trtc.use:${name.Name}`);
    this.registered.add(name.Name);
  }

  /** Fails or hangs the call when the script says so. */
  async #scripted(op: 'start' | 'update' | 'stop', plugin: string): Promise<void> {
    const script = this.#cloud.script.plugin;
    if (!script || script.plugin !== plugin || (script.op && script.op !== op)) return;
    if (script.behaviour === 'hang') return never();
    throw sdkError(script.code ?? 5500, script.message ?? `${plugin} ${op} failed`, script.extraCode);
  }

  #registeredOr(plugin: string): void {
    if (!this.registered.has(plugin)) throw sdkError(5100, `plugin ${plugin} is not registered`);
  }

  async startPlugin(plugin: string, options?: unknown): Promise<unknown> {
    this.#cloud.calls.push(`trtc.startPlugin:${plugin}:${JSON.stringify(options)}`);
    this.pluginCalls.push({ op: 'start', plugin, options });
    await this.#scripted('start', plugin);
    switch (plugin) {
      case 'CrossRoom':
        return this.#crossRoom(options as { roomId?: number; strRoomId?: string; userId?: string });
      case 'BasicBeauty': {
        this.#registeredOr(plugin);
        if (!this.localVideo) throw sdkError(5100, 'BasicBeauty needs the local video');
        if (this.beauty) throw sdkError(5100, 'BasicBeauty is already started');
        this.beauty = { ...(options as BasicBeautyOptions) };
        return undefined;
      }
      case 'AudioMixer':
        return this.#mixerStart(options as AudioMixerStartOptions);
      case 'VoiceChanger': {
        this.#registeredOr(plugin);
        const o = options as { sdkAppId: number; userId: string; userSig: string; voiceType: number };
        if (!this.localAudio) throw sdkError(5100, 'VoiceChanger needs the local audio');
        if (!this.#cloud.voiceChangerPackage) throw sdkError(5401, 'Voice Changer needs a package: https://trtc.io/document/56025');
        if (o.sdkAppId !== this.#cloud.sdkAppId || o.userSig !== this.#cloud.userSig(o.userId)) throw sdkError(5401, 'Voice Changer auth failed');
        this.voiceType = o.voiceType;
        return undefined;
      }
      default:
        throw sdkError(5200, `plugin ${plugin} not registered`);
    }
  }

  async updatePlugin(plugin: string, options?: unknown): Promise<unknown> {
    this.#cloud.calls.push(`trtc.updatePlugin:${plugin}:${JSON.stringify(options)}`);
    this.pluginCalls.push({ op: 'update', plugin, options });
    await this.#scripted('update', plugin);
    switch (plugin) {
      case 'BasicBeauty':
        if (!this.beauty) throw sdkError(5100, 'BasicBeauty is not started');
        this.beauty = { ...(options as BasicBeautyOptions) };
        return undefined;
      case 'AudioMixer': {
        const o = options as UpdateAudioMixerOptions;
        const source = this.mixer.get(o.id);
        // As the SDK: an unknown ID is only a warning in its log.
        if (!source) return undefined;
        if (o.volume !== undefined) source.volume = o.volume;
        if (o.loop !== undefined) source.loop = o.loop;
        if (o.operation === 'pause') source.paused = true;
        if (o.operation === 'resume') source.paused = false;
        if (o.operation === 'stop') Object.assign(source, { paused: true, position: 0 });
        if (o.seekFrom !== undefined) source.position = o.seekFrom;
        return undefined;
      }
      case 'VoiceChanger':
        if (this.voiceType === undefined) throw sdkError(5100, 'VoiceChanger is not started');
        this.voiceType = (options as { voiceType: number }).voiceType;
        return undefined;
      default:
        throw sdkError(5100, `plugin ${plugin} is not started`);
    }
  }

  async stopPlugin(plugin: string, options?: unknown): Promise<unknown> {
    this.#cloud.calls.push(`trtc.stopPlugin:${plugin}${options === undefined ? '' : `:${JSON.stringify(options)}`}`);
    this.pluginCalls.push({ op: 'stop', plugin, options });
    await this.#scripted('stop', plugin);
    if (plugin === 'AudioMixer') this.mixer.delete((options as { id: string }).id);
    else if (plugin === 'BasicBeauty') this.beauty = undefined;
    else if (plugin === 'VoiceChanger') this.voiceType = undefined;
    else this.plugins.delete(plugin);
    return undefined;
  }

  /** AudioMixer's start, quirks included: a playing ID is left as is; a cached ID replays its old source. */
  #mixerStart(o: AudioMixerStartOptions): undefined {
    const url = o.url.split('?')[0]!;
    if (!/\.(mp3|ogg|wav|flac)$/.test(url) && !/^(blob|data):/.test(url)) throw sdkError(5000, 'start audioMixer plugin: music url is invalid, please check your file format.');
    if (this.mixer.has(o.id)) return undefined;
    const source: FakeMixerSource = this.mixerCache.get(o.id) ?? { url: o.url, loop: false, volume: 1, paused: false, position: 0 };
    Object.assign(source, { loop: o.loop ?? false, volume: o.volume ?? 1, paused: false, position: 0, onTimeUpdate: o.onTimeUpdate, onDurationChange: o.onDurationChange, onEnded: o.onEnded });
    this.mixerCache.set(o.id, source);
    this.mixer.set(o.id, source);
    return undefined;
  }

  #crossRoom(target: { roomId?: number; strRoomId?: string; userId?: string }): undefined {
    const room = this.#cloud.rooms.get(this.#cloud.roomKey(target));
    const peer = target.userId ? room?.get(target.userId)?.client : undefined;
    if (!peer || !this.room) throw sdkError(5500, 'cross room: target not found');
    this.plugins.set('CrossRoom', target);
    // The other anchor's stream comes to this room, ours to theirs.
    for (const member of this.#members()!.values()) peer.#announceTo(member.client);
    for (const member of room!.values()) this.#announceTo(member.client);
    return undefined;
  }

  enableAudioVolumeEvaluation(interval?: number): void {
    clearInterval(this.volumeTimer);
    if (!interval || interval <= 0) return;
    this.volumeTimer = setInterval(() => {
      const result = [{ userId: '', volume: this.localAudio ? 42 : 0, floatVolume: 0.42 }, ...[...this.remote.keys()].map((userId) => ({ userId, volume: 7, floatVolume: 0.07 }))];
      this.fire('audio-volume', { result });
    }, interval);
  }

  #startQuality(): void {
    clearInterval(this.qualityTimer);
    this.qualityTimer = setInterval(() => {
      this.fire('network-quality', { uplinkNetworkQuality: 1, downlinkNetworkQuality: 2, uplinkRTT: 20, uplinkLoss: 0, downlinkRTT: 30, downlinkLoss: 0 });
    }, 500);
  }

  /** The browser refused to play this remote user's sound (scripted). */
  autoplayFailed(userId: string, resume: () => Promise<void>): void {
    this.fire('autoplay-failed', { userId, mediaType: 'audio', resume });
  }
}
