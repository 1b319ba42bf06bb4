/**
 * The engine contract against the Tencent adapters, wired to scripted fakes of trtc-sdk-v5 and
 * @tencentcloud/chat (typed with the SDKs' own `.d.ts`: see fake-sdk.ts).
 */
import { createTencentEngines } from '../../src/core/engines/tencent/index.js';
import { stringRoom } from '../../src/core/validation.js';
import { engineContract, type ContractHarness, type ContractUser } from './contract.js';
import { FakeTencentCloud } from './fake-sdk.js';

engineContract('Tencent adapters on SDK fakes', async (): Promise<ContractHarness> => {
  const cloud = new FakeTencentCloud();
  let n = 0;
  const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(n++).toString(36)}`;
  const make = (userId: string): ContractUser => ({
    userId,
    engines: createTencentEngines({ timeoutMs: 5000, openStage: true }, { loadTrtc: async () => cloud.trtcSdk(), loadChat: async () => cloud.chatSdk() }),
    credentials: { userId, sdkAppId: cloud.sdkAppId, userSig: cloud.userSig(userId) },
  });
  return {
    user: async (prefix) => make(unique(prefix)),
    again: async (u) => make(u.userId),
    badCredentials: (userId) => ({ userId, sdkAppId: cloud.sdkAppId, userSig: 'not-a-usersig' }),
    room: () => stringRoom(unique('contract')),
    dispose: async () => undefined,
  };
});
