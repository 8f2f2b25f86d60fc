// fact.superseded and fact.stale: figures that a newer fact replaces, and figures older
// than `briefing.staleAfter`; and supersededBy naming no fact, which is facts.invalid.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBriefing } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile } from '../../src/core/facts/parseFactFile';
import { applyEdits } from '../../src/core/fixes/applyEdits';
import { parseDate, parseStaleAfter } from '../../src/core/rules/fact.stale';

interface FactSpec {
  id: string;
  value: number;
  source: string;
  asOf?: string;
  supersededBy?: string;
  quote?: string;
}

function index(facts: FactSpec[]): FactIndex {
  const json = JSON.stringify({
    sources: {
      'ons-2023': { title: 'Labour market, first estimate', published: '2023-05-16' },
      'ons-2024': { title: 'Labour market, revised', published: '2024-02-13' },
    },
    facts: facts.map((f) => ({
      statement: 'Unemployment rate in the UK',
      unit: 'percent',
      quote: `The unemployment rate was ${f.value}%.`,
      ...f,
    })),
  });
  return FactIndex.from([parseFactFile(json, 'labour.facts.json')]);
}

const REVISED = index([
  { id: 'unemployment-first', value: 3.9, source: 'ons-2023', asOf: '2023-03', supersededBy: 'unemployment-revised' },
  { id: 'unemployment-revised', value: 4.2, source: 'ons-2024', asOf: '2023-03' },
]);

const SAME_SOURCE = index([
  { id: 'unemployment-first', value: 3.9, source: 'ons-2023', supersededBy: 'unemployment-revised' },
  { id: 'unemployment-revised', value: 4.2, source: 'ons-2023' },
]);

const BRIEF = 'Unemployment stood at 3.9% in March.[^1]\n\n[^1]: @ons-2023\n';

function codes(text: string, facts: FactIndex, options = {}) {
  return checkBriefing(text, facts, options).findings;
}

describe('fact.superseded', () => {
  test('a figure only a replaced fact supports: reported with the newer value, source and date', () => {
    const found = codes(BRIEF, REVISED).filter((f) => f.code === 'fact.superseded');
    assert.equal(found.length, 1);
    const [f] = found;
    assert.equal(BRIEF.slice(f!.span.start, f!.span.end), '3.9%');
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.factId, 'unemployment-first');
    assert.equal(
      f!.message,
      '3.9% is from unemployment-first (2023-03), which unemployment-revised replaces: ons-2024 gives 4.2 percent, as of 2023-03.',
    );
  });

  test('the fix writes the newer figure and cites its source, and the check then finds nothing', () => {
    const [f] = codes(BRIEF, REVISED).filter((x) => x.code === 'fact.superseded');
    const fix = f!.fixes![0]!;
    assert.match(fix.title, /^Change to 4\.2, the newer figure \(unemployment-revised\) and cite ons-2024$/);
    const after = applyEdits(BRIEF, fix.edits);
    assert.equal(after, 'Unemployment stood at 4.2% in March.[^1][^2]\n\n[^1]: @ons-2023\n[^2]: @ons-2024.\n');
    assert.deepEqual(
      codes(after, REVISED).map((x) => x.code),
      [],
    );
  });

  test('from the same source, the fix only writes the figure', () => {
    const [f] = codes(BRIEF, SAME_SOURCE).filter((x) => x.code === 'fact.superseded');
    const after = applyEdits(BRIEF, f!.fixes![0]!.edits);
    assert.equal(after, 'Unemployment stood at 4.2% in March.[^1]\n\n[^1]: @ons-2023\n');
    assert.deepEqual(
      codes(after, SAME_SOURCE).map((x) => x.code),
      [],
    );
  });

  test('a figure a current fact also supports is not reported', () => {
    const facts = index([
      { id: 'a', value: 3.9, source: 'ons-2023', supersededBy: 'b' },
      { id: 'b', value: 4.2, source: 'ons-2023' },
      { id: 'c', value: 3.9, source: 'ons-2023', quote: 'Youth unemployment was 3.9%.' },
    ]);
    assert.deepEqual(
      codes(BRIEF, facts).map((x) => x.code),
      [],
    );
  });

  test('a chain of replacements gives the last', () => {
    const facts = index([
      { id: 'a', value: 3.9, source: 'ons-2023', supersededBy: 'b' },
      { id: 'b', value: 4.0, source: 'ons-2023', supersededBy: 'c' },
      { id: 'c', value: 4.2, source: 'ons-2023' },
    ]);
    const [f] = codes(BRIEF, facts).filter((x) => x.code === 'fact.superseded');
    assert.match(f!.message, /which c replaces: ons-2023 gives 4\.2 percent/);
  });

  test('a newer figure that is written is fine; the rule can be turned off', () => {
    assert.deepEqual(
      codes('Unemployment stood at 4.2% in March.[^1]\n\n[^1]: @ons-2024\n', REVISED).map((x) => x.code),
      [],
    );
    assert.deepEqual(
      codes(BRIEF, REVISED, { rules: { 'fact.superseded': 'off' } }).map((x) => x.code),
      [],
    );
  });

  test('supersededBy naming no fact, or the fact itself, is facts.invalid at the fact', () => {
    const text = JSON.stringify(
      {
        sources: { s: { title: 'S' } },
        facts: [
          { id: 'a', statement: 'A', value: 1, unit: 'percent', source: 's', quote: 'q', supersededBy: 'nope' },
          { id: 'b', statement: 'B', value: 1, unit: 'percent', source: 's', quote: 'q', supersededBy: 'b' },
          { id: 'c', statement: 'C', value: 1, unit: 'percent', source: 's', quote: 'q', supersededBy: 'a' },
        ],
      },
      null,
      2,
    );
    const facts = FactIndex.from([parseFactFile(text, 'x.facts.json')]);
    const found = facts.fileFindings('x.facts.json');
    assert.deepEqual(
      found.map((f) => [f.code, text.slice(f.span.start, f.span.end), f.message]),
      [
        ['facts.invalid', '"a"', 'Fact "a": supersededBy "nope" names no loaded fact; give the id of the fact that replaces it'],
        ['facts.invalid', '"b"', 'Fact "b": supersededBy "b" names the fact itself; give the id of the fact that replaces it'],
      ],
    );
  });
});

