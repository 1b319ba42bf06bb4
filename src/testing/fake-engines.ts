/**
 * In-memory engines for unit tests of stores and elements: typed against the real interfaces,
 * scriptable from the test (`fake.chat.emit(...)`), recording every call.
 */
import { EventSource } from '../core/emitter.js';
import type {
  ChatEngine,
  ChatEngineEvents,
  Credentials,
  GroupInfo,
  GroupMember,
  GroupMessageBody,
  MediaDevice,
  MediaEngine,
  MediaEngineEvents,
  MediaUser,
  Priority,
  Role,
  Scene,
  UserProfile,
  VideoQuality,
} from '../core/engines/types.js';
import { ErrorCode, LiveError } from '../core/errors.js';
import type { RoomId } from '../core/validation.js';

export class FakeMedia extends EventSource<MediaEngineEvents> implements MediaEngine {
  readonly kind = 'fake';
  calls: Array<[string, ...unknown[]]> = [];
  users: MediaUser[] = [];
  ownerId = 'anchor_1';
  joinError?: LiveError;
  localStream: MediaStream | undefined;
  async join(params: { room: RoomId; role: Role; scene: Scene; credentials: Credentials }) {
    this.calls.push(['join', params.room, params.role, params.scene]);
    if (this.joinError) throw this.joinError;
    return { users: this.users, ownerId: this.ownerId };
  }
  async leave() { this.calls.push(['leave']); }
  async switchRole(role: Role) { this.calls.push(['switchRole', role]); }
  async startLocalMedia() {
    this.calls.push(['startLocalMedia']);
    this.localStream = new MediaStream();
    return this.localStream;
  }
  async stopLocalMedia() { this.calls.push(['stopLocalMedia']); this.localStream = undefined; }
  async publish() { this.calls.push(['publish']); }
  async unpublish() { this.calls.push(['unpublish']); }
  async muteLocalAudio(mute: boolean) { this.calls.push(['muteLocalAudio', mute]); }
  async muteLocalVideo(mute: boolean) { this.calls.push(['muteLocalVideo', mute]); }
  async play(userId: string) { this.calls.push(['play', userId]); }
  stopPlay(userId: string) { this.calls.push(['stopPlay', userId]); }
  muteRemoteAudio(userId: string, mute: boolean) { this.calls.push(['muteRemoteAudio', userId, mute]); }
  muteAllRemoteAudio(mute: boolean) { this.calls.push(['muteAllRemoteAudio', mute]); }
  enableAudioVolumeEvaluation(intervalMs: number) { this.calls.push(['enableAudioVolumeEvaluation', intervalMs]); }
  devices: MediaDevice[] = [
    { deviceId: 'cam1', label: 'Front camera', kind: 'camera' },
    { deviceId: 'mic1', label: 'Microphone', kind: 'microphone' },
  ];
  async getDevices() { return this.devices; }
  async switchDevice(kind: MediaDevice['kind'], deviceId: string) { this.calls.push(['switchDevice', kind, deviceId]); }
  async switchCamera(front: boolean) { this.calls.push(['switchCamera', front]); }
  async setVideoQuality(quality: VideoQuality) { this.calls.push(['setVideoQuality', quality]); }
  grantError?: LiveError;
  async grantAnchor(userId: string, allow: boolean) {
    this.calls.push(['grantAnchor', userId, allow]);
    if (this.grantError) throw this.grantError;
  }
  pkActive = false;
  async connectOtherRoom(room: RoomId, userId: string) {
    this.calls.push(['connectOtherRoom', room, userId]);
    return { active: this.pkActive };
  }
  async disconnectOtherRoom() { this.calls.push(['disconnectOtherRoom']); }
  destroy() { this.clear(); }
}

export class FakeChat extends EventSource<ChatEngineEvents> implements ChatEngine {
  readonly kind = 'fake';
  calls: Array<[string, ...unknown[]]> = [];
  sent: Array<{ groupId: string; body: GroupMessageBody; priority: Priority }> = [];
  members: GroupMember[] = [];
  group: GroupInfo = { groupId: '', ownerId: 'anchor_1', name: 'Room', cover: '', createdAt: 0, memberCount: 1, attributes: {}, admins: [], mutedAll: false };
  joinError?: LiveError;
  user?: UserProfile;
  #seq = 0;
  async login(credentials: Credentials, profile?: { nickname?: string; avatar?: string }) {
    this.calls.push(['login', credentials.userId]);
    this.user = { userId: credentials.userId, nickname: profile?.nickname ?? credentials.userId, avatar: profile?.avatar ?? '' };
    this.emit('connection-state', { state: 'connected' });
    return this.user;
  }
  async logout() { this.calls.push(['logout']); }
  async setProfile(profile: { nickname?: string; avatar?: string }) {
    this.user = { ...this.user!, ...profile } as UserProfile;
    return this.user;
  }
  async createGroup(params: { groupId: string; name?: string }) {
    this.calls.push(['createGroup', params.groupId]);
    this.group = { ...this.group, groupId: params.groupId, name: params.name ?? '', ownerId: this.user!.userId };
    return this.group;
  }
  async dismissGroup(groupId: string) { this.calls.push(['dismissGroup', groupId]); }
  async joinGroup(groupId: string) {
    this.calls.push(['joinGroup', groupId]);
    if (this.joinError) throw this.joinError;
    return { ...this.group, groupId };
  }
  async quitGroup(groupId: string) { this.calls.push(['quitGroup', groupId]); }
  async sendGroupMessage(groupId: string, body: GroupMessageBody, priority: Priority) {
    if (!this.user) throw new LiveError(ErrorCode.NOT_LOGGED_IN);
    this.sent.push({ groupId, body, priority });
    const seq = ++this.#seq;
    this.emit('message', { groupId, seq, time: Date.now(), from: this.user, priority, body });
    return { seq, time: Date.now() };
  }
  async sendDirect(to: string, data: string) { this.calls.push(['sendDirect', to, data]); }
  async getMembers(_groupId: string, nextSeq: number, count: number) {
    const page = this.members.slice(nextSeq, nextSeq + count);
    const next = nextSeq + count < this.members.length ? nextSeq + count : 0;
    return { members: page, nextSeq: next };
  }
  async getGroupInfo() { return [this.group]; }
  async setGroupAttributes(groupId: string, attributes: Record<string, string>) {
    this.calls.push(['setGroupAttributes', groupId, attributes]);
    this.group = { ...this.group, attributes: { ...this.group.attributes, ...attributes } };
    this.emit('attributes', { groupId, attributes: this.group.attributes });
  }
  async muteMember(groupId: string, userId: string, seconds: number) {
    this.calls.push(['muteMember', groupId, userId, seconds]);
    const mutedUntil = seconds ? Date.now() + seconds * 1000 : 0;
    this.emit('member-muted', { groupId, userId, mutedUntil });
    return mutedUntil;
  }
  async muteAll(groupId: string, mute: boolean) {
    this.calls.push(['muteAll', groupId, mute]);
    this.emit('mute-all', { groupId, mute });
  }
  async removeMember(groupId: string, userId: string, banSeconds: number) { this.calls.push(['removeMember', groupId, userId, banSeconds]); }
  async setAdmin(groupId: string, userId: string, admin: boolean) { this.calls.push(['setAdmin', groupId, userId, admin]); }
  destroy() { this.clear(); }
}

export function fakeEngines() {
  return { media: new FakeMedia(), chat: new FakeChat() };
}
