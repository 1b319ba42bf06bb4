// The call stage's code (video, controls, minimised window) is fetched when a call starts or
// rings, not with the panel. Its own file: each test file runs in a fresh page, so what was
// fetched is this file's doing.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { encodeEnvelope } from '../../core/protocol/envelope.js';
import { CallStore } from '../../core/store/call-store.js';
import { Session } from '../../core/store/session.js';
import { fakeEngines } from '../../testing/fake-engines.js';
import '../../call-panel.js';
import type { CallPanel } from './call-panel.js';

/** Whether the page has fetched the module `name` (.ts from the test server, .js when built). */
const fetched = (name: string) => performance.getEntriesByType('resource').some((e) => new RegExp(`^${name}\\.(ts|js)$`).test(new URL(e.name).pathname.split('/').pop()!));
const part = (el: CallPanel, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('<call-panel>: the call stage is fetched on first need', () => {
  it('a panel where no call happens never fetches it; a ringing call does, and the call shows it', async () => {
    const engines = fakeEngines();
    const store = new CallStore(new Session({ engines }), { timeoutMs: 5000 });
    await store.login({ userID: 'me', userSig: 'sig', sdkAppId: 1 });
    const ringer = { start() {}, stop() {} };
    const el = await fixture<CallPanel>(html`<call-panel lang="en" .ringer=${ringer} .store=${store}></call-panel>`);
    expect(part(el, 'dialer')).to.exist;
    expect(fetched('call-stage'), 'the stage was fetched by an idle panel').to.equal(false);
    expect(customElements.get('live-video-tile'), 'video tiles come with the stage').to.equal(undefined);

    // Anna calls: the stage's code is fetched while it rings.
    engines.chat.emit('direct-message', {
      from: { userId: 'anna', nickname: 'Anna', avatar: '' },
      data: encodeEnvelope('call-invite', { callId: 'c1', type: 2, roomId: 'call_c1', inviter: 'anna', invitees: ['me'] }),
      time: Date.now(),
    });
    await el.updateComplete;
    expect(part(el, 'incoming')).to.exist;
    expect(fetched('call-stage')).to.equal(true);

    await store.accept();
    engines.media.emit('user-enter', { user: { userId: 'anna', nickname: 'Anna', avatar: '', role: 'anchor', publishing: true, audio: true, video: true } });
    await waitUntil(() => el.status === 'connected', 'connected');
    await el.updateComplete;
    expect(part(el, 'stage')!.getAttribute('aria-busy')).to.equal(null);
    expect(part(el, 'controls')).to.exist;
    expect(el.shadowRoot!.querySelectorAll('live-video-tile').length).to.equal(2);
    // The stage's styles are adopted into the panel's own shadow root (none outside it).
    expect(getComputedStyle(part(el, 'pip')!).position).to.equal('absolute');
    expect(document.adoptedStyleSheets.length).to.equal(0);
  });
});
