// Differential proof of the incremental checker: random edits to realistic briefings, and
// after every edit the incremental model and findings must equal a from-scratch check.
// DIFF_RUNS=<edits per briefing> runs longer (scripts/differential.mjs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBriefing, type AnalyzeOptions } from '../../src/core/analyze/analyzeBriefing';
import { checkBriefing } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile } from '../../src/core/facts/parseFactFile';
import { IncrementalChecker } from '../../src/core/incremental/incrementalChecker';
import { IncrementalAnalyzer } from '../../src/core/incremental/incrementalAnalyzer';
import { cut } from '../../src/core/incremental/boundaries';
import type { Finding } from '../../src/core/types';

const FACTS = FactIndex.from([
  parseFactFile(
    JSON.stringify({
      sources: {
        customs: { title: 'China trade statistics, Q1 2017', url: 'https://www.example.org/customs/2017q1/' },
        defence: { title: 'Defence white paper', url: 'https://defence.example.gov/white-paper' },
        bank: { title: 'Development bank annual report' },
      },
      facts: [
        { id: 'trade-growth', statement: "China's trade with North Korea, growth in Q1 2017", value: 37.4, unit: 'percent', source: 'customs', quote: 'Trade rose 37.4 percent.', keywords: ['trade', 'grew'] },
        { id: 'coal-fall', statement: 'Coal imports from North Korea, fall in 2017', value: -51.6, unit: 'percent', source: 'customs', quote: 'Coal fell 51.6 percent.', keywords: ['coal'] },
        { id: 'border-troops', statement: 'Troops deployed at the border', value: 3200, unit: 'troops', source: 'defence', quote: 'Some 3,200 troops.', keywords: ['troops', 'border'] },
        { id: 'port-loan', statement: 'Loan to the port authority', value: 2400000000, unit: 'USD', source: 'bank', quote: 'A loan of $2.4bn.', keywords: ['loan', 'port'] },
        { id: 'defectors', statement: 'Defectors arriving in the south', value: 1200, unit: 'defectors', source: 'defence', quote: '1,200 defectors.', keywords: ['defectors'] },
      ],
    }),
    'test.facts.json',
  ),
]);

/** GFM footnotes, front matter, a table with a caption, lists, code, HTML and link definitions. */
const FOOTNOTES = `---
briefing: true
facts: ./trade.facts.json
---

# North Korea: trade and the border

China's trade with the North grew 37.4 per cent in the first quarter.[^1] Coal imports
fell by about 51 per cent over the year, according to [the customs bulletin][customs].
Officials in Dandong declined to comment.

Trade figures, first quarter[^2]

| Item | Change |
| --- | --- |
| Trade | 37.4% |
| Coal | -52% |

- The army moved nearly 3,200 troops to the border.[^3]
- A loan of $2.4 billion went to the port authority [@bank, p. 4].

  Continued paragraph of the item with 1,200 defectors.[^1]

> A quoted analyst said that more than 40 per cent of the
> trade passes through one bridge.[^4]

\`\`\`text
Not a statistic: 99 per cent [^9]

Still code.
\`\`\`

<div class="note">
Some <sup><a href="#fn1">1</a></sup> raw HTML with 12 per cent.
</div>

<!-- a comment

with a blank line inside [^7] -->

See also <https://defence.example.gov/white-paper> for 3,200 troops.

[customs]: https://www.example.org/customs/2017q1/

## Notes

[^1]: @customs, table 4.
[^2]: Customs bulletin, https://www.example.org/customs/2017q1/.
[^3]: @defence, chapter 2.

    A second paragraph of the note.
[^4]: Interview, 2017.
`;

/** Bracketed endnotes and superscripts with a numbered notes list. */
const ENDNOTES = `# Sanctions brief

Exports of coal fell 51.6 per cent in 2017 [1]. Trade grew almost 38 percent [2, 3].
Some 3,200 troops¹ were moved, the ministry said.² A figure without a source: 45 per cent.

**Key numbers**

1. Trade rose 37.4 per cent [4].
2. Over 1,000 defectors arrived [5-6].

Table: troops by year [1]

| Year | Troops |
|------|--------|
| 2016 | 3,000 troops |
| 2017 | 3,200 troops [2] |

    indented code with 50 per cent [7]

Text after code cites [8] and a link [report](https://www.example.org/customs/2017q1).

## References

1. @customs, table 4.
2. https://www.example.org/customs/2017q1/
3. @defence.
4. @customs.
5. @defence, p. 3.
6. Unknown source.

## Appendix

A paragraph after the notes with 12 per cent [6].
`;

