import { defineStrings } from '../i18n.js';

/** Words used by <barrage-layer> and other parts of the kit. */
export const commonEn = {
  you: 'You',
  lrBytesLeft: '{n} bytes left',
  lrBytesOver: '{n} bytes too long',
  lrCancel: 'Cancel',
  lrActionsFor: 'Actions for {name}',
};

export const commonStrings = defineStrings(commonEn, () => import('./common.zh-cn.js'));
