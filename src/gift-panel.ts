import { GiftPanel } from './components/gift-panel/gift-panel.js';
import { watchLang } from './internal/lang-updates.js';

export { GiftPanel };
/** Fetch a language's words before the first render: `await preloadLanguage('zh-CN')`. */
export { preloadLanguage } from './internal/preload-language.js';
export type { Gift, GiftSendDetail, GiftRechargeDetail, GiftErrorDetail, GiftEffectContext, GiftEffectRenderer } from './components/gift-panel/gift-panel.js';

// Words follow `lang` changes on the element, an ancestor or the page.
GiftPanel.addInitializer(watchLang);

// Guarded for server-side rendering and for a page that loads the kit twice.
if (typeof customElements !== 'undefined' && !customElements.get('gift-panel')) customElements.define('gift-panel', GiftPanel);

declare global {
  interface HTMLElementTagNameMap {
    'gift-panel': GiftPanel;
  }
}
