import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { createLocalServer, type CatalogGift, type LocalServer } from '../app.js';
import { signUserSig } from '../usersig.js';
import { fetchUserSig } from './client.js';

let server: LocalServer;
before(async () => {
  server = await createLocalServer({ port: 0, startingBalance: 100 });
});
after(() => server.close());

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function send(body: unknown, raw?: string): Promise<Answer> {
  const res = await fetch(`${server.url}/api/gifts/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

async function balance(userId: string, userSig: string): Promise<Answer> {
  const res = await fetch(`${server.url}/api/gifts/balance?userId=${encodeURIComponent(userId)}&userSig=${encodeURIComponent(userSig)}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

test('GET /api/gifts lists the demo catalog, bigger gifts with bigger effects', async () => {
  const res = await fetch(`${server.url}/api/gifts`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const { gifts } = (await res.json()) as { gifts: CatalogGift[] };
  assert.equal(gifts.length, 8);
  assert.deepEqual(
    gifts.map((g) => [g.id, g.price]),
    [['heart', 1], ['rose', 5], ['like-star', 10], ['cake', 66], ['crown', 188], ['sports-car', 520], ['rocket', 1000], ['castle', 1314]],
  );
  const effects = ['none', 'float', 'burst', 'fullscreen'];
  for (let i = 0; i < gifts.length; i++) {
    const g = gifts[i]!;
    assert.deepEqual(Object.keys(g).sort(), ['effect', 'icon', 'id', 'name', 'price']);
    assert.ok(g.name.length > 0 && g.icon.length > 0, g.id);
    assert.ok(effects.includes(g.effect), g.id);
    if (i > 0) assert.ok(effects.indexOf(g.effect) >= effects.indexOf(gifts[i - 1]!.effect), `${g.id} has no smaller effect than a cheaper gift`);
  }
  assert.equal(gifts[0]!.effect, 'none');
  assert.equal(gifts.at(-1)!.effect, 'fullscreen');
});

test('a valid send deducts price × count and answers the balance', async () => {
  const userSig = await fetchUserSig(server, 'gb-alice');
  assert.deepEqual((await balance('gb-alice', userSig)).body, { balance: 100 });
  const paid = await send({ userId: 'gb-alice', userSig, giftId: 'rose', count: 3 });
  assert.equal(paid.status, 200);
  assert.equal(paid.headers.get('cache-control'), 'no-store');
  assert.equal(paid.headers.get('access-control-allow-origin'), '*');
  assert.deepEqual(paid.body, { ok: true, balance: 85, price: 5, total: 15 });
  assert.deepEqual((await balance('gb-alice', userSig)).body, { balance: 85 });

  // Too little left: 402, nothing deducted.
  const tooMuch = await send({ userId: 'gb-alice', userSig, giftId: 'cake', count: 2 });
  assert.equal(tooMuch.status, 402);
  assert.deepEqual(tooMuch.body, { code: ErrorCode.INSUFFICIENT_BALANCE, message: 'Your balance is 85 coins; this costs 132.' });
  assert.deepEqual((await balance('gb-alice', userSig)).body, { balance: 85 });

  // Spending it all is fine; then even a heart is too much.
  assert.deepEqual((await send({ userId: 'gb-alice', userSig, giftId: 'heart', count: 85 })).body, { ok: true, balance: 0, price: 1, total: 85 });
  const broke = await send({ userId: 'gb-alice', userSig, giftId: 'heart', count: 1 });
  assert.equal(broke.status, 402);
  assert.equal(broke.body.message, 'Your balance is 0 coins; this costs 1.');

  // Balances are per user.
  const bobSig = await fetchUserSig(server, 'gb-bob');
  assert.deepEqual((await balance('gb-bob', bobSig)).body, { balance: 100 });
});

test('a forged, expired or someone else’s UserSig is refused with 401', async () => {
  const bobSig = await fetchUserSig(server, 'gb-bob2');
  const forged = signUserSig(server.sdkAppId, 'not-the-secret', 'gb-carol', 3600);
  const expired = signUserSig(server.sdkAppId, server.secret, 'gb-carol', -10);
  for (const [userSig, code] of [
    [forged, ErrorCode.AUTH_FAILED],
    [bobSig, ErrorCode.AUTH_FAILED],
    [expired, ErrorCode.USERSIG_EXPIRED],
    ['garbage', ErrorCode.AUTH_FAILED],
  ] as const) {
    const res = await send({ userId: 'gb-carol', userSig, giftId: 'rose', count: 1 });
    assert.equal(res.status, 401);
    assert.equal(res.body.code, code);
    assert.equal(typeof res.body.message, 'string');
    const b = await balance('gb-carol', userSig);
    assert.equal(b.status, 401);
    assert.equal(b.body.code, code);
  }
  const missing = await send({ userId: 'gb-carol', giftId: 'rose', count: 1 });
  assert.equal(missing.status, 401);
  assert.match(String(missing.body.message), /another user|must be a string/);
  // Nothing was charged to anyone.
  assert.deepEqual((await balance('gb-bob2', bobSig)).body, { balance: 100 });
});

test('bad requests: unknown gift, count out of range, bad JSON, a body over 4 KiB, wrong method', async () => {
  const userSig = await fetchUserSig(server, 'gb-dave');
  const unknown = await send({ userId: 'gb-dave', userSig, giftId: 'unicorn', count: 1 });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.code, ErrorCode.UNKNOWN_GIFT);
  for (const count of [0, 10000, 1.5, '3', null]) {
    const res = await send({ userId: 'gb-dave', userSig, giftId: 'rose', count });
    assert.equal(res.status, 400, `count ${JSON.stringify(count)}`);
    assert.equal(res.body.code, ErrorCode.INVALID_ARGUMENT);
  }
  assert.equal((await send({ userId: 'gb-dave', userSig, giftId: 'rose', count: 9999 })).status, 402);
  assert.equal((await send({ userId: 'no spaces', userSig, giftId: 'rose', count: 1 })).body.code, ErrorCode.INVALID_USER_ID);

  for (const raw of ['{"userId":', '[1,2]', 'null', '']) {
    const res = await send(undefined, raw);
    assert.equal(res.status, 400, raw);
    assert.equal(res.body.code, ErrorCode.MALFORMED_MESSAGE, raw);
  }
  const big = await send({ userId: 'gb-dave', userSig, giftId: 'rose', count: 1, padding: 'x'.repeat(5000) });
  assert.equal(big.status, 400);
  assert.equal(big.body.code, ErrorCode.MALFORMED_MESSAGE);
  // Chunked (no Content-Length): the limit still holds.
  const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: '/api/gifts/send', method: 'POST' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (let i = 0; i < 5; i++) req.write('x'.repeat(1024));
    req.end();
  });
  assert.equal(chunked.status, 400);
  assert.equal((JSON.parse(chunked.body) as { code: number }).code, ErrorCode.MALFORMED_MESSAGE);
  assert.deepEqual((await balance('gb-dave', userSig)).body, { balance: 100 });

  const wrong = await fetch(`${server.url}/api/gifts/send`);
  assert.equal(wrong.status, 405);
  assert.equal(wrong.headers.get('allow'), 'POST, OPTIONS');
  assert.equal((await fetch(`${server.url}/api/gifts`, { method: 'POST', body: '{}' })).status, 405);
  assert.equal((await fetch(`${server.url}/api/gifts/refund`)).status, 404);
  const preflight = await fetch(`${server.url}/api/gifts/send`, { method: 'OPTIONS' });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  assert.equal(preflight.headers.get('access-control-allow-headers'), 'Content-Type');
});

