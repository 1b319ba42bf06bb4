import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { createLocalServer, type LocalServer } from '../app.js';
import { signUserSig, verifyUserSig } from '../usersig.js';
import { expectCode, fetchUserSig, sleep, TestClient } from './client.js';

describe('UserSig', () => {
  test('sign and verify round-trip, with Tencent’s format', () => {
    const sig = signUserSig(1400000001, 'secret', 'alice', 600);
    assert.match(sig, /^[A-Za-z0-9*\-_]+$/);
    const now = Date.now() / 1000;
    const result = verifyUserSig(sig, { sdkAppId: 1400000001, secret: 'secret', now });
    assert.equal(result.ok, true);
    if (result.ok) {
      assert.equal(result.userId, 'alice');
      assert.ok(Math.abs(result.expiresAt - (now + 600) * 1000) < 2000);
    }
  });

  test('wrong secret, wrong SDKAppID, garbage and expiry are refused with their codes', () => {
    const sig = signUserSig(1400000001, 'secret', 'alice', 600);
    const other = verifyUserSig(sig, { sdkAppId: 1400000001, secret: 'another' });
    assert.deepEqual(other.ok ? null : other.code, ErrorCode.AUTH_FAILED);
    const app = verifyUserSig(sig, { sdkAppId: 1400000002, secret: 'secret' });
    assert.deepEqual(app.ok ? null : app.code, ErrorCode.AUTH_FAILED);
    if (!app.ok) assert.match(app.message, /SDKAppID/);
    for (const garbage of ['', 'not a sig', 'eJyrVkrOz1WyUkpKTFGqBQAeWARe', '****', 42, null]) {
      const r = verifyUserSig(garbage, { sdkAppId: 1400000001, secret: 'secret' });
      assert.equal(r.ok ? null : r.code, ErrorCode.AUTH_FAILED, `garbage ${JSON.stringify(garbage)}`);
    }
    const later = verifyUserSig(sig, { sdkAppId: 1400000001, secret: 'secret', now: Date.now() / 1000 + 601 });
    assert.equal(later.ok ? null : later.code, ErrorCode.USERSIG_EXPIRED);
  });
});

describe('login', () => {
  let server: LocalServer;
  before(async () => {
    server = await createLocalServer({ port: 0 });
  });
  after(() => server.close());

  async function loginWith(userId: string, userSig: string, sdkAppId = server.sdkAppId): Promise<unknown> {
    const c = await TestClient.connect(server.wsUrl);
    try {
      return await c.request('login', { sdkAppId, userId, userSig });
    } finally {
      await c.close();
    }
  }

  test('the token endpoint returns a UserSig that logs in', async () => {
    const res = await fetch(`${server.url}/api/usersig?userId=alice`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const body = (await res.json()) as { sdkAppId: number; userId: string; userSig: string; expiresAt: number };
    assert.equal(body.sdkAppId, server.sdkAppId);
    assert.equal(body.userId, 'alice');
    assert.ok(body.expiresAt > Date.now() + 86000 * 1000);
    const c = await TestClient.connect(server.wsUrl);
    const result = await c.request('login', { sdkAppId: server.sdkAppId, userId: 'alice', userSig: body.userSig, nickname: 'Alice' });
    assert.deepEqual(result.user, { userId: 'alice', nickname: 'Alice', avatar: '' });
    assert.equal(typeof result.serverTime, 'number');
    assert.equal(server.stats().users, 1);
    await c.close();
  });

  test('a forged UserSig (another secret) is refused with 62001', async () => {
    const forged = signUserSig(server.sdkAppId, 'not-the-server-secret', 'mallory', 600);
    const err = await expectCode(loginWith('mallory', forged), ErrorCode.AUTH_FAILED);
    assert.match(err.message, /signature/);
  });

  test('an expired UserSig is refused with 62002', async () => {
    const past = signUserSig(server.sdkAppId, server.secret, 'bob', -10);
    await expectCode(loginWith('bob', past), ErrorCode.USERSIG_EXPIRED);
    const short = signUserSig(server.sdkAppId, server.secret, 'bob', 1);
    await sleep(1200);
    await expectCode(loginWith('bob', short), ErrorCode.USERSIG_EXPIRED);
  });

  test('garbage is refused with 62001', async () => {
    await expectCode(loginWith('bob', 'garbage-garbage'), ErrorCode.AUTH_FAILED);
    await expectCode(loginWith('bob', 'eJyrVkrOz1WyUkpKTFGqBQAeWARe'), ErrorCode.AUTH_FAILED);
  });

  test('a UserSig of user A cannot log in as B (62001)', async () => {
    const sigA = await fetchUserSig(server, 'userA');
    const err = await expectCode(loginWith('userB', sigA), ErrorCode.AUTH_FAILED);
    assert.match(err.message, /another user/);
  });

  test('a wrong SDKAppID is refused with 62001', async () => {
    const sig = await fetchUserSig(server, 'carol');
    await expectCode(loginWith('carol', sig, server.sdkAppId + 1), ErrorCode.AUTH_FAILED);
  });

  test('every other op before login is refused with 61006', async () => {
    const c = await TestClient.connect(server.wsUrl);
    await expectCode(c.request('group-info', { groupIds: [] }), ErrorCode.NOT_LOGGED_IN);
    await expectCode(c.request('media-join', { room: { kind: 'numeric', id: 1 }, role: 'anchor', scene: 'live' }), ErrorCode.NOT_LOGGED_IN);
    await c.close();
  });

  test('logout signs out but keeps the connection', async () => {
    const c = await TestClient.login(server, 'dave');
    await c.request('logout', {});
    await expectCode(c.request('group-info', { groupIds: [] }), ErrorCode.NOT_LOGGED_IN);
    const sig = await fetchUserSig(server, 'dave');
    await c.request('login', { sdkAppId: server.sdkAppId, userId: 'dave', userSig: sig });
    await c.close();
  });

  test('the token endpoint refuses an invalid userId with 400', async () => {
    for (const q of ['', '?userId=', '?userId=bad%20id', `?userId=${'x'.repeat(33)}`]) {
      const res = await fetch(`${server.url}/api/usersig${q}`);
      assert.equal(res.status, 400, q);
      const body = (await res.json()) as { code: number; message: string };
      assert.equal(body.code, ErrorCode.INVALID_USER_ID);
      assert.ok(body.message.length > 0);
    }
  });
});
