import { CallPanel } from './components/call-panel/call-panel.js';
import { watchLang } from './internal/lang-updates.js';

export { CallPanel };
/** Fetch a language's words before the first render: `await preloadLanguage('zh-CN')`. */
export { preloadLanguage } from './internal/preload-language.js';

// Words follow `lang` changes on the element, an ancestor or the page.
CallPanel.addInitializer(watchLang);

// Guarded for server-side rendering and for a page that loads the kit twice.
if (typeof customElements !== 'undefined' && !customElements.get('call-panel')) customElements.define('call-panel', CallPanel);

declare global {
  interface HTMLElementTagNameMap {
    'call-panel': CallPanel;
  }
}
