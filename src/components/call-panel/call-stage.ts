import { adoptStyles, html, nothing, svg, type ReactiveElement, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { CallState, CallStore, CallType } from '../../core/store/call-store.js';
import { formatDuration } from '../../internal/call-clock.js';
import { langOf } from '../../internal/i18n.js';
import { lazyPart } from '../../internal/lazy.js';
import { defineVideoTile, type VideoPlayer } from '../../internal/video-tile.js';
import { callStageStyles } from './call-stage.styles.js';
import { t, type StringKey } from './call-words.js';
import type { CallPanel } from './call-panel.js';

/** What the call stage needs of its panel beyond the element itself. */
export interface StageHost {
  readonly element: CallPanel;
  /** Local picture large, remote small (one-to-one). */
  swapped: boolean;
  /** All remote sound off. */
  speakerOff: boolean;
  /** An action is under way (buttons that start one are disabled). */
  readonly busy: boolean;
  name(userId: string | undefined): string;
  avatar(userId: string | undefined, name: string): TemplateResult;
  /** The other party of a one-to-one call. */
  other(s: CallState): string | undefined;
  kindLabel(type: CallType): string;
  /** Runs a store action, showing its failure. */
  run(action: () => Promise<unknown>): Promise<void>;
  setMinimised(minimised: boolean): void;
}

/** One adapter per store, so that a tile replays only when the store changes. */
const players = new WeakMap<CallStore, VideoPlayer>();
function playerFor(store: CallStore): VideoPlayer {
  let player = players.get(store);
  if (!player) {
    player = {
      startPlay: (userId, view) => store.startRemoteView({ userID: userId, view }),
      stopPlay: (userId) => store.stopRemoteView({ userID: userId }),
    };
    players.set(store, player);
  }
  return player;
}

const icons = {
  micOff: svg`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d="M9 5a3 3 0 0 1 6 0v6M15 14.5A3 3 0 0 1 9 11V9"/><path d="M5 11a7 7 0 0 0 11.5 5.4M19 11a7 7 0 0 1-.6 2.8M12 18v3"/><path d="M3 3l18 18"/></svg>`,
  camOff: svg`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d="M16 16v1a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2h2m4 0h3a2 2 0 0 1 2 2v3.3l5-3.3v10"/><path d="M3 3l18 18"/></svg>`,
};

/** The device menu (in a call only), fetched on first need (internal/lazy.ts). */
const deviceMenu = lazyPart('call-device-menu', () => import('../../internal/call-device-menu.js').then((m) => m.defineCallDeviceMenu()));

function networkIcon(level: number): TemplateResult {
  const bars = [0, 1, 2, 3].map((i) => svg`<rect x=${1 + i * 5} y=${12 - i * 3.5} width="3.5" height=${3 + i * 3.5} rx="1" fill="currentColor" opacity=${i < level ? 1 : 0.3}></rect>`);
  return html`<svg viewBox="0 0 21 16" aria-hidden="true">${bars}</svg>`;
}

/**
 * The call itself in `<call-panel>`: the video (the remote picture with the local one in
 * picture-in-picture, or a grid for a group with tiles for who is still ringing), badges for
 * muted microphones, cameras off and the network, the controls, and the minimised floating
 * window that the mouse or the arrow keys move.
 *
 * Fetched when a call starts or rings (internal/lazy-view.ts), so that a page where no call
 * happens never downloads it; rendered by the panel into its own shadow root, with its parts,
 * and its styles adopted there.
 */
export class CallStage {
  #host: StageHost;
  #el: CallPanel;
  /** Offset of the minimised window from the viewport's bottom-right corner (px). */
  #miniPos = { x: 16, y: 16 };
  #dragging = false;
  #drag?: { pointerId: number; startX: number; startY: number; from: { x: number; y: number } };

  constructor(host: StageHost) {
    this.#host = host;
    this.#el = host.element;
    defineVideoTile();
    adoptStyles(this.#el.renderRoot as ShadowRoot, [...(this.#el.constructor as typeof ReactiveElement).elementStyles, callStageStyles]);
  }

  #t(key: StringKey, params?: Record<string, string | number>): string {
    return t(langOf(this.#el), key, params);
  }

  #moveMini(to: { x: number; y: number }): void {
    this.#miniPos = to;
    this.#el.requestUpdate();
  }

  #setDragging(dragging: boolean): void {
    this.#dragging = dragging;
    this.#el.requestUpdate();
  }


  #badges(s: CallState, userId: string | undefined, audio: boolean, video: boolean) {
    // TRTC's scale: 0 unknown (shown as nothing), 1 excellent … 6 disconnected.
    const quality = userId ? s.networkQuality?.[userId] : undefined;
    const level = quality === 1 ? 4 : quality === 2 ? 3 : quality === 3 ? 2 : quality === 4 || quality === 5 ? 1 : quality === 6 ? 0 : undefined;
    return html`<span class="badges">
      ${audio ? nothing : html`<span part="indicator mic-off" class="badge" role="img" aria-label=${this.#t('cpMicOff')} title=${this.#t('cpMicOff')}>${icons.micOff}</span>`}
      ${video || s.media !== 'video' ? nothing : html`<span part="indicator camera-off" class="badge" role="img" aria-label=${this.#t('cpCamOff')} title=${this.#t('cpCamOff')}>${icons.camOff}</span>`}
      ${level === undefined
        ? nothing
        : html`<span part="indicator network" class="badge net" data-quality=${quality!} role="img" aria-label=${this.#t(`cpNet${quality}` as StringKey)} title=${this.#t(`cpNet${quality}` as StringKey)}>${networkIcon(level)}</span>`}
    </span>`;
  }

  #localTile(s: CallState, store: CallStore, extraParts = '') {
    const video = s.media === 'video' && s.cameraOn;
    return html`<span part=${`tile local${extraParts}`} class="tile local" data-local>
      <live-video-tile .stream=${store.localStream} mirror ?speaking=${(s.volumes?.[s.user?.userId ?? ''] ?? 0) >= 8 && !s.micMuted} ?has-video=${video} label=${this.#t('you')}></live-video-tile>
      ${this.#badges(s, s.user?.userId, !s.micMuted, video)}
    </span>`;
  }

  #remoteTile(s: CallState, store: CallStore, userId: string | undefined, extraParts = '') {
    const p = s.participants.find((x) => x.userId === userId);
    if (!p) {
      const name = this.#host.name(userId);
      return html`<span part=${`tile remote waiting${extraParts}`} class="tile waiting" data-user-id=${userId ?? ''}>
        ${this.#host.avatar(userId, name)}<span class="wname">${name}</span><span class="wstate">${this.#t('cpConnecting')}</span>
      </span>`;
    }
    const video = s.media === 'video' && p.video;
    return html`<span part=${`tile remote${extraParts}`} class="tile remote" data-user-id=${p.userId}>
      <live-video-tile .store=${playerFor(store)} user-id=${p.userId} ?speaking=${(s.volumes?.[p.userId] ?? 0) >= 8} ?has-video=${video} label=${p.nickname || p.userId}></live-video-tile>
      ${this.#badges(s, p.userId, p.audio, video)}
    </span>`;
  }

  /** The call itself: the peer, the duration, the video (one-to-one or grid) and the controls. */
  renderStage(s: CallState, store: CallStore): TemplateResult {
    const group = s.isGroup;
    const duration = s.startedAt ? formatDuration(Date.now() - s.startedAt) : formatDuration(0);
    const peer = group ? this.#t('cpGroupCall') : this.#host.name(s.participants[0]?.userId ?? this.#host.other(s));
    return html`<section part="stage" class="stage" aria-labelledby="stage-peer">
      <div class="bar">
        <h2 id="stage-peer" class="peer">${peer}</h2>
        <span part="duration" class="duration" role="timer" aria-label=${this.#t('cpDuration')}>${duration}</span>
      </div>
      ${group ? this.#renderGrid(s, store) : this.#renderOneToOne(s, store)}
      ${this.#renderControls(s, store)}
    </section>`;
  }

  #renderOneToOne(s: CallState, store: CallStore) {
    const remoteId = s.participants[0]?.userId ?? this.#host.other(s);
    const big = this.#host.swapped ? this.#localTile(s, store) : this.#remoteTile(s, store, remoteId);
    const small = this.#host.swapped ? this.#remoteTile(s, store, remoteId) : this.#localTile(s, store);
    return html`<div class="one">
      ${big}
      <div part="pip" class="pip">
        ${small}
        <button part="button swap" class="swap" aria-label=${this.#t('cpSwap')} title=${this.#t('cpSwap')} aria-pressed=${this.#host.swapped ? 'true' : 'false'} @click=${() => (this.#host.swapped = !this.#host.swapped)}></button>
      </div>
    </div>`;
  }

  #renderGrid(s: CallState, store: CallStore) {
    const tiles: TemplateResult[] = [this.#localTile(s, store)];
    for (const p of s.participants) tiles.push(this.#remoteTile(s, store, p.userId));
    const self = s.user?.userId;
    for (const i of s.invitees) {
      if (i.state !== 'waiting' || i.userId === self || s.participants.some((p) => p.userId === i.userId)) continue;
      const name = this.#host.name(i.userId);
      tiles.push(html`<span part="tile waiting" class="tile waiting" data-user-id=${i.userId}>
        ${this.#host.avatar(i.userId, name)}<span class="wname">${name}</span><span class="wstate">${this.#t('cpStateWaiting')}</span>
      </span>`);
    }
    const n = tiles.length;
    const layout = n <= 1 ? '1' : n === 2 ? '2' : n <= 4 ? '4' : n <= 9 ? '9' : 'many';
    return html`<div part="grid" class="grid" role="group" aria-label=${this.#t('cpParticipants')} data-count=${n} data-layout=${layout}>${tiles}</div>`;
  }

  #renderControls(s: CallState, store: CallStore) {
    const video = s.media === 'video';
    deviceMenu.need();
    return html`<div part="controls" class="controls" role="group" aria-label=${this.#t('cpControls')}>
      <button part="button mic" class="mic" data-autofocus aria-pressed=${s.micMuted ? 'true' : 'false'} @click=${() => this.#host.run(() => store.setMicMute(!s.micMuted))}>${this.#t(s.micMuted ? 'unmute' : 'mute')}</button>
      ${video
        ? html`<button part="button camera" class="camera" aria-pressed=${s.cameraOn ? 'false' : 'true'} @click=${() => this.#host.run(() => (s.cameraOn ? store.closeCamera() : store.openCamera()))}>${this.#t(s.cameraOn ? 'cameraOff' : 'cameraOn')}</button>`
        : nothing}
      <button part="button speaker" class="speaker" aria-pressed=${this.#host.speakerOff ? 'true' : 'false'} @click=${() => this.#toggleSpeaker(s, store)}>${this.#t(this.#host.speakerOff ? 'cpSpeakerOn' : 'cpSpeakerOff')}</button>
      <call-device-menu part="devices" lang=${langOf(this.#el)} .store=${store} ?no-camera=${!video}></call-device-menu>
      ${s.isGroup
        ? nothing
        : html`<button part="button switch" class="switch" ?disabled=${this.#host.busy} @click=${() => this.#host.run(() => (video ? store.switchToAudioCall() : store.switchToVideoCall()))}>${this.#t(video ? 'cpToAudio' : 'cpToVideo')}</button>`}
      <button part="button minimise" class="minimise" @click=${() => this.#host.setMinimised(true)}>${this.#t('cpMinimise')}</button>
      <button part="button hangup" class="danger hangup" ?disabled=${this.#host.busy} @click=${() => this.#host.run(() => this.#el.hangup())}>${this.#t('cpHangUp')}</button>
    </div>`;
  }

  #toggleSpeaker(s: CallState, store: CallStore): void {
    const off = !this.#host.speakerOff;
    this.#host.speakerOff = off;
    for (const p of s.participants) store.muteRemoteAudio(p.userId, off);
  }

  /* minimised */

  /** The small floating window of a minimised call (calling or connected), which the user can move. */
  renderMinimised(s: CallState, store: CallStore): TemplateResult {
    const connected = s.status === 'connected';
    const remote = connected && !s.isGroup ? s.participants[0] : undefined;
    const showVideo = !!remote && remote.video && s.media === 'video';
    const name = s.isGroup ? this.#t('cpGroupCall') : this.#host.name(remote?.userId ?? this.#host.other(s));
    const info = connected ? formatDuration(s.startedAt ? Date.now() - s.startedAt : 0) : this.#t('cpCallingKind', { kind: this.#host.kindLabel(s.type) });
    const style = styleMap({ right: `${this.#miniPos.x}px`, bottom: `${this.#miniPos.y}px` });
    return html`<div
      part="minimised"
      class=${this.#dragging ? 'mini dragging' : 'mini'}
      role="region"
      aria-label=${this.#t('cpMinimised')}
      style=${style}
      @pointerdown=${this.#dragStart}
      @pointermove=${this.#dragMove}
      @pointerup=${this.#dragEnd}
      @pointercancel=${this.#dragEnd}
    >
      ${showVideo ? html`<div class="view">${this.#remoteTile(s, store, remote!.userId)}</div>` : nothing}
      <div class="info">
        <span class="peer">${name}</span>
        ${connected ? html`<span part="duration" class="duration" role="timer" aria-label=${this.#t('cpDuration')}>${info}</span>` : html`<span class="status">${info}</span>`}
      </div>
      <div class="actions">
        <button part="button move" class="move" aria-label=${this.#t('cpMove')} title=${this.#t('cpMove')} @keydown=${this.#moveKey}>⠿</button>
        <button part="button restore" class="restore" @click=${() => this.#host.setMinimised(false)}>${this.#t('cpRestore')}</button>
        <button part="button hangup" class="danger" @click=${() => this.#host.run(() => this.#el.hangup())}>${this.#t(connected ? 'cpHangUp' : 'cpCancel')}</button>
      </div>
    </div>`;
  }

  #clampMini(x: number, y: number): { x: number; y: number } {
    const box = this.#el.renderRoot.querySelector<HTMLElement>('.mini')?.getBoundingClientRect();
    const maxX = Math.max(0, window.innerWidth - (box?.width ?? 0));
    const maxY = Math.max(0, window.innerHeight - (box?.height ?? 0));
    return { x: Math.min(maxX, Math.max(0, x)), y: Math.min(maxY, Math.max(0, y)) };
  }

  #moveKey = (event: KeyboardEvent): void => {
    const step = event.shiftKey ? 64 : 16;
    const d = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[event.key];
    if (!d) return;
    event.preventDefault();
    this.#moveMini(this.#clampMini(this.#miniPos.x + d[0], this.#miniPos.y + d[1]));
  };

  #dragStart = (event: PointerEvent): void => {
    if (event.button !== 0 || (event.target as Element).closest?.('button:not(.move)')) return;
    const target = event.currentTarget as HTMLElement;
    target.setPointerCapture?.(event.pointerId);
    this.#drag = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, from: this.#miniPos };
    this.#setDragging(true);
  };

  #dragMove = (event: PointerEvent): void => {
    const drag = this.#drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.#moveMini(this.#clampMini(drag.from.x - (event.clientX - drag.startX), drag.from.y - (event.clientY - drag.startY)));
  };

  #dragEnd = (event: PointerEvent): void => {
    if (this.#drag?.pointerId !== event.pointerId) return;
    this.#drag = undefined;
    this.#setDragging(false);
  };
}
