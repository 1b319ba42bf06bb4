import { expect } from '@open-wc/testing';
import type { ReactiveElement } from '@lit/reactive-element';
import { ErrorCode } from '../core/error-codes.js';
import { Lazy } from './lazy.js';
import { LazyView, updateCompleteWith } from './lazy-view.js';

/** An element stand-in that counts re-render requests. */
function host() {
  return { updates: 0, requestUpdate() { this.updates++; } };
}

describe('LazyView', () => {
  it('a failed download is told in words (SERVER_UNREACHABLE) and tried again on the next need; the view comes when the code does', async () => {
    let attempts = 0;
    const code = new Lazy(async () => {
      attempts++;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return { make: (n: number) => `view ${n}` };
    }, { what: 'the test view' });
    const el = host();
    const failures: Array<{ code: number; message: string }> = [];
    const view = new LazyView(el as unknown as ReactiveElement, code, (m) => m.make(attempts), (e) => failures.push(e));

    await view.need();
    expect(view.value).to.equal(undefined);
    expect(view.pending).to.equal(undefined);
    expect(failures).to.have.length(1);
    expect(failures[0].code).to.equal(ErrorCode.SERVER_UNREACHABLE);
    expect(failures[0].message).to.equal('The code of the test view could not be downloaded: check the network. It is tried again when next needed.');
    expect(el.updates).to.equal(0);

    await view.need();
    expect(view.value).to.equal('view 2');
    expect(el.updates).to.equal(1);
    expect(failures).to.have.length(1);
    // Here now: nothing more to fetch.
    expect(view.need()).to.equal(undefined);
    expect(attempts).to.equal(2);
  });

  it('a second element makes its view at once from code already here; updateCompleteWith waits for views on their way', async () => {
    const code = new Lazy(async () => ({ make: () => 'view' }), { what: 'the test view' });
    const first = new LazyView(host() as unknown as ReactiveElement, code, (m) => m.make(), () => undefined);
    let updates = 0;
    const complete = async () => {
      updates++;
      return true;
    };
    const loading = first.need();
    expect(first.pending).to.equal(loading);
    expect(await updateCompleteWith(complete, [first])).to.equal(true);
    expect(first.value).to.equal('view');
    expect(updates, 'its own update, then the one the view brought').to.equal(2);

    const second = new LazyView(host() as unknown as ReactiveElement, code, (m) => m.make(), () => undefined);
    expect(second.need()).to.equal(undefined);
    expect(second.value).to.equal('view');
  });
});
