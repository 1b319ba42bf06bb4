import { expect } from '@open-wc/testing';
import { EventSource } from '../../emitter.js';
import { ErrorCode, LiveError } from '../../errors.js';
import type { LocalConnection } from './connection.js';
import { LocalMediaEngine } from './media.js';

/** The connection's push events, scripted; the user is `me`. */
class FakeConnection extends EventSource<Record<string, unknown>> {
  readonly userId = 'me';
}

describe('LocalMediaEngine: the connection gave up reconnecting', () => {
  it('reports CONNECTION_LOST with the reason in words, so the stores can show it', () => {
    const connection = new FakeConnection();
    const media = new LocalMediaEngine(connection as unknown as LocalConnection);
    const errors: LiveError[] = [];
    media.on('error', ({ error }) => errors.push(error));
    connection.emit('gave-up', { error: new LiveError(ErrorCode.AUTH_FAILED, 'The UserSig was refused.') });
    expect(errors).to.have.length(1);
    expect(errors[0].code).to.equal(ErrorCode.CONNECTION_LOST);
    expect(errors[0].message).to.equal('The connection to the server was lost and could not be restored: The UserSig was refused.');
    media.destroy();
  });
});
