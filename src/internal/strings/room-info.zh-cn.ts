import type { roomInfoEn } from './room-info.js';

/** The room details editor of <live-room> (internal/room-info.ts), in Simplified Chinese: fetched when an element's lang is zh. */
const zh: Record<keyof typeof roomInfoEn, string> = {
  lrNoIntro: '暂无简介。',
  lrEdit: '编辑',
  lrEditRoom: '编辑房间信息',
  lrRoomStatus: '房间状态',
  lrIntro: '简介',
  lrSave: '保存',
  lrSaving: '正在保存…',
};

export default zh;
