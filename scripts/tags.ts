/** The kit's custom-element tags. Each has `src/components/<tag>/<tag>.ts` and `src/<tag>.ts`. */
export const TAGS = ['live-room', 'call-panel', 'barrage-layer', 'gift-panel', 'coanchor-queue'] as const;
export type Tag = (typeof TAGS)[number];
