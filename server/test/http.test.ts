import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { createLocalServer, type LocalServer } from '../app.js';

let server: LocalServer;
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'live-elements-static-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(join(dir, 'app.js'), 'export {};');
  await writeFile(join(dir, 'style.css'), 'body{}');
  await writeFile(join(dir, 'logo.svg'), '<svg/>');
  await mkdir(join(dir, 'docs'));
  await writeFile(join(dir, 'docs', 'index.html'), '<p>docs</p>');
  await writeFile(join(tmpdir(), 'live-elements-outside.txt'), 'secret');
  server = await createLocalServer({ port: 0, staticDir: dir });
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** A raw GET that does not normalise the path (unlike fetch). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('binds to 127.0.0.1 and reports its urls', () => {
  assert.equal(server.url, `http://127.0.0.1:${server.port}`);
  assert.equal(server.wsUrl, `ws://127.0.0.1:${server.port}/ws`);
  assert.ok(server.port > 0);
});

test('GET /api/config', async () => {
  const res = await fetch(`${server.url}/api/config`);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.deepEqual(await res.json(), { sdkAppId: 1400000001, wsUrl: '/ws', engine: 'local' });
});

test('static files with content types, index.html, 404 and no traversal', async () => {
  const home = await fetch(`${server.url}/`);
  assert.equal(home.status, 200);
  assert.equal(home.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(await home.text(), /home/);
  const js = await fetch(`${server.url}/app.js`);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal((await fetch(`${server.url}/style.css`)).headers.get('content-type'), 'text/css; charset=utf-8');
  assert.equal((await fetch(`${server.url}/logo.svg`)).headers.get('content-type'), 'image/svg+xml');
  const docs = await fetch(`${server.url}/docs/`);
  assert.match(await docs.text(), /docs/);
  const redirect = await fetch(`${server.url}/docs`, { redirect: 'manual' });
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.get('location'), '/docs/');
  assert.equal((await fetch(`${server.url}/missing.js`)).status, 404);
  assert.equal((await fetch(`${server.url}/app.js`, { method: 'POST' })).status, 405);
  for (const path of ['/../live-elements-outside.txt', '/%2e%2e/live-elements-outside.txt', '/..%2flive-elements-outside.txt', '/docs/../../live-elements-outside.txt']) {
    const res = await rawGet(path);
    assert.notEqual(res.status, 200, path);
    assert.doesNotMatch(res.body, /secret/, path);
  }
});

test('WebSocket upgrades only on /ws', async () => {
  const ok = new WebSocket(server.wsUrl);
  await new Promise((resolve, reject) => {
    ok.once('open', resolve);
    ok.once('error', reject);
  });
  ok.close();
  const bad = new WebSocket(`ws://127.0.0.1:${server.port}/other`);
  await new Promise<void>((resolve) => {
    bad.once('error', () => resolve());
    bad.once('open', () => assert.fail('upgraded on /other'));
  });
});

test('close() ends open connections', async () => {
  const s = await createLocalServer({ port: 0 });
  const ws = new WebSocket(s.wsUrl);
  await new Promise((resolve) => ws.once('open', resolve));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await s.close();
  assert.equal(await closed, 1001);
  assert.equal(s.stats().connections, 0);
});
