// quote.mismatch: quotations in a sentence that cites a source, compared with the quotes
// recorded for that source's facts. Each case is a paragraph citing @boe (whose fact
// quotes the passage below) and what it gives: the words the message names and the text
// after the fix, or nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBriefing } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile } from '../../src/core/facts/parseFactFile';
import { applyEdits } from '../../src/core/fixes/applyEdits';
import { align, quotedTokens, wordsOf } from '../../src/core/stats/quoteAlignment';

const PASSAGE =
  'The Committee voted by a majority of 7–2 to maintain Bank Rate at 5.25%, and judged that the “restrictive stance” of policy was working.';
const OTHER = 'Inflation is expected to fall back to around the 2% target in the second quarter of 2024.';

const FACTS = FactIndex.from([
  parseFactFile(
    JSON.stringify({
      sources: { boe: { title: 'Monetary Policy Summary' }, ons: { title: 'Consumer price inflation' } },
      facts: [
        { id: 'boe-rate', statement: 'Bank Rate', value: 5.25, unit: 'percent', source: 'boe', quote: PASSAGE },
        { id: 'boe-inflation', statement: 'Inflation target', value: 2, unit: 'percent', source: 'boe', quote: OTHER },
        {
          id: 'ons-cpi',
          statement: 'CPI',
          value: 4,
          unit: 'percent',
          source: 'ons',
          quote: 'Consumer prices rose by 4.0% in the 12 months to January 2024, unchanged from December.',
        },
      ],
    }),
    'boe.facts.json',
  ),
]);

const NOTES = '\n\n[^1]: @boe\n[^2]: @ons\n';

function quoteFindings(text: string) {
  return checkBriefing(text, FACTS).findings.filter((f) => f.code === 'quote.mismatch');
}

interface Flagged {
  /** Part of the message: the source's words and the writer's. */
  says: string;
  /** The paragraph after the fix; undefined when no fix is offered. */
  fixed: string | undefined;
}

/** [paragraph, what it gives]: null means no quote.mismatch. */
const CASES: [string, Flagged | null][] = [
  // Exact, in every kind of quotation mark, whole or in part.
  ['The Committee voted “to maintain Bank Rate at 5.25%, and judged”.[^1]', null],
  ['The Committee voted "to maintain Bank Rate at 5.25%, and judged".[^1]', null],
  ['The Committee voted ‘to maintain Bank Rate at 5.25%, and judged’.[^1]', null],
  ['It said THE COMMITTEE VOTED BY A MAJORITY OF 7-2, as “the committee voted by a majority of 7-2 to maintain bank rate”.[^1]', null],
  // Curly and straight quotes and dashes inside the passage do not count.
  ["The Bank “judged that the 'restrictive stance' of policy was working”.[^1]", null],
  // A quote inside the quotation.
  ['The Bank “judged that the ‘restrictive stance’ of policy was working”.[^1]', null],
  ['The Bank “judged that the "restrictive stance" of policy was working”.[^1]', null],
  // Ellipses stand for omitted words, matched part by part.
  ['The Committee voted “by a majority … to maintain Bank Rate at 5.25%”.[^1]', null],
  ['The Committee voted “by a majority ... to maintain Bank Rate at 5.25%”.[^1]', null],
  ['The Committee voted “by a majority […] to maintain Bank Rate at 5.25%, and judged”.[^1]', null],
  // A note reference inside or right after the quotation does not break it.
  ['The Committee voted “to maintain Bank Rate[^1] at 5.25%, and judged”.', null],
  ['The Committee voted “to maintain Bank Rate at 5.25%, and judged”[^1] as expected.', null],
  // Near matches: the differing words and the source's wording.
  [
    'The Committee voted “to cut Bank Rate to 5.25%, and judged that the restrictive stance”.[^1]',
    {
      says: 'the source says “to maintain Bank Rate at”, not “to cut Bank Rate to”',
      fixed: 'The Committee voted “to maintain Bank Rate at 5.25%, and judged that the restrictive stance”.[^1]',
    },
  ],
  [
    'The Committee voted "to maintain Bank Rate at 5.5%, and judged".[^1]',
    { says: 'the source says “at 5.25%”, not “at 5.5%”', fixed: 'The Committee voted "to maintain Bank Rate at 5.25%, and judged".[^1]' },
  ],
  [
    'The Committee voted “by a majority … to raise Bank Rate at 5.25%”.[^1]',
    {
      says: 'the source says “to maintain”, not “to raise”',
      fixed: 'The Committee voted “by a majority … to maintain Bank Rate at 5.25%”.[^1]',
    },
  ],
  [
    'The Committee voted “to maintain Bank Rate[^1] at 5.5%, and judged”.',
    { says: 'the source says “at 5.25%”, not “at 5.5%”', fixed: 'The Committee voted “to maintain Bank Rate[^1] at 5.25%, and judged”.' },
  ],
  [
    'Inflation is “expected to fall back to the 2% target in the second quarter”.[^1]',
    {
      says: 'the source says “to around the”, not “to the”',
      fixed: 'Inflation is “expected to fall back to around the 2% target in the second quarter”.[^1]',
    },
  ],
  [
    'The Bank “judged that the ‘tight stance’ of policy was working”.[^1]',
    {
      says: 'the source says “the restrictive”, not “the tight”',
      fixed: 'The Bank “judged that the ‘restrictive stance’ of policy was working”.[^1]',
    },
  ],
  // No resemblance, too short, another source's passage, or nothing cited: nothing.
  ['The Governor said “we will do whatever it takes to bring inflation down”.[^1]', null],
  ['The Committee voted “to cut Bank Rate”.[^1]', null],
  ['The Committee voted “to cut Bank Rate to 5.25%, and judged that the restrictive stance”.[^2]', null],
  ['The Committee voted “to cut Bank Rate to 5.25%, and judged that the restrictive stance”.', null],
  // Apostrophes are not quotation marks.
  ["The Committee's vote and the Governor's words were to cut Bank Rate to 5.25%, and judged.[^1]", null],
];

