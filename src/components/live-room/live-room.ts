import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { liveRoomContext } from '../../context/live-room-context.js';
import { StoreController } from '../../context/store-controller.js';
import type { Role } from '../../core/engines/types.js';
import { LiveError, toLiveError } from '../../core/errors.js';
import { LiveRoomStore, type LiveRoomEvents, type LiveRoomState, type RoomStatus } from '../../core/store/live-room-store.js';
import { canModerate, liveRoomEventNames } from '../../core/store/live-room-types.js';
import { Session, type EngineKind } from '../../core/store/session.js';
import { parseNumericRoomId, stringRoom, type RoomId } from '../../core/validation.js';
import { formatCountdown, Ticker } from '../../internal/countdown.js';
import { lazyPart } from '../../internal/lazy.js';
import { OwnStore } from '../../internal/own-store.js';
import { errorText, langOf, translator, type KeyOf } from '../../internal/i18n.js';
import { commonStrings } from '../../internal/strings/common.js';
import { avStrings } from '../../internal/strings/av.js';
import { liveRoomStrings, roomStatusKeys } from '../../internal/strings/live-room.js';
import { defineVideoTile } from '../../internal/video-tile.js';
import { DEFAULT_VOICE_SEATS } from '../../core/store/seats.js';
import { liveRoomStyles } from './live-room.styles.js';

const t = translator(commonStrings, avStrings, liveRoomStrings);
type StringKey = KeyOf<typeof t>;

export { liveRoomEventNames };

/** Parts only some people see in some states, fetched on first need (internal/lazy.ts). */
const parts = {
  seats: lazyPart('live-seat-grid', () => import('../../internal/seat-grid.js').then((m) => m.defineSeatGrid())),
  info: lazyPart('live-room-info', () => import('../../internal/room-info.js').then((m) => m.defineRoomInfo())),
  members: lazyPart('live-member-list', () => import('../../internal/member-list.js').then((m) => m.defineMemberList())),
  pkBar: lazyPart('live-pk-bar', () => import('../../internal/pk-bar.js').then((m) => m.definePkBar())),
  pk: lazyPart('live-pk-panel', () => import('../../internal/pk-panel.js').then((m) => m.definePkPanel())),
  devices: lazyPart('live-device-menu', () => import('../../internal/device-menu.js').then((m) => m.defineDeviceMenu())),
  beauty: lazyPart('live-beauty-panel', () => import('../../internal/beauty-panel.js').then((m) => m.defineBeautyPanel())),
};

