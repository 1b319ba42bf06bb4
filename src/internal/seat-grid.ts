import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { canModerate, type LiveRoomState, type VoiceSeat } from '../core/store/live-room-types.js';
import type { LiveRoomStore } from '../core/store/live-room-store.js';
import { defineVideoTile } from './video-tile.js';
import { langOf, translator, type KeyOf } from './i18n.js';
import { commonStrings } from './strings/common.js';
import { seatGridStrings } from './strings/seat-grid.js';

const t = translator(commonStrings, seatGridStrings);
type StringKey = KeyOf<typeof t>;

/** Level (0–100) from which a seat counts as speaking. */
const SPEAKING = 8;

/**
 * The seats of a voice chat room: the host's seat and N seats with avatars, names, a speaking
 * ring driven by audio levels, mute badges, empty and locked seats. Listeners take a free seat by
 * request; the host locks, mutes, moves and clears seats. Each seated remote user's sound plays
 * through an invisible tile. Internal part of `<live-room>`.
 */
export class LiveSeatGrid extends LitElement {
  static override styles = css`
    :host { display: block; height: 100%; overflow: auto; }
    .grid { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; padding: 12px; }
    .host { grid-column: 1 / -1; justify-self: center; }
    .seat { display: grid; justify-items: center; gap: 4px; text-align: center; position: relative; }
    .avatar { width: 64px; height: 64px; border-radius: 50%; display: grid; place-items: center; font-size: 26px; background: var(--live-seat-background, rgb(255 255 255 / 12%)); color: inherit; border: 3px solid transparent; transition: border-color 120ms, box-shadow 120ms; }
    .host .avatar { width: 84px; height: 84px; font-size: 34px; }
    .taken .avatar { background: var(--live-color-accent, #c8102e); color: #fff; }
    .speaking .avatar { border-color: var(--live-seat-speaking, #34c759); box-shadow: 0 0 0 4px rgb(52 199 89 / 35%); }
    .name { font-size: 12px; max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .badge { position: absolute; top: 0; right: calc(50% - 40px); font-size: 14px; }
    button.avatar { cursor: pointer; font: inherit; font-size: 26px; }
    button:focus-visible { outline: 2px solid var(--live-color-accent, #c8102e); outline-offset: 2px; }
    button:disabled { cursor: not-allowed; opacity: 0.6; }
    .actions { display: flex; gap: 4px; flex-wrap: wrap; justify-content: center; }
    .actions button, .actions select { font: inherit; font-size: 11px; border: 0; border-radius: 999px; padding: 2px 8px; background: rgb(255 255 255 / 14%); color: inherit; cursor: pointer; }
    .player { position: absolute; width: 1px; height: 1px; overflow: hidden; opacity: 0; pointer-events: none; }
    @media (prefers-reduced-motion: reduce) { .avatar { transition: none; } }
  `;

  @property({ attribute: false }) store?: LiveRoomStore;
  @property({ attribute: false }) room?: LiveRoomState;
  @state() private error = '';