describe('fact.stale', () => {
  const today = new Date(Date.UTC(2026, 0, 15));
  const CURRENT = index([{ id: 'u', value: 3.9, source: 'ons-2023', asOf: '2023-03' }]);
  const stale = (text: string, staleAfter: string | undefined, facts = CURRENT) =>
    codes(text, facts, { staleAfter, today }).filter((f) => f.code === 'fact.stale');

  test('off without briefing.staleAfter', () => {
    assert.deepEqual(stale(BRIEF, undefined), []);
    assert.deepEqual(stale(BRIEF, ''), []);
  });

  test('a fact older than staleAfter, counted back from today: info on the statistic', () => {
    const [f] = stale(BRIEF, '2y');
    assert.equal(f!.severity, 'info');
    assert.equal(BRIEF.slice(f!.span.start, f!.span.end), '3.9%');
    assert.equal(f!.message, '3.9%: u is as of 2023-03, more than 2 years ago; check for a newer figure.');
    assert.deepEqual(stale(BRIEF, '3y'), []);
    assert.equal(stale(BRIEF, '18m').length, 1);
    assert.equal(stale(BRIEF, '1000d').length, 1);
    assert.deepEqual(stale(BRIEF, '1100d'), []);
  });

  test("counted back from the front matter's date when there is one", () => {
    const dated = `---\ndate: 2024-01-10\n---\n${BRIEF}`;
    assert.deepEqual(stale(dated, '2y'), []);
    const [f] = stale(dated, '9m');
    assert.match(f!.message, /more than 9 months before the briefing's date/);
  });

  test("without asOf, the source's published date", () => {
    const facts = index([{ id: 'u', value: 3.9, source: 'ons-2023' }]);
    const [f] = stale(BRIEF, '2y', facts);
    assert.match(f!.message, /ons-2023 was published 2023-05-16/);
  });

  test('durations and dates', () => {
    assert.deepEqual(parseStaleAfter('2y'), { amount: 2, unit: 'y' });
    assert.deepEqual(parseStaleAfter(' 18M '), { amount: 18, unit: 'm' });
    for (const bad of ['', '2', 'y', '2w', '0d', '-1y']) assert.equal(parseStaleAfter(bad), undefined, bad);
    assert.equal(parseDate('2023', 'end')!.toISOString().slice(0, 10), '2023-12-31');
    assert.equal(parseDate('2023-02', 'end')!.toISOString().slice(0, 10), '2023-02-28');
    assert.equal(parseDate('2023-Q2', 'end')!.toISOString().slice(0, 10), '2023-06-30');
    assert.equal(parseDate('2023-05-16', 'end')!.toISOString().slice(0, 10), '2023-05-16');
    assert.equal(parseDate('May 2023', 'end'), undefined);
  });
});
