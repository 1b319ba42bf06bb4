import { BarrageLayer } from './components/barrage-layer/barrage-layer.js';
import { watchLang } from './internal/lang-updates.js';

export { BarrageLayer };
/** Fetch a language's words before the first render: `await preloadLanguage('zh-CN')`. */
export { preloadLanguage } from './internal/preload-language.js';

// Words follow `lang` changes on the element, an ancestor or the page.
BarrageLayer.addInitializer(watchLang);

// Guarded for server-side rendering and for a page that loads the kit twice.
if (typeof customElements !== 'undefined' && !customElements.get('barrage-layer')) customElements.define('barrage-layer', BarrageLayer);

declare global {
  interface HTMLElementTagNameMap {
    'barrage-layer': BarrageLayer;
  }
}
