import { defineStrings } from '../i18n.js';

/** The beauty panel of <live-room> (internal/beauty-panel.ts). */
export const beautyEn = {
  bxBeauty: 'Beauty',
  bxTitle: 'Beauty filters',
  bxStyle: 'Style',
  bxStyleSmooth: 'Smooth',
  bxStyleNatural: 'Natural',
  bxStyleHazy: 'Hazy',
  bxSmoothing: 'Smoothing',
  bxWhiteness: 'Brightening',
  bxRuddy: 'Rosy',
  bxSharpness: 'Sharpness',
  bxFilter: 'Filter',
  bxFilterNone: 'None',
  bxFilterWarm: 'Warm',
  bxFilterCool: 'Cool',
  bxFilterMono: 'Black and white',
  bxFilterVintage: 'Vintage',
  bxFilterCustom: 'Custom',
  bxFilterStrength: 'Filter strength',
  bxLevel: '{n} of 9',
  bxPercent: '{n}%',
  bxOff: 'Off',
  bxReset: 'Reset',
  bxClose: 'Close',
  bxPreview: 'Preview with effects',
  bxActive: 'Effects on',
  bxInactive: 'Effects off: the camera is sent as is',
  bxUnavailable: 'Beauty filters are not available here.',
};

export const beautyStrings = defineStrings(beautyEn, () => import('./beauty-panel.zh-cn.js'));
