import { css } from 'lit';

/** The beauty panel: inline on its own, or a popover over the room's controls (`toggle`). */
export const beautyPanelStyles = css`
  :host {
    display: block;
    --_bx-accent: var(--live-room-accent, var(--live-color-accent, #c8102e));
    --_bx-surface: var(--live-room-background, var(--live-color-surface, #17181d));
    --_bx-line: var(--_lr-line, rgb(255 255 255 / 25%));
    font-family: var(--live-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    color: var(--live-room-foreground, var(--live-color-on-surface, #f3f4f6));
  }
  :host([toggle]) { display: inline-block; position: relative; }
  .panel { display: grid; gap: 10px; padding: 12px; border-radius: var(--live-radius, 12px); background: var(--_bx-surface); border: 1px solid var(--_bx-line); min-width: 260px; }
  :host([toggle]) .panel { position: absolute; z-index: 5; bottom: calc(100% + 8px); right: 0; width: min(340px, 90vw); box-shadow: 0 8px 28px rgb(0 0 0 / 45%); max-height: min(80vh, 640px); overflow: auto; }
  header { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
  h2 { margin: 0; font-size: 14px; font-weight: 600; }
  video { width: 100%; aspect-ratio: 4 / 3; object-fit: cover; border-radius: 8px; background: #000; display: block; }
  video.mirror { transform: scaleX(-1); }
  fieldset { border: 0; margin: 0; padding: 0; display: grid; gap: 4px; }
  legend { font-size: 12px; padding: 0; margin-bottom: 4px; }
  .styles { display: flex; gap: 6px; flex-wrap: wrap; }
  .styles label { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; padding: 4px 10px; border-radius: 999px; border: 1px solid var(--_bx-line); cursor: pointer; }
  .styles label:has(input:checked) { border-color: var(--_bx-accent); box-shadow: inset 0 0 0 1px var(--_bx-accent); }
  .styles input { accent-color: var(--_bx-accent); margin: 0; }
  .slider { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: 2px 8px; }
  .slider label { font-size: 12px; }
  .slider output { font-size: 12px; font-variant-numeric: tabular-nums; opacity: 0.85; }
  .slider input { grid-column: 1 / -1; width: 100%; accent-color: var(--_bx-accent); margin: 0; padding: 0; background: none; border: 0; }
  .status { font-size: 12px; opacity: 0.85; margin: 0; }
  .alert { margin: 0; padding: 6px 10px; border-radius: 8px; background: #5b1620; color: #ffe4e8; font-size: 12px; }
  .actions { display: flex; justify-content: flex-end; gap: 8px; }
  input:focus-visible, select:focus-visible, button:focus-visible { outline: 2px solid var(--_bx-accent); outline-offset: 2px; }
  @media (prefers-color-scheme: light) {
    .alert { background: #fde2e6; color: #5b1620; }
  }
`;
