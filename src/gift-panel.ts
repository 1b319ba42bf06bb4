import { GiftPanel } from './components/gift-panel/gift-panel.js';

export { GiftPanel };

if (!customElements.get('gift-panel')) customElements.define('gift-panel', GiftPanel);

declare global {
  interface HTMLElementTagNameMap {
    'gift-panel': GiftPanel;
  }
}
