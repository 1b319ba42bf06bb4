import { defineStrings } from '../i18n.js';

/** PK in <live-room> (internal/pk-bar.ts, internal/pk-panel.ts). */
export const pkEn = {
  lrPk: 'PK',
  lrPkStart: 'Challenge another room to a PK',
  lrPkRoomId: 'Room ID',
  lrPkStringRoom: 'String room ID',
  lrPkUserId: 'The other anchor’s user ID',
  lrPkSend: 'Send challenge',
  lrPkWaiting: 'Waiting for {name}…',
  lrPkTimeLeft: '{time} left',
  lrPkIncoming: '{name} (room {room}) challenges you to a PK',
  lrAccept: 'Accept',
  lrReject: 'Reject',
  lrPkEnd: 'End PK',
  lrPkDeclined: '{name} declined the PK.',
  lrPkNoAnswer: 'No answer from {name}.',
  lrPkFailed: 'The PK with {name} could not start.',
  lrPkScore: 'PK score',
};

export const pkStrings = defineStrings(pkEn, () => import('./pk.zh-cn.js'));
