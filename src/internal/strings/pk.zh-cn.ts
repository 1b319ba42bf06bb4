import type { pkEn } from './pk.js';

/** PK in <live-room> (internal/pk-bar.ts, internal/pk-panel.ts), in Simplified Chinese: fetched when an element's lang is zh. */
const zh: Record<keyof typeof pkEn, string> = {
  lrPk: 'PK',
  lrPkStart: '向其他房间发起 PK',
  lrPkRoomId: '房间号',
  lrPkStringRoom: '字符串房间号',
  lrPkUserId: '对方主播的用户 ID',
  lrPkSend: '发起挑战',
  lrPkWaiting: '等待 {name} 回应…',
  lrPkTimeLeft: '剩余 {time}',
  lrPkIncoming: '{name}（房间 {room}）向你发起 PK',
  lrAccept: '接受',
  lrReject: '拒绝',
  lrPkEnd: '结束 PK',
  lrPkDeclined: '{name} 拒绝了 PK。',
  lrPkNoAnswer: '{name} 没有回应。',
  lrPkFailed: '与 {name} 的 PK 未能开始。',
  lrPkScore: 'PK 比分',
};

export default zh;