describe('quote.mismatch', () => {
  for (const [paragraph, expected] of CASES) {
    test(paragraph, () => {
      const text = paragraph + NOTES;
      const found = quoteFindings(text);
      if (!expected) {
        assert.deepEqual(
          found.map((f) => f.message),
          [],
        );
        return;
      }
      assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
      const [finding] = found;
      assert.ok(finding!.message.includes(expected.says), finding!.message);
      assert.equal(finding!.severity, 'warning');
      assert.equal(finding!.factId, text.includes('second quarter') ? 'boe-inflation' : 'boe-rate');
      const fix = finding!.fixes?.[0];
      if (expected.fixed === undefined) {
        assert.equal(fix, undefined);
        return;
      }
      const after = applyEdits(text, fix!.edits);
      assert.equal(after, expected.fixed + NOTES);
      assert.deepEqual(quoteFindings(after), [], 'the fixed quotation matches');
    });
  }

  test('the finding covers the quoted text, inside the marks', () => {
    const text = 'The Committee voted “to cut Bank Rate to 5.25%, and judged that the restrictive stance”.[^1]' + NOTES;
    const [finding] = quoteFindings(text);
    assert.equal(text.slice(finding!.span.start, finding!.span.end), 'to cut Bank Rate to 5.25%, and judged that the restrictive stance');
  });

  test('the rule can be turned off', () => {
    const text = 'The Committee voted “to cut Bank Rate to 5.25%, and judged that the restrictive stance”.[^1]' + NOTES;
    assert.equal(quoteFindings(text).length, 1);
    assert.deepEqual(
      checkBriefing(text, FACTS, { rules: { 'quote.mismatch': 'off' } }).findings.filter((f) => f.code === 'quote.mismatch'),
      [],
    );
  });
});

describe('aligning a quotation with a passage', () => {
  test('an exact part of the passage aligns with no differences and ratio 1', () => {
    const a = align(quotedTokens('to maintain Bank Rate at 5.25%'), wordsOf(PASSAGE))!;
    assert.deepEqual([a.ratio, a.differences.length], [1, 0]);
  });

  test('one changed word of six is a ratio of 5/6', () => {
    const a = align(quotedTokens('to cut Bank Rate at 5.25%'), wordsOf(PASSAGE))!;
    assert.equal(a.differences.length, 1);
    assert.equal(a.shared, 5);
  });

  test('an ellipsis skips any number of words, and only there', () => {
    assert.equal(align(quotedTokens('The Committee … was working'), wordsOf(PASSAGE))!.differences.length, 0);
    assert.equal(align(quotedTokens('The Committee was working'), wordsOf(PASSAGE))!.differences.length, 1);
  });
});
