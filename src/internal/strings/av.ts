import { defineStrings } from '../i18n.js';

/** Media controls shared by <live-room> and <call-panel>. */
export const avEn = {
  mute: 'Mute',
  unmute: 'Unmute',
  cameraOff: 'Camera off',
  cameraOn: 'Camera on',
  dismiss: 'Dismiss',
  lrLoading: 'Loading…',
};

export const avStrings = defineStrings(avEn, () => import('./av.zh-cn.js'));