/**
 * A live room: an anchor previews, goes live and ends the live; viewers enter and watch.
 * Creates its store from its attributes (or takes `.store`) and provides it to the elements
 * inside it (`<barrage-layer>`, `<gift-panel>`, `<coanchor-queue>`).
 *
 * The header says how the room stands (Not started / Live / Paused / Ended, or the connection
 * when it is not connected), the notice and the introduction follow, and the owner or an admin
 * can edit them inline. "People" opens the member panel: the audience with the online count and,
 * for the owner or an admin, mute / unmute, remove (with a 10-minute ban), admin (owner only),
 * invite on stage and "Mute everyone". The owner can challenge another room to a PK, answer a
 * challenge and end it; everyone in the room sees the PK score bar. Whoever previews or
 * publishes gets a device menu (camera, microphone, speaker, switch camera, mirror, quality);
 * everyone gets "Mute all sound".
 *
 * @summary A complete live room: stage, status, notice, people and moderation, PK, devices and controls, on the local engine or Tencent RTC.
 * @tag live-room
 *
 * @attr {'light' | 'dark'} theme - Forces the light or the dark look; without it the element follows the page's `prefers-color-scheme`.
 * @attr {'anchor' | 'audience'} role - Accepted as an alias of `user-role` (other values stay the element's ARIA role).
 * @attr {string} lang - Language of the element's words (`en`, `zh-CN`); without it, the closest ancestor's `lang`, else the page's.
 *
 * @event {CustomEvent<LiveRoomEvents['enter-room']>} enter-room - onEnterRoom. `detail.result` > 0 is how long entering took (ms); < 0 is an error code.
 * @event {CustomEvent<LiveRoomEvents['anchor-enter']>} anchor-enter - onAnchorEnter: an anchor or co-anchor appeared. `detail: { userId, userName, userAvatar }`.
 * @event {CustomEvent<LiveRoomEvents['anchor-exit']>} anchor-exit - onAnchorExit: an anchor or co-anchor left. `detail: { userId, userName, userAvatar }`.
 * @event {CustomEvent<LiveRoomEvents['audience-enter']>} audience-enter - onAudienceEnter. `detail.userInfo: { userId, nickname, avatar }`.
 * @event {CustomEvent<LiveRoomEvents['audience-exit']>} audience-exit - onAudienceExit. `detail: { userId, userName, userAvatar }`.
 * @event {CustomEvent<LiveRoomEvents['room-destroy']>} room-destroy - onRoomDestroy: the anchor ended the live. `detail.roomId`.
 * @event {CustomEvent<LiveRoomEvents['kicked-offline']>} kicked-offline - onKickedOffline: the same user ID logged in elsewhere. `detail.reason`.
 * @event {CustomEvent<LiveRoomEvents['user-video-available']>} user-video-available - onUserVideoAvailable. `detail: { userId, available }`.
 * @event {CustomEvent<LiveRoomEvents['user-audio-available']>} user-audio-available - A remote user's audio turned on or off. `detail: { userId, available }`.
 * @event {CustomEvent<LiveRoomEvents['first-video-frame']>} first-video-frame - The first frame of a remote user's video was shown. `detail.userId`.
 * @event {CustomEvent<LiveRoomEvents['autoplay-blocked']>} autoplay-blocked - The browser blocked sound until a click; the room shows a button for it. `detail.userId`.
 * @event {CustomEvent<LiveRoomEvents['recv-room-text-msg']>} recv-room-text-msg - onRecvRoomTextMsg. `detail: { message, userInfo }`.
 * @event {CustomEvent<LiveRoomEvents['recv-room-custom-msg']>} recv-room-custom-msg - onRecvRoomCustomMsg. `detail: { command, message, userInfo }`.
 * @event {CustomEvent<LiveRoomEvents['room-status-change']>} room-status-change - The room's status, notice or introduction changed. `detail: { status, notice, intro }`.
 * @event {CustomEvent<LiveRoomEvents['request-join-anchor']>} request-join-anchor - onRequestJoinAnchor (anchor): a viewer asks to co-anchor. `detail: { userId, userName, userAvatar, requestId }`.
 * @event {CustomEvent<LiveRoomEvents['anchor-accepted']>} anchor-accepted - onAnchorAccepted (viewer): the anchor accepted the request. `detail.userId` is the anchor.
 * @event {CustomEvent<LiveRoomEvents['anchor-rejected']>} anchor-rejected - onAnchorRejected (viewer). `detail: { userId, reason }`.
 * @event {CustomEvent<LiveRoomEvents['kickout-join-anchor']>} kickout-join-anchor - onKickoutJoinAnchor (co-anchor): taken off stage. `detail.userId`.
 * @event {CustomEvent<LiveRoomEvents['request-join-anchor-cancel']>} request-join-anchor-cancel - A viewer's request was withdrawn or timed out (anchor side). `detail: { userId, requestId }`.
 * @event {CustomEvent<LiveRoomEvents['coanchor-invite']>} coanchor-invite - The viewer was invited on stage. `detail: { userId, userName, userAvatar, requestId }`.
 * @event {CustomEvent<LiveRoomEvents['coanchor-invite-response']>} coanchor-invite-response - An invited viewer answered (anchor side). `detail: { userId, agree }`.
 * @event {CustomEvent<LiveRoomEvents['request-room-pk']>} request-room-pk - onRequestRoomPK (owner): another room's anchor challenges this room. `detail: { userId, userName, userAvatar, roomId }`.
 * @event {CustomEvent<LiveRoomEvents['room-pk-accepted']>} room-pk-accepted - onRoomPKAccepted. `detail.userId`.
 * @event {CustomEvent<LiveRoomEvents['room-pk-rejected']>} room-pk-rejected - onRoomPKRejected. `detail: { userId, reason }`.
 * @event {CustomEvent<LiveRoomEvents['quit-room-pk']>} quit-room-pk - onQuitRoomPK: the PK ended. `detail.userId`.
 * @event {CustomEvent<LiveRoomEvents['pk-score-change']>} pk-score-change - The PK score changed. `detail: { home, away }` (home is this room).
 * @event {CustomEvent<LiveRoomEvents['gift-receive']>} gift-receive - A gift arrived in the room. `detail: { userInfo, giftId, count, value, comboId, comboTotal, self, to? }`.
 * @event {CustomEvent<LiveRoomEvents['like-receive']>} like-receive - Likes arrived (one user's taps merged). `detail: { userInfo, count, self }`.
 * @event {CustomEvent<LiveRoomEvents['member-muted']>} member-muted - A member was muted (`mutedUntil` > 0, ms since epoch) or unmuted (0). `detail: { userId, mutedUntil }`.
 * @event {CustomEvent<LiveRoomEvents['mute-all-change']>} mute-all-change - "Mute everyone" was turned on or off. `detail.mute`.
 * @event {CustomEvent<LiveRoomEvents['member-removed']>} member-removed - A member (possibly this user) was removed. `detail: { userId, bannedUntil }`.
 * @event {CustomEvent<LiveRoomEvents['live-error']>} live-error - onError. `detail: { code, message }`.
 *
 * @slot - Overlays over the stage, such as `<barrage-layer>`.
 * @slot controls - Extra controls after the built-in ones.
 * @slot side - A side panel next to the stage (such as `<coanchor-queue>`); below the stage on narrow widths.
 *
 * @csspart base - The room's wrapper.
 * @csspart header - The bar with title, status, audience count and the People button.
 * @csspart title - The room's name.
 * @csspart status - The room's status (or the connection) in words.
 * @csspart count - The audience count.
 * @csspart people-button - The button that opens and closes the member panel.
 * @csspart notice - The room's notice, under the header (when there is one).
 * @csspart info - The room's introduction, with the Edit form for the owner or an admin.
 * @csspart main - The stage and the side panel.
 * @csspart stage - The grid of video tiles.
 * @csspart seats - A voice room's seat grid (with `scene="voice"`).
 * @csspart tile - One person's video tile.
 * @csspart empty - The message shown when nobody is on stage (or why the room closed).
 * @csspart pk-bar - The PK score bar over the stage.
 * @csspart members - The member panel (audience, counts, moderation).
 * @csspart side - The area around the `side` slot.
 * @csspart controls - The row of buttons.
 * @csspart button - Every built-in button of the room itself.
 * @csspart pk - The owner's PK controls (challenge form, waiting, incoming challenge, End PK).
 * @csspart devices - The device menu (cameras, microphones, speakers, mirror, quality).
 * @csspart beauty - The Beauty button and its panel (smoothing, brightening, rosy, sharpness, filters).
 * @csspart error - The error banner.
 * @csspart intro - The introduction text (inside `info`).
 * @csspart edit - The Edit button of the notice and introduction (owner or admin).
 * @csspart edit-form - The form that edits the status, notice and introduction.
 * @csspart counter - The bytes-left counter of an edited field.
 * @csspart member - One person in the member panel.
 * @csspart badge - A badge next to a member (Admin, Invited).
 * @csspart muted-badge - The "Muted" badge next to a member, with the time left.
 * @csspart mute-all - The "Mute everyone" switch of the member panel.
 * @csspart load-more - The member panel's Load more button.
 * @csspart pk-status - The PK state in words (waiting, incoming challenge, time left).
 * @csspart pk-timer - The PK's time left.
 * @csspart pk-form - The form that challenges another room.
 * @csspart pk-accept - Accept a PK challenge.
 * @csspart pk-reject - Reject a PK challenge.
 * @csspart pk-cancel - Withdraw a PK challenge.
 * @csspart pk-end - End the PK.
 * @csspart pk-toggle - The button that opens the PK form.
 *
 * @cssproperty --live-room-background - Background of the room.
 * @cssproperty --live-room-foreground - Text colour.
 * @cssproperty --live-room-accent - Accent colour (live badge, primary button).
 * @cssproperty --live-room-radius - Corner radius.
 * @cssproperty --live-room-gap - Spacing between parts.
 * @cssproperty --live-room-font - Font family.
 * @cssproperty --live-room-side-width - Width of the side panel next to the stage.
 * @cssproperty --live-pk-home - Colour of this room's side of the PK bar.
 * @cssproperty --live-pk-away - Colour of the other room's side of the PK bar.
 */
