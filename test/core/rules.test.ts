// Unit tests for every rule of docs/rules/ (note.*, source.unknown, stat.*),
// with inline fixtures. Ranges are marked in the fixtures with «…» and every test lists
// ALL the findings it expects, so a stray extra finding fails the test too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBriefing, type CheckOptions } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';
import type { Finding, Span } from '../../src/core/types';
import { BORDER_TROOPS, DEFECTORS, factIndexOf, PORT_LOAN, SOURCES, TRADE_GROWTH } from './factFixtures';

/** Strips «…» markers from a fixture; returns the text and the marked ranges in opening order. */
function mark(source: string): { text: string; ranges: Span[] } {
  let text = '';
  const ranges: Span[] = [];
  const open: number[] = [];
  for (const ch of source) {
    if (ch === '«') {
      open.push(ranges.length);
      ranges.push({ start: text.length, end: -1 });
    } else if (ch === '»') ranges[open.pop()!]!.end = text.length;
    else text += ch;
  }
  assert.equal(open.length, 0, 'unbalanced markers');
  return { text, ranges };
}

const FACTS = { sources: SOURCES, facts: [{ ...TRADE_GROWTH, locator: 'table 4' }, BORDER_TROOPS, PORT_LOAN, DEFECTORS] };

function factIndex(data: unknown = FACTS): FactIndex {
  return factIndexOf(data);
}

function run(text: string, facts = factIndex(), options?: CheckOptions): Finding[] {
  return checkBriefing(text, facts, options).findings;
}

/** `code start-end «slice»` lines, for readable diffs. */
function describeAll(text: string, findings: { code: string; span: Span }[]): string[] {
  return findings.map((f) => `${f.code} ${f.span.start}-${f.span.end} «${text.slice(f.span.start, f.span.end)}»`).sort();
}

/**
 * Checks `fixture` and asserts the findings are exactly `expected`: [code, index of the
 * marked range] pairs. Returns the findings for further checks of messages.
 */
function expectFindings(fixture: string, expected: [string, number][], facts = factIndex(), options?: CheckOptions): Finding[] {
  const { text, ranges } = mark(fixture);
  const findings = run(text, facts, options);
  const wanted = expected.map(([code, i]) => {
    assert.ok(ranges[i], `no marked range ${i}`);
    return { code, span: ranges[i] };
  });
  assert.deepEqual(describeAll(text, findings), describeAll(text, wanted));
  return findings;
}

const EMPTY = FactIndex.empty();

