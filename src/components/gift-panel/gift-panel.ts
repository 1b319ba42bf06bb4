import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { repeat } from 'lit/directives/repeat.js';
import { liveRoomContext } from '../../context/live-room-context.js';
import { StoreController } from '../../context/store-controller.js';
import { createLocalGiftBilling, fetchLocalGiftBalance, fetchLocalGiftCatalog, isLocalSession, type GiftEffect } from '../../core/billing/local-billing.js';
import type { UserProfile } from '../../core/engines/types.js';
import { ErrorCode, toLiveError } from '../../core/errors.js';
import type { GiftBilling, LiveRoomEvents, LiveRoomState, LiveRoomStore } from '../../core/store/live-room-store.js';
import { errorText, langOf, translator, type KeyOf } from '../../internal/i18n.js';
import { selectKeys } from '../../internal/select-keys.js';
import { giftStrings } from '../../internal/strings/gift.js';
import { giftPanelStyles } from './gift-panel.styles.js';

const t = translator(giftStrings);
type StringKey = KeyOf<typeof t>;

export type { GiftEffect } from '../../core/billing/local-billing.js';
export type { GiftBilling } from '../../core/store/live-room-store.js';

/** One gift of the catalog. */
export interface Gift {
  id: string;
  name: string;
  /** Coins per gift (also the gift's `value` in the room's message, for PK scores). */
  price: number;
  /** An emoji, or an image URL (http(s) or a path). */
  icon?: string;
  /** How receivers see it. Default: by price (≥ 500 fullscreen, ≥ 50 burst, else float). */
  effect?: GiftEffect;
}

/** `detail` of `gift-send`. */
export interface GiftSendDetail {
  gift: Gift;
  count: number;
}

/** `detail` of `gift-recharge`. */
export interface GiftRechargeDetail {
  /** The balance when known. */
  balance?: number;
  /** The gift that could not be paid for. */
  gift?: Gift;
  count?: number;
}

/** `detail` of `gift-error`. */
export interface GiftErrorDetail {
  code: number;
  message: string;
  gift?: Gift;
  count?: number;
}

/** What an effect renderer (e.g. Lottie) is given. */
export interface GiftEffectContext {
  gift: Gift;
  /** Gifts in the message (or the combo so far). */
  count: number;
  effect: Exclude<GiftEffect, 'none'>;
  sender: UserProfile;
  /** An empty element, covering the effect's area, to draw into. Removed when the effect ends. */
  container: HTMLElement;
}

/**
 * Draws an effect instead of the built-in CSS animation. Resolve when done (the node is removed
 * after at most 8 s anyway). Return `false` to use the built-in animation for this one.
 */
export type GiftEffectRenderer = (context: GiftEffectContext) => Promise<void> | void | false;

/** The bounds that keep the element's memory and DOM flat whatever the message rate. */
export const GIFT_PANEL_LIMITS = {
  /** Banners waiting for a free slot (oldest dropped first; the viewer's own kept longest). */
  bannerQueue: 20,
  /** Float effects on screen at once (more are skipped). */
  floats: 12,
  /** Burst effects on screen at once (more are skipped). */
  bursts: 3,
  /** Fullscreen effects waiting (one plays at a time; oldest dropped first). */
  fullscreenQueue: 20,
  /** Hearts on screen at once. */
  hearts: 24,
  /** New hearts per second (more taps are counted, not drawn). */
  heartsPerSecond: 8,
  /** Polite announcements: at most one per this many ms. */
  announceMs: 1500,
  /** Combo button: the combo ends after this long without a click (the store's combo idle time). */
  comboIdleMs: 3000,
} as const;

/** How long nodes may outlive their animation before they are removed anyway (ms). */
const FALLBACK_MS = { float: 4000, burst: 2500, fullscreen: 4000, heart: 3000, bannerOut: 900, custom: 8000 } as const;
const TOAST_MS = 5000;
const DEFAULT_QUANTITIES = '1,10,66,99,520,1314';

/** Error codes with words of their own here (both languages). */
const ERROR_KEYS: Partial<Record<number, StringKey>> = {
  [ErrorCode.INSUFFICIENT_BALANCE]: 'gpErrInsufficient',
  [ErrorCode.UNKNOWN_GIFT]: 'gpErrUnknownGift',
  [ErrorCode.NOT_IN_ROOM]: 'gpErrNotInRoom',
  [ErrorCode.RATE_LIMITED]: 'gpErrRateLimited',
  [ErrorCode.TIMEOUT]: 'gpErrTimeout',
  [ErrorCode.SERVER_UNREACHABLE]: 'gpErrUnreachable',
  [ErrorCode.AUTH_FAILED]: 'gpErrAuth',
  [ErrorCode.USERSIG_EXPIRED]: 'gpErrAuth',
  [ErrorCode.INVALID_ARGUMENT]: 'gpErrInvalid',
};

/** The part of the room's state this element renders; re-rendered only when one of these changes. */
const VIEW_KEYS = ['phase', 'user', 'likeTotal', 'giftBalance'] as const satisfies readonly (keyof LiveRoomState)[];
type View = Pick<LiveRoomState, (typeof VIEW_KEYS)[number]>;

/** The local server's balance, fetched once per store and user. */
interface FetchedBalance {
  store: LiveRoomStore;
  userId: string;
  balance?: number;
  error?: string;
}

interface Banner {
  key: number;
  comboId: string;
  sender: UserProfile;
  giftId: string;
  total: number;
  self: boolean;
  /** When it starts to fade (ms, performance clock); set when it becomes visible. */
  until: number;
  /** When it started to fade. */
  leavingSince?: number;
  /** Bumped on each update, to replay the count's pop. */
  bump: number;
}

