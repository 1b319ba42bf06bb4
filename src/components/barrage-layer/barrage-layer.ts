import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { liveRoomContext } from '../../context/live-room-context.js';
import { StoreController } from '../../context/store-controller.js';
import { compileBlocklist, splitWords, type Blocklist } from '../../core/barrage/filter.js';
import type { BarrageMode } from '../../core/barrage/lanes.js';
import { BarrageScheduler, type BarrageEntry, type BarrageLayout, type BarrageStats } from '../../core/barrage/scheduler.js';
import { clamp, DEFAULT_SPEED, parseOverflow, parseSpeed, type OverflowPolicy } from '../../core/barrage/settings.js';
import type { UserProfile } from '../../core/engines/types.js';
import { ErrorCode, toLiveError } from '../../core/errors.js';
import type { LiveRoomState, LiveRoomStore } from '../../core/store/live-room-store.js';
import { byteLength, Limits } from '../../core/validation.js';
import { formatCountdown, Ticker } from '../../internal/countdown.js';
import { errorText, langOf, translator } from '../../internal/i18n.js';
import { canModerate } from '../../internal/moderation.js';
import { commonStrings } from '../../internal/strings/common.js';
import { barrageStrings } from '../../internal/strings/barrage.js';
import { barrageLayerStyles } from './barrage-layer.styles.js';

const t = translator(commonStrings, barrageStrings);

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

interface LogEntry {
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

interface UserMenu {
  userId: string;
  name: string;
  x: number;
  y: number;
  /** Where focus goes back when the menu closes (a log entry's name button). */
  from?: HTMLElement;
}

/** The built-in emoji set. */
export const BARRAGE_EMOJI = ['😀', '😂', '🤣', '😊', '😍', '😮', '😢', '😡', '👍', '👏', '🙏', '💪', '🎉', '🔥', '❤️', '💯', '🌹', '⭐', '👀', '🤔', '😎', '🥳', '🍻', '🚀'] as const;
const EMOJI_COLUMNS = 6;
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
 * @summary Flying on-screen comments (danmaku) with lanes, flood control, filters, a chat input and a log view.
 * @tag barrage-layer
 *
 * @event {CustomEvent<BarrageSendDetail>} barrage-send - Before the viewer's comment is sent. Cancelable: `preventDefault()` sends nothing. `detail: { text }`.
 * @event {CustomEvent<BarrageErrorDetail>} barrage-error - Something failed (sending, a comment too long, sending too fast, an invalid blocked pattern or setting). `detail: { code, message }`; also shown in words when it concerns the input.
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
export class BarrageLayer extends LitElement {
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
    this.#phase.setExplicit(store);
    this.#mutedUntil.setExplicit(store);
    this.#mutedByAll.setExplicit(store);
  }
  get store(): LiveRoomStore | undefined {
    return this.#phase.store;
  }

  @state() private _menu?: UserMenu;
  @state() private _notice?: { userId: string; name: string };
  @state() private _error = '';
  @state() private _bytes = 0;
  @state() private _emojiOpen = false;
  @state() private _unread = false;
  @state() private _reducedMotion = false;

  #phase = new StoreController<LiveRoomStore, LiveRoomState, LiveRoomState['phase']>(this, liveRoomContext, (s) => s.phase);
  /** Until when this user is muted (ms since epoch; 0 = not). */
  #mutedUntil = new StoreController<LiveRoomStore, LiveRoomState, number>(this, liveRoomContext, (s) => s.selfMutedUntil);
  /** "Mute everyone" is on and applies to this user (not the owner or an admin). */
  #mutedByAll = new StoreController<LiveRoomStore, LiveRoomState, boolean>(this, liveRoomContext, (s) => s.mutedAll && !canModerate(s));

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
  #logFrame = 0;
  #stick = true;
  #logFocus = -1;
  #emojiFocus = 0;
  #cooldownUntil = 0;
  #noticeTimer?: ReturnType<typeof setTimeout>;
  #listening?: LiveRoomStore;
  #unlisten?: () => void;
  #focusMenu = false;
  #focusEmoji = false;

