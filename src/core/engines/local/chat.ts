import { EventSource } from '../../emitter.js';
import type { ChatEngine, ChatEngineEvents, Credentials, GroupInfo, GroupMessageBody, Priority, UserProfile } from '../types.js';
import type { LocalConnection } from './connection.js';

/** The local engine's chat: a thin mapping of ChatEngine onto the local server's group ops. */
export class LocalChatEngine extends EventSource<ChatEngineEvents> implements ChatEngine {
  readonly kind = 'local';
  #connection: LocalConnection;
  #teardown: Array<() => void>;

  constructor(connection: LocalConnection) {
    super();
    this.#connection = connection;
    this.#teardown = [
      connection.on('group-message', (message) => this.emit('message', message)),
      connection.on('group-member-join', (e) => this.emit('member-join', e)),
      connection.on('group-member-quit', (e) => this.emit('member-quit', e)),
      connection.on('group-attributes', (e) => this.emit('attributes', e)),
      connection.on('group-dismissed', (e) => this.emit('group-dismissed', e)),
      connection.on('c2c-message', (e) => this.emit('direct-message', e)),
      connection.on('kicked-offline', (e) => this.emit('kicked-offline', { reason: e.reason })),
      connection.on('connection-state', (e) => this.emit('connection-state', e)),
      connection.on('group-member-muted', (e) => this.emit('member-muted', e)),
      connection.on('group-mute-all', (e) => this.emit('mute-all', e)),
      connection.on('group-member-removed', (e) => this.emit('member-removed', e)),
      connection.on('group-admins', (e) => this.emit('admins', e)),
      connection.on('group-likes', (e) => this.emit('like-total', e)),
    ];
  }

  login(credentials: Credentials, profile?: { nickname?: string; avatar?: string }): Promise<UserProfile> {
    return this.#connection.login(credentials, profile);
  }

  async logout(): Promise<void> {
    if (this.#connection.state === 'connected') await this.#connection.request('logout', {}).catch(() => undefined);
    this.#connection.close();
  }

  async setProfile(profile: { nickname?: string; avatar?: string }): Promise<UserProfile> {
    return (await this.#connection.request('set-profile', profile)).user;
  }

  async createGroup(params: { groupId: string; name?: string; cover?: string }): Promise<GroupInfo> {
    return (await this.#connection.request('group-create', params)).group;
  }

  async dismissGroup(groupId: string): Promise<void> {
    await this.#connection.request('group-dismiss', { groupId });
  }

  async joinGroup(groupId: string): Promise<GroupInfo> {
    return (await this.#connection.request('group-join', { groupId })).group;
  }

  async quitGroup(groupId: string): Promise<void> {
    await this.#connection.request('group-quit', { groupId });
  }

  sendGroupMessage(groupId: string, body: GroupMessageBody, priority: Priority): Promise<{ seq: number; time: number }> {
    return this.#connection.request('group-send', { groupId, body, priority });
  }

  async sendDirect(to: string, data: string): Promise<void> {
    await this.#connection.request('c2c-send', { to, data });
  }

  getMembers(groupId: string, nextSeq: number, count: number) {
    return this.#connection.request('group-members', { groupId, nextSeq, count });
  }

  async getGroupInfo(groupIds: string[]): Promise<GroupInfo[]> {
    return (await this.#connection.request('group-info', { groupIds })).groups;
  }

  async setGroupAttributes(groupId: string, attributes: Record<string, string>): Promise<void> {
    await this.#connection.request('group-set-attributes', { groupId, attributes });
  }

  async muteMember(groupId: string, userId: string, seconds: number): Promise<number> {
    return (await this.#connection.request('group-mute-member', { groupId, userId, seconds })).mutedUntil;
  }

  async muteAll(groupId: string, mute: boolean): Promise<void> {
    await this.#connection.request('group-mute-all', { groupId, mute });
  }

  async removeMember(groupId: string, userId: string, banSeconds: number): Promise<void> {
    await this.#connection.request('group-remove-member', { groupId, userId, banSeconds });
  }

  async setAdmin(groupId: string, userId: string, admin: boolean): Promise<void> {
    await this.#connection.request('group-set-admin', { groupId, userId, admin });
  }

  destroy(): void {
    for (const off of this.#teardown) off();
    this.clear();
  }
}
