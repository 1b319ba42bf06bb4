// The SDKs' ESM entry points have no declarations of their own: they are the same SDKs as the
// packages' main entries, whose `.d.ts` these re-use.
declare module 'trtc-sdk-v5/trtc.esm.js' {
  import TRTC from 'trtc-sdk-v5';
  export default TRTC;
}

declare module '@tencentcloud/chat/index.es.js' {
  import TencentCloudChat from '@tencentcloud/chat';
  export default TencentCloudChat;
}

declare module '@tencentcloud/chat/modules/group-module.js' {
  /** The group module (a class the SDK instantiates); opaque to the adapters. */
  const GroupModule: unknown;
  export default GroupModule;
}
