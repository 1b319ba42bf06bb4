import { BarrageLayer } from './components/barrage-layer/barrage-layer.js';

export { BarrageLayer };

if (!customElements.get('barrage-layer')) customElements.define('barrage-layer', BarrageLayer);

declare global {
  interface HTMLElementTagNameMap {
    'barrage-layer': BarrageLayer;
  }
}
