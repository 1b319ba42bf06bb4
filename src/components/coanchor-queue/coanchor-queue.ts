import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { liveRoomContext } from '../../context/live-room-context.js';
import { StoreController } from '../../context/store-controller.js';
import type { UserProfile } from '../../core/engines/types.js';
import { ErrorCode, toLiveError } from '../../core/errors.js';
import { DEFAULT_SEATS } from '../../core/store/coanchor.js';
import type { CoanchorRequest, CoanchorRequestState, LiveRoomState, LiveRoomStore } from '../../core/store/live-room-store.js';
import { errorText, langOf, translator, type KeyOf } from '../../internal/i18n.js';
import { canModerate } from '../../core/store/live-room-types.js';
import { selectKeys } from '../../internal/select-keys.js';
import { formatClock, Ticker } from '../../internal/countdown.js';
import { coanchorStrings } from '../../internal/strings/coanchor.js';
import { coanchorQueueStyles } from './coanchor-queue.styles.js';

const t = translator(coanchorStrings);
type StringKey = KeyOf<typeof t>;

/** `detail` of `coanchor-request`, `coanchor-accept` and `coanchor-reject`. */
export interface CoanchorUserDetail {
  /** The viewer who asks (request) or is answered (accept, reject). */
  userId: string;
}

/** The part of the room's state this element renders; re-rendered only when one of these changes. */
const VIEW_KEYS = ['phase', 'user', 'role', 'ownerId', 'admins', 'anchors', 'audience', 'coanchor', 'pk'] as const satisfies readonly (keyof LiveRoomState)[];
type View = Pick<LiveRoomState, (typeof VIEW_KEYS)[number]>;

/** How many candidates the invite list shows. */
const INVITE_CANDIDATES = 8;
/** How long an error stays in the element (ms). */
const ERROR_MS = 8000;

/** Error codes worded here in Chinese (the shared table covers the others). */
const ZH_ERROR_KEYS: Partial<Record<number, StringKey>> = {
  [ErrorCode.INVALID_ARGUMENT]: 'cqErrInvalidArgument',
  [ErrorCode.INVALID_USER_ID]: 'cqErrInvalidUserId',
  [ErrorCode.NOT_IN_ROOM]: 'cqErrNotInRoom',
  [ErrorCode.INVALID_STATE]: 'cqErrInvalidState',
  [ErrorCode.SEATS_FULL]: 'cqErrSeatsFull',
};

function nameOf(user: UserProfile): string {
  return user.nickname || user.userId;
}

/** `65_000` → `1:05`; an hour or more → `1:02:05`. */
function clock(ms: number): string {
  return formatClock(Math.floor(ms / 1000));
}

