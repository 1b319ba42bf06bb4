import type { RoomStatus } from '../../core/store/live-room-types.js';
import { defineStrings } from '../i18n.js';

/** <live-room>: status, stage, controls (and the room status / notice words its room-info part shares). */
export const liveRoomEn = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'You are offline. Waiting for the network…',
  disconnected: 'Disconnected',
  entering: 'Entering…',
  preview: 'Preview',
  ended: 'The live has ended.',
  exited: 'You left the room.',
  kickedOffline: 'You were logged out because this account logged in elsewhere.',
  goLive: 'Go live',
  endLive: 'End live',
  enter: 'Enter room',
  leave: 'Leave',
  startCamera: 'Start camera',
  tapToUnmute: 'Tap to turn on sound',
  viewers: '{n} watching',
  waitingForAnchor: 'Waiting for the anchor…',
  noVideo: 'Camera is off',
  stage: 'Live stage',
  notConfigured: 'Set user-id and room-id to start.',
  roomControls: 'Room controls',
  lrStatusIdle: 'Not started',
  lrStatusLive: 'Live',
  lrStatusPaused: 'Paused',
  lrStatusEnded: 'Ended',
  lrStatusRemoved: 'Removed',
  lrNotice: 'Notice',
  lrPeople: 'People',
  lrRemoved: 'You were removed from this room by the host.',
  lrComeBackIn: 'You can come back in {time}.',
  lrComeBackNow: 'You can come back now.',
  lrMuteAllSound: 'Mute all sound',
};

export const liveRoomStrings = defineStrings(liveRoomEn, () => import('./live-room.zh-cn.js'));

/** The words of each room status (`<live-room>` shows them; its room-info part offers them). */
export const roomStatusKeys = {
  idle: 'lrStatusIdle',
  live: 'lrStatusLive',
  paused: 'lrStatusPaused',
  ended: 'lrStatusEnded',
} as const satisfies Record<RoomStatus, keyof typeof liveRoomEn>;