  constructor() {
    super();
    new Ticker(this, () => [this.#mutedUntil.value, this.#cooldownUntil]);
  }

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
    this.#logChanged();
    this.#wake();
  }

  /** Shows a hidden user's comments again (those to come). */
  unmuteUser(userId: string): void {
    if (!this.#mutedUsers.delete(userId)) return;
    if (this._notice?.userId === userId) this._notice = undefined;
    this.requestUpdate();
  }

  /* ───────────── lifecycle ───────────── */

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.#onVisibility);
    if (typeof matchMedia === 'function') {
      this.#motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
      this._reducedMotion = this.#motionQuery.matches;
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
    cancelAnimationFrame(this.#logFrame);
    this.#logFrame = 0;
    clearTimeout(this.#noticeTimer);
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
    const settings = ['speed', 'fontSize', 'opacity', 'area', 'density', 'overflow', 'queueLimit', 'mergeWindow', 'staticMode', 'view', 'noInput', '_reducedMotion'] as const;
    if (settings.some((key) => changed.has(key as keyof BarrageLayer))) this.#configure();
    if (changed.has('paused')) this.#syncHalt();
    if (changed.has('view') && this.view === 'log') {
      this.#stick = true;
      this._unread = false;
    }
  }

  protected override firstUpdated(): void {
    this.#stage = this.renderRoot.querySelector<HTMLElement>('.lanes') ?? undefined;
    this.#wake();
  }

  protected override updated(): void {
    if (this.view === 'log' && this.#stick) {
      const log = this.renderRoot.querySelector<HTMLElement>('.log');
      if (log) log.scrollTop = log.scrollHeight;
    }
    if (this.#focusMenu) {
      this.#focusMenu = false;
      this.renderRoot.querySelector<HTMLElement>('.menu button')?.focus();
    }
    if (this.#focusEmoji) {
      this.#focusEmoji = false;
      this.renderRoot.querySelectorAll<HTMLElement>('.emoji-picker button')[this.#emojiFocus]?.focus();
    }
  }

  /* ───────────── store ───────────── */

  /** Follows the store's every text message (not the bounded `messages` array, which a burst can outrun). */
  #listen(): void {
    const store = this.#phase.store;
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
    this._reducedMotion = event.matches;
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
    const usable = Math.max(0, this.#size.height - (this.noInput ? 0 : INPUT_RESERVE) - TOP_PAD);
    const area = clamp(this.area, 0.25, 1, 0.75);
    const lanes = Math.max(1, Math.floor((usable * area) / this.#laneHeight));
    const layout: BarrageLayout = this.view === 'log' ? 'log' : this.staticMode || this._reducedMotion ? 'list' : 'lanes';
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
    this._menu = { userId: entry.userId, name: entry.data.name || entry.userId, x: event.clientX - box.left, y: event.clientY - box.top };
    this.#focusMenu = true;
  };

  #openMenuFor(button: HTMLElement): void {
    const entry = this.#log.find((e) => e.id === Number(button.dataset.id));
    if (!entry?.userId) return;
    const box = this.getBoundingClientRect();
    const at = button.getBoundingClientRect();
    this._menu = { userId: entry.userId, name: entry.name || entry.userId, x: at.left - box.left, y: at.bottom - box.top + 4, from: button };
    this.#focusMenu = true;
  }

  #closeMenu(): void {
    const from = this._menu?.from;
    this._menu = undefined;
    if (from?.isConnected) from.focus();
  }

  #hideFromMenu(): void {
    const menu = this._menu;
    if (!menu) return;
    this.muteUser(menu.userId);
    this._notice = { userId: menu.userId, name: menu.name };
    clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => (this._notice = undefined), 6000);
    const from = menu.from;
    this._menu = undefined;
    // The log entry is gone with the user's messages: focus moves to the log itself.
    if (from) this.renderRoot.querySelector<HTMLElement>('.log')?.focus();
  }

  #onMenuKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.#closeMenu();
    }
  };

  /* ───────────── log view ───────────── */

  #appendLog(name: string, text: string, userId: string | undefined, self: boolean): void {
    this.#log.push({ id: ++this.#logId, name, text, userId, self });
    if (this.#log.length > LOG_LIMIT) this.#log.splice(0, this.#log.length - LOG_LIMIT);
    this.#logChanged();
  }

  /** The log re-renders at most once a frame, and only while it is shown. */
  #logChanged(): void {
    if (this.view !== 'log') return;
    if (!this.#stick) this._unread = true;
    if (this.#logFrame) return;
    this.#logFrame = requestAnimationFrame(() => {
      this.#logFrame = 0;
      this.requestUpdate();
    });
  }