/**
 * Co-anchoring for both sides of a live room, bound to the room's store (from `<live-room>` or
 * `.store`).
 *
 * - The anchor (the room's owner) or an admin sees the seats, who is on stage (each with a
 *   remove button), the queue of requests in arrival order with how long each has waited,
 *   Accept / Reject per request, Accept next / Reject all, and invitations to viewers. New
 *   requests are announced politely to screen readers.
 * - A viewer sees one request button whose label follows the request: idle, waiting (with a
 *   countdown and Cancel, and the place in line when all seats are taken), accepted (then
 *   Leave stage once on stage), declined, timed out, invited (Accept / Decline) or failed.
 *
 * User names and reasons are rendered as text, never as HTML.
 *
 * @summary The co-anchor queue, seats and stage (anchor) and the request button (viewer).
 * @tag coanchor-queue
 *
 * @attr {'light' | 'dark'} theme - Forces the light or the dark look; without it the element follows the page's `prefers-color-scheme`.
 * @attr {string} lang - Language of the element's words (`en`, `zh-CN`); without it, the closest ancestor's `lang`, else the page's.
 *
 * @event {CustomEvent<CoanchorUserDetail>} coanchor-request - A viewer pressed the request button. Cancelable: `preventDefault()` sends nothing. `detail: { userId }` (the viewer).
 * @event {CustomEvent<CoanchorUserDetail>} coanchor-accept - The anchor pressed Accept (or Accept next). Cancelable: `preventDefault()` sends nothing. `detail: { userId }` (the viewer accepted).
 * @event {CustomEvent<CoanchorUserDetail>} coanchor-reject - The anchor pressed Reject (once per viewer for Reject all). Cancelable: `preventDefault()` keeps that viewer waiting. `detail: { userId }`.
 *
 * @csspart base - The panel's wrapper.
 * @csspart heading - The panel's title.
 * @csspart seats - The seats summary (“2 / 6 seats”).
 * @csspart seats-note - Why Accept is disabled when every seat is taken.
 * @csspart stage - The section listing who is on stage.
 * @csspart stage-list - The list of co-anchors on stage.
 * @csspart stage-item - One co-anchor on stage.
 * @csspart name - A person's name (stage, queue, invite lists).
 * @csspart remove - The “Remove from stage” button of a co-anchor.
 * @csspart queue-section - The section with the queue and its actions.
 * @csspart queue - The list of waiting requests, oldest first.
 * @csspart queue-item - One waiting request.
 * @csspart waited - How long a request has waited.
 * @csspart accept - The Accept button of a request, and of an invitation (viewer).
 * @csspart reject - The Reject button of a request, and Decline of an invitation (viewer).
 * @csspart queue-actions - The row with Accept next and Reject all.
 * @csspart accept-next - The “Accept next” button.
 * @csspart reject-all - The “Reject all” button.
 * @csspart invited - The list of invitations not yet answered.
 * @csspart invited-item - One pending invitation.
 * @csspart invite - The section for inviting viewers on stage.
 * @csspart invite-list - The list of viewers who can be invited.
 * @csspart invite-item - One viewer who can be invited.
 * @csspart invite-button - An Invite button (list and form).
 * @csspart invite-form - The form to invite by user ID.
 * @csspart invite-input - The user ID input.
 * @csspart status - The viewer's request status in words.
 * @csspart actions - The viewer's row of buttons.
 * @csspart request-button - The viewer's main button (request, or the countdown while waiting).
 * @csspart cancel-button - The viewer's “Cancel request” button.
 * @csspart leave-button - The co-anchor's “Leave stage” button.
 * @csspart button - Every button.
 * @csspart error - A failed action, in words (shown for a few seconds).
 * @csspart live-region - The visually hidden polite announcements (“Bob asks to co-anchor”).
 *
 * @cssproperty --coanchor-queue-background - Panel background. Defaults to `--live-color-surface`.
 * @cssproperty --coanchor-queue-foreground - Text colour. Defaults to `--live-color-on-surface`.
 * @cssproperty --coanchor-queue-accent - Primary buttons, focus ring, full seats. Defaults to `--live-color-accent`.
 * @cssproperty --coanchor-queue-on-accent - Text on the accent colour. Defaults to `--live-color-on-accent`.
 * @cssproperty --coanchor-queue-item-background - Background of list rows. Defaults to `--live-color-surface-raised`.
 * @cssproperty --coanchor-queue-button-background - Background of secondary buttons.
 * @cssproperty --coanchor-queue-button-hover - Background of secondary buttons on hover.
 * @cssproperty --coanchor-queue-error-background - Error background. Defaults to `--live-color-error-surface`.
 * @cssproperty --coanchor-queue-error-foreground - Error text. Defaults to `--live-color-on-error-surface`.
 * @cssproperty --coanchor-queue-radius - Corner radius. Defaults to `--live-radius`.
 * @cssproperty --coanchor-queue-gap - Spacing. Defaults to `--live-space`.
 * @cssproperty --coanchor-queue-font - Font family. Defaults to `--live-font`.
 */
export class CoanchorQueue extends LitElement {
  static override styles = coanchorQueueStyles;

