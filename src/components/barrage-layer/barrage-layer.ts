import { ReactiveElement, type PropertyValues } from '@lit/reactive-element';
import { property } from '@lit/reactive-element/decorators/property.js';
import { liveRoomContext } from '../../context/live-room-context.js';
import { StoreController } from '../../context/store-controller.js';
import { compileBlocklist, splitWords, type Blocklist } from '../../core/barrage/filter.js';
import type { BarrageMode } from '../../core/barrage/lanes.js';
import { BarrageScheduler, type BarrageEntry, type BarrageLayout, type BarrageStats } from '../../core/barrage/scheduler.js';
import { clamp, DEFAULT_SPEED, parseOverflow, parseSpeed, type OverflowPolicy } from '../../core/barrage/settings.js';
import type { UserProfile } from '../../core/engines/types.js';
import { ErrorCode } from '../../core/error-codes.js';
import type { LiveRoomState, LiveRoomStore } from '../../core/store/live-room-store.js';
import { canModerate } from '../../core/store/live-room-types.js';
import { Limits } from '../../core/limits.js';
import { Lazy } from '../../internal/lazy.js';
import { LazyView, updateCompleteWith } from '../../internal/lazy-view.js';
import type { MenuTarget } from './barrage-chat.js';
import { barrageLayerStyles } from './barrage-layer.styles.js';

/** The chat (input, log view, user menu): fetched on first need, see barrage-chat.ts. */
const chatCode = new Lazy(() => import('./barrage-chat.js'), { what: 'the barrage chat' });

export type { BarrageMode } from '../../core/barrage/lanes.js';
export type { BarrageStats } from '../../core/barrage/scheduler.js';
export type { OverflowPolicy } from '../../core/barrage/settings.js';

/** A comment given to `emit()`. Text only: it is never parsed as HTML. */
export interface BarrageComment {
  text: string;
  /** `scroll` (right to left), `top` or `bottom` (fixed, centred). Default: the layer's `mode`. */
  mode?: BarrageMode;
  /** A CSS colour for the text (ignored when not a valid colour). */
  color?: string;
  /** Who wrote it: lets the viewer hide that user's comments, and names it in the log. */
  user?: { userId: string; nickname?: string } | string;
  /** The viewer's own comment (highlighted, never merged, shown first). */
  self?: boolean;
}

/** What became of a comment given to `emit()`. `queued` comes on screen as soon as there is room (under `drop`: at the next frame, or never). */
export type BarrageEmitResult = 'queued' | 'merged' | 'dropped' | 'filtered';

export interface BarrageSendDetail {
  text: string;
}

export interface BarrageErrorDetail {
  code: number;
  message: string;
}

export type BarrageView = 'barrage' | 'log';

interface CommentData {
  name: string;
  color: string;
}

/** One message of the log view. */
export interface LogEntry {
  id: number;
  name: string;
  text: string;
  userId: string | undefined;
  self: boolean;
}

interface Motion {
  anim: Animation;
  /** Motion time at which the animation's current time is 0. */
  t0: number;
}

interface Rendered {
  node: HTMLElement;
  /** The fade of a top/bottom comment. */
  fade?: Motion;
  /** The moving track a scroll comment rides. */
  track?: Track;
}

/**
 * All scroll comments of one speed ride one moving element: it is the only thing animated for
 * them (on the compositor), and comments are placed in it once, where the stage's right edge is
 * at that moment. Chrome re-styles every animated element on each main-thread frame (whenever
 * anything on the page uses requestAnimationFrame), so a few tracks cost far less than one
 * animation per comment.
 */
interface Track extends Motion {
  el: HTMLElement;
  speed: number;
  /** Comments on it now. */
  riders: number;
}

const LOG_LIMIT = 300;
const POOL_LIMIT = 64;
const MEASURE_CACHE = 512;
/** Longest text shown flying (the log shows all of it). */
const FLYING_CHARS = 100;
/** Room kept under the lanes for the chat input. */
const INPUT_RESERVE = 56;
const TOP_PAD = 4;
/** Least time between two flushes, ms: arrivals are batched, so a flood costs a few style and paint passes a second, not one per comment. */
const FLUSH_MS = 50;
/** How long one moving track runs before new comments start on a fresh one. */
const TRACK_MS = 30 * 60_000;

