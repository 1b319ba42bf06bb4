import type { beautyEn } from './beauty-panel.js';

/** The beauty panel of <live-room> (internal/beauty-panel.ts), in Simplified Chinese: fetched when an element's lang is zh. */
const zh: Record<keyof typeof beautyEn, string> = {
  bxBeauty: '美颜',
  bxTitle: '美颜滤镜',
  bxStyle: '风格',
  bxStyleSmooth: '光滑',
  bxStyleNatural: '自然',
  bxStyleHazy: '朦胧',
  bxSmoothing: '磨皮',
  bxWhiteness: '美白',
  bxRuddy: '红润',
  bxSharpness: '清晰',
  bxFilter: '滤镜',
  bxFilterNone: '无',
  bxFilterWarm: '暖色',
  bxFilterCool: '冷色',
  bxFilterMono: '黑白',
  bxFilterVintage: '复古',
  bxFilterCustom: '自定义',
  bxFilterStrength: '滤镜强度',
  bxLevel: '{n}/9',
  bxPercent: '{n}%',
  bxOff: '关',
  bxReset: '重置',
  bxClose: '关闭',
  bxPreview: '美颜效果预览',
  bxActive: '美颜已开启',
  bxInactive: '美颜已关闭：摄像头画面原样发送',
  bxUnavailable: '此处无法使用美颜滤镜。',
};

export default zh;
