import { LiveRoom } from './components/live-room/live-room.js';

export { LiveRoom };

if (!customElements.get('live-room')) customElements.define('live-room', LiveRoom);

declare global {
  interface HTMLElementTagNameMap {
    'live-room': LiveRoom;
  }
}
