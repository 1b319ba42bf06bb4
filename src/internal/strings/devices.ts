import { defineStrings } from '../i18n.js';

/** The device menus of <live-room> and <call-panel> (internal/device-menu.ts, internal/call-device-menu.ts). */
export const devicesEn = {
  lrDevices: 'Devices',
  lrDevicesTitle: 'Devices and video',
  lrCamera: 'Camera',
  lrMicrophone: 'Microphone',
  lrSpeaker: 'Speaker',
  lrDeviceN: '{kind} {n}',
  lrNoDevices: 'No devices found.',
  lrSwitchCamera: 'Switch camera',
  lrMirror: 'Mirror my video',
  lrQuality: 'Video quality',
};

export const devicesStrings = defineStrings(devicesEn, () => import('./devices.zh-cn.js'));
