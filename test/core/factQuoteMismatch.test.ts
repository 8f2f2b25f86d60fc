// facts.quoteMismatch: a fact whose value none of its quote's figures (in its unit,
// allowing for their rounding and hedges) can explain; reported at the value, with a fix
// when the quote has exactly one figure in the unit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseFactFile } from '../../src/core/facts/parseFactFile';
import { parseFactSource } from '../../src/core/facts/parseFactSource';
import { applyEdits } from '../../src/core/fixes/applyEdits';

function file(value: number, unit: string, quote: string): string {
  return JSON.stringify(
    { sources: { s: { title: 'S' } }, facts: [{ id: 'f', statement: 'A figure', value, unit, source: 's', quote }] },
    null,
    2,
  );
}

function mismatches(text: string, path = 'x.facts.json') {
  return parseFactSource(path, text).findings.filter((f) => f.code === 'facts.quoteMismatch');
}

/** [value, unit, quote, the message's "quote says" part, the value the fix writes] — null: no finding. */
const CASES: [number, string, string, [string, number | undefined] | null][] = [
  // Percentages written three ways.
  [16, 'percent', 'Prices rose 16 percent.', null],
  [19, 'percent', 'Prices rose 16 percent.', ['Quote says 16 percent; value is 19', 16]],
  [19, 'percent', 'Prices rose 16%.', ['Quote says 16%; value is 19', 16]],
  [19, 'percent', 'Prices rose 16 per cent.', ['Quote says 16 per cent; value is 19', 16]],
  // Rounding and hedges in the quote are allowed.
  [16.4, 'percent', 'Prices rose 16 percent.', null],
  [16, 'percent', 'Prices rose 16.4 percent.', ['Quote says 16.4 percent; value is 16', 16.4]],
  [4, 'percent', 'Prices rose 4.0 percent.', null],
  [16.6, 'percent', 'Prices rose 16 percent.', ['Quote says 16 percent; value is 16.6', 16]],
  [15.5, 'percent', 'Prices rose about 16 percent.', null],
  [14, 'percent', 'Prices rose about 16 percent.', ['Quote says about 16 percent; value is 14', undefined]],
  // A fall written without its sign.
  [-16, 'percent', 'Prices fell 16 percent.', null],
  // Scales and currency symbols.
  [2100000000, 'USD', 'Exports were worth $2.1 billion.', null],
  [2100000000, 'USD', 'Exports were worth US$2.1bn.', null],
  [2400000000, 'USD', 'Exports were worth $2.1 billion.', ['Quote says $2.1 billion; value is 2400000000', 2100000000]],
  [2100000, 'USD', 'Exports were worth $2.1 billion.', ['Quote says $2.1 billion; value is 2100000', 2100000000]],
  [11600000000, 'GBP', 'Spending reached £11.6bn.', null],
  [1160000000, 'GBP', 'Spending reached £11.6bn.', ['Quote says £11.6bn; value is 1160000000', 11600000000]],
  [3000, 'troops', 'Some 3,000 troops were sent.', null],
  [30000, 'troops', 'Exactly 3,000 troops were sent.', ['Quote says 3,000 troops; value is 30000', 3000]],
  // Several figures in the unit: any may be the one; none fits, no fix.
  [0.5, 'percent', 'Growth is projected to rise from 0.1 percent in 2023 to 0.5 percent in 2024.', null],
  [0.1, 'percent', 'Growth is projected to rise from 0.1 percent in 2023 to 0.5 percent in 2024.', null],
  [
    0.3,
    'percent',
    'Growth is projected to rise from 0.1 percent in 2023 to 0.5 percent in 2024.',
    ['Quote says 0.1 percent and 0.5 percent; value is 0.3', undefined],
  ],
  // No figure in the unit: a number in words, a table reference, another unit.
  [16, 'percent', 'Prices rose by sixteen percent.', null],
  [16, 'percent', 'See table 4 for the rise in prices.', null],
  [16, 'percent', 'Exports were worth $2.1 billion.', null],
  [2023, 'percent', 'In 2023 the rate was high.', null],
];

describe('facts.quoteMismatch', () => {
  for (const [value, unit, quote, expected] of CASES) {
    test(`${value} ${unit}: ${quote}`, () => {
      const text = file(value, unit, quote);
      const found = mismatches(text);
      if (!expected) {
        assert.deepEqual(
          found.map((f) => f.message),
          [],
        );
        return;
      }
      assert.equal(found.length, 1);
      const [f] = found;
      assert.ok(f!.message.startsWith(expected[0]), f!.message);
      assert.equal(f!.severity, 'warning');
      assert.equal(f!.factId, 'f');
      assert.equal(text.slice(f!.span.start, f!.span.end), String(value), 'the finding covers the value');
      const fix = f!.fixes?.[0];
      if (expected[1] === undefined) {
        assert.equal(fix, undefined);
        return;
      }
      const after = applyEdits(text, fix!.edits);
      assert.equal(JSON.parse(after).facts[0].value, expected[1]);
      assert.deepEqual(mismatches(after), [], 'the fixed value agrees with its quote');
    });
  }

  test('YAML: reported at the value too', () => {
    const yaml =
      'sources:\n  s:\n    title: S\nfacts:\n  - id: f\n    statement: A figure\n    value: 19\n    unit: percent\n    source: s\n    quote: Prices rose 16 percent.\n';
    const [f] = mismatches(yaml, 'x.facts.yaml');
    assert.equal(yaml.slice(f!.span.start, f!.span.end), '19');
    assert.equal(applyEdits(yaml, f!.fixes![0]!.edits).includes('value: 16\n'), true);
  });

  test("the clean example's fact file agrees with its quotes", () => {
    const path = 'examples/north-korea.facts.json';
    assert.deepEqual(
      parseFactFile(readFileSync(path, 'utf8'), path).findings.map((f) => f.message),
      [],
    );
  });
});
