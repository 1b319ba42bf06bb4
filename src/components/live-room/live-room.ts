import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { liveRoomContext } from '../../context/live-room-context.js';
import { StoreController } from '../../context/store-controller.js';
import type { Role } from '../../core/engines/types.js';
import { LiveError, toLiveError } from '../../core/errors.js';
import { LiveRoomStore, type LiveRoomEvents, type LiveRoomState } from '../../core/store/live-room-store.js';
import { liveRoomEventNames } from '../../core/store/live-room-types.js';
import { Session, type EngineKind } from '../../core/store/session.js';
import { parseNumericRoomId, stringRoom, type RoomId } from '../../core/validation.js';
import { errorText, langOf, t, type StringKey } from '../../internal/strings.js';
import { defineVideoTile } from '../../internal/video-tile.js';
import { liveRoomStyles } from './live-room.styles.js';

export { liveRoomEventNames };

/**
 * A live room: an anchor previews, goes live and ends the live; viewers enter and watch.
 * Creates its store from its attributes (or takes `.store`) and provides it to the elements
 * inside it (`<barrage-layer>`, `<gift-panel>`, `<coanchor-queue>`).
 *
 * @summary A complete live room: stage, status, audience count and controls, on the local engine or Tencent RTC.
 * @tag live-room
 *
 * @event enter-room - onEnterRoom. `detail.result` > 0 is how long entering took (ms); < 0 is an error code.
 * @event anchor-enter - onAnchorEnter: an anchor or co-anchor appeared. `detail: { userId, userName, userAvatar }`.
 * @event anchor-exit - onAnchorExit: an anchor or co-anchor left. `detail: { userId, userName, userAvatar }`.
 * @event audience-enter - onAudienceEnter. `detail.userInfo: { userId, nickname, avatar }`.
 * @event audience-exit - onAudienceExit. `detail: { userId, userName, userAvatar }`.
 * @event room-destroy - onRoomDestroy: the anchor ended the live. `detail.roomId`.
 * @event kicked-offline - onKickedOffline: the same user ID logged in elsewhere. `detail.reason`.
 * @event user-video-available - onUserVideoAvailable. `detail: { userId, available }`.
 * @event user-audio-available - A remote user's audio turned on or off. `detail: { userId, available }`.
 * @event first-video-frame - The first frame of a remote user's video was shown. `detail.userId`.
 * @event autoplay-blocked - The browser blocked sound until a click; the room shows a button for it. `detail.userId`.
 * @event recv-room-text-msg - onRecvRoomTextMsg. `detail: { message, userInfo }`.
 * @event recv-room-custom-msg - onRecvRoomCustomMsg. `detail: { command, message, userInfo }`.
 * @event live-error - onError. `detail: { code, message }`.
 *
 * @slot - Overlays over the stage, such as `<barrage-layer>`.
 * @slot controls - Extra controls after the built-in ones.
 *
 * @csspart base - The room's wrapper.
 * @csspart header - The bar with title, status and audience count.
 * @csspart title - The room's name.
 * @csspart status - The connection / live status in words.
 * @csspart count - The audience count.
 * @csspart stage - The grid of video tiles.
 * @csspart tile - One person's video tile.
 * @csspart empty - The message shown when nobody is on stage.
 * @csspart controls - The row of buttons.
 * @csspart button - Every built-in button.
 * @csspart error - The error banner.
 *
 * @cssproperty --live-room-background - Background of the room.
 * @cssproperty --live-room-foreground - Text colour.
 * @cssproperty --live-room-accent - Accent colour (live badge, primary button).
 * @cssproperty --live-room-radius - Corner radius.
 * @cssproperty --live-room-gap - Spacing between parts.
 * @cssproperty --live-room-font - Font family.
 */
export class LiveRoom extends LitElement {
  static override styles = liveRoomStyles;

  /** Engine: `local` (default: the local server) or `tencent`. */
  @property() engine: EngineKind = 'local';
  /** Local engine: the server's WebSocket URL. */
  @property() server = '';
  /** Where to fetch a UserSig when `user-sig` is not given (defaults to the local server's dev endpoint). */
  @property({ attribute: 'token-url' }) tokenUrl = '';
  @property({ type: Number, attribute: 'sdk-app-id' }) sdkAppId = 0;
  @property({ attribute: 'user-id' }) userId = '';
  @property({ attribute: 'user-sig' }) userSig = '';
  @property() nickname = '';
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
  /** The room's phase, reflected for styling: idle, entering, in-room, leaving, closed. */
  @property({ reflect: true }) phase: LiveRoomState['phase'] = 'idle';

