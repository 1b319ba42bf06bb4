import type { barrageEn } from './barrage.js';

/** <barrage-layer>, in Simplified Chinese: fetched when an element's lang is zh. */
const zh: Record<keyof typeof barrageEn, string> = {
  lrMutedFor: '你已被禁言，剩余 {time}',
  lrMutedAll: '主播已开启全员禁言',
  lrSay: '说点什么…',
  lrComment: '弹幕',
  lrSend: '发送',
  blSendWait: '等待 {n} 秒',
  blCooldown: '请等待 {n} 秒后再发送。',
  blTooLong: '内容过长，无法发送：超出 {max} 字节上限 {n} 字节。',
  blEmoji: '表情',
  blEmojiPicker: '插入表情',
  blLog: '聊天记录',
  blLogLabel: '聊天消息',
  blLogEmpty: '还没有消息。',
  blNewMessages: '有新消息',
  blUserActions: '{name} 的弹幕',
  blHideUser: '屏蔽 {name} 的弹幕',
  blUserHidden: '已屏蔽 {name} 的弹幕。',
  blUndo: '取消屏蔽',
  blSomeone: '某人',
};

export default zh;
