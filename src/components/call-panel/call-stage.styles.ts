import { css } from 'lit';

/**
 * The look of the call stage (call-stage.ts): the video, the tiles and their badges, the controls
 * and the minimised window. Adopted into the panel's shadow root when the stage's code arrives;
 * the panel's tokens (call-panel.styles.ts) apply to it.
 */
export const callStageStyles = css`
  /* In a call */
  .bar { display: flex; align-items: center; gap: var(--call-panel-gap); }
  .peer { flex: 1; min-width: 0; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .one { position: relative; flex: 1; min-height: 240px; border-radius: 10px; overflow: hidden; }
  .one > .tile { position: absolute; inset: 0; }
  .pip { position: absolute; right: 10px; bottom: 10px; width: 28%; min-width: 96px; max-width: 200px; aspect-ratio: 3 / 4; border-radius: 10px; overflow: hidden; background: #111; box-shadow: 0 4px 16px rgb(0 0 0 / 45%); z-index: 1; }
  .pip > .tile { position: absolute; inset: 0; }
  .pip > .swap, .pip > .swap:hover { position: absolute; inset: 0; z-index: 2; width: 100%; height: 100%; padding: 0; border-radius: 10px; background: transparent; box-shadow: none; }
  .pip > .swap:hover { box-shadow: inset 0 0 0 2px rgb(255 255 255 / 60%); }
  .pip > .swap:focus-visible { outline-offset: -3px; outline-color: #fff; box-shadow: inset 0 0 0 5px var(--call-panel-accent); }
  .grid { flex: 1; display: grid; gap: 4px; grid-template-columns: 1fr; grid-auto-rows: 1fr; min-height: 240px; }
  .grid[data-layout='2'], .grid[data-layout='4'] { grid-template-columns: 1fr 1fr; }
  .grid[data-layout='9'] { grid-template-columns: repeat(3, 1fr); }
  .grid[data-layout='many'] { grid-template-columns: repeat(4, 1fr); }
  .tile { position: relative; display: block; min-height: 0; min-width: 0; border-radius: 8px; overflow: hidden; background: #111; color: #fff; }
  .tile live-video-tile { position: absolute; inset: 0; border-radius: 0; }
  .tile.waiting { display: grid; place-content: center; justify-items: center; gap: 4px; text-align: center; padding: 8px; background: var(--_cp-waiting-background); color: var(--_cp-waiting-foreground); }
  .tile.waiting .avatar { width: 48px; height: 48px; font-size: 22px; animation: pulse 1.6s ease-in-out infinite; }
  @media (prefers-reduced-motion: reduce) { .tile.waiting .avatar { animation: none; } }
  .tile.waiting .wname { font-weight: 600; overflow-wrap: anywhere; }
  .tile.waiting .wstate { font-size: 12px; }
  .badges { position: absolute; left: 8px; bottom: 8px; display: flex; gap: 4px; z-index: 1; }
  .badge { display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 50%; background: rgb(0 0 0 / 60%); color: #fff; }
  .badge svg { width: 14px; height: 14px; }
  .badge.net { width: auto; padding: 0 6px; border-radius: 999px; }
  .badge.net svg { width: 16px; }
  .controls { display: flex; gap: var(--call-panel-gap); flex-wrap: wrap; align-items: center; justify-content: center; }

  /* Minimised */
  .mini { position: fixed; z-index: 1000; width: var(--call-panel-mini-width); display: grid; gap: 6px; padding: 8px; border-radius: var(--call-panel-radius); background: var(--call-panel-background); color: var(--call-panel-foreground); box-shadow: 0 8px 28px rgb(0 0 0 / 45%); touch-action: none; user-select: none; cursor: grab; }
  .mini.dragging { cursor: grabbing; }
  .mini .view { position: relative; aspect-ratio: 4 / 3; border-radius: 8px; overflow: hidden; background: #111; }
  .mini .view > .tile { position: absolute; inset: 0; }
  .mini .info { display: flex; gap: 6px; align-items: baseline; justify-content: space-between; }
  .mini .info .peer { font-size: 13px; }
  .mini .actions { justify-content: space-between; }
  .mini button { padding: 6px 12px; font-size: 13px; }
  .mini button.move { padding: 6px 10px; cursor: move; }
`;
