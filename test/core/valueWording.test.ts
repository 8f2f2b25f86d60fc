// How values are written back: the one thousands-grouping every writer of a figure
// uses (a fact's value in a message, a replacement figure, a computed figure, a
// value looked for in a fact's quote).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { groupThousands, withThousandsCommas } from '../../src/core/stats/valueWording';

describe('withThousandsCommas', () => {
  test('groups the whole part by threes and leaves the fraction alone', () => {
    assert.equal(withThousandsCommas('1234567'), '1,234,567');
    assert.equal(withThousandsCommas('1234567.2345'), '1,234,567.2345');
    assert.equal(withThousandsCommas('898000'), '898,000');
    assert.equal(withThousandsCommas('999'), '999');
    assert.equal(withThousandsCommas('1000.5'), '1,000.5');
    assert.equal(withThousandsCommas('0.12345'), '0.12345');
    assert.equal(withThousandsCommas('-1234'), '-1,234');
  });
});

describe('groupThousands', () => {
  test('writes a value with en-US grouping and at most six decimals', () => {
    assert.equal(groupThousands(1190000000), '1,190,000,000');
    assert.equal(groupThousands(37.4), '37.4');
    assert.equal(groupThousands(2100.1234567), '2,100.123457');
    assert.equal(groupThousands(1e21), '1e+21');
  });
});
