/**
 * The engine contract against the local engine, for real: a local server started by
 * web-test-runner.contract.config.mjs (its address at /__contract.json).
 */
import { createLocalEngines } from '../../src/core/engines/local/index.js';
import type { Credentials } from '../../src/core/engines/types.js';
import { stringRoom } from '../../src/core/validation.js';
import { engineContract, type ContractHarness, type ContractUser } from './contract.js';

engineContract('local engine', async (): Promise<ContractHarness> => {
  const { wsUrl, httpUrl } = (await (await fetch('/__contract.json')).json()) as { wsUrl: string; httpUrl: string };
  let n = 0;
  const unique = (prefix: string) => `${prefix}_${Date.now().toString(36)}${(n++).toString(36)}`;
  const credentialsFor = async (userId: string): Promise<Credentials> => {
    const body = (await (await fetch(`${httpUrl}/api/usersig?userId=${encodeURIComponent(userId)}`)).json()) as { sdkAppId: number; userSig: string };
    return { userId, sdkAppId: body.sdkAppId, userSig: body.userSig };
  };
  const make = async (userId: string): Promise<ContractUser> => ({
    userId,
    engines: createLocalEngines({ url: wsUrl, requestTimeoutMs: 5000 }),
    credentials: await credentialsFor(userId),
  });
  return {
    user: (prefix) => make(unique(prefix)),
    again: (u) => make(u.userId),
    badCredentials: (userId) => ({ userId, sdkAppId: 1400000001, userSig: 'not-a-usersig' }),
    room: () => stringRoom(unique('contract')),
    dispose: async () => undefined,
  };
});
