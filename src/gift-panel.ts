import { GiftPanel } from './components/gift-panel/gift-panel.js';

export { GiftPanel };
export type { Gift, GiftSendDetail, GiftRechargeDetail, GiftErrorDetail, GiftEffectContext, GiftEffectRenderer } from './components/gift-panel/gift-panel.js';

if (!customElements.get('gift-panel')) customElements.define('gift-panel', GiftPanel);

declare global {
  interface HTMLElementTagNameMap {
    'gift-panel': GiftPanel;
  }
}