describe('note.undefined', () => {
  test('a GFM reference with no definition covers the reference', () => {
    const f = expectFindings('Trade resumed in April.«[^nope]»\n', [['note.undefined', 0]], EMPTY);
    assert.match(f[0]!.message, /\[\^nope\]/);
    assert.equal(f[0]!.severity, 'error');
  });

  test('labels match case-insensitively', () => {
    expectFindings('Trade resumed.[^Alpha]\n\n[^alpha]: @customs.\n', []);
  });

  test('a bracketed reference missing from the notes list covers `[n]`', () => {
    const f = expectFindings('Talks resumed.[1] They stalled.«[2]»\n\n## Notes\n\n1. @customs.\n', [['note.undefined', 0]]);
    assert.match(f[0]!.message, /\[2\]/);
  });

  test('a group reports only the undefined number, on its digits', () => {
    expectFindings('Talks resumed.[1, «2»]\n\n## Notes\n\n1. @customs.\n', [['note.undefined', 0]]);
  });

  test('an undefined reference still counts for note.gap (docs/rules/note.gap.md: the referenced labels skip)', () => {
    expectFindings('Talks resumed.[1] Then «[4]».\n\n## Notes\n\n1. @customs.\n', [
      ['note.undefined', 0],
      ['note.gap', 0],
    ]);
  });

  test('a range `[n-m]` expands to each number', () => {
    expectFindings('Talks resumed.[1-2] Later «[3]».\n\n## Notes\n\n1. @customs.\n2. @defence.\n', [['note.undefined', 0]]);
  });

  test('empty and whitespace labels are not references', () => {
    expectFindings('Look at [^] and [^ ] and [^\t] here.\n', [], EMPTY);
  });

  test('a definition indented four spaces is code, so its reference is undefined', () => {
    expectFindings('Talks resumed.«[^a]»\n\n    [^a]: @customs.\n', [['note.undefined', 0]]);
  });

  test('references inside code, link text, images and link definitions are not references', () => {
    const fixture = [
      'Use `[^x]` and `[3]` in code.',
      '',
      'A [link with [2] inside](https://example.org/a) and ![image [1]](a.png).',
      '',
      '```',
      '[^y] and [5]',
      '```',
      '',
      '    [^z] indented code [6]',
      '',
      '[7]: https://example.org/seven',
      '',
    ].join('\n');
    expectFindings(fixture, [], EMPTY);
  });

  test('numeric reference-style links are links, never notes', () => {
    const fixture =
      'The report[1] and [the annex][2] and [3][] say so.\n\n[1]: https://example.org/one\n[2]: https://example.org/two\n[3]: https://example.org/three\n';
    expectFindings(fixture, [], EMPTY);
  });

  test('a reference-style link beside a real endnote list stays a link', () => {
    expectFindings('See [the annex][1].[2]\n\n[1]: https://example.org/annex\n\n## Notes\n\n«1.» A bibliography entry.\n2. @customs.\n', [
      ['note.unused', 0],
      ['note.noSource', 0],
    ]);
  });

  test('an undefined superscript reference with a Footnotes list', () => {
    expectFindings('Talks resumed.¹ They stalled.«²»\n\n**Footnotes**\n\n1. @customs.\n', [['note.undefined', 0]]);
  });

  test('superscripts are not notes without a notes list', () => {
    expectFindings('Talks resumed.¹ It was signed in 2017.²\n', [], EMPTY);
  });

  test('km² and m³ are units, not note references', () => {
    expectFindings('Talks resumed.¹ The zone is wide (forty km²) and deep (ten m³).\n\n**Footnotes**\n\n1. @customs.\n', []);
  });

  test('a raw-HTML reference with no matching <li id>', () => {
    const fixture = [
      'Talks resumed.<sup><a href="#fn1">1</a></sup> They stalled.«<sup><a href="#fn2">2</a></sup>»',
      '',
      '<ol>',
      '<li id="fn1">@customs.</li>',
      '</ol>',
      '',
    ].join('\n');
    expectFindings(fixture, [['note.undefined', 0]]);
  });

  test('a reference in an HTML comment is not a reference', () => {
    expectFindings('Talks resumed.\n\n<!-- TODO [^todo] -->\n', [], EMPTY);
  });

  test('a reference inside a definition to a missing note', () => {
    expectFindings('Talks resumed.[^a]\n\n[^a]: @customs, see also «[^b]».\n', [['note.undefined', 0]]);
  });

  test('a year in brackets is not an endnote', () => {
    expectFindings('The treaty [2017] still holds.\n', [], EMPTY);
  });
});

