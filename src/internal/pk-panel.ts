import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toLiveError } from '../core/errors.js';
import type { LiveRoomState, LiveRoomStore } from '../core/store/live-room-store.js';
import { assertRoomId, assertUserId, parseNumericRoomId, type RoomId, stringRoom } from '../core/validation.js';
import { controlStyles } from './control-styles.js';
import { formatCountdown, Ticker } from './countdown.js';
import { errorText, langOf, translator, type KeyOf } from './i18n.js';
import { commonStrings } from './strings/common.js';
import { pkStrings } from './strings/pk.js';

const t = translator(commonStrings, pkStrings);
type StringKey = KeyOf<typeof t>;

/**
 * The room owner's PK controls in `<live-room>`: a "PK" disclosure with a form (room ID, numeric
 * unless "String room ID" is ticked, and the other anchor's user ID) that calls
 * `requestRoomPK`; while waiting, who it waits for, a countdown and Cancel (`quitRoomPK`); an
 * incoming challenge with Accept / Reject (`responseRoomPK`); during the PK, "End PK". What
 * happens is said in a polite live region. Internal part of `<live-room>`; not a public tag.
 */
export class LivePkPanel extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host { display: inline-flex; position: relative; flex-wrap: wrap; gap: 8px; align-items: center; }
      .popover { bottom: calc(100% + 8px); left: 0; }
      h2 { margin: 0; font-size: 14px; }
      .status:empty { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
      .status { font-size: 13px; }
      .status.incoming { padding: 6px 12px; border-radius: 999px; background: var(--live-room-accent, #c8102e); color: #fff; font-weight: 600; }
      .timer { font-variant-numeric: tabular-nums; }
    `,
  ];

  @property({ attribute: false }) store?: LiveRoomStore;
  @property({ attribute: false }) state?: LiveRoomState;

  @state() private open = false;
  @state() private stringId = false;
  @state() private formError = '';
  /** A word on how the last request ended (declined, no answer…). */
  @state() private message = '';
  #messageTimer?: ReturnType<typeof setTimeout>;
  #refocus = false;
  /** Name of the anchor last challenged or challenging (the state forgets it when a request ends). */
  #lastPeer = '';

  constructor() {
    super();
    new Ticker(this, () => [this.state?.pk.state === 'requesting' ? this.state.pk.expiresAt : undefined]);
  }

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this), key, params);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#messageTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const prior = changed.get('state') as LiveRoomState | undefined;
    const pk = this.state?.pk.state;
    const peer = this.state?.pk.peer;
    if (peer) this.#lastPeer = peer.nickname || peer.userId;
    if (pk !== 'idle') this.open = false;
    // A button in use went away (Accept → End PK, Cancel → PK): keep the focus in the panel.
    if (prior && prior.pk.state !== pk && this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement) this.#refocus = true;
  }

  protected override updated(): void {
    if (!this.#refocus) return;
    this.#refocus = false;
    this.renderRoot.querySelector<HTMLButtonElement>('button')?.focus();
  }

  #say(message: string): void {
    this.message = message;
    clearTimeout(this.#messageTimer);
    this.#messageTimer = setTimeout(() => (this.message = ''), 8000);
  }

  #setOpen(open: boolean): void {
    this.open = open;
    this.formError = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(open ? '#pk-room' : 'button.toggle')?.focus());
  }

  #keydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.#setOpen(false);
    }
  };

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const store = this.store;
    if (!store) return;
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    let room: RoomId;
    let userId: string;
    try {
      const text = String(data.get('room') ?? '').trim();
      room = this.stringId ? assertRoomId(stringRoom(text)) : parseNumericRoomId(text);
      userId = assertUserId(String(data.get('user') ?? '').trim(), 'user ID');
    } catch (error) {
      this.formError = errorText(langOf(this), toLiveError(error));
      return;
    }
    this.open = false;
    this.message = '';
    try {
      const result = await store.requestRoomPK(room, userId);
      const name = this.#lastPeer || userId;
      if (result.reason === 'rejected') this.#say(this.#t('lrPkDeclined', { name }));
      else if (result.reason === 'timeout') this.#say(this.#t('lrPkNoAnswer', { name }));
      else if (result.reason === 'failed') this.#say(this.#t('lrPkFailed', { name }));
    } catch {
      // The store recorded the error (state.error); <live-room> shows it in words.
    }
  }

  #form() {
    return html`<form id="pk-form" class="popover" part="pk-form" aria-labelledby="pk-title" @submit=${this.#submit}>
      <h2 id="pk-title">${this.#t('lrPkStart')}</h2>
      <div class="field">
        <label for="pk-room">${this.#t('lrPkRoomId')}</label>
        <input id="pk-room" name="room" autocomplete="off" required inputmode=${this.stringId ? 'text' : 'numeric'} />
      </div>
      <label class="check"><input type="checkbox" name="string" .checked=${this.stringId} @change=${(e: Event) => (this.stringId = (e.target as HTMLInputElement).checked)} />${this.#t('lrPkStringRoom')}</label>
      <div class="field">
        <label for="pk-user">${this.#t('lrPkUserId')}</label>
        <input id="pk-user" name="user" autocomplete="off" required />
      </div>
      ${this.formError ? html`<p class="alert" role="alert">${this.formError}</p>` : nothing}
      <div class="row">
        <button type="submit" class="primary">${this.#t('lrPkSend')}</button>
        <button type="button" @click=${() => this.#setOpen(false)}>${this.#t('lrCancel')}</button>
      </div>
    </form>`;
  }

  protected override render() {
    const s = this.state;
    const store = this.store;
    if (!s || !store) return nothing;
    const pk = s.pk;
    const peer = pk.peer;
    const name = peer ? peer.nickname || peer.userId : '';
    let status = this.message;
    if (pk.state === 'incoming' && peer) status = this.#t('lrPkIncoming', { name, room: String(peer.room.id) });
    else if (pk.state === 'requesting') status = this.#t('lrPkWaiting', { name });
    const act = (action: () => Promise<void>) => () => void action().catch(() => undefined);
    return html`<span class=${pk.state === 'incoming' ? 'status incoming' : 'status'} part="pk-status" role="status">${status}</span>
      ${pk.state === 'requesting' && pk.expiresAt
        ? html`<span class="timer hint" part="pk-timer" role="timer">${this.#t('lrPkTimeLeft', { time: formatCountdown(pk.expiresAt - Date.now()) })}</span>`
        : nothing}
      ${pk.state === 'requesting' ? html`<button part="pk-cancel" @click=${act(() => store.quitRoomPK())}>${this.#t('lrCancel')}</button>` : nothing}
      ${pk.state === 'incoming' && peer
        ? html`<button class="primary" part="pk-accept" @click=${act(() => store.responseRoomPK(peer.userId, true))}>${this.#t('lrAccept')}</button>
            <button part="pk-reject" @click=${act(() => store.responseRoomPK(peer.userId, false))}>${this.#t('lrReject')}</button>`
        : nothing}
      ${pk.state === 'active' ? html`<button part="pk-end" @click=${act(() => store.quitRoomPK())}>${this.#t('lrPkEnd')}</button>` : nothing}
      ${pk.state === 'idle'
        ? html`<span @keydown=${this.#keydown}>
            <button class="toggle" part="pk-toggle" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.open ? 'pk-form' : nothing} @click=${() => this.#setOpen(!this.open)}>${this.#t('lrPk')}</button>
            ${this.open ? this.#form() : nothing}
          </span>`
        : nothing}`;
  }
}

/** Registers the part on first use. */
export function definePkPanel(): void {
  if (!customElements.get('live-pk-panel')) customElements.define('live-pk-panel', LivePkPanel);
}

declare global {
  interface HTMLElementTagNameMap {
    'live-pk-panel': LivePkPanel;
  }
}
