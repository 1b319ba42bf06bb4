import { EventSource } from '../../emitter.js';
import { ErrorCode } from '../../errors.js';
import type { ChatEngine, ChatEngineEvents, Credentials, GroupInfo, GroupMessageBody, Priority, UserProfile } from '../types.js';
import type { LocalConnection } from './connection.js';

/** The local engine's chat: a thin mapping of ChatEngine onto the local server's group ops. */
export class LocalChatEngine extends EventSource<ChatEngineEvents> implements ChatEngine {
  readonly kind = 'local';
  #connection: LocalConnection;
  #teardown: Array<() => void>;
  /** Groups this user is in, to join again after a reconnection. */
  #groups = new Set<string>();
  /** Groups this user created (to create again if a restarted server lost them), and their last attributes. */
  #owned = new Map<string, { name?: string; cover?: string }>();
  #attributes = new Map<string, Record<string, string>>();

  constructor(connection: LocalConnection) {
    super();
    this.#connection = connection;
    this.#teardown = [
      connection.on('group-message', (message) => this.emit('message', message)),
      connection.on('group-member-join', (e) => this.emit('member-join', e)),
      connection.on('group-member-quit', (e) => this.emit('member-quit', e)),
      connection.on('group-members-changed', ({ groupId, changes, memberCount }) => {
        // A big group's changes, batched by the server; one's own are already known.
        for (const change of changes) {
          if ('join' in change) {
            if (change.join.userId !== connection.userId) this.emit('member-join', { groupId, member: change.join, memberCount });
          } else if (change.quit !== connection.userId) this.emit('member-quit', { groupId, userId: change.quit, memberCount });
        }
      }),
      connection.on('group-attributes', (e) => {
        this.#attributes.set(e.groupId, e.attributes);
        this.emit('attributes', e);
      }),
      connection.on('group-dismissed', (e) => this.emit('group-dismissed', e)),
      connection.on('c2c-message', (e) => this.emit('direct-message', e)),
      connection.on('kicked-offline', (e) => this.emit('kicked-offline', { reason: e.reason })),
      connection.on('connection-state', (e) => this.emit('connection-state', e)),
      connection.on('group-member-muted', (e) => this.emit('member-muted', e)),
      connection.on('group-mute-all', (e) => this.emit('mute-all', e)),
      connection.on('group-member-removed', (e) => this.emit('member-removed', e)),
      connection.on('group-admins', (e) => this.emit('admins', e)),
      connection.on('group-likes', (e) => this.emit('like-total', e)),
      connection.on('group-dismissed', (e) => this.#groups.delete(e.groupId)),
      connection.on('group-member-removed', (e) => e.userId === connection.userId && this.#groups.delete(e.groupId)),
      connection.on('resumed', ({ waitFor }) => {
        for (const groupId of this.#groups) waitFor(this.#rejoin(groupId));
      }),
    ];
  }

  login(credentials: Credentials, profile?: { nickname?: string; avatar?: string }): Promise<UserProfile> {
    return this.#connection.login(credentials, profile);
  }

  async logout(): Promise<void> {
    this.#groups.clear();
    if (this.#connection.state === 'connected') await this.#connection.request('logout', {}).catch(() => undefined);
    this.#connection.close();
  }

  async setProfile(profile: { nickname?: string; avatar?: string }): Promise<UserProfile> {
    return (await this.#connection.request('set-profile', profile)).user;
  }

  async createGroup(params: { groupId: string; name?: string; cover?: string }): Promise<GroupInfo> {
    const group = (await this.#connection.request('group-create', params)).group;
    this.#groups.add(params.groupId);
    this.#owned.set(params.groupId, { name: params.name, cover: params.cover });
    return group;
  }

  async dismissGroup(groupId: string): Promise<void> {
    await this.#connection.request('group-dismiss', { groupId });
    this.#groups.delete(groupId);
    this.#owned.delete(groupId);
  }

  async joinGroup(groupId: string): Promise<GroupInfo> {
    const group = (await this.#connection.request('group-join', { groupId })).group;
    this.#groups.add(groupId);
    this.#attributes.set(groupId, group.attributes);
    return group;
  }

  async quitGroup(groupId: string): Promise<void> {
    this.#groups.delete(groupId);
    await this.#connection.request('group-quit', { groupId });
  }

  /**
   * After a reconnection: back into the group, and everything about it read again. A server
   * that restarted has lost its groups: the owner creates its group again with the attributes
   * it last saw; members retry for a while until the owner is back.
   */
  async #rejoin(groupId: string): Promise<void> {
    const join = () => this.#connection.request('group-join', { groupId }, undefined, true);
    for (let attempt = 0; ; attempt++) {
      try {
        let group: GroupInfo;
        try {
          group = (await join()).group;
        } catch (error) {
          const owned = this.#owned.get(groupId);
          if ((error as { code?: number }).code !== ErrorCode.ROOM_NOT_FOUND || !owned) throw error;
          await this.#connection.request('group-create', { groupId, ...owned }, undefined, true);
          group = (await join()).group;
          const attributes = this.#attributes.get(groupId);
          if (attributes && Object.keys(attributes).length) {
            await this.#connection.request('group-set-attributes', { groupId, attributes }, undefined, true);
            group = { ...group, attributes };
          }
        }
        this.#attributes.set(groupId, group.attributes);
        this.emit('group-resynced', { group });
        return;
      } catch (error) {
        const code = (error as { code?: number }).code;
        if (code === ErrorCode.ROOM_NOT_FOUND && attempt < 10) {
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        this.#groups.delete(groupId);
        if (code === ErrorCode.BANNED) this.emit('member-removed', { groupId, userId: this.#connection.userId ?? '', bannedUntil: 0, memberCount: 0 });
        else this.emit('group-dismissed', { groupId });
        return;
      }
    }
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
    this.#connection.destroy();
    this.clear();
  }
}
