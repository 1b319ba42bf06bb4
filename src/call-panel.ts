import { CallPanel } from './components/call-panel/call-panel.js';

export { CallPanel };

if (!customElements.get('call-panel')) customElements.define('call-panel', CallPanel);

declare global {
  interface HTMLElementTagNameMap {
    'call-panel': CallPanel;
  }
}