  #onLogScroll = (event: Event): void => {
    const log = event.currentTarget as HTMLElement;
    this.#stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    if (this.#stick) this._unread = false;
  };

  #toBottom(): void {
    this.#stick = true;
    this._unread = false;
    const log = this.renderRoot.querySelector<HTMLElement>('.log');
    if (log) log.scrollTop = log.scrollHeight;
  }

  #onLogClick = (event: MouseEvent): void => {
    const button = (event.target as Element).closest<HTMLElement>('button.name');
    if (button) this.#openMenuFor(button);
  };

  /** Arrow keys move between the authors' buttons (one tab stop for the whole log). */
  #onLogKey = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown' && event.key !== 'Home' && event.key !== 'End') return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('.log button.name')];
    if (buttons.length === 0) return;
    const at = buttons.indexOf(event.target as HTMLElement);
    let next: number;
    if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    else if (at < 0) next = event.key === 'ArrowUp' ? buttons.length - 1 : 0;
    else next = Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowUp' ? -1 : 1)));
    event.preventDefault();
    for (const b of buttons) b.tabIndex = -1;
    buttons[next].tabIndex = 0;
    this.#logFocus = Number(buttons[next].dataset.id);
    buttons[next].focus();
  };

  #toggleView(): void {
    this.view = this.view === 'log' ? 'barrage' : 'log';
  }

  /* ───────────── input ───────────── */

  get #input(): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>('input[name="text"]');
  }

  #limit(): number {
    return Math.round(clamp(this.maxlength, 1, Limits.textMessageBytes, Limits.textMessageBytes));
  }

  #onInput = (): void => {
    this._bytes = byteLength(this.#input?.value ?? '');
    this._error = '';
  };

  #onInputKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void this.#submit();
  };

  #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#submit();
  };

  async #submit(): Promise<void> {
    const input = this.#input;
    const store = this.store;
    if (!input || !store) return;
    const text = input.value.trim();
    if (!text) return;
    const lang = langOf(this);
    const wait = this.#cooldownUntil - Date.now();
    if (wait > 0) {
      this.#fail(ErrorCode.RATE_LIMITED, t(lang, 'blCooldown', { n: Math.ceil(wait / 1000) }), true);
      return;
    }
    const limit = this.#limit();
    const bytes = byteLength(text);
    if (bytes > limit) {
      this.#fail(ErrorCode.TEXT_TOO_LONG, t(lang, 'blTooLong', { n: bytes - limit, max: limit }), true);
      return;
    }
    const allowed = this.dispatchEvent(new CustomEvent<BarrageSendDetail>('barrage-send', { detail: { text }, bubbles: true, composed: true, cancelable: true }));
    if (!allowed) return;
    this._error = '';
    this.#cooldownUntil = Date.now() + Math.max(0, Number(this.cooldown) || 0);
    this.requestUpdate();
    try {
      await store.sendRoomTextMsg(text);
      if (input.value.trim() === text) {
        input.value = '';
        this._bytes = 0;
      }
    } catch (error) {
      const e = toLiveError(error);
      this.#fail(e.code, errorText(langOf(this), e), true);
    }
  }

  /** Reports a failure as `barrage-error`, and in words under the input when it concerns it. */
  #fail(code: number, message: string, show = false): void {
    if (show) this._error = message;
    this.dispatchEvent(new CustomEvent<BarrageErrorDetail>('barrage-error', { detail: { code, message }, bubbles: true, composed: true }));
  }

  /* ───────────── emoji ───────────── */

  #toggleEmoji(): void {
    this._emojiOpen = !this._emojiOpen;
    if (this._emojiOpen) this.#focusEmoji = true;
  }

  #closeEmoji(focusToggle: boolean): void {
    this._emojiOpen = false;
    if (focusToggle) this.renderRoot.querySelector<HTMLElement>('.emoji-toggle')?.focus();
  }

  /** Inserts at the caret (replacing a selection), then puts the caret after it. */
  #insertEmoji(emoji: string): void {
    const input = this.#input;
    if (!input) return;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    input.setRangeText(emoji, start, end, 'end');
    this._emojiOpen = false;
    input.focus();
    this.#onInput();
  }

  #onEmojiClick = (event: MouseEvent): void => {
    const button = (event.target as Element).closest<HTMLElement>('button[data-emoji]');
    if (button) this.#insertEmoji(button.dataset.emoji!);
  };

  #onEmojiKey = (event: KeyboardEvent): void => {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('.emoji-picker button')];
    const at = buttons.indexOf(event.target as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#closeEmoji(true);
      return;
    }
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -EMOJI_COLUMNS, ArrowDown: EMOJI_COLUMNS };
    let next: number;
    if (event.key in moves) next = at + moves[event.key];
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    else return;
    event.preventDefault();
    next = Math.max(0, Math.min(buttons.length - 1, next));
    this.#emojiFocus = next;
    for (const [i, b] of buttons.entries()) b.tabIndex = i === next ? 0 : -1;
    buttons[next].focus();
  };

  /* ───────────── render ───────────── */

  protected override render() {
    const lang = langOf(this);
    const layout = this.#scheduler.options.layout;
    const opacity = clamp(this.opacity, 0.1, 1, 1);
    return html`
      ${this.noInput ? nothing : this.#renderForm(lang)}
      <div
        part=${layout === 'list' ? 'lanes list' : 'lanes'}
        class=${layout === 'list' ? 'lanes list' : 'lanes'}
        style="--_fs:${this.#fontSize}px;--_lh:${this.#laneHeight}px;--_opacity:${opacity};--_reserve:${this.noInput ? 0 : INPUT_RESERVE}px"
        ?hidden=${this.view === 'log'}
        aria-hidden="true"
        @click=${this.#onStageClick}
      ></div>
      ${this.view === 'log' ? this.#renderLog(lang) : nothing} ${this.#renderMenu(lang)}
      ${this._notice
        ? html`<div part="notice" class="notice" role="status">
            <span>${t(lang, 'blUserHidden', { name: this._notice.name })}</span>
            <button type="button" @click=${() => this.unmuteUser(this._notice!.userId)}>${t(lang, 'blUndo')}</button>
          </div>`
        : nothing}
    `;
  }

  #renderForm(lang: string) {
    const inRoom = this.#phase.value === 'in-room';
    const left = (this.#mutedUntil.value ?? 0) - Date.now();
    const muted = inRoom && left > 0 ? t(lang, 'lrMutedFor', { time: formatCountdown(left) }) : inRoom && this.#mutedByAll.value ? t(lang, 'lrMutedAll') : '';
    const wait = this.#cooldownUntil - Date.now();
    const limit = this.#limit();
    const remaining = limit - this._bytes;
    const nearLimit = remaining <= Math.max(10, limit * 0.2);
    const over = remaining < 0;
    const described = [muted ? 'muted' : '', nearLimit ? 'counter' : '', this._error ? 'error' : ''].filter(Boolean).join(' ');
    const disabled = !inRoom || !!muted;
    return html`<form part="form" class="form" @submit=${this.#onSubmit}>
      <input
        part="input"
        name="text"
        autocomplete="off"
        enterkeyhint="send"
        ?disabled=${disabled}
        placeholder=${muted || t(lang, 'lrSay')}
        aria-label=${t(lang, 'lrComment')}
        aria-invalid=${over ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        @input=${this.#onInput}
        @keydown=${this.#onInputKey}
      />
      <button part="send" class="send" ?disabled=${disabled || wait > 0}>${wait > 0 ? t(lang, 'blSendWait', { n: Math.ceil(wait / 1000) }) : t(lang, 'lrSend')}</button>
      <button
        part="emoji-button"
        class="emoji-toggle"
        type="button"
        aria-label=${t(lang, 'blEmoji')}
        aria-expanded=${this._emojiOpen ? 'true' : 'false'}
        aria-controls="emoji-picker"
        ?disabled=${disabled}
        @click=${this.#toggleEmoji}
      >
        <slot name="emoji-icon"><span aria-hidden="true">😊</span></slot>
      </button>
      <button part="log-button" class="log-toggle" type="button" aria-pressed=${this.view === 'log' ? 'true' : 'false'} @click=${this.#toggleView}>${t(lang, 'blLog')}</button>
      ${this._emojiOpen && !disabled
        ? html`<div part="emoji-picker" id="emoji-picker" class="emoji-picker" role="group" aria-label=${t(lang, 'blEmojiPicker')} @click=${this.#onEmojiClick} @keydown=${this.#onEmojiKey}>
            ${BARRAGE_EMOJI.map((emoji, i) => html`<button part="emoji" type="button" data-emoji=${emoji} tabindex=${i === this.#emojiFocus ? 0 : -1}>${emoji}</button>`)}
          </div>`
        : nothing}
      ${nearLimit ? html`<span id="counter" part="counter" class=${over ? 'counter over' : 'counter'}>${over ? t(lang, 'lrBytesOver', { n: -remaining }) : t(lang, 'lrBytesLeft', { n: remaining })}</span>` : nothing}
      ${this._error ? html`<p id="error" part="error" class="error" role="alert">${this._error}</p>` : nothing}
      ${muted ? html`<span id="muted" part="muted" class="muted">${muted}</span>` : nothing}
    </form>`;
  }

  #renderLog(lang: string) {
    const focusable = this.#log.some((e) => e.id === this.#logFocus) ? this.#logFocus : -1;
    return html`<section part="log-panel" class="log-panel">
      <div part="log" class="log" role="log" aria-live="polite" aria-label=${t(lang, 'blLogLabel')} tabindex="0" @scroll=${this.#onLogScroll} @click=${this.#onLogClick} @keydown=${this.#onLogKey}>
        ${this.#log.length === 0 ? html`<p class="empty">${t(lang, 'blLogEmpty')}</p>` : nothing}
        ${repeat(
          this.#log,
          (e) => e.id,
          (e) => {
            const name = e.self ? t(lang, 'you') : e.name || t(lang, 'blSomeone');
            return html`<div part=${e.self ? 'entry self' : 'entry'} class=${e.self ? 'entry self' : 'entry'}>
              ${e.userId && !e.self
                ? html`<button part="name" class="name" type="button" data-id=${e.id} tabindex=${e.id === focusable ? 0 : -1} aria-haspopup="dialog" aria-label=${t(lang, 'lrActionsFor', { name })}>${name}</button>`
                : html`<span part="name" class="name">${name}</span>`}
              <span part="text" class="text">${e.text}</span>
            </div>`;
          },
        )}
      </div>
      ${this._unread ? html`<button part="new-messages" class="new-messages" type="button" @click=${this.#toBottom}>${t(lang, 'blNewMessages')}</button>` : nothing}
    </section>`;
  }

  #renderMenu(lang: string) {
    const menu = this._menu;
    if (!menu) return nothing;
    return html`<div
      part="user-menu"
      class="menu"
      role="dialog"
      aria-label=${t(lang, 'blUserActions', { name: menu.name })}
      style="left:min(${Math.max(0, menu.x)}px, calc(100% - 16rem));top:min(${Math.max(0, menu.y)}px, calc(100% - 7rem))"
      @keydown=${this.#onMenuKey}
    >
      <p class="menu-title">${menu.name}</p>
      <button part="hide-user" class="primary" type="button" @click=${this.#hideFromMenu}>${t(lang, 'blHideUser', { name: menu.name })}</button>
      <button type="button" @click=${this.#closeMenu}>${t(lang, 'lrCancel')}</button>
    </div>`;
  }
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
