import { defineStrings } from '../i18n.js';

/** The seats of a voice room in <live-room> (internal/seat-grid.ts). */
export const seatGridEn = {
  vrSeats: 'Seats',
  vrSeat: 'Seat {n}',
  vrTake: 'Take seat {n}',
  vrLocked: 'Locked seat',
  vrLock: 'Lock',
  vrUnlock: 'Unlock',
  vrMuteSeat: 'Mute',
  vrUnmuteSeat: 'Unmute',
  vrClear: 'Clear',
  vrMove: 'Move to…',
  vrSpeaking: 'speaking',
  vrMicOff: 'microphone off',
};

export const seatGridStrings = defineStrings(seatGridEn, () => import('./seat-grid.zh-cn.js'));
