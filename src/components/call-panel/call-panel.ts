import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { StoreController } from '../../context/store-controller.js';
import type { UserProfile } from '../../core/engines/types.js';
import { ErrorCode, LiveError, toLiveError } from '../../core/errors.js';
import { CallStore, callEventNames, type CallEvents, type CallState, type CallStatus, type CallType, type InviteeState } from '../../core/store/call-store.js';
import { Session, type EngineKind } from '../../core/store/session.js';
import { formatDuration } from '../../internal/call-clock.js';
import { callStoreContext } from '../../internal/call-context.js';
import { CallRing, type Ringer } from '../../internal/call-ring.js';
import { formatCountdown, Ticker } from '../../internal/countdown.js';
import { Lazy } from '../../internal/lazy.js';
import { LazyView, updateCompleteWith } from '../../internal/lazy-view.js';
import { OwnStore } from '../../internal/own-store.js';
import { errorText, langOf } from '../../internal/i18n.js';
import { callPanelStyles } from './call-panel.styles.js';
import type { StageHost } from './call-stage.js';
import { t, type StringKey } from './call-words.js';

/** Where the call stage goes while its code is on its way. */
const arriving = html`<section class="stage" aria-busy="true"></section>`;

/** The call itself (video, controls, minimised window): fetched when a call starts or rings (call-stage.ts). */
const stageCode = new Lazy(() => import('./call-stage.js'), { what: 'the call stage' });

export { callEventNames };

const inviteeStateKeys: Record<InviteeState, StringKey> = {
  waiting: 'cpStateWaiting',
  accepted: 'cpStateAccepted',
  rejected: 'cpStateRejected',
  'no-response': 'cpStateNoResponse',
  busy: 'cpStateBusy',
  left: 'cpStateLeft',
  cancelled: 'cpStateCancelled',
};

/** Codes whose words the panel words itself (the store's messages are English). */
const errorKeys: Partial<Record<number, StringKey>> = {
  [ErrorCode.INVALID_USER_ID]: 'cpErrInvalidUserId',
  [ErrorCode.USER_NOT_FOUND]: 'cpErrNotOnline',
};

interface LastCall {
  callId: string;
  wasSponsor: boolean;
  /** Whom "Call again" (or "Call back") calls. */
  targets: string[];
  type: CallType;
  isGroup: boolean;
  groupId?: string;
  connectedAt?: number;
  endedAfter?: number;
  lastLeft?: string;
  lastRejected?: string;
  lastBusy?: string;
}

