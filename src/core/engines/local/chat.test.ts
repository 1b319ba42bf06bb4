import { expect } from '@open-wc/testing';
import { EventSource } from '../../emitter.js';
import type { ChatEngineEvents } from '../types.js';
import { LocalChatEngine } from './chat.js';
import type { LocalConnection } from './connection.js';

/** The connection's push events, scripted; the user is `me`. */
class FakeConnection extends EventSource<Record<string, unknown>> {
  readonly userId = 'me';
}

describe('LocalChatEngine: batched presence (group-members-changed)', () => {
  it('emits each join and quit of a batch in order, with the count after the batch, and skips one’s own', () => {
    const connection = new FakeConnection();
    const chat = new LocalChatEngine(connection as unknown as LocalConnection);
    const seen: string[] = [];
    const counts: number[] = [];
    chat.on('member-join', (e: ChatEngineEvents['member-join']) => {
      seen.push(`+${e.member.userId}@${e.groupId}`);
      counts.push(e.memberCount);
    });
    chat.on('member-quit', (e: ChatEngineEvents['member-quit']) => {
      seen.push(`-${e.userId}@${e.groupId}`);
      counts.push(e.memberCount);
    });
    const member = (userId: string) => ({ userId, nickname: userId, avatar: '', joinedAt: 1 });
    connection.emit('group-members-changed', {
      groupId: 'g1',
      memberCount: 61,
      changes: [{ join: member('a') }, { join: member('me') }, { quit: 'b' }, { join: member('b') }, { quit: 'me' }],
    });
    expect(seen).to.deep.equal(['+a@g1', '-b@g1', '+b@g1']);
    expect(counts).to.deep.equal([61, 61, 61]);
  });
});
