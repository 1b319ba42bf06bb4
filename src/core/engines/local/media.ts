/**
 * The local engine's media: camera and mic through getUserMedia, and a WebRTC mesh where each
 * subscriber asks a publisher for its stream (`subscribe`) and the publisher offers a send-only
 * connection. Signalling goes through the local server, which checks who may offer to whom.
 */
import { EventSource } from '../../emitter.js';
import { ErrorCode, LiveError, mediaDeviceError, toLiveError } from '../../errors.js';
import type { SignalData } from '../../protocol/local-wire.js';
import type { RoomId } from '../../validation.js';
import type { Credentials, LocalMediaOptions, MediaDevice, MediaEngine, MediaEngineEvents, MediaProcessor, MediaUser, Role, Scene, VideoQuality } from '../types.js';
import { ProcessingStage } from '../../effects/stage.js';
import type { LocalConnection } from './connection.js';
import { qualityFrom, readStats, type QualitySample } from './network-quality.js';
import { VolumeMeter } from './volume-meter.js';

const STATS_INTERVAL_MS = 2000;

const RTC_CONFIG: RTCConfiguration = { iceServers: [] };

const QUALITY: Record<VideoQuality, { width: number; height: number }> = {
  '360p': { width: 640, height: 360 },
  '480p': { width: 640, height: 480 },
  '720p': { width: 1280, height: 720 },
  '1080p': { width: 1920, height: 1080 },
};

/** One peer connection and the queue that keeps its signalling steps in order. */
interface PeerLink {
  pc: RTCPeerConnection;
  pcId: string;
  queue: Promise<unknown>;
}

/** What we receive from one remote publisher. */
interface Inbound {
  wanted: boolean;
  link?: PeerLink;
  stream: MediaStream;
  views: Set<HTMLVideoElement>;
  audioMuted: boolean;
  firstFrameSeen: boolean;
}