  #view = new StoreController<LiveRoomStore, LiveRoomState, View>(this, liveRoomContext, selectKeys<LiveRoomState, (typeof VIEW_KEYS)[number]>(VIEW_KEYS));

  constructor() {
    super();
    // Live clocks: how long each request has waited (the anchor's view), and the viewer's own
    // request's time left. Nothing ticks when nobody waits.
    new Ticker(
      this,
      () => {
        const s = this.#view.value;
        return s && !this.#isAnchorView(s) && s.coanchor.self.state === 'requesting' ? [s.coanchor.self.expiresAt] : [];
      },
      () => {
        const s = this.#view.value;
        return s && this.#isAnchorView(s) ? s.coanchor.queue.map((r) => r.since) : [];
      },
    );
  }

  /** A store given directly wins over the one from `<live-room>`. */
  @property({ attribute: false })
  set store(store: LiveRoomStore | undefined) {
    this.#view.setExplicit(store);
  }
  get store(): LiveRoomStore | undefined {
    return this.#view.store;
  }

  #seats = DEFAULT_SEATS;
  #seatsGiven = false;
  /**
   * Seats for co-anchors besides the anchor (0–49). When set, applied with `store.setSeats(n)`.
   * @default 6
   */
  @property({ type: Number })
  set seats(value: number) {
    this.#seatsGiven = value !== null && value !== undefined;
    this.#seats = this.#seatsGiven ? value : DEFAULT_SEATS;
  }
  get seats(): number {
    return this.#seats;
  }

  @state() private announcement = '';
  @state() private error = '';
  @state() private busy: ReadonlySet<string> = new Set();

  #errorTimer?: ReturnType<typeof setTimeout>;
  #seatsApplied?: { store: LiveRoomStore; seats: number };
  #boundStore?: LiveRoomStore;
  #offEvents: Array<() => void> = [];
  #lastSelf?: { store: LiveRoomStore; state: CoanchorRequestState };
  /** Names of people seen in the queue, for announcing that one stopped waiting. */
  #names = new Map<string, string>();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#bindEvents(undefined);
    clearTimeout(this.#errorTimer);
  }

