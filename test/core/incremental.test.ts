// Differential proof of the incremental checker: random edits to realistic briefings, and
// after every edit the incremental model and findings must equal a from-scratch check.
// DIFF_RUNS=<edits per briefing> runs longer (scripts/differential.mjs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBriefing, type AnalyzeOptions } from '../../src/core/analyze/analyzeBriefing';
import { checkBriefing } from '../../src/core/check';
import { IncrementalChecker } from '../../src/core/incremental/incrementalChecker';
import { IncrementalAnalyzer } from '../../src/core/incremental/incrementalAnalyzer';
import { cut } from '../../src/core/incremental/boundaries';
import type { Finding } from '../../src/core/types';
import { edit, ENDNOTES, FOOTNOTES, NOTES_LIST, random, WEB } from './briefingFixtures';
import { BORDER_TROOPS, DEFECTORS, factIndexOf, PORT_LOAN, SOURCES, TRADE_GROWTH } from './factFixtures';

const FACTS = factIndexOf({
  sources: SOURCES,
  facts: [
    TRADE_GROWTH,
    {
      id: 'coal-fall',
      statement: 'Coal imports from North Korea, fall in 2017',
      value: -51.6,
      unit: 'percent',
      source: 'customs',
      quote: 'Coal fell 51.6 percent.',
      keywords: ['coal'],
    },
    BORDER_TROOPS,
    PORT_LOAN,
    DEFECTORS,
  ],
});

/** Changes, shares, a misquotation; the same paragraphs twice, so two blocks share one text. */
const STATEMENTS = `# Arithmetic and quotations

Exports rose from 120 tonnes to 180 tonnes, a 60 per cent rise.[^1] Imports fell from 40 per cent to 30 per cent, a fall of 12 percentage points.[^1]

Of the 200 defectors, 50 (or 40 per cent) came by sea.[^2] The customs office said that “some 70 percent of all trade between both countries passes through the Dandong bridge” last year.[^1]

Exports rose from 120 tonnes to 180 tonnes, a 60 per cent rise.[^1] Imports fell from 40 per cent to 30 per cent, a fall of 12 percentage points.[^1]

Of the 200 defectors, 50 (or 40 per cent) came by sea.[^2] The customs office said that “some 70 percent of all trade between both countries passes through the Dandong bridge” last year.[^1]

Prices doubled from 3 to 4 dollars, and trade rose 37.4 per cent.[^1]

[^1]: @customs, bulletin.
[^2]: @defence.
`;

const QUOTE_FACTS = factIndexOf(
  {
    sources: { customs: { title: 'China trade statistics, Q1 2017' }, defence: { title: 'Defence white paper' } },
    facts: [
      {
        id: 'bridge-share',
        statement: 'Share of trade through the Dandong bridge',
        value: 70,
        unit: 'percent',
        source: 'customs',
        quote: 'Some 70 percent of all trade between the two countries passes through the Dandong bridge.',
        keywords: ['bridge'],
      },
      TRADE_GROWTH,
    ],
  },
  'quotes.facts.json',
);

/** Findings with their fixes computed (a reused statement must give the fix a fresh one gives). */
function withFixes(findings: readonly Finding[]) {
  return findings.map((f) => ({ ...comparable([f])[0], fixes: f.fixes }));
}

function comparable(findings: readonly Finding[]) {
  return findings.map((f) => ({ code: f.code, severity: f.severity, span: f.span, message: f.message, factId: f.factId }));
}

const RUNS = Number(process.env.DIFF_RUNS) || 100;

