import { expect } from '@open-wc/testing';
import { ErrorCode, LiveError } from './errors.js';
import { assertNonEmptyText, assertRoomId, assertUserId, byteLength, groupIdForRoom, isValidRoomId, numericRoom, parseNumericRoomId, roomKey, stringRoom } from './validation.js';

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(LiveError);
    return (error as LiveError).code;
  }
  return undefined;
}

describe('validation', () => {
  it('accepts user IDs of letters, digits, - and _ up to 32 bytes', () => {
    expect(assertUserId('denny_123-x')).to.equal('denny_123-x');
    expect(assertUserId('a'.repeat(32))).to.have.length(32);
  });

  it('rejects bad user IDs with INVALID_USER_ID', () => {
    for (const bad of ['', 'a'.repeat(33), 'has space', 'é', '<script>', 42, null, undefined]) {
      expect(codeOf(() => assertUserId(bad)), String(bad)).to.equal(ErrorCode.INVALID_USER_ID);
    }
  });

  it('numeric room IDs are integers 1–4294967295', () => {
    expect(isValidRoomId(numericRoom(1))).to.be.true;
    expect(isValidRoomId(numericRoom(4294967295))).to.be.true;
    for (const bad of [0, -1, 4294967296, 1.5, NaN]) expect(isValidRoomId(numericRoom(bad)), String(bad)).to.be.false;
    expect(codeOf(() => assertRoomId(numericRoom(0)))).to.equal(ErrorCode.INVALID_ROOM_ID);
    expect(parseNumericRoomId('123')).to.deep.equal(numericRoom(123));
    expect(codeOf(() => parseNumericRoomId('12a'))).to.equal(ErrorCode.INVALID_ROOM_ID);
  });

  it('string room IDs are 1–64 bytes and never the same room as a numeric one', () => {
    expect(isValidRoomId(stringRoom('abc-123'))).to.be.true;
    expect(isValidRoomId(stringRoom(''))).to.be.false;
    expect(isValidRoomId(stringRoom('x'.repeat(65)))).to.be.false;
    expect(roomKey(numericRoom(123))).to.not.equal(roomKey(stringRoom('123')));
    expect(groupIdForRoom(numericRoom(123))).to.not.equal(groupIdForRoom(stringRoom('123')));
    expect(isValidRoomId({ kind: 'other', id: 1 })).to.be.false;
  });

  it('maps every string room to a valid, distinct chat group ID', () => {
    const ids = ['abc', 'with space', 'a!#$%&()+;<=>?[]^{}|~,', 'x'.repeat(64), 'x'.repeat(63)];
    const groups = ids.map((id) => groupIdForRoom(stringRoom(id)));
    expect(new Set(groups).size).to.equal(ids.length);
    for (const g of groups) expect(g).to.match(/^[A-Za-z0-9_.:@-]{1,48}$/);
    expect(groupIdForRoom(stringRoom('abc'))).to.equal('str_abc');
  });

  it('text limits count bytes, not characters', () => {
    expect(byteLength('直播')).to.equal(6);
    expect(codeOf(() => assertNonEmptyText('直'.repeat(101), 300))).to.equal(ErrorCode.TEXT_TOO_LONG);
    expect(codeOf(() => assertNonEmptyText('   ', 300))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(assertNonEmptyText('直'.repeat(100), 300)).to.have.length(100);
  });
});
