import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { liveRoomContext } from '../../context/live-room-context.js';
import { StoreController } from '../../context/store-controller.js';
import type { ChatLine, LiveRoomState, LiveRoomStore } from '../../core/store/live-room-store.js';
import { Limits } from '../../core/validation.js';
import { formatCountdown, Ticker } from '../../internal/countdown.js';
import { langOf, t } from '../../internal/strings.js';
import { barrageLayerStyles } from './barrage-layer.styles.js';

interface Flying {
  key: number;
  line: ChatLine;
  lane: number;
}

/**
 * On-screen comments over the stage: each room text message flies across in its own lane.
 * User text is rendered as text, never as HTML. While this user is muted (for a time, or by
 * "Mute everyone" when they are not the owner or an admin) the input is disabled and says why,
 * with a live countdown; it comes back by itself when the time passes or the mute is lifted.
 *
 * @summary Flying on-screen comments (danmaku) with a chat input, bound to the room's store.
 * @tag barrage-layer
 *
 * @csspart lanes - The area comments fly through.
 * @csspart comment - One flying comment.
 * @csspart form - The chat input row.
 * @csspart input - The text input.
 * @csspart send - The send button.
 * @csspart muted - Why the input is disabled (muted for a time, or everyone muted), with a countdown.
 *
 * @cssproperty --barrage-font-size - Comment font size.
 * @cssproperty --barrage-color - Comment colour.
 * @cssproperty --barrage-self-color - Colour of the viewer's own comments.
 * @cssproperty --barrage-duration - How long a comment takes to cross.
 */
export class BarrageLayer extends LitElement {
  static override styles = barrageLayerStyles;

  /** Number of lanes comments fly in. */
  @property({ type: Number }) lanes = 8;
  /** Hide the chat input. */
  @property({ type: Boolean, attribute: 'no-input' }) noInput = false;
  /** Most comments on screen at once; older ones are dropped first. */
  @property({ type: Number, attribute: 'max-visible' }) maxVisible = 60;

  @state() private flying: Flying[] = [];
  #messages = new StoreController<LiveRoomStore, LiveRoomState, readonly ChatLine[]>(this, liveRoomContext, (s) => s.messages);
  #phase = new StoreController<LiveRoomStore, LiveRoomState, LiveRoomState['phase']>(this, liveRoomContext, (s) => s.phase);
  /** Until when this user is muted (ms since epoch; 0 = not). */
  #mutedUntil = new StoreController<LiveRoomStore, LiveRoomState, number>(this, liveRoomContext, (s) => s.selfMutedUntil);
  /** "Mute everyone" is on and applies to this user (not the owner or an admin). */
  #mutedByAll = new StoreController<LiveRoomStore, LiveRoomState, boolean>(this, liveRoomContext, (s) => {
    const self = s.user?.userId;
    return s.mutedAll && !(self && (self === s.ownerId || s.admins.includes(self)));
  });
  #lastSeq = -1;
  #key = 0;
  #nextLane = 0;

  /** A store given directly wins over the one from `<live-room>`. */
  @property({ attribute: false })
  set store(store: LiveRoomStore | undefined) {
    this.#messages.setExplicit(store);
    this.#phase.setExplicit(store);
    this.#mutedUntil.setExplicit(store);
    this.#mutedByAll.setExplicit(store);
  }

  constructor() {
    super();
    new Ticker(this, () => [this.#mutedUntil.value]);
  }
  get store(): LiveRoomStore | undefined {
    return this.#messages.store;
  }

  protected override willUpdate(): void {
    const messages = this.#messages.value ?? [];
    if (this.#lastSeq < 0) {
      // Comments from before this layer appeared are not replayed.
      this.#lastSeq = messages.length ? messages[messages.length - 1].seq : 0;
      return;
    }
    const fresh = messages.filter((m) => m.seq > this.#lastSeq);
    if (fresh.length === 0) return;
    this.#lastSeq = fresh[fresh.length - 1].seq;
    const added = fresh.map((line) => ({ key: ++this.#key, line, lane: this.#nextLane++ % Math.max(1, this.lanes) }));
    this.flying = [...this.flying, ...added].slice(-this.maxVisible);
  }

  #done(key: number): void {
    this.flying = this.flying.filter((f) => f.key !== key);
  }

  async #send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.querySelector('input')!;
    const text = input.value.trim();
    if (!text || !this.store) return;
    try {
      await this.store.sendRoomTextMsg(text);
      input.value = '';
    } catch {
      // The store reports the error (live-error) and the room shows it.
    }
  }

  protected override render() {
    const inRoom = this.#phase.value === 'in-room';
    const lang = langOf(this);
    const left = (this.#mutedUntil.value ?? 0) - Date.now();
    const muted = inRoom && left > 0 ? t(lang, 'lrMutedFor', { time: formatCountdown(left) }) : inRoom && this.#mutedByAll.value ? t(lang, 'lrMutedAll') : '';
    const laneHeight = 100 / Math.max(1, this.lanes);
    return html`
      <div part="lanes" class="lanes" aria-hidden="true">
        ${repeat(
          this.flying,
          (f) => f.key,
          (f) => html`<span part="comment" class=${f.line.self ? 'comment self' : 'comment'} style="top:${(f.lane * laneHeight).toFixed(2)}%" @animationend=${() => this.#done(f.key)}>${f.line.from.nickname || f.line.from.userId}: ${f.line.text}</span>`,
        )}
      </div>
      ${this.noInput
        ? nothing
        : html`<form part="form" @submit=${this.#send}>
            <input
              part="input"
              name="text"
              autocomplete="off"
              maxlength=${Limits.textMessageBytes}
              ?disabled=${!inRoom || !!muted}
              placeholder=${muted || t(lang, 'lrSay')}
              aria-label=${t(lang, 'lrComment')}
              aria-describedby=${muted ? 'muted' : nothing}
            />
            <button part="send" ?disabled=${!inRoom || !!muted}>${t(lang, 'lrSend')}</button>
            ${muted ? html`<span id="muted" part="muted" class="muted">${muted}</span>` : nothing}
          </form>`}
    `;
  }
}
