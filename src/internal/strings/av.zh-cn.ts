import type { avEn } from './av.js';

/** Media controls shared by <live-room> and <call-panel>, in Simplified Chinese: fetched when an element's lang is zh. */
const zh: Record<keyof typeof avEn, string> = {
  mute: '静音',
  unmute: '取消静音',
  cameraOff: '关闭摄像头',
  cameraOn: '打开摄像头',
  dismiss: '关闭',
  lrLoading: '加载中…',
};

export default zh;