  override connectedCallback(): void {
    defineVideoTile();
    super.connectedCallback();
  }

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this), key, params);
  }

  async #run(action: () => Promise<unknown>): Promise<void> {
    this.error = '';
    try {
      await action();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  #nameOf(userId: string): string {
    const s = this.room!;
    if (userId === s.user?.userId) return this.#t('you');
    return s.anchors.find((a) => a.userId === userId)?.nickname || s.audience.find((a) => a.userId === userId)?.nickname || userId;
  }

  #renderSeat(seat: VoiceSeat) {
    const s = this.room!;
    const store = this.store!;
    const host = seat.index === 0;
    const self = s.user?.userId;
    const moderator = canModerate(s);
    const userId = seat.userId;
    const speaking = !!userId && (s.volumes[userId] ?? 0) >= SPEAKING && !seat.muted;
    const anchor = userId ? s.anchors.find((a) => a.userId === userId) : undefined;
    const micOff = seat.muted || (userId === self ? s.audioMuted : anchor ? !anchor.audio : false);
    const name = userId ? this.#nameOf(userId) : seat.locked ? this.#t('vrLocked') : this.#t('vrSeat', { n: seat.index });
    const label = userId ? `${name}${speaking ? `, ${this.#t('vrSpeaking')}` : ''}${micOff ? `, ${this.#t('vrMicOff')}` : ''}` : name;
    const classes = ['seat', host ? 'host' : '', userId ? 'taken' : '', speaking ? 'speaking' : '', seat.locked ? 'locked' : ''].join(' ');
    const canRequest = !userId && !seat.locked && !host && s.role !== 'anchor' && s.coanchor.self.state !== 'requesting';
    const freeSeats = s.seats.filter((x) => x.index > 0 && !x.userId && !x.locked);
    return html`<div
      class=${classes}
      part=${`seat${speaking ? ' speaking' : ''}${userId ? ' taken' : ''}`}
      data-seat=${seat.index}
      data-user-id=${userId ?? nothing}
      ?data-speaking=${speaking}
      role="group"
      aria-label=${label}
    >
      ${!userId && !host && !moderator
        ? html`<button class="avatar" part="take" ?disabled=${!canRequest} aria-label=${seat.locked ? this.#t('vrLocked') : this.#t('vrTake', { n: seat.index })} @click=${() => this.#run(() => store.requestSeat(seat.index))}>${seat.locked ? '🔒' : '+'}</button>`
        : html`<div class="avatar" aria-hidden="true">${userId ? name.trim().charAt(0).toUpperCase() : seat.locked ? '🔒' : '·'}</div>`}
      ${micOff && userId ? html`<span class="badge" part="mute-badge" aria-hidden="true">🔇</span>` : nothing}
      <span class="name" part="seat-name">${name}</span>
      ${userId && userId !== self ? html`<live-video-tile class="player" .store=${store} user-id=${userId}></live-video-tile>` : nothing}
      ${moderator && !host
        ? html`<div class="actions" part="seat-actions">
            <button @click=${() => this.#run(() => store.lockSeat(seat.index, !seat.locked))}>${seat.locked ? this.#t('vrUnlock') : this.#t('vrLock')}</button>
            <button @click=${() => this.#run(() => store.muteSeat(seat.index, !seat.muted))}>${seat.muted ? this.#t('vrUnmuteSeat') : this.#t('vrMuteSeat')}</button>
            ${userId
              ? html`<button @click=${() => this.#run(() => store.clearSeat(seat.index))}>${this.#t('vrClear')}</button>
                  ${freeSeats.length
                    ? html`<select aria-label=${this.#t('vrMove')} @change=${(e: Event) => this.#run(() => store.moveSeat(seat.index, Number((e.target as HTMLSelectElement).value)))}>
                        <option value="">${this.#t('vrMove')}</option>
                        ${freeSeats.map((x) => html`<option value=${x.index}>${this.#t('vrSeat', { n: x.index })}</option>`)}
                      </select>`
                    : nothing}`
              : nothing}
          </div>`
        : nothing}
    </div>`;
  }

  protected override render() {
    const s = this.room;
    if (!s || !this.store) return nothing;
    const seats = s.seats.length ? s.seats : [{ index: 0, userId: s.ownerId, locked: false, muted: false }];
    const hostSeat = { ...seats[0], userId: seats[0].userId ?? s.ownerId };
    return html`<div class="grid" part="seats" role="list" aria-label=${this.#t('vrSeats')}>
        <div role="listitem" class="host">${this.#renderSeat(hostSeat)}</div>
        ${seats.slice(1).map((seat) => html`<div role="listitem">${this.#renderSeat(seat)}</div>`)}
      </div>
      ${this.error ? html`<p part="seat-error" role="alert">${this.error}</p>` : nothing}`;
  }
}

export function defineSeatGrid(): void {
  if (!customElements.get('live-seat-grid')) customElements.define('live-seat-grid', LiveSeatGrid);
}

declare global {
  interface HTMLElementTagNameMap {
    'live-seat-grid': LiveSeatGrid;
  }
}