describe('note.unused', () => {
  test('a GFM definition never referenced: the label `[^x]:`', () => {
    const f = expectFindings('Talks resumed.[^a]\n\n[^a]: @customs.\n«[^b]:» @defence.\n', [['note.unused', 0]]);
    assert.match(f[0]!.message, /\[\^b\]/);
    assert.equal(f[0]!.severity, 'warning');
  });

  test('a definition with indented continuation lines is one definition', () => {
    expectFindings('Talks resumed.[^a]\n\n[^a]: First line.\n    @customs, on the second line.\n\n    A second paragraph.\n', []);
  });

  test('an ordered-list note item never referenced: the label `2.`', () => {
    expectFindings('Talks resumed.[1]\n\n## Endnotes\n\n1. @customs.\n«2.» @defence.\n', [['note.unused', 0]]);
  });

  test('a `[n] text` line never referenced: the label `[n]`', () => {
    expectFindings('Talks resumed.[1]\n\n### sources\n\n[1] @customs.\n«[2]» @defence.\n', [['note.unused', 0]]);
  });

  test('the LAST notes heading holds the list', () => {
    const fixture = [
      '# Brief',
      '',
      '## Sources',
      '',
      'The sources are listed at the end.',
      '',
      '1. Not a note list, this is prose under an earlier heading: 42 troops.',
      '',
      'Talks resumed.[1]',
      '',
      '#### REFERENCES',
      '',
      '1. @customs.',
      '',
    ].join('\n');
    // The list under "Sources" is running text: its figure is a statistic, uncited.
    const { text } = mark(fixture);
    const findings = run(text);
    assert.deepEqual(
      findings.map((f) => f.code),
      ['stat.uncited'],
    );
  });

  test('a numbered bibliography with no [n] citations is not a set of unused notes', () => {
    expectFindings('Talks resumed.[^a]\n\n[^a]: @customs.\n\n## References\n\n1. @customs.\n2. @defence.\n', []);
  });

  test('an unused raw-HTML note item: the <li> tag', () => {
    const fixture = [
      'Talks resumed.<sup><a href="#fn1">1</a></sup>',
      '',
      '<ol>',
      '<li id="fn1">@customs.</li>',
      '«<li id="fn2">»@defence.</li>',
      '</ol>',
      '',
    ].join('\n');
    expectFindings(fixture, [['note.unused', 0]]);
  });

  test('unused notes have a (not safe) removal fix', () => {
    const f = expectFindings('Talks resumed.[^a]\n\n[^a]: @customs.\n\n«[^b]:» @defence.\n', [['note.unused', 0]]);
    assert.equal(f[0]!.fixes?.[0]?.safe, false);
  });
});

describe('note.duplicate', () => {
  test('reported on the second definition, naming the line of the first', () => {
    const f = expectFindings('Talks resumed.[^a]\n\n[^a]: @customs.\n«[^a]:» @defence.\n', [['note.duplicate', 0]]);
    assert.match(f[0]!.message, /line 3/);
    assert.equal(f[0]!.severity, 'error');
  });

  test('labels differing only in case are the same label', () => {
    expectFindings('Talks resumed.[^Note]\n\n[^note]: @customs.\n«[^NOTE]:» @defence.\n', [['note.duplicate', 0]]);
  });

  test('a `[n] text` line repeated in the notes list', () => {
    expectFindings('Talks resumed.[1]\n\n## Notes\n\n[1] @customs.\n«[1]» @defence.\n', [['note.duplicate', 0]]);
  });

  test('an ordered list with a repeated number', () => {
    expectFindings('Talks resumed.[1] Then[2] again«[3]».\n\n## Notes\n\n1. @customs.\n2. @defence.\n«2.» @bank.\n', [
      ['note.undefined', 0],
      ['note.duplicate', 1],
    ]);
  });

  test('a lazily numbered list (1. 1. 1.) is numbered by position, no duplicates', () => {
    expectFindings('Talks resumed.[1] Then[2] again[3].\n\n## Notes\n\n1. @customs.\n1. @defence.\n1. @bank.\n', []);
  });
});

