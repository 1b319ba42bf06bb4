import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { LiveRoomState, LiveRoomStore, RoomStatus } from '../core/store/live-room-store.js';
import { byteLength, Limits } from '../core/validation.js';
import { controlStyles } from './control-styles.js';
import { langOf, translator, type KeyOf } from './i18n.js';
import { commonStrings } from './strings/common.js';
import { liveRoomStrings, roomStatusKeys } from './strings/live-room.js';
import { roomInfoStrings } from './strings/room-info.js';

const t = translator(commonStrings, liveRoomStrings, roomInfoStrings);
type StringKey = KeyOf<typeof t>;



/**
 * The room's introduction, and for the owner or an admin an inline form that edits the status,
 * notice (≤ 300 bytes) and introduction (≤ 240 bytes), counting the bytes left as one types.
 * Failures reach the store's `error`, which `<live-room>` shows in words. Internal part of
 * `<live-room>`; not a public tag.
 */
export class LiveRoomInfo extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host { display: block; }
      .info { display: flex; gap: 8px; align-items: flex-start; font-size: 13px; }
      .intro { flex: 1; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 4.2em; overflow: auto; opacity: 0.9; }
      .intro.none { opacity: 0.6; font-style: italic; }
      form { display: grid; gap: 10px; padding: 10px; border-radius: 10px; border: 1px solid var(--_lr-line, rgb(255 255 255 / 25%)); }
      h2 { margin: 0; font-size: 14px; }
      select { justify-self: start; }
      .fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 10px; }
    `,
  ];

  @property({ attribute: false }) store?: LiveRoomStore;
  @property({ attribute: false }) state?: LiveRoomState;
  /** Whether the viewer may edit (owner or admin). */
  @property({ type: Boolean, attribute: 'can-edit' }) canEdit = false;

  @state() private editing = false;
  @state() private saving = false;
  @state() private draft = { status: 'idle' as RoomStatus, notice: '', intro: '' };

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this), key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('canEdit') && !this.canEdit) this.editing = false;
  }

  #open(): void {
    const s = this.state;
    this.draft = { status: s?.roomStatus ?? 'idle', notice: s?.notice ?? '', intro: s?.intro ?? '' };
    this.editing = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLSelectElement>('select')?.focus());
  }

  #close(): void {
    this.editing = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('button.edit')?.focus());
  }

  #keydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.editing) {
      event.stopPropagation();
      this.#close();
    }
  };

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const store = this.store;
    const s = this.state;
    if (!store || !s || this.#over('notice') > 0 || this.#over('intro') > 0) return;
    this.saving = true;
    try {
      if (this.draft.notice !== s.notice) await store.updateRoomNotice(this.draft.notice);
      if (this.draft.intro !== s.intro) await store.updateRoomIntro(this.draft.intro);
      if (this.draft.status !== s.roomStatus) await store.setRoomStatus(this.draft.status);
      this.#close();
    } catch {
      // The store recorded the error (state.error) and <live-room> shows it in words; the form stays open.
    } finally {
      this.saving = false;
    }
  }

  /** Bytes over the limit (≤ 0 when it fits). */
  #over(field: 'notice' | 'intro'): number {
    const limit = field === 'notice' ? Limits.noticeBytes : Limits.introBytes;
    return byteLength(this.draft[field]) - limit;
  }

  #field(field: 'notice' | 'intro', label: StringKey, rows: number) {
    const over = this.#over(field);
    const counter = over > 0 ? this.#t('lrBytesOver', { n: over }) : this.#t('lrBytesLeft', { n: -over });
    return html`<div class="field">
      <label for=${field}>${this.#t(label)}</label>
      <textarea
        id=${field}
        part=${`${field}-input`}
        rows=${rows}
        aria-describedby=${`${field}-left`}
        aria-invalid=${over > 0 ? 'true' : 'false'}
        .value=${this.draft[field]}
        @input=${(e: InputEvent) => (this.draft = { ...this.draft, [field]: (e.target as HTMLTextAreaElement).value })}
      ></textarea>
      <span id=${`${field}-left`} part="counter" class=${over > 0 ? 'hint bad' : 'hint'}>${counter}</span>
    </div>`;
  }

  protected override render() {
    const s = this.state;
    if (!s) return nothing;
    if (this.editing) {
      const over = this.#over('notice') > 0 || this.#over('intro') > 0;
      return html`<form part="edit-form" aria-labelledby="edit-title" @submit=${this.#save} @keydown=${this.#keydown}>
        <h2 id="edit-title">${this.#t('lrEditRoom')}</h2>
        <div class="field">
          <label for="status">${this.#t('lrRoomStatus')}</label>
          <select id="status" part="status-select" .value=${this.draft.status} @change=${(e: Event) => (this.draft = { ...this.draft, status: (e.target as HTMLSelectElement).value as RoomStatus })}>
            ${(Object.keys(roomStatusKeys) as RoomStatus[]).map((st) => html`<option value=${st} ?selected=${st === this.draft.status}>${this.#t(roomStatusKeys[st])}</option>`)}
          </select>
        </div>
        <div class="fields">${this.#field('notice', 'lrNotice', 3)} ${this.#field('intro', 'lrIntro', 3)}</div>
        <div class="row">
          <button type="submit" class="primary" part="save" ?disabled=${over || this.saving}>${this.saving ? this.#t('lrSaving') : this.#t('lrSave')}</button>
          <button type="button" @click=${() => this.#close()}>${this.#t('lrCancel')}</button>
        </div>
      </form>`;
    }
    return html`<div class="info">
      <p part="intro" class=${s.intro ? 'intro' : 'intro none'}>${s.intro || this.#t('lrNoIntro')}</p>
      ${this.canEdit ? html`<button class="edit small" part="edit" aria-label=${this.#t('lrEditRoom')} @click=${() => this.#open()}>${this.#t('lrEdit')}</button>` : nothing}
    </div>`;
  }
}

/** Registers the part on first use. */
export function defineRoomInfo(): void {
  if (!customElements.get('live-room-info')) customElements.define('live-room-info', LiveRoomInfo);
}

declare global {
  interface HTMLElementTagNameMap {
    'live-room-info': LiveRoomInfo;
  }
}
