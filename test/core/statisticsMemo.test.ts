// The statistics rule's memo (StatisticsMemo) across versions of one briefing: after each
// edit, a check that reuses what earlier checks found must give exactly what a check from
// scratch gives. Each case is a sequence of versions aimed at one way a reused outcome
// could go stale: text that moves, notes whose definitions change, links, table rows, and
// source text that masking hides.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBriefing } from '../../src/core/analyze/analyzeBriefing';
import { IncrementalAnalyzer } from '../../src/core/incremental/incrementalAnalyzer';
import { resolveNotes } from '../../src/core/notes/resolve';
import type { RuleContext } from '../../src/core/rules/context';
import { StatisticsMemo } from '../../src/core/incremental/statisticsMemo';
import { checkStatistics } from '../../src/core/rules/statistics';
import { prepareStatistics } from '../../src/core/stats/matchStatistic';
import type { BriefingModel } from '../../src/core/model';
import { BORDER_TROOPS, factIndexOf, PORT_LOAN, SOURCES, TRADE_GROWTH } from './factFixtures';

const FACTS = factIndexOf(
  {
    // Here the customs source's title has no quarter.
    sources: { ...SOURCES, customs: { ...SOURCES.customs, title: 'China trade statistics' } },
    facts: [
      TRADE_GROWTH,
      {
        id: 'trade-fall',
        statement: 'Trade with Russia, fall in 2017',
        value: 12,
        unit: 'percent',
        source: 'bank',
        quote: 'Trade fell 12 percent.',
        keywords: ['trade'],
      },
      {
        id: 'coal-share',
        statement: 'Coal share of exports',
        value: 40,
        unit: 'percent',
        source: 'customs',
        quote: 'Coal was 40 percent.',
        keywords: ['coal'],
      },
      BORDER_TROOPS,
      PORT_LOAN,
    ],
  },
  'memo.facts.json',
);

function statistics(model: BriefingModel, memo?: StatisticsMemo) {
  const context: RuleContext = { model, notes: resolveNotes(model), facts: FACTS, matches: [], lineOf: () => 1 };
  const findings = checkStatistics(context, memo).map((f) => ({
    code: f.code,
    message: f.message,
    span: f.span,
    factId: f.factId,
    fixes: typeof f.fixes,
  }));
  const matches = context.matches.map((m) => ({ status: m.status, fact: m.fact?.fact.id, sources: m.sources }));
  return { findings, matches };
}

/** Checks each version with one memo (and one incremental analyzer) and from scratch; they must agree. */
function agree(versions: string[]): void {
  const analyzer = new IncrementalAnalyzer();
  const memo = new StatisticsMemo();
  // Twice through, so that versions are also met again after others.
  for (const text of [...versions, ...versions]) {
    assert.deepEqual(statistics(analyzer.update(text), memo), statistics(analyzeBriefing(text)), text);
  }
}

const NOTES = `# Trade

Trade grew 37.4% in the first quarter.[^1] Coal made up 40% of exports.[^2]

Some 3,200 troops were at the border.[^3] The port took a $2.4 billion loan.[^4]

Trade with Russia fell 12% [bank report](https://www.example.org/customs/2017q1/).

## Notes

[^1]: @customs, table 4.
[^2]: @customs.
[^3]: @defence.
[^4]: @bank.
`;

describe('StatisticsMemo', () => {
  test('text moved by an edit above it', () => {
    agree([NOTES, NOTES.replace('# Trade', '# Trade and coal'), NOTES.replace('# Trade', '# T'), `Intro.\n\n${NOTES}`]);
  });

  test('a note definition that comes to name another source, or the same one otherwise', () => {
    agree([
      NOTES,
      NOTES.replace('[^1]: @customs, table 4.', '[^1]: @bank.'),
      NOTES.replace('[^1]: @customs, table 4.', '[^1]: China trade statistics, <https://www.example.org/customs/2017q1/>.'),
      NOTES.replace('[^1]: @customs, table 4.', '[^1]: A newspaper.'),
      NOTES.replace('[^2]: @customs.', '[^2]: @customs, @bank.'),
      NOTES.replace('[^4]: @bank.\n', ''),
      // An edit above moves the references, the definitions change too.
      `Intro.\n\n${NOTES.replace('[^3]: @defence.', '[^3]: @bank.')}`,
    ]);
  });

  test('references renumbered and links changed', () => {
    agree([
      NOTES,
      NOTES.replace('in the first quarter.[^1]', 'in the first quarter.[^2]'),
      NOTES.replace('(https://www.example.org/customs/2017q1/)', '(https://defence.example.gov/white-paper)'),
      NOTES.replace('(https://www.example.org/customs/2017q1/)', '(https://unknown.example.net/)'),
      NOTES.replace(' [bank report](https://www.example.org/customs/2017q1/)', ' [@bank]'),
      NOTES.replace(' [bank report](https://www.example.org/customs/2017q1/)', ' [@bank; @nobody]'),
    ]);
  });

  test('table cells read their row, their header and the caption', () => {
    const table = `Table 1: trade

| Item | Share | Source |
| --- | ---: | --- |
| Trade growth | 37.4% | [^1] |
| Coal | 40% | |
| Troops | 3,200 troops | [^3] |

[^1]: @customs.
[^3]: @defence.
`;
    agree([
      table,
      table.replace('| Coal | 40% | |', '| Coal | 40% | [^1] |'),
      table.replace('| Item | Share | Source |', '| Item | Share [^1] | Source |'),
      table.replace('Table 1: trade', 'Table 1: trade [^3]'),
      table.replace('| Trade growth |', '| Coal exports |'),
      `Intro.\n\n${table}`,
    ]);
    // The caption is analysed apart from the table: an edit to it that keeps its length
    // leaves the table's objects as they were, but not what its cells cite.
    const captioned = table.replace('Table 1: trade', 'Table 1: trade [^1]');
    agree([
      captioned,
      captioned.replace('trade [^1]', 'trade [^3]'),
      captioned.replace('trade [^1]', 'trade [^9]'),
      captioned.replace('trade [^1]', 'trade    '),
    ]);
    const inline = table.replace('Table 1: trade', 'Table 1: trade [@bank]');
    agree([inline, inline.replace('[@bank]', ' @bank '), inline.replace('[@bank]', '[@nope]'), inline.replace('[@bank]', '[@Bank]')]);
  });

  test('source text that masking blanks, inside a quoted figure', () => {
    const text = 'Trade grew *37.4%* in the quarter. Coal made up 41 per\ncent of exports.\n';
    agree([
      text,
      text.replace('*37.4%*', '_37.4%_'),
      text.replace('per\ncent', 'per cent'),
      `> ${text}`,
      text.replace('*37.4%*', '**37.4%**'),
    ]);
    // The same masked text, and a message that quotes the comment.
    const comment = 'Intro.\n\nCoal made up 41 <!--x-->per cent of exports. Trade grew 37.4%.\n';
    agree([comment, comment.replace('<!--x-->', '<!--y-->'), comment.replace('Intro.', 'Intro 2.').replace('<!--x-->', '<!--z-->')]);
  });

  test('prepared facts give the same findings', () => {
    const facts = factIndexOf({ sources: {}, facts: [] }, 'empty.facts.json');
    prepareStatistics(facts);
    prepareStatistics(FACTS);
    agree([NOTES]);
  });
});
