import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { UserProfile } from '../core/engines/types.js';
import { type LiveError, toLiveError } from '../core/errors.js';
import type { LiveRoomState, LiveRoomStore } from '../core/store/live-room-store.js';
import { controlStyles } from './control-styles.js';
import { formatCountdown, Ticker } from './countdown.js';
import { canModerate } from '../core/store/live-room-types.js';
import { errorText, langOf, translator, type KeyOf } from './i18n.js';
import { commonStrings } from './strings/common.js';
import { avStrings } from './strings/av.js';
import { memberListStrings } from './strings/member-list.js';

const t = translator(commonStrings, avStrings, memberListStrings);
type StringKey = KeyOf<typeof t>;

/** How long "Mute 5 min" mutes, and how long "Remove" bans (seconds). */
export const MUTE_SECONDS = 300;
export const BAN_SECONDS = 600;

/**
 * The people panel of `<live-room>`: the audience (most recent first) with the online count, a
 * "Load more" that pages through `getRoomMemberList(nextSeq)` until `nextSeq` is 0, muted and
 * admin badges, and for the owner or an admin the moderation actions of each row plus
 * "Mute everyone". Fires a non-bubbling `panel-close` when closed (button or Escape).
 * Internal part of `<live-room>`; not a public tag.
 */