/**
 * One-to-one and group audio/video calls with TRTCCalling's behaviour (seed 002): a dialer, the
 * outgoing call with a countdown, the incoming call with a ring and Accept / Accept with audio
 * only / Reject, the call itself (remote video with the local picture-in-picture, or a grid for
 * a group with tiles for who is still ringing), mute / camera / speaker / devices / switch
 * between audio and video, a duration timer, a minimised floating window, and an ending that
 * says why the call ended. Creates its `CallStore` from its attributes (or takes `.store`),
 * logs in, provides the store to its descendants, and re-dispatches every store event.
 *
 * Methods for pages: `call(userID, type)`, `groupCall(userIDList, type, groupID?)`,
 * `accept(audioOnly?)`, `reject()`, `hangup()`; each rejects with a `LiveError` (`code`, `message`)
 * that the panel also shows in words.
 *
 * @summary Audio and video calls, one-to-one and group, with TRTCCalling parity: dial, ring, answer, talk, minimise, hang up.
 * @tag call-panel
 *
 * @attr {'light' | 'dark'} theme - Forces the light or the dark look; without it the element follows the page's `prefers-color-scheme`.
 * @attr {string} lang - Language of the element's words (`en`, `zh-CN`); without it, the closest ancestor's `lang`, else the page's.
 *
 * @event {CustomEvent<CallEvents['sdk-ready']>} sdk-ready - SDK_READY: logged in, calls possible. `detail: {}`.
 * @event {CustomEvent<CallEvents['invited']>} invited - INVITED (invitee). `detail: { sponsor, userIDList, isFromGroup, inviteData: { callType, roomID }, inviteID }`.
 * @event {CustomEvent<CallEvents['reject']>} reject - REJECT (inviter): an invitee declined. `detail: { userID }`.
 * @event {CustomEvent<CallEvents['no-resp']>} no-resp - NO_RESP (inviter): these invitees did not answer in time. `detail: { userID, userIDList }`.
 * @event {CustomEvent<CallEvents['line-busy']>} line-busy - LINE_BUSY (inviter): the invitee is on another call. `detail: { userID }`.
 * @event {CustomEvent<CallEvents['calling-cancel']>} calling-cancel - CALLING_CANCEL (invitee): the inviter cancelled. `detail: { inviteID }`.
 * @event {CustomEvent<CallEvents['calling-timeout']>} calling-timeout - CALLING_TIMEOUT (invitee): the invitation ran out unanswered. `detail: { inviteID }`.
 * @event {CustomEvent<CallEvents['user-enter']>} user-enter - USER_ENTER: someone joined the call. `detail: { userID }`.
 * @event {CustomEvent<CallEvents['user-leave']>} user-leave - USER_LEAVE: someone left the call. `detail: { userID }`.
 * @event {CustomEvent<CallEvents['group-call-invitee-list-update']>} group-call-invitee-list-update - GROUP_CALL_INVITEE_LIST_UPDATE. `detail: { userIDList }` (those ringing or in the call).
 * @event {CustomEvent<CallEvents['call-end']>} call-end - CALL_END. `detail: { reason }`: hangup, remote-hangup, rejected, declined, busy, no-answer, cancelled, timeout, kicked-out, permission-denied, device-missing or error.
 * @event {CustomEvent<CallEvents['kicked-out']>} kicked-out - KICKED_OUT: the same user logged in elsewhere. `detail: {}`.
 * @event {CustomEvent<CallEvents['user-video-available']>} user-video-available - USER_VIDEO_AVAILABLE. `detail: { userID, isVideoAvailable }`.
 * @event {CustomEvent<CallEvents['user-audio-available']>} user-audio-available - USER_AUDIO_AVAILABLE. `detail: { userID, isAudioAvailable }`.
 * @event {CustomEvent<CallEvents['call-type-change']>} call-type-change - The call switched between audio (1) and video (2). `detail: { type }`.
 * @event {CustomEvent<CallEvents['call-error']>} call-error - ERROR, with the seed's codes (60001–60006) among the kit's. `detail: { code, message }`.
 *
 * @csspart base - The panel's wrapper.
 * @csspart announcer - The visually hidden assertive live region that announces an incoming call.
 * @csspart dialer - The idle form: user ID(s), Video call and Audio call.
 * @csspart input - The user ID field of the dialer.
 * @csspart who - Who is signed in (dialer).
 * @csspart why - Why calling is not possible yet (dialer).
 * @csspart outgoing - The outgoing call: callee, "Calling…", countdown, invitees, Cancel.
 * @csspart incoming - The incoming call: caller, call type, Accept, Accept with audio only, Reject.
 * @csspart avatar - The round picture (or initial) of the other party.
 * @csspart name - The other party's name (or "Group call").
 * @csspart call-type - The call type of an incoming call.
 * @csspart countdown - The time left before an unanswered call gives up.
 * @csspart invitees - The list of invitees with how each stands (group calls).
 * @csspart stage - The call in progress: header, videos, controls.
 * @csspart tile - One person's picture in the call (remote, local or waiting).
 * @csspart remote - The remote person's tile (with `tile`).
 * @csspart local - The local user's tile (with `tile`).
 * @csspart pip - The small picture-in-picture of a one-to-one call.
 * @csspart swap - The button over the picture-in-picture that swaps the two videos.
 * @csspart grid - The grid of a group call.
 * @csspart waiting - The tile of an invitee still ringing (with `tile`).
 * @csspart indicator - A mute, camera-off or network indicator on a tile.
 * @csspart duration - The call's duration timer.
 * @csspart controls - A row of call buttons.
 * @csspart button - Every button of the panel.
 * @csspart devices - The device menu (cameras, microphones, speakers).
 * @csspart minimised - The small floating window of a minimised call.
 * @csspart end - The ending: why the call ended, its duration, Call again and Close.
 * @csspart error - The error banner.
 * @csspart video-call - The dialer's Video call button (also `button`).
 * @csspart audio-call - The dialer's Audio call button (also `button`).
 * @csspart minimise - The Minimise button (also `button`).
 * @csspart cancel - Cancel, while calling out (also `button`).
 * @csspart accept - Accept an incoming call (also `button`).
 * @csspart accept-audio - Accept an incoming video call with audio only (also `button`).
 * @csspart reject - Decline an incoming call (also `button`).
 * @csspart mic - The microphone on/off button in a call (also `button`).
 * @csspart camera - The camera on/off button in a call (also `button`).
 * @csspart speaker - The speaker on/off button in a call (also `button`).
 * @csspart switch - The switch-camera button (also `button`).
 * @csspart hangup - The Hang up button (also `button`).
 * @csspart move - The handle that moves the minimised window, with the mouse or the arrow keys (also `button`).
 * @csspart restore - The button that restores a minimised call (also `button`).
 * @csspart call-again - Call again (or Call back) after a call ended (also `button`).
 * @csspart close - Close the ending (also `button`).
 * @csspart mic-off - The indicator that a remote person's microphone is off (also `indicator`).
 * @csspart camera-off - The indicator that a remote person's camera is off (also `indicator`).
 * @csspart network - A remote person's network quality (also `indicator`).
 *
 * @cssproperty --call-panel-background - Background of the panel and its minimised window.
 * @cssproperty --call-panel-foreground - Text colour.
 * @cssproperty --call-panel-accent - Accent colour (primary buttons, avatar, focus ring).
 * @cssproperty --call-panel-accept - Background of the Accept button.
 * @cssproperty --call-panel-danger - Background of Reject, Cancel and Hang up.
 * @cssproperty --call-panel-radius - Corner radius.
 * @cssproperty --call-panel-gap - Spacing between parts.
 * @cssproperty --call-panel-font - Font family.
 * @cssproperty --call-panel-min-height - Minimum height of the panel.
 * @cssproperty --call-panel-mini-width - Width of the minimised window.
 */