  #provider = new ContextProvider(this, { context: liveRoomContext });
  #state = new StoreController<LiveRoomStore, LiveRoomState, LiveRoomState>(this, liveRoomContext, (s) => s);
  #explicitStore?: LiveRoomStore;
  #ownStore?: LiveRoomStore;
  #offEvents: Array<() => void> = [];
  #configKey = '';
  #busy = false;

  /** The store in use: the one given, or the one the element made from its attributes. */
  get store(): LiveRoomStore | undefined {
    return this.#explicitStore ?? this.#ownStore;
  }
  set store(store: LiveRoomStore | undefined) {
    this.#explicitStore = store;
    this.#bind();
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
    this.#bind();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#dropOwnStore();
    this.#bindEvents(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const phase = this.#state.value?.phase ?? 'idle';
    if (phase !== this.phase) this.phase = phase;
    if (changed.size > 0 && !this.#explicitStore) this.#maybeRebuild();
  }

  /** The configuration that, when it changes, needs a new store. */
  #config(): string {
    return JSON.stringify([this.engine, this.server, this.tokenUrl, this.sdkAppId, this.userId, this.userSig, this.roomId, this.strRoomId, this.userRole]);
  }

  #maybeRebuild(): void {
    const key = this.#config();
    if (key === this.#configKey || !this.isConnected) return;
    this.#configKey = key;
    this.#dropOwnStore();
    if (!this.userId || (!this.roomId && !this.strRoomId)) {
      this.#bind();
      return;
    }
    try {
      const session = new Session({
        engine: this.engine,
        server: this.server || undefined,
        tokenUrl: this.tokenUrl || undefined,
        sdkAppId: this.sdkAppId || undefined,
      });
      this.#ownStore = new LiveRoomStore(session);
    } catch (error) {
      this.#localError = toLiveError(error);
      this.#bind();
      return;
    }
    this.#bind();
    void this.#start(this.#ownStore);
  }

  #localError?: LiveError;

