// Pandoc's in-text citations: "As @kotra-2016 shows, …" cites kotra-2016 when that is a
// known source; an unknown @name (a handle, a person) is not a citation and raises nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBriefing } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile } from '../../src/core/facts/parseFactFile';
import { IncrementalChecker } from '../../src/core/incremental/incrementalChecker';

const FACTS = FactIndex.from([
  parseFactFile(
    JSON.stringify({
      sources: { 'kotra-2016': { title: 'North Korean foreign trade, 2016' } },
      facts: [
        {
          id: 'cn-share',
          statement: "China's share of North Korea's trade in 2016",
          value: 89.1,
          unit: 'percent',
          source: 'kotra-2016',
          quote: 'China made up 89.1 percent of the trade.',
        },
      ],
    }),
    'k.facts.json',
  ),
]);

const codes = (text: string) =>
  checkBriefing(text, FACTS)
    .findings.map((f) => f.code)
    .sort();

describe('in-text @key citations', () => {
  test('a known key in running text cites its source: the figure is checked against it', () => {
    assert.deepEqual(codes("As @kotra-2016 shows, China took 89.1 per cent of North Korea's trade in 2016.\n"), []);
    assert.deepEqual(codes("As @kotra-2016 shows, China took 95 per cent of North Korea's trade in 2016.\n"), ['stat.mismatch']);
  });

  test('an unknown @name is no citation and no unknown source: the figure stays uncited', () => {
    assert.deepEqual(codes('Follow @tradewatch: exports fell 46 per cent.\n'), ['stat.uncited']);
  });

  test('e-mail addresses, code and URLs are not citations', () => {
    assert.deepEqual(codes('Write to desk@kotra-2016.example: exports fell 46 per cent.\n'), ['stat.uncited']);
    assert.deepEqual(codes('Run `cite @kotra-2016` and exports fell 46 per cent.\n'), ['stat.uncited']);
    // A bare URL is a link to an unknown page (cited, not checked): not a citation of kotra-2016, or 95 would be wrong.
    assert.deepEqual(codes("See https://example.org/@kotra-2016 where China took 95 per cent of North Korea's trade in 2016.\n"), []);
  });

  test('checked incrementally as from scratch when the key is typed in', () => {
    const checker = new IncrementalChecker();
    const before = "China took 89.1 per cent of North Korea's trade in 2016.\n";
    assert.deepEqual(
      checker.check(before, FACTS, {}).findings.map((f) => f.code),
      ['stat.uncited'],
    );
    const after = "As @kotra-2016 shows, China took 89.1 per cent of North Korea's trade in 2016.\n";
    assert.deepEqual(
      checker.check(after, FACTS, {}).findings.map((f) => f.code),
      [],
    );
    assert.deepEqual(
      checker.check(before, FACTS, {}).findings.map((f) => f.code),
      ['stat.uncited'],
    );
  });
});
