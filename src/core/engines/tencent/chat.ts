/**
 * The ChatEngine over Tencent Cloud Chat (`@tencentcloud/chat`, ESM core + group module).
 *
 * A thin shell: constructing it loads nothing; the SDK is fetched with dynamic `import()` and
 * `create()`d (which opens sockets) only when logging in. Every call has a timeout.
 *
 * Mapping (kit → Chat):
 * - the room's group is an AVChatRoom (one joined at a time: joining another quits the first;
 *   joins and quits run one after the other);
 * - text → text messages; the kit's custom messages (its versioned envelope) → the `data` of
 *   custom messages; priorities → MSG_PRIORITY_HIGH / NORMAL / LOW. The sender gets its own
 *   message as a `message` event too, as every member does (the SDK does not echo it);
 * - direct messages (call and co-anchor signalling) → C2C custom messages;
 * - room status, notice, introduction, PK → group attributes (GROUP_ATTRIBUTES_UPDATED), written
 *   through a queue that coalesces writes and respects the size and rate limits
 *   (attribute-writer.ts);
 * - online count → `getGroupOnlineMemberCount`, read at most once per 5 s; member join / quit
 *   tips carry the count in between;
 * - mute a member → `setGroupMemberMuteTime`; mute all → group profile `muteAllMembers`;
 *   remove → `deleteGroupMember` with `duration` (the ban; AVChatRoom only, needs the
 *   Premium edition's "ban audio-video group members" switch in the console);
 * - KICKED_OUT: multipleAccount / multipleDevice → `duplicate-login`, userSigExpired →
 *   `usersig-expired` (after one silent re-login if `refreshCredentials` is given), REST_API_Kick
 *   → `kicked`.
 */
import { EventSource } from '../../emitter.js';
import { ErrorCode, LiveError, withTimeout } from '../../errors.js';
import { keepUnlessRejected } from '../../keep.js';
import type {
  ChatEngine,
  ChatEngineEvents,
  ConnectionState,
  Credentials,
  GroupInfo,
  GroupMember,
  GroupMessageBody,
  KickReason,
  Priority,
  UserProfile,
} from '../types.js';
import { AttributeWriter } from './attribute-writer.js';
import { chatCode, chatError, loadCode, sdkCall } from './errors.js';
import type { TencentEngineOptions } from './options.js';
import type { ChatClient, ChatSdk, ChatStatic, ChatType } from './sdk.js';
import { Serial } from '../../serial.js';

export interface TencentChatEngineOptions extends TencentEngineOptions {
  /** Loads the SDK (default: `loadChatSdk`, dynamic import; tests pass fakes). */
  loadSdk: () => Promise<ChatSdk>;
}

/** Group tip operation types (TencentCloudChat.TYPES.GRP_TIP_*). */
const Tip = { JOIN: 1, QUIT: 2, KICKED: 3, SET_ADMIN: 4, CANCEL_ADMIN: 5, PROFILE: 6, MEMBER_PROFILE: 7, BAN: 10, UNBAN: 11 } as const;
/** Group system notice operation types. */
const Notice = { KICKED: 4, DISMISSED: 5, RECYCLED: 11 } as const;

/** What the SDK hands over; read defensively (its `.d.ts` types most of it as `any`). */
interface RawGroup {
  groupID?: string;
  name?: string;
  avatar?: string;
  ownerID?: string;
  createTime?: string | number;
  memberCount?: number | string;
  memberNum?: number | string;
  muteAllMembers?: boolean;
}
interface RawMember {
  userID?: string;
  nick?: string;
  nameCard?: string;
  avatar?: string;
  joinTime?: number | string;
  muteTime?: number;
  role?: string;
}
interface RawMessage {
  type?: string;
  conversationType?: string;
  to?: string;
  from?: string;
  nick?: string;
  avatar?: string;
  time?: number;
  sequence?: number;
  priority?: string;
  payload?: {
    text?: string;
    data?: string;
    operationType?: number;
    userIDList?: string[];
    memberList?: RawMember[];
    memberCount?: number;
    memberNum?: number;
    newGroupProfile?: { muteAllMembers?: boolean };
    groupProfile?: { groupID?: string };
  };
}
/** The chat SDK's create() hands out one instance per SDKAppID: engines of a page share it. */
interface SharedChat {
  userId: string;
  refs: number;
  login: Promise<void>;
}
const sharedChats = new WeakMap<object, SharedChat>();

/** A group's online count: the last known value, when it was read, and the next read. */
interface CountEntry {
  count: number;
  at: number;
  timer?: ReturnType<typeof setTimeout>;
  reading?: Promise<void>;
}

interface SdkEvent<T> {
  name?: string;
  data?: T;
}

