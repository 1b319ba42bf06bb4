/**
 * Every area's strings (src/internal/strings/<area>.ts), for tests that go through all of them.
 * scripts/check-strings.ts fails when an area is missing here.
 */
import { avStrings } from '../internal/strings/av.js';
import { barrageStrings } from '../internal/strings/barrage.js';
import { beautyStrings } from '../internal/strings/beauty-panel.js';
import { callStrings } from '../internal/strings/call.js';
import { coanchorStrings } from '../internal/strings/coanchor.js';
import { commonStrings } from '../internal/strings/common.js';
import { devicesStrings } from '../internal/strings/devices.js';
import { giftStrings } from '../internal/strings/gift.js';
import { liveRoomStrings } from '../internal/strings/live-room.js';
import { memberListStrings } from '../internal/strings/member-list.js';
import { pkStrings } from '../internal/strings/pk.js';
import { roomInfoStrings } from '../internal/strings/room-info.js';
import { seatGridStrings } from '../internal/strings/seat-grid.js';

/** By file name (without `.ts`). */
export const allStrings = {
  av: avStrings,
  barrage: barrageStrings,
  'beauty-panel': beautyStrings,
  call: callStrings,
  coanchor: coanchorStrings,
  common: commonStrings,
  devices: devicesStrings,
  gift: giftStrings,
  'live-room': liveRoomStrings,
  'member-list': memberListStrings,
  pk: pkStrings,
  'room-info': roomInfoStrings,
  'seat-grid': seatGridStrings,
};
