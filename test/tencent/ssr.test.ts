/**
 * The kit on a server (SSR, Node without DOM): importing it does not throw, and the Tencent
 * engine does not load its SDKs until it is used (trtc-sdk-v5 cannot even be evaluated in Node:
 * it reads `location` at import time, so a successful import proves it was not loaded).
 *
 *   node --import tsx --test test/tencent/ssr.test.ts
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../..');

/** Runs `code` in a fresh Node (ESM, tsx) in the repo; returns its stdout. */
function node(code: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

describe('the kit in Node, without a DOM', () => {
  it('src/core/index.ts imports', () => {
    assert.match(node(`await import('./src/core/index.ts'); console.log('ok', typeof document);`), /ok undefined/);
  });

  it('the Tencent engine modules import, and the SDKs stay unloaded', () => {
    const out = node(`
      const mod = await import('./src/core/engines/tencent/index.ts');
      await import('./src/core/engines/tencent/register.ts');
      // Had the engine loaded TRTC, the import above would have failed like this one does:
      const direct = await import('trtc-sdk-v5/trtc.esm.js').then(() => 'loads', (e) => 'throws: ' + e.message);
      console.log('ok', typeof mod.createTencentEngines, typeof mod.enableTencentEngine, '|', direct);
    `);
    assert.match(out, /ok function function \| throws: location is not defined/);
  });

  it('engines are created synchronously in Node; using media fails in words, without loading TRTC', () => {
    const out = node(`
      const { createTencentEngines } = await import('./src/core/engines/tencent/index.ts');
      let loads = 0;
      const engines = createTencentEngines({}, { loadTrtc: async () => { loads++; throw new Error('not in Node'); }, loadChat: async () => { loads++; throw new Error('not in Node'); } });
      const error = await engines.media.join({ room: { kind: 'numeric', id: 1 }, role: 'audience', scene: 'live', credentials: { userId: 'u', sdkAppId: 1, userSig: 's' } }).catch((e) => e);
      console.log(JSON.stringify({ kind: engines.media.kind, code: error.code, message: error.message, loads }));
      engines.media.destroy(); engines.chat.destroy();
    `);
    const result = JSON.parse(out.trim().split('\n').pop()!) as { kind: string; code: number; message: string; loads: number };
    assert.equal(result.kind, 'tencent');
    assert.equal(result.code, 60006, 'WEBRTC_UNSUPPORTED');
    assert.equal(result.loads, 0, 'no SDK was loaded');
  });

  it('a Session on the Tencent engine is created in Node (enabled), and nothing is fetched', () => {
    const out = node(`
      const { enableTencentEngine } = await import('./src/core/engines/tencent/index.ts');
      const { Session } = await import('./src/core/store/session.ts');
      enableTencentEngine();
      const session = new Session({ engine: 'tencent', sdkAppId: 1400000001 });
      console.log('ok', session.engines.media.kind, session.engines.chat.kind, session.getState().status);
      session.destroy();
    `);
    assert.match(out, /ok tencent tencent logged-out/);
  });

  it('src/index.ts (the elements) imports too (Lit’s Node build shims the DOM)', () => {
    assert.match(node(`await import('./src/index.ts'); console.log('ok');`), /ok/);
  });
});