export class TencentChatEngine extends EventSource<ChatEngineEvents> implements ChatEngine {
  readonly kind = 'tencent';
  #options: TencentChatEngineOptions;
  #timeoutMs: number;
  #countIntervalMs: number;
  /** The SDK, loaded on first use (again after a failed load). */
  #sdk = keepUnlessRejected(() =>
    loadCode(
      this.#options.loadSdk,
      this.#timeoutMs,
      'loading of the Tencent Cloud Chat SDK',
      'The Tencent Cloud Chat SDK (@tencentcloud/chat) could not be loaded: is it installed, and is the page online?',
    ),
  );
  #T?: ChatStatic;
  #chat?: ChatClient;
  #offs: Array<() => void> = [];
  #destroyed = false;

  #credentials?: Credentials;
  #user?: UserProfile;
  #connection: ConnectionState = 'disconnected';
  #relogging = false;

  /** The AVChatRoom joined (one at a time) and the queue of joins and quits. */
  #joined?: string;
  #groupOps = new Serial();
  #attributes = new Map<string, Record<string, string>>();
  #admins = new Map<string, Set<string>>();
  #muted = new Map<string, number>();
  #mutedAll = new Map<string, boolean>();
  #recentlyRemoved = new Map<string, number>();
  #counts = new Map<string, CountEntry>();
  #cursors = new Map<number, string>();
  #nextCursor = 1;
  readonly attributeWriter: AttributeWriter;

  constructor(options: TencentChatEngineOptions) {
    super();
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#countIntervalMs = Math.max(5000, options.onlineCountIntervalMs ?? 5000);
    this.attributeWriter = new AttributeWriter({
      write: async (groupId, attributes) => {
        await this.#call(this.#need().setGroupAttributes({ groupID: groupId, groupAttributes: attributes }), 'updating the room');
        this.#setAttributes(groupId, { ...(this.#attributes.get(groupId) ?? {}), ...attributes });
      },
      refresh: (groupId) => this.#readAttributes(groupId).then((attributes) => this.#setAttributes(groupId, attributes)),
      current: (groupId) => this.#attributes.get(groupId) ?? {},
      classify: (error) => {
        const code = chatCode(error);
        if (code === 10056) return 'conflict';
        if (code === 2996 || code === 8511 || code === 10049) return 'rate-limited';
        return 'other';
      },
    });
  }

  /* ───────────── SDK ───────────── */

  #load(): Promise<ChatSdk> {
    if (this.#destroyed) return Promise.reject(new LiveError(ErrorCode.INVALID_STATE, 'The Tencent chat engine was destroyed.'));
    return this.#sdk();
  }

  #need(): ChatClient {
    if (!this.#chat || !this.#user) throw new LiveError(ErrorCode.NOT_LOGGED_IN, 'Log in to Tencent Cloud Chat first.');
    return this.#chat;
  }

  #types(): ChatStatic['TYPES'] {
    return this.#T!.TYPES;
  }

  #call<T>(promise: Promise<T>, what: string, onTimeout?: () => void): Promise<T> {
    return sdkCall(promise, this.#timeoutMs, what, chatError, onTimeout);
  }

  /** Runs an SDK call that may throw synchronously (message creation) as a mapped promise. */
  #try<T>(make: () => T, what: string): T {
    try {
      return make();
    } catch (error) {
      throw chatError(error, what);
    }
  }

  #setConnection(state: ConnectionState): void {
    if (state === this.#connection) return;
    this.#connection = state;
    this.emit('connection-state', { state });
  }

  #listen(T: ChatStatic, chat: ChatClient): void {
    const on = <D>(event: string, handler: (event: SdkEvent<D>) => void) => {
      chat.on(event, handler);
      this.#offs.push(() => chat.off(event, handler));
    };
    on<RawMessage[]>(T.EVENT.MESSAGE_RECEIVED, ({ data }) => {
      for (const message of data ?? []) this.#onMessage(message);
    });
    on<{ groupID?: string; groupAttributes?: Record<string, string> }>(T.EVENT.GROUP_ATTRIBUTES_UPDATED, ({ data }) => {
      if (data?.groupID && data.groupAttributes) this.#setAttributes(data.groupID, { ...data.groupAttributes });
    });
    on<{ groupID?: string; key?: string; value?: number }>(T.EVENT.GROUP_COUNTER_UPDATED, ({ data }) => {
      if (data?.groupID && data.key === 'likes' && typeof data.value === 'number') this.emit('like-total', { groupId: data.groupID, total: data.value });
    });
    on<{ type?: string }>(T.EVENT.KICKED_OUT, ({ data }) => void this.#kicked(data?.type));
    on<{ state?: string }>(T.EVENT.NET_STATE_CHANGE, ({ data }) => this.#netState(data?.state));
    on<{ code?: number; message?: string }>(T.EVENT.ERROR, ({ data }) => {
      this.emit('error', { error: chatError(data, 'keeping the connection to Tencent Cloud Chat') });
    });
  }

  /* ───────────── login ───────────── */

  async login(credentials: Credentials, profile?: { nickname?: string; avatar?: string }): Promise<UserProfile> {
    const sdkAppId = credentials.sdkAppId || this.#options.sdkAppId || 0;
    if (!sdkAppId) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'No SDKAppID for Tencent Cloud Chat: give sdk-app-id (or a token URL that returns one).');
    if (this.#user && this.#chat && this.#credentials?.userId === credentials.userId) return this.#user;
    if (this.#chat) await this.logout();
    // One deadline for the whole login: loading the SDK counts too.
    const started = performance.now();
    const left = () => Math.max(1, this.#timeoutMs - (performance.now() - started));
    const sdk = await this.#load();
    const T = sdk.TencentCloudChat;
    this.#T = T;
    // create() opens sockets at once: only now, when the user logs in. It hands out one instance
    // per SDKAppID, so engines of one page share it (one user per page and SDKAppID).
    const chat = T.create({ SDKAppID: sdkAppId, modules: sdk.modules });
    let shared = sharedChats.get(chat);
    if (shared && shared.userId !== credentials.userId) {
      throw new LiveError(
        ErrorCode.INVALID_STATE,
        `Tencent Cloud Chat has one logged-in user per page and SDKAppID: “${shared.userId}” is logged in here already; log them out first.`,
      );
    }
    if (!shared) {
      chat.setLogLevel(this.#options.chatLogLevel ?? 1);
      let markReady: () => void = () => undefined;
      const ready = new Promise<void>((resolve) => (markReady = resolve));
      const onReady = () => markReady();
      chat.on(T.EVENT.SDK_READY, onReady);
      const login = (async () => {
        try {
          await chat.login({ userID: credentials.userId, userSig: credentials.userSig });
          if (!chat.isReady()) await ready;
        } finally {
          chat.off(T.EVENT.SDK_READY, onReady);
        }
      })();
      shared = { userId: credentials.userId, refs: 0, login };
      sharedChats.set(chat, shared);
    }
    shared.refs++;
    this.#chat = chat;
    this.#listen(T, chat);
    this.#setConnection('connecting');
    try {
      await sdkCall(
        shared.login,
        left(),
        'logging in to Tencent Cloud Chat',
        chatError,
        // It hung: give up on this instance so that it stops retrying behind the error.
        () => void this.#release(chat),
        this.#timeoutMs,
      );
    } catch (error) {
      await this.#release(chat);
      this.#setConnection('disconnected');
      throw error;
    }
    this.#credentials = { ...credentials, sdkAppId };
    let nickname = profile?.nickname ?? '';
    let avatar = profile?.avatar ?? '';
    try {
      if (profile?.nickname !== undefined || profile?.avatar !== undefined) {
        await this.#call(chat.updateMyProfile(sdkProfile(profile)), 'saving the profile');
      } else {
        const mine = (await this.#call(chat.getMyProfile(), 'reading the profile')) as { data?: { nick?: string; avatar?: string } };
        nickname = mine?.data?.nick ?? '';
        avatar = mine?.data?.avatar ?? '';
      }
    } catch (error) {
      // Logged in all the same: the profile is not worth failing the login for, but say so.
      this.emit('error', { error: chatError(error, 'reading or saving the profile') });
    }
    this.#user = { userId: credentials.userId, nickname: nickname || credentials.userId, avatar };
    this.#setConnection('connected');
    return this.#user;
  }

  /**
   * Lets go of the SDK instance: listeners off; the last engine using it logs out and destroys
   * it (best effort: the instance is gone either way, and a failed logout on a dead network
   * changes nothing for the user).
   */
  async #release(chat: ChatClient): Promise<void> {
    if (this.#chat !== chat) return;
    for (const off of this.#offs) off();
    this.#offs = [];
    this.#chat = undefined;
    this.#user = undefined;
    this.#joined = undefined;
    this.attributeWriter.clear();
    const shared = sharedChats.get(chat);
    if (shared && --shared.refs > 0) return;
    sharedChats.delete(chat);
    await withTimeout(chat.logout(), this.#timeoutMs, 'logout').catch(() => undefined);
    await withTimeout(chat.destroy(), this.#timeoutMs, 'chat shutdown').catch(() => undefined);
  }

  async logout(): Promise<void> {
    const chat = this.#chat;
    this.#credentials = undefined;
    this.#clearGroups();
    if (!chat) return;
    await this.#release(chat);
    this.#setConnection('disconnected');
  }

  async setProfile(profile: { nickname?: string; avatar?: string }): Promise<UserProfile> {
    const chat = this.#need();
    await this.#call(chat.updateMyProfile(sdkProfile(profile)), 'saving the profile');
    this.#user = { ...this.#user!, ...(profile.nickname !== undefined ? { nickname: profile.nickname } : {}), ...(profile.avatar !== undefined ? { avatar: profile.avatar } : {}) };
    return this.#user;
  }

  async #kicked(type: string | undefined): Promise<void> {
    const T = this.#types();
    const reason: KickReason =
      type === T.KICKED_OUT_USERSIG_EXPIRED ? 'usersig-expired' : type === T.KICKED_OUT_MULT_ACCOUNT || type === T.KICKED_OUT_MULT_DEVICE ? 'duplicate-login' : 'kicked';
    const credentials = this.#credentials;
    const joined = this.#joined;
    const chat = this.#chat;
    // The instance is logged out now: whoever shares it must log in again, not reuse the old login.
    if (chat) sharedChats.delete(chat);
    if (reason === 'usersig-expired' && credentials && this.#options.refreshCredentials && !this.#relogging) {
      this.#relogging = true;
      try {
        const fresh = await withTimeout(this.#options.refreshCredentials(credentials.userId), this.#timeoutMs, 'UserSig refresh');
        this.#user = undefined; // let login() run for the same user
        if (chat) await this.#release(chat);
        await this.login(fresh);
        if (joined) this.emit('group-resynced', { group: await this.joinGroup(joined) });
        return;
      } catch (error) {
        this.emit('error', { error: chatError(error, 'logging in again with a new UserSig') });
      } finally {
        this.#relogging = false;
      }
    }
    if (this.#chat) await this.#release(this.#chat);
    this.#credentials = undefined;
    this.#clearGroups();
    this.#setConnection('disconnected');
    this.emit('kicked-offline', { reason });
  }

  #netState(state: string | undefined): void {
    const T = this.#types();
    if (!this.#user) return;
    if (state === T.NET_STATE_CONNECTED) {
      const was = this.#connection;
      this.#setConnection('connected');
      // Back after a drop: read the room again (the SDK rejoins the AVChatRoom by itself).
      const joined = this.#joined;
      if (was === 'reconnecting' && joined) {
        void this.#groupInfo(joined, true).then(
          (group) => this.emit('group-resynced', { group }),
          (error: unknown) => this.emit('error', { error: chatError(error, 'reading the room again after reconnecting') }),
        );
      }
    } else if (state === T.NET_STATE_CONNECTING || state === T.NET_STATE_DISCONNECTED) {
      this.#setConnection('reconnecting');
    }
  }

  /* ───────────── groups ───────────── */

  async createGroup(params: { groupId: string; name?: string; cover?: string }): Promise<GroupInfo> {
    const chat = this.#need();
    const T = this.#types();
    try {
      const res = (await this.#call(
        chat.createGroup({ type: T.GRP_AVCHATROOM, groupID: params.groupId, name: params.name || params.groupId, ...(params.cover ? { avatar: params.cover } : {}) }),
        'creating the room',
      )) as { data?: { group?: RawGroup } };
      return this.#toGroupInfo(params.groupId, res?.data?.group ?? {});
    } catch (error) {
      // 10025: the ID is taken, by this very user (the owner): the room is theirs to use again.
      if (chatCode(error) === 10025) return this.#groupInfo(params.groupId, false);
      throw error;
    }
  }

  async dismissGroup(groupId: string): Promise<void> {
    const chat = this.#need();
    await this.#groupOps.run(async () => {
      await this.#call(chat.dismissGroup(groupId), 'closing the room');
      if (this.#joined === groupId) this.#joined = undefined;
      this.#forgetGroup(groupId);
    });
  }

  async joinGroup(groupId: string): Promise<GroupInfo> {
    const chat = this.#need();
    const T = this.#types();
    return this.#groupOps.run(async () => {
      // One AVChatRoom at a time (the SDK would quit the first one silently).
      if (this.#joined && this.#joined !== groupId) await this.#quit(this.#joined);
      const res = (await this.#call(chat.joinGroup({ groupID: groupId, type: T.GRP_AVCHATROOM }), 'joining the room chat')) as { data?: { status?: string } };
      const status = res?.data?.status;
      if (status === T.JOIN_STATUS_WAIT_APPROVAL) throw new LiveError(ErrorCode.NOT_ALLOWED, 'The room’s chat group needs approval to join; an AVChatRoom should not.');
      this.#joined = groupId;
      return this.#groupInfo(groupId, true);
    });
  }

  async quitGroup(groupId: string): Promise<void> {
    this.#need();
    return this.#groupOps.run(() => this.#quit(groupId));
  }

  async #quit(groupId: string): Promise<void> {
    const chat = this.#need();
    if (this.#joined === groupId) this.#joined = undefined;
    this.#forgetGroup(groupId);
    try {
      await this.#call(chat.quitGroup(groupId), 'leaving the room chat');
    } catch (error) {
      // The owner of some group types may not quit (10009); gone groups need no quitting.
      const code = chatCode(error);
      if (code === 10009 || code === 10010 || code === 10015 || code === 10007) return;
      throw error;
    }
  }

  #forgetGroup(groupId: string): void {
    this.#attributes.delete(groupId);
    this.#admins.delete(groupId);
    this.#mutedAll.delete(groupId);
    const count = this.#counts.get(groupId);
    if (count?.timer) clearTimeout(count.timer);
    this.#counts.delete(groupId);
    for (const key of [...this.#muted.keys()]) if (key.startsWith(`${groupId}/`)) this.#muted.delete(key);
  }

  #clearGroups(): void {
    for (const groupId of new Set([...this.#attributes.keys(), ...this.#counts.keys()])) this.#forgetGroup(groupId);
    this.#joined = undefined;
  }

  /** Everything about a group: profile, and (when joined) attributes, count, admins, likes. */
  async #groupInfo(groupId: string, joined: boolean): Promise<GroupInfo> {
    const chat = this.#need();
    const T = this.#types();
    const res = (await this.#call(chat.getGroupProfile({ groupID: groupId }), 'reading the room')) as { data?: { group?: RawGroup } };
    const group = res?.data?.group ?? {};
    if (!joined) return this.#toGroupInfo(groupId, group);
    const [attributes, count, admins, likes] = await Promise.allSettled([
      this.#readAttributes(groupId),
      this.#readCount(groupId),
      this.#call(chat.getGroupMemberList({ groupID: groupId, role: String(T.GRP_MBR_ROLE_ADMIN), count: 100, offset: 0 }), 'reading the admins') as Promise<{ data?: { memberList?: RawMember[] } }>,
      this.#call(chat.getGroupCounters({ groupID: groupId, keyList: ['likes'] }), 'reading the likes') as Promise<{ data?: { counters?: unknown } }>,
    ]);
    if (attributes.status === 'fulfilled') this.#attributes.set(groupId, attributes.value);
    else this.emit('error', { error: chatError(attributes.reason, 'reading the room’s status and notice') });
    // Admins and likes are optional reads (not every plan or group type has them): without them
    // the lists start empty and fill from the group tips.
    if (admins.status === 'fulfilled') {
      const ids = (admins.value?.data?.memberList ?? []).filter((m) => !m.role || m.role === T.GRP_MBR_ROLE_ADMIN).map((m) => m.userID).filter((id): id is string => !!id);
      this.#admins.set(groupId, new Set(ids));
    }
    const info = this.#toGroupInfo(groupId, group);
    if (count.status === 'fulfilled') info.memberCount = count.value;
    if (likes.status === 'fulfilled') {
      const total = counterValue(likes.value?.data?.counters, 'likes');
      if (total !== undefined) info.likeTotal = total;
    }
    return info;
  }

  #toGroupInfo(groupId: string, group: RawGroup): GroupInfo {
    const mutedAll = !!group.muteAllMembers;
    this.#mutedAll.set(groupId, mutedAll);
    return {
      groupId,
      ownerId: group.ownerID ?? '',
      name: group.name ?? '',
      cover: group.avatar ?? '',
      createdAt: (Number(group.createTime) || 0) * 1000,
      memberCount: this.#counts.get(groupId)?.count ?? (Number(group.memberCount ?? group.memberNum) || 0),
      attributes: { ...(this.#attributes.get(groupId) ?? {}) },
      admins: [...(this.#admins.get(groupId) ?? [])],
      mutedAll,
    };
  }

  async #readAttributes(groupId: string): Promise<Record<string, string>> {
    const res = (await this.#call(this.#need().getGroupAttributes({ groupID: groupId, keyList: [] }), 'reading the room’s attributes')) as {
      data?: { groupAttributes?: Record<string, string> };
    };
    return { ...(res?.data?.groupAttributes ?? {}) };
  }

  #setAttributes(groupId: string, attributes: Record<string, string>): void {
    const before = this.#attributes.get(groupId);
    this.#attributes.set(groupId, attributes);
    if (!before || !sameRecord(before, attributes)) this.emit('attributes', { groupId, attributes: { ...attributes } });
  }

  /** The online count, read now (and remembered for the 5 s rule). */
  async #readCount(groupId: string): Promise<number> {
    const res = (await this.#call(this.#need().getGroupOnlineMemberCount(groupId), 'reading the online count')) as { data?: { memberCount?: number } };
    const entry = this.#countEntry(groupId);
    entry.count = Number(res?.data?.memberCount) || 0;
    entry.at = Date.now();
    return entry.count;
  }

  #countEntry(groupId: string): CountEntry {
    let entry = this.#counts.get(groupId);
    if (!entry) this.#counts.set(groupId, (entry = { count: 0, at: 0 }));
    return entry;
  }

  /** Asks for a fresh online count, no more than once per interval (5 s by default). */
  #refreshCount(groupId: string): void {
    const entry = this.#countEntry(groupId);
    if (entry.timer || entry.reading) return;
    const wait = Math.max(0, entry.at + this.#countIntervalMs - Date.now());
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.#joined !== groupId || !this.#user) return;
      entry.reading = this.#readCount(groupId).then(
        () => {
          entry.reading = undefined;
        },
        (error: unknown) => {
          entry.reading = undefined;
          this.emit('error', { error: chatError(error, 'reading the online count') });
        },
      );
    }, wait);
  }

  #count(groupId: string, fromTip: number | undefined, delta: number): number {
    const entry = this.#countEntry(groupId);
    entry.count = typeof fromTip === 'number' && fromTip > 0 ? fromTip : Math.max(0, entry.count + delta);
    this.#refreshCount(groupId);
    return entry.count;
  }

  async getGroupInfo(groupIds: string[]): Promise<GroupInfo[]> {
    this.#need();
    const results = await Promise.allSettled(groupIds.map((id) => this.#groupInfo(id, id === this.#joined)));
    const found: GroupInfo[] = [];
    let failure: unknown;
    for (const result of results) {
      if (result.status === 'fulfilled') found.push(result.value);
      else if ((result.reason as LiveError).code !== ErrorCode.ROOM_NOT_FOUND) failure ??= result.reason;
    }
    if (found.length === 0 && failure) throw failure;
    return found;
  }

  async getMembers(groupId: string, nextSeq: number, count: number): Promise<{ members: GroupMember[]; nextSeq: number }> {
    const chat = this.#need();
    const offset = nextSeq === 0 ? 0 : (this.#cursors.get(nextSeq) ?? nextSeq);
    const res = (await this.#call(chat.getGroupMemberList({ groupID: groupId, count: Math.min(Math.max(1, count), 100), offset }), 'reading the member list')) as {
      data?: { memberList?: RawMember[]; offset?: number | string };
    };
    const list = res?.data?.memberList ?? [];
    const next = res?.data?.offset;
    let token = 0;
    if (typeof next === 'number') token = next > 0 && list.length > 0 ? next : 0;
    else if (typeof next === 'string' && next !== '' && next !== '0' && list.length > 0) {
      // AVChatRoom pages with an opaque cursor: hand out a number for it.
      token = this.#nextCursor++;
      this.#cursors.set(token, next);
    }
    return { members: list.filter((m) => m.userID).map((m) => toMember(m)), nextSeq: token };
  }

  async setGroupAttributes(groupId: string, attributes: Record<string, string>): Promise<void> {
    this.#need();
    return this.attributeWriter.set(groupId, attributes);
  }

  /* ───────────── messages ───────────── */

  async sendGroupMessage(groupId: string, body: GroupMessageBody, priority: Priority): Promise<{ seq: number; time: number }> {
    const chat = this.#need();
    const T = this.#types();
    const options = { to: groupId, conversationType: T.CONV_GROUP, priority: toSdkPriority(T, priority) };
    const message = this.#try(
      () =>
        body.type === 'text'
          ? chat.createTextMessage({ ...options, payload: { text: body.text } })
          : chat.createCustomMessage({ ...options, payload: { data: body.data, description: '', extension: '' } }),
      'preparing the message',
    );
    const res = (await this.#call(chat.sendMessage(message), 'sending the message')) as { data?: { message?: RawMessage } };
    const sent = res?.data?.message ?? (message as RawMessage);
    const seq = Number(sent.sequence) || 0;
    const time = (Number(sent.time) || Math.floor(Date.now() / 1000)) * 1000;
    // Every member gets the message, the sender included (as on the local engine).
    this.emit('message', { groupId, seq, time, from: this.#user!, priority, body });
    return { seq, time };
  }

  async sendDirect(to: string, data: string): Promise<void> {
    const chat = this.#need();
    const T = this.#types();
    const message = this.#try(() => chat.createCustomMessage({ to, conversationType: T.CONV_C2C, payload: { data, description: '', extension: '' } }), 'preparing the message');
    await this.#call(chat.sendMessage(message), 'sending a direct message');
  }

  #onMessage(m: RawMessage): void {
    const T = this.#types();
    if (m.type === T.MSG_GRP_TIP) return this.#onTip(m);
    if (m.type === T.MSG_GRP_SYS_NOTICE) return this.#onNotice(m);
    const from: UserProfile = { userId: m.from ?? '', nickname: m.nick || m.from || '', avatar: m.avatar ?? '' };
    const time = (Number(m.time) || Math.floor(Date.now() / 1000)) * 1000;
    if (m.conversationType === T.CONV_GROUP && m.to) {
      const body: GroupMessageBody | undefined =
        m.type === T.MSG_TEXT && typeof m.payload?.text === 'string'
          ? { type: 'text', text: m.payload.text }
          : m.type === T.MSG_CUSTOM && typeof m.payload?.data === 'string'
            ? { type: 'custom', data: m.payload.data }
            : undefined;
      if (body) this.emit('message', { groupId: m.to, seq: Number(m.sequence) || 0, time, from, priority: fromSdkPriority(T, m.priority), body });
      return;
    }
    if (m.conversationType === T.CONV_C2C && m.type === T.MSG_CUSTOM && typeof m.payload?.data === 'string') {
      this.emit('direct-message', { from, data: m.payload.data, time });
    }
  }

  #onTip(m: RawMessage): void {
    const p = m.payload ?? {};
    const groupId = p.groupProfile?.groupID ?? m.to;
    if (!groupId) return;
    const ids = p.userIDList ?? [];
    const members = p.memberList ?? [];
    const tipCount = Number(p.memberCount ?? p.memberNum) || undefined;
    switch (p.operationType) {
      case Tip.JOIN:
        for (const userId of ids) {
          const raw = members.find((x) => x.userID === userId) ?? { userID: userId };
          this.emit('member-join', { groupId, member: toMember(raw, Date.now()), memberCount: this.#count(groupId, tipCount, 1) });
        }
        return;
      case Tip.QUIT:
        for (const userId of ids) this.emit('member-quit', { groupId, userId, memberCount: this.#count(groupId, tipCount, -1) });
        return;
      case Tip.KICKED:
      case Tip.BAN:
        for (const userId of ids) this.#removed(groupId, userId, this.#recentlyRemoved.get(`${groupId}/${userId}`) ?? 0, tipCount);
        return;
      case Tip.SET_ADMIN:
      case Tip.CANCEL_ADMIN: {
        const admins = this.#admins.get(groupId) ?? new Set<string>();
        for (const userId of ids) if (p.operationType === Tip.SET_ADMIN) admins.add(userId);
        else admins.delete(userId);
        this.#admins.set(groupId, admins);
        this.emit('admins', { groupId, admins: [...admins] });
        return;
      }
      case Tip.PROFILE: {
        const mute = p.newGroupProfile?.muteAllMembers;
        if (typeof mute === 'boolean') this.#muteAllChanged(groupId, mute);
        return;
      }
      case Tip.MEMBER_PROFILE:
        for (const member of members) {
          if (member.userID && typeof member.muteTime === 'number') this.#mutedChanged(groupId, member.userID, member.muteTime > 0 ? Date.now() + member.muteTime * 1000 : 0);
        }
        return;
      default:
        return;
    }
  }

  #onNotice(m: RawMessage): void {
    const p = m.payload ?? {};
    const groupId = p.groupProfile?.groupID;
    if (!groupId) return;
    if (p.operationType === Notice.DISMISSED || p.operationType === Notice.RECYCLED) {
      if (this.#joined === groupId) this.#joined = undefined;
      this.#forgetGroup(groupId);
      this.emit('group-dismissed', { groupId });
    } else if (p.operationType === Notice.KICKED && this.#user) {
      this.#removed(groupId, this.#user.userId, 0, undefined);
    }
  }

  #removed(groupId: string, userId: string, bannedUntil: number, tipCount: number | undefined): void {
    const key = `${groupId}/${userId}`;
    const seen = this.#recentlyRemoved.get(key);
    // The remover already announced it (with the ban's end); the tip that follows is the same news.
    if (seen !== undefined && seen < 0) return;
    this.#recentlyRemoved.set(key, -1);
    setTimeout(() => this.#recentlyRemoved.delete(key), 10_000);
    if (this.#user?.userId === userId) {
      if (this.#joined === groupId) this.#joined = undefined;
    }
    this.emit('member-removed', { groupId, userId, bannedUntil: Math.max(0, bannedUntil), memberCount: this.#count(groupId, tipCount, -1) });
  }

  #mutedChanged(groupId: string, userId: string, mutedUntil: number): void {
    const key = `${groupId}/${userId}`;
    const before = this.#muted.get(key) ?? 0;
    // The same news twice (our own call, then the tip): within 2 s counts as the same.
    if ((before === 0 && mutedUntil === 0) || (before > 0 && mutedUntil > 0 && Math.abs(before - mutedUntil) < 2000)) return;
    if (mutedUntil > 0) this.#muted.set(key, mutedUntil);
    else this.#muted.delete(key);
    this.emit('member-muted', { groupId, userId, mutedUntil });
  }

  #muteAllChanged(groupId: string, mute: boolean): void {
    if (this.#mutedAll.get(groupId) === mute) return;
    this.#mutedAll.set(groupId, mute);
    this.emit('mute-all', { groupId, mute });
  }

  /* ───────────── moderation ───────────── */

  async muteMember(groupId: string, userId: string, seconds: number): Promise<number> {
    const chat = this.#need();
    const s = Math.max(0, Math.floor(seconds));
    await this.#call(chat.setGroupMemberMuteTime({ groupID: groupId, userID: userId, muteTime: s }), s > 0 ? 'muting the member' : 'unmuting the member');
    const mutedUntil = s > 0 ? Date.now() + s * 1000 : 0;
    this.#mutedChanged(groupId, userId, mutedUntil);
    return mutedUntil;
  }

  async muteAll(groupId: string, mute: boolean): Promise<void> {
    const chat = this.#need();
    await this.#call(chat.updateGroupProfile({ groupID: groupId, muteAllMembers: mute }), mute ? 'muting everyone' : 'unmuting everyone');
    this.#muteAllChanged(groupId, mute);
  }

  async removeMember(groupId: string, userId: string, banSeconds: number): Promise<void> {
    const chat = this.#need();
    const s = Math.max(0, Math.floor(banSeconds));
    await this.#call(chat.deleteGroupMember({ groupID: groupId, userIDList: [userId], ...(s > 0 ? { duration: s } : {}) }), 'removing the member');
    this.#removed(groupId, userId, s > 0 ? Date.now() + s * 1000 : 0, undefined);
  }

  async setAdmin(groupId: string, userId: string, admin: boolean): Promise<void> {
    const chat = this.#need();
    const T = this.#types();
    await this.#call(chat.setGroupMemberRole({ groupID: groupId, userID: userId, role: admin ? T.GRP_MBR_ROLE_ADMIN : T.GRP_MBR_ROLE_MEMBER }), admin ? 'making an admin' : 'removing an admin');
    const admins = this.#admins.get(groupId) ?? new Set<string>();
    const had = admins.has(userId);
    if (admin) admins.add(userId);
    else admins.delete(userId);
    this.#admins.set(groupId, admins);
    if (had !== admin) this.emit('admins', { groupId, admins: [...admins] });
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    const chat = this.#chat;
    this.attributeWriter.clear(new LiveError(ErrorCode.INVALID_STATE, 'The room attributes were not written: the chat engine was destroyed.'));
    this.#clearGroups();
    if (chat) void this.#release(chat);
    this.clear();
  }
}

/** The kit's profile fields as the SDK's (only those given). */
function sdkProfile(profile: { nickname?: string; avatar?: string }): { nick?: string; avatar?: string } {
  return { ...(profile.nickname !== undefined ? { nick: profile.nickname } : {}), ...(profile.avatar !== undefined ? { avatar: profile.avatar } : {}) };
}

function toMember(m: RawMember, joinedAt?: number): GroupMember {
  const userId = m.userID ?? '';
  return { userId, nickname: m.nick || m.nameCard || userId, avatar: m.avatar ?? '', joinedAt: joinedAt ?? (Number(m.joinTime) || 0) * 1000 };
}

function toSdkPriority(T: ChatStatic['TYPES'], priority: Priority): ChatType {
  return priority === 'high' ? T.MSG_PRIORITY_HIGH : priority === 'low' ? T.MSG_PRIORITY_LOW : T.MSG_PRIORITY_NORMAL;
}

function fromSdkPriority(T: ChatStatic['TYPES'], priority: string | undefined): Priority {
  if (priority === T.MSG_PRIORITY_HIGH) return 'high';
  if (priority === T.MSG_PRIORITY_LOW || priority === T.MSG_PRIORITY_LOWEST) return 'low';
  return 'normal';
}

function counterValue(counters: unknown, key: string): number | undefined {
  if (Array.isArray(counters)) {
    const hit = counters.find((c: { key?: string }) => c?.key === key) as { value?: unknown } | undefined;
    return typeof hit?.value === 'number' ? hit.value : undefined;
  }
  if (counters && typeof counters === 'object') {
    const value = (counters as Record<string, unknown>)[key];
    return typeof value === 'number' ? value : undefined;
  }
  return undefined;
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