describe('note.gap', () => {
  test('once per gap, on the first reference to the label above it', () => {
    const f = expectFindings(
      'A.[^1] B.«[^3]» C.[^3] D.[^4] E.«[^7]»\n\n[^1]: @customs.\n[^3]: @customs.\n[^4]: @customs.\n[^7]: @customs.\n',
      [
        ['note.gap', 0],
        ['note.gap', 1],
      ],
    );
    const messages = f.map((x) => x.message).sort();
    assert.match(messages[0]!, /note 3 follows note 1; note 2 is missing/i);
    assert.match(messages[1]!, /note 7 follows note 4; notes 5.6 are missing/i);
  });

  test('a gap reported on the lowest label above the missing one, not the first cited', () => {
    // Cited 4 then 1: the gap 2-3 is reported on the (first) [4], order on [1].
    expectFindings('A.«[4]» B.«[1]»\n\n## Notes\n\n1. @customs.\n4. @customs.\n', [
      ['note.gap', 0],
      ['note.order', 1],
    ]);
  });

  test('bracketed endnotes', () => {
    const f = expectFindings('A.[1] B.«[3]»\n\n## Notes\n\n1. @customs.\n3. @customs.\n', [['note.gap', 0]]);
    assert.match(f[0]!.message, /note 2 is missing/);
  });

  test('a gap inside a group is reported on the group member', () => {
    expectFindings('A.[1, «3»]\n\n## Notes\n\n[1] @customs.\n[3] @customs.\n', [['note.gap', 0]]);
  });

  test('superscripts', () => {
    expectFindings('A.¹ B.«³»\n\n**Footnotes**\n\n1. @customs.\n3. @customs.\n', [['note.gap', 0]]);
  });

  test('missing notes below the lowest reference', () => {
    const f = expectFindings('A.«[^2]» B.[^3]\n\n[^2]: @customs.\n[^3]: @customs.\n', [['note.gap', 0]]);
    assert.match(f[0]!.message, /note 1 is missing/);
  });

  test('a defined but unused lower note is note.unused, not a gap', () => {
    expectFindings('A.[^2]\n\n«[^1]:» @customs.\n[^2]: @customs.\n', [['note.unused', 0]]);
  });

  test('named labels take no part in numbering', () => {
    expectFindings('A.[^1] B.[^tbl] C.[^2]\n\n[^1]: @customs.\n[^tbl]: @customs.\n[^2]: @customs.\n', []);
  });

  test('footnotes and endnotes are numbered separately', () => {
    expectFindings('A.[^1] B.[1] C.[^2] D.[2]\n\n[^1]: @customs.\n[^2]: @customs.\n\n## Notes\n\n1. @customs.\n2. @customs.\n', []);
  });

  test('the gap finding offers the renumber fix', () => {
    const f = expectFindings('A.[^1] B.«[^3]»\n\n[^1]: @customs.\n[^3]: @customs.\n', [['note.gap', 0]]);
    assert.equal(f[0]!.fixes?.[0]?.safe, true);
  });
});

describe('note.order', () => {
  test('on the first reference whose label is smaller than one cited before it', () => {
    const f = expectFindings(
      'A.[^1] B.[^3] C.«[^2]» D.[^2] E.[^4]\n\n[^1]: @customs.\n[^2]: @customs.\n[^3]: @customs.\n[^4]: @customs.\n',
      [['note.order', 0]],
    );
    assert.match(f[0]!.message, /\[\^2\].*\[\^3\]/);
  });

  test('reported once, even when later references are out of order too', () => {
    expectFindings('A.[2] B.«[1]» C.[4] D.[3]\n\n## Notes\n\n1. @customs.\n2. @customs.\n3. @customs.\n4. @customs.\n', [
      ['note.order', 0],
    ]);
  });

  test('a repeated earlier reference is not out of order', () => {
    expectFindings('A.[^1] B.[^2] C.[^1] D.[^3]\n\n[^1]: @customs.\n[^2]: @customs.\n[^3]: @customs.\n', []);
  });

  test('references inside notes count after running text', () => {
    // [^3] is cited only from note 1, so it comes after [^2] although written earlier.
    expectFindings('A.[^1] B.[^2]\n\n[^1]: @customs, and see [^3].\n[^2]: @customs.\n[^3]: @customs.\n', []);
  });

  test('raw-HTML references', () => {
    const fixture = [
      'A.<sup><a href="#fn2">2</a></sup> B.«<sup><a href="#fn1">1</a></sup>»',
      '',
      '<ol>',
      '<li id="fn1">@customs.</li>',
      '<li id="fn2">@customs.</li>',
      '</ol>',
      '',
    ].join('\n');
    expectFindings(fixture, [['note.order', 0]]);
  });

  test('`<sup>n</sup>` references with a bold Footnotes heading', () => {
    expectFindings('A.<sup>2</sup> B.«<sup>1</sup>»\n\n**Footnotes**\n\n1. @customs.\n2. @customs.\n', [['note.order', 0]]);
  });
});

