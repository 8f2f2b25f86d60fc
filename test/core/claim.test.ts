// claimedInterval (what a written figure and its hedge claim, docs/statistics.md, "Hedges and rounding") and
// claimAdmits (whether a sourced value lies in that claim), at their edges: which ends
// are included, decimal values that binary floating point cannot hold exactly, negative
// figures, scales, ranges.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { claimAdmits, claimedInterval, type ClaimInput } from '../../src/core/stats/claim';
import type { HedgeKind } from '../../src/core/stats/vocabulary';

function input(value: number, decimals: number, hedgeKind?: HedgeKind, scale = 1): ClaimInput {
  return { value, value2: undefined, decimals, decimals2: 0, scale, hedgeKind };
}

function range(value: number, decimals: number, value2: number, decimals2: number, scale = 1, scale2?: number): ClaimInput {
  return { value, value2, decimals, decimals2, scale, scale2, hedgeKind: undefined };
}

function shown(claim: { low: number; high: number; lowInclusive: boolean; highInclusive: boolean }): string {
  return `${claim.lowInclusive ? '[' : '('}${claim.low}, ${claim.high}${claim.highInclusive ? ']' : ')'}`;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(Math.abs(b), 1) * 1e-12;
}

/** [what is written, its input, the interval it claims]. */
const INTERVALS: [string, ClaimInput, string][] = [
  // A bare figure claims its rounding.
  ['90', input(90, 0), '[89.5, 90.5]'],
  ['37.4', input(37.4, 1), '[37.35, 37.45]'],
  ['99.8', input(99.8, 1), '[99.75, 99.85]'],
  ['0.23', input(0.23, 2), '[0.225, 0.235]'],
  ['7.0', input(7, 1), '[6.95, 7.05]'],
  ['3,000', input(3000, 0), '[2999.5, 3000.5]'],
  ['-1.3', input(-1.3, 1), '[-1.35, -1.25]'],
  ['-5', input(-5, 0), '[-5.5, -4.5]'],
  ['$2.1 billion', input(2.1e9, 1, undefined, 1e9), '[2.05e9, 2.15e9]'],
  ['£3 million', input(3e6, 0, undefined, 1e6), '[2.5e6, 3.5e6]'],
  ['1.2 million', input(1.2e6, 1, undefined, 1e6), '[1.15e6, 1.25e6]'],
  ['$5k', input(5000, 0, undefined, 1e3), '[4500, 5500]'],
  ['63p', input(0.63, 0, undefined, 0.01), '[0.625, 0.635]'],
  ['50 basis points', input(0.5, 0, undefined, 0.01), '[0.495, 0.505]'],
  ['€1.25tn', input(1.25e12, 2, undefined, 1e12), '[1.245e12, 1.255e12]'],
  // almost / nearly / just under X: [0.95X, X].
  ['almost 90', input(90, 0, 'below'), '[85.5, 90]'],
  ['nearly 20 million', input(20e6, 0, 'below', 1e6), '[19e6, 20e6]'],
  ['just under 50', input(50, 0, 'below'), '[47.5, 50]'],
  ['almost -5', input(-5, 0, 'below'), '[-5, -4.75]'],
  ['almost 37.4', input(37.4, 1, 'below'), '[35.53, 37.4]'],
  // over / more than / just over X: (X, 1.05X].
  ['over 50', input(50, 0, 'above'), '(50, 52.5]'],
  ['more than $6 billion', input(6e9, 0, 'above', 1e9), '(6e9, 6.3e9]'],
  ['just over 30', input(30, 0, 'above'), '(30, 31.5]'],
  ['more than -5', input(-5, 0, 'above'), '[-5.25, -5)'],
  ['over 0.5', input(0.5, 1, 'above'), '(0.5, 0.525]'],
  // about / around / roughly / some / approximately X: [0.95X, 1.05X].
  ['about 60', input(60, 0, 'around'), '[57, 63]'],
  ['around 27', input(27, 0, 'around'), '[25.65, 28.35]'],
  ['roughly 20', input(20, 0, 'around'), '[19, 21]'],
  ['some 3,000', input(3000, 0, 'around'), '[2850, 3150]'],
  ['approximately £30bn', input(30e9, 0, 'around', 1e9), '[28.5e9, 31.5e9]'],
  ['about -10', input(-10, 0, 'around'), '[-10.5, -9.5]'],
  // Where the contract (docs/statistics.md) is silent: less than / under X claim [0.95X, X], at least X claims [X, 1.05X].
  ['less than 1', input(1, 0, 'under'), '[0.95, 1]'],
  ['under 5', input(5, 0, 'under'), '[4.75, 5]'],
  ['fewer than -4', input(-4, 0, 'under'), '[-4, -3.8]'],
  ['at least 20', input(20, 0, 'atLeast'), '[20, 21]'],
  ['at least -20', input(-20, 0, 'atLeast'), '[-21, -20]'],
  // Ranges claim from the low end's rounding to the high end's.
  ['20-30', range(20, 0, 30, 0), '[19.5, 30.5]'],
  ['6 and 17', range(6, 0, 17, 0), '[5.5, 17.5]'],
  ['1.5-2.25', range(1.5, 1, 2.25, 2), '[1.45, 2.255]'],
  ['$2-3 billion', range(2e9, 0, 3e9, 0, 1e9), '[1.5e9, 3.5e9]'],
  ['$500 to $1 million', range(500, 0, 1e6, 0, 1, 1e6), '[499.5, 1.5e6]'],
];

