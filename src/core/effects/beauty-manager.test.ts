import { expect } from '@open-wc/testing';
import type { MediaProcessor } from '../engines/types.js';
import { ErrorCode } from '../errors.js';
import { DEFAULT_BEAUTY_SETTINGS, LocalBeautyManager, type VideoProcessorHost } from './beauty-manager.js';
import { applyLook, lutCell, lutPixels, LUT_SIZE } from './luts.js';
import { codeOf } from '../../testing/rejection.js';

class FakeHost implements VideoProcessorHost {
  calls: Array<MediaProcessor | null> = [];
  async setVideoProcessor(processor: MediaProcessor | null): Promise<void> {
    this.calls.push(processor);
  }
}

const BAD_LEVELS: unknown[] = [-1, 10, 1.5, NaN, Infinity, '3', null, undefined, {}];

describe('LocalBeautyManager: argument validation', () => {
  const setters = ['setBeautyLevel', 'setWhitenessLevel', 'setRuddyLevel', 'setSharpnessLevel'] as const;

  for (const setter of setters) {
    it(`${setter} rejects levels outside 0–9 with INVALID_ARGUMENT and changes nothing`, async () => {
      const host = new FakeHost();
      const manager = new LocalBeautyManager(host);
      let changes = 0;
      manager.on('change', () => changes++);
      for (const bad of BAD_LEVELS) {
        expect(await codeOf(manager[setter](bad as number)), `${setter}(${String(bad)})`).to.equal(ErrorCode.INVALID_ARGUMENT);
      }
      expect(manager.getSettings()).to.deep.equal(DEFAULT_BEAUTY_SETTINGS);
      expect(host.calls).to.deep.equal([]);
      expect(changes).to.equal(0);
      expect(manager.active).to.be.false;
      manager.dispose();
    });
  }

  it('keeps earlier valid settings when a later call is invalid', async () => {
    const host = new FakeHost();
    const manager = new LocalBeautyManager(host);
    await manager.setWhitenessLevel(4);
    const before = manager.getSettings();
    expect(await codeOf(manager.setWhitenessLevel(12))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.setBeautyStyle(3 as 0))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.setFilterStrength(1.5))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.setFilterStrength(-0.01))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.setFilterStrength(NaN))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(manager.getSettings()).to.deep.equal(before);
    expect(host.calls).to.have.length(1);
    manager.dispose();
  });

  it('rejects unknown filter names and LUT images that are not 512×512', async () => {
    const manager = new LocalBeautyManager(new FakeHost());
    await manager.setFilter('warm');
    expect(await codeOf(manager.setFilter('sepia' as 'warm'))).to.equal(ErrorCode.INVALID_ARGUMENT);
    const small = document.createElement('canvas');
    small.width = 256;
    small.height = 256;
    expect(await codeOf(manager.setFilter(small))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(await codeOf(manager.setFilter(42 as unknown as 'none'))).to.equal(ErrorCode.INVALID_ARGUMENT);
    expect(manager.getSettings().filter).to.equal('warm');
    const lut = document.createElement('canvas');
    lut.width = LUT_SIZE;
    lut.height = LUT_SIZE;
    await manager.setFilter(lut);
    expect(manager.getSettings().filter).to.equal('custom');
    manager.dispose();
  });

  it('rejects after dispose with INVALID_STATE', async () => {
    const manager = new LocalBeautyManager(new FakeHost());
    manager.dispose();
    expect(await codeOf(manager.setBeautyLevel(1))).to.equal(ErrorCode.INVALID_STATE);
  });

  it('without a processing stage, turning an effect on is ENGINE_UNAVAILABLE (0 stays allowed)', async () => {
    const manager = new LocalBeautyManager(undefined);
    expect(await codeOf(manager.setBeautyLevel(3))).to.equal(ErrorCode.ENGINE_UNAVAILABLE);
    expect(manager.getSettings().beauty).to.equal(0);
    await manager.setBeautyLevel(0);
    await manager.setBeautyStyle(2);
    expect(manager.getSettings().style).to.equal(2);
  });
});

describe('LocalBeautyManager: the stage comes and goes with the levels', () => {
  it('inserts the stage for the first effect and removes it when all are 0', async () => {
    const host = new FakeHost();
    const manager = new LocalBeautyManager(host);
    const active: boolean[] = [];
    manager.on('active', (e) => active.push(e.active));
    await manager.setBeautyStyle(1);
    expect(host.calls, 'the style alone changes no pixel').to.deep.equal([]);
    await manager.setWhitenessLevel(5);
    await manager.setBeautyLevel(3);
    expect(host.calls).to.have.length(1);
    expect(host.calls[0]).to.not.equal(null);
    await manager.setWhitenessLevel(0);
    expect(host.calls).to.have.length(1);
    await manager.setBeautyLevel(0);
    expect(host.calls).to.have.length(2);
    expect(host.calls[1]).to.equal(null);
    expect(active).to.deep.equal([true, false]);
    expect(manager.active).to.be.false;
    manager.dispose();
  });

  it('a filter counts only with a strength above 0; reset() removes the stage', async () => {
    const host = new FakeHost();
    const manager = new LocalBeautyManager(host);
    await manager.setFilterStrength(0);
    await manager.setFilter('mono');
    expect(host.calls).to.deep.equal([]);
    await manager.setFilterStrength(0.7);
    expect(manager.active).to.be.true;
    await manager.reset();
    expect(manager.active).to.be.false;
    expect(manager.getSettings()).to.deep.equal(DEFAULT_BEAUTY_SETTINGS);
    expect(host.calls.map((c) => c !== null)).to.deep.equal([true, false]);
    manager.dispose();
  });
});

describe('LUTs', () => {
  it('the identity LUT maps colours to themselves (within a cube step)', () => {
    const pixels = lutPixels('identity');
    expect(pixels.length).to.equal(LUT_SIZE * LUT_SIZE * 4);
    for (const [r, g, b] of [
      [0, 0, 0],
      [255, 255, 255],
      [200, 120, 40],
      [17, 250, 99],
    ]) {
      const { x, y } = lutCell(r, g, b);
      const i = (y * LUT_SIZE + x) * 4;
      expect(Math.abs(pixels[i] - r)).to.be.at.most(3);
      expect(Math.abs(pixels[i + 1] - g)).to.be.at.most(3);
      expect(Math.abs(pixels[i + 2] - b)).to.be.at.most(3);
    }
  });

  it('the built-in looks do what their names say', () => {
    const [wr, , wb] = applyLook('warm', 128, 128, 128);
    expect(wr).to.be.greaterThan(wb);
    const [cr, , cb] = applyLook('cool', 128, 128, 128);
    expect(cb).to.be.greaterThan(cr);
    const [mr, mg, mb] = applyLook('mono', 200, 50, 50);
    expect(mr).to.equal(mg);
    expect(mg).to.equal(mb);
  });
});
