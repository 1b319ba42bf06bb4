import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LiveRoomStore } from '../../core/store/live-room-store.js';
import { Session } from '../../core/store/session.js';
import { numericRoom } from '../../core/validation.js';
import { fakeEngines } from '../../testing/fake-engines.js';
import '../../live-room.js';
import type { LiveRoom } from './live-room.js';

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
    const engines = fakeEngines();
    const store = new LiveRoomStore(new Session({ engines }));
    const el = await fixture<LiveRoom>(html`<live-room lang="zh-CN" .store=${store}></live-room>`);
    await store.login({ userId: 'viewer_1', userSig: 'sig', sdkAppId: 1 });
    await el.updateComplete;
    expect(shadowText(el)).to.contain('进入房间');
  });
});
