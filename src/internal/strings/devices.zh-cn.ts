import type { devicesEn } from './devices.js';

/** The device menus of <live-room> and <call-panel> (internal/device-menu.ts, internal/call-device-menu.ts), in Simplified Chinese: fetched when an element's lang is zh. */
const zh: Record<keyof typeof devicesEn, string> = {
  lrDevices: '设备',
  lrDevicesTitle: '设备与画面',
  lrCamera: '摄像头',
  lrMicrophone: '麦克风',
  lrSpeaker: '扬声器',
  lrDeviceN: '{kind} {n}',
  lrNoDevices: '未找到设备。',
  lrSwitchCamera: '切换摄像头',
  lrMirror: '镜像画面',
  lrQuality: '画质',
};

export default zh;