interface Effect {
  key: number;
  kind: Exclude<GiftEffect, 'none'>;
  comboId: string;
  giftId: string;
  count: number;
  sender: UserProfile;
  /** Horizontal position (%) of a float. */
  x: number;
  /** Drawn by the effect renderer: undefined = not asked yet. */
  custom?: boolean;
}

interface Heart {
  key: number;
  drift: number;
  hue: number;
}

interface Combo {
  gift: Gift;
  /** Gifts per click. */
  count: number;
  comboId?: string;
  total: number;
  /** Clicks so far (restarts the ring). */
  clicks: number;
}

function nameOf(user: UserProfile): string {
  return user.nickname || user.userId;
}

/** First letter (a whole grapheme where possible) of a name, upper-cased. */
function initialOf(name: string): string {
  const first = [...name.trim()][0] ?? '?';
  return first.toLocaleUpperCase();
}

function isImageUrl(icon: string): boolean {
  return /^(https?:\/\/|\/|\.\.?\/)/i.test(icon);
}

/** The gift's value for the room's message: its price when that is a whole 0–1 000 000. */
function valueOf(gift: Gift): number {
  return Number.isInteger(gift.price) && gift.price >= 0 && gift.price <= 1_000_000 ? gift.price : 0;
}

function effectOf(gift: Gift | undefined, unitValue: number): GiftEffect {
  if (gift?.effect) return gift.effect;
  const price = gift?.price ?? unitValue;
  return price >= 500 ? 'fullscreen' : price >= 50 ? 'burst' : 'float';
}

function parseQuantities(text: string): number[] {
  const list = (text || '')
    .split(/[\s,]+/)
    .map((p) => Number(p))
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 9999);
  const unique = [...new Set(list)];
  return unique.length ? unique : [1];
}

/**
 * Gifts and likes over the stage of a live room: an overlay placed inside `<live-room>` (or
 * anywhere, with `.store`) that covers its positioned container and lets clicks through except
 * on its own controls.
 *
 * - **Sending.** The gift button opens a sheet with the catalog (`.gifts`; on the local engine,
 *   loaded from the local server when empty), quantity presets, the balance when known and a
 *   Send button. After a send, a combo button counts the running combo (“×12”) with a ring that
 *   empties in 3 s; each click sends the same gift again. The store merges clicks into at most
 *   one message per 20 gifts or per second, bills each batch through the billing function
 *   (`.sendGift`, or the local server's demo billing on the local engine) and only then sends it.
 *   A refusal (such as a low balance) is shown in words in the sheet, with Recharge.
 * - **Liking.** The heart button likes (taps merge into at most one message per second); a heart
 *   floats at once, and the room's like total is shown next to it.
 * - **Receiving.** Banners (“Anna sent Rocket ×20”) at the left, at most `max-banners` at once;
 *   a combo updates its banner in place and keeps it up; others wait in a bounded queue.
 *   Effects by gift: a drifting icon (float), a burst in the centre, or a fullscreen animation
 *   (one at a time, bounded queue). Hearts float for likes, at most 8 new ones per second.
 *   Every node is removed when its animation ends (or by a fallback timer); queues are bounded,
 *   so nothing grows with the message rate. With `prefers-reduced-motion`, nothing flies or
 *   bursts; banners only fade. Gifts are announced politely to screen readers, throttled.
 *
 * User names and gift names are rendered as text, never as HTML.
 *
 * @summary Gift sheet with combos, billing and balance; like button with hearts; gift banners and effects for everyone in the room.
 * @tag gift-panel
 *
 * @attr {'light' | 'dark'} theme - Forces the light or the dark look; without it the element follows the page's `prefers-color-scheme`.
 * @attr {string} lang - Language of the element's words (`en`, `zh-CN`); without it, the closest ancestor's `lang`, else the page's.
 *
 * @event {CustomEvent<GiftSendDetail>} gift-send - Before a gift is sent (Send or a combo click). Cancelable: `preventDefault()` sends nothing. `detail: { gift, count }`.
 * @event {CustomEvent<GiftRechargeDetail>} gift-recharge - The viewer pressed Recharge (shown when the balance is too low). `detail: { balance, gift, count }`.
 * @event {CustomEvent<GiftErrorDetail>} gift-error - Sending failed (it is also shown in words). `detail: { code, message, gift, count }`.
 *
 * @slot recharge - Replaces the Recharge button shown when the balance is too low.
 * @slot gift-icon - Replaces the gift button's icon.
 *
 * @csspart base - The overlay covering the stage.
 * @csspart controls - The column of buttons at the bottom right.
 * @csspart gift-button - The button that opens and closes the sheet.
 * @csspart sheet - The gift sheet.
 * @csspart sheet-header - The sheet's title row (title, balance, close).
 * @csspart close - The sheet's close button.
 * @csspart catalog - The list of gifts.
 * @csspart gift - One gift of the catalog (a toggle button).
 * @csspart gift-icon - A gift's icon (catalog, banners, effects).
 * @csspart gift-name - A gift's name in the catalog.
 * @csspart price - A gift's price in the catalog.
 * @csspart quantities - The row of quantity presets.
 * @csspart quantity - One quantity preset (a toggle button).
 * @csspart send - The Send button.
 * @csspart combo - The combo button (“×12”, with a ring).
 * @csspart combo-count - The combo's running total.
 * @csspart combo-ring - The ring that empties until the combo ends.
 * @csspart balance - The balance.
 * @csspart recharge - The default Recharge button.
 * @csspart error - A failure in words (in the sheet, or as a toast for likes).
 * @csspart status - Loading / no gifts / not in a room notes in the sheet.
 * @csspart like - The like (heart) button.
 * @csspart like-count - The room's like total.
 * @csspart banners - The column of gift banners.
 * @csspart banner - One gift banner.
 * @csspart banner-avatar - The sender's initial in a banner.
 * @csspart banner-text - The sender's name and the gift in a banner.
 * @csspart banner-count - The count (“×20”) in a banner.
 * @csspart effects - The layer of gift effects.
 * @csspart effect - One effect (also `float`, `burst` or `fullscreen`).
 * @csspart float - A drifting icon.
 * @csspart burst - A burst in the centre.
 * @csspart fullscreen - A fullscreen effect.
 * @csspart hearts - The column hearts float up in.
 * @csspart heart - One floating heart.
 * @csspart live-region - The visually hidden polite announcements (“Anna sent 20 Rose”).
 *
 * @cssproperty --gift-panel-foreground - Text colour of the controls and banners. Defaults to `#fff` (over video).
 * @cssproperty --gift-panel-accent - Accent (Send, combo, selection, focus ring). Defaults to `--live-color-accent`.
 * @cssproperty --gift-panel-on-accent - Text on the accent. Defaults to `--live-color-on-accent`.
 * @cssproperty --gift-panel-sheet-background - The sheet's background. Defaults to `--live-color-surface`.
 * @cssproperty --gift-panel-sheet-foreground - The sheet's text. Defaults to `--live-color-on-surface`.
 * @cssproperty --gift-panel-item-background - Gift and quantity buttons. Defaults to `--live-color-surface-raised`.
 * @cssproperty --gift-panel-control-background - Round buttons over the stage.
 * @cssproperty --gift-panel-banner-background - Banner background.
 * @cssproperty --gift-panel-heart-color - Heart colour (hearts vary their hue around it).
 * @cssproperty --gift-panel-error-background - Error background. Defaults to `--live-color-error-surface`.
 * @cssproperty --gift-panel-error-foreground - Error text. Defaults to `--live-color-on-error-surface`.
 * @cssproperty --gift-panel-radius - Corner radius. Defaults to `--live-radius`.
 * @cssproperty --gift-panel-gap - Spacing. Defaults to `--live-space`.
 * @cssproperty --gift-panel-font - Font family. Defaults to `--live-font`.
 * @cssproperty --gift-panel-inset-bottom - Space kept free under the controls and the sheet (e.g. for `<barrage-layer>`'s input). Default 56px.
 * @cssproperty --gift-panel-banner-top - Where the banner column starts. Default 38%.
 */
