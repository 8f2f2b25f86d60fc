// stat.arithmetic: stated changes and shares recomputed from the figures beside them,
// allowing for the rounding and hedges of every figure. Each case is one sentence, with
// no fact file: the finding's slice and message, the figure its fix writes, or nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBriefing } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';
import { applyEdits } from '../../src/core/fixes/applyEdits';
import type { Finding } from '../../src/core/types';

const NO_FACTS = FactIndex.from([]);

function arithmetic(text: string): Finding[] {
  return checkBriefing(text, NO_FACTS).findings.filter((f) => f.code === 'stat.arithmetic');
}

interface Flagged {
  slice: string;
  message: string;
  /** The text after applying the fix; undefined when there must be no fix. */
  fixed: string | undefined;
}

/** [sentence, what it gives]: `null` means no stat.arithmetic finding. */
const CASES: [string, Flagged | null][] = [
  // Percentage changes, up and down, written every way.
  [
    'Exports rose from $2.1 billion to $3.4 billion, a 35% rise.',
    {
      slice: '35%',
      message: 'From $2.1 billion to $3.4 billion is a 62% rise, not 35%.',
      fixed: 'Exports rose from $2.1 billion to $3.4 billion, a 62% rise.',
    },
  ],
  ['Exports rose from $2.1 billion to $3.4 billion, a 62% rise.', null],
  [
    'Exports rose 35 per cent, from £2.1bn to £3.4bn.',
    {
      slice: '35 per cent',
      message: 'From £2.1bn to £3.4bn is a 62 per cent rise, not 35 per cent.',
      fixed: 'Exports rose 62 per cent, from £2.1bn to £3.4bn.',
    },
  ],
  [
    'Exports rose to £3.4bn from £2.1bn, an increase of 35 per cent.',
    {
      slice: '35 per cent',
      message: 'From £2.1bn to £3.4bn is a 62 per cent rise, not 35 per cent.',
      fixed: 'Exports rose to £3.4bn from £2.1bn, an increase of 62 per cent.',
    },
  ],
  ['Sales rose 62% from $2.1bn to $3.4bn.', null],
  ['Sales rose by 62% to $3.4bn from $2.1bn.', null],
  ['Exports rose from £2.1bn to £3.4bn (+62%).', null],
  [
    'Exports rose from £2.1bn to £3.4bn (+26%).',
    { slice: '26%', message: 'From £2.1bn to £3.4bn is a 62% rise, not 26%.', fixed: 'Exports rose from £2.1bn to £3.4bn (+62%).' },
  ],
  ['Imports fell from 820 tonnes to 610 tonnes, a drop of 26%.', null],
  [
    'Imports fell from 820 tonnes to 610 tonnes, a drop of 34%.',
    {
      slice: '34%',
      message: 'From 820 tonnes to 610 tonnes is a 26% fall, not 34%.',
      fixed: 'Imports fell from 820 tonnes to 610 tonnes, a drop of 26%.',
    },
  ],
  ['Turnout fell from 70% to 60% (-14%).', null],
  // Counts: a bare first figure takes the second's noun, and counts are whole numbers.
  ['The number of councils rose from 12 to 18 councils, up 50%.', null],
  [
    'The number of councils rose from 12 to 18 councils, up 40%.',
    {
      slice: '40%',
      message: 'From 12 to 18 councils is a 50% rise, not 40%.',
      fixed: 'The number of councils rose from 12 to 18 councils, up 50%.',
    },
  ],
  ['Troops increased from 3,000 to 3,200 troops, a 7% rise.', null],
  [
    'Troops increased from 3,000 to 3,200 troops, a 10% rise.',
    {
      slice: '10%',
      message: 'From 3,000 to 3,200 troops is a 7% rise, not 10%.',
      fixed: 'Troops increased from 3,000 to 3,200 troops, a 7% rise.',
    },
  ],
  // Percentage points.
  ['Unemployment fell from 4.0% to 3.2%, down 0.8 percentage points.', null],
  [
    'Unemployment fell from 4.0% to 3.2%, down 1.2 percentage points.',
    {
      slice: '1.2 percentage points',
      message: 'From 4.0% to 3.2% is a fall of 0.8 percentage points, not 1.2 percentage points.',
      fixed: 'Unemployment fell from 4.0% to 3.2%, down 0.8 percentage points.',
    },
  ],
  ['Turnout fell from 70% in 2019 to 60% in 2024, a drop of 10 points.', null],
  [
    'Turnout fell from 70% in 2019 to 60% in 2024, a drop of 12 points.',
    {
      slice: '12 points',
      message: 'From 70% to 60% is a fall of 10 points, not 12 points.',
      fixed: 'Turnout fell from 70% in 2019 to 60% in 2024, a drop of 10 points.',
    },
  ],
  ['The rate was cut from 5.25% to 5%, a cut of 0.25 points.', null],
  ['It grew from 4 to 6 per cent, a rise of 2 points.', null],
  // Rounding that just does, and just does not, explain the stated figure.
  ['Output rose from 1.2 million to 1.5 million barrels, a 34% rise.', null],
  [
    'Output rose from 1.2 million to 1.5 million barrels, a 36% rise.',
    {
      slice: '36%',
      message: 'From 1.2 million to 1.5 million barrels is a 25% rise, not 36%.',
      fixed: 'Output rose from 1.2 million to 1.5 million barrels, a 25% rise.',
    },
  ],
  ['The rate fell from 5.3% to 5.0%, down 0.2 points.', null],
  [
    'The rate fell from 5.3% to 5.0%, down 0.1 points.',
    {
      slice: '0.1 points',
      message: 'From 5.3% to 5.0% is a fall of 0.3 points, not 0.1 points.',
      fixed: 'The rate fell from 5.3% to 5.0%, down 0.3 points.',
    },
  ],
  // Hedges widen the figures they stand before.
  ['Membership grew from about 1,200 to 1,500 members, a rise of 30%.', null],
  [
    'Membership grew from 1,200 to 1,500 members, a rise of 30%.',
    {
      slice: '30%',
      message: 'From 1,200 to 1,500 members is a 25% rise, not 30%.',
      fixed: 'Membership grew from 1,200 to 1,500 members, a rise of 25%.',
    },
  ],
  ['Exports rose from $2.1bn to $3.4bn, a rise of almost 60%.', null],
  [
    'Exports rose from $2.1bn to $3.4bn, a rise of more than 70%.',
    {
      slice: '70%',
      message: 'From $2.1bn to $3.4bn is a 62% rise, not more than 70%.',
      fixed: 'Exports rose from $2.1bn to $3.4bn, a rise of 62%.',
    },
  ],
  // Percentages of percentages may be relative or points: either reading will do.
  ['The share rose from 40% to 45%, up 5%.', null],
  ['The share rose from 40% to 45%, up 12.5%.', null],
  [
    'The share rose from 40% to 45%, up 20%.',
    { slice: '20%', message: 'From 40% to 45% is a 13% rise (5 points), not 20%.', fixed: undefined },
  ],
  // Differences in the figures' own unit.
  [
    'Debt rose from $2.0bn to $3.0bn, up $1.5bn.',
    {
      slice: '$1.5bn',
      message: 'From $2.0bn to $3.0bn is a rise of $1.0bn, not $1.5bn.',
      fixed: 'Debt rose from $2.0bn to $3.0bn, up $1.0bn.',
    },
  ],
  ['Debt rose from $2.0bn to $3.0bn, up $1.0bn.', null],
  // Direction words that contradict the figures.
  ['Unemployment rose from 4.0% to 3.2%.', { slice: 'rose', message: 'From 4.0% to 3.2% is a 20% fall, not a rise.', fixed: undefined }],
  ['Unemployment fell from 4.0% to 3.2%.', null],
  [
    'Turnout fell from 70% to 60% (+14%).',
    { slice: '14%', message: 'From 70% to 60% is a 14% fall (10 points), not a rise.', fixed: undefined },
  ],
  [
    'Exports fell from $2.1bn to $3.4bn, a 62% rise.',
    { slice: 'fell', message: 'From $2.1bn to $3.4bn is a 62% rise, not a fall.', fixed: undefined },
  ],
  // Multiples: within 5%.
  ['Spending doubled from £3bn to £6.1bn.', null],
  ['Membership doubled from 10 to 20 members.', null],
  [
    'Membership doubled from 10 to 15 members.',
    { slice: 'doubled', message: 'From 10 to 15 members is a 50% rise, not a doubling.', fixed: undefined },
  ],
  ['Membership tripled from 10 to 29 members.', null],
  ['Membership more than doubled from 10 to 25 members.', null],
  [
    'Membership more than doubled from 10 to 15 members.',
    { slice: 'doubled', message: 'From 10 to 15 members is a 50% rise, not more than a doubling.', fixed: undefined },
  ],
  ['Membership almost doubled from 10 to 15 members.', null],
  ['Costs halved from $10m to $5m.', null],
  ['Costs halved from $10m to $4m.', { slice: 'halved', message: 'From $10m to $4m is a 60% fall, not a halving.', fixed: undefined }],
  // Shares.
  ['9 of 12 regions (75%) agreed.', null],
  ['9 of 12 regions (80%) agreed.', { slice: '80%', message: '9 of 12 regions is 75%, not 80%.', fixed: '9 of 12 regions (75%) agreed.' }],
  ['Some 300 out of 1,200, or 25 per cent, agreed.', null],
  [
    'Some 300 out of 1,200, or 20 per cent, agreed.',
    {
      slice: '20 per cent',
      message: 'Some 300 out of 1,200 is 25 per cent, not 20 per cent.',
      fixed: 'Some 300 out of 1,200, or 25 per cent, agreed.',
    },
  ],
  ['2 of 3 votes (67%) were cast.', null],
  ['2 of 3 votes (66.7%) were cast.', null],
  ['2 of 3 votes (66%) were cast.', { slice: '66%', message: '2 of 3 votes is 67%, not 66%.', fixed: '2 of 3 votes (67%) were cast.' }],
  ['45 of the 50 states (90%) signed.', null],
  [
    '45 of the 50 states (80%) signed.',
    { slice: '80%', message: '45 of the 50 states is 90%, not 80%.', fixed: '45 of the 50 states (90%) signed.' },
  ],
  ['$2bn of the $10bn budget (25%) went to roads.', null],
  [
    '$2.0bn of the $10.0bn budget (25%) went to roads.',
    { slice: '25%', message: '$2.0bn of the $10.0bn budget is 20%, not 25%.', fixed: '$2.0bn of the $10.0bn budget (20%) went to roads.' },
  ],
  // Sentences that look alike but state no change or share of those figures.
  ['From 2019 to 2023, 40% of people left.', null],
  ['Grants range from $2m to $5m, a 20% increase on last year.', null],
  ['Prices ranged from $2m to $5m (+20%).', null],
  ['Exports rose from $2.1bn to $3.4bn, a 5% annual rise.', null],
  ['Exports rose from $2.1bn to $3.4bn, a 5% rise on 2019.', null],
  ['Exports rose from $2.1bn to $3.4bn (5%).', null],
  ['Exports rose from $2.1bn to £3.4bn, a 35% rise.', null],
  ['Sales grew 5% a year from $2.1bn to $3.4bn.', null],
  ['9 of 12 regions (80% of the population) agreed.', null],
  ['Tariffs fell from 20% to 10% for 12 of 15 countries.', null],
  ['The party won 3 of 10 seats, or 45% of the vote.', null],
  ['Unemployment among 16 to 24 year olds rose 5%.', null],
  ['The deficit rose from -2% to -3% of GDP.', null],
  ['Chapter 9 of 12 (80%) covers trade.', null],
  ['The party won 20 seats of 650 in 2019, 3% of the total.', null],
];