export class LiveRoom extends LitElement {
  static override styles = liveRoomStyles;

  /** Engine: `local` (default: the local server) or `tencent`. */
  @property() engine: EngineKind = 'local';
  /** Local engine: the server's WebSocket URL. */
  @property() server = '';
  /** Where to fetch a UserSig when `user-sig` is not given (defaults to the local server's dev endpoint). */
  @property({ attribute: 'token-url' }) tokenUrl = '';
  /** Tencent engine: the application's SDKAppID (the local engine takes the server's). */
  @property({ type: Number, attribute: 'sdk-app-id' }) sdkAppId = 0;
  /** This user's ID: letters, digits, `-` and `_`, at most 32 bytes. */
  @property({ attribute: 'user-id' }) userId = '';
  /** The user's signature, signed by your server; without it the element fetches one from `token-url`. */
  @property({ attribute: 'user-sig' }) userSig = '';
  /** Display name shown to others (defaults to the user ID). */
  @property() nickname = '';
  /** Avatar image URL shown to others. */
  @property() avatar = '';
  /** Numeric room ID, 1–4294967295 (TRTC `roomId`). */
  @property({ attribute: 'room-id' }) roomId = '';
  /** String room ID (TRTC `strRoomId`); never the same room as a numeric one. */
  @property({ attribute: 'str-room-id' }) strRoomId = '';
  /**
   * `anchor` goes live; `audience` watches. (Not `role`: that attribute is the element's ARIA role.)
   */
  @property({ reflect: true, attribute: 'user-role' }) userRole: Role = 'audience';
  /** Room name shown in the header and stored with the room (anchor). */
  @property({ attribute: 'room-name' }) roomName = '';
  /** Seats for co-anchors besides the anchor (0–49), given to the store (`setSeats`). Unset: the store's default. */
  @property({ type: Number }) seats?: number;
  /** `live` (video live streaming, default) or `voice` (a voice chat room with seats). */
  @property({ reflect: true }) scene: 'live' | 'voice' = 'live';
  /** The room's phase, reflected for styling: idle, entering, in-room, leaving, closed. */
  @property({ reflect: true }) phase: LiveRoomState['phase'] = 'idle';

