// When a figure may be called wrong: only against a fact clearly about the same quantity.
// A source with several percentage facts (one country's share in two years, another
// country's share, another fuel), and sentences a writer might put beside them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBriefing } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile } from '../../src/core/facts/parseFactFile';
import { figureKind, yearsIn } from '../../src/core/stats/subjectEvidence';
import { placesIn } from '../../src/core/stats/places';

const fact = (id: string, statement: string, value: number, asOf: string, keywords: string[], quote: string) => ({
  id,
  statement,
  value,
  unit: 'percent',
  source: 'gas-report',
  quote,
  asOf,
  keywords,
});

const FACTS = FactIndex.from([
  parseFactFile(
    JSON.stringify({
      sources: { 'gas-report': { title: 'Energy imports of the EU, latest developments' } },
      facts: [
        fact(
          'ru-pipeline-2021',
          "Russia's share of EU pipeline gas imports in 2021",
          40.4,
          '2021-12-31',
          ['Russia', 'pipeline', 'gas'],
          'In 2021 Russia supplied 40.4% of the EU’s pipeline gas imports.',
        ),
        fact(
          'ru-pipeline-2023',
          "Russia's share of EU pipeline gas imports in 2023",
          8.7,
          '2023-12-31',
          ['Russia', 'pipeline', 'gas'],
          "Russia's share of pipeline gas imports fell to 8.7% in 2023.",
        ),
        fact(
          'no-pipeline-2023',
          "Norway's share of EU pipeline gas imports in 2023",
          52.6,
          '2023-12-31',
          ['Norway', 'pipeline', 'gas'],
          'Norway supplied 52.6% of pipeline gas imports in 2023.',
        ),
        fact(
          'us-lng-2023',
          "United States' share of EU LNG imports in 2023",
          46.3,
          '2023-12-31',
          ['LNG', 'United States'],
          'The United States provided 46.3% of LNG imports in 2023, up from 0.1 percent a decade earlier.',
        ),
      ],
    }),
    'gas.facts.json',
  ),
]);

/** The stat.* finding of the one statistic of `sentence`, as [code, factId]. */
function judged(sentence: string): [string, string | undefined] | undefined {
  const findings = checkBriefing(`${sentence}[^1]\n\n[^1]: @gas-report.\n`, FACTS).findings.filter((f) => f.code.startsWith('stat.'));
  assert.ok(findings.length <= 1, JSON.stringify(findings));
  return findings[0] ? [findings[0].code, findings[0].factId] : undefined;
}

describe('stat.mismatch only on the same subject', () => {
  test('a change is not a share, and another year rules a fact out: unsupported, with no replacement figure', () => {
    assert.deepEqual(judged('Russian LNG imports rose by 11% in 2023.'), ['stat.unsupported', undefined]);
    const finding = checkBriefing('Russian LNG imports rose by 11% in 2023.[^1]\n\n[^1]: @gas-report.\n', FACTS).findings[0]!;
    assert.ok(!(finding.fixes ?? []).some((f) => /^Change to/.test(f.title)), 'no fix writes a figure');
    assert.match(finding.message, /gas-report records no figure for this/);
  });

  test('a real slip is a mismatch against the fact of the same year and country, which the message and fix name', () => {
    assert.deepEqual(judged("Russia's share of the bloc's pipeline gas imports fell to 9.7 per cent in 2023."), [
      'stat.mismatch',
      'ru-pipeline-2023',
    ]);
    const [finding] = checkBriefing(
      "Russia's share of the bloc's pipeline gas imports fell to 9.7 per cent in 2023.[^1]\n\n[^1]: @gas-report.\n",
      FACTS,
    ).findings;
    assert.match(finding!.message, /gas-report says 8\.7 percent — Russia's share of EU pipeline gas imports in 2023/);
    assert.equal(finding!.fixes![0]!.title, "Change to 8.7 — Russia's share of EU pipeline gas imports in 2023 (gas-report)");
    assert.equal(finding!.fixes![0]!.preferred, true);
  });

  test('another country named in the sentence rules out a fact about Russia', () => {
    assert.deepEqual(judged('In 2021 Norway still supplied 45% of the EU’s pipeline gas imports.'), ['stat.unsupported', undefined]);
  });

  test('another year rules out an otherwise identical fact', () => {
    assert.deepEqual(judged("Russia's share of EU pipeline gas imports was 12% in 2022."), ['stat.unsupported', undefined]);
  });

  test('a sentence sharing only a word or two with the facts is unsupported', () => {
    assert.deepEqual(judged('Gas storage was 95% full by November.'), ['stat.unsupported', undefined]);
  });

  test("a figure a fact's quote states is supported, although the fact records another", () => {
    assert.equal(judged('A decade earlier the US share of LNG imports was 0.1 per cent.'), undefined);
  });

  test('a right figure stays right', () => {
    assert.equal(judged("Norway's share of EU pipeline gas imports reached 52.6% in 2023."), undefined);
    assert.deepEqual(judged('The United States now provides 47.3% of EU LNG imports.'), ['stat.mismatch', 'us-lng-2023']);
  });
});

describe('pieces of the evidence', () => {
  test('years, spans of years and none in other numbers', () => {
    assert.deepEqual([...yearsIn('in 2023, up from 2019')].sort(), [2019, 2023]);
    assert.deepEqual([...yearsIn('the 2022-23 budget')].sort(), [2022, 2023]);
    assert.deepEqual([...yearsIn('2,019 workers and $2023 and 20231')], []);
  });

  test('places by their names, demonyms and capitals, case-sensitively', () => {
    assert.deepEqual([...placesIn('Russian gas to Beijing via the U.S. and North Korea').keys()].sort(), [
      'china',
      'north-korea',
      'russia',
      'united-states',
    ]);
    assert.deepEqual([...placesIn('the china cabinet, a turkey dinner and us').keys()], []);
  });

  test('a change or a level, from the words around the figure', () => {
    assert.equal(figureKind('imports rose by ', ' in 2023'), 'change');
    assert.equal(figureKind('imports rose ', ''), 'change');
    assert.equal(figureKind('an ', ' rise in imports'), 'change');
    assert.equal(figureKind('an increase of ', ''), 'change');
    assert.equal(figureKind('trade was up ', ''), 'change');
    assert.equal(figureKind('the share fell to ', ''), 'level');
    assert.equal(figureKind('coal makes up ', ' of exports'), 'level');
    assert.equal(figureKind('China buys ', ' of the coal'), 'level');
    assert.equal(figureKind('', ''), undefined);
  });
});
