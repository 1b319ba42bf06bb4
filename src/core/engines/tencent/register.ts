/**
 * Side-effect entry: `import 'live-elements/tencent/register'` enables `engine="tencent"` with
 * default options (co-anchor grants then need `openStage` or a `grantAnchor` hook: call
 * `enableTencentEngine({...})` from `./index.ts` instead to give them).
 */
import { enableTencentEngine } from './index.js';

enableTencentEngine();

export * from './index.js';