describe('note.noSource', () => {
  test('a note with neither @id nor a known URL: info on its label', () => {
    const f = expectFindings('A.[^1]\n\n«[^1]:» Interview with an official, May 2017.\n', [['note.noSource', 0]]);
    assert.equal(f[0]!.severity, 'info');
  });

  test('a link or bare URL equal to a source URL, normalised, names the source', () => {
    const fixture = [
      'A.[^1] B.[^2] C.[^3]',
      '',
      '[^1]: <http://example.org/customs/2017q1#table-4>',
      '[^2]: [White paper](https://www.defence.example.gov/white-paper/).',
      '[^3]: See [the paper][wp].',
      '',
      '[wp]: https://defence.example.gov/white-paper',
      '',
    ].join('\n');
    expectFindings(fixture, []);
  });

  test('a link to an unknown URL is not a known source', () => {
    expectFindings('A.[1]\n\n## Notes\n\n«1.» https://elsewhere.example/report\n', [['note.noSource', 0]]);
  });

  test('not reported when no fact file is loaded', () => {
    expectFindings('A.[^1]\n\n[^1]: Interview.\n', [], EMPTY);
  });

  test('a `[n] text` note and an HTML note', () => {
    const fixture = [
      'A.[1] B.<sup><a href="#fn2">2</a></sup>',
      '',
      '## Notes',
      '',
      '«[1]» Interview.',
      '',
      '<ol>',
      '<li id="fn2">@customs.</li>',
      '</ol>',
      '',
    ].join('\n');
    // The HTML list sits in the notes section too.
    expectFindings(fixture, [['note.noSource', 0]]);
  });
});

describe('source.unknown', () => {
  test('an @id in a note that names no source covers `@id`', () => {
    const f = expectFindings('Trade grew 37.4%.[^1]\n\n[^1]: «@customs-2018», table 4.\n', [['source.unknown', 0]]);
    assert.match(f[0]!.message, /@customs-2018/);
    assert.equal(f[0]!.severity, 'error');
  });

  test('an inline [@a; @b, p. 3] citation checks each key', () => {
    expectFindings('Trade grew 37.4% [@customs; «@nobody», p. 3].\n', [['source.unknown', 0]]);
  });

  test('an e-mail address is not a key', () => {
    expectFindings('A.[^1]\n\n[^1]: @customs; write to press@example.org.\n', []);
  });

  test('with no fact file every key is unknown', () => {
    const f = expectFindings('A.[^1]\n\n[^1]: «@customs».\n', [['source.unknown', 0]], EMPTY);
    assert.match(f[0]!.message, /no fact file/);
  });
});

describe('stat.uncited', () => {
  test('from the first digit to the end of the unit', () => {
    const f = expectFindings('Trade grew «37.4%» in the quarter.\n', [['stat.uncited', 0]]);
    assert.equal(f[0]!.severity, 'warning');
    assert.match(f[0]!.message, /37\.4%/);
  });

  test('from the currency sign; a hedge is not part of the range', () => {
    expectFindings('The port borrowed almost «$2.4 billion». Roughly «1,200 defectors» came. Nearly «46 per cent» agreed.\n', [
      ['stat.uncited', 0],
      ['stat.uncited', 1],
      ['stat.uncited', 2],
    ]);
  });

  test('a note reference in another sentence does not cite it', () => {
    expectFindings('Talks resumed in April.[^1] Trade grew «37.4%».\n\n[^1]: @customs.\n', [['stat.uncited', 0]]);
  });

  test('a reference after the closing punctuation or quote belongs to the sentence', () => {
    expectFindings(
      'Trade grew 37.4%.[^1] Officials said "trade grew 37.4%."[2] Next.\n\n[^1]: @customs.\n\n## Notes\n\n«1.» @customs.\n2. @customs.\n',
      [['note.unused', 0]],
    );
  });

  test('abbreviations do not end the sentence', () => {
    expectFindings('U.S. officials counted 3,200 troops at the border.[^1]\n\n[^1]: @defence.\n', []);
  });

  test('years, ordinals and numbers in headings, code and note text are not statistics', () => {
    const fixture = [
      '# 2017: 40% of what?',
      '',
      'The fifth trip, in April 2017, after the 1950-53 war. Section 3 applies. Use `50%`.',
      '',
      '[^1]: @customs, 37.4% in the note text.',
      '',
      'See https://example.org/46% for more.[^1]',
      '',
    ].join('\n');
    expectFindings(fixture, []);
  });

  test('a statistic in a table cell cited in the same row', () => {
    const fixture = [
      '| Measure | Value | Source |',
      '| --- | --- | --- |',
      '| Trade growth | 37.4% | [^1] |',
      '| Troops | «3,200 troops» | |',
      '',
      '[^1]: @customs.',
      '',
    ].join('\n');
    expectFindings(fixture, [['stat.uncited', 0]]);
  });

  test('a citation in the column header or caption line cites the cells', () => {
    const header = ['| Measure | Value[^1] |', '| --- | --- |', '| Trade growth | 37.4% |', '', '[^1]: @customs.', ''].join('\n');
    expectFindings(header, []);
    const caption = [
      'Table 1: Trade.[^1]',
      '| Measure | Value |',
      '| --- | --- |',
      '| Trade growth | 37.4% |',
      '',
      '[^1]: @customs.',
      '',
    ].join('\n');
    expectFindings(caption, []);
    const after = ['| Measure | Value |', '| --- | --- |', '| Trade growth | 37.4% |', '', 'Source: [@customs]', ''].join('\n');
    expectFindings(after, []);
  });

  test('citationScope paragraph: a citation anywhere in the paragraph counts', () => {
    const text = 'Talks resumed in April.[^1] Trade grew 37.4%.\n\n[^1]: @customs.\n';
    assert.deepEqual(
      run(text, factIndex(), { citationScope: 'paragraph' }).map((f) => f.code),
      [],
    );
  });

  test('the uncited finding offers a citation fix when a fact supports the figure', () => {
    const f = expectFindings('Trade grew «37.4%» in the quarter.\n', [['stat.uncited', 0]]);
    assert.equal(f[0]!.factId, 'trade-growth');
    assert.ok(f[0]!.fixes?.[0]?.title.includes('customs'));
  });
});

