import { adoptStyles, html, nothing, render, type ReactiveController, type ReactiveElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { clamp } from '../../core/barrage/settings.js';
import { ErrorCode, toLiveError } from '../../core/errors.js';
import type { LiveRoomStore } from '../../core/store/live-room-store.js';
import { canModerate } from '../../core/store/live-room-types.js';
import { byteLength, Limits } from '../../core/validation.js';
import { formatCountdown, Ticker } from '../../internal/countdown.js';
import { errorText, langOf, translator } from '../../internal/i18n.js';
import { commonStrings } from '../../internal/strings/common.js';
import { barrageStrings } from '../../internal/strings/barrage.js';
import { barrageChatStyles } from './barrage-chat.styles.js';
import type { BarrageLayer, BarrageSendDetail, LogEntry } from './barrage-layer.js';

const t = translator(commonStrings, barrageStrings);

/** The built-in emoji set. */
export const BARRAGE_EMOJI = ['😀', '😂', '🤣', '😊', '😍', '😮', '😢', '😡', '👍', '👏', '🙏', '💪', '🎉', '🔥', '❤️', '💯', '🌹', '⭐', '👀', '🤔', '😎', '🥳', '🍻', '🚀'] as const;
const EMOJI_COLUMNS = 6;

/** What the chat needs of its layer beyond the element itself. */
export interface ChatHost {
  readonly element: BarrageLayer;
  /** The messages so far (oldest first, bounded). */
  readonly log: readonly LogEntry[];
  /** Reports a failure as `barrage-error`. */
  fail(code: number, message: string): void;
}

/** Who a user menu is for, and where it opens (px from the layer's top left). */
export interface MenuTarget {
  userId: string;
  name: string;
  x: number;
  y: number;
  /** Where focus goes back when the menu closes (a log entry's name button). */
  from?: HTMLElement;
}

/**
 * The chat of `<barrage-layer>`: the input (cooldown, byte counter, mute reason, emoji picker),
 * the log view (`role="log"`), the menu offering to hide a user, and the "hidden" notice.
 *
 * It is fetched when first needed (the layer gets a room, shows its log, or a comment is
 * clicked), so that a layer that only shows comments never downloads it. It renders into the
 * layer's own shadow root (after the lanes) with the layer's `part`s, and adopts its styles
 * there, so that it is one element to the page, its tests and its `::part` rules.
 */
export class BarrageChat implements ReactiveController {
  #host: ChatHost;
  #el: BarrageLayer;
  #menu?: MenuTarget;
  #notice?: { userId: string; name: string };
  #error = '';
  #bytes = 0;
  #emojiOpen = false;
  #unread = false;
  #stick = true;
  #logFocus = -1;
  #emojiFocus = 0;
  #cooldownUntil = 0;
  #noticeTimer?: ReturnType<typeof setTimeout>;
  #logFrame = 0;
  #focusMenu = false;
  #focusEmoji = false;

  constructor(host: ChatHost) {
    this.#host = host;
    this.#el = host.element;
    const root = this.#el.renderRoot as ShadowRoot;
    adoptStyles(root, [...(this.#el.constructor as typeof ReactiveElement).elementStyles, barrageChatStyles]);
    this.#el.addController(this);
    // The live countdown of a mute and of the send cooldown.
    new Ticker(this.#el, () => [this.#el.store?.getState().selfMutedUntil, this.#cooldownUntil]);
  }

  /* ───────────── from the layer ───────────── */

  /** The log view was opened or closed. */
  viewChanged(): void {
    if (this.#el.view === 'log') {
      this.#stick = true;
      this.#unread = false;
    }
  }

  /** The log changed: it re-renders at most once a frame, and only while it is shown. */
  logChanged(): void {
    if (this.#el.view !== 'log') return;
    if (!this.#stick) this.#unread = true;
    if (this.#logFrame) return;
    this.#logFrame = requestAnimationFrame(() => {
      this.#logFrame = 0;
      this.#el.requestUpdate();
    });
  }

  openMenu(menu: MenuTarget): void {
    this.#menu = menu;
    this.#focusMenu = true;
    this.#el.requestUpdate();
  }

  /** A hidden user is shown again: their notice goes. */
  unmuted(userId: string): void {
    if (this.#notice?.userId === userId) this.#notice = undefined;
  }

  hostUpdated(): void {
    const root = this.#el.renderRoot;
    if (this.#el.view === 'log' && this.#stick) {
      const log = root.querySelector<HTMLElement>('.log');
      if (log) log.scrollTop = log.scrollHeight;
    }
    if (this.#focusMenu) {
      this.#focusMenu = false;
      root.querySelector<HTMLElement>('.menu button')?.focus();
    }
    if (this.#focusEmoji) {
      this.#focusEmoji = false;
      root.querySelectorAll<HTMLElement>('.emoji-picker button')[this.#emojiFocus]?.focus();
    }
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.#logFrame);
    this.#logFrame = 0;
    clearTimeout(this.#noticeTimer);
  }

  #update(): void {
    this.#el.requestUpdate();
  }

  /* ───────────── user menu ───────────── */

  #openMenuFor(button: HTMLElement): void {
    const entry = this.#host.log.find((e) => e.id === Number(button.dataset.id));
    if (!entry?.userId) return;
    const box = this.#el.getBoundingClientRect();
    const at = button.getBoundingClientRect();
    this.openMenu({ userId: entry.userId, name: entry.name || entry.userId, x: at.left - box.left, y: at.bottom - box.top + 4, from: button });
  }

  #closeMenu = (): void => {
    const from = this.#menu?.from;
    this.#menu = undefined;
    this.#update();
    if (from?.isConnected) from.focus();
  };

  #hideFromMenu = (): void => {
    const menu = this.#menu;
    if (!menu) return;
    this.#el.muteUser(menu.userId);
    this.#notice = { userId: menu.userId, name: menu.name };
    clearTimeout(this.#noticeTimer);
    this.#noticeTimer = setTimeout(() => {
      this.#notice = undefined;
      this.#update();
    }, 6000);
    const from = menu.from;
    this.#menu = undefined;
    this.#update();
    // The log entry is gone with the user's messages: focus moves to the log itself.
    if (from) this.#el.renderRoot.querySelector<HTMLElement>('.log')?.focus();
  };

  #onMenuKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.#closeMenu();
    }
  };

  /* ───────────── log view ───────────── */

  #onLogScroll = (event: Event): void => {
    const log = event.currentTarget as HTMLElement;
    this.#stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
    if (this.#stick && this.#unread) {
      this.#unread = false;
      this.#update();
    }
  };

  #toBottom = (): void => {
    this.#stick = true;
    this.#unread = false;
    this.#update();
    const log = this.#el.renderRoot.querySelector<HTMLElement>('.log');
    if (log) log.scrollTop = log.scrollHeight;
  };

  #onLogClick = (event: MouseEvent): void => {
    const button = (event.target as Element).closest<HTMLElement>('button.name');
    if (button) this.#openMenuFor(button);
  };

  /** Arrow keys move between the authors' buttons (one tab stop for the whole log). */
  #onLogKey = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown' && event.key !== 'Home' && event.key !== 'End') return;
    const buttons = [...this.#el.renderRoot.querySelectorAll<HTMLElement>('.log button.name')];
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

  #toggleView = (): void => {
    this.#el.view = this.#el.view === 'log' ? 'barrage' : 'log';
  };

  /* ───────────── input ───────────── */

  get #input(): HTMLInputElement | null {
    return this.#el.renderRoot.querySelector<HTMLInputElement>('input[name="text"]');
  }

  #limit(): number {
    return Math.round(clamp(this.#el.maxlength, 1, Limits.textMessageBytes, Limits.textMessageBytes));
  }

  #onInput = (): void => {
    this.#bytes = byteLength(this.#input?.value ?? '');
    this.#error = '';
    this.#update();
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
    const el = this.#el;
    const input = this.#input;
    const store = el.store;
    if (!input || !store) return;
    const text = input.value.trim();
    if (!text) return;
    const lang = langOf(el);
    const wait = this.#cooldownUntil - Date.now();
    if (wait > 0) {
      this.#fail(ErrorCode.RATE_LIMITED, t(lang, 'blCooldown', { n: Math.ceil(wait / 1000) }));
      return;
    }
    const limit = this.#limit();
    const bytes = byteLength(text);
    if (bytes > limit) {
      this.#fail(ErrorCode.TEXT_TOO_LONG, t(lang, 'blTooLong', { n: bytes - limit, max: limit }));
      return;
    }
    const allowed = el.dispatchEvent(new CustomEvent<BarrageSendDetail>('barrage-send', { detail: { text }, bubbles: true, composed: true, cancelable: true }));
    if (!allowed) return;
    this.#error = '';
    this.#cooldownUntil = Date.now() + Math.max(0, Number(el.cooldown) || 0);
    this.#update();
    try {
      await store.sendRoomTextMsg(text);
      if (input.value.trim() === text) {
        input.value = '';
        this.#bytes = 0;
        this.#update();
      }
    } catch (error) {
      const e = toLiveError(error);
      this.#fail(e.code, errorText(langOf(el), e));
    }
  }

  /** A failure of the input: in words under it, and as `barrage-error`. */
  #fail(code: number, message: string): void {
    this.#error = message;
    this.#update();
    this.#host.fail(code, message);
  }

  /* ───────────── emoji ───────────── */

  #toggleEmoji = (): void => {
    this.#emojiOpen = !this.#emojiOpen;
    if (this.#emojiOpen) this.#focusEmoji = true;
    this.#update();
  };

  #closeEmoji(focusToggle: boolean): void {
    this.#emojiOpen = false;
    this.#update();
    if (focusToggle) this.#el.renderRoot.querySelector<HTMLElement>('.emoji-toggle')?.focus();
  }

  /** Inserts at the caret (replacing a selection), then puts the caret after it. */
  #insertEmoji(emoji: string): void {
    const input = this.#input;
    if (!input) return;
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    input.setRangeText(emoji, start, end, 'end');
    this.#emojiOpen = false;
    input.focus();
    this.#onInput();
  }

  #onEmojiClick = (event: MouseEvent): void => {
    const button = (event.target as Element).closest<HTMLElement>('button[data-emoji]');
    if (button) this.#insertEmoji(button.dataset.emoji!);
  };

  #onEmojiKey = (event: KeyboardEvent): void => {
    const buttons = [...this.#el.renderRoot.querySelectorAll<HTMLElement>('.emoji-picker button')];
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

  /** Renders the chat into `container` (the layer's shadow root, after the lanes). */
  render(container: ShadowRoot): void {
    const el = this.#el;
    const store = el.store;
    const lang = langOf(el);
    render(
      html`${store && !el.noInput ? this.#renderForm(lang, store) : nothing} ${el.view === 'log' ? this.#renderLog(lang) : nothing} ${this.#renderMenu(lang)}
      ${this.#notice
        ? html`<div part="notice" class="notice" role="status">
            <span>${t(lang, 'blUserHidden', { name: this.#notice.name })}</span>
            <button type="button" @click=${() => el.unmuteUser(this.#notice!.userId)}>${t(lang, 'blUndo')}</button>
          </div>`
        : nothing}`,
      container,
      { host: el },
    );
  }

  #renderForm(lang: string, store: LiveRoomStore) {
    const s = store.getState();
    const inRoom = s.phase === 'in-room';
    const left = (s.selfMutedUntil ?? 0) - Date.now();
    const muted = inRoom && left > 0 ? t(lang, 'lrMutedFor', { time: formatCountdown(left) }) : inRoom && s.mutedAll && !canModerate(s) ? t(lang, 'lrMutedAll') : '';
    const wait = this.#cooldownUntil - Date.now();
    const limit = this.#limit();
    const remaining = limit - this.#bytes;
    const nearLimit = remaining <= Math.max(10, limit * 0.2);
    const over = remaining < 0;
    const described = [muted ? 'muted' : '', nearLimit ? 'counter' : '', this.#error ? 'error' : ''].filter(Boolean).join(' ');
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
        aria-expanded=${this.#emojiOpen ? 'true' : 'false'}
        aria-controls="emoji-picker"
        ?disabled=${disabled}
        @click=${this.#toggleEmoji}
      >
        <slot name="emoji-icon"><span aria-hidden="true">😊</span></slot>
      </button>
      <button part="log-button" class="log-toggle" type="button" aria-pressed=${this.#el.view === 'log' ? 'true' : 'false'} @click=${this.#toggleView}>${t(lang, 'blLog')}</button>
      ${this.#emojiOpen && !disabled
        ? html`<div part="emoji-picker" id="emoji-picker" class="emoji-picker" role="group" aria-label=${t(lang, 'blEmojiPicker')} @click=${this.#onEmojiClick} @keydown=${this.#onEmojiKey}>
            ${BARRAGE_EMOJI.map((emoji, i) => html`<button part="emoji" type="button" data-emoji=${emoji} tabindex=${i === this.#emojiFocus ? 0 : -1}>${emoji}</button>`)}
          </div>`
        : nothing}
      ${nearLimit ? html`<span id="counter" part="counter" class=${over ? 'counter over' : 'counter'}>${over ? t(lang, 'lrBytesOver', { n: -remaining }) : t(lang, 'lrBytesLeft', { n: remaining })}</span>` : nothing}
      ${this.#error ? html`<p id="error" part="error" class="error" role="alert">${this.#error}</p>` : nothing}
      ${muted ? html`<span id="muted" part="muted" class="muted">${muted}</span>` : nothing}
    </form>`;
  }

  #renderLog(lang: string) {
    const log = this.#host.log;
    const focusable = log.some((e) => e.id === this.#logFocus) ? this.#logFocus : -1;
    return html`<section part="log-panel" class="log-panel">
      <div part="log" class="log" role="log" aria-live="polite" aria-label=${t(lang, 'blLogLabel')} tabindex="0" @scroll=${this.#onLogScroll} @click=${this.#onLogClick} @keydown=${this.#onLogKey}>
        ${log.length === 0 ? html`<p class="empty">${t(lang, 'blLogEmpty')}</p>` : nothing}
        ${repeat(
          log,
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
      ${this.#unread ? html`<button part="new-messages" class="new-messages" type="button" @click=${this.#toBottom}>${t(lang, 'blNewMessages')}</button>` : nothing}
    </section>`;
  }

  #renderMenu(lang: string) {
    const menu = this.#menu;
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
