import { css } from 'lit';

/**
 * The light look: custom properties only, so that the same block serves
 * `prefers-color-scheme: light` (unless `theme="dark"`) and `theme="light"`.
 */
const light = css`
  color-scheme: light;
  --coanchor-queue-background: var(--live-color-surface, #f5f6f8);
  --coanchor-queue-foreground: var(--live-color-on-surface, #15171c);
  --coanchor-queue-item-background: var(--live-color-surface-raised, rgb(0 0 0 / 5%));
  --coanchor-queue-button-background: rgb(0 0 0 / 8%);
  --coanchor-queue-button-hover: rgb(0 0 0 / 14%);
  --coanchor-queue-error-background: var(--live-color-error-surface, #fde2e6);
  --coanchor-queue-error-foreground: var(--live-color-on-error-surface, #5b1620);
  --_cq-input-border: rgb(0 0 0 / 30%);
`;

export const coanchorQueueStyles = css`
  :host {
    color-scheme: dark;
    --coanchor-queue-background: var(--live-color-surface, #17181d);
    --coanchor-queue-foreground: var(--live-color-on-surface, #f3f4f6);
    --coanchor-queue-accent: var(--live-color-accent, #c8102e);
    --coanchor-queue-on-accent: var(--live-color-on-accent, #fff);
    --coanchor-queue-item-background: var(--live-color-surface-raised, rgb(255 255 255 / 6%));
    --coanchor-queue-button-background: rgb(255 255 255 / 14%);
    --coanchor-queue-button-hover: rgb(255 255 255 / 22%);
    --coanchor-queue-error-background: var(--live-color-error-surface, #5b1620);
    --coanchor-queue-error-foreground: var(--live-color-on-error-surface, #ffe4e8);
    --coanchor-queue-radius: var(--live-radius, 12px);
    --coanchor-queue-gap: var(--live-space, 8px);
    --coanchor-queue-font: var(--live-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    display: block;
    color: var(--coanchor-queue-foreground);
    font-family: var(--coanchor-queue-font);
    font-size: 14px;
    line-height: 1.4;
    box-sizing: border-box;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }

  .base {
    display: grid;
    gap: calc(var(--coanchor-queue-gap) * 1.5);
    padding: calc(var(--coanchor-queue-gap) * 1.5);
    background: var(--coanchor-queue-background);
    border-radius: var(--coanchor-queue-radius);
  }
  header { display: flex; align-items: baseline; gap: var(--coanchor-queue-gap); flex-wrap: wrap; }
  h2 { font-size: 15px; margin: 0; font-weight: 600; flex: 1; }
  h3 { font-size: 13px; margin: 0 0 4px; font-weight: 600; }
  section { display: grid; gap: 4px; }
  .seats { font-size: 12px; padding: 2px 10px; border-radius: 999px; background: var(--coanchor-queue-button-background); font-variant-numeric: tabular-nums; }
  .seats.full { background: var(--coanchor-queue-accent); color: var(--coanchor-queue-on-accent); }
  .note { margin: 0; font-size: 12px; }
  .muted { margin: 0; opacity: 0.8; }

  ul, ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
  li {
    display: flex;
    align-items: center;
    gap: var(--coanchor-queue-gap);
    flex-wrap: wrap;
    padding: 6px 8px;
    border-radius: calc(var(--coanchor-queue-radius) / 1.5);
    background: var(--coanchor-queue-item-background);
  }
  .name { flex: 1; min-width: 6em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 500; }
  .waited { font-size: 12px; opacity: 0.85; font-variant-numeric: tabular-nums; }
  .row { display: flex; gap: var(--coanchor-queue-gap); flex-wrap: wrap; align-items: center; }

  button {
    font: inherit;
    border: 0;
    border-radius: 999px;
    padding: 6px 14px;
    cursor: pointer;
    background: var(--coanchor-queue-button-background);
    color: inherit;
  }
  li button { padding: 4px 12px; font-size: 13px; }
  button:hover:not(:disabled) { background: var(--coanchor-queue-button-hover); }
  button.primary { background: var(--coanchor-queue-accent); color: var(--coanchor-queue-on-accent); }
  button.primary:hover:not(:disabled) { background: var(--coanchor-queue-accent); filter: brightness(1.12); }
  button:focus-visible, input:focus-visible { outline: 2px solid var(--coanchor-queue-accent); outline-offset: 2px; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  .request-button { font-variant-numeric: tabular-nums; }
  /* Waiting: not pressable, but the countdown must stay easy to read. */
  .request-button.pending:disabled { opacity: 1; cursor: default; box-shadow: inset 0 0 0 1px var(--coanchor-queue-accent); }

  form { display: flex; gap: var(--coanchor-queue-gap); flex-wrap: wrap; align-items: center; }
  label { font-size: 12px; }
  input {
    font: inherit;
    flex: 1;
    min-width: 8em;
    padding: 5px 10px;
    border-radius: 999px;
    border: 1px solid var(--_cq-input-border, rgb(255 255 255 / 30%));
    background: transparent;
    color: inherit;
  }

  .status { margin: 0; }
  .error {
    margin: 0;
    padding: 6px 10px;
    border-radius: 8px;
    background: var(--coanchor-queue-error-background);
    color: var(--coanchor-queue-error-foreground);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  /* Dark is the default; light follows the page's preference, and theme="light|dark" overrides it. */
  @media (prefers-color-scheme: light) {
    :host(:not([theme='dark'])) { ${light} }
  }
  :host([theme='light']) { ${light} }
  @media (forced-colors: active) {
    button, input, li { border: 1px solid CanvasText; }
  }
`;
