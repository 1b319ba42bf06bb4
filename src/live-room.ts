import { LiveRoom } from './components/live-room/live-room.js';
import { watchLang } from './internal/lang-updates.js';

export { LiveRoom };
/** Fetch a language's words before the first render: `await preloadLanguage('zh-CN')`. */
export { preloadLanguage } from './internal/preload-language.js';

// Words follow `lang` changes on the element, an ancestor or the page.
LiveRoom.addInitializer(watchLang);

// Guarded for server-side rendering and for a page that loads the kit twice.
if (typeof customElements !== 'undefined' && !customElements.get('live-room')) customElements.define('live-room', LiveRoom);

declare global {
  interface HTMLElementTagNameMap {
    'live-room': LiveRoom;
  }
}