/** A pasted web page: raw-HTML endnotes and bracket lines under a bold heading. */
const WEB = `Intro paragraph with 37.4 per cent growth<sup><a href="#fn1">1</a></sup> and more.

<p>An HTML paragraph quoting 3,200 troops.<sup>2</sup></p>

Another paragraph [3] with $2.4 billion of loans.

**Footnotes**

[1] @customs, table 4.
[2] @defence.
[3] @bank, p. 9.

<ol>
<li id="fn1">@customs again.</li>
<li id="fn2">@defence again.</li>
</ol>
`;

/** A long notes list without blank lines, which is cut before some of its definitions. */
const NOTES_LIST = `# Notes without blank lines

Trade grew 37.4 per cent.[^1] Coal fell 51 per cent.[^5] Some 3,200 troops.[^14] A $2.4 billion loan.[^25]
Defectors: 1,200.[^32] More [^43] and [^50] and [^58] and [^61].

## Notes

${Array.from({ length: 64 }, (_, i) => {
  const n = i + 1;
  if (n % 9 === 0) return `[^${n}]: @defence, chapter ${n},\nwith a lazy continuation line.\n`;
  if (n % 13 === 0) return `[^${n}]: Code follows.\n\n    \`\`\`\n    [^${n + 1}]: inside code\n    \`\`\`\n`;
  if (n % 17 === 0) return `> [^${n}]: quoted, https://www.example.org/customs/2017q1/\n`;
  return `[^${n}]: @${['customs', 'bank', 'defence'][n % 3]}, table ${n}.\n`;
}).join('')}`;

const SNIPPETS = [
  '\n', '\n\n', ' ', 'x', '1', '.', '[', ']', '^', '`', '~', '<', '>', '|', '-', '*', '#', ':',
  '```\n', '```', '~~~\n', '---\n', '- ', '* ', '1. ', '2) ', '> ', '    ', '  ',
  '[^1]', '[^2]', '[^new]', '[1]', '[2]', '[7]', '¹', '<sup>3</sup>',
  '[^1]: @customs.\n', '\n[^new]: @bank.\n', '\n[^2]: again\n', '3. @defence.\n', '[4] @bank.\n',
  '## Notes\n', '\n## Notes\n\n', '**Notes**\n', '# Heading\n', '\n## Sources\n',
  '| a | b |\n| --- | --- |\n| 1 | 40% |\n', '|', '| --- |',
  '[customs]: https://www.example.org/customs/2017q1/\n', '\n[other]: https://other.example.org/\n', '[customs]', '[other]', '[customs][]',
  '<div>\n', '</div>\n', '<!--', '-->', '<script>\n', '</script>', '<li id="fn3">@bank</li>',
  '37.4 per cent', ' 3,200 troops', '$2.4 billion', ' almost 40%', '[@customs]', '@defence', 'https://www.example.org/customs/2017q1/',
  '<https://defence.example.gov/white-paper>',
];

/** A deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random edit: insert a snippet (often at a line start), delete characters, a line or a range. */
function edit(text: string, r: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const at = Math.floor(r() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const roll = r();
  if (roll < 0.45) {
    const where = r() < 0.5 ? lineStart : at;
    return text.slice(0, where) + pick(SNIPPETS) + text.slice(where);
  }
  if (roll < 0.7) return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 3));
  if (roll < 0.85) {
    const end = text.indexOf('\n', at);
    return text.slice(0, lineStart) + (end < 0 ? '' : text.slice(end + 1));
  }
  if (roll < 0.95) {
    // Move a line elsewhere: blocks change places.
    const end = text.indexOf('\n', at);
    const line = text.slice(lineStart, end < 0 ? text.length : end + 1);
    const rest = text.slice(0, lineStart) + text.slice(lineStart + line.length);
    const to = rest.lastIndexOf('\n', Math.floor(r() * rest.length)) + 1;
    return rest.slice(0, to) + line + rest.slice(to);
  }
  return text.slice(0, at) + text.slice(Math.min(text.length, at + Math.floor(r() * 200)));
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
        assert.deepEqual(comparable(actual.findings), comparable(expected.findings), `findings ${where}`);
        assert.deepEqual(actual.matches, expected.matches, `matches ${where}`);
        text = edit(text, r);
        // Keep the briefing realistic in size: restart from the original when it grows or shrinks too far.
        if (text.length > briefing.length * 2 || text.length < briefing.length / 4) text = briefing;
      }
    });
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
    for (const text of ['Text.[^5]\n\n```\n[^5]: in code\n```\n', 'Text.[^5]\n\n<div>\n[^5]: in HTML\n</div>\n', 'Text.[^5]\n\n- ```\n  x\n[^5]: after a fence in a list\n']) {
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
