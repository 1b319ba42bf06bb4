import { defineStrings } from '../i18n.js';

/** <barrage-layer>. */
export const barrageEn = {
  lrMutedFor: 'You are muted for {time}',
  lrMutedAll: 'The host muted everyone',
  lrSay: 'Say something…',
  lrComment: 'Comment',
  lrSend: 'Send',
  blSendWait: 'Wait {n} s',
  blCooldown: 'Wait {n} s before sending again.',
  blTooLong: 'Too long to send: {n} bytes over the {max}-byte limit.',
  blEmoji: 'Emoji',
  blEmojiPicker: 'Insert an emoji',
  blLog: 'Chat log',
  blLogLabel: 'Chat messages',
  blLogEmpty: 'No messages yet.',
  blNewMessages: 'New messages',
  blUserActions: 'Comment by {name}',
  blHideUser: 'Hide comments from {name}',
  blUserHidden: 'Comments from {name} are hidden.',
  blUndo: 'Show again',
  blSomeone: 'Someone',
};

export const barrageStrings = defineStrings(barrageEn, () => import('./barrage.zh-cn.js'));
