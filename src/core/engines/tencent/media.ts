/**
 * The MediaEngine over Tencent RTC (`trtc-sdk-v5`).
 *
 * A thin shell: constructing it loads nothing; the SDK is fetched with dynamic `import()` on
 * first use (and `TRTC.create()` called then). Every SDK call that talks to the cloud has a
 * timeout and fails with a typed error in words.
 *
 * Mapping (kit → TRTC):
 * - scenes: `live` → SCENE_LIVE with role anchor/audience; `voice` → SCENE_LIVE, audio only;
 *   `rtc` / `audio-call` → SCENE_RTC (no roles: everyone may publish);
 * - rooms: numeric → `roomId` (TRTC takes 1–4294967294), string → `strRoomId`;
 * - local media: `startLocalVideo` / `startLocalAudio` capture (with `publish` only once
 *   `publish()` was called); `localStream` is a MediaStream of the SDK's own tracks
 *   (`getVideoTrack()` / `getAudioTrack()`), kept as one object whose tracks are replaced when
 *   the device changes, so that a preview `<video>` keeps playing;
 * - remote video: `startRemoteVideo({ view: null })` subscribes without letting the SDK render;
 *   the track (`getVideoTrack({ userId })`) is attached to the kit's own `<video>` tile (muted);
 *   remote audio is played by the SDK itself (`autoReceiveAudio`), muted with `muteRemoteAudio`;
 * - autoplay: the SDK's dialog is off (`enableAutoPlayDialog: false`); AUTOPLAY_FAILED becomes
 *   the kit's `autoplay-blocked`, and the store's resume (`muteRemoteAudio(userId, false)` after
 *   a click) calls the event's `resume()`;
 * - PK: the CrossRoom plugin (`startPlugin('CrossRoom', { roomId | strRoomId, userId })`);
 * - co-anchor grants: TRTC has no client-side grant; see `TencentEngineOptions.grantAnchor`;
 * - media effects: `createBeautyManager()` drives the BasicBeauty plugin (`beauty.ts`),
 *   `createAudioEffectManager()` the AudioMixer and VoiceChanger plugins and the capture volume
 *   (`audio-effects.ts`); the engine tells them when the camera and microphone open and close,
 *   when rooms are entered and left, and when its client goes away (`effects-host.ts`).
 */
import type { EnterRoomConfig, TRTCEventTypes } from 'trtc-sdk-v5';
import { EventSource } from '../../emitter.js';
import { ErrorCode, LiveError, withTimeout } from '../../errors.js';
import { keepUnlessRejected } from '../../keep.js';
import { assertRoomId, type RoomId } from '../../validation.js';
import type {
  ConnectionState,
  Credentials,
  LocalMediaOptions,
  MediaDevice,
  MediaEngine,
  MediaEngineEvents,
  MediaUser,
  Role,
  Scene,
  VideoQuality,
} from '../types.js';
import type { TencentAudioEffectManager } from './audio-effects.js';
import type { TencentBeautyManager } from './beauty.js';
import type { TencentEffectsHooks, TencentEffectsHost } from './effects-host.js';
import { hookCall, loadCode, sdkCall, trtcError, type DeviceKind } from './errors.js';
import type { TencentEngineOptions } from './options.js';
import type { OnDemandPlugin, TrtcClient, TrtcSdk, TrtcStatic } from './sdk.js';

/** TRTC takes numeric room IDs 1–4294967294 (the kit allows 4294967295). */
export const TRTC_MAX_ROOM_ID = 4294967294;

const QUALITIES: readonly VideoQuality[] = ['360p', '480p', '720p', '1080p'];

export interface TencentMediaEngineOptions extends TencentEngineOptions {
  /** Loads the SDK (default: `loadTrtcSdk`, dynamic import; tests pass fakes). */
  loadSdk: () => Promise<TrtcSdk>;
}

interface Loaded {
  sdk: TrtcSdk;
  TRTC: TrtcStatic;
  client: TrtcClient;
}

/** A remote user's video as the kit plays it. */
interface Inbound {
  views: Set<HTMLVideoElement>;
  stream: MediaStream;
  subscribed: boolean;
  subscribing?: Promise<void>;
  firstFrameSeen: boolean;
}

export class TencentMediaEngine extends EventSource<MediaEngineEvents> implements MediaEngine {
  readonly kind = 'tencent';
  #options: TencentMediaEngineOptions;
  #timeoutMs: number;
  #deviceTimeoutMs: number;
  /** The SDK, loaded on first use (again after a failed load). */
  #module = keepUnlessRejected(() =>
    loadCode(this.#options.loadSdk, this.#timeoutMs, 'loading of the Tencent RTC SDK', 'The Tencent RTC SDK (trtc-sdk-v5) could not be loaded: is it installed, and is the page online?'),
  );
  #loaded?: Loaded;
  #offs: Array<() => void> = [];
  #destroyed = false;

  #room?: RoomId;
  #entering?: RoomId;
  #role: Role = 'audience';
  #scene: Scene = 'live';
  #self = '';
  #users = new Map<string, MediaUser>();

