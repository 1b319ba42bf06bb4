import type { seatGridEn } from './seat-grid.js';

/** The seats of a voice room in <live-room> (internal/seat-grid.ts), in Simplified Chinese: fetched when an element's lang is zh. */
const zh: Record<keyof typeof seatGridEn, string> = {
  vrSeats: '麦位',
  vrSeat: '{n} 号麦',
  vrTake: '上 {n} 号麦',
  vrLocked: '已锁麦位',
  vrLock: '锁麦',
  vrUnlock: '解锁',
  vrMuteSeat: '禁麦',
  vrUnmuteSeat: '解除禁麦',
  vrClear: '请下麦',
  vrMove: '移到…',
  vrSpeaking: '正在说话',
  vrMicOff: '麦克风已关闭',
};

export default zh;
