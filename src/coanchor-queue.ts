import { CoanchorQueue } from './components/coanchor-queue/coanchor-queue.js';

export { CoanchorQueue };

if (!customElements.get('coanchor-queue')) customElements.define('coanchor-queue', CoanchorQueue);

declare global {
  interface HTMLElementTagNameMap {
    'coanchor-queue': CoanchorQueue;
  }
}