export class LiveMemberList extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host { display: block; }
      .panel { height: 100%; max-height: 100%; display: flex; flex-direction: column; gap: 8px; padding: 10px; border-radius: 12px; background: var(--live-room-background, #0e0f13); border: 1px solid var(--_lr-line, rgb(255 255 255 / 25%)); box-shadow: 0 8px 28px rgb(0 0 0 / 45%); }
      .head { display: flex; align-items: center; gap: 8px; }
      h2 { margin: 0; font-size: 14px; flex: 1; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; overflow: auto; flex: 1; min-height: 0; align-content: start; }
      li { display: grid; grid-template-columns: 1fr auto; gap: 4px 8px; align-items: center; padding: 6px 4px; border-bottom: 1px solid var(--_lr-line, rgb(255 255 255 / 12%)); }
      .who { display: flex; flex-wrap: wrap; gap: 4px 6px; align-items: center; min-width: 0; }
      .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 100%; }
      .id { font-size: 11px; opacity: 0.7; }
      .actions { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 6px; }
      .empty { opacity: 0.75; margin: 0; }
    `,
  ];

  @property({ attribute: false }) store?: LiveRoomStore;
  @property({ attribute: false }) state?: LiveRoomState;

  @state() private expanded?: string;
  @state() private extra: readonly UserProfile[] = [];
  /** The next page to ask for; 0 = no more; undefined = not known yet. */
  @state() private nextSeq?: number;
  @state() private loading = false;
  @state() private pageError?: LiveError;
  @state() private pending = new Set<string>();

  #offStore: Array<() => void> = [];
  #boundTo?: LiveRoomStore;

  constructor() {
    super();
    new Ticker(this, () => Object.values(this.state?.mutedMembers ?? {}));
  }

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this), key, params);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#watch(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) {
      this.extra = [];
      this.nextSeq = undefined;
      this.#watch(this.store);
    }
    // The first page tells the next `nextSeq` (the store keeps only the audience it loaded).
    if (this.nextSeq === undefined && !this.loading && !this.pageError && this.store && this.state?.phase === 'in-room') void this.#load(0);
  }

  /** People who leave or are removed drop out of the pages loaded here too. */
  #watch(store: LiveRoomStore | undefined): void {
    if (store === this.#boundTo) return;
    for (const off of this.#offStore) off();
    this.#offStore = [];
    this.#boundTo = store;
    if (!store) return;
    const drop = (userId: string) => (this.extra = this.extra.filter((m) => m.userId !== userId));
    this.#offStore.push(
      store.on('audience-exit', (e) => drop(e.userId)),
      store.on('member-removed', (e) => drop(e.userId)),
      store.on('anchor-enter', (e) => drop(e.userId)),
    );
  }

  async #load(seq: number): Promise<void> {
    const store = this.store;
    if (!store) return;
    this.loading = true;
    this.pageError = undefined;
    try {
      const page = await store.getRoomMemberList(seq);
      if (store !== this.store) return;
      const known = new Set(this.extra.map((m) => m.userId));
      const fresh = page.members.filter((m) => !known.has(m.userId)).map((m) => ({ userId: m.userId, nickname: m.nickname, avatar: m.avatar }));
      this.extra = [...this.extra, ...fresh];
      this.nextSeq = page.nextSeq;
    } catch (error) {
      this.pageError = toLiveError(error);
    } finally {
      this.loading = false;
    }
  }

  #rows(s: LiveRoomState): UserProfile[] {
    const skip = new Set([s.user?.userId, s.ownerId, ...s.anchors.map((a) => a.userId)]);
    const rows: UserProfile[] = [];
    for (const member of [...s.audience, ...this.extra]) {
      if (skip.has(member.userId)) continue;
      skip.add(member.userId);
      rows.push(member);
    }
    return rows;
  }

  #close(): void {
    this.dispatchEvent(new Event('panel-close'));
  }

  #keydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (this.expanded) {
      const id = this.expanded;
      this.expanded = undefined;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`button[data-manage="${id}"]`)?.focus());
      return;
    }
    this.#close();
  };

  async #act(userId: string, action: () => Promise<void>, collapse = false): Promise<void> {
    this.pending = new Set(this.pending).add(userId);
    try {
      await action();
      if (collapse) this.expanded = undefined;
    } catch {
      // The store recorded the error (state.error); <live-room> shows it in words.
    } finally {
      const next = new Set(this.pending);
      next.delete(userId);
      this.pending = next;
    }
  }

  #row(member: UserProfile, s: LiveRoomState, moderator: boolean, owner: boolean) {
    const store = this.store!;
    const id = member.userId;
    const name = member.nickname || id;
    const mutedUntil = s.mutedMembers[id] ?? 0;
    const muted = mutedUntil > Date.now();
    const admin = s.admins.includes(id);
    const invited = s.coanchor.invited.includes(id);
    const open = this.expanded === id;
    const busy = this.pending.has(id);
    return html`<li part="member" data-user-id=${id}>
      <div class="who">
        <span class="name">${name}</span>
        ${member.nickname && member.nickname !== id ? html`<span class="id">${id}</span>` : nothing}
        ${muted ? html`<span part="badge muted-badge" class="badge warn">${this.#t('lrMutedBadge', { time: formatCountdown(mutedUntil - Date.now()) })}</span>` : nothing}
        ${admin ? html`<span part="badge" class="badge">${this.#t('lrAdminBadge')}</span>` : nothing}
        ${invited ? html`<span part="badge" class="badge">${this.#t('lrInvitedBadge')}</span>` : nothing}
      </div>
      ${moderator
        ? html`<button
            class="small"
            data-manage=${id}
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${open ? `actions-${id}` : nothing}
            aria-label=${this.#t('lrManageNamed', { name })}
            @click=${() => (this.expanded = open ? undefined : id)}
          >${this.#t('lrManage')}</button>`
        : nothing}
      ${moderator && open
        ? html`<div id=${`actions-${id}`} class="actions" role="group" aria-label=${this.#t('lrActionsFor', { name })}>
            ${muted
              ? html`<button class="small" data-action="unmute" ?disabled=${busy} @click=${() => this.#act(id, () => store.unmuteMember(id))}>${this.#t('lrUnmuteMember')}</button>`
              : html`<button class="small" data-action="mute" ?disabled=${busy} @click=${() => this.#act(id, () => store.muteMember(id, MUTE_SECONDS))}>${this.#t('lrMute5')}</button>`}
            <button class="small" data-action="remove" ?disabled=${busy} @click=${() => this.#act(id, () => store.removeMember(id, BAN_SECONDS), true)}>${this.#t('lrRemoveMember')}</button>
            ${owner
              ? html`<button class="small" data-action="admin" ?disabled=${busy} @click=${() => this.#act(id, () => store.setAdmin(id, !admin))}>${admin ? this.#t('lrRemoveAdmin') : this.#t('lrMakeAdmin')}</button>`
              : nothing}
            <button class="small" data-action="invite" ?disabled=${busy || invited} @click=${() => this.#act(id, () => store.inviteJoinAnchor(id))}>${this.#t('lrInviteOnStage')}</button>
          </div>`
        : nothing}
    </li>`;
  }

  protected override render() {
    const s = this.state;
    if (!s || !this.store) return nothing;
    const self = s.user?.userId;
    const owner = !!self && self === s.ownerId;
    const moderator = canModerate(s);
    const rows = this.#rows(s);
    return html`<section class="panel" part="base" aria-labelledby="people-title" @keydown=${this.#keydown}>
      <div class="head">
        <h2 id="people-title">${this.#t('lrPeopleTitle')}</h2>
        <span part="online" class="hint">${this.#t('lrOnline', { n: s.onlineCount })}</span>
        <button class="small" part="close" @click=${() => this.#close()}>${this.#t('lrClose')}</button>
      </div>
      ${moderator
        ? html`<div class="row">
            <button class="small" part="mute-all" aria-pressed=${s.mutedAll ? 'true' : 'false'} @click=${() => this.store?.muteAllMembers(!s.mutedAll).catch(() => undefined)}>${this.#t('lrMuteEveryone')}</button>
          </div>`
        : nothing}
      ${rows.length === 0 ? html`<p class="empty">${this.loading ? this.#t('lrLoading') : this.#t('lrNoAudience')}</p>` : html`<ul part="list">${rows.map((m) => this.#row(m, s, moderator, owner))}</ul>`}
      ${this.pageError ? html`<p class="alert" role="alert">${errorText(langOf(this), this.pageError)}</p>` : nothing}
      ${this.pageError || (this.nextSeq ?? 0) > 0
        ? html`<button class="small" part="load-more" ?disabled=${this.loading} @click=${() => this.#load(this.nextSeq ?? 0)}>${this.loading ? this.#t('lrLoading') : this.pageError ? this.#t('retry') : this.#t('lrLoadMore')}</button>`
        : nothing}
    </section>`;
  }
}

/** Registers the part on first use. */
export function defineMemberList(): void {
  if (!customElements.get('live-member-list')) customElements.define('live-member-list', LiveMemberList);
}

declare global {
  interface HTMLElementTagNameMap {
    'live-member-list': LiveMemberList;
  }
}