export class LocalMediaEngine extends EventSource<MediaEngineEvents> implements MediaEngine {
  readonly kind = 'local';
  #connection: LocalConnection;
  #teardown: Array<() => void>;
  #room?: RoomId;
  #role: Role = 'audience';
  #scene: Scene = 'live';
  #ownerId = '';
  /** Frames decoded per remote user at the last sample, and how many samples they stood still. */
  #stall = new Map<string, { frames: number; still: number }>();
  #repairs = new Map<string, number>();
  #users = new Map<string, MediaUser>();
  /** The raw camera/mic capture (effects read it; previews and senders use `#stage.output`). */
  #localStream?: MediaStream;
  /* effects: between capture and preview/publish; without processors its output holds the raw tracks. */
  #stage = new ProcessingStage((error) => this.emit('error', { error }));
  #publishing = false;
  #audioMuted = false;
  #videoMuted = false;
  #allRemoteAudioMuted = false;
  #outbound = new Map<string, PeerLink>();
  #inbound = new Map<string, Inbound>();
  #pcCounter = 0;
  #mediaOptions?: LocalMediaOptions;
  #quality: VideoQuality = '480p';
  #speakerId?: string;
  #volumes = new VolumeMeter(
    {
      inbound: () => inboundLinks(this.#inbound),
      localStream: () => this.#localStream,
      localMuted: () => this.#audioMuted,
      localUserId: () => (this.#publishing ? this.#connection.userId : undefined),
    },
    (volumes) => this.emit('audio-volume', { volumes }),
  );
  #statsTimer?: ReturnType<typeof setInterval>;
  #qualities = new Map<string, number>();
  #samples = new WeakMap<RTCPeerConnection, QualitySample>();

  constructor(connection: LocalConnection) {
    super();
    this.#connection = connection;
    this.#teardown = [
      connection.on('media-user-enter', ({ user }) => this.#upsertUser(user, true)),
      connection.on('media-user-update', ({ user }) => this.#upsertUser(user, false)),
      connection.on('media-user-exit', ({ userId }) => this.#removeUser(userId)),
      connection.on('media-room-closed', ({ reason }) => {
        this.#resetRoom();
        this.emit('room-closed', { reason });
      }),
      connection.on('signal', ({ from, data }) => this.#onSignal(from, data)),
      connection.on('kicked-offline', ({ reason }) => {
        this.#resetRoom();
        this.emit('kicked-out', { reason });
      }),
      connection.on('connection-state', ({ state }) => this.emit('connection-state', { state })),
      // Reconnection stopped for good: the stores say why (the state alone only says "disconnected").
      connection.on('gave-up', ({ error }) => this.emit('error', { error: new LiveError(ErrorCode.CONNECTION_LOST, `The connection to the server was lost and could not be restored: ${error.message}`, { cause: error }) })),
      connection.on('media-role-changed', ({ role, reason }) => {
        if (role === 'audience') this.#stopPublishing();
        this.emit('role-changed', { role, reason });
      }),
      connection.on('media-pk', (e) => this.emit('pk', e)),
      connection.on('resumed', ({ resumed, waitFor }) => {
        if (this.#room) waitFor(this.#rejoin(resumed));
      }),
    ];
  }

  /** What is previewed and published: the capture, or its processed version while effects are on. */
  get localStream(): MediaStream | undefined {
    return this.#stage.output;
  }

  /* ───────────── room ───────────── */

  async join(params: { room: RoomId; role: Role; scene: Scene; credentials: Credentials }): Promise<{ users: MediaUser[]; ownerId: string }> {
    if (typeof RTCPeerConnection === 'undefined') throw new LiveError(ErrorCode.WEBRTC_UNSUPPORTED);
    await this.#connection.login(params.credentials);
    const result = await this.#connection.request('media-join', { room: params.room, role: params.role, scene: params.scene });
    this.#room = params.room;
    this.#role = params.role;
    this.#scene = params.scene;
    this.#ownerId = result.ownerId;
    this.#users.clear();
    for (const user of result.users) if (user.userId !== this.#connection.userId) this.#users.set(user.userId, user);
    this.#startStats();
    return { users: [...this.#users.values()], ownerId: result.ownerId };
  }

  async leave(): Promise<void> {
    if (!this.#room) return;
    this.#resetRoom();
    if (this.#connection.state === 'connected') await this.#connection.request('media-leave', {}).catch(() => undefined);
  }

  async switchRole(role: Role): Promise<void> {
    await this.#connection.request('media-switch-role', { role });
    this.#role = role;
    if (role === 'audience') this.#stopPublishing();
  }

  /**
   * After a reconnection: enter the room again with the same role (an anchor whose permission
   * the server no longer has comes back as audience), publish again, and renegotiate every
   * peer connection, since the old ones belong to the old socket's signalling.
   */
  async #rejoin(resumed: boolean): Promise<void> {
    const room = this.#room!;
    const wasPublishing = this.#publishing;
    const self = this.#connection.userId;
    const live = this.#scene === 'live' || this.#scene === 'voice';
    // A server that lost us (it restarted) lost the co-anchor's permission too: come back as audience.
    const demote = !resumed && live && this.#role === 'anchor' && !!this.#ownerId && this.#ownerId !== self;
    for (const link of this.#outbound.values()) link.pc.close();
    this.#outbound.clear();
    for (const [userId, entry] of this.#inbound) if (entry.link) this.#closeInbound(userId, false);
    let result: { users: MediaUser[]; ownerId: string };
    try {
      if (demote) throw new LiveError(ErrorCode.NOT_ALLOWED);
      result = await this.#connection.request('media-join', { room, role: this.#role, scene: this.#scene }, undefined, true);
    } catch (error) {
      const code = (error as LiveError).code;
      if (this.#role !== 'anchor' || (code !== ErrorCode.NOT_ALLOWED && code !== ErrorCode.PUBLISH_NOT_ALLOWED)) {
        const closed = code === ErrorCode.ROOM_NOT_FOUND || code === ErrorCode.BANNED;
        this.#resetRoom();
        if (closed) this.emit('room-closed', { reason: 'destroyed' });
        else this.emit('error', { error: toLiveError(error, ErrorCode.CONNECTION_LOST) });
        return;
      }
      // The stage was given back while we were away: watch again.
      this.#role = 'audience';
      this.#publishing = false;
      result = await this.#connection.request('media-join', { room, role: 'audience', scene: this.#scene }, undefined, true);
      this.emit('role-changed', { role: 'audience', reason: 'revoked' });
    }
    if (result.ownerId) this.#ownerId = result.ownerId;
    const now = new Map(result.users.filter((u) => u.userId !== this.#connection.userId).map((u) => [u.userId, u]));
    for (const userId of [...this.#users.keys()]) if (!now.has(userId)) this.#removeUser(userId);
    for (const user of now.values()) this.#upsertUser(user, false);
    if (wasPublishing && this.#role === 'anchor') await this.#connection.request('media-publish', this.#trackState(), undefined, true);
    for (const [userId, entry] of this.#inbound) if (entry.wanted && !entry.link && this.#users.get(userId)?.publishing) void this.#subscribe(userId);
  }

  /** Replaces a failed or stalled inbound connection (a few tries, then an error in words). */
  #repair(userId: string, why: string): void {
    const entry = this.#inbound.get(userId);
    if (!entry?.wanted || !this.#users.get(userId)?.publishing) return;
    const tries = (this.#repairs.get(userId) ?? 0) + 1;
    this.#repairs.set(userId, tries);
    if (tries > 5) {
      this.emit('error', { error: new LiveError(ErrorCode.MEDIA_FAILED, `The media from ${userId} ${why} and could not be restored.`) });
      return;
    }
    this.#closeInbound(userId, false);
    setTimeout(() => {
      if (this.#inbound.get(userId) === entry && !entry.link) void this.#subscribe(userId);
    }, 500 * tries);
  }

  #resetRoom(): void {
    this.#room = undefined;
    this.#stall.clear();
    this.#repairs.clear();
    clearInterval(this.#statsTimer);
    this.#statsTimer = undefined;
    this.#qualities.clear();
    this.#stopPublishing();
    for (const userId of [...this.#inbound.keys()]) this.#closeInbound(userId, true);
    this.#users.clear();
  }

  enableAudioVolumeEvaluation(intervalMs: number): void {
    this.#volumes.enable(intervalMs);
  }

  /** What has arrived from one remote user so far (tests and diagnostics). */
  async inboundStats(userId: string): Promise<{ audioPackets: number; videoFrames: number; audioLevel: number }> {
    const pc = this.#inbound.get(userId)?.link?.pc;
    const result = { audioPackets: 0, videoFrames: 0, audioLevel: 0 };
    if (!pc) return result;
    (await pc.getStats()).forEach((stat: Record<string, unknown>) => {
      if (stat.type !== 'inbound-rtp') return;
      if (stat.kind === 'audio') {
        result.audioPackets += Number(stat.packetsReceived ?? 0);
        result.audioLevel = Math.max(result.audioLevel, Number(stat.audioLevel ?? 0));
      }
      if (stat.kind === 'video') result.videoFrames += Number(stat.framesDecoded ?? 0);
    });
    return result;
  }

  /* ───────────── network quality ───────────── */

  #startStats(): void {
    clearInterval(this.#statsTimer);
    this.#statsTimer = setInterval(() => void this.#sampleQuality(), STATS_INTERVAL_MS);
  }

  async #sampleQuality(): Promise<void> {
    // One getStats() per connection and sample: quality, and (inbound) the stall check.
    const measure = async (pc: RTCPeerConnection) => {
      const { sample, loss, rtt, videoFrames } = await readStats(pc, this.#samples.get(pc));
      this.#samples.set(pc, sample);
      return { quality: qualityFrom(loss, rtt, pc.connectionState), videoFrames };
    };
    try {
      for (const [userId, entry] of this.#inbound) {
        if (!entry.link) continue;
        const { pc } = entry.link;
        const { quality, videoFrames } = await measure(pc);
        this.#reportQuality(userId, quality);
        this.#checkStall(userId, pc, videoFrames);
      }
      let uplink = 0;
      for (const link of this.#outbound.values()) uplink = Math.max(uplink, (await measure(link.pc)).quality);
      if (this.#outbound.size > 0 && this.#connection.userId) this.#reportQuality(this.#connection.userId, uplink);
    } catch {
      // Statistics are best effort; a closed connection simply reports nothing.
    }
  }

  /** No new video frame for three samples while the publisher says its video is on: a stall. */
  #checkStall(userId: string, pc: RTCPeerConnection, frames: number): void {
    if (!this.#users.get(userId)?.video || pc.connectionState !== 'connected') {
      this.#stall.delete(userId);
      return;
    }
    const before = this.#stall.get(userId);
    const still = before && before.frames === frames ? before.still + 1 : 0;
    this.#stall.set(userId, { frames, still });
    if (still >= 3) {
      this.#stall.delete(userId);
      this.#repair(userId, 'stalled');
    }
  }

  #reportQuality(userId: string, quality: number): void {
    if (this.#qualities.get(userId) === quality) return;
    this.#qualities.set(userId, quality);
    this.emit('network-quality', { userId, quality });
  }

  /* ───────────── local media ───────────── */

  async startLocalMedia(options: LocalMediaOptions): Promise<MediaStream> {
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) throw new LiveError(ErrorCode.WEBRTC_UNSUPPORTED);
    const size = QUALITY[this.#quality];
    const video: MediaTrackConstraints | false = options.video
      ? { width: { ideal: size.width }, height: { ideal: size.height }, frameRate: { ideal: 24 }, ...(options.cameraId ? { deviceId: { exact: options.cameraId } } : { facingMode: options.facingMode ?? 'user' }) }
      : false;
    const audio: MediaTrackConstraints | boolean = options.audio ? (options.microphoneId ? { deviceId: { exact: options.microphoneId } } : true) : false;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video, audio });
    } catch (error) {
      throw mediaDeviceError(error, options.video && options.audio ? 'both' : options.video ? 'camera' : 'microphone');
    }
    const previous = this.#localStream;
    this.#localStream = stream;
    this.#mediaOptions = options;
    stream.getAudioTracks().forEach((t) => (t.enabled = !this.#audioMuted));
    stream.getVideoTracks().forEach((t) => (t.enabled = !this.#videoMuted));
    const output = (await this.#stage.setInput(stream)) ?? stream; // effects
    if (this.#publishing) {
      await this.#replaceOutboundTracks();
      await this.#reportPublishState();
    }
    previous?.getTracks().forEach((t) => t.stop());
    return output;
  }

  async stopLocalMedia(): Promise<void> {
    const stream = this.#localStream;
    this.#localStream = undefined;
    await this.#stage.setInput(undefined); // effects
    stream?.getTracks().forEach((t) => t.stop());
    if (this.#publishing) {
      await this.#replaceOutboundTracks();
      await this.#reportPublishState();
    }
  }

  async publish(): Promise<void> {
    if (!this.#room) throw new LiveError(ErrorCode.NOT_IN_ROOM);
    await this.#connection.request('media-publish', this.#trackState());
    this.#publishing = true;
  }

  async unpublish(): Promise<void> {
    if (!this.#publishing) return;
    this.#stopPublishing();
    if (this.#connection.state === 'connected') await this.#connection.request('media-unpublish', {});
  }

  #stopPublishing(): void {
    this.#publishing = false;
    for (const link of this.#outbound.values()) link.pc.close();
    this.#outbound.clear();
  }

  #trackState(): { audio: boolean; video: boolean } {
    const stream = this.#localStream;
    return {
      audio: !!stream && stream.getAudioTracks().some((t) => t.readyState === 'live') && !this.#audioMuted,
      video: !!stream && stream.getVideoTracks().some((t) => t.readyState === 'live') && !this.#videoMuted,
    };
  }

  async #reportPublishState(): Promise<void> {
    if (this.#publishing && this.#connection.state === 'connected') await this.#connection.request('media-publish', this.#trackState());
  }

  async muteLocalAudio(mute: boolean): Promise<void> {
    this.#audioMuted = mute;
    this.#localStream?.getAudioTracks().forEach((t) => (t.enabled = !mute));
    this.#stage.setMuted('audio', mute); // effects: only the mic inside the mixer; music keeps playing
    await this.#reportPublishState();
  }

  async muteLocalVideo(mute: boolean): Promise<void> {
    this.#videoMuted = mute;
    this.#localStream?.getVideoTracks().forEach((t) => (t.enabled = !mute));
    this.#stage.setMuted('video', mute); // effects: the processed track too
    await this.#reportPublishState();
  }

  async #replaceOutboundTracks(): Promise<void> {
    const audio = this.#stage.track('audio');
    const video = this.#stage.track('video');
    const work: Promise<void>[] = [];
    for (const link of this.#outbound.values()) {
      for (const transceiver of link.pc.getTransceivers()) {
        const kind = transceiver.sender.track?.kind ?? transceiver.receiver.track.kind;
        work.push(transceiver.sender.replaceTrack(kind === 'audio' ? audio : video).catch(() => undefined));
      }
    }
    await Promise.all(work);
  }

  /* ───────────── effects: processing stage (core/effects) ───────────── */

  /** Beauty: the camera goes through `processor` (null: the camera's own track again). */
  async setVideoProcessor(processor: MediaProcessor | null): Promise<void> {
    if (await this.#stage.setProcessor('video', processor)) await this.#afterStageChange();
  }

  /** Audio effects: the microphone goes through `processor` (null: the microphone's own track again). */
  async setAudioProcessor(processor: MediaProcessor | null): Promise<void> {
    if (await this.#stage.setProcessor('audio', processor)) await this.#afterStageChange();
  }

  async #afterStageChange(): Promise<void> {
    if (this.#publishing) await this.#replaceOutboundTracks();
  }

  /** The raw capture, before effects (tests and diagnostics). */
  get rawLocalStream(): MediaStream | undefined {
    return this.#localStream;
  }

  /** What the RTP senders send now, over every subscriber's connection (tests and diagnostics). */
  senderTracks(): Array<{ kind: string; id: string; label: string }> {
    const tracks: Array<{ kind: string; id: string; label: string }> = [];
    for (const link of this.#outbound.values()) {
      for (const sender of link.pc.getSenders()) if (sender.track) tracks.push({ kind: sender.track.kind, id: sender.track.id, label: sender.track.label });
    }
    return tracks;
  }

  /* ───────────── end effects ───────────── */

  async getDevices(): Promise<MediaDevice[]> {
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) throw new LiveError(ErrorCode.WEBRTC_UNSUPPORTED);
    const kinds: Record<string, MediaDevice['kind']> = { videoinput: 'camera', audioinput: 'microphone', audiooutput: 'speaker' };
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices
      .filter((d) => kinds[d.kind] && d.deviceId)
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${kinds[d.kind]} ${i + 1}`, kind: kinds[d.kind] }));
  }

  async switchDevice(kind: MediaDevice['kind'], deviceId: string): Promise<void> {
    if (kind === 'speaker') {
      this.#speakerId = deviceId;
      const work: Promise<void>[] = [];
      for (const entry of this.#inbound.values()) for (const view of entry.views) work.push(this.#applySpeaker(view));
      await Promise.all(work);
      return;
    }
    const options = this.#mediaOptions;
    if (!options || !this.#localStream) throw new LiveError(ErrorCode.INVALID_STATE, 'Start the camera or microphone before switching devices.');
    await this.startLocalMedia(kind === 'camera' ? { ...options, cameraId: deviceId } : { ...options, microphoneId: deviceId });
  }

  async switchCamera(front: boolean): Promise<void> {
    const options = this.#mediaOptions;
    if (!options || !this.#localStream) throw new LiveError(ErrorCode.INVALID_STATE, 'Start the camera before switching it.');
    await this.startLocalMedia({ ...options, cameraId: undefined, facingMode: front ? 'user' : 'environment' });
  }

  async setVideoQuality(quality: VideoQuality): Promise<void> {
    if (!(quality in QUALITY)) throw new LiveError(ErrorCode.INVALID_ARGUMENT, `Unknown video quality “${quality}”: use 360p, 480p, 720p or 1080p.`);
    this.#quality = quality;
    const track = this.#localStream?.getVideoTracks()[0];
    if (track) await track.applyConstraints({ width: { ideal: QUALITY[quality].width }, height: { ideal: QUALITY[quality].height } }).catch(() => undefined);
  }

  async #applySpeaker(view: HTMLVideoElement): Promise<void> {
    const sink = view as HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> };
    if (this.#speakerId && sink.setSinkId) await sink.setSinkId(this.#speakerId).catch(() => undefined);
  }

  async grantAnchor(userId: string, allow: boolean): Promise<void> {
    await this.#connection.request('media-grant', { userId, allow });
  }

  async connectOtherRoom(room: RoomId, userId: string): Promise<{ active: boolean }> {
    return this.#connection.request('pk-link', { room, userId });
  }

  async disconnectOtherRoom(): Promise<void> {
    if (this.#connection.state === 'connected') await this.#connection.request('pk-unlink', {});
  }

  /* ───────────── remote media ───────────── */

  async play(userId: string, view: HTMLVideoElement): Promise<void> {
    let entry = this.#inbound.get(userId);
    if (!entry) {
      entry = { wanted: true, stream: new MediaStream(), views: new Set(), audioMuted: this.#allRemoteAudioMuted, firstFrameSeen: false };
      this.#inbound.set(userId, entry);
    }
    entry.wanted = true;
    entry.views.add(view);
    this.#attach(userId, entry, view);
    if (!entry.link && this.#users.get(userId)?.publishing) await this.#subscribe(userId);
  }

  stopPlay(userId: string): void {
    this.#closeInbound(userId, true);
  }

  muteRemoteAudio(userId: string, mute: boolean): void {
    const entry = this.#inbound.get(userId);
    if (!entry) return;
    entry.audioMuted = mute;
    for (const view of entry.views) view.muted = mute;
  }

  /** Mutes or unmutes every remote user, now and for users played later. */
  muteAllRemoteAudio(mute: boolean): void {
    this.#allRemoteAudioMuted = mute;
    for (const userId of this.#inbound.keys()) this.muteRemoteAudio(userId, mute);
  }

  #attach(userId: string, entry: Inbound, view: HTMLVideoElement): void {
    if (view.srcObject !== entry.stream) view.srcObject = entry.stream;
    view.autoplay = true;
    view.playsInline = true;
    view.muted = entry.audioMuted;
    void this.#applySpeaker(view);
    if (!entry.firstFrameSeen) {
      const onFrame = () => {
        if (entry.firstFrameSeen || view.videoWidth === 0) return;
        entry.firstFrameSeen = true;
        this.emit('first-video-frame', { userId });
      };
      if (typeof view.requestVideoFrameCallback === 'function') view.requestVideoFrameCallback(onFrame);
      else (view as HTMLVideoElement).addEventListener('loadeddata', onFrame, { once: true });
    }
    if (entry.stream.getTracks().length === 0) return;
    view.play().catch((error: unknown) => {
      if ((error as { name?: string })?.name !== 'NotAllowedError') return;
      // Autoplay with sound needs a gesture: keep the picture moving and let the UI ask.
      view.muted = true;
      view.play().catch(() => undefined);
      this.emit('autoplay-blocked', { userId });
    });
  }

  async #subscribe(userId: string): Promise<void> {
    try {
      await this.#connection.request('signal', { to: userId, data: { type: 'subscribe' } });
    } catch (error) {
      this.emit('error', { error: toLiveError(error, ErrorCode.MEDIA_FAILED) });
    }
  }

  #closeInbound(userId: string, forget: boolean): void {
    const entry = this.#inbound.get(userId);
    if (!entry) return;
    entry.link?.pc.close();
    entry.link = undefined;
    entry.firstFrameSeen = false;
    for (const track of entry.stream.getTracks()) entry.stream.removeTrack(track);
    if (forget) {
      for (const view of entry.views) if (view.srcObject === entry.stream) view.srcObject = null;
      this.#inbound.delete(userId);
    }
  }

  #upsertUser(user: MediaUser, entered: boolean): void {
    if (user.userId === this.#connection.userId) return;
    const before = this.#users.get(user.userId);
    this.#users.set(user.userId, user);
    if (entered || !before) this.emit('user-enter', { user });
    if ((before?.video ?? false) !== user.video) this.emit('video-available', { userId: user.userId, available: user.video });
    if ((before?.audio ?? false) !== user.audio) this.emit('audio-available', { userId: user.userId, available: user.audio });
    const entry = this.#inbound.get(user.userId);
    if (!entry?.wanted) return;
    // An update that changes nothing is a publisher that came back (a reconnection): its old
    // connections are gone, so subscribe afresh.
    const unchanged = !entered && before && before.publishing === user.publishing && before.audio === user.audio && before.video === user.video;
    if (unchanged && user.publishing && entry.link) this.#closeInbound(user.userId, false);
    if (user.publishing && !entry.link) void this.#subscribe(user.userId);
    if (!user.publishing && entry.link) this.#closeInbound(user.userId, false);
  }

  #removeUser(userId: string): void {
    const before = this.#users.get(userId);
    if (!before) return;
    this.#users.delete(userId);
    this.#closeInbound(userId, false);
    this.#outbound.get(userId)?.pc.close();
    this.#outbound.delete(userId);
    if (before.video) this.emit('video-available', { userId, available: false });
    if (before.audio) this.emit('audio-available', { userId, available: false });
    this.emit('user-exit', { userId });
  }

  /* ───────────── signalling ───────────── */

  #newLink(peerId: string, pcId: string): PeerLink {
    const pc = new RTCPeerConnection(RTC_CONFIG);
    const link: PeerLink = { pc, pcId, queue: Promise.resolve() };
    pc.onicecandidate = (event) => {
      void this.#signalWithRetry(peerId, { type: 'candidate', candidate: event.candidate ? event.candidate.toJSON() : null, pcId });
    };
    return link;
  }

  /** Signalling may meet the server's per-connection rate limit when many subscribe at once: retry a few times. */
  async #signalWithRetry(to: string, data: SignalData, tries = 4): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#connection.request('signal', { to, data });
        return;
      } catch (error) {
        if ((error as LiveError).code !== ErrorCode.RATE_LIMITED || attempt >= tries) return;
        await new Promise((r) => setTimeout(r, 150 * attempt));
      }
    }
  }

  #step(link: PeerLink, work: () => Promise<unknown>): void {
    link.queue = link.queue.then(work).catch((error: unknown) => {
      if (link.pc.signalingState === 'closed') return;
      this.emit('error', { error: toLiveError(error, ErrorCode.MEDIA_FAILED) });
    });
  }

  #onSignal(from: string, data: SignalData): void {
    switch (data.type) {
      case 'subscribe':
        this.#offerTo(from);
        return;
      case 'unsubscribe':
        this.#outbound.get(from)?.pc.close();
        this.#outbound.delete(from);
        return;
      case 'offer':
        this.#answer(from, data.sdp, data.pcId);
        return;
      case 'answer': {
        const link = this.#outbound.get(from);
        if (link?.pcId === data.pcId) this.#step(link, () => link.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp }));
        return;
      }
      case 'candidate': {
        const out = this.#outbound.get(from);
        const link = out?.pcId === data.pcId ? out : this.#inbound.get(from)?.link;
        if (link?.pcId === data.pcId) this.#step(link, () => link.pc.addIceCandidate(data.candidate ?? undefined));
        return;
      }
    }
  }

  #offerTo(subscriberId: string): void {
    if (!this.#publishing) return;
    this.#outbound.get(subscriberId)?.pc.close();
    const link = this.#newLink(subscriberId, `${this.#connection.userId}-${++this.#pcCounter}`);
    this.#outbound.set(subscriberId, link);
    const stream = this.#stage.output ?? new MediaStream();
    const audio = stream.getAudioTracks()[0];
    const video = stream.getVideoTracks()[0];
    link.pc.addTransceiver(audio ?? 'audio', { direction: 'sendonly', streams: [stream] });
    link.pc.addTransceiver(video ?? 'video', { direction: 'sendonly', streams: [stream] });
    link.pc.onconnectionstatechange = () => {
      if (link.pc.connectionState === 'failed' && this.#outbound.get(subscriberId) === link) {
        link.pc.close();
        this.#outbound.delete(subscriberId);
      }
    };
    this.#step(link, async () => {
      const offer = await link.pc.createOffer();
      await link.pc.setLocalDescription(offer);
      await this.#connection.request('signal', { to: subscriberId, data: { type: 'offer', sdp: offer.sdp ?? '', pcId: link.pcId } });
    });
  }

  #answer(publisherId: string, sdp: string, pcId: string): void {
    const entry = this.#inbound.get(publisherId);
    if (!entry?.wanted) return;
    entry.link?.pc.close();
    for (const track of entry.stream.getTracks()) entry.stream.removeTrack(track);
    entry.firstFrameSeen = false;
    const link = this.#newLink(publisherId, pcId);
    entry.link = link;
    link.pc.ontrack = (event) => {
      if (entry.link !== link) return;
      entry.stream.addTrack(event.track);
      for (const view of entry.views) this.#attach(publisherId, entry, view);
    };
    link.pc.onconnectionstatechange = () => {
      if (entry.link !== link) return;
      if (link.pc.connectionState === 'failed') this.#repair(publisherId, 'failed');
      if (link.pc.connectionState === 'connected') this.#repairs.delete(publisherId);
    };
    this.#step(link, async () => {
      await link.pc.setRemoteDescription({ type: 'offer', sdp });
      const answer = await link.pc.createAnswer();
      await link.pc.setLocalDescription(answer);
      await this.#connection.request('signal', { to: publisherId, data: { type: 'answer', sdp: answer.sdp ?? '', pcId } });
    });
  }

  destroy(): void {
    this.#volumes.destroy();
    this.#resetRoom();
    this.#stage.dispose(); // effects
    this.#localStream?.getTracks().forEach((t) => t.stop());
    this.#localStream = undefined;
    for (const off of this.#teardown) off();
    this.clear();
  }
}

/** The connected inbound peer connections by publisher, without copying the map (read every volume sample). */
function* inboundLinks(inbound: ReadonlyMap<string, Inbound>): Generator<[string, RTCPeerConnection]> {
  for (const [userId, entry] of inbound) if (entry.link) yield [userId, entry.link.pc];
}