describe('stat.mismatch', () => {
  test('gives the written figure, the fact value and its source', () => {
    const f = expectFindings('Trade grew «73.4%» in the quarter.[^1]\n\n[^1]: @customs, table 4.\n', [['stat.mismatch', 0]]);
    assert.equal(f[0]!.severity, 'error');
    assert.equal(f[0]!.factId, 'trade-growth');
    assert.match(f[0]!.message, /73\.4%/);
    assert.match(f[0]!.message, /customs/);
    assert.match(f[0]!.message, /37\.4 percent/);
  });

  test('money: the range runs from the currency sign to the scale word', () => {
    const f = expectFindings('The port loan was «$4.2 billion».[^1]\n\n[^1]: @bank.\n', [['stat.mismatch', 0]]);
    assert.match(f[0]!.message, /USD 2,400,000,000/);
  });

  test('a count and its noun', () => {
    expectFindings('Some «2,100 defectors» arrived in the south.[^1]\n\n[^1]: @defence.\n', [['stat.mismatch', 0]]);
  });

  test('hedges widen the claim', () => {
    // 37.4 lies in [0.95·38, 38] (nearly 38) and in [0.95·36, 1.05·36] (about 36).
    expectFindings('Trade grew nearly 38%.[^1] Trade grew about 36%.[^1]\n\n[^1]: @customs.\n', []);
    // More than 37.4 claims (37.4, 39.27]: the fact 37.4 does not fit, and the message
    // says what the text claims, hedge included (not "Text says 37.4%").
    const moreThan = expectFindings('Trade grew by more than «37.4%».[^1]\n\n[^1]: @customs.\n', [['stat.mismatch', 0]]);
    assert.match(moreThan[0]!.message, /^Text says more than 37\.4%; customs says 37\.4 percent/);
    const tilde = expectFindings('Trade grew ~«50%».[^1]\n\n[^1]: @customs.\n', [['stat.mismatch', 0]]);
    assert.match(tilde[0]!.message, /^Text says ~50%;/);
    // Just under 40 claims [38, 40]: 37.4 does not fit.
    expectFindings('Trade grew just under «40%».[^1]\n\n[^1]: @customs.\n', [['stat.mismatch', 0]]);
  });

  test('a bare figure claims its rounding', () => {
    expectFindings('Trade grew 37%.[^1]\n\n[^1]: @customs.\n', []);
    expectFindings('Trade grew «37.0%».[^1]\n\n[^1]: @customs.\n', [['stat.mismatch', 0]]);
  });

  test('a hyperlink in running text to a source URL checks against that source', () => {
    expectFindings('Trade grew «40%», say [customs data](http://example.org/customs/2017q1).\n', [['stat.mismatch', 0]]);
    expectFindings('Trade grew «40%» (<https://www.example.org/customs/2017q1>).\n', [['stat.mismatch', 0]]);
    expectFindings('Trade grew «40%» per [customs][c].\n\n[c]: https://example.org/customs/2017q1/\n', [['stat.mismatch', 0]]);
  });

  test('an inline [@id] citation', () => {
    expectFindings('Trade grew «40%» [@customs, p. 4].\n', [['stat.mismatch', 0]]);
  });

  test("bracketed, superscript and HTML endnotes cite their note's source", () => {
    expectFindings('Trade grew «40%».[1]\n\n## Notes\n\n1. @customs.\n', [['stat.mismatch', 0]]);
    expectFindings('Trade grew «40%».¹\n\n**Footnotes**\n\n1. @customs.\n', [['stat.mismatch', 0]]);
    const html = ['Trade grew «40%».<sup><a href="#fn1">1</a></sup>', '', '<ol>', '<li id="fn1">@customs.</li>', '</ol>', ''].join('\n');
    expectFindings(html, [['stat.mismatch', 0]]);
  });

  test('a note in a table row cites the row', () => {
    const fixture = ['| Measure | Value |', '| --- | --- |', '| Trade growth[^1] | «40%» |', '', '[^1]: @customs.', ''].join('\n');
    expectFindings(fixture, [['stat.mismatch', 0]]);
  });
});

