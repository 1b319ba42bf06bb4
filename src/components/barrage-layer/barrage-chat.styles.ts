import { css } from 'lit';

/**
 * The light look of the panels (log, picker, menu, notice): custom properties only, so that the
 * same block serves `prefers-color-scheme: light` (unless `theme="dark"`) and `theme="light"`.
 * Comments and the input stay light-on-dark: they sit over video.
 */
const light = css`
  color-scheme: light;
  --barrage-surface: var(--live-color-surface, #f5f6f8);
  --barrage-on-surface: var(--live-color-on-surface, #15171c);
  --barrage-error-background: var(--live-color-error-surface, #fde2e6);
  --barrage-error-foreground: var(--live-color-on-error-surface, #5b1620);
`;

/**
 * The chat's look (input, emoji picker, log view, user menu, notice), adopted into the layer's
 * shadow root when the chat's code arrives (barrage-chat.ts). The comments' rules are in
 * barrage-layer.styles.ts.
 */
export const barrageChatStyles = css`
  :host {
    --barrage-accent: var(--live-color-accent, #c8102e);
    --barrage-on-accent: var(--live-color-on-accent, #fff);
    --barrage-field-background: rgb(0 0 0 / 62%);
    --barrage-field-foreground: #fff;
    --barrage-surface: var(--live-color-surface, #17181d);
    --barrage-on-surface: var(--live-color-on-surface, #f3f4f6);
    --barrage-error-background: var(--live-color-error-surface, #5b1620);
    --barrage-error-foreground: var(--live-color-on-error-surface, #ffe4e8);
    --barrage-radius: var(--live-radius, 12px);
  }
  /* No universal rule: the comments must not depend on inherited box-sizing (see barrage-layer.styles.ts). */
  .form, .form *, .log-panel, .log-panel *, .menu, .menu *, .notice, .notice * { box-sizing: border-box; }
  /* Font again on each wrapper: a page rule on the host (even all: unset !important) cannot reach past it. */
  .form, .log-panel, .menu, .notice { font-family: var(--barrage-font); font-size: 14px; line-height: normal; }

  /* ── input ── */
  .form {
    position: absolute;
    left: var(--barrage-gap);
    right: var(--barrage-gap);
    bottom: var(--barrage-gap);
    display: flex;
    gap: var(--barrage-gap);
    align-items: center;
    pointer-events: auto;
  }
  input {
    flex: 1;
    min-width: 0;
    font: inherit;
    padding: 8px 12px;
    border-radius: 999px;
    border: 1px solid rgb(255 255 255 / 35%);
    background: var(--barrage-field-background);
    color: var(--barrage-field-foreground);
  }
  input[aria-invalid='true'] { border-color: #ff8f9f; }
  input::placeholder { color: rgb(255 255 255 / 78%); }
  input:disabled::placeholder { color: #fff; opacity: 1; }
  button {
    font: inherit;
    border: 0;
    border-radius: 999px;
    padding: 8px 14px;
    cursor: pointer;
    white-space: nowrap;
    background: var(--barrage-field-background);
    color: var(--barrage-field-foreground);
  }
  button.send, button.primary { background: var(--barrage-accent); color: var(--barrage-on-accent); }
  button.emoji-toggle { padding: 8px 10px; line-height: 1; }
  button[aria-pressed='true'] { box-shadow: inset 0 0 0 2px var(--barrage-accent); }
  button:disabled, input:disabled { opacity: 0.6; cursor: not-allowed; }
  button:focus-visible, input:focus-visible, .log:focus-visible { outline: 2px solid var(--barrage-accent); outline-offset: 2px; }
  .counter {
    position: absolute;
    right: 0;
    bottom: calc(100% + 4px);
    padding: 2px 8px;
    border-radius: 999px;
    font-size: 12px;
    background: var(--barrage-surface);
    color: var(--barrage-on-surface);
  }
  .counter.over, .error { background: var(--barrage-error-background); color: var(--barrage-error-foreground); }
  .error {
    position: absolute;
    left: 0;
    bottom: calc(100% + 4px);
    max-width: calc(100% - 8rem);
    margin: 0;
    padding: 4px 10px;
    border-radius: 8px;
    font-size: 12px;
  }
  /* The mute reason is the input's placeholder; this copy is its accessible description. */
  .muted { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .emoji-picker {
    position: absolute;
    right: 0;
    bottom: calc(100% + 8px);
    display: grid;
    grid-template-columns: repeat(6, 2.5rem);
    gap: 4px;
    padding: var(--barrage-gap);
    border-radius: var(--barrage-radius);
    background: var(--barrage-surface);
    color: var(--barrage-on-surface);
    box-shadow: 0 8px 28px rgb(0 0 0 / 45%);
  }
  .emoji-picker button { padding: 0; width: 2.5rem; height: 2.5rem; font-size: 1.35rem; line-height: 1; background: transparent; color: inherit; border-radius: 8px; }
  .emoji-picker button:hover { background: rgb(127 127 127 / 22%); }

  /* ── log view ── */
  .log-panel {
    position: absolute;
    inset: var(--barrage-gap) var(--barrage-gap) calc(var(--_reserve, 48px) + var(--barrage-gap)) var(--barrage-gap);
    display: flex;
    flex-direction: column;
    pointer-events: auto;
    border-radius: var(--barrage-radius);
    background: var(--barrage-surface);
    color: var(--barrage-on-surface);
  }
  :host([no-input]) .log-panel { bottom: var(--barrage-gap); }
  .log { flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: var(--barrage-gap); display: flex; flex-direction: column; gap: 2px; border-radius: inherit; }
  .log .empty { margin: auto; opacity: 0.85; }
  .entry { line-height: 1.4; overflow-wrap: anywhere; }
  .entry .name { font-weight: 600; margin-right: 0.4em; }
  .entry button.name { padding: 0 4px; border-radius: 4px; background: transparent; color: inherit; text-decoration: underline dotted; }
  .entry.self .name { color: inherit; }
  .entry.self { box-shadow: inset 3px 0 0 var(--barrage-accent); padding-left: 6px; }
  .new-messages { position: absolute; left: 50%; bottom: var(--barrage-gap); transform: translateX(-50%); background: var(--barrage-accent); color: var(--barrage-on-accent); }

  /* ── menu and notice ── */
  .menu {
    position: absolute;
    z-index: 2;
    display: grid;
    gap: 6px;
    min-width: 12rem;
    max-width: 16rem;
    padding: var(--barrage-gap);
    border-radius: var(--barrage-radius);
    pointer-events: auto;
    background: var(--barrage-surface);
    color: var(--barrage-on-surface);
    box-shadow: 0 8px 28px rgb(0 0 0 / 45%);
  }
  .menu-title { margin: 0; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .menu button:not(.primary), .notice button { background: rgb(127 127 127 / 22%); color: inherit; }
  .notice {
    position: absolute;
    top: var(--barrage-gap);
    left: 50%;
    transform: translateX(-50%);
    display: flex;
    gap: var(--barrage-gap);
    align-items: center;
    padding: 4px 4px 4px 12px;
    border-radius: 999px;
    pointer-events: auto;
    background: var(--barrage-surface);
    color: var(--barrage-on-surface);
    white-space: nowrap;
  }
  .notice button { padding: 4px 12px; }

  /* Dark is the default; light follows the page's preference, and theme="light|dark" overrides it. */
  @media (prefers-color-scheme: light) {
    :host(:not([theme='dark'])) { ${light} }
  }
  :host([theme='light']) { ${light} }
`;
