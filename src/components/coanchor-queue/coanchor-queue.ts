import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { liveRoomContext } from '../../context/live-room-context.js';
import { StoreController } from '../../context/store-controller.js';
import type { LiveRoomState, LiveRoomStore } from '../../core/store/live-room-store.js';
import { langOf } from '../../internal/strings.js';
import { panelStyles } from '../../internal/panel-styles.js';

/**
 * Who is on the stage of the room: the anchor and co-anchors, from the room's store.
 *
 * @summary The room's stage members (first cut; the co-anchor queue, requests and seats follow).
 * @tag coanchor-queue
 *
 * @csspart base - The panel.
 * @csspart heading - The panel's title.
 * @csspart list - The list of people on stage.
 * @csspart item - One person on stage.
 */
export class CoanchorQueue extends LitElement {
  static override styles = panelStyles;

  #anchors = new StoreController<LiveRoomStore, LiveRoomState, LiveRoomState['anchors']>(this, liveRoomContext, (s) => s.anchors);

  /** A store given directly wins over the one from `<live-room>`. */
  @property({ attribute: false })
  set store(store: LiveRoomStore | undefined) {
    this.#anchors.setExplicit(store);
  }
  get store(): LiveRoomStore | undefined {
    return this.#anchors.store;
  }

  protected override render() {
    const zh = langOf(this).toLowerCase().startsWith('zh');
    const anchors = this.#anchors.value ?? [];
    return html`<section part="base" class="base">
      <h2 part="heading">${zh ? '连麦席位' : 'On stage'}</h2>
      ${anchors.length === 0
        ? html`<p class="muted">${zh ? '暂无主播' : 'Nobody on stage yet.'}</p>`
        : html`<ul part="list">${anchors.map((a) => html`<li part="item">${a.nickname || a.userId}</li>`)}</ul>`}
    </section>`;
  }
}
