import { css } from '@lit/reactive-element';

export const barrageLayerStyles = css`
  :host {
    color-scheme: dark;
    --barrage-font: var(--live-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --barrage-color: #fff;
    --barrage-self-color: #ffd60a;
    --barrage-shadow: 0 0 1px #000, 0 0 2px #000, 0 0 3px rgb(0 0 0 / 80%);
    --barrage-badge-background: var(--live-color-accent, #c8102e);
    --barrage-badge-foreground: var(--live-color-on-accent, #fff);
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
   * The chat's rules (input, log, menus) are in barrage-chat.styles.ts, fetched with its code.
   */
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
`;
