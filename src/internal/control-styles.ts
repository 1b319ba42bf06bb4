import { css } from 'lit';

/**
 * Buttons, fields, popovers and badges of `<live-room>`'s internal parts. Colours come from the
 * room's tokens (inherited custom properties, `--_lr-*` set by `<live-room>` / `<call-panel>`),
 * so the parts follow the host's light and dark looks, including its `theme` attribute.
 */
export const controlStyles = css`
  :host { box-sizing: border-box; font: inherit; color: inherit; }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  button { font: inherit; border: 0; border-radius: 999px; padding: 8px 16px; cursor: pointer; background: var(--_lr-control, rgb(255 255 255 / 14%)); color: inherit; white-space: nowrap; }
  button:hover { background: var(--_lr-control-hover, rgb(255 255 255 / 22%)); }
  button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 2px solid var(--live-room-accent, #c8102e); outline-offset: 2px; }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  button.primary, button.primary:hover { background: var(--live-room-accent, #c8102e); color: #fff; }
  button[aria-pressed='true'], button[aria-expanded='true'] { box-shadow: inset 0 0 0 2px var(--live-room-accent, #c8102e); }
  button.small { padding: 4px 10px; font-size: 12px; }
  input, select, textarea { font: inherit; color: inherit; background: var(--_lr-field, rgb(0 0 0 / 35%)); border: 1px solid var(--_lr-line, rgb(255 255 255 / 25%)); border-radius: 8px; padding: 6px 10px; min-width: 0; }
  select option { color: var(--_lr-option-foreground, #15171c); background: var(--_lr-option-background, #fff); }
  input[type='checkbox'] { padding: 0; width: 16px; height: 16px; accent-color: var(--live-room-accent, #c8102e); }
  textarea { resize: vertical; width: 100%; }
  [aria-invalid='true'] { border-color: #ff6b81; }
  label { display: grid; gap: 4px; font-size: 12px; }
  label.check { display: flex; align-items: center; gap: 8px; font-size: 14px; }
  .popover { position: absolute; z-index: 5; display: grid; gap: 10px; min-width: 280px; max-width: min(360px, 90vw); padding: 12px; border-radius: 12px; background: var(--live-room-background, #0e0f13); border: 1px solid var(--_lr-line, rgb(255 255 255 / 25%)); box-shadow: 0 8px 28px rgb(0 0 0 / 45%); }
  .field { display: grid; gap: 4px; }
  .field label { font-size: 12px; }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 11px; background: var(--_lr-control, rgb(255 255 255 / 14%)); white-space: nowrap; }
  .badge.warn { background: var(--_lr-warn-background, #7a2a00); color: var(--_lr-warn-foreground, #ffe7d6); }
  .hint { font-size: 12px; opacity: 0.85; }
  .hint.bad { color: var(--_lr-bad, #ff8f9f); opacity: 1; }
  .alert { margin: 0; padding: 6px 10px; border-radius: 8px; background: var(--_lr-alert-background, #5b1620); color: var(--_lr-alert-foreground, #ffe4e8); font-size: 12px; }
  .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
