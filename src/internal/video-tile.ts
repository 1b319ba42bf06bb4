import { css, html, LitElement, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';

/**
 * What a remote tile needs to play someone into its `<video>`: a `LiveRoomStore` is one, and
 * `<call-panel>` gives an adapter over `CallStore.startRemoteView` / `stopRemoteView`.
 */
export interface VideoPlayer {
  startPlay(userId: string, view: HTMLVideoElement): Promise<void>;
  stopPlay(userId: string): void;
}

/**
 * One person on the stage: their video, or a placeholder with their initial when there is none.
 * Remote tiles ask their player (the store) to play into their `<video>`; the local tile shows a
 * stream. Internal part of `<live-room>` and `<call-panel>`; not a public tag.
 */
export class LiveVideoTile extends LitElement {
  static override styles = css`
    :host { position: relative; display: block; overflow: hidden; background: var(--live-tile-background, #111); border-radius: var(--live-tile-radius, 8px); min-height: 0; }
    video { width: 100%; height: 100%; object-fit: cover; display: block; }
    video.mirror { transform: scaleX(-1); }
    video.off { opacity: 0; }
    .placeholder { position: absolute; inset: 0; display: grid; place-items: center; color: #fff; }
    .initial { width: 64px; height: 64px; border-radius: 50%; display: grid; place-items: center; font-size: 28px; background: var(--live-color-accent, #6b5cff); }
    .label { position: absolute; left: 8px; top: 8px; padding: 2px 8px; border-radius: 999px; background: rgb(0 0 0 / 55%); color: #fff; font-size: 12px; max-width: calc(100% - 16px); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      :host([speaking]) { box-shadow: inset 0 0 0 3px var(--live-tile-speaking, #34c759); }
  `;

  @property({ attribute: false }) store?: VideoPlayer;
  @property({ attribute: 'user-id' }) userId = '';
  @property() label = '';
  @property({ type: Boolean, attribute: 'has-video' }) hasVideo = false;
  @property({ type: Boolean }) mirror = false;
  /** Lit while this person is speaking (audio volume evaluation). */
  @property({ type: Boolean, reflect: true }) speaking = false;
  /** For the local tile: the stream to show (always muted). */
  @property({ attribute: false }) stream?: MediaStream;
  @property({ attribute: false }) placeholderText = '';

  @query('video') private video!: HTMLVideoElement;
  #playing?: { store: VideoPlayer; userId: string };

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('stream') && this.stream !== undefined) {
      this.video.muted = true;
      this.video.srcObject = this.stream;
      void this.video.play().catch(() => undefined);
    }
    if (!this.stream && (changed.has('store') || changed.has('userId'))) this.#replay();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#replay();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
  }

  #replay(): void {
    if (this.#playing && this.#playing.store === this.store && this.#playing.userId === this.userId) return;
    this.#stop();
    if (!this.store || !this.userId || !this.video) return;
    this.#playing = { store: this.store, userId: this.userId };
    void this.store.startPlay(this.userId, this.video).catch(() => undefined);
  }

  #stop(): void {
    if (!this.#playing) return;
    this.#playing.store.stopPlay(this.#playing.userId);
    this.#playing = undefined;
  }

  protected override render() {
    const initial = (this.label || this.userId || '?').trim().charAt(0).toUpperCase();
    return html`
      <video part="video" class=${`${this.mirror ? 'mirror' : ''} ${this.hasVideo ? '' : 'off'}`} playsinline autoplay data-user-id=${this.userId}></video>
      ${this.hasVideo
        ? null
        : html`<div class="placeholder" part="placeholder"><div class="initial" aria-hidden="true">${initial}</div></div>`}
      <span class="label" part="label">${this.label || this.userId}${this.hasVideo ? '' : this.placeholderText ? ` · ${this.placeholderText}` : ''}</span>
    `;
  }
}

/** Registers the tile on first use (called by the elements that render it). */
export function defineVideoTile(): void {
  if (!customElements.get('live-video-tile')) customElements.define('live-video-tile', LiveVideoTile);
}

declare global {
  interface HTMLElementTagNameMap {
    'live-video-tile': LiveVideoTile;
  }
}
