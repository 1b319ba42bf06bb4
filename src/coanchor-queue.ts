import { CoanchorQueue } from './components/coanchor-queue/coanchor-queue.js';
import { watchLang } from './internal/lang-updates.js';

export { CoanchorQueue };
/** Fetch a language's words before the first render: `await preloadLanguage('zh-CN')`. */
export { preloadLanguage } from './internal/preload-language.js';

// Words follow `lang` changes on the element, an ancestor or the page.
CoanchorQueue.addInitializer(watchLang);

// Guarded for server-side rendering and for a page that loads the kit twice.
if (typeof customElements !== 'undefined' && !customElements.get('coanchor-queue')) customElements.define('coanchor-queue', CoanchorQueue);

declare global {
  interface HTMLElementTagNameMap {
    'coanchor-queue': CoanchorQueue;
  }
}
