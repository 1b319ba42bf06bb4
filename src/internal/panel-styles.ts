import { css } from 'lit';

/** Base look shared by the kit's panels (tokens with fallbacks; nothing global). */
export const panelStyles = css`
  :host {
    display: block;
    font-family: var(--live-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    color: var(--live-color-on-surface, #f3f4f6);
    box-sizing: border-box;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  .base { background: var(--live-color-surface, #17181d); border-radius: var(--live-radius, 12px); padding: var(--live-space, 8px); display: grid; gap: var(--live-space, 8px); }
  h2 { font-size: 14px; margin: 0; font-weight: 600; }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
  button { font: inherit; border: 0; border-radius: 999px; padding: 6px 14px; cursor: pointer; background: rgb(255 255 255 / 14%); color: inherit; }
  button:focus-visible { outline: 2px solid var(--live-color-accent, #c8102e); outline-offset: 2px; }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  .muted { opacity: 0.75; }
`;
