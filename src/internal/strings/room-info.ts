import { defineStrings } from '../i18n.js';

/** The room details editor of <live-room> (internal/room-info.ts). */
export const roomInfoEn = {
  lrNoIntro: 'No introduction yet.',
  lrEdit: 'Edit',
  lrEditRoom: 'Edit room details',
  lrRoomStatus: 'Room status',
  lrIntro: 'Introduction',
  lrSave: 'Save',
  lrSaving: 'Saving…',
};

export const roomInfoStrings = defineStrings(roomInfoEn, () => import('./room-info.zh-cn.js'));
