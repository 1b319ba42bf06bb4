/**
 * The page of offline.test.ts (bundled with esbuild into a temp dir): `<live-room>` on the
 * Tencent engine with the REAL SDKs, in a browser whose network is blocked. Scenarios run from
 * the test through `window.__offline`.
 */
import '../../src/live-room.js';
import { createTencentEngines, enableTencentEngine, loadTrtcSdk } from '../../src/core/engines/tencent/index.js';
import type { LiveError } from '../../src/core/errors.js';
import { LiveRoomStore } from '../../src/core/store/live-room-store.js';
import { Session } from '../../src/core/store/session.js';
import { numericRoom } from '../../src/core/validation.js';
import { FakeTencentCloud } from './fake-sdk.js';

// The real SDKs, loaded on first use.
enableTencentEngine();

export interface Outcome {
  took: number;
  code?: number;
  message?: string;
  /** What `<live-room>` shows in its error part. */
  ui: string;
  phase: string;
  /** The same action tried again right after (nothing may be left hanging in between). */
  again?: { took: number; code?: number; message?: string };
}

async function mount(store: LiveRoomStore): Promise<HTMLElement & { store?: LiveRoomStore; updateComplete: Promise<boolean> }> {
  const element = document.createElement('live-room');
  document.body.replaceChildren(element);
  element.store = store;
  await element.updateComplete;
  return element;
}

async function shown(element: HTMLElement & { updateComplete: Promise<boolean> }): Promise<string> {
  await element.updateComplete;
  await new Promise((r) => setTimeout(r, 50));
  return element.shadowRoot?.querySelector('[part="error"]')?.textContent?.trim() ?? '';
}

async function attempt(work: () => Promise<unknown>): Promise<{ took: number; error?: LiveError }> {
  const started = performance.now();
  try {
    await work();
    return { took: performance.now() - started };
  } catch (error) {
    return { took: performance.now() - started, error: error as LiveError };
  }
}

const api = {
  /** Logging in with the real chat SDK: it cannot reach Tencent Cloud. */
  async login(timeoutMs: number): Promise<Outcome> {
    const store = new LiveRoomStore(new Session({ engine: 'tencent', sdkAppId: 1400000001, timeoutMs }));
    const element = await mount(store);
    const { took, error } = await attempt(() => store.login({ userId: 'offline_user', userSig: 'a-usersig-nobody-can-check-offline' }));
    return { took, code: error?.code, message: error?.message, ui: await shown(element), phase: store.getState().phase };
  },

  /**
   * Entering a room with the real TRTC SDK. Chat is the scripted fake (the real one cannot log
   * in offline, and entering needs a logged-in user): only the media side meets the network.
   */
  async enter(timeoutMs: number): Promise<Outcome> {
    const cloud = new FakeTencentCloud();
    const fakeOnly = { loadChat: async () => cloud.chatSdk(), loadTrtc: async () => cloud.trtcSdk() };
    const owner = createTencentEngines({ timeoutMs }, fakeOnly);
    await owner.chat.login({ userId: 'owner', sdkAppId: cloud.sdkAppId, userSig: cloud.userSig('owner') });
    await owner.chat.createGroup({ groupId: '1234' });
    await owner.chat.joinGroup('1234');
    const engines = createTencentEngines({ timeoutMs }, { loadChat: async () => cloud.chatSdk() });
    const store = new LiveRoomStore(new Session({ engines, timeoutMs }));
    const element = await mount(store);
    await store.login({ userId: 'viewer', userSig: cloud.userSig('viewer'), sdkAppId: cloud.sdkAppId });
    const { took, error } = await attempt(() => store.enterRoom(numericRoom(1234)));
    const outcome: Outcome = { took, code: error?.code, message: error?.message, ui: await shown(element), phase: store.getState().phase };
    // Nothing hangs: a second try fails the same way, in the same time.
    const again = await attempt(() => store.enterRoom(numericRoom(1234)));
    outcome.again = { took: again.took, code: again.error?.code, message: again.error?.message };
    return outcome;
  },

  /**
   * The effects plugins fetched on demand really register with the real SDK (`use()`): what
   * `startPlugin` answers for each before and after, with no camera (within 3 s).
   */
  async pluginsOnDemand(): Promise<Record<string, { before: string; after: string; used?: string }>> {
    const sdk = await loadTrtcSdk();
    const client = sdk.TRTC.create({ plugins: sdk.plugins, enableAutoPlayDialog: false });
    const answer = async (work: () => Promise<unknown>): Promise<string> => {
      try {
        await Promise.race([work(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3000))]);
        return 'ok';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    };
    const out: Record<string, { before: string; after: string; used?: string }> = {};
    for (const name of ['BasicBeauty', 'VoiceChanger'] as const) {
      const start = () => (client.startPlugin as (n: string, o: unknown) => Promise<unknown>)(name, name === 'BasicBeauty' ? { beauty: 0.5, brightness: 0, ruddy: 0 } : { sdkAppId: 1400000001, userId: 'u', userSig: 's', voiceType: 1 });
      const before = await answer(start);
      const used = await answer(async () => client.use((await sdk.loadPlugin![name]!())));
      out[name] = { before, used, after: await answer(start) };
    }
    client.destroy();
    return out;
  },

  /** The real SDK's constants (to check the fakes against). */
  async trtcConstants(): Promise<{ EVENT: Record<string, string>; TYPE: Record<string, string> }> {
    const { default: TRTC } = await import('trtc-sdk-v5/trtc.esm.js');
    return { EVENT: { ...TRTC.EVENT } as Record<string, string>, TYPE: Object.fromEntries(Object.entries(TRTC.TYPE).map(([k, v]) => [k, String(v)])) };
  },
};

(window as unknown as { __offline: typeof api }).__offline = api;
document.documentElement.dataset.ready = 'true';
