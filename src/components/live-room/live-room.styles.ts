import { css } from 'lit';

/**
 * The light look: custom properties only, so that the same block serves
 * `prefers-color-scheme: light` (unless `theme="dark"`) and `theme="light"`.
 */
const light = css`
  color-scheme: light;
  --live-room-background: var(--live-color-surface, #f5f6f8);
  --live-room-foreground: var(--live-color-on-surface, #15171c);
  --_lr-control: rgb(0 0 0 / 8%);
  --_lr-control-hover: rgb(0 0 0 / 14%);
  --_lr-chip: rgb(0 0 0 / 8%);
  --_lr-field: #fff;
  --_lr-line: rgb(0 0 0 / 18%);
  --_lr-alert-background: #fde2e6;
  --_lr-alert-foreground: #5b1620;
  --_lr-warn-background: #ffe1cc;
  --_lr-warn-foreground: #5a2000;
  --_lr-bad: #b0102a;
  --_lr-option-foreground: inherit;
  --_lr-option-background: inherit;
`;

export const liveRoomStyles = css`
  :host {
    color-scheme: dark;
    --live-room-background: var(--live-color-surface, #0e0f13);
    --live-room-foreground: var(--live-color-on-surface, #f3f4f6);
    --live-room-accent: var(--live-color-accent, #c8102e);
    --live-room-radius: var(--live-radius, 12px);
    --live-room-gap: var(--live-space, 8px);
    --live-room-font: var(--live-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --live-room-side-width: 280px;
    /* Private: the look of the internal parts' controls, switched with the colour scheme. */
    --_lr-control: rgb(255 255 255 / 14%);
    --_lr-control-hover: rgb(255 255 255 / 22%);
    --_lr-field: rgb(0 0 0 / 35%);
    --_lr-line: rgb(255 255 255 / 22%);
    --_lr-chip: rgb(255 255 255 / 12%);
    --_lr-alert-background: #5b1620;
    --_lr-alert-foreground: #ffe4e8;
    --_lr-warn-background: #7a2a00;
    --_lr-warn-foreground: #ffe7d6;
    --_lr-bad: #ff8f9f;
    --_lr-option-foreground: #15171c;
    --_lr-option-background: #fff;
    display: block;
    position: relative;
    color: var(--live-room-foreground);
    font-family: var(--live-room-font);
    font-size: 14px;
    line-height: 1.4;
    box-sizing: border-box;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  /* Colour and font again on the wrapper: a page rule on the host (even all: unset !important) cannot reach past it. */
  .base { color: var(--live-room-foreground); font-family: var(--live-room-font); display: flex; flex-direction: column; gap: var(--live-room-gap); background: var(--live-room-background); border-radius: var(--live-room-radius); padding: var(--live-room-gap); min-height: 320px; height: 100%; }
  header { display: flex; align-items: center; gap: var(--live-room-gap); flex-wrap: wrap; }
  .title { font-weight: 600; flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .status { padding: 2px 10px; border-radius: 999px; background: var(--_lr-chip); font-size: 12px; }
  .status.live { background: var(--live-room-accent); color: #fff; }
  .count { font-size: 12px; opacity: 0.85; }
  .base { container-type: inline-size; }
  .people { padding: 4px 12px; font-size: 12px; }
  .notice { margin: 0; display: flex; gap: 8px; align-items: baseline; padding: 6px 10px; border-radius: 8px; background: var(--_lr-control); font-size: 13px; }
  .notice-label { flex: none; font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--live-room-accent); }
  .notice-text { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 4.2em; overflow: auto; }
  .main { position: relative; flex: 1; display: flex; gap: var(--live-room-gap); min-height: 240px; }
  .stage-col { flex: 1; min-width: 0; display: flex; flex-direction: column; gap: 4px; }
  .stage-wrap { position: relative; flex: 1; min-height: 240px; }
  .side { flex: none; width: var(--live-room-side-width); min-width: 0; overflow: auto; }
  .side[hidden] { display: none; }
  @container (max-width: 640px) {
    .main { flex-direction: column; }
    .side { width: auto; }
  }
  .stage { position: absolute; inset: 0; display: grid; gap: 4px; grid-template-columns: 1fr; grid-auto-rows: 1fr; }
  .stage[data-layout='2'], .stage[data-layout='4'] { grid-template-columns: 1fr 1fr; }
  .stage[data-layout='9'] { grid-template-columns: 1fr 1fr 1fr; }
  .stage[data-layout='many'] { grid-template-columns: repeat(4, 1fr); }
  .stage[data-count='3'] > :first-child { grid-row: span 2; }
  .members { position: absolute; top: 8px; right: 8px; bottom: 8px; width: min(340px, calc(100% - 16px)); z-index: 3; }
  .empty { display: grid; place-items: center; text-align: center; opacity: 0.8; padding: 16px; }
  .overlay { position: absolute; inset: 0; pointer-events: none; }
  .controls { display: flex; gap: var(--live-room-gap); flex-wrap: wrap; align-items: center; }
  button { font: inherit; border: 0; border-radius: 999px; padding: 8px 16px; cursor: pointer; background: var(--_lr-control); color: inherit; }
  button:hover { background: var(--_lr-control-hover); }
  button:focus-visible { outline: 2px solid var(--live-room-accent); outline-offset: 2px; }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  button.primary, button.primary:hover { background: var(--live-room-accent); color: #fff; }
  button.primary:hover { filter: brightness(1.12); }
  button[aria-pressed='true'], button[aria-expanded='true'] { box-shadow: inset 0 0 0 2px var(--live-room-accent); }
  .unmute { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); z-index: 2; background: rgb(0 0 0 / 70%); color: #fff; }
  .error { display: flex; gap: 8px; align-items: center; padding: 8px 12px; border-radius: 8px; background: var(--_lr-alert-background); color: var(--_lr-alert-foreground); }
  .error span { flex: 1; }
  .error button { padding: 2px 10px; }
  /* Dark is the default; light follows the page's preference, and theme="light|dark" overrides it. */
  @media (prefers-color-scheme: light) {
    :host(:not([theme='dark'])) { ${light} }
  }
  :host([theme='light']) { ${light} }
`;
