import { css } from 'lit';

export const barrageLayerStyles = css`
  :host {
    --barrage-font-size: 18px;
    --barrage-color: #fff;
    --barrage-self-color: var(--live-color-accent, #ffd60a);
    --barrage-duration: 8s;
    --barrage-area: 0.75;
    display: block;
    position: absolute;
    inset: 0;
    pointer-events: none;
    overflow: hidden;
    font-family: var(--live-font, system-ui, sans-serif);
    contain: strict;
  }
  .lanes { position: absolute; inset: 0 0 48px 0; }
  .comment {
    position: absolute;
    left: 100%;
    white-space: pre;
    font-size: var(--barrage-font-size);
    line-height: 1.3;
    color: var(--barrage-color);
    text-shadow: 0 0 2px #000, 0 0 4px #000;
    will-change: transform;
    animation: fly var(--barrage-duration) linear forwards;
  }
  .comment.self { color: var(--barrage-self-color); font-weight: 600; }
  @keyframes fly { from { transform: translateX(0); } to { transform: translateX(calc(-100cqw - 100%)); } }
  .lanes { container-type: inline-size; }
  form { position: absolute; left: 8px; right: 8px; bottom: 8px; display: flex; gap: 8px; pointer-events: auto; }
  input { flex: 1; min-width: 0; font: inherit; padding: 8px 12px; border-radius: 999px; border: 1px solid rgb(255 255 255 / 25%); background: rgb(0 0 0 / 45%); color: #fff; }
  button { font: inherit; border: 0; border-radius: 999px; padding: 8px 16px; background: var(--live-color-accent, #c8102e); color: #fff; cursor: pointer; }
  button:disabled, input:disabled { opacity: 0.5; cursor: not-allowed; }
  input:disabled::placeholder { color: #fff; opacity: 1; }
  /* The reason is the input's placeholder; this copy is its accessible description. */
  .muted { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @media (prefers-reduced-motion: reduce) {
    .comment { animation: none; position: static; display: block; }
    .lanes { display: flex; flex-direction: column; justify-content: flex-end; padding: 8px; overflow: hidden; }
  }
`;