  #localStream?: MediaStream;
  #localVideo = false;
  #localAudio = false;
  #localOptions?: LocalMediaOptions;
  #publishing = false;
  #audioMuted = false;
  #videoMuted = false;
  #quality: VideoQuality = '480p';

  #inbound = new Map<string, Inbound>();
  #remoteMuted = new Set<string>();
  #allRemoteAudioMuted = false;
  #resumes = new Map<string, () => Promise<void>>();
  #pk?: { room: RoomId; userId: string; linked: boolean };
  /** Settles when an entry that hung (its client retired) finally ends inside TRTC. */
  #stuckEntry?: Promise<void>;

  /** The effects managers handed out and not disposed (they hear about the camera, microphone and rooms). */
  #effects = new Set<TencentEffectsHooks>();
  /** Plugins registered on demand, per client (a replaced client registers again). */
  #onDemand = new WeakMap<TrtcClient, Map<OnDemandPlugin, () => Promise<void>>>();
  /** The credentials of the room entered last (VoiceChanger authenticates with them). */
  #credentials?: Credentials;
  readonly #effectsHost: TencentEffectsHost;

  constructor(options: TencentMediaEngineOptions) {
    super();
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#deviceTimeoutMs = options.deviceTimeoutMs ?? Math.max(30_000, this.#timeoutMs);
    const engine = this;
    this.#effectsHost = {
      client: async () => (await this.#ensure()).client,
      get cameraOn() {
        return engine.#localVideo;
      },
      get microphoneOn() {
        return engine.#localAudio;
      },
      get credentials() {
        return engine.#credentials;
      },
      usePlugin: (client, name) => this.#usePlugin(client, name),
      call: (promise, what) => this.#call(promise, what),
      release: (hooks) => void this.#effects.delete(hooks),
    };
  }

  get localStream(): MediaStream | undefined {
    return this.#localStream;
  }

  /* ───────────── SDK ───────────── */

  /** Loads the SDK once, and creates a client when there is none (first use, or after a retired one). */
  #ensure(): Promise<Loaded> {
    if (this.#destroyed) return Promise.reject(new LiveError(ErrorCode.INVALID_STATE, 'The Tencent media engine was destroyed.'));
    return this.#module().then((sdk) => {
      if (this.#destroyed) throw new LiveError(ErrorCode.INVALID_STATE, 'The Tencent media engine was destroyed.');
      if (this.#loaded) return this.#loaded;
      const client = sdk.TRTC.create({ plugins: sdk.plugins, enableAutoPlayDialog: false });
      const loaded = { sdk, TRTC: sdk.TRTC, client };
      this.#listen(loaded);
      this.#loaded = loaded;
      return loaded;
    });
  }

