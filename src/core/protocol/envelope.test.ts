import { expect } from '@open-wc/testing';
import { ErrorCode } from '../errors.js';
import { decodeEnvelope, encodeEnvelope } from './envelope.js';

describe('protocol envelope codec', () => {
  it('round-trips every field of a message', () => {
    const raw = encodeEnvelope('gift', { giftId: 'rose', count: 20, comboId: 'c1', comboTotal: 40, to: 'anchor_1' });
    const decoded = decodeEnvelope(raw);
    expect(decoded.ok).to.be.true;
    if (decoded.ok) expect(decoded.message).to.deep.equal({ kind: 'gift', data: { giftId: 'rose', count: 20, comboId: 'c1', comboTotal: 40, to: 'anchor_1' } });
  });

  it('refuses to encode a payload that breaks its schema', () => {
    expect(() => encodeEnvelope('like', { count: 0 })).to.throw().with.property('code', ErrorCode.MALFORMED_MESSAGE);
  });

  const malformed: Array<[string, unknown]> = [
    ['not a string', 42],
    ['not JSON', '{oops'],
    ['an array', '[]'],
    ['no version', JSON.stringify({ kind: 'like', data: { count: 1 } })],
    ['a future version', JSON.stringify({ le: 2, kind: 'like', data: { count: 1 } })],
    ['an unknown kind', JSON.stringify({ le: 1, kind: 'explode', data: {} })],
    ['a prototype kind', JSON.stringify({ le: 1, kind: '__proto__', data: {} })],
    ['missing data', JSON.stringify({ le: 1, kind: 'like' })],
    ['a missing field', JSON.stringify({ le: 1, kind: 'gift', data: { giftId: 'rose' } })],
    ['a wrong type', JSON.stringify({ le: 1, kind: 'like', data: { count: '5' } })],
    ['a count out of range', JSON.stringify({ le: 1, kind: 'like', data: { count: 1e9 } })],
    ['a fractional count', JSON.stringify({ le: 1, kind: 'like', data: { count: 1.5 } })],
    ['an unknown field', JSON.stringify({ le: 1, kind: 'like', data: { count: 1, html: '<b>' } })],
    ['an extra top-level field', JSON.stringify({ le: 1, kind: 'like', data: { count: 1 }, x: 1 })],
    ['a bad enum', JSON.stringify({ le: 1, kind: 'room-status', data: { status: 'exploding' } })],
    ['an oversized string', JSON.stringify({ le: 1, kind: 'custom', data: { cmd: 'x', message: 'y'.repeat(5000) } })],
    ['a huge frame', 'x'.repeat(20000)],
  ];
  for (const [what, raw] of malformed) {
    it(`rejects ${what} with MALFORMED_MESSAGE`, () => {
      const decoded = decodeEnvelope(raw);
      expect(decoded.ok).to.be.false;
      if (!decoded.ok) expect(decoded.error.code).to.equal(ErrorCode.MALFORMED_MESSAGE);
    });
  }
});