/** [claim, value, admitted]: the edges of each kind of claim. */
const ADMITS: [string, ClaimInput, number, boolean][] = [
  // Rounding: both ends are in, however the end is computed in binary.
  ['37.4', input(37.4, 1), 37.35, true],
  ['37.4', input(37.4, 1), 37.45, true],
  ['37.4', input(37.4, 1), 37.4, true],
  ['37.4', input(37.4, 1), 37.3, false],
  ['37.4', input(37.4, 1), 37.46, false],
  ['37.4', input(37.4, 1), 37.349, false],
  ['37.4', input(37.4, 1), 0.1 + 37.35 - 0.1, true],
  ['0.3', input(0.1 + 0.2, 1), 0.35, true],
  ['0.3', input(0.3, 1), 0.25, true],
  ['0.3', input(0.3, 1), 0.2499, false],
  ['90', input(90, 0), 89.5, true],
  ['90', input(90, 0), 90.5, true],
  ['90', input(90, 0), 90.51, false],
  ['46', input(46, 0), 64, false],
  ['-1.3', input(-1.3, 1), -1.35, true],
  ['-1.3', input(-1.3, 1), -1.25, true],
  ['-1.3', input(-1.3, 1), 1.3, false],
  ['$2.1 billion', input(2.1e9, 1, undefined, 1e9), 2.149e9, true],
  ['$2.1 billion', input(2.1e9, 1, undefined, 1e9), 2.16e9, false],
  ['63p', input(0.63, 0, undefined, 0.01), 0.625, true],
  ['63p', input(0.63, 0, undefined, 0.01), 0.64, false],
  // almost X: X itself is in, 0.95X is in, above X is out.
  ['almost 90', input(90, 0, 'below'), 90, true],
  ['almost 90', input(90, 0, 'below'), 85.5, true],
  ['almost 90', input(90, 0, 'below'), 89.7, true],
  ['almost 90', input(90, 0, 'below'), 90.1, false],
  ['almost 90', input(90, 0, 'below'), 85.4, false],
  ['almost -5', input(-5, 0, 'below'), -4.75, true],
  ['almost -5', input(-5, 0, 'below'), -5.01, false],
  // more than X: X itself is out, 1.05X is in.
  ['more than 20', input(20, 0, 'above'), 20, false],
  ['more than 20', input(20, 0, 'above'), 20.0000001, true],
  ['more than 20', input(20, 0, 'above'), 21, true],
  ['more than 20', input(20, 0, 'above'), 21.01, false],
  ['more than 0.7', input(0.7, 1, 'above'), 0.7 * 1.05, true],
  ['more than -5', input(-5, 0, 'above'), -5, false],
  ['more than -5', input(-5, 0, 'above'), -5.25, true],
  ['more than $17 billion', input(17e9, 0, 'above', 1e9), 17e9, false],
  ['more than $17 billion', input(17e9, 0, 'above', 1e9), 17.3e9, true],
  // about X: both 5% ends are in.
  ['about 60', input(60, 0, 'around'), 57, true],
  ['about 60', input(60, 0, 'around'), 63, true],
  ['about 60', input(60, 0, 'around'), 63.01, false],
  ['about 60', input(60, 0, 'around'), 56.99, false],
  ['about 1.1', input(1.1, 1, 'around'), 1.1 * 0.95, true],
  ['about 1.1', input(1.1, 1, 'around'), 1.155, true],
  // less than X: X is in (a threshold), 0.95X is in.
  ['less than 3,000', input(3000, 0, 'under'), 3000, true],
  ['less than 3,000', input(3000, 0, 'under'), 2850, true],
  ['less than 3,000', input(3000, 0, 'under'), 3001, false],
  // at least X: X is in.
  ['at least 20', input(20, 0, 'atLeast'), 20, true],
  ['at least 20', input(20, 0, 'atLeast'), 19.99, false],
  ['at least 20', input(20, 0, 'atLeast'), 21, true],
  // Ranges.
  ['20-30', range(20, 0, 30, 0), 19.5, true],
  ['20-30', range(20, 0, 30, 0), 30.5, true],
  ['20-30', range(20, 0, 30, 0), 25, true],
  ['20-30', range(20, 0, 30, 0), 31, false],
  ['$2-3 billion', range(2e9, 0, 3e9, 0, 1e9), 3.4e9, true],
  ['$2-3 billion', range(2e9, 0, 3e9, 0, 1e9), 1.4e9, false],
];