  #dropOwnStore(): void {
    const store = this.#ownStore;
    if (!store) return;
    this.#ownStore = undefined;
    this.#configKey = '';
    void (async () => {
      const { phase, role } = store.getState();
      if (phase === 'in-room') await (role === 'anchor' ? store.destroyRoom() : store.exitRoom()).catch(() => undefined);
      await store.stopCameraPreview().catch(() => undefined);
      await store.logout().catch(() => undefined);
      store.destroy();
      store.session.destroy();
    })();
  }

  #bind(): void {
    const store = this.store;
    this.#provider.setValue(store);
    this.#state.setExplicit(store);
    this.#bindEvents(store);
  }

  #boundTo?: LiveRoomStore;
  #bindEvents(store: LiveRoomStore | undefined): void {
    if (store === this.#boundTo) return;
    for (const off of this.#offEvents) off();
    this.#offEvents = [];
    this.#boundTo = store;
    if (!store) return;
    for (const name of liveRoomEventNames) {
      this.#offEvents.push(store.on(name, (detail) => this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }))));
    }
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

  #status(s: LiveRoomState): { text: string; live: boolean } {
    const role = this.#role(s);
    if (s.phase === 'closed') {
      const key = s.closedReason === 'kicked-offline' ? 'kickedOffline' : s.closedReason === 'exited' ? 'exited' : 'ended';
      return { text: this.#t(key), live: false };
    }
    if (s.connection === 'connecting') return { text: this.#t('connecting'), live: false };
    if (s.connection === 'reconnecting') return { text: this.#t('reconnecting'), live: false };
    if (s.connection === 'disconnected') return { text: this.#t('disconnected'), live: false };
    if (s.phase === 'entering' || s.phase === 'leaving') return { text: this.#t('entering'), live: false };
    if (s.phase === 'in-room') {
      const live = role === 'anchor' ? s.publishing : s.anchors.length > 0;
      return { text: live ? this.#t('live') : role === 'anchor' ? this.#t('preview') : this.#t('waitingForAnchor'), live };
    }
    return { text: role === 'anchor' && s.previewing ? this.#t('preview') : this.#t('connected'), live: false };
  }

  protected override render() {
    const s = this.#state.value;
    const store = this.store;
    if (!s || !store) {
      return html`<div part="base" class="base"><div part="empty" class="empty">${this.#localError ? errorText(langOf(this), this.#localError) : this.#t('notConfigured')}</div></div>`;
    }
    const status = this.#status(s);
    const error = s.error ?? this.#localError;
    const name = s.roomInfo?.name || this.roomName || (s.room ? String(s.room.id) : '');
    return html`
      <div part="base" class="base">
        <header part="header">
          <span part="title" class="title">${name}</span>
          <span part="status" class=${status.live ? 'status live' : 'status'} role="status">${status.text}</span>
          ${s.phase === 'in-room' ? html`<span part="count" class="count">${this.#t('viewers', { n: s.onlineCount })}</span>` : nothing}
        </header>
        <div class="stage-wrap">
          ${this.#renderStage(s, store)}
          ${s.autoplayBlocked ? html`<button part="button" class="unmute" @click=${() => store.resumeAudio()}>${this.#t('tapToUnmute')}</button>` : nothing}
          <div class="overlay"><slot></slot></div>
        </div>
        ${error
          ? html`<div part="error" class="error" role="alert"><span>${errorText(langOf(this), error)}</span><button part="button" @click=${this.#dismissError}>${this.#t('dismiss')}</button></div>`
          : nothing}
        <div part="controls" class="controls" role="group" aria-label=${this.#t('roomControls')}>${this.#renderControls(s)}<slot name="controls"></slot></div>
      </div>
    `;
  }

  #dismissError = (): void => {
    this.#localError = undefined;
    this.store?.clearError();
    this.requestUpdate();
  };

  #renderStage(s: LiveRoomState, store: LiveRoomStore) {
    const tiles = [];
    const showLocal = this.#role(s) === 'anchor' && s.previewing && s.phase !== 'closed';
    if (showLocal) {
      tiles.push(html`<live-video-tile part="tile" data-local .stream=${store.localStream} mirror ?has-video=${!s.videoMuted} label=${this.#t('you')} .placeholderText=${this.#t('noVideo')}></live-video-tile>`);
    }
    for (const anchor of s.anchors) {
      tiles.push(html`<live-video-tile part="tile" .store=${store} user-id=${anchor.userId} ?has-video=${anchor.video} label=${anchor.nickname || anchor.userId} .placeholderText=${this.#t('noVideo')}></live-video-tile>`);
    }
    if (tiles.length === 0) {
      const text = s.phase === 'closed' ? this.#status(s).text : s.phase === 'in-room' ? this.#t('waitingForAnchor') : this.#status(s).text;
      return html`<div part="stage" class="stage" data-count="0" aria-label=${this.#t('stage')}><div part="empty" class="empty">${text}</div></div>`;
    }
    return html`<div part="stage" class="stage" data-count=${tiles.length} aria-label=${this.#t('stage')}>${tiles}</div>`;
  }

  #renderControls(s: LiveRoomState) {
    const busy = this.#busy || s.phase === 'entering' || s.phase === 'leaving';
    const loggedIn = !!s.user;
    const buttons = [];
    if (this.#role(s) === 'anchor') {
      if (s.phase === 'in-room') {
        buttons.push(html`<button part="button" class="primary" ?disabled=${busy} @click=${() => this.endLive().catch(() => undefined)}>${this.#t('endLive')}</button>`);
      } else {
        buttons.push(html`<button part="button" class="primary" ?disabled=${busy || !loggedIn} @click=${() => this.goLive().catch(() => undefined)}>${this.#t('goLive')}</button>`);
      }
      if (!s.previewing && s.phase !== 'in-room') {
        buttons.push(html`<button part="button" ?disabled=${busy || !loggedIn} @click=${() => this.store?.startCameraPreview().catch(() => undefined)}>${this.#t('startCamera')}</button>`);
      }
      if (s.previewing) {
        buttons.push(html`<button part="button" aria-pressed=${s.audioMuted ? 'true' : 'false'} @click=${() => this.store?.muteLocalAudio(!s.audioMuted).catch(() => undefined)}>${s.audioMuted ? this.#t('unmute') : this.#t('mute')}</button>`);
        buttons.push(html`<button part="button" aria-pressed=${s.videoMuted ? 'true' : 'false'} @click=${() => this.store?.muteLocalVideo(!s.videoMuted).catch(() => undefined)}>${s.videoMuted ? this.#t('cameraOn') : this.#t('cameraOff')}</button>`);
      }
    } else if (s.phase === 'in-room' || s.phase === 'entering') {
      buttons.push(html`<button part="button" ?disabled=${busy} @click=${() => this.leave().catch(() => undefined)}>${this.#t('leave')}</button>`);
    } else if (s.closedReason !== 'destroyed') {
      buttons.push(html`<button part="button" class="primary" ?disabled=${busy || !loggedIn} @click=${() => this.enter().catch(() => undefined)}>${this.#t('enter')}</button>`);
    }
    return buttons;
  }
}

type LiveRoomEventMap = { [K in (typeof liveRoomEventNames)[number]]: CustomEvent<LiveRoomEvents[K]> };

declare global {
  interface GlobalEventHandlersEventMap extends LiveRoomEventMap {}
}
