import { css } from 'lit';

/**
 * The light look: custom properties only, so that the same block serves
 * `prefers-color-scheme: light` (unless `theme="dark"`) and `theme="light"`.
 */
const light = css`
  color-scheme: light;
  --call-panel-background: var(--live-color-surface, #f5f6f8);
  --call-panel-foreground: var(--live-color-on-surface, #15171c);
  --_lr-control: rgb(0 0 0 / 8%);
  --_lr-control-hover: rgb(0 0 0 / 14%);
  --_lr-field: #fff;
  --_lr-line: rgb(0 0 0 / 18%);
  --_lr-alert-background: #fde2e6;
  --_lr-alert-foreground: #5b1620;
  --_lr-warn-background: #ffe1cc;
  --_lr-warn-foreground: #5a2000;
  --_lr-bad: #b0102a;
  --_lr-option-foreground: inherit;
  --_lr-option-background: inherit;
  --_cp-waiting-background: #dfe2e8;
  --_cp-waiting-foreground: #15171c;
`;

export const callPanelStyles = css`
  :host {
    color-scheme: dark;
    --call-panel-background: var(--live-color-surface, #0e0f13);
    --call-panel-foreground: var(--live-color-on-surface, #f3f4f6);
    --call-panel-accent: var(--live-color-accent, #c8102e);
    --call-panel-accept: var(--live-color-success, #157a3e);
    --call-panel-danger: var(--live-color-danger, #c5221f);
    --call-panel-radius: var(--live-radius, 12px);
    --call-panel-gap: var(--live-space, 8px);
    --call-panel-font: var(--live-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --call-panel-min-height: 360px;
    --call-panel-mini-width: 220px;
    /* Private: the look of the internal parts' controls (shared with <live-room>'s parts). */
    --_lr-control: rgb(255 255 255 / 14%);
    --_lr-control-hover: rgb(255 255 255 / 22%);
    --_lr-field: rgb(0 0 0 / 35%);
    --_lr-line: rgb(255 255 255 / 22%);
    --_lr-alert-background: #5b1620;
    --_lr-alert-foreground: #ffe4e8;
    --_lr-warn-background: #7a2a00;
    --_lr-warn-foreground: #ffe7d6;
    --_lr-bad: #ff8f9f;
    --_lr-option-foreground: #15171c;
    --_lr-option-background: #fff;
    --_cp-waiting-background: #1d1f26;
    --_cp-waiting-foreground: inherit;
    --live-room-accent: var(--call-panel-accent);
    --live-room-background: var(--call-panel-background);
    display: block;
    position: relative;
    color: var(--call-panel-foreground);
    font-family: var(--call-panel-font);
    font-size: 14px;
    line-height: 1.4;
    box-sizing: border-box;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }

  /* Colour and font again on the wrapper: a page rule on the host (even all: unset !important) cannot reach past it. */
  .base { color: var(--call-panel-foreground); font-family: var(--call-panel-font); display: flex; flex-direction: column; gap: var(--call-panel-gap); background: var(--call-panel-background); border-radius: var(--call-panel-radius); padding: calc(var(--call-panel-gap) * 1.5); min-height: var(--call-panel-min-height); height: 100%; position: relative; }
  .base.is-minimised { background: none; padding: 0; min-height: 0; }
  .empty { margin: auto; text-align: center; opacity: 0.9; }
  h2 { margin: 0; font-size: 16px; font-weight: 600; }
  p { margin: 0; }

  button { font: inherit; border: 0; border-radius: 999px; padding: 8px 16px; cursor: pointer; background: var(--_lr-control); color: inherit; white-space: nowrap; }
  button:hover { background: var(--_lr-control-hover); }
  button:focus-visible, input:focus-visible { outline: 2px solid var(--call-panel-accent); outline-offset: 2px; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  button.primary, button.primary:hover { background: var(--call-panel-accent); color: #fff; }
  button.accept, button.accept:hover { background: var(--call-panel-accept); color: #fff; }
  button.danger, button.danger:hover { background: var(--call-panel-danger); color: #fff; }
  button.primary:hover, button.accept:hover, button.danger:hover { filter: brightness(1.1); }
  button[aria-pressed='true'] { box-shadow: inset 0 0 0 2px var(--call-panel-accent); }
  input { font: inherit; color: inherit; background: var(--_lr-field); border: 1px solid var(--_lr-line); border-radius: 8px; padding: 8px 10px; min-width: 0; width: 100%; }
  input[aria-invalid='true'] { border-color: #ff6b81; }

  .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

  /* Dialer */
  .dialer { display: grid; gap: var(--call-panel-gap); align-content: start; max-width: 420px; width: 100%; margin: auto; }
  .dialer label { font-size: 13px; font-weight: 600; }
  .hint { font-size: 12px; opacity: 0.85; }
  .field-error { font-size: 12px; color: var(--_lr-bad); }
  .why { font-size: 13px; padding: 6px 10px; border-radius: 8px; background: var(--_lr-control); }
  .row, .actions { display: flex; gap: var(--call-panel-gap); flex-wrap: wrap; align-items: center; }
  .actions { justify-content: center; }

  /* Cards: outgoing, incoming, ending */
  .card { margin: auto; display: grid; justify-items: center; text-align: center; gap: var(--call-panel-gap); padding: 16px 8px; max-width: 480px; width: 100%; }
  .avatar { width: 72px; height: 72px; border-radius: 50%; display: grid; place-items: center; font-size: 32px; font-weight: 600; background: var(--call-panel-accent); color: #fff; overflow: hidden; }
  .avatar img { width: 100%; height: 100%; object-fit: cover; }
  .name { font-size: 20px; overflow-wrap: anywhere; }
  .status { opacity: 0.9; }
  .countdown { font-variant-numeric: tabular-nums; font-size: 13px; opacity: 0.85; }
  .invitees { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; width: 100%; max-width: 320px; text-align: start; }
  .invitees li { display: flex; justify-content: space-between; gap: 8px; padding: 4px 10px; border-radius: 8px; background: var(--_lr-control); }
  .invitees .who { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .invitees .state { font-size: 12px; opacity: 0.9; white-space: nowrap; }
  .incoming .avatar { animation: pulse 1.6s ease-in-out infinite; }
  @keyframes pulse { 50% { box-shadow: 0 0 0 10px rgb(255 255 255 / 10%); } }
  @media (prefers-reduced-motion: reduce) { .incoming .avatar { animation: none; } }

  /* In a call: the stage's own rules are in call-stage.styles.ts, fetched with its code. */
  .stage { flex: 1; display: flex; flex-direction: column; gap: var(--call-panel-gap); min-height: 0; }
  .duration { font-variant-numeric: tabular-nums; padding: 2px 10px; border-radius: 999px; background: var(--_lr-control); font-size: 13px; }

  /* Ending */
  .end .reason { font-size: 18px; overflow-wrap: anywhere; }

  .error { display: flex; gap: 8px; align-items: center; padding: 8px 12px; border-radius: 8px; background: var(--_lr-alert-background); color: var(--_lr-alert-foreground); }
  .error span { flex: 1; overflow-wrap: anywhere; }
  .error button { padding: 2px 10px; }

  /* Dark is the default; light follows the page's preference, and theme="light|dark" overrides it. */
  @media (prefers-color-scheme: light) {
    :host(:not([theme='dark'])) { ${light} }
  }
  :host([theme='light']) { ${light} }
`;
