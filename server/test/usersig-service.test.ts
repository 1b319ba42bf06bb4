/**
 * The Tencent UserSig service: .env parsing, configuration from the environment, signing for
 * the authenticated user only, answers in words, and the secret never in an answer.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ErrorCode } from '../../src/core/errors.js';
import { createTencentUserSigHandler, loadTencentConfig, parseDotEnv, type TencentUserSigHandlerOptions } from '../usersig-service.js';
import { verifyUserSig } from '../usersig.js';

const SECRET = 'f1e2d3c4b5a6978812345678abcdef0123456789abcdef0123456789abcdef01';
const APP_ID = 1400123456;

describe('parseDotEnv', () => {
  it('reads KEY=value lines with comments, export and quotes', () => {
    const env = parseDotEnv(
      [
        '# a comment',
        'TENCENT_SDK_APP_ID=1400123456',
        'export TENCENT_SECRET_KEY = "abc def" ',
        "SINGLE='x # not a comment'",
        'TRAILING=value # comment',
        'MULTI="a\\nb"',
        'EMPTY=',
        'not a line',
        '  SPACED  =  spaced value  ',
      ].join('\n'),
    );
    assert.deepEqual(env, {
      TENCENT_SDK_APP_ID: '1400123456',
      TENCENT_SECRET_KEY: 'abc def',
      SINGLE: 'x # not a comment',
      TRAILING: 'value',
      MULTI: 'a\nb',
      EMPTY: '',
      SPACED: 'spaced value',
    });
  });
});

describe('loadTencentConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'usersig-'));
  const file = join(dir, '.env');
  writeFileSync(file, `TENCENT_SDK_APP_ID=${APP_ID}\nTENCENT_SECRET_KEY=${SECRET}\n`);

  it('reads the .env file', () => {
    assert.deepEqual(loadTencentConfig({ env: {}, envFile: file }), { sdkAppId: APP_ID, secretKey: SECRET });
  });
  it('lets the environment win over the file', () => {
    assert.deepEqual(loadTencentConfig({ env: { TENCENT_SDK_APP_ID: '1400000009' }, envFile: file }), { sdkAppId: 1400000009, secretKey: SECRET });
  });
  it('is undefined when nothing is configured (no file)', () => {
    assert.equal(loadTencentConfig({ env: {}, envFile: join(dir, 'missing.env') }), undefined);
  });
  it('refuses half a configuration or a bad SDKAppID, without echoing the secret', () => {
    assert.throws(() => loadTencentConfig({ env: { TENCENT_SECRET_KEY: SECRET }, envFile: false }), /set both TENCENT_SDK_APP_ID and TENCENT_SECRET_KEY/);
    assert.throws(
      () => loadTencentConfig({ env: { TENCENT_SDK_APP_ID: 'abc', TENCENT_SECRET_KEY: SECRET }, envFile: false }),
      (error: Error) => /numeric SDKAppID/.test(error.message) && !error.message.includes(SECRET),
    );
  });
});

describe('createTencentUserSigHandler', () => {
  const servers: Server[] = [];
  async function serve(options: TencentUserSigHandlerOptions): Promise<string> {
    const handler = createTencentUserSigHandler(options);
    const server = createServer((req, res) => void handler(req, res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/tencent/usersig`;
  }
  after(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  it('needs an authentication decision', () => {
    assert.throws(() => createTencentUserSigHandler({ config: { sdkAppId: APP_ID, secretKey: SECRET } }), /authenticate/);
  });

  it('refuses bad options and configuration with INVALID_ARGUMENT', () => {
    const invalid = (error: { code?: number }) => error.code === ErrorCode.INVALID_ARGUMENT;
    assert.throws(() => createTencentUserSigHandler({ config: { sdkAppId: APP_ID, secretKey: SECRET } }), invalid);
    assert.throws(() => createTencentUserSigHandler({ devTrustQueryUserId: true, expireSeconds: 10 }), invalid);
    assert.throws(() => loadTencentConfig({ env: { TENCENT_SECRET_KEY: SECRET }, envFile: false }), invalid);
    assert.throws(() => loadTencentConfig({ env: { TENCENT_SDK_APP_ID: 'abc', TENCENT_SECRET_KEY: SECRET }, envFile: false }), invalid);
  });

  it('dev pattern: signs a verifiable UserSig for ?userId, and never sends the secret', async () => {
    const url = await serve({ config: { sdkAppId: APP_ID, secretKey: SECRET }, devTrustQueryUserId: true, expireSeconds: 3600 });
    const response = await fetch(`${url}?userId=alice_1`);
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.ok(!text.includes(SECRET), 'the answer must not contain the secret');
    const body = JSON.parse(text) as { sdkAppId: number; userId: string; userSig: string; expiresAt: number };
    assert.equal(body.sdkAppId, APP_ID);
    assert.equal(body.userId, 'alice_1');
    const verified = verifyUserSig(body.userSig, { sdkAppId: APP_ID, secret: SECRET });
    assert.ok(verified.ok && verified.userId === 'alice_1');
    assert.ok(body.expiresAt > Date.now() + 3500_000 && body.expiresAt <= Date.now() + 3600_000 + 5000);
  });

  it('rejects a bad user ID in words', async () => {
    const url = await serve({ config: { sdkAppId: APP_ID, secretKey: SECRET }, devTrustQueryUserId: true });
    const response = await fetch(`${url}?userId=${encodeURIComponent('no spaces!')}`);
    assert.equal(response.status, 400);
    const body = (await response.json()) as { code: number; message: string };
    assert.equal(body.code, ErrorCode.INVALID_USER_ID);
    assert.match(body.message, /letters, digits/);
  });

  let authed: string;
  before(async () => {
    authed = await serve({
      config: { sdkAppId: APP_ID, secretKey: SECRET },
      // The app's own session: here a header stands for a session cookie.
      authenticate: (req) => (req.headers['x-app-user'] === 'carol' ? 'carol' : undefined),
    });
  });

  it('authenticate: signs for the authenticated user only, whatever the query says', async () => {
    const ok = await fetch(`${authed}?userId=mallory`, { headers: { 'x-app-user': 'carol' } });
    assert.equal(ok.status, 200);
    const body = (await ok.json()) as { userId: string; userSig: string };
    assert.equal(body.userId, 'carol');
    const verified = verifyUserSig(body.userSig, { sdkAppId: APP_ID, secret: SECRET });
    assert.ok(verified.ok && verified.userId === 'carol');
    const anonymous = await fetch(`${authed}?userId=carol`);
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { code: number }).code, ErrorCode.AUTH_FAILED);
  });

  it('unconfigured: 503 in words, not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'usersig-none-'));
    const cwd = process.cwd();
    const saved = { id: process.env.TENCENT_SDK_APP_ID, key: process.env.TENCENT_SECRET_KEY };
    delete process.env.TENCENT_SDK_APP_ID;
    delete process.env.TENCENT_SECRET_KEY;
    process.chdir(dir);
    try {
      const url = await serve({ devTrustQueryUserId: true });
      const response = await fetch(`${url}?userId=dave`);
      assert.equal(response.status, 503);
      const body = (await response.json()) as { code: number; message: string };
      assert.equal(body.code, ErrorCode.ENGINE_UNAVAILABLE);
      assert.match(body.message, /TENCENT_SDK_APP_ID and TENCENT_SECRET_KEY/);
    } finally {
      process.chdir(cwd);
      if (saved.id !== undefined) process.env.TENCENT_SDK_APP_ID = saved.id;
      if (saved.key !== undefined) process.env.TENCENT_SECRET_KEY = saved.key;
    }
  });

  it('answers only GET (and CORS preflight)', async () => {
    const response = await fetch(`${authed}`, { method: 'POST', headers: { 'x-app-user': 'carol' } });
    assert.equal(response.status, 405);
    const preflight = await fetch(`${authed}`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
  });
});