describe('incremental checking equals a from-scratch check', () => {
  const cases: [string, string, AnalyzeOptions][] = [
    ['GFM footnotes', FOOTNOTES, {}],
    ['bracketed endnotes', ENDNOTES, {}],
    ['web endnotes', WEB, {}],
    ['footnotes, paragraph scope', FOOTNOTES, { citationScope: 'paragraph' }],
    ['all three, joined', `${FOOTNOTES}\n${ENDNOTES}\n${WEB}`, {}],
    ['a notes list without blank lines', NOTES_LIST, {}],
  ];
  cases.forEach(([name, briefing, options], n) => {
    test(`${name}: ${RUNS} random edits`, () => {
      const r = random(1000 + n);
      const checker = new IncrementalChecker();
      let text = briefing;
      for (let i = 0; i <= RUNS; i++) {
        const expected = checkBriefing(text, FACTS, options);
        const actual = checker.check(text, FACTS, options);
        const where = `after edit ${i} of seed ${1000 + n}:\n${text}`;
        assert.deepEqual(actual.model, expected.model, `model ${where}`);
        // Fixes too: they are computed from the model, whose objects after an edit are moved in place.
        assert.deepEqual(withFixes(actual.findings), withFixes(expected.findings), `findings ${where}`);
        assert.deepEqual(actual.matches, expected.matches, `matches ${where}`);
        text = edit(text, r);
        // Keep the briefing realistic in size: restart from the original when it grows or shrinks too far.
        if (text.length > briefing.length * 2 || text.length < briefing.length / 4) text = briefing;
      }
    });
  });

  test(`changes, shares and quotations, kept with their blocks' texts: ${RUNS} random edits`, () => {
    // The arithmetic and quotation rules reuse what they read from a block whose text is
    // unchanged (BlockMemo), wherever it moved; their findings and fixes must be as found afresh.
    const r = random(2000);
    const checker = new IncrementalChecker();
    let text = STATEMENTS;
    let reused = 0;
    for (let i = 0; i <= RUNS; i++) {
      const expected = checkBriefing(text, QUOTE_FACTS);
      const actual = checker.check(text, QUOTE_FACTS);
      const where = `after edit ${i} of seed 2000:\n${text}`;
      assert.deepEqual(withFixes(actual.findings), withFixes(expected.findings), `findings ${where}`);
      assert.deepEqual(actual.matches, expected.matches, `matches ${where}`);
      if (actual.findings.some((f) => f.code === 'stat.arithmetic') && actual.findings.some((f) => f.code === 'quote.mismatch')) reused++;
      text = edit(text, r);
      if (text.length > STATEMENTS.length * 2 || text.length < STATEMENTS.length / 4) text = STATEMENTS;
    }
    // The fixture keeps both kinds of finding through most edits, so the reuse is exercised.
    assert.ok(reused > RUNS / 4, `only ${reused} versions had both findings`);
  });

  test('a long briefing is cut into many runs, and an edit re-parses one', () => {
    const body = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} says trade grew 37.4 per cent.[^1]\n`).join('\n');
    const text = `${body}\n[^1]: @customs.\n`;
    assert.ok(cut(text).starts.length > 150);
    const analyzer = new IncrementalAnalyzer();
    analyzer.update(text);
    const edited = text.replace('Paragraph 100 says', 'Paragraph 100 now says');
    assert.deepEqual(analyzer.update(edited), analyzeBriefing(edited));
  });

  test('the runs after an edit keep their objects, moved and renumbered in place', () => {
    // What makes a keystroke in a long briefing cheap (ARCHITECTURE.md, "The identity contract"):
    // the blocks after the edit are not built again, and the statistics memo sees the same objects.
    const body = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} says trade grew 37.4 per cent.[^1]\n`).join('\n');
    const text = `${body}\n[^1]: @customs.\n`;
    const analyzer = new IncrementalAnalyzer();
    const before = analyzer.update(text);
    const sentence = before.sentences[150]!;
    const stat = before.stats[150]!;
    const citation = sentence.citations[0]!;

    // Longer text before them: the same objects, at offsets two characters on.
    const moved = text.replace('Paragraph 100 says', 'Paragraph 100 now says');
    const start = sentence.span.start;
    const afterMove = analyzer.update(moved);
    assert.equal(afterMove.sentences[150], sentence);
    assert.equal(afterMove.stats[150], stat);
    assert.equal(sentence.span.start, start + 4);
    assert.deepEqual(afterMove, analyzeBriefing(moved));

    // A new sentence and note reference before them: the same objects, renumbered.
    const grown = moved.replace(
      'Paragraph 100 now says trade grew 37.4 per cent.[^1]',
      'Paragraph 100 now says trade grew 37.4 per cent.[^1] It fell 5 per cent.[^1]',
    );
    const afterGrowth = analyzer.update(grown);
    assert.equal(afterGrowth.sentences[151], sentence);
    assert.equal(afterGrowth.stats[151], stat);
    assert.equal(stat.sentence, 151);
    assert.equal(citation.kind === 'note' && citation.ref, 151);
    assert.deepEqual(afterGrowth, analyzeBriefing(grown));
  });

  test('a notes list without blank lines is cut before some definitions, and edits there are analysed alike', () => {
    const starts = cut(NOTES_LIST).starts.map((s) => NOTES_LIST.slice(s, NOTES_LIST.indexOf(']', s) + 1));
    assert.deepEqual(starts.slice(4), ['[^5]', '[^14]', '[^25]', '[^32]', '[^43]', '[^50]', '[^58]', '[^61]']);
    const analyzer = new IncrementalAnalyzer();
    analyzer.update(NOTES_LIST);
    for (const edited of [NOTES_LIST.replace('table 20.', 'table 20, p. 4.'), NOTES_LIST.replace('[^24]: @customs, table 24.\n', '')]) {
      assert.deepEqual(analyzer.update(edited), analyzeBriefing(edited));
    }
  });

  test('a cut before a footnote definition inside a fence or HTML block is not made, or not kept', () => {
    for (const text of [
      'Text.[^5]\n\n```\n[^5]: in code\n```\n',
      'Text.[^5]\n\n<div>\n[^5]: in HTML\n</div>\n',
      'Text.[^5]\n\n- ```\n  x\n[^5]: after a fence in a list\n',
    ]) {
      const analyzer = new IncrementalAnalyzer();
      assert.deepEqual(analyzer.update(text), analyzeBriefing(text));
    }
  });

  test('a container left open at a cut ends where the line after the cut makes it end', () => {
    // A fence left open in a list item or a note ends the container after the blank line
    // when a block quote or a footnote definition follows, before it when anything else does.
    const analyzer = new IncrementalAnalyzer();
    for (const next of ['> A quote.', 'Text [^1] [new].', '[new]: https://other.example.org/', '[^2]: b', '# Heading']) {
      for (const open of ['[^1]: a\n\n    ```\n    x\n    ```>\n\n', '- a\n\n  ```\n  x\n\n']) {
        const text = `${open}${next}\n\nText [^1] [^2] [new].\n`;
        assert.deepEqual(analyzer.update(text), analyzeBriefing(text));
      }
    }
  });

  test('cuts are not made inside fences, HTML blocks or front matter', () => {
    const text = '---\na: 1\n\nb: 2\n---\n\n```\ncode\n\nmore\n```\n\n<!--\n\nhidden\n-->\n\nText.\n';
    const starts = cut(text).starts;
    assert.deepEqual(
      starts.map((s) => text.slice(s, text.indexOf('\n', s))),
      ['---', '```', '<!--', 'Text.'],
    );
  });
});