/**
 * On-screen comments (danmaku) over the stage, with a chat input and an accessible log.
 *
 * Room text messages from the store (every one, through its `recv-room-text-msg` event) and
 * comments given to `emit()` fly right to left, or stay fixed at the top or bottom, in lanes so
 * that they never overlap. A flood is handled by the `overflow` policy (`drop`, `queue`, or
 * `merge`: identical comments become one with a ×N badge) with bounded memory: pooled nodes,
 * a capped queue, and counters in `stats` (`offered = shown + queued + dropped + merged +
 * filtered`). Motion runs on the compositor (Web Animations on `transform`, one timer for the
 * whole layer, which sleeps when nothing moves and while the page is hidden); with
 * `prefers-reduced-motion: reduce` or `static`, comments appear in a non-moving list. Blocked
 * words, blocked patterns and users hidden by the viewer (click a comment, or use the log view
 * with the keyboard) never show. User text is rendered as text, never as HTML.
 *
 * While this user is muted (for a time, or by "Mute everyone" when they are not the owner or an
 * admin) the input is disabled and says why, with a live countdown; it comes back by itself.
 *
 * The chat input shows once the layer has a room (a store from `<live-room>` or `.store`). Its
 * code, with the log view and the user menu, is fetched on first need (a room, the log view, or
 * a click on a comment), so that a layer that only shows `emit()`ed comments never downloads it;
 * `updateComplete` waits for it.
 *
 * @summary Flying on-screen comments (danmaku) with lanes, flood control, filters, a chat input and a log view.
 * @tag barrage-layer
 *
 * @event {CustomEvent<BarrageSendDetail>} barrage-send - Before the viewer's comment is sent. Cancelable: `preventDefault()` sends nothing. `detail: { text }`.
 * @event {CustomEvent<BarrageErrorDetail>} barrage-error - Something failed (sending, a comment too long, sending too fast, an invalid blocked pattern or setting, the chat's code not downloaded). `detail: { code, message }`; also shown in words when it concerns the input.
 *
 * @attr {'light' | 'dark'} theme - Forces the light or the dark look of the log, picker and menus; without it the element follows the page's `prefers-color-scheme`. Comments and the input are light on dark in both (they sit over video).
 *
 * @slot emoji-icon - Replaces the emoji button's icon.
 *
 * @csspart lanes - The area comments fly through (also `list` in the non-moving list).
 * @csspart list - The non-moving list shown with reduced motion (same element as `lanes`).
 * @csspart self - The viewer's own comment.
 * @csspart comment - One comment (also `self` for the viewer's own). Its `::after` is the ×N badge of merged comments (`::part(comment)::after`).
 * @csspart form - The chat input row.
 * @csspart input - The text input.
 * @csspart send - The send button (shows the wait during the cooldown).
 * @csspart emoji-button - The button that opens the emoji picker.
 * @csspart emoji-picker - The emoji picker.
 * @csspart emoji - One emoji of the picker.
 * @csspart log-button - The button that switches between comments and the log.
 * @csspart counter - Bytes left (or over) near the length limit.
 * @csspart error - A failure in words.
 * @csspart muted - Why the input is disabled (muted for a time, or everyone muted), with a countdown.
 * @csspart log-panel - The log view.
 * @csspart log - The scrolling message list (`role="log"`).
 * @csspart entry - One message of the log (also `self`).
 * @csspart name - The author in a log entry (a button opening the user menu).
 * @csspart text - The text of a log entry.
 * @csspart new-messages - The "New messages" button shown when the reader scrolled up.
 * @csspart user-menu - The menu offering to hide a user's comments.
 * @csspart hide-user - Its "Hide comments from …" button.
 * @csspart notice - "Comments from … are hidden", with Undo.
 *
 * @cssproperty --barrage-font - Font family. Defaults to `--live-font`.
 * @cssproperty --barrage-color - Comment colour. Default `#fff` (over video).
 * @cssproperty --barrage-self-color - The viewer's own comments. Default `#ffd60a` (readable over video).
 * @cssproperty --barrage-shadow - Comment outline (a `text-shadow`).
 * @cssproperty --barrage-badge-background - The ×N badge. Defaults to `--live-color-accent`.
 * @cssproperty --barrage-badge-foreground - Text of the ×N badge. Defaults to `--live-color-on-accent`.
 * @cssproperty --barrage-accent - Send button, focus ring. Defaults to `--live-color-accent`.
 * @cssproperty --barrage-on-accent - Text on the accent. Defaults to `--live-color-on-accent`.
 * @cssproperty --barrage-field-background - The input over the stage.
 * @cssproperty --barrage-field-foreground - The input's text.
 * @cssproperty --barrage-surface - Log, picker and menu background. Defaults to `--live-color-surface`.
 * @cssproperty --barrage-on-surface - Their text. Defaults to `--live-color-on-surface`.
 * @cssproperty --barrage-error-background - Error background. Defaults to `--live-color-error-surface`.
 * @cssproperty --barrage-error-foreground - Error text. Defaults to `--live-color-on-error-surface`.
 * @cssproperty --barrage-radius - Corner radius. Defaults to `--live-radius`.
 * @cssproperty --barrage-gap - Spacing. Defaults to `--live-space`.
 */