describe('stat.arithmetic', () => {
  for (const [text, expected] of CASES) {
    test(text, () => {
      const found = arithmetic(text);
      if (!expected) {
        assert.deepEqual(
          found.map((f) => f.message),
          [],
        );
        return;
      }
      assert.equal(found.length, 1, found.map((f) => f.message).join('; '));
      const finding = found[0]!;
      assert.equal(text.slice(finding.span.start, finding.span.end), expected.slice);
      assert.equal(finding.message, expected.message);
      assert.equal(finding.severity, 'warning');
      const fix = finding.fixes?.[0];
      if (expected.fixed === undefined) {
        assert.equal(fix, undefined);
        return;
      }
      assert.ok(fix);
      assert.equal(fix.safe, false);
      const after = applyEdits(text, fix.edits);
      assert.equal(after, expected.fixed);
      assert.deepEqual(arithmetic(after), []);
    });
  }

  test('has at least 40 cases, flagged and clean', () => {
    assert.ok(CASES.length >= 40);
    assert.ok(CASES.filter(([, e]) => e).length >= 15);
    assert.ok(CASES.filter(([, e]) => !e).length >= 15);
  });

  test('can be turned off or raised, like every rule', () => {
    const text = '9 of 12 regions (80%) agreed.';
    assert.deepEqual(
      checkBriefing(text, NO_FACTS, { rules: { 'stat.arithmetic': 'off' } }).findings.filter((f) => f.code === 'stat.arithmetic'),
      [],
    );
    const raised = checkBriefing(text, NO_FACTS, { rules: { 'stat.arithmetic': 'error' } }).findings.filter(
      (f) => f.code === 'stat.arithmetic',
    );
    assert.equal(raised[0]?.severity, 'error');
  });

  test('reads the sentence around citations and in a longer paragraph', () => {
    const text =
      'Trade was flat. Exports rose from $2.1 billion to $3.4 billion,[^1] a 35% rise.[^2] Imports fell.\n\n[^1]: Customs.\n[^2]: Customs again.\n';
    const found = arithmetic(text);
    assert.deepEqual(
      found.map((f) => text.slice(f.span.start, f.span.end)),
      ['35%'],
    );
  });
});