describe('claimedInterval', () => {
  for (const [written, claimInput, expected] of INTERVALS) {
    test(`${written} claims ${expected}`, () => {
      const claim = claimedInterval(claimInput);
      const m = /^([[(])(.+), (.+)([\])])$/.exec(expected)!;
      const ok =
        close(claim.low, Number(m[2])) &&
        close(claim.high, Number(m[3])) &&
        claim.lowInclusive === (m[1] === '[') &&
        claim.highInclusive === (m[4] === ']');
      assert.ok(ok, `${shown(claim)} ≠ ${expected}`);
      assert.ok(claim.low <= claim.high);
      assert.equal(claim.value, claimInput.value);
      assert.equal(claim.scale, claimInput.scale);
      assert.equal(claim.decimals, claimInput.decimals);
      assert.equal(claim.hedgeKind, claimInput.hedgeKind);
    });
  }
});

describe('claimAdmits', () => {
  for (const [written, claimInput, value, admitted] of ADMITS) {
    test(`${written} ${admitted ? 'admits' : 'rules out'} ${value}`, () => {
      assert.equal(claimAdmits(claimedInterval(claimInput), value), admitted);
    });
  }

  test('the float slack is relative, so it works for trillions and thousandths alike', () => {
    const trillions = { low: 4.15e12, high: 4.25e12, lowInclusive: true, highInclusive: true };
    assert.equal(claimAdmits(trillions, 4.25e12 + 1), true);
    assert.equal(claimAdmits(trillions, 4.2501e12), false);
    const thousandths = { low: 0.0015, high: 0.0025, lowInclusive: false, highInclusive: false };
    assert.equal(claimAdmits(thousandths, 0.0015), false);
    assert.equal(claimAdmits(thousandths, 0.0016), true);
    assert.equal(claimAdmits(thousandths, 0.0025), false);
  });
});