describe('stat.unsupported', () => {
  test('a cited source with no fact in this unit', () => {
    const f = expectFindings('Trade grew by «400 tonnes».[^1]\n\n[^1]: @customs.\n', [['stat.unsupported', 0]]);
    assert.match(f[0]!.message, /customs/);
    assert.equal(f[0]!.severity, 'warning');
  });

  test('a candidate of the unit but on another subject', () => {
    // The only percent fact of "customs" is about trade; this sentence shares no word with it.
    expectFindings('Inflation reached «12%».[^1]\n\n[^1]: @customs.\n', [['stat.unsupported', 0]]);
  });
});

describe('statistics whose citation cannot be checked get no stat.* finding', () => {
  test('cited only through an undefined note', () => {
    expectFindings('Trade grew 40%.«[^1]»\n', [['note.undefined', 0]]);
    expectFindings('Trade grew 40%.«[1]»\n', [['note.undefined', 0]]);
  });

  test('cited through a note that names no known source', () => {
    expectFindings('Trade grew 40%.[^1]\n\n«[^1]:» Interview with an official.\n', [['note.noSource', 0]]);
  });

  test('cited through a note naming an unknown @id', () => {
    expectFindings('Trade grew 40%.[^1]\n\n[^1]: «@nobody».\n', [['source.unknown', 0]]);
  });

  test('cited through a hyperlink to an unknown source', () => {
    expectFindings('Trade grew 40%, says [a blog](https://blog.example/trade).\n', []);
    expectFindings('Trade grew 40%, see https://blog.example/trade.\n', []);
  });

  test('cited through an inline key naming no source', () => {
    expectFindings('Trade grew 40% [«@nobody»].\n', [['source.unknown', 0]]);
  });
});

describe('mixed documents', () => {
  test('GFM footnotes, bracketed endnotes and links side by side', () => {
    const fixture = [
      '# Brief',
      '',
      'Trade grew 37.4% in the first quarter.[^trade] Some 3,200 troops were at the border.[1]',
      'The port borrowed $2.4 billion [@bank]. See [the report][r] and «[^missing]».',
      '',
      '[r]: https://example.org/report',
      '',
      '[^trade]: @customs, table 4.',
      '    Figures are provisional.',
      '',
      '## Notes',
      '',
      '1. [White paper](https://defence.example.gov/white-paper).',
      '«2.» @defence.',
      '',
    ].join('\n');
    expectFindings(fixture, [
      ['note.undefined', 0],
      ['note.unused', 1],
    ]);
  });
});
