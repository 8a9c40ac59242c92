import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OffsetList } from '../../src/domain/profileXml/offsetList';

describe('OffsetList', () => {
  it('gives back every offset appended, in order, at each size around the points where it grows', () => {
    for (const count of [0, 1, 255, 256, 257, 511, 512, 513, 70_000]) {
      const list = new OffsetList();
      const offsets = Array.from({ length: count }, (_, i) => 7 * i + (i % 3));
      for (const offset of offsets) list.push(offset);
      const array = list.toArray();
      assert.ok(array instanceof Int32Array);
      assert.deepEqual([...array], offsets, `${count} offsets`);
    }
  });

  it('holds offsets as large as a V8 string is long (under 2^30 characters), exactly', () => {
    const list = new OffsetList();
    for (const offset of [2 ** 30 - 1, 2 ** 29 + 1, 65_537]) list.push(offset);
    assert.deepEqual([...list.toArray()], [2 ** 30 - 1, 2 ** 29 + 1, 65_537]);
  });
});