export class GiftPanel extends LitElement {
  static override styles = giftPanelStyles;

  /** The catalog. When empty and the store runs on the local engine, the local server's is loaded. */
  @property({ attribute: false }) gifts: Gift[] = [];
  /** Quantity presets, comma-separated (1–9999 each). */
  @property() quantities = DEFAULT_QUANTITIES;
  /** Whether the gift sheet is open. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Banners on screen at once (1–5). */
  @property({ type: Number, attribute: 'max-banners' }) maxBanners = 3;
  /** How long a banner stays after its last update (ms). */
  @property({ type: Number, attribute: 'banner-duration' }) bannerDuration = 3000;
  /** Hide the like button. */
  @property({ type: Boolean, attribute: 'no-like' }) noLike = false;
  /** The viewer's balance, when the page knows it; the balance a payment reports wins. */
  @property({ type: Number }) balance?: number;
  /**
   * Bills a merged batch of gifts on the application's server (a `GiftBilling`): resolve with
   * `{ balance }`, reject with `{ code, message }` to refuse. Installed on the store with
   * `setGiftBilling`. Without it, the local engine uses the local server's demo billing.
   */
  @property({ attribute: false }) sendGift?: GiftBilling;
  /** Draws effects (e.g. with Lottie) instead of the built-in CSS animations. */
  @property({ attribute: false }) effectRenderer?: GiftEffectRenderer;

  #view = new StoreController<LiveRoomStore, LiveRoomState, View>(this, liveRoomContext, selectKeys<LiveRoomState, (typeof VIEW_KEYS)[number]>(VIEW_KEYS));

  /** A store given directly wins over the one from `<live-room>`. */
  @property({ attribute: false })
  set store(store: LiveRoomStore | undefined) {
    this.#view.setExplicit(store);
  }
  get store(): LiveRoomStore | undefined {
    return this.#view.store;
  }

  @query('[part~="gift-button"]') private giftButton?: HTMLButtonElement;
  @query('[part~="sheet"]') private sheet?: HTMLElement;

  /* sending */
  #selectedId?: string;
  #quantity?: number;
  #combo?: Combo;
  #comboTimer?: ReturnType<typeof setTimeout>;
  #sendError?: { code: number; text: string; gift?: Gift; count?: number };
  #lastFailure?: Error;
  #focusOnOpen = false;
  #toast?: string;
  #toastTimer?: ReturnType<typeof setTimeout>;

  /* the store and what was set up on it */
  #boundStore?: LiveRoomStore;
  #offEvents: Array<() => void> = [];
  #installed?: { store: LiveRoomStore; billing: GiftBilling };
  #localBilling?: { store: LiveRoomStore; billing: GiftBilling };
  #catalog: Gift[] = [];
  #catalogState: 'idle' | 'loading' | 'loaded' | 'failed' = 'idle';
  #catalogError = '';
  #fetchedBalance?: FetchedBalance;

