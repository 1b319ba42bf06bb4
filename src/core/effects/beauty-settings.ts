import type { BeautySettings } from './types.js';

/** Every effect off (the stage is removed); the filter strength a look starts at. */
export const DEFAULT_BEAUTY_SETTINGS: Readonly<BeautySettings> = Object.freeze({ style: 0, beauty: 0, whiteness: 0, ruddy: 0, sharpness: 0, filter: 'none', filterStrength: 0.5 });

/** Whether these settings change any pixel (the style alone does not). */
export function beautyActive(s: BeautySettings): boolean {
  return s.beauty > 0 || s.whiteness > 0 || s.ruddy > 0 || s.sharpness > 0 || (s.filter !== 'none' && s.filterStrength > 0);
}