  /* ───────────── derived state ───────────── */

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this), key, params);
  }

  /** The anchor's view: a moderator in the room, or the anchor before the room exists. */
  #isAnchorView(s: View): boolean {
    return s.phase === 'in-room' ? canModerate(s) : s.role === 'anchor';
  }

  /** Co-anchors on stage: anchors other than the owner and a PK opponent. */
  #stage(s: View): readonly UserProfile[] {
    return s.anchors.filter((a) => a.userId !== s.ownerId && a.userId !== s.pk.peer?.userId);
  }

  /** Seats in use (the same count the store uses to refuse an acceptance). */
  #seatsUsed(s: View): number {
    return this.#stage(s).length + (s.role === 'anchor' && s.user?.userId !== s.ownerId ? 1 : 0);
  }

  /* ───────────── lifecycle ───────────── */

  protected override willUpdate(): void {
    const store = this.store;
    const s = this.#view.value;
    this.#applySeats(store);
    this.#bindEvents(store);
    if (store && s) this.#noticeSelf(store, s);
  }

  #applySeats(store: LiveRoomStore | undefined): void {
    if (!store || !this.#seatsGiven) return;
    if (this.#seatsApplied?.store === store && Object.is(this.#seatsApplied.seats, this.#seats)) return;
    this.#seatsApplied = { store, seats: this.#seats };
    if (store.getState().coanchor.seats === this.#seats) return;
    try {
      store.setSeats(this.#seats);
    } catch (error) {
      this.#showError(error);
    }
  }

  #bindEvents(store: LiveRoomStore | undefined): void {
    if (store === this.#boundStore) return;
    for (const off of this.#offEvents) off();
    this.#offEvents = [];
    this.#boundStore = store;
    if (!store) return;
    this.#offEvents.push(
      store.on('request-join-anchor', (e) => {
        this.#names.set(e.userId, e.userName || e.userId);
        this.#announce(this.#t('cqAsks', { name: e.userName || e.userId }));
      }),
      store.on('request-join-anchor-cancel', (e) => this.#announce(this.#t('cqStoppedWaiting', { name: this.#names.get(e.userId) ?? e.userId }))),
      store.on('coanchor-invite-response', (e) => {
        const name = this.#profile(e.userId);
        this.#announce(this.#t(e.agree ? 'cqInviteAccepted' : 'cqInviteDeclined', { name }));
      }),
      store.on('kickout-join-anchor', () => this.#announce(this.#t('cqKickedOut'))),
    );
  }

  #profile(userId: string): string {
    const s = this.#view.value;
    const known = s?.audience.find((a) => a.userId === userId) ?? s?.anchors.find((a) => a.userId === userId);
    return known ? nameOf(known) : (this.#names.get(userId) ?? userId);
  }

  /** Announces a viewer's own request when its state changes. */
  #noticeSelf(store: LiveRoomStore, s: View): void {
    const self = s.coanchor.self;
    const before = this.#lastSelf;
    this.#lastSelf = { store, state: self.state };
    if (!before || before.store !== store || before.state === self.state) return;
    const words: Partial<Record<CoanchorRequestState, string>> = {
      requesting: this.#t('cqRequestSent'),
      accepted: this.#t('cqGoingOnStage'),
      rejected: self.reason ? this.#t('cqRejectedReason', { reason: self.reason }) : this.#t('cqRejected'),
      timeout: this.#t('cqTimeout'),
      cancelled: this.#t('cqCancelled'),
      invited: this.#t('cqInvitedSelf'),
      failed: this.#t('cqFailed', { reason: self.reason ?? '' }),
    };
    const text = words[self.state];
    if (text) this.#announce(text);
  }

  #announce(text: string): void {
    this.announcement = text;
  }

  /* ───────────── actions ───────────── */

  #fire(name: 'coanchor-request' | 'coanchor-accept' | 'coanchor-reject', userId: string): boolean {
    // Built first, then dispatched: the events are documented in the class JSDoc (@event).
    const event = new CustomEvent<CoanchorUserDetail>(name, { detail: { userId }, bubbles: true, composed: true, cancelable: true });
    return this.dispatchEvent(event);
  }

  #showError(error: unknown): void {
    const e = toLiveError(error);
    const lang = langOf(this);
    const key = lang.toLowerCase().startsWith('zh') ? ZH_ERROR_KEYS[e.code] : undefined;
    this.error = key ? t(lang, key) : errorText(lang, e);
    clearTimeout(this.#errorTimer);
    this.#errorTimer = setTimeout(() => {
      this.error = '';
    }, ERROR_MS);
  }

  /** Runs a store action; the store already reports failures as `live-error`, here they are shown in words. */
  async #run(key: string, action: (store: LiveRoomStore) => Promise<unknown>): Promise<void> {
    const store = this.store;
    if (!store || this.busy.has(key)) return;
    this.busy = new Set([...this.busy, key]);
    try {
      await action(store);
    } catch (error) {
      this.#showError(error);
    } finally {
      const next = new Set(this.busy);
      next.delete(key);
      this.busy = next;
    }
  }

  #request(): void {
    const userId = this.#view.value?.user?.userId;
    if (!userId || !this.#fire('coanchor-request', userId)) return;
    // Resolves when the anchor answers (or the request times out); the state drives the UI.
    void this.#run('request', (store) => store.requestJoinAnchor());
  }

  #accept(userId: string): void {
    if (!this.#fire('coanchor-accept', userId)) return;
    void this.#run(`accept:${userId}`, (store) => store.responseJoinAnchor(userId, true));
  }

  #reject(userId: string): void {
    if (!this.#fire('coanchor-reject', userId)) return;
    void this.#run(`reject:${userId}`, (store) => store.responseJoinAnchor(userId, false));
  }

  #acceptNext(queue: readonly CoanchorRequest[]): void {
    const next = queue[0];
    if (!next || !this.#fire('coanchor-accept', next.userId)) return;
    void this.#run('accept-next', (store) => store.acceptNextJoinAnchor());
  }

  #rejectAll(queue: readonly CoanchorRequest[]): void {
    const allowed = queue.filter((r) => this.#fire('coanchor-reject', r.userId));
    if (allowed.length === 0) return;
    if (allowed.length === queue.length) {
      void this.#run('reject-all', (store) => store.rejectAllJoinAnchor());
      return;
    }
    void this.#run('reject-all', async (store) => {
      for (const r of allowed) await store.responseJoinAnchor(r.userId, false);
    });
  }

  #invite(userId: string): Promise<void> {
    return this.#run(`invite:${userId}`, (store) => store.inviteJoinAnchor(userId));
  }

  #inviteById = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).querySelector('input')!;
    const userId = input.value.trim();
    if (!userId) return;
    let ok = false;
    await this.#run('invite-form', async (store) => {
      await store.inviteJoinAnchor(userId);
      ok = true;
    });
    if (ok) input.value = '';
  };

  /* ───────────── rendering ───────────── */

  protected override render() {
    const s = this.#view.value;
    const body = !s ? this.#renderViewer(undefined) : this.#isAnchorView(s) ? this.#renderAnchor(s) : this.#renderViewer(s);
    return html`<section part="base" class="base" aria-labelledby="cq-heading">
      ${body}
      ${this.error ? html`<p part="error" class="error" role="alert">${this.error}</p>` : nothing}
      <div part="live-region" class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  #renderAnchor(s: View): TemplateResult {
    const now = Date.now();
    const inRoom = s.phase === 'in-room';
    const { queue, invited, seats } = s.coanchor;
    const stage = this.#stage(s);
    const used = this.#seatsUsed(s);
    const full = used >= seats;
    const busy = this.busy;
    const waiting = new Set([...queue.map((r) => r.userId), ...invited, ...stage.map((a) => a.userId)]);
    const candidates = s.audience.filter((a) => a.userId !== s.user?.userId && a.userId !== s.ownerId && !waiting.has(a.userId)).slice(0, INVITE_CANDIDATES);
    const noteId = full ? 'cq-seats-note' : undefined;
    return html`
      <header>
        <h2 part="heading" id="cq-heading">${this.#t('cqTitle')}</h2>
        <span part="seats" class=${full ? 'seats full' : 'seats'}>${this.#t('cqSeats', { n: used, total: seats })}</span>
      </header>
      ${!inRoom ? html`<p class="note muted">${this.#t('cqErrNotInRoom')}</p>` : nothing}
      ${full && inRoom ? html`<p part="seats-note" class="note" id="cq-seats-note">${this.#t('cqSeatsFull')}</p>` : nothing}

      <section part="stage" aria-labelledby="cq-stage">
        <h3 id="cq-stage">${this.#t('cqStage')}</h3>
        ${stage.length === 0
          ? html`<p class="muted">${this.#t('cqStageEmpty')}</p>`
          : html`<ul part="stage-list">
              ${repeat(
                stage,
                (a) => a.userId,
                (a) => html`<li part="stage-item" data-user-id=${a.userId}>
                  <span part="name" class="name">${nameOf(a)}</span>
                  <button part="button remove" aria-label=${this.#t('cqRemoveNamed', { name: nameOf(a) })} ?disabled=${!inRoom || busy.has(`kick:${a.userId}`)} @click=${() => this.#run(`kick:${a.userId}`, (store) => store.kickoutJoinAnchor(a.userId))}>
                    ${this.#t('cqRemove')}
                  </button>
                </li>`,
              )}
            </ul>`}
      </section>

      <section part="queue-section" aria-labelledby="cq-queue">
        <h3 id="cq-queue">${this.#t('cqQueue', { n: queue.length })}</h3>
        ${queue.length === 0
          ? html`<p class="muted">${this.#t('cqQueueEmpty')}</p>`
          : html`<ol part="queue">
              ${repeat(
                queue,
                (r) => r.requestId,
                (r) => {
                  const waited = now - r.since;
                  return html`<li part="queue-item" data-user-id=${r.userId}>
                    <span part="name" class="name">${nameOf(r)}</span>
                    <span part="waited" class="waited"><time datetime=${`PT${Math.max(0, Math.floor(waited / 1000))}S`}>${this.#t('cqWaited', { time: clock(waited) })}</time></span>
                    <button part="button accept" class="primary" aria-label=${this.#t('cqAcceptNamed', { name: nameOf(r) })} aria-describedby=${noteId ?? nothing} title=${full ? this.#t('cqSeatsFull') : nothing} ?disabled=${!inRoom || full || busy.has(`accept:${r.userId}`)} @click=${() => this.#accept(r.userId)}>
                      ${this.#t('cqAccept')}
                    </button>
                    <button part="button reject" aria-label=${this.#t('cqRejectNamed', { name: nameOf(r) })} ?disabled=${!inRoom || busy.has(`reject:${r.userId}`)} @click=${() => this.#reject(r.userId)}>${this.#t('cqReject')}</button>
                  </li>`;
                },
              )}
            </ol>`}
        <div part="queue-actions" class="row">
          <button part="button accept-next" class="primary" aria-describedby=${noteId ?? nothing} ?disabled=${!inRoom || full || queue.length === 0 || busy.has('accept-next')} @click=${() => this.#acceptNext(queue)}>${this.#t('cqAcceptNext')}</button>
          <button part="button reject-all" ?disabled=${!inRoom || queue.length === 0 || busy.has('reject-all')} @click=${() => this.#rejectAll(queue)}>${this.#t('cqRejectAll')}</button>
        </div>
      </section>

      ${invited.length > 0
        ? html`<section aria-labelledby="cq-invited">
            <h3 id="cq-invited">${this.#t('cqInvitedHeading')}</h3>
            <ul part="invited">
              ${invited.map((id) => html`<li part="invited-item" data-user-id=${id}><span part="name" class="name">${this.#profile(id)}</span><span class="waited">${this.#t('cqInvitedPending')}</span></li>`)}
            </ul>
          </section>`
        : nothing}

      <section part="invite" aria-labelledby="cq-invite">
        <h3 id="cq-invite">${this.#t('cqInviteHeading')}</h3>
        ${candidates.length === 0
          ? html`<p class="muted">${this.#t('cqNoAudience')}</p>`
          : html`<ul part="invite-list">
              ${repeat(
                candidates,
                (a) => a.userId,
                (a) => html`<li part="invite-item" data-user-id=${a.userId}>
                  <span part="name" class="name">${nameOf(a)}</span>
                  <button part="button invite-button" aria-label=${this.#t('cqInviteNamed', { name: nameOf(a) })} aria-describedby=${noteId ?? nothing} ?disabled=${!inRoom || full || busy.has(`invite:${a.userId}`)} @click=${() => this.#invite(a.userId)}>
                    ${this.#t('cqInvite')}
                  </button>
                </li>`,
              )}
            </ul>`}
        <form part="invite-form" @submit=${this.#inviteById}>
          <label for="cq-invite-id">${this.#t('cqInviteUserId')}</label>
          <input part="invite-input" id="cq-invite-id" name="userId" autocomplete="off" maxlength="32" ?disabled=${!inRoom} />
          <button part="button invite-button" ?disabled=${!inRoom || full || busy.has('invite-form')} aria-describedby=${noteId ?? nothing}>${this.#t('cqInvite')}</button>
        </form>
      </section>
    `;
  }

  #renderViewer(s: View | undefined): TemplateResult {
    const heading = html`<header><h2 part="heading" id="cq-heading">${this.#t('cqTitle')}</h2></header>`;
    const requestButton = (label: string, disabled: boolean, describedBy?: string, pending = false) =>
      html`<button part="button request-button" class=${pending ? 'request-button pending' : 'primary request-button'} ?disabled=${disabled} aria-describedby=${describedBy ?? nothing} @click=${() => this.#request()}>${label}</button>`;
    const status = (text: string) => html`<p part="status" class="status" id="cq-status">${text}</p>`;
    const actions = (...buttons: TemplateResult[]) => html`<div part="actions" class="row">${buttons}</div>`;

    if (!s || s.phase !== 'in-room' || !s.user) {
      return html`${heading}${status(this.#t('cqNotInRoom'))}${actions(requestButton(this.#t('cqRequest'), true, 'cq-status'))}`;
    }
    if (!s.ownerId) {
      return html`${heading}${status(this.#t('cqNoAnchor'))}${actions(requestButton(this.#t('cqRequest'), true, 'cq-status'))}`;
    }
    const self = s.coanchor.self;
    const busy = this.busy;
    if (s.role === 'anchor') {
      return html`${heading}${status(this.#t('cqOnStageSelf'))}${actions(
        html`<button part="button leave-button" ?disabled=${busy.has('leave')} @click=${() => this.#run('leave', (store) => store.quitJoinAnchor())}>${this.#t('cqLeaveStage')}</button>`,
      )}`;
    }
    switch (self.state) {
      case 'requesting': {
        const left = Math.max(0, Math.ceil(((self.expiresAt ?? Date.now()) - Date.now()) / 1000));
        const place =
          self.seatsFull && self.position
            ? this.#t('cqPositionFull', { n: self.position })
            : self.seatsFull
              ? this.#t('cqSeatsFullShort')
              : self.position
                ? this.#t('cqPosition', { n: self.position })
                : '';
        return html`${heading}${place ? status(place) : nothing}${actions(
          requestButton(this.#t('cqWaiting', { s: left }), true, place ? 'cq-status' : undefined, true),
          html`<button part="button cancel-button" ?disabled=${busy.has('cancel')} @click=${() => this.#run('cancel', (store) => store.cancelRequestJoinAnchor())}>${this.#t('cqCancel')}</button>`,
        )}`;
      }
      case 'accepted':
        return html`${heading}${status(this.#t('cqGoingOnStage'))}`;
      case 'invited':
        return html`${heading}${status(this.#t('cqInvitedSelf'))}${actions(
          html`<button part="button accept" class="primary" ?disabled=${busy.has('answer')} @click=${() => this.#run('answer', (store) => store.respondToJoinAnchorInvitation(true))}>${this.#t('cqAccept')}</button>`,
          html`<button part="button reject" ?disabled=${busy.has('answer')} @click=${() => this.#run('answer', (store) => store.respondToJoinAnchorInvitation(false))}>${this.#t('cqDecline')}</button>`,
        )}`;
      case 'rejected':
      case 'timeout':
      case 'failed': {
        const text =
          self.state === 'rejected'
            ? self.reason
              ? this.#t('cqRejectedReason', { reason: self.reason })
              : this.#t('cqRejected')
            : self.state === 'timeout'
              ? this.#t('cqTimeout')
              : this.#t('cqFailed', { reason: self.reason ?? '' });
        return html`${heading}${status(text)}${actions(requestButton(this.#t('cqRequest'), busy.has('request')))}`;
      }
      default:
        return html`${heading}${actions(requestButton(this.#t('cqRequest'), busy.has('request')))}`;
    }
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'coanchor-request': CustomEvent<CoanchorUserDetail>;
    'coanchor-accept': CustomEvent<CoanchorUserDetail>;
    'coanchor-reject': CustomEvent<CoanchorUserDetail>;
  }
}