  /** Whether the member panel is open. */
  @state() private peopleOpen = false;
  @state() private sideFilled = false;

  #provider = new ContextProvider(this, { context: liveRoomContext });
  #state = new StoreController<LiveRoomStore, LiveRoomState, LiveRoomState>(this, liveRoomContext, (s) => s);
  #own = new OwnStore<LiveRoomStore, LiveRoomEvents>(this, {
    provider: this.#provider,
    state: this.#state,
    config: () => this.#config(),
    create: () => this.#create(),
    failed: (error) => {
      this.#localError = error;
    },
    leave: (store) => this.#leave(store),
    events: liveRoomEventNames,
    made: (store) => void this.#start(store),
  });
  #busy = false;
  #seatsGiven?: { store: LiveRoomStore; seats: number };

  constructor() {
    super();
    // Live countdown of a removal's ban.
    new Ticker(this, () => {
      const s = this.#state.value;
      return [s?.phase === 'closed' && s.closedReason === 'removed' ? s.bannedUntil : undefined];
    });
  }

  /** The store in use: the one given, or the one the element made from its attributes. */
  get store(): LiveRoomStore | undefined {
    return this.#own.store;
  }
  set store(store: LiveRoomStore | undefined) {
    this.#own.explicit = store;
  }

  /** `role="anchor"` / `role="audience"` is accepted too, as an alias of `user-role`. */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'role'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'role') {
      if (value === 'anchor' || value === 'audience') this.userRole = value;
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  override connectedCallback(): void {
    defineVideoTile();
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const s = this.#state.value;
    const phase = s?.phase ?? 'idle';
    if (phase !== this.phase) this.phase = phase;
    if (phase !== 'in-room') this.peopleOpen = false;
    this.#own.willUpdate(changed);
    this.#applySeats();
  }

  /** Gives `seats` to the store in use (once per store and value). */
  #applySeats(): void {
    const store = this.store;
    const voice = this.scene === 'voice';
    const seats = this.seats ?? (voice ? DEFAULT_VOICE_SEATS : undefined);
    if (!store || seats === undefined || seats === null || Number.isNaN(seats)) return;
    if (this.#seatsGiven?.store === store && this.#seatsGiven.seats === seats) return;
    this.#seatsGiven = { store, seats };
    try {
      if (voice) store.setVoiceSeatCount(seats);
      else store.setSeats(seats);
    } catch (error) {
      this.#localError = toLiveError(error);
    }
  }

  /** The configuration that, when it changes, needs a new store. */
  #config(): string {
    return JSON.stringify([this.engine, this.server, this.tokenUrl, this.sdkAppId, this.userId, this.userSig, this.roomId, this.strRoomId, this.userRole, this.scene]);
  }

  /** A store made from the attributes; undefined without a user ID and a room ID. */
  #create(): LiveRoomStore | undefined {
    if (!this.userId || (!this.roomId && !this.strRoomId)) return undefined;
    const session = new Session({
      engine: this.engine,
      server: this.server || undefined,
      tokenUrl: this.tokenUrl || undefined,
      sdkAppId: this.sdkAppId || undefined,
    });
    return new LiveRoomStore(session);
  }

  #localError?: LiveError;

  /** Leaves (or ends) the room and stops the preview; OwnStore then logs out and lets the store go. */
  async #leave(store: LiveRoomStore): Promise<void> {
    const { phase, role } = store.getState();
    if (phase === 'in-room') await (role === 'anchor' ? store.destroyRoom() : store.exitRoom()).catch(() => undefined);
    await store.stopCameraPreview();
  }

  /** Parses `room-id` / `str-room-id`. */
  #room(): RoomId {
    return this.strRoomId ? stringRoom(this.strRoomId) : parseNumericRoomId(this.roomId);
  }

  async #start(store: LiveRoomStore): Promise<void> {
    try {
      const room = this.#room();
      await store.login({ userId: this.userId, userSig: this.userSig || undefined, sdkAppId: this.sdkAppId || undefined, nickname: this.nickname || undefined, avatar: this.avatar || undefined });
      if (store !== this.store) return;
      store.setScene(this.scene);
      if (this.userRole === 'anchor') await store.startCameraPreview();
      else await store.enterRoom(room);
    } catch (error) {
      // The store already recorded and announced store errors; input errors are shown here.
      if (!store.getState().error) {
        this.#localError = toLiveError(error);
        this.requestUpdate();
      }
    }
  }

  /* ───────────── actions (also usable from script) ───────────── */

  /** Anchor: creates the room and publishes the camera. */
  async goLive(): Promise<void> {
    const store = this.#need();
    await this.#run(async () => {
      await store.createRoom(this.#room(), { roomName: this.roomName || undefined });
      await store.startPublish();
    });
  }

  /** Anchor: ends the live for everyone. */
  async endLive(): Promise<void> {
    const store = this.#need();
    await this.#run(() => store.destroyRoom());
  }

  /** Audience: enters (again). */
  async enter(): Promise<void> {
    const store = this.#need();
    await this.#run(() => store.enterRoom(this.#room()));
  }

  /** Audience: leaves the room. */
  async leave(): Promise<void> {
    const store = this.#need();
    await this.#run(() => store.exitRoom());
  }

  #need(): LiveRoomStore {
    const store = this.store;
    if (!store) throw new LiveError(61014, 'The room is not configured: set user-id and room-id.');
    return store;
  }

  async #run(action: () => Promise<void>): Promise<void> {
    this.#busy = true;
    this.requestUpdate();
    try {
      await action();
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  /* ───────────── rendering ───────────── */

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this), key, params);
  }

  /** The role that the UI works for: the room's once inside it, else the element's own. */
  #role(s: LiveRoomState): Role {
    return s.phase === 'idle' || s.phase === 'closed' ? this.userRole : s.role;
  }

  /** The anchor who owns (or will create) the room, as opposed to a co-anchor or a viewer. */
  #hosting(s: LiveRoomState): boolean {
    if (s.phase === 'in-room' || s.phase === 'leaving') return s.role === 'anchor' && !!s.user && s.user.userId === s.ownerId;
    return this.#role(s) === 'anchor';
  }

  /** The room's status, as shown: a room whose anchor already publishes counts as live. */
  #roomStatus(s: LiveRoomState): RoomStatus {
    if (s.roomStatus !== 'idle') return s.roomStatus;
    const publishing = s.role === 'anchor' ? s.publishing : false;
    return publishing || s.anchors.some((a) => a.publishing && a.userId !== s.pk.peer?.userId) ? 'live' : 'idle';
  }

  #banLeft(s: LiveRoomState): number {
    return s.phase === 'closed' && s.closedReason === 'removed' ? Math.max(0, (s.bannedUntil ?? 0) - Date.now()) : 0;
  }

  #status(s: LiveRoomState): { text: string; live: boolean } {
    const role = this.#role(s);
    if (s.phase === 'closed') {
      const key: StringKey = s.closedReason === 'kicked-offline' ? 'kickedOffline' : s.closedReason === 'exited' ? 'exited' : s.closedReason === 'removed' ? 'lrStatusRemoved' : 'ended';
      return { text: this.#t(key), live: false };
    }
    if (s.connection === 'connecting') return { text: this.#t('connecting'), live: false };
    if (s.connection !== 'connected' && !s.online) return { text: this.#t('offline'), live: false };
    if (s.connection === 'reconnecting') return { text: this.#t('reconnecting'), live: false };
    if (s.connection === 'disconnected') return { text: this.#t('disconnected'), live: false };
    if (s.phase === 'entering' || s.phase === 'leaving') return { text: this.#t('entering'), live: false };
    if (s.phase === 'in-room') {
      const status = this.#roomStatus(s);
      return { text: this.#t(roomStatusKeys[status]), live: status === 'live' };
    }
    return { text: role === 'anchor' && s.previewing ? this.#t('preview') : this.#t('connected'), live: false };
  }

  protected override render() {
    const s = this.#state.value;
    const store = this.store;
    if (!s || !store) {
      return html`<div part="base" class="base"><div part="empty" class="empty">${this.#localError ? errorText(langOf(this), this.#localError) : this.#t('notConfigured')}</div></div>`;
    }
    const lang = langOf(this);
    const status = this.#status(s);
    const error = s.error ?? this.#localError;
    const name = s.roomInfo?.name || this.roomName || (s.room ? String(s.room.id) : '');
    const inRoom = s.phase === 'in-room';
    const moderator = inRoom && canModerate(s);
    return html`
      <div part="base" class="base">
        <header part="header">
          <span part="title" class="title">${name}</span>
          <span part="status" class=${status.live ? 'status live' : 'status'} role="status">${status.text}</span>
          ${inRoom ? html`<span part="count" class="count">${this.#t('viewers', { n: s.onlineCount })}</span>` : nothing}
          ${inRoom
            ? html`<button
                part="button people-button"
                class="people"
                aria-expanded=${this.peopleOpen ? 'true' : 'false'}
                aria-controls=${this.peopleOpen ? 'members-panel' : nothing}
                @click=${() => this.#setPeople(!this.peopleOpen)}
              >${this.#t('lrPeople')}</button>`
            : nothing}
        </header>
        ${inRoom && s.notice
          ? html`<p part="notice" class="notice"><span class="notice-label">${this.#t('lrNotice')}</span><span class="notice-text">${s.notice}</span></p>`
          : nothing}
        ${inRoom && (s.intro || moderator)
          ? (parts.info.need(), html`<live-room-info part="info" exportparts="intro, edit, edit-form, counter" lang=${lang} .store=${store} .state=${s} ?can-edit=${moderator}></live-room-info>`)
          : nothing}
        <div part="main" class=${this.sideFilled ? 'main with-side' : 'main'}>
          <div class="stage-col">
            ${inRoom && s.pk.state === 'active' ? this.#renderPkBar(s, lang) : nothing}
            <div class="stage-wrap">
              ${s.scene === 'voice' || this.scene === 'voice' ? (parts.seats.need(), html`<live-seat-grid part="seats" .store=${store} .room=${s}></live-seat-grid>`) : this.#renderStage(s, store)}
              ${s.autoplayBlocked ? html`<button part="button" class="unmute" @click=${() => store.resumeAudio()}>${this.#t('tapToUnmute')}</button>` : nothing}
              <div class="overlay"><slot></slot></div>
              ${this.peopleOpen && inRoom
                ? (parts.members.need(), html`<live-member-list
                    id="members-panel"
                    part="members"
                    exportparts="member, badge, muted-badge, mute-all, load-more"
                    class="members"
                    lang=${lang}
                    .store=${store}
                    .state=${s}
                    @panel-close=${() => this.#setPeople(false)}
                  ></live-member-list>`)
                : nothing}
            </div>
          </div>
          <div part="side" class="side" ?hidden=${!this.sideFilled}><slot name="side" @slotchange=${this.#sideChanged}></slot></div>
        </div>
        ${error
          ? html`<div part="error" class="error" role="alert"><span>${errorText(lang, error)}</span><button part="button" @click=${this.#dismissError}>${this.#t('dismiss')}</button></div>`
          : nothing}
        <div part="controls" class="controls" role="group" aria-label=${this.#t('roomControls')}>${this.#renderControls(s, store, lang)}<slot name="controls"></slot></div>
      </div>
    `;
  }

  /** Opens or closes the member panel; the focus moves into it, and back to People when it closes. */
  #setPeople(open: boolean): void {
    this.peopleOpen = open;
    void this.updateComplete.then(async () => {
      if (!open) return this.renderRoot.querySelector<HTMLButtonElement>('button.people')?.focus();
      await parts.members.defined;
      const panel = this.renderRoot.querySelector('live-member-list');
      await panel?.updateComplete;
      panel?.shadowRoot?.querySelector<HTMLButtonElement>('button[part~="close"]')?.focus();
    });
  }

  #sideChanged = (event: Event): void => {
    this.sideFilled = (event.target as HTMLSlotElement).assignedElements().length > 0;
  };

  #dismissError = (): void => {
    this.#localError = undefined;
    this.store?.clearError();
    this.requestUpdate();
  };

  #renderPkBar(s: LiveRoomState, lang: string) {
    const peer = s.pk.peer;
    const self = s.user?.userId;
    const owner = self && self === s.ownerId ? s.user : s.anchors.find((a) => a.userId === s.ownerId);
    const homeName = owner?.nickname || s.ownerId || s.roomInfo?.name || '';
    parts.pkBar.need();
    return html`<live-pk-bar
      part="pk-bar"
      class="pk-bar"
      lang=${lang}
      .home=${{ name: homeName, score: s.pk.score.home }}
      .away=${{ name: peer?.nickname || peer?.userId || '', score: s.pk.score.away }}
    ></live-pk-bar>`;
  }

  #renderStage(s: LiveRoomState, store: LiveRoomStore) {
    const showLocal = this.#role(s) === 'anchor' && s.previewing && s.phase !== 'closed';
    // The owner first, then co-anchors in order of entry (oneself among them), the PK guest last.
    const rank = (userId: string | undefined) => (userId === s.ownerId ? 0 : s.pk.peer && userId === s.pk.peer.userId ? 2 : 1);
    const entries: Array<{ local: true; rank: number } | { local: false; rank: number; anchor: LiveRoomState['anchors'][number] }> = [];
    if (showLocal) entries.push({ local: true, rank: this.#hosting(s) ? 0 : 1 });
    for (const anchor of s.anchors) entries.push({ local: false, rank: rank(anchor.userId), anchor });
    entries.sort((a, b) => a.rank - b.rank);
    const tiles = entries.map((e) =>
      e.local
        ? html`<live-video-tile part="tile" data-local .stream=${store.localStream} ?speaking=${(s.volumes[s.user?.userId ?? ''] ?? 0) >= 8 && !s.audioMuted} ?mirror=${s.mirror} ?has-video=${!s.videoMuted} label=${this.#t('you')} .placeholderText=${this.#t('noVideo')}></live-video-tile>`
        : html`<live-video-tile part="tile" .store=${store} user-id=${e.anchor.userId} ?speaking=${(s.volumes[e.anchor.userId] ?? 0) >= 8} ?has-video=${e.anchor.video} label=${e.anchor.nickname || e.anchor.userId} .placeholderText=${this.#t('noVideo')}></live-video-tile>`,
    );
    if (tiles.length === 0) {
      let text = s.phase === 'in-room' ? this.#t('waitingForAnchor') : this.#status(s).text;
      if (s.phase === 'closed' && s.closedReason === 'removed') {
        const left = this.#banLeft(s);
        text = `${this.#t('lrRemoved')} ${left > 0 ? this.#t('lrComeBackIn', { time: formatCountdown(left) }) : this.#t('lrComeBackNow')}`;
      }
      return html`<div part="stage" class="stage" data-count="0" aria-label=${this.#t('stage')}><div part="empty" class="empty">${text}</div></div>`;
    }
    const layout = tiles.length <= 2 ? String(tiles.length) : tiles.length <= 4 ? '4' : tiles.length <= 9 ? '9' : 'many';
    return html`<div part="stage" class="stage" data-count=${tiles.length} data-layout=${layout} aria-label=${this.#t('stage')}>${tiles}</div>`;
  }

  #renderControls(s: LiveRoomState, store: LiveRoomStore, lang: string) {
    const busy = this.#busy || s.phase === 'entering' || s.phase === 'leaving';
    const loggedIn = !!s.user;
    const inRoom = s.phase === 'in-room';
    const hosting = this.#hosting(s);
    const buttons = [];
    if (hosting) {
      if (inRoom) {
        buttons.push(html`<button part="button" class="primary" ?disabled=${busy} @click=${() => this.endLive().catch(() => undefined)}>${this.#t('endLive')}</button>`);
      } else {
        buttons.push(html`<button part="button" class="primary" ?disabled=${busy || !loggedIn} @click=${() => this.goLive().catch(() => undefined)}>${this.#t('goLive')}</button>`);
      }
      if (!s.previewing && !inRoom) {
        buttons.push(html`<button part="button" ?disabled=${busy || !loggedIn} @click=${() => store.startCameraPreview().catch(() => undefined)}>${this.#t('startCamera')}</button>`);
      }
    } else if (inRoom || s.phase === 'entering') {
      buttons.push(html`<button part="button" ?disabled=${busy} @click=${() => this.leave().catch(() => undefined)}>${this.#t('leave')}</button>`);
    } else if (s.closedReason !== 'destroyed' || s.phase !== 'closed') {
      const banned = this.#banLeft(s) > 0;
      buttons.push(html`<button part="button" class="primary" ?disabled=${busy || !loggedIn || banned} @click=${() => this.enter().catch(() => undefined)}>${this.#t('enter')}</button>`);
    }
    if (s.previewing && s.phase !== 'closed') {
      buttons.push(html`<button part="button" aria-pressed=${s.audioMuted ? 'true' : 'false'} @click=${() => store.muteLocalAudio(!s.audioMuted).catch(() => undefined)}>${s.audioMuted ? this.#t('unmute') : this.#t('mute')}</button>`);
      buttons.push(html`<button part="button" aria-pressed=${s.videoMuted ? 'true' : 'false'} @click=${() => store.muteLocalVideo(!s.videoMuted).catch(() => undefined)}>${s.videoMuted ? this.#t('cameraOn') : this.#t('cameraOff')}</button>`);
    }
    if (inRoom) {
      buttons.push(html`<button part="button" class="mute-all-sound" aria-pressed=${s.allRemoteAudioMuted ? 'true' : 'false'} @click=${() => store.muteAllRemoteAudio(!s.allRemoteAudioMuted)}>${this.#t('lrMuteAllSound')}</button>`);
    }
    if (inRoom && hosting) {
      parts.pk.need();
      buttons.push(html`<live-pk-panel part="pk" exportparts="pk-status, pk-timer, pk-form, pk-accept, pk-reject, pk-cancel, pk-end, pk-toggle" lang=${lang} .store=${store} .state=${s}></live-pk-panel>`);
    }
    if ((s.previewing || s.publishing) && s.phase !== 'closed') {
      parts.devices.need();
      buttons.push(html`<live-device-menu part="devices" lang=${lang} .store=${store} .state=${s}></live-device-menu>`);
    }
    // Beauty (anchor and co-anchors, while the camera is on): internal/beauty-panel.ts
    if (s.previewing && s.phase !== 'closed' && this.#role(s) === 'anchor') {
      parts.beauty.need();
      buttons.push(html`<live-beauty-panel part="beauty" toggle lang=${lang} .manager=${store.getBeautyManager()} .stream=${store.localStream} ?mirror=${s.mirror}></live-beauty-panel>`);
    }
    return buttons;
  }
}

type LiveRoomEventMap = { [K in (typeof liveRoomEventNames)[number]]: CustomEvent<LiveRoomEvents[K]> };

declare global {
  interface GlobalEventHandlersEventMap extends LiveRoomEventMap {}
}
