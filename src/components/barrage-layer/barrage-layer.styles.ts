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

export const barrageLayerStyles = css`
  :host {
    color-scheme: dark;
    --barrage-font: var(--live-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --barrage-color: #fff;
    --barrage-self-color: #ffd60a;
    --barrage-shadow: 0 0 1px #000, 0 0 2px #000, 0 0 3px rgb(0 0 0 / 80%);
    --barrage-badge-background: var(--live-color-accent, #c8102e);
    --barrage-badge-foreground: var(--live-color-on-accent, #fff);
    --barrage-accent: var(--live-color-accent, #c8102e);
    --barrage-on-accent: var(--live-color-on-accent, #fff);
    --barrage-field-background: rgb(0 0 0 / 62%);
    --barrage-field-foreground: #fff;
    --barrage-surface: var(--live-color-surface, #17181d);
    --barrage-on-surface: var(--live-color-on-surface, #f3f4f6);
    --barrage-error-background: var(--live-color-error-surface, #5b1620);
    --barrage-error-foreground: var(--live-color-on-error-surface, #ffe4e8);
    --barrage-radius: var(--live-radius, 12px);
    --barrage-gap: var(--live-space, 8px);
    display: block;
    position: absolute;
    inset: 0;
    /* An overlay: clicks go through to the stage except on comments and controls. */
    pointer-events: none;
    overflow: hidden;
    contain: strict;
    font-family: var(--barrage-font);
    font-size: 14px;
    box-sizing: border-box;
  }
  :host([hidden]) { display: none; }
  /*
   * No universal rule (like \`* { box-sizing: inherit }\`): explicit inheritance makes every
   * comment depend on its moving track's style, and Chrome would re-style them all each frame.
   */
  .form, .form *, .log-panel, .log-panel *, .menu, .menu *, .notice, .notice * { box-sizing: border-box; }
  /* Font again on each wrapper: a page rule on the host (even all: unset !important) cannot reach past it. */
  .form, .log-panel, .menu, .notice { font-family: var(--barrage-font); font-size: 14px; line-height: normal; }
  [hidden] { display: none !important; }

  /* ── comments ── */
  .lanes {
    position: absolute;
    inset: 0 0 var(--_reserve, 48px) 0;
    overflow: hidden;
    contain: strict;
    opacity: var(--_opacity, 1);
    font-family: var(--barrage-font);
  }
  .comment {
    position: absolute;
    left: 0;
    top: 0;
    height: var(--_lh);
    line-height: var(--_lh);
    font-size: var(--_fs);
    white-space: pre;
    color: var(--barrage-color);
    text-shadow: var(--barrage-shadow);
    pointer-events: auto;
    cursor: pointer;
    user-select: none;
    contain: layout style;
  }
  /* Scroll comments ride a moving track (one per speed): only tracks move, and only they get a layer. */
  .track { position: absolute; left: 0; top: 0; width: 0; height: 0; will-change: transform; }
  .comment.top, .comment.bottom { left: 50%; }
  .comment.self { color: var(--barrage-self-color); font-weight: 600; outline: 1px solid currentColor; outline-offset: -1px; border-radius: 4px; padding: 0; }
  /* The ×N badge of merged comments (a pseudo-element: comments have no child elements). */
  .comment[data-count]::after {
    content: attr(data-count);
    display: inline-block;
    margin-left: 0.25em;
    padding: 0 0.35em;
    border-radius: 999px;
    font-size: 0.75em;
    font-weight: 700;
    line-height: 1.45;
    vertical-align: 0.15em;
    text-shadow: none;
    background: var(--barrage-badge-background);
    color: var(--barrage-badge-foreground);
  }
  /* Reduced motion / static: a non-moving list, newest last. */
  .lanes.list { display: flex; flex-direction: column; align-items: flex-start; padding: 4px var(--barrage-gap); }
  .comment.in-list {
    position: static;
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    padding: 0 0.4em;
    border-radius: 6px;
    background: rgb(0 0 0 / 45%);
  }

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
