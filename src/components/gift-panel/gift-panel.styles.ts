import { css } from 'lit';

/**
 * The light look: custom properties only, so that the same block serves
 * `prefers-color-scheme: light` (unless `theme="dark"`) and `theme="light"`.
 */
const light = css`
  color-scheme: light;
  --gift-panel-sheet-background: var(--live-color-surface, #f5f6f8);
  --gift-panel-sheet-foreground: var(--live-color-on-surface, #15171c);
  --gift-panel-item-background: var(--live-color-surface-raised, rgb(0 0 0 / 6%));
  --gift-panel-error-background: var(--live-color-error-surface, #fde2e6);
  --gift-panel-error-foreground: var(--live-color-on-error-surface, #5b1620);
`;

export const giftPanelStyles = css`
  :host {
    --gift-panel-foreground: #fff;
    --gift-panel-accent: var(--live-color-accent, #c8102e);
    --gift-panel-on-accent: var(--live-color-on-accent, #fff);
    --gift-panel-sheet-background: var(--live-color-surface, #17181d);
    --gift-panel-sheet-foreground: var(--live-color-on-surface, #f3f4f6);
    --gift-panel-item-background: var(--live-color-surface-raised, rgb(255 255 255 / 8%));
    --gift-panel-control-background: rgb(0 0 0 / 45%);
    --gift-panel-banner-background: linear-gradient(90deg, rgb(0 0 0 / 62%), rgb(0 0 0 / 18%));
    --gift-panel-heart-color: #ff3b6b;
    --gift-panel-error-background: var(--live-color-error-surface, #5b1620);
    --gift-panel-error-foreground: var(--live-color-on-error-surface, #ffe4e8);
    --gift-panel-radius: var(--live-radius, 12px);
    --gift-panel-gap: var(--live-space, 8px);
    --gift-panel-font: var(--live-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --gift-panel-inset-bottom: 56px;
    --gift-panel-banner-top: 38%;
    display: block;
    position: absolute;
    inset: 0;
    /* An overlay: clicks go through to the stage except on the controls. */
    pointer-events: none;
    overflow: hidden;
    contain: strict;
    font-family: var(--gift-panel-font);
    font-size: 14px;
    line-height: 1.35;
    color: var(--gift-panel-foreground);
    box-sizing: border-box;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  /* Colour and font again on the wrapper: a page rule on the host (even all: unset !important) cannot reach past it. */
  .base { position: absolute; inset: 0; container-type: size; color: var(--gift-panel-foreground); font-family: var(--gift-panel-font); }
  .sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
  .icon { display: inline-block; line-height: 1; font-size: 1.5em; }
  img.icon { width: 1.5em; height: 1.5em; object-fit: contain; }

  button {
    font: inherit;
    color: inherit;
    border: 0;
    cursor: pointer;
    pointer-events: auto;
  }
  button:focus-visible { outline: 2px solid var(--gift-panel-accent); outline-offset: 2px; }
  button:disabled { opacity: 0.5; cursor: not-allowed; }

  /* ───── controls ───── */
  .controls {
    position: absolute;
    right: var(--gift-panel-gap);
    bottom: var(--gift-panel-inset-bottom);
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--gift-panel-gap);
    z-index: 3;
  }
  .round {
    width: 44px;
    height: 44px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--gift-panel-control-background);
    font-size: 22px;
  }
  .round:hover:not(:disabled) { filter: brightness(1.25); }
  .like svg { width: 24px; height: 24px; fill: var(--gift-panel-heart-color); }
  .like:active:not(:disabled) svg { transform: scale(0.88); }
  .like-wrap { display: grid; justify-items: center; gap: 2px; }
  .like-count { font-size: 12px; font-variant-numeric: tabular-nums; text-shadow: 0 0 3px #000; }
  .gift-button ::slotted(*) { font-size: 22px; }

  .combo {
    position: relative;
    width: 64px;
    height: 64px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--gift-panel-accent);
    color: var(--gift-panel-on-accent);
    font-size: 18px;
    box-shadow: 0 4px 14px rgb(0 0 0 / 35%);
  }
  .combo:active:not(:disabled) { transform: scale(0.94); }
  .combo .icon { font-size: 22px; margin-top: -10px; }
  .combo-count { position: absolute; bottom: 8px; font-size: 13px; font-weight: 700; font-variant-numeric: tabular-nums; }
  .ring { position: absolute; inset: -4px; width: calc(100% + 8px); height: calc(100% + 8px); transform: rotate(-90deg); pointer-events: none; }
  .ring circle { fill: none; stroke-width: 3; }
  .ring .track { stroke: rgb(255 255 255 / 25%); }
  .ring .fill { stroke: #fff; stroke-dasharray: 100; stroke-dashoffset: 0; animation: gp-ring 3s linear forwards; }
  .ring.still .fill { animation: none; }
  @keyframes gp-ring { to { stroke-dashoffset: 100; } }

  .toast {
    max-width: 220px;
    padding: 6px 10px;
    border-radius: calc(var(--gift-panel-radius) / 1.5);
    background: var(--gift-panel-error-background);
    color: var(--gift-panel-error-foreground);
    font-size: 12px;
  }

  /* ───── sheet ───── */
  .sheet {
    position: absolute;
    left: var(--gift-panel-gap);
    right: calc(var(--gift-panel-gap) * 2 + 64px);
    bottom: var(--gift-panel-inset-bottom);
    max-height: calc(100% - var(--gift-panel-inset-bottom) - var(--gift-panel-gap) * 2);
    overflow: auto;
    display: grid;
    gap: var(--gift-panel-gap);
    padding: calc(var(--gift-panel-gap) * 1.5);
    border-radius: var(--gift-panel-radius);
    background: var(--gift-panel-sheet-background);
    color: var(--gift-panel-sheet-foreground);
    box-shadow: 0 8px 28px rgb(0 0 0 / 40%);
    pointer-events: auto;
    z-index: 4;
    animation: gp-sheet-in 180ms ease-out;
  }
  @keyframes gp-sheet-in { from { opacity: 0; transform: translateY(12px); } }
  .sheet-header { display: flex; align-items: center; gap: var(--gift-panel-gap); }
  h2 { font-size: 15px; margin: 0; font-weight: 600; flex: 1; }
  .balance { font-size: 12px; padding: 2px 10px; border-radius: 999px; background: var(--gift-panel-item-background); font-variant-numeric: tabular-nums; }
  .close { width: 32px; height: 32px; border-radius: 50%; background: var(--gift-panel-item-background); }
  .catalog { display: grid; grid-template-columns: repeat(auto-fill, minmax(84px, 1fr)); gap: 6px; }
  .gift {
    display: grid;
    justify-items: center;
    gap: 2px;
    padding: 8px 4px;
    border-radius: calc(var(--gift-panel-radius) / 1.5);
    background: var(--gift-panel-item-background);
    border: 2px solid transparent;
    min-width: 0;
  }
  .gift .icon { font-size: 28px; }
  .gift[aria-pressed='true'] { border-color: var(--gift-panel-accent); }
  .gift-name { font-size: 12px; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .price { font-size: 11px; opacity: 0.8; }
  .status { margin: 0; opacity: 0.85; font-size: 13px; }
  .error {
    display: flex;
    align-items: center;
    gap: var(--gift-panel-gap);
    flex-wrap: wrap;
    padding: 8px 12px;
    border-radius: calc(var(--gift-panel-radius) / 1.5);
    background: var(--gift-panel-error-background);
    color: var(--gift-panel-error-foreground);
  }
  .error span { flex: 1; min-width: 10em; }
  .recharge { padding: 4px 12px; border-radius: 999px; background: var(--gift-panel-accent); color: var(--gift-panel-on-accent); }
  .footer { display: flex; align-items: center; gap: var(--gift-panel-gap); flex-wrap: wrap; }
  .quantities { display: flex; align-items: center; gap: 4px; flex-wrap: wrap; flex: 1; }
  .label { font-size: 12px; opacity: 0.85; margin-right: 4px; }
  .quantity { padding: 4px 10px; border-radius: 999px; background: var(--gift-panel-item-background); font-variant-numeric: tabular-nums; border: 1px solid transparent; }
  .quantity[aria-pressed='true'] { border-color: var(--gift-panel-accent); font-weight: 600; }
  .send { padding: 8px 20px; border-radius: 999px; background: var(--gift-panel-accent); color: var(--gift-panel-on-accent); font-weight: 600; }

  /* ───── banners ───── */
  .banners {
    position: absolute;
    left: var(--gift-panel-gap);
    top: var(--gift-panel-banner-top);
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 6px;
    max-width: min(75%, 360px);
    z-index: 2;
  }
  .banner {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 12px 4px 4px;
    border-radius: 999px;
    background: var(--gift-panel-banner-background);
    text-shadow: 0 0 2px rgb(0 0 0 / 60%);
    animation: gp-banner-in 320ms ease-out;
  }
  .banner.self { box-shadow: inset 0 0 0 1px var(--gift-panel-accent); }
  .banner.leaving { animation: gp-banner-out 300ms ease-in forwards; }
  .avatar { flex: none; width: 32px; height: 32px; border-radius: 50%; display: grid; place-items: center; background: var(--gift-panel-accent); color: var(--gift-panel-on-accent); font-weight: 700; }
  .banner-text { display: grid; min-width: 0; line-height: 1.2; }
  .who { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .what { font-size: 12px; opacity: 0.9; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .banner .icon { font-size: 28px; flex: none; }
  .banner-count { font-size: 20px; font-weight: 800; font-style: italic; color: #ffd60a; font-variant-numeric: tabular-nums; animation: gp-pop 260ms ease-out; white-space: nowrap; }
  @keyframes gp-banner-in { from { opacity: 0; transform: translateX(-40px); } }
  @keyframes gp-banner-out { to { opacity: 0; transform: translateX(-24px); } }
  @keyframes gp-pop { from { transform: scale(1.6); } }

  /* ───── effects ───── */
  .effects { position: absolute; inset: 0; z-index: 1; }
  .effect.custom { position: absolute; inset: 0; }
  .canvas { position: absolute; inset: 0; }
  .float { position: absolute; bottom: 18%; font-size: 30px; animation: gp-float 2.8s ease-out forwards; }
  @keyframes gp-float {
    from { opacity: 0; transform: translateY(0) scale(0.6); }
    15% { opacity: 1; transform: translateY(-8cqh) scale(1); }
    to { opacity: 0; transform: translateY(-55cqh) translateX(4cqw) scale(1.1); }
  }
  .burst { position: absolute; left: 50%; top: 45%; width: 0; height: 0; display: grid; place-items: center; animation: gp-burst-host 1.6s linear forwards; }
  .burst .icon { position: absolute; font-size: 72px; animation: gp-burst 1.6s cubic-bezier(0.2, 0.8, 0.3, 1) forwards; }
  .spark {
    position: absolute;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: #ffd60a;
    transform: rotate(calc(var(--i) * 45deg)) translateY(0);
    animation: gp-spark 1s ease-out forwards;
  }
  @keyframes gp-burst-host { to { opacity: 1; } }
  @keyframes gp-burst {
    from { transform: scale(0.2); opacity: 0; }
    30% { transform: scale(1.25); opacity: 1; }
    75% { transform: scale(1); opacity: 1; }
    to { transform: scale(1.4); opacity: 0; }
  }
  @keyframes gp-spark { to { transform: rotate(calc(var(--i) * 45deg)) translateY(-110px); opacity: 0; } }
  .fullscreen {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    align-content: center;
    gap: 12px;
    background: radial-gradient(circle at 50% 45%, rgb(255 214 10 / 28%), rgb(0 0 0 / 0%) 65%);
    animation: gp-full 2.8s ease-in-out forwards;
  }
  .full-icon .icon { font-size: min(34cqw, 160px); display: block; animation: gp-full-icon 2.8s cubic-bezier(0.3, 0.7, 0.4, 1) forwards; }
  .full-text { margin: 0; padding: 4px 14px; border-radius: 999px; background: rgb(0 0 0 / 45%); font-size: 16px; font-weight: 600; text-align: center; max-width: 90%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  @keyframes gp-full { from { opacity: 0; } 12% { opacity: 1; } 80% { opacity: 1; } to { opacity: 0; } }
  @keyframes gp-full-icon {
    from { transform: translate(-60cqw, 30cqh) rotate(-20deg) scale(0.6); }
    35% { transform: translate(0, 0) rotate(0) scale(1.1); }
    70% { transform: translate(0, -2cqh) scale(1); }
    to { transform: translate(60cqw, -40cqh) rotate(15deg) scale(0.7); }
  }

  /* ───── hearts ───── */
  .hearts { position: absolute; right: var(--gift-panel-gap); bottom: calc(var(--gift-panel-inset-bottom) + 96px); width: 44px; height: 45%; z-index: 2; }
  .heart {
    position: absolute;
    bottom: 0;
    left: 10px;
    width: 24px;
    height: 24px;
    animation: gp-heart 2s ease-out forwards;
  }
  .heart svg { width: 100%; height: 100%; fill: var(--gift-panel-heart-color); filter: hue-rotate(var(--hue, 0deg)) drop-shadow(0 0 2px rgb(0 0 0 / 40%)); }
  @keyframes gp-heart {
    from { opacity: 0; transform: translate(0, 0) scale(0.4); }
    15% { opacity: 1; transform: translate(calc(var(--drift) * 0.3), -15%) scale(1); }
    to { opacity: 0; transform: translate(var(--drift), -1200%) scale(1.15); }
  }

  @media (prefers-reduced-motion: reduce) {
    .sheet { animation: none; }
    .banner { animation: gp-fade-in 200ms linear; }
    .banner.leaving { animation: gp-fade-out 300ms linear forwards; }
    .banner-count { animation: none; }
    .effect, .heart { display: none; }
    .ring .fill { animation: none; }
  }
  @keyframes gp-fade-in { from { opacity: 0; } }
  @keyframes gp-fade-out { to { opacity: 0; } }

  /* Dark is the default; light follows the page's preference, and theme="light|dark" overrides it. */
  @media (prefers-color-scheme: light) {
    :host(:not([theme='dark'])) { ${light} }
  }
  :host([theme='light']) { ${light} }
`;
