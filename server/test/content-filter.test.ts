import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { createLocalServer, type ContentCheck, type ContentVerdict, type LocalServer } from '../app.js';
import { expectCode, settle, TestClient } from './client.js';

let server: LocalServer;
const seen: ContentCheck[] = [];
const logs: string[] = [];

function verdictFor(check: ContentCheck): ContentVerdict {
  const t = check.body.type === 'text' ? check.body.text : check.body.data;
  if (t.includes('reject-default')) return { verdict: 'reject' };
  if (t.includes('reject-custom')) return { verdict: 'reject', code: 70001, message: 'No links, please.' };
  if (t.includes('drop')) return { verdict: 'drop' };
  if (t.includes('boom')) throw new Error('filter exploded');
  if (t.includes('async')) return Promise.reject(new Error('async filter')) as unknown as ContentVerdict;
  return { verdict: 'allow' };
}

before(async () => {
  server = await createLocalServer({
    port: 0,
    log: (line) => logs.push(line),
    contentFilter: (check) => {
      seen.push(check);
      return verdictFor(check);
    },
  });
});
after(() => server.close());

test('the content filter allows, rejects and drops group messages', async () => {
  const groupId = 'filtered';
  const sender = await TestClient.login(server, 'cf-sender', { nickname: 'Sender' });
  const reader = await TestClient.login(server, 'cf-reader');
  await sender.request('group-create', { groupId });
  await reader.request('group-join', { groupId });
  const send = (text: string) => sender.request('group-send', { groupId, priority: 'normal', body: { type: 'text', text } });

  // allow: delivered to everyone, the sender included; the filter saw who and what.
  const ok = await send('hello');
  for (const c of [sender, reader]) assert.equal((await c.waitFor('group-message', (p) => p.seq === ok.seq)).body.type, 'text');
  assert.deepEqual(seen.at(-1), { groupId, from: { userId: 'cf-sender', nickname: 'Sender', avatar: '' }, body: { type: 'text', text: 'hello' } });

  // reject: an error for the sender (default or the filter's own), nothing delivered.
  const byDefault = await expectCode(send('reject-default'), ErrorCode.CONTENT_REJECTED);
  assert.equal(byDefault.message, '62016: The message was rejected by the content check.');
  const custom = await expectCode(send('reject-custom http://x'), 70001);
  assert.match(custom.message, /No links, please\./);

  // drop: a normal reply for the sender, nobody receives it, not even the sender.
  const dropped = await send('drop me');
  assert.ok(dropped.seq > ok.seq && dropped.time > 0);

  // A throwing (or async) filter: SERVER_ERROR, logged, nothing delivered, the server carries on.
  await expectCode(send('boom'), ErrorCode.SERVER_ERROR);
  assert.ok(logs.some((l) => l.includes('filter exploded')));
  await expectCode(send('async'), ErrorCode.SERVER_ERROR);

  const last = await send('still works');
  await reader.waitFor('group-message', (p) => p.seq === last.seq);
  await settle(sender, reader);
  for (const c of [sender, reader]) {
    const texts = c.allPushes.flatMap((p) => (p.ev === 'group-message' && p.body.type === 'text' ? [p.body.text] : []));
    assert.deepEqual(texts, ['hello', 'still works'], c.userId);
  }
  assert.ok(logs.some((l) => l.includes('async filter')), 'the async rejection was caught and logged');
  await Promise.all([sender.close(), reader.close()]);
});