export class BarrageLayer extends ReactiveElement {
  static override styles = barrageLayerStyles;

  /** Mode of comments that do not say: store messages, and `emit()` without `mode`. */
  @property({ reflect: true }) mode: BarrageMode = 'scroll';
  /** Speed: px per second (`144`, `"144px/s"`) or a time to cross the stage (`"8s"`, `"6500ms"`; longer comments then move faster). */
  @property() speed: string | number = 144;
  /** Font size of comments, px (10–64). Lane height follows it. */
  @property({ type: Number, attribute: 'font-size' }) fontSize = 20;
  /** Opacity of comments (0.1–1). */
  @property({ type: Number }) opacity = 1;
  /** Share of the height comments use, from the top (0.25–1). */
  @property({ type: Number }) area = 0.75;
  /** Most comments on screen at once. */
  @property({ type: Number }) density = 120;
  /** What happens to comments that find no room: `drop`, `queue` (bounded), or `merge` (identical ones become ×N, then queue). */
  @property() overflow: OverflowPolicy = 'merge';
  /** Most comments waiting under `queue` / `merge` (the oldest are dropped beyond). */
  @property({ type: Number, attribute: 'queue-limit' }) queueLimit = 200;
  /** Identical comments within this many ms merge (under `merge`). */
  @property({ type: Number, attribute: 'merge-window' }) mergeWindow = 5000;
  /** Pauses all motion (`pause()` / `resume()` set it). */
  @property({ type: Boolean, reflect: true }) paused = false;
  /** Shows comments in a non-moving list, as with `prefers-reduced-motion: reduce`. */
  @property({ type: Boolean, attribute: 'static' }) staticMode = false;
  /** `barrage` (flying comments) or `log` (a scrolling message list, `role="log"`). */
  @property({ reflect: true }) view: BarrageView = 'barrage';
  /** Hide the chat input. */
  @property({ type: Boolean, attribute: 'no-input' }) noInput = false;
  /** Least time between two sends, ms. */
  @property({ type: Number }) cooldown = 1000;
  /** Longest comment the input sends, in UTF-8 bytes (at most the kit's text message limit). */
  @property({ type: Number }) maxlength: number = Limits.textMessageBytes;

  /** Words that block a comment (substring, case-insensitive). Attribute: comma-separated. */
  @property({ attribute: 'blocked-words', converter: { fromAttribute: (v: string | null) => splitWords(v), toAttribute: (v: string[]) => v.join(',') } })
  get blockedWords(): string[] {
    return this.#blockedWords;
  }
  set blockedWords(words: string[]) {
    const old = this.#blockedWords;
    this.#blockedWords = Array.isArray(words) ? [...words] : [];
    this.#compileFilter();
    this.requestUpdate('blockedWords', old);
  }

  /** Regular expressions (or strings compiled case-insensitively) that block a comment. Invalid or unsafe ones are reported as `barrage-error` and skipped. */
  @property({ attribute: false })
  get blockedPatterns(): ReadonlyArray<RegExp | string> {
    return this.#blockedPatterns;
  }
  set blockedPatterns(patterns: ReadonlyArray<RegExp | string>) {
    const old = this.#blockedPatterns;
    this.#blockedPatterns = Array.isArray(patterns) ? [...patterns] : [];
    this.#compileFilter();
    this.requestUpdate('blockedPatterns', old);
  }

  /** A store given directly wins over the one from `<live-room>`. */
  @property({ attribute: false })
  set store(store: LiveRoomStore | undefined) {
    this.#room.setExplicit(store);
  }
  get store(): LiveRoomStore | undefined {
    return this.#room.store;
  }

