import { expect } from '@open-wc/testing';
import { keepUnlessRejected } from './keep.js';

describe('keepUnlessRejected', () => {
  it('makes once and shares the promise; after a rejection the next call makes it again', async () => {
    let made = 0;
    const get = keepUnlessRejected(async () => {
      made++;
      if (made === 1) throw new Error('offline');
      return made;
    });
    const first = get();
    expect(get(), 'callers during the first attempt share it').to.equal(first);
    let error: unknown;
    await first.catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('offline');
    expect(await get()).to.equal(2);
    expect(await get()).to.equal(2);
    expect(made).to.equal(2);
  });
});
