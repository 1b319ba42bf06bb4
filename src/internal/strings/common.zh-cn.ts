import type { commonEn } from './common.js';

/** Words used by <barrage-layer> and other parts of the kit, in Simplified Chinese: fetched when an element's lang is zh. */
const zh: Record<keyof typeof commonEn, string> = {
  you: '我',
  lrBytesLeft: '还可输入 {n} 字节',
  lrBytesOver: '超出 {n} 字节',
  lrCancel: '取消',
  lrActionsFor: '对 {name} 的操作',
};

export default zh;