  /** The store, and what the chat shows of it (re-renders the layer when it changes). */
  #room = new StoreController<LiveRoomStore, LiveRoomState, string>(this, liveRoomContext, (s) => `${s.phase} ${s.selfMutedUntil} ${s.mutedAll && !canModerate(s)}`);
  /** The chat: fetched once the layer has a room, shows its log, or a comment is clicked. */
  #chat = new LazyView(
    this,
    chatCode,
    (code) => {
      const layer = this;
      return new code.BarrageChat({
        element: this,
        get log() {
          return layer.#log;
        },
        fail: (code, message) => this.#fail(code, message),
      });
    },
    (error) => this.#fail(error.code, error.message),
  );
  #reducedMotion = false;

  #blockedWords: string[] = [];
  #blockedPatterns: Array<RegExp | string> = [];
  #blocklist: Blocklist = compileBlocklist();
  #mutedUsers = new Set<string>();

  #scheduler = new BarrageScheduler<CommentData>(
    {
      measure: (e) => this.#measure(e),
      show: (e) => this.#show(e),
      update: (e) => this.#updateBadge(e),
      hide: (e) => this.#hide(e),
    },
    { policy: 'merge', stageWidth: 0 },
  );
  #rendered = new Map<number, Rendered>();
  /** The track new comments of a speed join (keyed by speed). */
  #tracks = new Map<number, Track>();
  /** Every running animation (tracks and fades), to pause and resume together. */
  #motions = new Set<Motion>();
  #pool: HTMLElement[] = [];
  #stage?: HTMLElement;
  #size = { width: 0, height: 0 };
  #laneHeight = 28;
  #fontSize = 20;
  #font = '';
  #measureCtx?: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  #widths = new Map<string, number>();
  #resize?: ResizeObserver;
  #motionQuery?: MediaQueryList;
  #frame = 0;
  #timer?: ReturnType<typeof setTimeout>;
  /** When the next flush is due (performance.now() time), if one is scheduled. */
  #wakeAt?: number;
  #lastFlush = -Infinity;
  /** Motion clock: real time minus time spent halted (paused, hidden, disconnected). */
  #haltedAt = -1;
  #haltedTotal = 0;
  #badSpeed?: unknown;

  #log: LogEntry[] = [];
  #logId = 0;
  #listening?: LiveRoomStore;
  #unlisten?: () => void;
  #inputShown = false;

  /* ───────────── public API ───────────── */

  /** Counters since the layer started (or `resetStats()`): `offered = shown + queued + dropped + merged + filtered`. */
  get stats(): BarrageStats {
    return this.#scheduler.stats;
  }

  /** Users whose comments the viewer hid. */
  get mutedUsers(): readonly string[] {
    return [...this.#mutedUsers];
  }

  /** Puts a comment on screen (or in the queue, or merges it), unless it is blocked. */
  emit(comment: BarrageComment): BarrageEmitResult {
    const text = typeof comment?.text === 'string' ? comment.text : String(comment?.text ?? '');
    if (text.trim() === '') return 'dropped';
    const user = typeof comment.user === 'string' ? { userId: comment.user } : comment.user;
    const self = !!comment.self || (!!user?.userId && user.userId === this.store?.getState().user?.userId);
    const mode = comment.mode === 'top' || comment.mode === 'bottom' || comment.mode === 'scroll' ? comment.mode : this.#defaultMode();
    return this.#offer(text, mode, user?.userId, user?.nickname || user?.userId || '', self, validColor(comment.color));
  }

  /** Pauses all motion (comments stay where they are; new ones wait, or are dropped under `drop`). */
  pause(): void {
    this.paused = true;
    this.#syncHalt();
  }

  /** Resumes motion. */
  resume(): void {
    this.paused = false;
    this.#syncHalt();
  }

  /** Takes every comment off the screen and empties the queue. */
  clear(): void {
    this.#scheduler.clear();
    this.#wake();
  }

  /** Zeroes `stats`. */
  resetStats(): void {
    this.#scheduler.resetStats();
  }

  /** Hides a user's comments, now and from now on (for this viewer only). */
  muteUser(userId: string): void {
    if (!userId || this.#mutedUsers.has(userId)) return;
    this.#mutedUsers.add(userId);
    this.#scheduler.removeWhere((e) => e.userId === userId);
    this.#log = this.#log.filter((e) => e.userId !== userId);
    this.#chat.value?.logChanged();
    this.#wake();
  }

  /** Shows a hidden user's comments again (those to come). */
  unmuteUser(userId: string): void {
    if (!this.#mutedUsers.delete(userId)) return;
    this.#chat.value?.unmuted(userId);
    this.requestUpdate();
  }

  /* ───────────── lifecycle ───────────── */

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    if (typeof matchMedia === 'function') {
      this.#motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
      this.#reducedMotion = this.#motionQuery.matches;
      this.#configure();
      this.#motionQuery.addEventListener('change', this.#onMotionPreference);
    }
    if (typeof ResizeObserver === 'function') {
      this.#resize ??= new ResizeObserver((entries) => {
        const box = entries[entries.length - 1].contentRect;
        if (box.width === this.#size.width && box.height === this.#size.height) return;
        this.#size = { width: box.width, height: box.height };
        this.#configure();
      });
      this.#resize.observe(this);
    }
    this.#syncHalt();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#motionQuery?.removeEventListener('change', this.#onMotionPreference);
    this.#resize?.disconnect();
    this.#unlisten?.();
    this.#unlisten = undefined;
    this.#listening = undefined;
    this.#cancelWake();
    this.#syncHalt();
    // Nothing keeps running off the page: the screen and the queue are let go.
    this.#scheduler.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#listen();
    if (changed.has('speed') && parseSpeed(this.speed) === undefined && this.#badSpeed !== this.speed) {
      this.#badSpeed = this.speed;
      this.#fail(ErrorCode.INVALID_ARGUMENT, `Invalid speed ${JSON.stringify(this.speed)}: use px per second (144) or a time to cross the stage ("8s"). Using ${DEFAULT_SPEED.pxPerSecond} px/s.`);
    }
    if (changed.has('overflow') && parseOverflow(this.overflow) === undefined) {
      this.#fail(ErrorCode.INVALID_ARGUMENT, `Invalid overflow ${JSON.stringify(this.overflow)}: use drop, queue or merge. Using merge.`);
    }
    // The input shows once there is a room to send to.
    const inputShown = !this.noInput && !!this.store;
    const settings = ['speed', 'fontSize', 'opacity', 'area', 'density', 'overflow', 'queueLimit', 'mergeWindow', 'staticMode', 'view'] as const;
    if (settings.some((key) => changed.has(key)) || inputShown !== this.#inputShown) {
      this.#inputShown = inputShown;
      this.#configure();
    }
    if (changed.has('paused')) this.#syncHalt();
    if (changed.has('view')) this.#chat.value?.viewChanged();
    if (inputShown || this.view === 'log') void this.#chat.need();
  }

  /** Renders without a template engine: the lanes are one element, and comments are placed in it by hand. The chat renders after it. */
  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const root = this.renderRoot as ShadowRoot;
    let stage = this.#stage;
    if (!stage) {
      stage = this.#stage = document.createElement('div');
      stage.setAttribute('aria-hidden', 'true');
      stage.addEventListener('click', this.#onStageClick);
      root.prepend(stage);
    }
    const list = this.#scheduler.options.layout === 'list' ? 'lanes list' : 'lanes';
    const opacity = clamp(this.opacity, 0.1, 1, 1);
    setAttr(stage, 'part', list);
    setAttr(stage, 'class', list);
    setAttr(stage, 'style', `--_fs:${this.#fontSize}px;--_lh:${this.#laneHeight}px;--_opacity:${opacity};--_reserve:${this.#inputShown ? INPUT_RESERVE : 0}px`);
    stage.hidden = this.view === 'log';
    this.#chat.value?.render(root);
  }

  /** Resolves after the update and, when the chat's code is on its way, after it has arrived and rendered. */
  protected override getUpdateComplete(): Promise<boolean> {
    return updateCompleteWith(() => super.getUpdateComplete(), [this.#chat]);
  }

  protected override firstUpdated(): void {
    this.#wake();
  }

  /* ───────────── store ───────────── */

  /** Follows the store's every text message (not the bounded `messages` array, which a burst can outrun). */
  #listen(): void {
    const store = this.#room.store;
    if (store === this.#listening) return;
    this.#unlisten?.();
    this.#unlisten = undefined;
    this.#listening = store;
    if (!store) return;
    // The log starts with the messages the store already holds; they do not fly again.
    for (const line of store.getState().messages) this.#appendLog(line.from.nickname || line.from.userId, line.text, line.from.userId, line.self);
    this.#unlisten = store.on('recv-room-text-msg', ({ message, userInfo }) => this.#fromStore(message, userInfo));
  }

  #fromStore(text: string, from: UserProfile): void {
    const self = from.userId === this.#listening?.getState().user?.userId;
    this.#offer(text, this.#defaultMode(), from.userId, from.nickname || from.userId, self, '');
  }

  #defaultMode(): BarrageMode {
    return this.mode === 'top' || this.mode === 'bottom' ? this.mode : 'scroll';
  }

  /* ───────────── comments ───────────── */

  #offer(text: string, mode: BarrageMode, userId: string | undefined, name: string, self: boolean, color: string): BarrageEmitResult {
    if ((userId && this.#mutedUsers.has(userId)) || this.#blocklist.blocks(text)) {
      this.#scheduler.countFiltered();
      return 'filtered';
    }
    this.#appendLog(name, text, userId, self);
    const result = this.#scheduler.offer({ text, mode, self, userId, data: { name, color } }, this.#now());
    if (result === 'queued') this.#requestFlush();
    return result;
  }

  #compileFilter(): void {
    this.#blocklist = compileBlocklist(this.#blockedWords, this.#blockedPatterns);
    for (const problem of this.#blocklist.problems) this.#fail(ErrorCode.INVALID_ARGUMENT, problem.message);
  }

  /**
   * The clock animations run on (the document timeline: the current frame's time), so that
   * where the lanes think a comment is and where it is drawn agree exactly.
   */
  #real(): number {
    const time = document.timeline?.currentTime;
    return typeof time === 'number' ? time : performance.now();
  }

  #now(): number {
    return (this.#haltedAt >= 0 ? this.#haltedAt : this.#real()) - this.#haltedTotal;
  }

  get #halted(): boolean {
    return this.paused || !this.isConnected || (typeof document !== 'undefined' && document.hidden);
  }

  /** Stops or restarts the motion clock and every animation with it. */
  #syncHalt(): void {
    const halt = this.#halted;
    if (halt === this.#haltedAt >= 0) return;
    const real = this.#real();
    if (halt) {
      this.#haltedAt = real;
      this.#cancelWake();
    } else {
      this.#haltedTotal += real - this.#haltedAt;
      this.#haltedAt = -1;
    }
    for (const motion of this.#motions) this.#sync(motion);
    if (!halt) this.#wake();
  }

  #onVisibility = (): void => this.#syncHalt();

  #onMotionPreference = (event: MediaQueryListEvent): void => {
    this.#reducedMotion = event.matches;
    this.#configure();
  };

  /** Recomputes lanes, speed and the rest from the properties and the stage size. */
  #configure(): void {
    const fontSize = Math.round(clamp(this.fontSize, 10, 64, 20));
    if (fontSize !== this.#fontSize) {
      this.#fontSize = fontSize;
      this.#font = '';
      this.#widths.clear();
      this.#scheduler.clearScreen();
    }
    this.#laneHeight = Math.round(fontSize * 1.4);
    const usable = Math.max(0, this.#size.height - (this.#inputShown ? INPUT_RESERVE : 0) - TOP_PAD);
    const area = clamp(this.area, 0.25, 1, 0.75);
    const lanes = Math.max(1, Math.floor((usable * area) / this.#laneHeight));
    const layout: BarrageLayout = this.view === 'log' ? 'log' : this.staticMode || this.#reducedMotion ? 'list' : 'lanes';
    const policy = parseOverflow(this.overflow) ?? 'merge';
    this.#scheduler.configure({
      layout,
      policy,
      lanes,
      stageWidth: Math.round(this.#size.width),
      gap: Math.max(16, fontSize),
      badgeReserve: this.#badgeReserve(),
      speed: parseSpeed(this.speed) ?? DEFAULT_SPEED,
      density: Math.round(clamp(this.density, 1, 1000, 120)),
      queueLimit: Math.round(clamp(this.queueLimit, 0, 5000, 200)),
      mergeWindowMs: clamp(this.mergeWindow, 0, 60_000, 5000),
    });
    this.requestUpdate();
    this.#wake();
  }

  /** Room for "×999+" after a merged comment (the badge is 0.75em, with its margin and padding). */
  #badgeReserve(): number {
    const fs = this.#fontSize;
    return Math.ceil(this.#textWidth('×999+', `700 ${Math.round(fs * 0.75)}px ${this.#fontFamily()}`) + fs * 0.8) + 2;
  }

  #fontFamily(): string {
    if (!this.#font) {
      const from = this.#stage ?? (this.isConnected ? this : undefined);
      this.#font = (from && getComputedStyle(from).fontFamily) || 'system-ui, sans-serif';
    }
    return this.#font;
  }

  #textWidth(text: string, font: string): number {
    if (this.#measureCtx === undefined) {
      this.#measureCtx = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : document.createElement('canvas').getContext('2d');
    }
    const ctx = this.#measureCtx;
    if (!ctx) return text.length * this.#fontSize;
    if (ctx.font !== font) ctx.font = font;
    return ctx.measureText(text).width;
  }

  /** One width measurement per new comment, with no layout: the canvas measures text in the comment's font. */
  #measure(e: BarrageEntry<CommentData>): number {
    const text = flying(e.text);
    const key = (e.self ? 'b' : 'n') + text;
    let width = this.#widths.get(key);
    if (width === undefined) {
      width = Math.ceil(this.#textWidth(text, `${e.self ? '600 ' : ''}${this.#fontSize}px ${this.#fontFamily()}`)) + 2;
      if (this.#widths.size >= MEASURE_CACHE) this.#widths.delete(this.#widths.keys().next().value!);
      this.#widths.set(key, width);
    }
    return width;
  }

  /** New comments arrived: flush soon (batched: at most one flush per FLUSH_MS). */
  #requestFlush(): void {
    this.#scheduleIn(0);
  }

  /**
   * Schedules the next flush `delay` ms from now, but not sooner than FLUSH_MS after the last
   * one, and always in an animation frame (the timeline then has the frame's time, and the DOM
   * writes land before paint). Keeps the earlier of what is already scheduled.
   */
  #scheduleIn(delay: number): void {
    if (!this.hasUpdated) return;
    const real = performance.now();
    const when = Math.max(real + delay, this.#lastFlush + FLUSH_MS);
    if (this.#wakeAt !== undefined && this.#wakeAt <= when) return;
    this.#cancelWake();
    this.#wakeAt = when;
    const toFrame = () => {
      this.#timer = undefined;
      this.#frame = requestAnimationFrame(this.#onFrame);
    };
    // A frame is at most ~16 ms away: wait with a timer only beyond that.
    if (when - real > 16) this.#timer = setTimeout(toFrame, when - real - 16);
    else toFrame();
  }

  #cancelWake(): void {
    clearTimeout(this.#timer);
    cancelAnimationFrame(this.#frame);
    this.#timer = undefined;
    this.#frame = 0;
    this.#wakeAt = undefined;
  }

  #onFrame = (): void => {
    this.#frame = 0;
    this.#flush();
  };

  #wake(): void {
    if (!this.hasUpdated) return;
    this.#flush();
  }

  /** One step of the layer's only loop: end what is over, show what fits, sleep until the next change. */
  #flush(): void {
    this.#cancelWake();
    // Until the stage has a size, comments wait (even under `drop`).
    if (!this.#stage || this.#size.width <= 0) return;
    this.#lastFlush = performance.now();
    const now = this.#now();
    this.#scheduler.flush(now, !this.#halted);
    if (this.#halted) return;
    const at = this.#scheduler.nextWakeAt(now);
    if (at !== undefined) this.#scheduleIn(at - now);
  }

  /**
   * A comment is one element holding one text node, nothing else: child elements under a
   * compositor-animated node make every style recalculation many times slower. The ×N badge is
   * its `::after`, drawn from `data-count`.
   */
  #node(): HTMLElement {
    const pooled = this.#pool.pop();
    if (pooled) return pooled;
    const node = document.createElement('span');
    node.append(document.createTextNode(''));
    return node;
  }

  #show(e: BarrageEntry<CommentData>): void {
    const stage = this.#stage;
    if (!stage) return;
    const node = this.#node();
    (node.firstChild as Text).data = flying(e.text);
    const list = this.#scheduler.options.layout === 'list';
    node.className = `comment ${list ? 'in-list' : e.mode}${e.self ? ' self' : ''}`;
    node.setAttribute('part', e.self ? 'comment self' : 'comment');
    node.dataset.id = String(e.id);
    if (node.style.color !== e.data.color) node.style.color = e.data.color;
    this.#setBadge(node, e.count);
    const rendered: Rendered = { node };
    const y = TOP_PAD + e.lane * this.#laneHeight;
    if (list) {
      node.style.transform = '';
      stage.append(node);
    } else if (e.mode === 'scroll') {
      const track = this.#trackFor(e.speed, e.shownAt);
      // Where the stage's right edge is on the track now; the track carries it from there.
      node.style.transform = `translate(${(this.#scheduler.options.stageWidth + track.speed * (e.shownAt - track.t0)).toFixed(2)}px,${y}px)`;
      track.el.append(node);
      track.riders++;
      rendered.track = track;
    } else {
      node.style.transform = `translate(-50%,${y}px)`;
      stage.append(node);
      const anim = node.animate([{ opacity: 1 }, { opacity: 1, offset: 0.8 }, { opacity: 0 }], { duration: this.#scheduler.options.fixedMs, fill: 'both' });
      rendered.fade = this.#run(anim, e.shownAt);
    }
    this.#rendered.set(e.id, rendered);
  }

  /** Starts an animation on the motion clock (so that lanes and drawing agree), paused while the layer is halted. */
  #run(anim: Animation, t0: number): Motion {
    const motion = { anim, t0 };
    this.#motions.add(motion);
    this.#sync(motion);
    return motion;
  }

  #sync(motion: Motion): void {
    const now = this.#now();
    if (this.#haltedAt >= 0) {
      // Held exactly where the motion clock stopped (a plain pause() would hold at the next frame).
      motion.anim.pause();
      motion.anim.currentTime = now - motion.t0;
    } else {
      motion.anim.startTime = this.#real() - (now - motion.t0);
    }
  }

  #stop(motion: Motion): void {
    this.#motions.delete(motion);
    motion.anim.cancel();
  }

  /** The track for scroll comments of this speed: the current one, or a new one (a track runs TRACK_MS). */
  #trackFor(speed: number, now: number): Track {
    const current = this.#tracks.get(speed);
    // A comment must end before its track does: the longest takes (stage + widest) / speed.
    const longest = (this.#scheduler.options.stageWidth + 8000) / speed;
    if (current && now + longest < current.t0 + TRACK_MS) return current;
    const el = document.createElement('div');
    el.className = 'track';
    this.#stage!.append(el);
    const anim = el.animate([{ transform: 'translate3d(0,0,0)' }, { transform: `translate3d(${(-speed * TRACK_MS).toFixed(2)}px,0,0)` }], { duration: TRACK_MS, easing: 'linear', fill: 'forwards' });
    const track: Track = { el, anim, t0: now, speed, riders: 0 };
    this.#motions.add(track);
    this.#sync(track);
    this.#tracks.set(speed, track);
    return track;
  }

  #setBadge(node: HTMLElement, count: number): void {
    if (count < 2) node.removeAttribute('data-count');
    else node.dataset.count = count > 999 ? '×999+' : `×${count}`;
  }

  #updateBadge(e: BarrageEntry<CommentData>): void {
    const r = this.#rendered.get(e.id);
    if (r) this.#setBadge(r.node, e.count);
  }

  #hide(e: BarrageEntry<CommentData>): void {
    const r = this.#rendered.get(e.id);
    if (!r) return;
    this.#rendered.delete(e.id);
    if (r.fade) this.#stop(r.fade);
    r.node.remove();
    if (this.#pool.length < POOL_LIMIT) this.#pool.push(r.node);
    const track = r.track;
    if (track && --track.riders === 0) {
      // Nothing rides it: it stops (nothing moves when nothing is on screen).
      this.#stop(track);
      track.el.remove();
      if (this.#tracks.get(track.speed) === track) this.#tracks.delete(track.speed);
    }
  }

  /* ───────────── hiding users ───────────── */

  #onStageClick = (event: MouseEvent): void => {
    const node = (event.target as Element).closest<HTMLElement>('.comment');
    if (!node) return;
    const id = Number(node.dataset.id);
    const entry = this.#scheduler.active.find((e) => e.id === id);
    if (!entry || entry.self || !entry.userId) return;
    const box = this.getBoundingClientRect();
    const menu: MenuTarget = { userId: entry.userId, name: entry.data.name || entry.userId, x: event.clientX - box.left, y: event.clientY - box.top };
    const open = () => this.#chat.value?.openMenu(menu);
    const loading = this.#chat.need();
    if (loading) void loading.then(open);
    else open();
  };

  /* ───────────── log ───────────── */

  #appendLog(name: string, text: string, userId: string | undefined, self: boolean): void {
    this.#log.push({ id: ++this.#logId, name, text, userId, self });
    if (this.#log.length > LOG_LIMIT) this.#log.splice(0, this.#log.length - LOG_LIMIT);
    this.#chat.value?.logChanged();
  }

  /** Reports a failure as `barrage-error`. */
  #fail(code: number, message: string): void {
    this.dispatchEvent(new CustomEvent<BarrageErrorDetail>('barrage-error', { detail: { code, message }, bubbles: true, composed: true }));
  }
}

/** Sets an attribute only when it changes (the lanes' style is read by every comment). */
function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function flying(text: string): string {
  const oneLine = text.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > FLYING_CHARS ? `${oneLine.slice(0, FLYING_CHARS - 1)}…` : oneLine;
}

function validColor(color: unknown): string {
  if (typeof color !== 'string' || color.length > 64) return '';
  return typeof CSS !== 'undefined' && CSS.supports('color', color) ? color : '';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'barrage-send': CustomEvent<BarrageSendDetail>;
    'barrage-error': CustomEvent<BarrageErrorDetail>;
  }
}