  /**
   * Gives up on a client whose enterRoom hung: TRTC would neither finish nor forget it (its
   * exitRoom waits for the entry, a new enterRoom is refused with 5998), so it is destroyed and
   * a fresh one takes its place; the camera and microphone are opened again on it, into the same
   * `localStream`, so a preview keeps playing.
   */
  #retire(client: TrtcClient): void {
    if (this.#loaded?.client !== client) return;
    for (const off of this.#offs) off();
    this.#offs = [];
    this.#loaded = undefined;
    for (const hooks of [...this.#effects]) hooks.clientLost();
    void client.exitRoom().catch(() => undefined);
    try {
      client.destroy();
    } catch (error) {
      this.#report(error, 'closing a stuck TRTC client');
    }
    if (this.#localVideo || this.#localAudio) void this.#restoreLocal();
  }

  async #restoreLocal(): Promise<void> {
    const options = this.#localOptions;
    const wanted = { video: this.#localVideo, audio: this.#localAudio };
    this.#localVideo = false;
    this.#localAudio = false;
    if (!options || this.#destroyed) return;
    try {
      await this.startLocalMedia({ ...options, ...wanted });
    } catch (error) {
      this.#localStream?.getTracks().forEach((t) => this.#localStream?.removeTrack(t));
      this.emit('error', { error: error instanceof LiveError ? error : trtcError(error, 'opening the camera and microphone again') });
    }
  }

  #call<T>(promise: Promise<T>, what: string, device?: DeviceKind, onTimeout?: () => void): Promise<T> {
    return sdkCall(promise, device ? this.#deviceTimeoutMs : this.#timeoutMs, what, (error, w) => trtcError(error, w, device), onTimeout);
  }

  #listen({ TRTC, client }: Loaded): void {
    const E = TRTC.EVENT;
    const on = <K extends keyof TRTCEventTypes>(event: K, handler: (...args: TRTCEventTypes[K]) => void) => {
      client.on(event, handler);
      this.#offs.push(() => client.off(event, handler as never));
    };
    on(E.REMOTE_USER_ENTER, ({ userId }) => this.#upsert(userId, {}));
    on(E.REMOTE_USER_EXIT, ({ userId }) => this.#remove(userId));
    on(E.REMOTE_VIDEO_AVAILABLE, ({ userId, streamType }) => {
      if (streamType !== TRTC.TYPE.STREAM_TYPE_MAIN) return;
      this.#upsert(userId, { video: true });
      if (this.#inbound.get(userId)?.views.size) void this.#subscribe(userId).catch((error: unknown) => this.#report(error, `playing ${userId}’s video`));
    });
    on(E.REMOTE_VIDEO_UNAVAILABLE, ({ userId, streamType }) => {
      if (streamType !== TRTC.TYPE.STREAM_TYPE_MAIN) return;
      const entry = this.#inbound.get(userId);
      if (entry) {
        entry.subscribed = false;
        entry.firstFrameSeen = false;
        for (const track of entry.stream.getVideoTracks()) entry.stream.removeTrack(track);
      }
      this.#upsert(userId, { video: false });
    });
    on(E.REMOTE_AUDIO_AVAILABLE, ({ userId }) => {
      if (this.#allRemoteAudioMuted || this.#remoteMuted.has(userId)) void client.muteRemoteAudio(userId, true).catch((error: unknown) => this.#report(error, `muting ${userId}`));
      this.#upsert(userId, { audio: true });
    });
    on(E.REMOTE_AUDIO_UNAVAILABLE, ({ userId }) => this.#upsert(userId, { audio: false }));
    on(E.NETWORK_QUALITY, (q) => {
      if (!this.#room) return;
      if (this.#self) this.emit('network-quality', { userId: this.#self, quality: this.#publishing ? q.uplinkNetworkQuality : q.downlinkNetworkQuality });
      // TRTC reports the local downlink only: it stands for every remote user we receive.
      for (const [userId, entry] of this.#inbound) if (entry.subscribed) this.emit('network-quality', { userId, quality: q.downlinkNetworkQuality });
    });
    on(E.CONNECTION_STATE_CHANGED, ({ state, isReconnecting }) => this.emit('connection-state', { state: connectionState(state, isReconnecting) }));
    on(E.KICKED_OUT, ({ reason }) => {
      const wasIn = !!this.#room;
      this.#resetRoom();
      if (!wasIn) return;
      void this.#tellEffects('leaving');
      if (reason === 'room_disband') this.emit('room-closed', { reason: 'destroyed' });
      else this.emit('kicked-out', { reason: reason === 'kick' ? 'duplicate-login' : 'kicked' });
    });
    on(E.AUTOPLAY_FAILED, ({ userId, resume }) => {
      if (typeof resume === 'function') this.#resumes.set(userId, resume);
      this.emit('autoplay-blocked', { userId });
    });
    on(E.ERROR, (error) => this.#report(error, 'keeping the connection to Tencent RTC'));
    on(E.TRACK, ({ userId, streamType, track }) => {
      if (userId === '') {
        this.#refreshLocalStream();
        return;
      }
      if (streamType !== undefined && streamType !== TRTC.TYPE.STREAM_TYPE_MAIN) return;
      const entry = this.#inbound.get(userId);
      if (entry && track.kind === 'video') this.#setVideoTrack(userId, entry, track);
    });
    on(E.AUDIO_VOLUME, ({ result }) => {
      this.emit('audio-volume', { volumes: result.map(({ userId, volume }) => ({ userId: userId || this.#self, volume })) });
    });
  }

  #report(error: unknown, what: string): void {
    const mapped = trtcError(error, what);
    this.emit('error', { error: mapped });
  }

  /* ───────────── room ───────────── */

  async join(params: { room: RoomId; role: Role; scene: Scene; credentials: Credentials }): Promise<{ users: MediaUser[]; ownerId: string }> {
    const { room, role, scene, credentials } = params;
    if (typeof RTCPeerConnection === 'undefined') throw new LiveError(ErrorCode.WEBRTC_UNSUPPORTED);
    assertTrtcRoom(room);
    const sdkAppId = credentials.sdkAppId || this.#options.sdkAppId || 0;
    if (!sdkAppId) throw new LiveError(ErrorCode.INVALID_ARGUMENT, 'No SDKAppID for Tencent RTC: give sdk-app-id (or a token URL that returns one).');
    // One deadline for the whole entry: loading the SDK counts too.
    const started = performance.now();
    const left = () => Math.max(1, this.#timeoutMs - (performance.now() - started));
    const { TRTC, client } = await this.#ensure();
    if (this.#room) await this.leave();
    // An earlier entry hung and its client was retired; TRTC keeps it registered until it ends
    // (a new audience entry would be refused as a "repeated join"): wait for it, within this
    // entry's own time, and time out the same way if it never ends.
    const stuck = this.#stuckEntry;
    if (stuck) {
      const ended = await Promise.race([stuck.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), left()))]);
      if (!ended) throw new LiveError(ErrorCode.TIMEOUT, `Entering the Tencent RTC room timed out after ${this.#timeoutMs} ms: Tencent Cloud did not answer (the previous attempt is still stuck). Check the network and try again.`);
      if (this.#stuckEntry === stuck) this.#stuckEntry = undefined;
    }
    const live = scene === 'live' || scene === 'voice';
    const privateMapKey = await this.#privateMapKey(room, credentials.userId, role);
    const config: EnterRoomConfig = {
      sdkAppId,
      userId: credentials.userId,
      userSig: credentials.userSig,
      ...roomTarget(room),
      scene: live ? TRTC.TYPE.SCENE_LIVE : TRTC.TYPE.SCENE_RTC,
      ...(live ? { role: role === 'anchor' ? TRTC.TYPE.ROLE_ANCHOR : TRTC.TYPE.ROLE_AUDIENCE } : {}),
      autoReceiveAudio: true,
      autoReceiveVideo: false,
      enableAutoPlayDialog: false,
      ...(privateMapKey ? { privateMapKey } : {}),
    };
    this.#self = credentials.userId;
    this.#scene = scene;
    this.#role = live ? role : 'anchor';
    this.#users.clear();
    this.#entering = room;
    const entering = client.enterRoom(config);
    try {
      await sdkCall(
        entering,
        left(),
        'entering the Tencent RTC room',
        (error, what) => trtcError(error, what),
        // It hung: this client is done for (see #retire); the next try gets a fresh one.
        () => {
          this.#stuckEntry = entering.then(
            () => undefined,
            () => undefined,
          );
          this.#retire(client);
        },
        this.#timeoutMs,
      );
    } catch (error) {
      this.#entering = undefined;
      this.#users.clear();
      throw error;
    }
    this.#entering = undefined;
    this.#room = room;
    this.#credentials = credentials;
    // Not awaited: a voice changer waiting for the room authenticates over the network.
    void this.#tellEffects('joined');
    if (this.#allRemoteAudioMuted) void client.muteRemoteAudio('*', true).catch((error: unknown) => this.#report(error, 'muting remote audio'));
    // Users who were already there arrived during enterRoom: they are in the answer, not events.
    return { users: [...this.#users.values()], ownerId: '' };
  }

  async #privateMapKey(room: RoomId, userId: string, role: Role): Promise<string | undefined> {
    const hook = this.#options.privateMapKey;
    if (!hook) return undefined;
    return hookCall(() => hook({ room, userId, role }), this.#timeoutMs, 'privateMapKey request', ErrorCode.AUTH_FAILED, 'Your server did not give a TRTC privateMapKey');
  }

  async leave(): Promise<void> {
    const client = this.#loaded?.client;
    if (!this.#room || !client) return;
    const pk = this.#pk;
    this.#resetRoom();
    if (pk?.linked) await this.#call(client.stopPlugin('CrossRoom', roomTarget(pk.room)), 'ending the PK').catch(() => undefined);
    await this.#tellEffects('leaving');
    await this.#call(client.exitRoom(), 'leaving the Tencent RTC room');
  }

  #resetRoom(): void {
    this.#room = undefined;
    this.#entering = undefined;
    this.#publishing = false;
    this.#pk = undefined;
    this.#resumes.clear();
    for (const userId of [...this.#inbound.keys()]) this.#forget(userId);
    this.#users.clear();
  }

  async switchRole(role: Role): Promise<void> {
    const room = this.#room;
    const { TRTC, client } = await this.#ensure();
    if (!room) throw new LiveError(ErrorCode.NOT_IN_ROOM);
    if (this.#scene === 'rtc' || this.#scene === 'audio-call') {
      // SCENE_RTC has no roles: everyone may publish.
      return;
    }
    const privateMapKey = role === 'anchor' ? await this.#privateMapKey(room, this.#self, role) : undefined;
    await this.#call(client.switchRole(role === 'anchor' ? TRTC.TYPE.ROLE_ANCHOR : TRTC.TYPE.ROLE_AUDIENCE, privateMapKey ? { privateMapKey } : undefined), `switching to ${role}`);
    this.#role = role;
    if (role === 'audience') this.#publishing = false;
  }

  /* ───────────── local media ───────────── */

  async startLocalMedia(options: LocalMediaOptions): Promise<MediaStream> {
    if (typeof navigator === 'undefined' || !navigator.mediaDevices) throw new LiveError(ErrorCode.WEBRTC_UNSUPPORTED);
    const { client } = await this.#ensure();
    const publish = this.#canPublish() && this.#publishing;
    let startedVideo = false;
    if (options.video) {
      const option = { profile: this.#quality, ...(options.cameraId ? { cameraId: options.cameraId } : { useFrontCamera: options.facingMode !== 'environment' }) };
      if (this.#localVideo) await this.#call(client.updateLocalVideo({ option }), 'switching the camera', 'camera');
      else {
        await this.#call(client.startLocalVideo({ publish, mute: this.#videoMuted, option }), 'opening the camera', 'camera');
        startedVideo = true;
      }
      this.#localVideo = true;
      if (startedVideo) await this.#tellEffects('cameraStarted');
    } else if (this.#localVideo) {
      await this.#tellEffects('cameraStopping');
      this.#localVideo = false;
      await this.#call(client.stopLocalVideo(), 'closing the camera');
    }
    try {
      if (options.audio) {
        const option = options.microphoneId ? { microphoneId: options.microphoneId } : {};
        if (this.#localAudio) {
          if (options.microphoneId) await this.#call(client.updateLocalAudio({ option }), 'switching the microphone', 'microphone');
        } else {
          const captureVolume = this.#captureVolume();
          await this.#call(client.startLocalAudio({ publish, mute: this.#audioMuted, option: captureVolume === undefined ? option : { ...option, captureVolume } }), 'opening the microphone', 'microphone');
          this.#localAudio = true;
          // Not awaited (see join); a microphone closed meanwhile is handled in turn by the manager.
          void this.#tellEffects('microphoneStarted');
        }
      } else if (this.#localAudio) {
        await this.#tellEffects('microphoneStopping');
        this.#localAudio = false;
        await this.#call(client.stopLocalAudio(), 'closing the microphone');
      }
    } catch (error) {
      // All or nothing, like getUserMedia: a camera opened by this call closes again.
      if (startedVideo) {
        await this.#tellEffects('cameraStopping');
        this.#localVideo = false;
        await client.stopLocalVideo().catch(() => undefined);
      }
      this.#refreshLocalStream();
      throw error;
    }
    this.#localOptions = options;
    return this.#refreshLocalStream() ?? new MediaStream();
  }

  /** Rebuilds `localStream` from the SDK's current local tracks (the same MediaStream object). */
  #refreshLocalStream(): MediaStream | undefined {
    const client = this.#loaded?.client;
    if (!client || typeof MediaStream === 'undefined') return this.#localStream;
    const audio = this.#localAudio ? client.getAudioTrack() : null;
    const video = this.#localVideo ? client.getVideoTrack() : null;
    // Created with the first capture, dropped by stopLocalMedia(); in between it is one object.
    if (!this.#localStream && !audio && !video) return undefined;
    const stream = (this.#localStream ??= new MediaStream());
    for (const [kind, track] of [['audio', audio], ['video', video]] as const) {
      for (const old of kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks()) if (old !== track) stream.removeTrack(old);
      if (track && !stream.getTracks().includes(track)) stream.addTrack(track);
    }
    return stream;
  }

  async stopLocalMedia(): Promise<void> {
    const client = this.#loaded?.client;
    const video = this.#localVideo;
    const audio = this.#localAudio;
    if (client && video) await this.#tellEffects('cameraStopping');
    if (client && audio) await this.#tellEffects('microphoneStopping');
    this.#localVideo = false;
    this.#localAudio = false;
    this.#localStream = undefined;
    if (!client) return;
    if (video) await this.#call(client.stopLocalVideo(), 'closing the camera');
    if (audio) await this.#call(client.stopLocalAudio(), 'closing the microphone');
  }

  #canPublish(): boolean {
    return !!this.#room && (this.#role === 'anchor' || this.#scene === 'rtc' || this.#scene === 'audio-call');
  }

  async publish(): Promise<void> {
    if (!this.#room) throw new LiveError(ErrorCode.NOT_IN_ROOM);
    if (!this.#canPublish()) throw new LiveError(ErrorCode.PUBLISH_NOT_ALLOWED, 'Only an anchor can publish in a live room: switch the role to anchor first.');
    const { client } = await this.#ensure();
    this.#publishing = true;
    if (this.#localVideo) await this.#call(client.updateLocalVideo({ publish: true }), 'publishing the camera', 'camera');
    if (this.#localAudio) await this.#call(client.updateLocalAudio({ publish: true }), 'publishing the microphone', 'microphone');
  }

  async unpublish(): Promise<void> {
    const client = this.#loaded?.client;
    if (!this.#publishing || !client) return;
    this.#publishing = false;
    if (!this.#room) return;
    if (this.#localVideo) await this.#call(client.updateLocalVideo({ publish: false }), 'stopping the camera’s publication');
    if (this.#localAudio) await this.#call(client.updateLocalAudio({ publish: false }), 'stopping the microphone’s publication');
  }

  async muteLocalAudio(mute: boolean): Promise<void> {
    this.#audioMuted = mute;
    const client = this.#loaded?.client;
    if (client && this.#localAudio) await this.#call(client.updateLocalAudio({ mute }), mute ? 'muting the microphone' : 'unmuting the microphone');
  }

  async muteLocalVideo(mute: boolean): Promise<void> {
    this.#videoMuted = mute;
    const client = this.#loaded?.client;
    if (client && this.#localVideo) await this.#call(client.updateLocalVideo({ mute }), mute ? 'turning the camera off' : 'turning the camera on');
  }

  /* ───────────── remote media ───────────── */

  async play(userId: string, view: HTMLVideoElement): Promise<void> {
    let entry = this.#inbound.get(userId);
    if (!entry) {
      entry = { views: new Set(), stream: new MediaStream(), subscribed: false, firstFrameSeen: false };
      this.#inbound.set(userId, entry);
    }
    entry.views.add(view);
    this.#attach(userId, entry, view);
    if (this.#room && this.#users.get(userId)?.video) await this.#subscribe(userId);
  }

  #subscribe(userId: string): Promise<void> {
    const entry = this.#inbound.get(userId);
    const loaded = this.#loaded;
    if (!entry || !loaded || entry.subscribed) return Promise.resolve();
    if (entry.subscribing) return entry.subscribing;
    const { TRTC, client } = loaded;
    const streamType = TRTC.TYPE.STREAM_TYPE_MAIN;
    entry.subscribing = this.#call(client.startRemoteVideo({ userId, streamType, view: null }), `playing ${userId}’s video`)
      .then(() => {
        if (this.#inbound.get(userId) !== entry) return;
        entry.subscribed = true;
        const track = client.getVideoTrack({ userId, streamType });
        if (track) this.#setVideoTrack(userId, entry, track);
      })
      .finally(() => {
        entry.subscribing = undefined;
      });
    return entry.subscribing;
  }

  #setVideoTrack(userId: string, entry: Inbound, track: MediaStreamTrack): void {
    for (const old of entry.stream.getVideoTracks()) if (old !== track) entry.stream.removeTrack(old);
    if (!entry.stream.getTracks().includes(track)) entry.stream.addTrack(track);
    for (const view of entry.views) this.#attach(userId, entry, view);
  }

  #attach(userId: string, entry: Inbound, view: HTMLVideoElement): void {
    if (view.srcObject !== entry.stream) view.srcObject = entry.stream;
    view.autoplay = true;
    view.playsInline = true;
    // The SDK plays the remote sound itself: the tile shows the picture only.
    view.muted = true;
    if (!entry.firstFrameSeen) {
      const onFrame = () => {
        if (entry.firstFrameSeen || view.videoWidth === 0) return;
        entry.firstFrameSeen = true;
        this.emit('first-video-frame', { userId });
      };
      if (typeof view.requestVideoFrameCallback === 'function') view.requestVideoFrameCallback(onFrame);
      else (view as HTMLVideoElement).addEventListener('loadeddata', onFrame, { once: true });
    }
    if (entry.stream.getTracks().length > 0) void view.play().catch(() => undefined);
  }

  stopPlay(userId: string): void {
    const entry = this.#inbound.get(userId);
    if (!entry) return;
    const subscribed = entry.subscribed || !!entry.subscribing;
    this.#forget(userId);
    const loaded = this.#loaded;
    if (subscribed && loaded && this.#room) {
      void this.#call(loaded.client.stopRemoteVideo({ userId, streamType: loaded.TRTC.TYPE.STREAM_TYPE_MAIN }), `stopping ${userId}’s video`).catch((error: unknown) => {
        if ((error as LiveError).code !== ErrorCode.INVALID_STATE) this.emit('error', { error: error as LiveError });
      });
    }
  }

  #forget(userId: string): void {
    const entry = this.#inbound.get(userId);
    if (!entry) return;
    this.#inbound.delete(userId);
    for (const view of entry.views) if (view.srcObject === entry.stream) view.srcObject = null;
    for (const track of entry.stream.getTracks()) entry.stream.removeTrack(track);
  }

  muteRemoteAudio(userId: string, mute: boolean): void {
    if (mute) this.#remoteMuted.add(userId);
    else this.#remoteMuted.delete(userId);
    const client = this.#loaded?.client;
    if (client && this.#room && this.#users.get(userId)?.audio) {
      void this.#call(client.muteRemoteAudio(userId, mute), mute ? `muting ${userId}` : `unmuting ${userId}`).catch((error: unknown) => this.emit('error', { error: error as LiveError }));
    }
    if (!mute) this.#resume(userId);
  }

  muteAllRemoteAudio(mute: boolean): void {
    this.#allRemoteAudioMuted = mute;
    if (!mute) this.#remoteMuted.clear();
    const client = this.#loaded?.client;
    if (client && this.#room) {
      void this.#call(client.muteRemoteAudio('*', mute), mute ? 'muting everyone' : 'unmuting everyone').catch((error: unknown) => this.emit('error', { error: error as LiveError }));
    }
    if (!mute) for (const userId of [...this.#resumes.keys()]) this.#resume(userId);
  }

  /** After a click: the playback the browser blocked (AUTOPLAY_FAILED) starts again. */
  #resume(userId: string): void {
    const resume = this.#resumes.get(userId);
    if (!resume) return;
    this.#resumes.delete(userId);
    void resume().catch((error: unknown) => this.#report(error, `playing ${userId}’s sound`));
  }

  enableAudioVolumeEvaluation(intervalMs: number): void {
    const client = this.#loaded?.client;
    if (client) {
      client.enableAudioVolumeEvaluation(intervalMs > 0 ? intervalMs : -1);
      return;
    }
    if (intervalMs <= 0) return;
    // Not loaded yet: applied once the SDK is there.
    void this.#ensure().then(
      ({ client: c }) => c.enableAudioVolumeEvaluation(intervalMs),
      (error: unknown) => this.#report(error, 'loading the Tencent RTC SDK'),
    );
  }

  /* ───────────── users ───────────── */

  #upsert(userId: string, patch: Partial<Pick<MediaUser, 'audio' | 'video'>>): void {
    if (userId === this.#self) return;
    const before = this.#users.get(userId);
    const user: MediaUser = before
      ? { ...before, ...patch }
      : { userId, nickname: userId, avatar: '', role: 'anchor', publishing: false, audio: false, video: false, ...patch };
    user.publishing = user.audio || user.video;
    this.#users.set(userId, user);
    // While entering, users go into join()'s answer instead of events.
    if (!this.#room) return;
    if (!before) this.emit('user-enter', { user });
    if ((before?.video ?? false) !== user.video) this.emit('video-available', { userId, available: user.video });
    if ((before?.audio ?? false) !== user.audio) this.emit('audio-available', { userId, available: user.audio });
    if (this.#pk && this.#pk.userId === userId && !before) this.#pkLinked();
  }

  #remove(userId: string): void {
    const before = this.#users.get(userId);
    if (!before) return;
    this.#users.delete(userId);
    this.#resumes.delete(userId);
    const entry = this.#inbound.get(userId);
    if (entry) {
      entry.subscribed = false;
      entry.firstFrameSeen = false;
      for (const track of entry.stream.getTracks()) entry.stream.removeTrack(track);
    }
    if (!this.#room) return;
    if (before.video) this.emit('video-available', { userId, available: false });
    if (before.audio) this.emit('audio-available', { userId, available: false });
    this.emit('user-exit', { userId });
    const pk = this.#pk;
    if (pk && pk.userId === userId) {
      this.#pk = undefined;
      if (pk.linked) this.emit('pk', { state: 'unlinked', room: pk.room, userId });
    }
  }

  /* ───────────── devices ───────────── */

  async getDevices(): Promise<MediaDevice[]> {
    const { TRTC } = await this.#ensure();
    const list = async (kind: MediaDevice['kind'], read: Promise<MediaDeviceInfo[]>): Promise<MediaDevice[]> => {
      const devices = await this.#call(read, `listing the ${kind}s`, kind === 'speaker' ? undefined : kind);
      return devices.filter((d) => d.deviceId).map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${kind} ${i + 1}`, kind }));
    };
    // requestPermission false: listing never opens a device (labels once permission was given).
    const [cameras, microphones, speakers] = await Promise.all([
      list('camera', TRTC.getCameraList(false)),
      list('microphone', TRTC.getMicrophoneList(false)),
      list('speaker', TRTC.getSpeakerList(false)),
    ]);
    return [...cameras, ...microphones, ...speakers];
  }

  async switchDevice(kind: MediaDevice['kind'], deviceId: string): Promise<void> {
    const { TRTC, client } = await this.#ensure();
    if (kind === 'speaker') {
      await this.#call(TRTC.setCurrentSpeaker(deviceId), 'switching the speaker');
      return;
    }
    if (kind === 'camera') {
      if (!this.#localVideo) throw new LiveError(ErrorCode.INVALID_STATE, 'Start the camera before switching devices.');
      await this.#call(client.updateLocalVideo({ option: { cameraId: deviceId } }), 'switching the camera', 'camera');
      if (this.#localOptions) this.#localOptions = { ...this.#localOptions, cameraId: deviceId };
    } else {
      if (!this.#localAudio) throw new LiveError(ErrorCode.INVALID_STATE, 'Start the microphone before switching devices.');
      await this.#call(client.updateLocalAudio({ option: { microphoneId: deviceId } }), 'switching the microphone', 'microphone');
      if (this.#localOptions) this.#localOptions = { ...this.#localOptions, microphoneId: deviceId };
    }
    this.#refreshLocalStream();
  }

  async switchCamera(front: boolean): Promise<void> {
    const { client } = await this.#ensure();
    if (!this.#localVideo) throw new LiveError(ErrorCode.INVALID_STATE, 'Start the camera before switching it.');
    await this.#call(client.updateLocalVideo({ option: { useFrontCamera: front } }), 'switching the camera', 'camera');
    if (this.#localOptions) this.#localOptions = { ...this.#localOptions, cameraId: undefined, facingMode: front ? 'user' : 'environment' };
    this.#refreshLocalStream();
  }

  async setVideoQuality(quality: VideoQuality): Promise<void> {
    if (!QUALITIES.includes(quality)) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Unknown video quality “${quality}”: use 360p, 480p, 720p or 1080p.`);
    this.#quality = quality;
    const client = this.#loaded?.client;
    if (client && this.#localVideo) await this.#call(client.updateLocalVideo({ option: { profile: quality } }), 'changing the video quality', 'camera');
  }

  /* ───────────── co-anchoring and PK ───────────── */

  async grantAnchor(userId: string, allow: boolean): Promise<void> {
    const room = this.#room;
    if (!room) throw new LiveError(ErrorCode.NOT_IN_ROOM);
    const hook = this.#options.grantAnchor;
    if (hook) {
      await hookCall(() => hook({ room, userId, allow }), this.#timeoutMs, 'co-anchor permission request', ErrorCode.SERVER_ERROR, 'Your server did not record the co-anchor permission');
      return;
    }
    if (this.#options.openStage) return;
    throw new LiveError(
      ErrorCode.ENGINE_UNAVAILABLE,
      'Co-anchor permission on Tencent RTC needs your server: pass `grantAnchor` (and `privateMapKey` if the application uses advanced permission control) in the Tencent engine options, or `openStage: true` for rooms without permission control. See README › Tencent Cloud.',
    );
  }

  async connectOtherRoom(room: RoomId, userId: string): Promise<{ active: boolean }> {
    if (!this.#room) throw new LiveError(ErrorCode.NOT_IN_ROOM);
    assertTrtcRoom(room);
    const { client } = await this.#ensure();
    this.#pk = { room, userId, linked: false };
    try {
      await this.#call(client.startPlugin('CrossRoom', { ...roomTarget(room), userId }), 'linking with the other room (PK)');
    } catch (error) {
      // Both anchors link (the kit's PK flow); if the other one's link already brought their
      // stream here, ours is redundant and the PK is on.
      if (!this.#users.has(userId)) {
        this.#pk = undefined;
        throw error;
      }
    }
    this.#pkLinked();
    return { active: true };
  }

  #pkLinked(): void {
    const pk = this.#pk;
    if (!pk || pk.linked) return;
    pk.linked = true;
    this.emit('pk', { state: 'linked', room: pk.room, userId: pk.userId });
  }

  async disconnectOtherRoom(): Promise<void> {
    const pk = this.#pk;
    const client = this.#loaded?.client;
    if (!pk || !client) return;
    this.#pk = undefined;
    try {
      if (this.#room) await this.#call(client.stopPlugin('CrossRoom', roomTarget(pk.room)), 'ending the PK');
    } finally {
      if (pk.linked) this.emit('pk', { state: 'unlinked', room: pk.room, userId: pk.userId });
    }
  }

  /* ───────────── media effects ───────────── */

  /** TXBeautyManager over TRTC's BasicBeauty plugin (see `beauty.ts` for what it can and cannot do); its code is fetched on the first call. */
  async createBeautyManager(): Promise<TencentBeautyManager> {
    const { TencentBeautyManager } = await import('./beauty.js');
    const manager = new TencentBeautyManager(this.#effectsHost);
    if (!this.#destroyed) this.#effects.add(manager);
    return manager;
  }

  /** TXAudioEffectManager over TRTC's AudioMixer and VoiceChanger plugins (see `audio-effects.ts`); its code is fetched on the first call. */
  async createAudioEffectManager(): Promise<TencentAudioEffectManager> {
    const { TencentAudioEffectManager } = await import('./audio-effects.js');
    const manager = new TencentAudioEffectManager(this.#effectsHost);
    if (!this.#destroyed) this.#effects.add(manager);
    return manager;
  }

  /** Tells every effects manager; hooks report their own failures (as `error` events). */
  async #tellEffects(hook: 'cameraStarted' | 'cameraStopping' | 'microphoneStarted' | 'microphoneStopping' | 'joined' | 'leaving'): Promise<void> {
    for (const hooks of [...this.#effects]) await hooks[hook]?.().catch(() => undefined);
  }

  /** The capture volume an audio effect manager asks for (undefined: the SDK's default, 100). */
  #captureVolume(): number | undefined {
    for (const hooks of this.#effects) if (hooks.captureVolume !== undefined && hooks.captureVolume !== 100) return hooks.captureVolume;
    return undefined;
  }

  /** Fetches a plugin (once per client) and registers it with `client`. */
  #usePlugin(client: TrtcClient, name: OnDemandPlugin): Promise<void> {
    let registered = this.#onDemand.get(client);
    if (!registered) this.#onDemand.set(client, (registered = new Map()));
    let use = registered.get(name);
    if (!use) {
      use = keepUnlessRejected(async () => {
        const { sdk } = await this.#ensure();
        const load = sdk.loadPlugin?.[name];
        if (!load) throw new LiveError(ErrorCode.ENGINE_UNAVAILABLE, `The Tencent engine was given no ${name} plugin (TrtcSdk.loadPlugin.${name}).`);
        client.use(await loadCode(load, this.#timeoutMs, `loading of the ${name} plugin`, `TRTC’s ${name} plugin could not be loaded: is the page online?`));
      });
      registered.set(name, use);
    }
    return use();
  }

  destroy(): void {
    if (this.#destroyed) return;
    const client = this.#loaded?.client;
    const inRoom = !!this.#room || !!this.#entering;
    this.#resetRoom();
    this.#localVideo = false;
    this.#localAudio = false;
    this.#localStream = undefined;
    this.#destroyed = true;
    for (const hooks of [...this.#effects]) hooks.clientLost();
    this.#effects.clear();
    for (const off of this.#offs) off();
    this.#offs = [];
    if (client) {
      // Leave politely if the network lets us (briefly: on a dead one exitRoom never returns).
      const done = inRoom ? withTimeout(client.exitRoom(), 2000, 'exit').catch(() => undefined) : Promise.resolve();
      void done.then(() => client.destroy());
    }
    this.clear();
  }
}

/** A valid room ID that TRTC takes too (its numeric IDs stop one short of the kit's). */
function assertTrtcRoom(room: RoomId): void {
  assertRoomId(room);
  if (room.kind === 'numeric' && room.id > TRTC_MAX_ROOM_ID) {
    throw new LiveError(ErrorCode.INVALID_ROOM_ID, `Tencent RTC takes numeric room IDs from 1 to ${TRTC_MAX_ROOM_ID}; ${room.id} is out of range.`);
  }
}

/** `roomId` or `strRoomId`, as TRTC's enterRoom and CrossRoom take a room. */
function roomTarget(room: RoomId): { roomId: number } | { strRoomId: string } {
  return room.kind === 'numeric' ? { roomId: room.id } : { strRoomId: room.id };
}

function connectionState(state: string, reconnecting?: boolean): ConnectionState {
  switch (state) {
    case 'CONNECTED':
    case 'RECONNECTED':
      return 'connected';
    case 'RECONNECTING':
      return 'reconnecting';
    case 'CONNECTING':
      return reconnecting ? 'reconnecting' : 'connecting';
    default:
      return 'disconnected';
  }
}