export class CallPanel extends LitElement {
  static override styles = callPanelStyles;

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
  /** Seconds an unanswered invitation rings (CallStore `timeoutMs`); 30 when unset or not positive. */
  @property({ type: Number, attribute: 'call-timeout' }) callTimeout = 30;
  /** Seconds the ending stays before the panel returns to the dialer; 0 keeps it until Close. */
  @property({ type: Number, attribute: 'dismiss-after' }) dismissAfter = 5;
  /** No ring for incoming calls (the page plays its own, or none). */
  @property({ type: Boolean, attribute: 'no-ring' }) noRing = false;
  /** Whether the call shows as a small floating window (only during a call). */
  @property({ type: Boolean, reflect: true }) minimised = false;
  /** The call's status, reflected for styling: idle, calling, incoming, connected, ended. */
  @property({ reflect: true }) status: CallStatus = 'idle';
  /** The ring of incoming calls; replace it to use another sound (or to observe it). */
  @property({ attribute: false }) ringer: Ringer = new CallRing();

  @state() private dialValue = '';
  @state() private dialError?: StringKey;
  @state() private busy = false;
  @state() private swapped = false;
  @state() private speakerOff = false;

  #provider = new ContextProvider(this, { context: callStoreContext });
  #state = new StoreController<CallStore, CallState, CallState>(this, callStoreContext, (s) => s);
  #own = new OwnStore<CallStore, CallEvents>(this, {
    provider: this.#provider,
    state: this.#state,
    config: () => this.#config(),
    create: () => this.#create(),
    failed: (error) => {
      this.#localError = error;
    },
    leave: (store) => this.#leave(store),
    events: callEventNames,
    listen: (store) => this.#listen(store),
    made: (store) => void this.#login(store),
  });
  #localError?: LiveError;
  #loginError?: LiveError;
  #kicked = false;
  #names = new Map<string, string>();
  #avatars = new Map<string, string>();
  #last?: LastCall;
  #dismissTimer?: ReturnType<typeof setTimeout>;
  #focusInside = false;
  /** The call itself: fetched when a call starts or rings, made with what it needs of the panel. */
  #stage = new LazyView(
    this,
    stageCode,
    (code) => new code.CallStage(this.#stageHost()),
    (error) => {
      // Shown in words, until dismissed or the stage arrives on a later try.
      this.#localError = this.#stageError = new LiveError(error.code, error.message);
      this.requestUpdate();
    },
  );
  #stageError?: LiveError;

  constructor() {
    super();
    // The countdown of an outgoing call, and the duration of a connected one.
    new Ticker(
      this,
      () => [this.#state.value?.status === 'calling' ? this.#state.value.expiresAt : undefined],
      () => [this.#state.value?.status === 'connected' ? this.#state.value.startedAt : undefined],
    );
  }

  /** The store in use: the one given, or the one the element made from its attributes. */
  get store(): CallStore | undefined {
    return this.#own.store;
  }
  set store(store: CallStore | undefined) {
    this.#own.explicit = store;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ringer.stop();
    if (this.ringer instanceof CallRing) this.ringer.dispose();
    clearTimeout(this.#dismissTimer);
  }

  /* ───────────── store from attributes ───────────── */

  #config(): string {
    return JSON.stringify([this.engine, this.server, this.tokenUrl, this.sdkAppId, this.userId, this.userSig, this.#timeoutMs()]);
  }

  #timeoutMs(): number {
    const seconds = Number(this.callTimeout);
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
  }

  /** A store made from the attributes (the last one's errors forgotten); undefined without a user ID. */
  #create(): CallStore | undefined {
    this.#localError = undefined;
    this.#loginError = undefined;
    if (!this.userId) return undefined;
    const session = new Session({ engine: this.engine, server: this.server || undefined, tokenUrl: this.tokenUrl || undefined, sdkAppId: this.sdkAppId || undefined });
    return new CallStore(session, { timeoutMs: this.#timeoutMs() });
  }

  async #login(store: CallStore): Promise<void> {
    try {
      await store.login({ userID: this.userId, userSig: this.userSig || undefined, sdkAppId: this.sdkAppId || undefined, nickname: this.nickname || undefined, avatar: this.avatar || undefined });
    } catch (error) {
      if (store !== this.store) return;
      this.#loginError = toLiveError(error);
      this.requestUpdate();
    }
  }

  /** Hangs up a call under way; OwnStore then logs out and lets the store go. */
  async #leave(store: CallStore): Promise<void> {
    const status = store.getState().status;
    if (status === 'calling' || status === 'incoming' || status === 'connected') await store.hangup();
  }

  /** The panel's own listeners on a store it starts to use. */
  #listen(store: CallStore): Array<() => void> {
    this.#kicked = false;
    return [
      // Login state lives in the session; the call state does not carry it.
      store.session.subscribe(() => this.requestUpdate()),
      store.on('sdk-ready', () => {
        this.#kicked = false;
        this.#loginError = undefined;
        this.requestUpdate();
      }),
      store.on('kicked-out', () => {
        this.#kicked = true;
        this.requestUpdate();
      }),
      store.on('user-enter', ({ userID }) => {
        if (this.speakerOff) store.muteRemoteAudio(userID, true);
      }),
      store.on('user-leave', ({ userID }) => {
        if (this.#last) this.#last.lastLeft = userID;
      }),
      store.on('reject', ({ userID }) => {
        if (this.#last) this.#last.lastRejected = userID;
      }),
      store.on('line-busy', ({ userID }) => {
        if (this.#last) this.#last.lastBusy = userID;
      }),
    ];
  }

  /* ───────────── methods for pages ───────────── */

  /** Calls one person (`type` 1 audio, 2 video). */
  async call(userID: string, type: CallType = 2): Promise<void> {
    const store = this.#need();
    if (store.getState().status === 'ended') store.dismiss();
    await store.call({ userID, type });
  }

  /** Calls several people at once; with `groupID` the invitation goes to that chat group. */
  async groupCall(userIDList: string[], type: CallType = 2, groupID?: string): Promise<void> {
    const store = this.#need();
    if (store.getState().status === 'ended') store.dismiss();
    await store.groupCall({ userIDList, type, groupID });
  }

  /** Answers the incoming call; `audioOnly` answers a video call with audio only. */
  async accept(audioOnly = false): Promise<void> {
    await this.#need().accept({ audioOnly });
  }

  /** Declines the incoming call. */
  async reject(): Promise<void> {
    await this.#need().reject();
  }

  /** Ends the call, cancels an unanswered one, or declines an incoming one. */
  async hangup(): Promise<void> {
    await this.#need().hangup();
  }

  #need(): CallStore {
    const store = this.store;
    if (!store) throw new LiveError(ErrorCode.INVALID_STATE, 'The call panel is not configured: set user-id (or give it a store).');
    return store;
  }

  /** Runs a UI action; its failure is in the store's state (shown in words), or shown here. */
  async #run(action: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    try {
      await action();
    } catch (error) {
      if (!this.store?.getState().error) {
        this.#localError = toLiveError(error);
        this.requestUpdate();
      }
    } finally {
      this.busy = false;
    }
  }

  /* ───────────── lifecycle ───────────── */

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#own.willUpdate(changed);
    const s = this.#state.value;
    const status = s?.status ?? 'idle';
    const root = this.shadowRoot;
    this.#focusInside = !!root?.activeElement;
    if (s) this.#remember(s);
    if (status !== this.status) {
      if (status !== 'calling' && status !== 'connected') this.minimised = false;
      if (status === 'idle' || status === 'calling' || status === 'incoming') {
        this.swapped = false;
        this.speakerOff = false;
      }
      this.status = status;
    }
  }

  /** Keeps what the panel needs after the store forgets it: names, whom to call again, durations. */
  #remember(s: CallState): void {
    const note = (p?: UserProfile) => {
      if (!p) return;
      if (p.nickname) this.#names.set(p.userId, p.nickname);
      if (p.avatar) this.#avatars.set(p.userId, p.avatar);
    };
    note(s.user);
    note(s.sponsor);
    s.participants.forEach(note);
    if (!s.callId || s.status === 'idle') return;
    if (this.#last?.callId !== s.callId) {
      const self = s.user?.userId;
      const wasSponsor = !!self && s.sponsor?.userId === self;
      this.#last = {
        callId: s.callId,
        wasSponsor,
        targets: wasSponsor ? s.invitees.map((i) => i.userId) : s.sponsor ? [s.sponsor.userId] : [],
        type: s.type,
        isGroup: wasSponsor && s.isGroup,
        groupId: wasSponsor ? s.groupId : undefined,
      };
    }
    const last = this.#last;
    if (s.startedAt) last.connectedAt = s.startedAt;
    if (s.status === 'ended' && last.connectedAt && last.endedAfter === undefined) last.endedAfter = Date.now() - last.connectedAt;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('status') || changed.has('noRing')) {
      if (this.status === 'incoming' && !this.noRing) this.ringer.start();
      else this.ringer.stop();
    }
    if (changed.has('status')) {
      this.#armDismiss();
      if (this.#focusInside) this.#focusDefault();
    }
  }

  #armDismiss(): void {
    clearTimeout(this.#dismissTimer);
    this.#dismissTimer = undefined;
    const seconds = Number(this.dismissAfter);
    const s = this.#state.value;
    if (this.status !== 'ended' || !s || !(seconds > 0)) return;
    const callId = s.callId;
    const fire = () => {
      const now = this.store?.getState();
      if (!now || now.status !== 'ended' || now.callId !== callId) return;
      // Someone reading or about to press a button there: wait a little longer.
      if (this.renderRoot.querySelector('.end')?.matches(':focus-within, :hover')) {
        this.#dismissTimer = setTimeout(fire, 2000);
        return;
      }
      this.store?.dismiss();
    };
    this.#dismissTimer = setTimeout(fire, seconds * 1000);
  }

  #focusDefault(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus());
  }

  /* ───────────── rendering helpers ───────────── */

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this), key, params);
  }

  #errorWords(error: { code: number; message?: string }): string {
    const key = errorKeys[error.code];
    return key ? this.#t(key) : errorText(langOf(this), error);
  }

  #name(userId: string | undefined): string {
    if (!userId) return '';
    return this.#names.get(userId) || userId;
  }

  #avatar(userId: string | undefined, name: string): TemplateResult {
    const url = userId ? this.#avatars.get(userId) : undefined;
    const initial = (name || '?').trim().charAt(0).toUpperCase() || '?';
    return html`<div part="avatar" class="avatar" aria-hidden="true">${url && /^https?:\/\//i.test(url) ? html`<img src=${url} alt="" />` : initial}</div>`;
  }

  #kindLabel(type: CallType): string {
    return this.#t(type === 2 ? 'cpVideoCall' : 'cpAudioCall');
  }

  #loggedIn(s: CallState, store: CallStore): boolean {
    return store.session.getState().status === 'logged-in' && !!s.user && !this.#kicked;
  }

  /** The other party of a one-to-one call. */
  #other(s: CallState): string | undefined {
    const self = s.user?.userId;
    return s.sponsor?.userId === self ? s.invitees[0]?.userId : s.sponsor?.userId;
  }

  #endText(s: CallState): string {
    const last = this.#last?.callId === s.callId ? this.#last : undefined;
    const other = this.#other(s);
    const byState = (state: InviteeState) => s.invitees.find((i) => i.state === state)?.userId;
    switch (s.endReason) {
      case 'hangup':
        return this.#t('cpEndHangup');
      case 'remote-hangup':
        return this.#t('cpEndRemoteHangup', { name: this.#name(last?.lastLeft ?? other) });
      case 'rejected':
        return this.#t('cpEndRejected', { name: this.#name(last?.lastRejected ?? byState('rejected') ?? other) });
      case 'declined':
        return this.#t('cpEndDeclined');
      case 'busy':
        return this.#t('cpEndBusy', { name: this.#name(last?.lastBusy ?? byState('busy') ?? other) });
      case 'no-answer':
        return this.#t('cpEndNoAnswer');
      case 'cancelled':
        return s.sponsor && s.sponsor.userId !== s.user?.userId ? this.#t('cpEndCancelledBy', { name: this.#name(s.sponsor.userId) }) : this.#t('cpEndCancelled');
      case 'timeout':
        return this.#t('cpEndTimeout', { name: this.#name(s.sponsor?.userId) });
      case 'kicked-out':
        return this.#t('cpEndKickedOut');
      case 'permission-denied':
        return this.#t('cpEndPermission');
      case 'device-missing':
        return this.#t('cpEndDeviceMissing');
      case 'error':
      default:
        return s.error ? this.#errorWords(s.error) : this.#t('cpEndError');
    }
  }

  /* ───────────── rendering ───────────── */

  protected override render() {
    const s = this.#state.value;
    const store = this.store;
    if (!s || !store) {
      return html`<div part="base" class="base">
        <div part="announcer" class="sr-only" aria-live="assertive" aria-atomic="true"></div>
        <p class="empty">${this.#localError ? this.#errorWords(this.#localError) : this.#t('cpNotConfigured')}</p>
      </div>`;
    }
    const mini = this.minimised && (s.status === 'calling' || s.status === 'connected');
    const announce = s.status === 'incoming' ? this.#announcement(s) : '';
    const polite = s.status === 'ended' ? this.#endText(s) : '';
    // The stage's code is fetched as soon as a call starts or rings, to be here when it connects.
    if (s.status === 'calling' || s.status === 'incoming' || s.status === 'connected') void this.#stage.need();
    const stage = this.#stage.value;
    if (stage && this.#localError && this.#localError === this.#stageError) this.#localError = undefined;
    let body: TemplateResult | typeof nothing;
    if (mini) body = stage ? stage.renderMinimised(s, store) : arriving;
    else if (s.status === 'calling') body = this.#renderOutgoing(s);
    else if (s.status === 'incoming') body = this.#renderIncoming(s);
    else if (s.status === 'connected') body = stage ? stage.renderStage(s, store) : arriving;
    else if (s.status === 'ended') body = this.#renderEnd(s, store);
    else body = this.#renderDialer(s, store);
    return html`<div part="base" class=${mini ? 'base is-minimised' : 'base'} data-status=${s.status}>
      <div part="announcer" class="sr-only" aria-live="assertive" aria-atomic="true">${announce}</div>
      <div class="sr-only" role="status" aria-atomic="true">${polite}</div>
      ${body}
      ${this.#renderError(s)}
    </div>`;
  }

  #announcement(s: CallState): string {
    const kind = this.#t(s.type === 2 ? 'cpKindVideo' : 'cpKindAudio');
    const name = this.#name(s.sponsor?.userId);
    const others = s.invitees.length - 1;
    return s.isGroup && others > 0 ? this.#t('cpAnnounceGroup', { name, n: others, kind }) : this.#t('cpAnnounce', { name, kind });
  }

  #renderError(s: CallState) {
    const error = s.error ?? this.#localError;
    if (!error) return nothing;
    // An ending that is the error says it already; so does the dialer for a failed login.
    if (s.status === 'ended' && s.error && (s.endReason === 'error' || s.endReason === 'permission-denied' || s.endReason === 'device-missing')) return nothing;
    if (s.status === 'idle' && this.#loginError && this.#loginError.code === error.code && this.#loginError.message === error.message) return nothing;
    return html`<div part="error" class="error" role="alert"><span>${this.#errorWords(error)}</span><button part="button" @click=${this.#dismissError}>${this.#t('dismiss')}</button></div>`;
  }

  #dismissError = (): void => {
    this.#localError = undefined;
    this.store?.clearError();
    this.requestUpdate();
  };

  /* idle */

  #renderDialer(s: CallState, store: CallStore) {
    const loggedIn = this.#loggedIn(s, store);
    const session = store.session.getState();
    let why: string | undefined;
    if (!loggedIn) {
      if (this.#kicked) why = this.#t('cpEndKickedOut');
      else if (session.status === 'logging-in') why = this.#t('cpSigningIn');
      else if (this.#loginError) why = this.#t('cpSignInFailed', { reason: this.#errorWords(this.#loginError) });
      else why = this.#t('cpNotSignedIn');
    }
    const described = ['callee-hint', this.dialError ? 'callee-error' : ''].filter(Boolean).join(' ');
    return html`<form part="dialer" class="dialer" novalidate aria-labelledby="dialer-title" @submit=${this.#submit}>
      <h2 id="dialer-title">${this.#t('cpDialer')}</h2>
      ${loggedIn && s.user ? html`<p part="who" class="hint">${this.#t('cpSignedInAs', { name: s.user.nickname || s.user.userId })}</p>` : nothing}
      <label for="callee">${this.#t('cpCalleeLabel')}</label>
      <input
        id="callee"
        part="input"
        name="callee"
        autocomplete="off"
        spellcheck="false"
        data-autofocus
        .value=${live(this.dialValue)}
        aria-describedby=${described}
        aria-invalid=${this.dialError ? 'true' : 'false'}
        @input=${(e: Event) => {
          this.dialValue = (e.target as HTMLInputElement).value;
          this.dialError = undefined;
        }}
      />
      <p id="callee-hint" class="hint">${this.#t('cpCalleeHint')}</p>
      ${this.dialError ? html`<p id="callee-error" class="field-error">${this.#t(this.dialError)}</p>` : nothing}
      <div class="row">
        <button type="submit" part="button video-call" class="primary" data-type="2" ?disabled=${!loggedIn || this.busy} aria-describedby=${why ? 'dialer-why' : nothing}>${this.#t('cpVideoCall')}</button>
        <button type="submit" part="button audio-call" data-type="1" ?disabled=${!loggedIn || this.busy} aria-describedby=${why ? 'dialer-why' : nothing}>${this.#t('cpAudioCall')}</button>
      </div>
      ${why ? html`<p id="dialer-why" part="why" class="why">${why}</p>` : nothing}
    </form>`;
  }

  #submit = (event: SubmitEvent): void => {
    event.preventDefault();
    const submitter = event.submitter as HTMLButtonElement | null;
    const type: CallType = submitter?.dataset.type === '1' ? 1 : 2;
    const ids = this.dialValue
      .split(/[\s,，;；]+/)
      .map((id) => id.trim())
      .filter(Boolean);
    if (ids.length === 0) {
      this.dialError = 'cpCalleeEmpty';
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#callee')?.focus());
      return;
    }
    void this.#run(() => (ids.length > 1 ? this.groupCall(ids, type) : this.call(ids[0], type)));
  };

  /* calling */

  #renderInvitees(s: CallState, skipSelf: boolean) {
    const self = s.user?.userId;
    const list = s.invitees.filter((i) => !skipSelf || i.userId !== self);
    if (list.length === 0) return nothing;
    return html`<ul part="invitees" class="invitees" aria-label=${this.#t('cpInvitees')}>
      ${list.map((i) => html`<li data-user-id=${i.userId}><span class="who">${this.#name(i.userId)}</span> <span class="state">${this.#t(inviteeStateKeys[i.state])}</span></li>`)}
    </ul>`;
  }

  #renderOutgoing(s: CallState) {
    const group = s.isGroup;
    const callee = s.invitees[0]?.userId;
    const name = group ? this.#t('cpGroupCall') : this.#name(callee);
    const left = s.expiresAt ? Math.max(0, s.expiresAt - Date.now()) : undefined;
    return html`<section part="outgoing" class="card outgoing" aria-labelledby="outgoing-name">
      ${this.#avatar(group ? undefined : callee, name)}
      <h2 id="outgoing-name" part="name" class="name">${name}</h2>
      <p class="status">${this.#t('cpCallingKind', { kind: this.#kindLabel(s.type) })}</p>
      ${left !== undefined ? html`<p part="countdown" class="countdown">${this.#t('cpTimeLeft', { time: formatCountdown(left) })}</p>` : nothing}
      ${group ? this.#renderInvitees(s, false) : nothing}
      <div part="controls" class="actions" role="group" aria-label=${this.#t('cpControls')}>
        <button part="button minimise" class="minimise" @click=${() => this.#setMinimised(true)}>${this.#t('cpMinimise')}</button>
        <button part="button cancel" class="danger" data-autofocus ?disabled=${this.busy} @click=${() => this.#run(() => this.hangup())}>${this.#t('cpCancel')}</button>
      </div>
    </section>`;
  }

  /* incoming */

  #renderIncoming(s: CallState) {
    const name = this.#name(s.sponsor?.userId);
    const others = s.invitees.length - 1;
    return html`<section part="incoming" class="card incoming" aria-labelledby="incoming-name" aria-describedby="incoming-type">
      <p class="status">${this.#t('cpIncoming')}</p>
      ${this.#avatar(s.sponsor?.userId, name)}
      <h2 id="incoming-name" part="name" class="name">${name}</h2>
      <p id="incoming-type" part="call-type" class="status">${this.#kindLabel(s.type)}${s.isGroup ? html` · ${this.#t('cpGroupCallN', { n: Math.max(1, others + 1) })}` : nothing}</p>
      ${s.isGroup ? this.#renderInvitees(s, true) : nothing}
      <div part="controls" class="actions" role="group" aria-label=${this.#t('cpControls')}>
        <button part="button accept" class="accept" data-autofocus ?disabled=${this.busy} @click=${() => this.#run(() => this.accept(false))}>${this.#t('cpAccept')}</button>
        ${s.type === 2 ? html`<button part="button accept-audio" ?disabled=${this.busy} @click=${() => this.#run(() => this.accept(true))}>${this.#t('cpAcceptAudio')}</button>` : nothing}
        <button part="button reject" class="danger" ?disabled=${this.busy} @click=${() => this.#run(() => this.reject())}>${this.#t('cpReject')}</button>
      </div>
    </section>`;
  }

  /* connected and minimised: call-stage.ts, fetched on first need */

  #stageHost(): StageHost {
    const panel = this;
    return {
      element: this,
      get swapped() {
        return panel.swapped;
      },
      set swapped(value) {
        panel.swapped = value;
      },
      get speakerOff() {
        return panel.speakerOff;
      },
      set speakerOff(value) {
        panel.speakerOff = value;
      },
      get busy() {
        return panel.busy;
      },
      name: (userId) => this.#name(userId),
      avatar: (userId, name) => this.#avatar(userId, name),
      other: (s) => this.#other(s),
      kindLabel: (type) => this.#kindLabel(type),
      run: (action) => this.#run(action),
      setMinimised: (minimised) => this.#setMinimised(minimised),
    };
  }

  /** Resolves after the update and, when the call stage's code is on its way, after it has arrived and rendered. */
  protected override getUpdateComplete(): Promise<boolean> {
    return updateCompleteWith(() => super.getUpdateComplete(), [this.#stage]);
  }

  #setMinimised(minimised: boolean): void {
    this.minimised = minimised;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(minimised ? 'button.restore' : 'button.minimise')?.focus());
  }

  /* ended */

  #renderEnd(s: CallState, store: CallStore) {
    const last = this.#last?.callId === s.callId ? this.#last : undefined;
    const loggedIn = this.#loggedIn(s, store);
    const again = loggedIn && last && last.targets.length > 0 && s.endReason !== 'kicked-out';
    const other = this.#other(s);
    const name = s.isGroup ? this.#t('cpGroupCall') : this.#name(other);
    return html`<section part="end" class="card end" aria-labelledby="end-reason">
      ${this.#avatar(s.isGroup ? undefined : other, name)}
      <p class="name">${name}</p>
      <h2 id="end-reason" class="reason">${this.#endText(s)}</h2>
      ${last?.endedAfter !== undefined ? html`<p part="duration" class="duration">${this.#t('cpEndDuration', { time: formatDuration(last.endedAfter) })}</p>` : nothing}
      <div part="controls" class="actions" role="group" aria-label=${this.#t('cpControls')}>
        ${again
          ? html`<button part="button call-again" class="primary" ?disabled=${this.busy} @click=${() => this.#callAgain(last!)}>${this.#t(last!.wasSponsor ? 'cpCallAgain' : 'cpCallBack')}</button>`
          : nothing}
        <button part="button close" class="close" data-autofocus @click=${() => store.dismiss()}>${this.#t('cpClose')}</button>
      </div>
    </section>`;
  }

  #callAgain(last: LastCall): void {
    void this.#run(() => (last.isGroup ? this.groupCall(last.targets, last.type, last.groupId) : this.call(last.targets[0], last.type)));
  }
}

/** Events named in both `<live-room>` and `<call-panel>` with different details: typed by `<live-room>`. */
type SharedNames = 'user-video-available' | 'user-audio-available';
type CallPanelEventMap = { [K in Exclude<(typeof callEventNames)[number], SharedNames>]: CustomEvent<CallEvents[K]> };

declare global {
  interface GlobalEventHandlersEventMap extends CallPanelEventMap {}
}