test('giftCatalog and startingBalance options', async () => {
  const catalog: CatalogGift[] = [{ id: 'bean', name: 'Bean', price: 2, icon: '🫘', effect: 'none' }];
  const s = await createLocalServer({ port: 0, giftCatalog: catalog });
  try {
    assert.deepEqual(await (await fetch(`${s.url}/api/gifts`)).json(), { gifts: catalog });
    const userSig = await fetchUserSig(s, 'gb-erin');
    const res = await fetch(`${s.url}/api/gifts/send`, { method: 'POST', body: JSON.stringify({ userId: 'gb-erin', userSig, giftId: 'bean', count: 4 }) });
    assert.deepEqual(await res.json(), { ok: true, balance: 9992, price: 2, total: 8 });
  } finally {
    await s.close();
  }
  await assert.rejects(createLocalServer({ port: 0, giftCatalog: [{ ...catalog[0]!, effect: 'sparkles' as 'none' }] }), /effect/);
  await assert.rejects(createLocalServer({ port: 0, giftCatalog: [catalog[0]!, catalog[0]!] }), /twice/);
  await assert.rejects(createLocalServer({ port: 0, startingBalance: -1 }), /startingBalance/);
  await assert.rejects(createLocalServer({ port: 0, groupMessagesPerSecond: 0 }), /groupMessagesPerSecond/);
});
