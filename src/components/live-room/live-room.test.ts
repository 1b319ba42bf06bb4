import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ErrorCode, LiveError } from '../../core/errors.js';
import { decodeEnvelope, encodeEnvelope, type MessageKind, type PayloadOf } from '../../core/protocol/envelope.js';
import { LiveRoomStore } from '../../core/store/live-room-store.js';
import { Session } from '../../core/store/session.js';
import { numericRoom } from '../../core/validation.js';
import { fakeEngines } from '../../testing/fake-engines.js';
import '../../live-room.js';
import type { LiveRoom } from './live-room.js';
import { preloadLanguage } from '../../internal/i18n.js';

function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('<live-room>', () => {
  it('asks for configuration when it has none', async () => {
    const el = await fixture<LiveRoom>(html`<live-room></live-room>`);
    expect(shadowText(el)).to.contain('Set user-id and room-id');
    await expect(el).to.be.accessible();
  });

  it('shows an invalid room ID in words', async () => {
    const el = await fixture<LiveRoom>(html`<live-room user-id="viewer_1" room-id="0" server="ws://127.0.0.1:9/ws" user-sig="x" sdk-app-id="1"></live-room>`);
    await waitUntil(() => shadowText(el).includes('room ID'), 'shows the room id error', { timeout: 5000 });
  });

  it('shows a dead server in words', async () => {
    const el = await fixture<LiveRoom>(html`<live-room user-id="viewer_1" room-id="12" server="ws://127.0.0.1:9/ws" user-sig="x" sdk-app-id="1"></live-room>`);
    await waitUntil(() => el.shadowRoot?.querySelector('[part~="error"]'), 'shows an error', { timeout: 9000 });
    expect(shadowText(el)).to.match(/cannot be reached|did not answer/);
  });

  it('renders a store given as .store: status, stage, count, and re-dispatches events', async () => {
    const engines = fakeEngines();
    engines.media.users = [{ userId: 'anchor_1', nickname: 'Anna', avatar: '', role: 'anchor', publishing: true, audio: true, video: true }];
    const store = new LiveRoomStore(new Session({ engines }));
    const el = await fixture<LiveRoom>(html`<live-room .store=${store}></live-room>`);
    const seen: string[] = [];
    el.addEventListener('anchor-enter', (e) => seen.push(e.detail.userId));
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    await store.enterRoom(numericRoom(3));
    engines.chat.emit('member-join', { groupId: '3', member: { userId: 'v2', nickname: 'v2', avatar: '', joinedAt: 0 }, memberCount: 3 });
    await el.updateComplete;
    expect(seen).to.deep.equal(['anchor_1']);
    expect(el.phase).to.equal('in-room');
    expect(el.getAttribute('phase')).to.equal('in-room');
    const status = el.shadowRoot!.querySelector('[part~="status"]')!;
    expect(status.textContent?.trim()).to.equal('Live');
    expect(el.shadowRoot!.querySelector('[part~="count"]')!.textContent).to.contain('3 watching');
    const tile = el.shadowRoot!.querySelector('live-video-tile')!;
    expect(tile.getAttribute('user-id')).to.equal('anchor_1');
    expect(engines.media.calls.some(([c, id]) => c === 'play' && id === 'anchor_1')).to.be.true;
    const leave = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Leave')!;
    expect(leave.disabled).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('provides its store to descendants through context', async () => {
    const engines = fakeEngines();
    const store = new LiveRoomStore(new Session({ engines }));
    const el = await fixture<LiveRoom>(html`<live-room .store=${store}><barrage-layer></barrage-layer></live-room>`);
    await import('../../barrage-layer.js');
    const layer = el.querySelector('barrage-layer')!;
    await waitUntil(() => layer.store === store, 'barrage-layer got the store');
  });

  it('accepts role="anchor" as an alias of user-role', async () => {
    const el = await fixture<LiveRoom>(html`<live-room role="anchor"></live-room>`);
    expect(el.userRole).to.equal('anchor');
    expect(el.getAttribute('user-role')).to.equal('anchor');
  });

  it('speaks Chinese when lang is zh-CN', async () => {
    await preloadLanguage('zh-CN'); // the Chinese words are fetched on demand
    const engines = fakeEngines();
    const store = new LiveRoomStore(new Session({ engines }));
    const el = await fixture<LiveRoom>(html`<live-room lang="zh-CN" .store=${store}></live-room>`);
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    await el.updateComplete;
    expect(shadowText(el)).to.contain('进入房间');
  });
});

/* ───────────── status, people, moderation, PK, devices ───────────── */

/** Every element matching `selector` in `root`'s shadow tree and the shadow trees inside it. */
function deepAll(root: Element, selector: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  const walk = (node: ShadowRoot) => {
    out.push(...node.querySelectorAll<HTMLElement>(selector));
    for (const child of node.querySelectorAll('*')) if (child.shadowRoot) walk(child.shadowRoot);
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  return out;
}
function deep<T extends HTMLElement = HTMLElement>(root: Element, selector: string): T | undefined {
  return deepAll(root, selector)[0] as T | undefined;
}
function text(node: Element | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
/** The text of `root`'s shadow tree and every shadow tree inside it. */
function allText(root: Element): string {
  const parts: string[] = [];
  const walk = (node: ShadowRoot) => {
    parts.push(node.textContent ?? '');
    for (const child of node.querySelectorAll('*')) if (child.shadowRoot) walk(child.shadowRoot);
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  return parts.join(' ').replace(/\s+/g, ' ');
}
function buttonNamed(root: Element, name: string | RegExp): HTMLButtonElement | undefined {
  return deepAll(root, 'button').find((b) => (typeof name === 'string' ? text(b) === name || b.getAttribute('aria-label') === name : name.test(text(b)))) as HTMLButtonElement | undefined;
}
async function click(root: Element, name: string | RegExp): Promise<void> {
  const button = await waitFor(() => {
    const b = buttonNamed(root, name);
    return b && !b.disabled && b;
  }, `an enabled button “${name}”`);
  button.click();
}
async function waitFor<T>(get: () => T | undefined | null | false, what: string, timeout = 3000): Promise<T> {
  let value: T | undefined | null | false;
  await waitUntil(() => (value = get()), `waiting for ${what}`, { timeout });
  return value as T;
}
const frame = () => new Promise((r) => setTimeout(r, 30));

const ANNA = { userId: 'anchor_1', nickname: 'Anna', avatar: '', role: 'anchor' as const, publishing: true, audio: true, video: true };
const ROOM = numericRoom(5);

async function ownerRoom(template = (store: LiveRoomStore) => html`<div style="height:560px;width:900px"><live-room .store=${store}><barrage-layer></barrage-layer></live-room></div>`) {
  const engines = fakeEngines();
  const store = new LiveRoomStore(new Session({ engines }));
  const wrap = await fixture<HTMLElement>(template(store));
  const el = wrap.querySelector('live-room')!;
  await store.login({ userId: 'anchor_1', userSig: 'sig', sdkAppId: 1, nickname: 'Anna' });
  await store.createRoom(ROOM, { roomName: 'Anna cooks' });
  await store.startPublish();
  await el.updateComplete;
  const deliver = <K extends MessageKind>(from: string, kind: K, data: PayloadOf<K>, nickname = from) =>
    engines.chat.emit('direct-message', { from: { userId: from, nickname, avatar: '' }, data: encodeEnvelope(kind, data), time: Date.now() });
  const sentTo = (to: string) =>
    engines.chat.calls
      .filter(([c, target]) => c === 'sendDirect' && target === to)
      .map(([, , data]) => {
        const d = decodeEnvelope(data as string);
        return d.ok ? d.message : undefined;
      });
  return { engines, store, el, deliver, sentTo };
}

async function viewerRoom(attributes: Record<string, string> = {}) {
  const engines = fakeEngines();
  engines.media.users = [ANNA];
  engines.chat.group = { ...engines.chat.group, attributes };
  const store = new LiveRoomStore(new Session({ engines }));
  const wrap = await fixture<HTMLElement>(html`<div style="height:560px;width:900px"><live-room .store=${store}><barrage-layer></barrage-layer></live-room></div>`);
  const el = wrap.querySelector('live-room')!;
  await import('../../barrage-layer.js');
  await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1, nickname: 'Vic' });
  await store.enterRoom(ROOM);
  await el.updateComplete;
  return { engines, store, el, layer: el.querySelector('barrage-layer')! };
}

describe('<live-room>: status, notice and introduction', () => {
  it('a viewer sees the status in words, the notice and the introduction as text, and no Edit', async () => {
    const { el, engines } = await viewerRoom({ status: 'paused', notice: 'Be kind in the chat', intro: 'Dumplings tonight' });
    expect(text(deep(el, '[part~="status"]'))).to.equal('Paused');
    expect(text(deep(el, '[part~="notice"]'))).to.contain('Be kind in the chat');
    // The info part is fetched when first shown (internal/lazy.ts).
    await waitFor(() => text(deep(el, '[part~="intro"]')) === 'Dumplings tonight', 'the introduction');
    expect(buttonNamed(el, 'Edit')).to.be.undefined;
    engines.chat.emit('attributes', { groupId: '5', attributes: { status: 'live', notice: '<b>hi</b> <img src=x onerror=alert(1)>', intro: '' } });
    await el.updateComplete;
    expect(text(deep(el, '[part~="status"]'))).to.equal('Live');
    const notice = deep(el, '[part~="notice"]')!;
    expect(notice.textContent).to.contain('<b>hi</b> <img src=x onerror=alert(1)>');
    expect(notice.querySelector('b, img')).to.be.null;
    // No introduction and no right to edit: no info area at all.
    expect(deep(el, '[part~="info"]')).to.be.undefined;
    engines.chat.emit('attributes', { groupId: '5', attributes: { status: 'ended' } });
    await el.updateComplete;
    expect(text(deep(el, '[part~="status"]'))).to.equal('Ended');
    expect(deep(el, '[part~="notice"]')).to.be.undefined;
    await expect(el).to.be.accessible();
  });

  it('the owner edits status, notice and introduction inline; bytes left are counted; failures are shown in words', async () => {
    const { el, engines, store } = await ownerRoom();
    expect(text(deep(el, '[part~="status"]'))).to.equal('Live');
    await click(el, 'Edit room details');
    const form = await waitFor(() => deep(el, '[part~="edit-form"]'), 'the edit form');
    const notice = deep<HTMLTextAreaElement>(el, '#notice')!;
    const intro = deep<HTMLTextAreaElement>(el, '#intro')!;
    const status = deep<HTMLSelectElement>(el, '#status')!;
    expect(text(deep(el, '#notice-left'))).to.equal('300 bytes left');
    expect(text(deep(el, '#intro-left'))).to.equal('240 bytes left');
    // 101 Chinese characters are 303 bytes: 3 too many.
    notice.value = '好'.repeat(101);
    notice.dispatchEvent(new Event('input'));
    await frame();
    expect(text(deep(el, '#notice-left'))).to.equal('3 bytes too long');
    expect(notice.getAttribute('aria-invalid')).to.equal('true');
    expect(deep<HTMLButtonElement>(el, '[part~="save"]')!.disabled).to.be.true;
    await expect(el).to.be.accessible();

    notice.value = 'Welcome! 欢迎';
    notice.dispatchEvent(new Event('input'));
    intro.value = 'We cook & chat';
    intro.dispatchEvent(new Event('input'));
    status.value = 'paused';
    status.dispatchEvent(new Event('change'));
    await frame();
    expect(text(deep(el, '#notice-left'))).to.equal(`${300 - 15} bytes left`);
    deep<HTMLButtonElement>(el, '[part~="save"]')!.click();
    await waitUntil(() => !deep(el, '[part~="edit-form"]'), 'the form closes');
    const sets = engines.chat.calls.filter(([c]) => c === 'setGroupAttributes').map(([, , a]) => a);
    expect(sets).to.deep.include({ notice: 'Welcome! 欢迎' });
    expect(sets).to.deep.include({ intro: 'We cook & chat' });
    expect(sets).to.deep.include({ status: 'paused' });
    expect(store.getState()).to.include({ notice: 'Welcome! 欢迎', intro: 'We cook & chat', roomStatus: 'paused' });
    await el.updateComplete;
    expect(text(deep(el, '[part~="status"]'))).to.equal('Paused');
    expect(text(deep(el, '[part~="notice"]'))).to.contain('Welcome! 欢迎');
    expect(form.isConnected).to.be.false;

    // The server refuses: the form stays open and the error is said in words.
    engines.chat.setGroupAttributes = async () => {
      throw new LiveError(ErrorCode.NOT_ALLOWED);
    };
    await click(el, 'Edit room details');
    const again = await waitFor(() => deep<HTMLTextAreaElement>(el, '#notice'), 'the form again');
    again.value = 'Changed';
    again.dispatchEvent(new Event('input'));
    await frame();
    deep<HTMLButtonElement>(el, '[part~="save"]')!.click();
    await waitFor(() => deep(el, '[part~="error"]'), 'the error banner');
    expect(text(deep(el, '[part~="error"]'))).to.contain('not allowed');
    expect(deep(el, '[part~="edit-form"]')).to.exist;
  });
});

describe('<live-room>: people and moderation', () => {
  it('lists the audience with a count, loads more pages until nextSeq is 0', async () => {
    const { el, engines, store } = await ownerRoom();
    engines.chat.members = Array.from({ length: 60 }, (_, i) => ({ userId: `m${i}`, nickname: `Member ${i}`, avatar: '', joinedAt: i }));
    // Re-enter so that the store loads the first page of this member list.
    await store.destroyRoom();
    await store.createRoom(ROOM);
    await waitUntil(() => store.getState().audience.length === 50, 'the first page');
    engines.chat.emit('member-join', { groupId: '5', member: { userId: 'late', nickname: 'Latecomer', avatar: '', joinedAt: 99 }, memberCount: 62 });
    await el.updateComplete;
    const people = buttonNamed(el, 'People')!;
    expect(people.getAttribute('aria-expanded')).to.equal('false');
    people.click();
    const panel = await waitFor(() => deep(el, '[part~="members"]'), 'the member panel');
    expect(people.getAttribute('aria-expanded')).to.equal('true');
    expect(people.getAttribute('aria-controls')).to.equal(panel.id);
    await waitUntil(() => text(panel.shadowRoot?.activeElement as HTMLElement | undefined) === 'Close', 'the focus moves into the panel');
    expect(allText(panel)).to.contain('62 online');
    await waitFor(() => buttonNamed(el, 'Load more'), 'Load more');
    let rows = deepAll(el, '[part~="member"]');
    expect(rows.length).to.equal(51);
    expect(text(rows[0])).to.contain('Latecomer'); // most recent first
    await click(el, 'Load more');
    await waitUntil(() => deepAll(el, '[part~="member"]').length === 61, 'the second page');
    await waitUntil(() => !buttonNamed(el, 'Load more'), 'no more pages');
    rows = deepAll(el, '[part~="member"]');
    expect(text(rows[60])).to.contain('Member 59');
    await expect(el).to.be.accessible();
    // Escape closes the panel and gives the focus back to People.
    deep(el, '[part~="member"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitUntil(() => !deep(el, '[part~="members"]'), 'the panel closes');
    expect(el.shadowRoot!.activeElement).to.equal(people);
  });

  it('the owner mutes, unmutes, removes, makes admin, invites and mutes everyone; muted members show a badge', async () => {
    const { el, engines } = await ownerRoom();
    for (const id of ['bob', 'cleo', 'dan']) engines.chat.emit('member-join', { groupId: '5', member: { userId: id, nickname: id.toUpperCase(), avatar: '', joinedAt: 1 }, memberCount: 4 });
    await click(el, 'People');
    await waitFor(() => deep(el, '[part~="members"]'), 'the panel');
    const row = (id: string) => deep(el, `[part~="member"][data-user-id="${id}"]`)!;

    await click(el, 'Manage BOB');
    expect(buttonNamed(el, 'Manage BOB')!.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    await click(el, 'Mute 5 min');
    expect(engines.chat.calls).to.deep.include(['muteMember', '5', 'bob', 300]);
    await waitUntil(() => /Muted (5:00|4:59)/.test(text(row('bob'))), 'the muted badge with its countdown');
    await click(el, 'Unmute');
    expect(engines.chat.calls).to.deep.include(['muteMember', '5', 'bob', 0]);
    await waitUntil(() => !text(row('bob')).includes('Muted'), 'the badge goes');

    await click(el, 'Make admin');
    expect(engines.chat.calls).to.deep.include(['setAdmin', '5', 'bob', true]);
    engines.chat.emit('admins', { groupId: '5', admins: ['bob'] });
    await waitUntil(() => text(row('bob')).includes('Admin'), 'the admin badge');
    await click(el, 'Remove admin');
    expect(engines.chat.calls).to.deep.include(['setAdmin', '5', 'bob', false]);

    await click(el, 'Invite on stage');
    await waitUntil(() => engines.media.calls.some(([c, id, allow]) => c === 'grantAnchor' && id === 'bob' && allow === true), 'the grant');
    await waitUntil(() => text(row('bob')).includes('Invited'), 'the invited badge');

    await click(el, 'Manage CLEO');
    await click(el, 'Remove (10 min ban)');
    expect(engines.chat.calls).to.deep.include(['removeMember', '5', 'cleo', 600]);
    engines.chat.emit('member-removed', { groupId: '5', userId: 'cleo', bannedUntil: Date.now() + 600_000, memberCount: 3 });
    await waitUntil(() => !deep(el, '[data-user-id="cleo"]'), 'cleo leaves the list');

    // Someone else (an admin) muted dan: the badge follows the event.
    engines.chat.emit('member-muted', { groupId: '5', userId: 'dan', mutedUntil: Date.now() + 90_000 });
    await waitUntil(() => /Muted 1:(30|29)/.test(text(row('dan'))), 'dan’s badge');

    const muteAll = buttonNamed(el, 'Mute everyone')!;
    expect(muteAll.getAttribute('aria-pressed')).to.equal('false');
    muteAll.click();
    expect(engines.chat.calls).to.deep.include(['muteAll', '5', true]);
    await waitUntil(() => muteAll.getAttribute('aria-pressed') === 'true', 'pressed');
    await expect(el).to.be.accessible();
  });

  it('a viewer sees the people but no moderation', async () => {
    const { el, engines } = await viewerRoom();
    engines.chat.emit('member-join', { groupId: '5', member: { userId: 'bob', nickname: 'Bob', avatar: '', joinedAt: 1 }, memberCount: 3 });
    engines.chat.emit('member-muted', { groupId: '5', userId: 'bob', mutedUntil: Date.now() + 60_000 });
    await click(el, 'People');
    await waitFor(() => deep(el, '[data-user-id="bob"]'), 'bob');
    expect(text(deep(el, '[data-user-id="bob"]'))).to.match(/Muted (1:00|0:59)/);
    expect(buttonNamed(el, /^Manage/)).to.be.undefined;
    expect(buttonNamed(el, 'Mute everyone')).to.be.undefined;
    await expect(el).to.be.accessible();
  });
});

describe('<live-room>: removed and muted', () => {
  it('says the user was removed, with a live countdown; Enter comes back when the ban ends', async () => {
    const { el, engines } = await viewerRoom();
    engines.chat.emit('member-removed', { groupId: '5', userId: 'viewer_1', bannedUntil: Date.now() + 600_000, memberCount: 1 });
    await el.updateComplete;
    const empty = () => text(deep(el, '[part~="empty"]'));
    expect(empty()).to.match(/^You were removed from this room by the host\. You can come back in (10:00|9:59)\.$/);
    expect(text(deep(el, '[part~="status"]'))).to.equal('Removed');
    expect(buttonNamed(el, 'Enter room')!.disabled).to.be.true;
    const first = empty();
    await waitUntil(() => empty() !== first, 'the countdown moves', { timeout: 2500 });
    expect(empty()).to.match(/You can come back in 9:5\d\./);
    await expect(el).to.be.accessible();
  });

  it('a short ban ends by itself', async () => {
    const { el, engines } = await viewerRoom();
    engines.chat.emit('member-removed', { groupId: '5', userId: 'viewer_1', bannedUntil: Date.now() + 1200, memberCount: 1 });
    await el.updateComplete;
    expect(text(deep(el, '[part~="empty"]'))).to.match(/You can come back in 0:0[12]\./);
    await waitUntil(() => text(deep(el, '[part~="empty"]')).endsWith('You can come back now.'), 'the ban ends', { timeout: 3000 });
    expect(buttonNamed(el, 'Enter room')!.disabled).to.be.false;
  });

  it('<barrage-layer> disables its input while the user is muted, says why with a countdown, and re-enables itself', async () => {
    const { engines, layer } = await viewerRoom();
    const input = () => layer.shadowRoot!.querySelector('input')!;
    const send = () => layer.shadowRoot!.querySelector('button')!;
    expect(input().disabled).to.be.false;
    engines.chat.emit('member-muted', { groupId: '5', userId: 'viewer_1', mutedUntil: Date.now() + 300_000 });
    await layer.updateComplete;
    expect(input().disabled).to.be.true;
    expect(send().disabled).to.be.true;
    expect(input().placeholder).to.match(/^You are muted for (5:00|4:59)$/);
    expect(text(layer.shadowRoot!.querySelector('[part~="muted"]')!)).to.equal(input().placeholder);
    expect(input().getAttribute('aria-describedby')).to.equal('muted');
    engines.chat.emit('member-muted', { groupId: '5', userId: 'viewer_1', mutedUntil: 0 });
    await layer.updateComplete;
    expect(input().disabled).to.be.false;
    expect(input().placeholder).to.equal('Say something…');

    engines.chat.emit('mute-all', { groupId: '5', mute: true });
    await layer.updateComplete;
    expect(input().disabled).to.be.true;
    expect(input().placeholder).to.equal('The host muted everyone');
    engines.chat.emit('mute-all', { groupId: '5', mute: false });
    await layer.updateComplete;
    expect(input().disabled).to.be.false;

    // A short mute ends by itself.
    engines.chat.emit('member-muted', { groupId: '5', userId: 'viewer_1', mutedUntil: Date.now() + 1200 });
    await layer.updateComplete;
    expect(input().disabled).to.be.true;
    await waitUntil(() => !input().disabled, 'the mute runs out', { timeout: 3000 });
    expect(input().placeholder).to.equal('Say something…');
  });

  it('"Mute everyone" does not silence the owner', async () => {
    const { el, engines } = await ownerRoom();
    await import('../../barrage-layer.js');
    const layer = el.querySelector('barrage-layer')!;
    engines.chat.emit('mute-all', { groupId: '5', mute: true });
    await layer.updateComplete;
    expect(layer.shadowRoot!.querySelector('input')!.disabled).to.be.false;
  });
});

describe('<live-room>: PK', () => {
  const gift = (engines: ReturnType<typeof fakeEngines>, seq: number, count: number, value: number) =>
    engines.chat.emit('message', {
      groupId: '5',
      seq,
      time: Date.now(),
      from: { userId: 'fan', nickname: 'Fan', avatar: '' },
      priority: 'high',
      body: { type: 'custom', data: encodeEnvelope('gift', { giftId: 'rose', count, value }) },
    });

  it('an incoming challenge is announced; Accept links the rooms; the score bar follows gifts; End PK', async () => {
    const { el, engines, deliver, sentTo } = await ownerRoom();
    deliver('rival', 'pk-request', { requestId: 'pk1', roomId: '7', roomKind: 'numeric' }, 'Rival');
    await el.updateComplete;
    const status = await waitFor(() => deep(el, '[part~="pk-status"]'), 'the PK status');
    await waitUntil(() => text(status) === 'Rival (room 7) challenges you to a PK', 'the prompt');
    expect(status.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    await click(el, 'Accept');
    await waitUntil(() => engines.media.calls.some(([c]) => c === 'connectOtherRoom'), 'connectOtherRoom');
    expect(engines.media.calls.find(([c]) => c === 'connectOtherRoom')).to.deep.equal(['connectOtherRoom', numericRoom(7), 'rival']);
    await waitUntil(() => sentTo('rival').some((m) => m?.kind === 'pk-response'), 'the answer');

    engines.media.emit('pk', { state: 'linked', room: numericRoom(7), userId: 'rival' });
    engines.media.emit('user-enter', { user: { userId: 'rival', nickname: 'Rival', avatar: '', role: 'anchor', publishing: true, audio: true, video: true } });
    const bar = await waitFor(() => deep(el, '[part~="pk-bar"]'), 'the score bar');
    // The bar's code is fetched when a PK first starts (internal/lazy.ts).
    await waitUntil(() => text(deep(el, '[part~="home-name"]')) === 'Anna', 'the home name');
    expect(text(deep(el, '[part~="away-name"]'))).to.equal('Rival');
    expect(text(deep(el, '[part~="home-score"]'))).to.equal('0');
    // Both anchors side by side: the owner's own tile first, the guest next.
    const stage = deep(el, '[part~="stage"]')!;
    expect(stage.dataset.layout).to.equal('2');
    const tiles = [...stage.querySelectorAll('live-video-tile')];
    expect(tiles.map((t) => (t.hasAttribute('data-local') ? 'me' : t.getAttribute('user-id')))).to.deep.equal(['me', 'rival']);

    gift(engines, 100, 3, 10);
    await waitUntil(() => text(deep(el, '[part~="home-score"]')) === '30', 'the home score');
    deliver('rival', 'pk-score', { requestId: 'pk1', score: 10 });
    await waitUntil(() => text(deep(el, '[part~="away-score"]')) === '10', 'the away score');
    const home = deep(el, '[part~="home-bar"]')!;
    expect(home.getAttribute('style')).to.contain('75.00%');
    expect((bar as unknown as { homeShare: number }).homeShare).to.equal(75);
    await expect(el).to.be.accessible();

    await click(el, 'End PK');
    await waitUntil(() => !deep(el, '[part~="pk-bar"]'), 'the bar goes');
    expect(engines.media.calls.some(([c]) => c === 'disconnectOtherRoom')).to.be.true;
    expect(sentTo('rival').some((m) => m?.kind === 'pk-quit')).to.be.true;
    await waitFor(() => buttonNamed(el, 'PK'), 'the PK button again');
  });

  it('the owner challenges a room (numeric or string ID), waits with a countdown, and can cancel; a refusal is said', async () => {
    const { el, engines, store, deliver, sentTo } = await ownerRoom();
    await click(el, 'PK');
    await waitFor(() => deep(el, '[part~="pk-form"]'), 'the PK form');
    const room = deep<HTMLInputElement>(el, '#pk-room')!;
    const user = deep<HTMLInputElement>(el, '#pk-user')!;
    expect(room.getAttribute('inputmode')).to.equal('numeric');
    await waitUntil(() => (room.getRootNode() as ShadowRoot).activeElement === room, 'the focus in the form');
    await expect(el).to.be.accessible();
    room.value = 'abc';
    user.value = 'rival';
    await click(el, 'Send challenge');
    await waitFor(() => deep(el, '[part~="pk-form"] [role="alert"]'), 'the input error');
    expect(text(deep(el, '[part~="pk-form"] [role="alert"]'))).to.contain('room ID');
    expect(sentTo('rival')).to.have.length(0);

    room.value = '7';
    await click(el, 'Send challenge');
    await waitUntil(() => store.getState().pk.state === 'requesting', 'requesting');
    const request = sentTo('rival').find((m) => m?.kind === 'pk-request');
    expect(request?.data).to.include({ roomId: '5', roomKind: 'numeric' });
    expect(store.getState().pk.peer?.room).to.deep.equal(numericRoom(7));
    await el.updateComplete;
    await waitUntil(() => text(deep(el, '[part~="pk-status"]')) === 'Waiting for rival…', 'waiting');
    expect(text(deep(el, '[part~="pk-timer"]'))).to.match(/^(1:00|0:59) left$/);
    await click(el, 'Cancel');
    await waitUntil(() => store.getState().pk.state === 'idle', 'cancelled');
    expect(sentTo('rival').some((m) => m?.kind === 'pk-quit')).to.be.true;

    // A string room ID, and a refusal.
    await click(el, 'PK');
    await waitFor(() => deep(el, '#pk-room'), 'the form again');
    const check = deep<HTMLInputElement>(el, '[part~="pk-form"] input[type="checkbox"]')!;
    check.click();
    await frame();
    expect(deep(el, '#pk-room')!.getAttribute('inputmode')).to.equal('text');
    deep<HTMLInputElement>(el, '#pk-room')!.value = 'room-x';
    deep<HTMLInputElement>(el, '#pk-user')!.value = 'rival';
    await click(el, 'Send challenge');
    await waitUntil(() => store.getState().pk.state === 'requesting', 'requesting again');
    expect(store.getState().pk.peer?.room).to.deep.equal({ kind: 'string', id: 'room-x' });
    const requestId = store.getState().pk.requestId!;
    deliver('rival', 'pk-response', { requestId, agree: false, roomId: 'room-x', roomKind: 'string' });
    await waitUntil(() => text(deep(el, '[part~="pk-status"]')) === 'rival declined the PK.', 'the refusal in words');
    expect(engines.media.calls.some(([c]) => c === 'connectOtherRoom')).to.be.false;
  });

  it('the audience sees the score bar from the room attribute, without PK controls', async () => {
    const { el, engines } = await viewerRoom({ status: 'live' });
    engines.chat.emit('attributes', { groupId: '5', attributes: { status: 'live', pk: JSON.stringify({ userId: 'rival', nickname: 'Rival', room: numericRoom(7), home: 5, away: 15 }) } });
    await waitFor(() => deep(el, '[part~="pk-bar"]'), 'the bar');
    expect(text(deep(el, '[part~="home-name"]'))).to.equal('Anna');
    expect(text(deep(el, '[part~="home-score"]'))).to.equal('5');
    expect(text(deep(el, '[part~="away-score"]'))).to.equal('15');
    expect(deep(el, '[part~="home-bar"]')!.getAttribute('style')).to.contain('25.00%');
    expect(deep(el, '[part~="pk"]')).to.be.undefined;
    expect(buttonNamed(el, 'End PK')).to.be.undefined;
    engines.chat.emit('attributes', { groupId: '5', attributes: { status: 'live', pk: '' } });
    await waitUntil(() => !deep(el, '[part~="pk-bar"]'), 'the bar goes');
  });
});

describe('<live-room>: devices, media controls and stage', () => {
  it('the device menu lists the devices, switches them, the camera, mirror and quality; refreshes on devicechange', async () => {
    const { el, engines, store } = await ownerRoom();
    engines.media.devices = [...engines.media.devices, { deviceId: 'cam2', label: 'Rear camera', kind: 'camera' }, { deviceId: 'spk1', label: '', kind: 'speaker' }];
    const toggle = await waitFor(() => buttonNamed(el, 'Devices'), 'Devices');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    const camera = await waitFor(() => deep<HTMLSelectElement>(el, 'select[data-kind="camera"]'), 'the camera list');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect([...camera.options].map((o) => o.textContent?.trim())).to.deep.equal(['Front camera', 'Rear camera']);
    expect([...deep<HTMLSelectElement>(el, 'select[data-kind="microphone"]')!.options].map((o) => o.textContent?.trim())).to.deep.equal(['Microphone']);
    expect([...deep<HTMLSelectElement>(el, 'select[data-kind="speaker"]')!.options].map((o) => o.textContent?.trim())).to.deep.equal(['Speaker 1']);
    await expect(el).to.be.accessible();

    camera.value = 'cam2';
    camera.dispatchEvent(new Event('change'));
    await waitUntil(() => engines.media.calls.some(([c, k, id]) => c === 'switchDevice' && k === 'camera' && id === 'cam2'), 'switchDevice');

    await click(el, 'Switch camera');
    await waitUntil(() => engines.media.calls.some(([c, front]) => c === 'switchCamera' && front === false), 'switchCamera(false)');
    await waitUntil(() => store.getState().frontCamera === false, 'rear camera');

    const local = deep(el, 'live-video-tile[data-local]')!;
    expect(local.hasAttribute('mirror')).to.be.true;
    deep<HTMLInputElement>(el, 'input[part~="mirror"]')!.click();
    await waitUntil(() => store.getState().mirror === false, 'mirror off');
    await el.updateComplete;
    expect(deep(el, 'live-video-tile[data-local]')!.hasAttribute('mirror')).to.be.false;

    const quality = deep<HTMLSelectElement>(el, 'select[part~="quality"]')!;
    expect(quality.value).to.equal('480p');
    quality.value = '720p';
    quality.dispatchEvent(new Event('change'));
    await waitUntil(() => engines.media.calls.some(([c, q]) => c === 'setVideoQuality' && q === '720p'), 'setVideoQuality');

    engines.media.devices = [...engines.media.devices, { deviceId: 'mic2', label: 'USB mic', kind: 'microphone' }];
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
    await waitUntil(() => deep<HTMLSelectElement>(el, 'select[data-kind="microphone"]')!.options.length === 2, 'the refreshed list');

    deep(el, 'select[data-kind="microphone"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitUntil(() => !deep(el, 'select[data-kind="camera"]'), 'the menu closes');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
  });

  it('"Mute all sound" is there for everyone', async () => {
    const { el, engines } = await viewerRoom();
    expect(buttonNamed(el, 'Devices')).to.be.undefined;
    const button = buttonNamed(el, 'Mute all sound')!;
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    button.click();
    expect(engines.media.calls).to.deep.include(['muteAllRemoteAudio', true]);
    await waitUntil(() => button.getAttribute('aria-pressed') === 'true', 'pressed');
  });

  it('a co-anchor sees the owner first and their own preview next, with Leave (not End live) and a device menu', async () => {
    const { el, engines, store } = await viewerRoom();
    engines.chat.emit('direct-message', { from: { userId: 'anchor_1', nickname: 'Anna', avatar: '' }, data: encodeEnvelope('coanchor-invite', { requestId: 'inv1' }), time: Date.now() });
    await store.respondToJoinAnchorInvitation(true);
    await waitUntil(() => store.getState().role === 'anchor' && store.getState().previewing, 'on stage');
    engines.media.emit('user-enter', { user: { userId: 'co2', nickname: 'Co Two', avatar: '', role: 'anchor', publishing: true, audio: true, video: false } });
    await el.updateComplete;
    const stage = deep(el, '[part~="stage"]')!;
    const tiles = [...stage.querySelectorAll('live-video-tile')].map((t) => (t.hasAttribute('data-local') ? 'me' : t.getAttribute('user-id')));
    expect(tiles).to.deep.equal(['anchor_1', 'me', 'co2']);
    expect(stage.dataset.layout).to.equal('4');
    expect(buttonNamed(el, 'End live')).to.be.undefined;
    expect(buttonNamed(el, 'Leave')).to.exist;
    expect(buttonNamed(el, 'Devices')).to.exist;
    expect(buttonNamed(el, 'PK')).to.be.undefined;
    for (const id of ['co3', 'co4']) engines.media.emit('user-enter', { user: { userId: id, nickname: id, avatar: '', role: 'anchor', publishing: true, audio: true, video: false } });
    await el.updateComplete;
    expect(deep(el, '[part~="stage"]')!.dataset.layout).to.equal('9');
    await expect(el).to.be.accessible();
  });

  it('gives `seats` to the store, and shows a bad value in words', async () => {
    const engines = fakeEngines();
    const store = new LiveRoomStore(new Session({ engines }));
    const el = await fixture<LiveRoom>(html`<live-room .store=${store} seats="2"></live-room>`);
    expect(store.getState().coanchor.seats).to.equal(2);
    el.seats = 4;
    await el.updateComplete;
    expect(store.getState().coanchor.seats).to.equal(4);
    el.setAttribute('seats', '99');
    await el.updateComplete;
    await el.updateComplete;
    expect(store.getState().coanchor.seats).to.equal(4);
    expect(text(deep(el, '[part~="error"]'))).to.contain('Seats must be');
  });

  it('shows the side slot next to the stage only when something is in it', async () => {
    const engines = fakeEngines();
    const store = new LiveRoomStore(new Session({ engines }));
    const el = await fixture<LiveRoom>(html`<live-room .store=${store}></live-room>`);
    expect(deep(el, '[part~="side"]')!.hidden).to.be.true;
    const side = document.createElement('div');
    side.slot = 'side';
    side.textContent = 'Queue';
    el.append(side);
    await waitUntil(() => !deep(el, '[part~="side"]')!.hidden, 'the side area shows');
  });

  it('speaks Chinese in the new parts too', async () => {
    await preloadLanguage('zh-CN'); // the Chinese words are fetched on demand
    const { el, layer, engines } = await viewerRoom({ status: 'idle' });
    engines.media.emit('user-exit', { userId: 'anchor_1' });
    el.setAttribute('lang', 'zh-CN');
    await el.updateComplete;
    expect(text(deep(el, '[part~="status"]'))).to.equal('未开播');
    expect(buttonNamed(el, '成员')).to.exist;
    engines.chat.emit('member-muted', { groupId: '5', userId: 'viewer_1', mutedUntil: Date.now() + 60_000 });
    await layer.updateComplete;
    expect(layer.shadowRoot!.querySelector('input')!.placeholder).to.match(/^你已被禁言，剩余 (1:00|0:59)$/);
  });
});