  /* receiving */
  #key = 0;
  #banners: Banner[] = [];
  #bannerQueue: Banner[] = [];
  #bannerTimer?: ReturnType<typeof setTimeout>;
  #effects: Effect[] = [];
  #fullscreenQueue: Effect[] = [];
  #hearts: Heart[] = [];
  #heartTimes: number[] = [];
  #fallbacks = new Map<number, ReturnType<typeof setTimeout>>();
  #announcement = '';
  #announced = -Infinity;
  #pendingAnnouncement?: { text: string; more: number };
  #announceTimer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#bind(undefined);
    for (const timer of [this.#comboTimer, this.#toastTimer, this.#bannerTimer, this.#announceTimer, ...this.#fallbacks.values()]) clearTimeout(timer);
    this.#fallbacks.clear();
    this.#combo = undefined;
    this.#banners = [];
    this.#bannerQueue = [];
    this.#effects = [];
    this.#fullscreenQueue = [];
    this.#hearts = [];
    this.#pendingAnnouncement = undefined;
  }

  /* ───────────── store ───────────── */

  protected override willUpdate(changed: PropertyValues<this>): void {
    const store = this.store;
    this.#bind(store);
    if (store) {
      this.#installBilling(store, changed.has('sendGift'));
      this.#loadCatalog(store);
      this.#loadBalance(store);
    }
  }

  #bind(store: LiveRoomStore | undefined): void {
    if (store === this.#boundStore) return;
    for (const off of this.#offEvents) off();
    this.#offEvents = [];
    this.#boundStore = store;
    if (!store) return;
    this.#offEvents.push(
      store.on('gift-receive', (e) => this.#onGift(e)),
      store.on('like-receive', (e) => {
        if (!e.self) this.#addHearts(e.count);
      }),
    );
  }

  /** The page's billing, else the local server's on the local engine; else the store's own is left alone. */
  #installBilling(store: LiveRoomStore, force: boolean): void {
    let billing = this.sendGift;
    if (!billing && isLocalSession(store.session)) {
      if (this.#localBilling?.store !== store) this.#localBilling = { store, billing: createLocalGiftBilling(store.session) };
      billing = this.#localBilling.billing;
    }
    if (!billing) return;
    if (!force && this.#installed?.store === store && this.#installed.billing === billing) return;
    store.setGiftBilling(billing);
    this.#installed = { store, billing };
  }

  #loadCatalog(store: LiveRoomStore): void {
    if (this.gifts.length || this.#catalogState !== 'idle' || !isLocalSession(store.session)) return;
    this.#catalogState = 'loading';
    fetchLocalGiftCatalog(store.session).then(
      (gifts) => {
        this.#catalog = gifts;
        this.#catalogState = 'loaded';
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#catalogState = 'failed';
        this.#catalogError = this.#errorWords(error);
        this.requestUpdate();
      },
    );
  }

  #loadBalance(store: LiveRoomStore): void {
    const userId = this.#view.value?.user?.userId;
    if (!userId || !store.session.credentials || !isLocalSession(store.session) || this.sendGift) return;
    if (this.#fetchedBalance?.store === store && this.#fetchedBalance.userId === userId) return;
    const entry: FetchedBalance = { store, userId };
    this.#fetchedBalance = entry;
    fetchLocalGiftBalance(store.session).then(
      (balance) => {
        entry.balance = balance;
        this.requestUpdate();
      },
      (error: unknown) => {
        entry.error = this.#errorWords(error);
        this.requestUpdate();
      },
    );
  }

  /** The catalog in use: the page's, else the one loaded. */
  get catalog(): readonly Gift[] {
    return this.gifts.length ? this.gifts : this.#catalog;
  }

  #gift(id: string): Gift | undefined {
    return this.catalog.find((g) => g.id === id);
  }

  /** The balance shown: from a payment (the store), else the page's, else the local server's. */
  #balance(): number | undefined {
    const fromStore = this.#view.value?.giftBalance;
    if (typeof fromStore === 'number') return fromStore;
    if (typeof this.balance === 'number' && Number.isFinite(this.balance)) return this.balance;
    const fetched = this.#fetchedBalance;
    return fetched && fetched.store === this.store ? fetched.balance : undefined;
  }

  /* ───────────── sending ───────────── */

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this), key, params);
  }

  #number(n: number): string {
    try {
      return new Intl.NumberFormat(langOf(this)).format(n);
    } catch {
      return String(n);
    }
  }

  #errorWords(error: unknown): string {
    const e = toLiveError(error);
    const key = ERROR_KEYS[e.code];
    return key ? this.#t(key) : errorText(langOf(this), e);
  }

  get #selected(): Gift | undefined {
    const catalog = this.catalog;
    return catalog.find((g) => g.id === this.#selectedId) ?? catalog[0];
  }

  get #presets(): number[] {
    return parseQuantities(this.quantities);
  }

  get #count(): number {
    const presets = this.#presets;
    return this.#quantity !== undefined && presets.includes(this.#quantity) ? this.#quantity : presets[0];
  }

  #toggleSheet = (): void => {
    this.open = !this.open;
    // A catalog that failed to load is tried again when the sheet opens.
    if (this.open && this.#catalogState === 'failed') this.#catalogState = 'idle';
    this.#focusOnOpen = this.open;
    if (!this.open) this.giftButton?.focus();
  };

  #close(): void {
    if (!this.open) return;
    this.open = false;
    this.updateComplete.then(() => this.giftButton?.focus());
  }

  #onSheetKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.#close();
  };

  #choose(gift: Gift): void {
    this.#selectedId = gift.id;
    this.#sendError = undefined;
    this.requestUpdate();
  }

  #chooseQuantity(n: number): void {
    this.#quantity = n;
    this.#sendError = undefined;
    this.requestUpdate();
  }

  /** Sends `count` of `gift` (Send, or a combo click). */
  #send(gift: Gift, count: number): void {
    const store = this.store;
    if (!store) return;
    const allowed = this.dispatchEvent(new CustomEvent<GiftSendDetail>('gift-send', { detail: { gift, count }, bubbles: true, composed: true, cancelable: true }));
    if (!allowed) return;
    this.#sendError = undefined;
    const sent = store.sendGift(gift.id, count, valueOf(gift));
    const running = store.giftCombo;
    const previous = this.#combo;
    if (running && running.giftId === gift.id) {
      const same = previous && previous.gift.id === gift.id && previous.comboId === running.comboId;
      this.#combo = { gift, count, comboId: running.comboId, total: running.total, clicks: same ? previous.clicks + 1 : 1 };
    } else {
      const same = previous && previous.gift.id === gift.id;
      this.#combo = { gift, count, total: (same ? previous.total : 0) + count, clicks: same ? previous.clicks + 1 : 1 };
    }
    clearTimeout(this.#comboTimer);
    this.#comboTimer = setTimeout(() => {
      this.#combo = undefined;
      this.requestUpdate();
    }, GIFT_PANEL_LIMITS.comboIdleMs);
    this.requestUpdate();
    sent.catch((error: unknown) => this.#sendFailed(error, gift, count));
  }

  #sendFailed(error: unknown, gift: Gift, count: number): void {
    const e = toLiveError(error);
    // Every send merged into a refused batch fails with the same error: say it once.
    if (e === this.#lastFailure) return;
    this.#lastFailure = e;
    clearTimeout(this.#comboTimer);
    this.#combo = undefined;
    this.#sendError = { code: e.code, text: this.#errorWords(e), gift, count };
    this.open = true;
    this.requestUpdate();
    this.dispatchEvent(new CustomEvent<GiftErrorDetail>('gift-error', { detail: { code: e.code, message: e.message, gift, count }, bubbles: true, composed: true }));
  }

  #sendSelected = (): void => {
    const gift = this.#selected;
    if (gift) this.#send(gift, this.#count);
  };

  #comboClick = (): void => {
    const combo = this.#combo;
    if (combo) this.#send(combo.gift, combo.count);
  };

  #recharge = (): void => {
    const failed = this.#sendError;
    this.dispatchEvent(
      new CustomEvent<GiftRechargeDetail>('gift-recharge', { detail: { balance: this.#balance(), gift: failed?.gift, count: failed?.count }, bubbles: true, composed: true }),
    );
  };

  #like = (): void => {
    const store = this.store;
    if (!store) return;
    try {
      store.like(1);
    } catch (error) {
      this.#showToast(this.#errorWords(error));
      return;
    }
    this.#addHearts(1);
  };

  #showToast(text: string): void {
    this.#toast = text;
    clearTimeout(this.#toastTimer);
    this.#toastTimer = setTimeout(() => {
      this.#toast = undefined;
      this.requestUpdate();
    }, TOAST_MS);
    this.requestUpdate();
  }

  /* ───────────── receiving ───────────── */

  /** Asked on every gift, like and render: one live query per element, not one per call. */
  #motionQuery?: MediaQueryList;
  #reducedMotion(): boolean {
    if (typeof matchMedia !== 'function') return false;
    return (this.#motionQuery ??= matchMedia('(prefers-reduced-motion: reduce)')).matches;
  }

  #onGift(e: LiveRoomEvents['gift-receive']): void {
    const gift = this.#gift(e.giftId);
    this.#showBanner(e);
    this.#announceGift(e, gift);
    const effect = effectOf(gift, e.count ? e.value / e.count : 0);
    if (effect !== 'none' && !this.#reducedMotion()) this.#addEffect(effect, e);
    this.requestUpdate();
  }

  #showBanner(e: LiveRoomEvents['gift-receive']): void {
    const now = performance.now();
    const total = Math.max(e.comboTotal, e.count);
    const visible = this.#banners.find((b) => b.comboId === e.comboId && b.leavingSince === undefined);
    if (visible) {
      visible.total = Math.max(visible.total, total);
      visible.until = now + this.bannerDuration;
      visible.bump++;
      this.#scheduleBanners();
      return;
    }
    const queued = this.#bannerQueue.find((b) => b.comboId === e.comboId);
    if (queued) {
      queued.total = Math.max(queued.total, total);
      return;
    }
    const banner: Banner = { key: ++this.#key, comboId: e.comboId, sender: e.userInfo, giftId: e.giftId, total, self: e.self, until: 0, bump: 0 };
    if (this.#banners.length < this.#maxBanners()) {
      this.#present(banner, now);
      return;
    }
    // The viewer's own gifts wait at the front; when the queue is full, the oldest other one goes.
    if (e.self) this.#bannerQueue.splice(this.#bannerQueue.filter((b) => b.self).length, 0, banner);
    else this.#bannerQueue.push(banner);
    while (this.#bannerQueue.length > GIFT_PANEL_LIMITS.bannerQueue) {
      const victim = this.#bannerQueue.findIndex((b) => !b.self);
      this.#bannerQueue.splice(victim >= 0 ? victim : 0, 1);
    }
  }

  #maxBanners(): number {
    const n = Math.round(Number(this.maxBanners));
    return Number.isFinite(n) ? Math.min(5, Math.max(1, n)) : 3;
  }

  #present(banner: Banner, now: number): void {
    banner.until = now + this.bannerDuration;
    this.#banners = [...this.#banners, banner];
    this.#scheduleBanners();
  }

  /** One timer for every banner: the next fade, or the fallback removal of a faded one. */
  #scheduleBanners(): void {
    clearTimeout(this.#bannerTimer);
    this.#bannerTimer = undefined;
    if (this.#banners.length === 0) return;
    const next = Math.min(...this.#banners.map((b) => (b.leavingSince === undefined ? b.until : b.leavingSince + FALLBACK_MS.bannerOut)));
    this.#bannerTimer = setTimeout(() => this.#sweepBanners(), Math.max(0, next - performance.now()));
  }

  #sweepBanners(): void {
    const now = performance.now();
    for (const b of this.#banners) {
      if (b.leavingSince === undefined && b.until <= now) b.leavingSince = now;
    }
    const gone = this.#banners.filter((b) => b.leavingSince !== undefined && b.leavingSince + FALLBACK_MS.bannerOut <= now);
    this.#removeBanners(gone.map((b) => b.key));
  }

  #bannerGone(event: AnimationEvent, key: number): void {
    if (event.target !== event.currentTarget || !/gp-(banner|fade)-out/.test(event.animationName)) return;
    this.#removeBanners([key]);
  }

  #removeBanners(keys: number[]): void {
    if (keys.length) this.#banners = this.#banners.filter((b) => !keys.includes(b.key));
    const now = performance.now();
    while (this.#banners.length < this.#maxBanners() && this.#bannerQueue.length) this.#present(this.#bannerQueue.shift()!, now);
    this.#scheduleBanners();
    this.requestUpdate();
  }

  #addEffect(kind: Exclude<GiftEffect, 'none'>, e: LiveRoomEvents['gift-receive']): void {
    const effect: Effect = { key: ++this.#key, kind, comboId: e.comboId, giftId: e.giftId, count: Math.max(e.comboTotal, e.count), sender: e.userInfo, x: 10 + Math.random() * 60 };
    if (kind === 'fullscreen') {
      // One fullscreen effect per combo: a running or waiting one just takes the new total.
      const same = [...this.#effects, ...this.#fullscreenQueue].find((f) => f.kind === 'fullscreen' && f.comboId === e.comboId);
      if (same) {
        same.count = Math.max(same.count, effect.count);
        return;
      }
      if (this.#effects.some((f) => f.kind === 'fullscreen')) {
        this.#fullscreenQueue.push(effect);
        if (this.#fullscreenQueue.length > GIFT_PANEL_LIMITS.fullscreenQueue) this.#fullscreenQueue.shift();
        return;
      }
    } else {
      const cap = kind === 'float' ? GIFT_PANEL_LIMITS.floats : GIFT_PANEL_LIMITS.bursts;
      if (this.#effects.filter((f) => f.kind === kind).length >= cap) return;
    }
    this.#startEffect(effect);
  }

  #startEffect(effect: Effect): void {
    this.#effects = [...this.#effects, effect];
    this.#arm(effect.key, FALLBACK_MS[effect.kind], () => this.#removeEffect(effect.key));
  }

  #arm(key: number, ms: number, done: () => void): void {
    clearTimeout(this.#fallbacks.get(key));
    this.#fallbacks.set(
      key,
      setTimeout(() => {
        this.#fallbacks.delete(key);
        done();
      }, ms),
    );
  }

  #disarm(key: number): void {
    clearTimeout(this.#fallbacks.get(key));
    this.#fallbacks.delete(key);
  }

  #effectEnded(event: AnimationEvent, key: number): void {
    if (event.target !== event.currentTarget) return;
    const effect = this.#effects.find((f) => f.key === key);
    if (!effect || effect.custom) return;
    this.#removeEffect(key);
  }

  #removeEffect(key: number): void {
    this.#disarm(key);
    const effect = this.#effects.find((f) => f.key === key);
    if (!effect) return;
    this.#effects = this.#effects.filter((f) => f.key !== key);
    if (effect.kind === 'fullscreen' && this.#fullscreenQueue.length && this.isConnected) this.#startEffect(this.#fullscreenQueue.shift()!);
    this.requestUpdate();
  }

  /** Hearts for `count` likes, within the rate and the node budget (the rest are only counted). */
  #addHearts(count: number): void {
    if (this.#reducedMotion() || count < 1) return;
    const now = performance.now();
    this.#heartTimes = this.#heartTimes.filter((t) => now - t < 1000);
    const room = Math.min(count, GIFT_PANEL_LIMITS.heartsPerSecond - this.#heartTimes.length, GIFT_PANEL_LIMITS.hearts - this.#hearts.length);
    if (room <= 0) return;
    const added: Heart[] = [];
    for (let i = 0; i < room; i++) {
      this.#heartTimes.push(now);
      const heart = { key: ++this.#key, drift: Math.round((Math.random() - 0.5) * 48), hue: Math.round((Math.random() - 0.5) * 60) };
      added.push(heart);
      this.#arm(heart.key, FALLBACK_MS.heart, () => this.#removeHeart(heart.key));
    }
    this.#hearts = [...this.#hearts, ...added];
    this.requestUpdate();
  }

  #heartEnded(event: AnimationEvent, key: number): void {
    if (event.target === event.currentTarget) this.#removeHeart(key);
  }

  #removeHeart(key: number): void {
    this.#disarm(key);
    this.#hearts = this.#hearts.filter((h) => h.key !== key);
    this.requestUpdate();
  }

  /* ───────────── announcements ───────────── */

  #announceGift(e: LiveRoomEvents['gift-receive'], gift: Gift | undefined): void {
    const params = { name: nameOf(e.userInfo), gift: gift?.name ?? e.giftId, count: this.#number(Math.max(e.comboTotal, e.count)) };
    this.#announce(this.#t(Math.max(e.comboTotal, e.count) === 1 ? 'gpAnnounceOne' : 'gpAnnounceMany', params));
  }

  /** Polite and throttled: at most one announcement per 1.5 s, the latest one with how many more. */
  #announce(text: string): void {
    const now = performance.now();
    if (now - this.#announced >= GIFT_PANEL_LIMITS.announceMs && !this.#announceTimer) {
      this.#announced = now;
      this.#announcement = text;
      return;
    }
    this.#pendingAnnouncement = { text, more: this.#pendingAnnouncement ? this.#pendingAnnouncement.more + 1 : 0 };
    if (this.#announceTimer) return;
    this.#announceTimer = setTimeout(() => {
      this.#announceTimer = undefined;
      const pending = this.#pendingAnnouncement;
      this.#pendingAnnouncement = undefined;
      if (!pending) return;
      this.#announced = performance.now();
      this.#announcement = pending.more ? this.#t('gpAnnounceMore', { text: pending.text, n: pending.more }) : pending.text;
      this.requestUpdate();
    }, Math.max(0, this.#announced + GIFT_PANEL_LIMITS.announceMs - now));
  }

  /* ───────────── lifecycle ───────────── */

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open && this.#focusOnOpen) {
      this.#focusOnOpen = false;
      const target = this.sheet?.querySelector<HTMLElement>('[part~="gift"][aria-pressed="true"]') ?? this.sheet?.querySelector<HTMLElement>('button');
      target?.focus();
    }
    if (this.effectRenderer) this.#runRenderer(this.effectRenderer);
  }

  #runRenderer(renderer: GiftEffectRenderer): void {
    for (const effect of this.#effects) {
      if (effect.custom !== undefined) continue;
      const container = this.renderRoot.querySelector<HTMLElement>(`[data-effect="${effect.key}"] .canvas`);
      if (!container) continue;
      const gift = this.#gift(effect.giftId) ?? { id: effect.giftId, name: effect.giftId, price: 0 };
      let result: ReturnType<GiftEffectRenderer>;
      try {
        result = renderer({ gift, count: effect.count, effect: effect.kind, sender: effect.sender, container });
      } catch (error) {
        console.warn('<gift-panel>: the effect renderer failed; using the built-in effect.', error);
        result = false;
      }
      if (result === false) {
        effect.custom = false;
        this.#arm(effect.key, FALLBACK_MS[effect.kind], () => this.#removeEffect(effect.key));
        this.requestUpdate();
        continue;
      }
      effect.custom = true;
      this.#arm(effect.key, FALLBACK_MS.custom, () => this.#removeEffect(effect.key));
      Promise.resolve(result).then(
        () => this.#removeEffect(effect.key),
        (error: unknown) => {
          console.warn('<gift-panel>: the effect renderer failed.', error);
          this.#removeEffect(effect.key);
        },
      );
    }
  }

  /* ───────────── rendering ───────────── */

  #icon(gift: Gift | undefined, fallback = '🎁'): TemplateResult {
    const icon = gift?.icon || fallback;
    return isImageUrl(icon)
      ? html`<img part="gift-icon" class="icon" src=${icon} alt="" aria-hidden="true" />`
      : html`<span part="gift-icon" class="icon" aria-hidden="true">${icon}</span>`;
  }

  protected override render() {
    const view = this.#view.value;
    return html`<div part="base" class="base">
      ${this.#renderEffects()} ${this.#renderBanners()} ${this.#renderHearts()}
      ${this.open ? this.#renderSheet(view) : nothing} ${this.#renderControls(view)}
      <div part="live-region" class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.#announcement}</div>
    </div>`;
  }

  #renderControls(view: View | undefined) {
    const inRoom = view?.phase === 'in-room';
    const combo = this.#combo;
    const reduced = this.#reducedMotion();
    const likeTotal = view?.likeTotal ?? 0;
    return html`<div part="controls" class="controls">
      ${this.#toast && !this.open ? html`<div part="error" class="toast" role="alert">${this.#toast}</div>` : nothing}
      ${combo
        ? html`<button
            part="combo"
            class="combo"
            aria-label=${this.#t('gpCombo', { gift: combo.gift.name, count: this.#number(combo.count), total: this.#number(combo.total) })}
            ?disabled=${!inRoom}
            @click=${this.#comboClick}
          >
            ${keyed(
              combo.clicks,
              html`<svg part="combo-ring" class=${reduced ? 'ring still' : 'ring'} viewBox="0 0 48 48" aria-hidden="true">
                <circle class="track" cx="24" cy="24" r="22"></circle>
                <circle class="fill" cx="24" cy="24" r="22" pathLength="100"></circle>
              </svg>`,
            )}
            ${this.#icon(combo.gift)}
            <span part="combo-count" class="combo-count" aria-hidden="true">×${this.#number(combo.total)}</span>
          </button>`
        : nothing}
      ${this.noLike
        ? nothing
        : html`<div class="like-wrap">
            <button part="like" class="round like" ?disabled=${!inRoom} aria-label=${this.#t('gpLike')} @click=${this.#like}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 21s-7.5-4.6-9.6-9.2C.9 8.5 3 5 6.4 5c2 0 3.7 1.1 4.6 2.6h2C13.9 6.1 15.6 5 17.6 5 21 5 23.1 8.5 21.6 11.8 19.5 16.4 12 21 12 21z" /></svg>
            </button>
            <span part="like-count" class="like-count"><span aria-hidden="true">${this.#compact(likeTotal)}</span><span class="sr-only">${this.#t('gpLikes', { n: this.#number(likeTotal) })}</span></span>
          </div>`}
      <button
        part="gift-button"
        class="round gift-button"
        aria-label=${this.#t('gpOpen')}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="gp-sheet"
        aria-haspopup="dialog"
        @click=${this.#toggleSheet}
      >
        <slot name="gift-icon"><span aria-hidden="true">🎁</span></slot>
      </button>
    </div>`;
  }

  #compact(n: number): string {
    if (n < 10_000) return this.#number(n);
    try {
      return new Intl.NumberFormat(langOf(this), { notation: 'compact', maximumFractionDigits: 1 }).format(n);
    } catch {
      return String(n);
    }
  }

  #renderSheet(view: View | undefined) {
    const inRoom = view?.phase === 'in-room';
    const catalog = this.catalog;
    const selected = this.#selected;
    const count = this.#count;
    const balance = this.#balance();
    const error = this.#sendError;
    const fetchedError = this.#fetchedBalance?.store === this.store ? this.#fetchedBalance?.error : undefined;
    let status: string | undefined;
    if (!catalog.length) {
      status = this.#catalogState === 'loading' ? this.#t('gpLoading') : this.#catalogState === 'failed' ? this.#t('gpCatalogFailed', { reason: this.#catalogError }) : this.#t('gpNoGifts');
    } else if (!inRoom) {
      status = this.#t('gpNotInRoom');
    }
    return html`<section part="sheet" class="sheet" id="gp-sheet" role="dialog" aria-modal="false" aria-labelledby="gp-title" @keydown=${this.#onSheetKey}>
      <div part="sheet-header" class="sheet-header">
        <h2 id="gp-title">${this.#t('gpGifts')}</h2>
        ${balance !== undefined ? html`<span part="balance" class="balance">${this.#t('gpBalance', { n: this.#number(balance) })}</span>` : nothing}
        <button part="close" class="close" aria-label=${this.#t('gpClose')} @click=${() => this.#close()}><span aria-hidden="true">✕</span></button>
      </div>
      ${catalog.length
        ? html`<div part="catalog" class="catalog" role="group" aria-label=${this.#t('gpCatalog')}>
            ${repeat(
              catalog,
              (g) => g.id,
              (g) => html`<button part="gift" class="gift" aria-pressed=${g.id === selected?.id ? 'true' : 'false'} @click=${() => this.#choose(g)}>
                ${this.#icon(g)}
                <span part="gift-name" class="gift-name">${g.name}</span>
                <span part="price" class="price">${g.price > 0 ? this.#t(g.price === 1 ? 'gpPriceOne' : 'gpPrice', { n: this.#number(g.price) }) : this.#t('gpFree')}</span>
              </button>`,
            )}
          </div>`
        : nothing}
      ${status ? html`<p part="status" class="status">${status}</p>` : nothing}
      ${fetchedError && balance === undefined ? html`<p part="status" class="status">${this.#t('gpBalanceFailed', { reason: fetchedError })}</p>` : nothing}
      ${error
        ? html`<div part="error" class="error" role="alert">
            <span>${error.text}</span>
            ${error.code === ErrorCode.INSUFFICIENT_BALANCE
              ? html`<slot name="recharge"><button part="recharge" class="recharge" @click=${this.#recharge}>${this.#t('gpRecharge')}</button></slot>`
              : nothing}
          </div>`
        : nothing}
      <div class="footer">
        <div part="quantities" class="quantities" role="group" aria-labelledby="gp-qty">
          <span id="gp-qty" class="label">${this.#t('gpQuantity')}</span>
          ${this.#presets.map(
            (n) => html`<button part="quantity" class="quantity" aria-pressed=${n === count ? 'true' : 'false'} @click=${() => this.#chooseQuantity(n)}>${this.#number(n)}</button>`,
          )}
        </div>
        <button
          part="send"
          class="send"
          ?disabled=${!inRoom || !selected}
          aria-label=${selected ? this.#t('gpSendNamed', { gift: selected.name, count: this.#number(count) }) : this.#t('gpSend')}
          @click=${this.#sendSelected}
        >
          ${this.#t('gpSend')}
        </button>
      </div>
    </section>`;
  }

  #renderBanners() {
    return html`<ul part="banners" class="banners" aria-hidden="true">
      ${repeat(
        this.#banners,
        (b) => b.key,
        (b) => {
          const gift = this.#gift(b.giftId);
          const name = nameOf(b.sender);
          return html`<li part="banner" class=${b.leavingSince !== undefined ? 'banner leaving' : b.self ? 'banner self' : 'banner'} @animationend=${(e: AnimationEvent) => this.#bannerGone(e, b.key)}>
            <span part="banner-avatar" class="avatar">${initialOf(name)}</span>
            <span part="banner-text" class="banner-text"><span class="who">${name}</span> <span class="what">${this.#t('gpBannerVerb')} ${gift?.name ?? b.giftId}</span></span>
            ${this.#icon(gift)}
            ${keyed(b.bump, html`<span part="banner-count" class="banner-count">×${this.#number(b.total)}</span>`)}
          </li>`;
        },
      )}
    </ul>`;
  }

  #renderEffects() {
    return html`<div part="effects" class="effects" aria-hidden="true">
      ${repeat(
        this.#effects,
        (f) => f.key,
        (f) => {
          const gift = this.#gift(f.giftId);
          const custom = f.custom === true || (f.custom === undefined && !!this.effectRenderer);
          const classes = `effect ${f.kind}${custom ? ' custom' : ''}`;
          const body =
            f.kind === 'float'
              ? this.#icon(gift)
              : f.kind === 'burst'
                ? html`${this.#icon(gift)}${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => html`<span class="spark" style="--i:${i}"></span>`)}`
                : html`<div class="full-icon">${this.#icon(gift)}</div>
                    <p class="full-text"><span class="who">${nameOf(f.sender)}</span> ${this.#t('gpBannerVerb')} ${gift?.name ?? f.giftId} ×${this.#number(f.count)}</p>`;
          return html`<div part="effect ${f.kind}" class=${classes} data-effect=${f.key} style=${f.kind === 'float' ? `left:${f.x.toFixed(1)}%` : ''} @animationend=${(e: AnimationEvent) => this.#effectEnded(e, f.key)}>
            ${custom ? html`<div class="canvas"></div>` : body}
          </div>`;
        },
      )}
    </div>`;
  }

  #renderHearts() {
    return html`<div part="hearts" class="hearts" aria-hidden="true">
      ${repeat(
        this.#hearts,
        (h) => h.key,
        (h) => html`<span part="heart" class="heart" style="--drift:${h.drift}px;--hue:${h.hue}deg" @animationend=${(e: AnimationEvent) => this.#heartEnded(e, h.key)}>
          <svg viewBox="0 0 24 24"><path d="M12 21s-7.5-4.6-9.6-9.2C.9 8.5 3 5 6.4 5c2 0 3.7 1.1 4.6 2.6h2C13.9 6.1 15.6 5 17.6 5 21 5 23.1 8.5 21.6 11.8 19.5 16.4 12 21 12 21z" /></svg>
        </span>`,
      )}
    </div>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gift-send': CustomEvent<GiftSendDetail>;
    'gift-recharge': CustomEvent<GiftRechargeDetail>;
    'gift-error': CustomEvent<GiftErrorDetail>;
  }
}
