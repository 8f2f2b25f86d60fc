// The fixes: renumbering, converting [n] endnotes to [^n] footnotes, inserting a
// citation and replacing a figure. Each test checks the exact text a fix produces, and
// that after applying it the targeted finding is gone and no new finding appears.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBriefing } from '../../src/core/analyze/analyzeBriefing';
import { checkBriefing } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile } from '../../src/core/facts/parseFactFile';
import { applyEdits } from '../../src/core/fixes/applyEdits';
import { convertEndnotesFix } from '../../src/core/fixes/convertEndnotes';
import { renumberFix } from '../../src/core/fixes/renumber';
import { applySafeFixes } from '../../src/core/fixes/safeFixes';
import { resolveNotes } from '../../src/core/notes/resolve';
import type { Finding, FixData } from '../../src/core/types';

const FACTS = FactIndex.from([
  parseFactFile(
    JSON.stringify({
      sources: {
        customs: { title: 'Customs statistics', url: 'https://example.org/customs' },
        defence: { title: 'Defence white paper' },
        bank: { title: 'Development bank report' },
      },
      facts: [
        {
          id: 'trade',
          statement: 'Trade with North Korea, growth in Q1',
          value: 37.4,
          unit: 'percent',
          source: 'customs',
          quote: 'Trade rose 37.4 percent.',
          locator: 'table 4',
          keywords: ['trade'],
        },
        {
          id: 'troops',
          statement: 'Troops deployed at the border',
          value: 3200,
          unit: 'troops',
          source: 'defence',
          quote: '3,200 troops.',
          keywords: ['troops', 'border'],
        },
        {
          id: 'big-troops',
          statement: 'Troops in the northern command',
          value: 12500,
          unit: 'troops',
          source: 'defence',
          quote: '12,500 troops.',
          keywords: ['command'],
        },
        {
          id: 'loan',
          statement: 'Loan to the port authority',
          value: 2400000000,
          unit: 'USD',
          source: 'bank',
          quote: 'A $2.4bn loan.',
          keywords: ['loan', 'port'],
        },
        {
          id: 'rate',
          statement: 'Unemployment rate in the region',
          value: 89.7,
          unit: 'percent',
          source: 'bank',
          quote: '89.7 percent.',
          keywords: ['unemployment'],
        },
      ],
    }),
    'test.facts.json',
  ),
]);

/** `code «slice»` of each finding, sorted: a shape that survives edits elsewhere in the text. */
function shape(text: string, findings: Finding[]): string[] {
  return findings.map((f) => `${f.code} «${text.slice(f.span.start, f.span.end)}»`).sort();
}

function findings(text: string): Finding[] {
  return checkBriefing(text, FACTS).findings;
}

/**
 * Applies `fix` to `text`, then asserts that the finding it repairs (`code` on `slice`)
 * is gone and that the other findings are those of before (`expectAfter` overrides).
 */
function applyAndRecheck(text: string, fix: FixData, target: { code: string; slice: string }, expectAfter?: string[]): string {
  const before = shape(text, findings(text));
  assert.ok(
    before.includes(`${target.code} «${target.slice}»`),
    `expected ${target.code} «${target.slice}» before the fix, got ${before.join('; ')}`,
  );
  const after = applyEdits(text, fix.edits);
  const remaining = shape(after, findings(after));
  const wanted = expectAfter ?? before.filter((s) => s !== `${target.code} «${target.slice}»`);
  assert.deepEqual(remaining, wanted, `after the fix:\n${after}`);
  return after;
}

function fixOf(text: string, code: string, slice?: string, which = 0): { fix: FixData; finding: Finding } {
  const found = findings(text).filter((f) => f.code === code && (slice === undefined || text.slice(f.span.start, f.span.end) === slice));
  assert.ok(found[0], `no ${code} finding${slice ? ` on «${slice}»` : ''}`);
  const fix = found[0].fixes?.[which];
  assert.ok(fix, `${code} has no fix`);
  return { fix, finding: found[0] };
}

function renumber(text: string): string | undefined {
  const model = analyzeBriefing(text);
  const fix = renumberFix({ model, notes: resolveNotes(model) });
  return fix && applyEdits(text, fix.edits);
}

function lines(...l: string[]): string {
  return l.join('\n') + '\n';
}

describe('renumber', () => {
  test('GFM labels and definitions move together', () => {
    const text = lines('Alpha.[^2] Beta.[^1] Gamma.[^2]', '', '[^1]: @customs, first written.', '[^2]: @defence, second written.');
    const out = renumber(text);
    assert.equal(out, lines('Alpha.[^1] Beta.[^2] Gamma.[^1]', '', '[^1]: @defence, second written.', '[^2]: @customs, first written.'));
    applyAndRecheck(text, fixOf(text, 'note.order').fix, { code: 'note.order', slice: '[^1]' });
  });

  test('a notes list is reordered so each item keeps its text', () => {
    const text = lines('Alpha.[3] Beta.[1] Gamma.[2]', '', '## Notes', '', '1. @customs, one.', '2. @defence, two.', '3. @bank, three.');
    assert.equal(
      renumber(text),
      lines('Alpha.[1] Beta.[2] Gamma.[3]', '', '## Notes', '', '1. @bank, three.', '2. @customs, one.', '3. @defence, two.'),
    );
  });

  test('a gap closes: labels become consecutive', () => {
    const text = lines('Alpha.[^1] Beta.[^4]', '', '[^1]: @customs.', '[^4]: @defence.');
    assert.equal(renumber(text), lines('Alpha.[^1] Beta.[^2]', '', '[^1]: @customs.', '[^2]: @defence.'));
    applyAndRecheck(text, fixOf(text, 'note.gap').fix, { code: 'note.gap', slice: '[^4]' });
  });

  test('references nested inside moved definitions are relabelled too', () => {
    const text = lines('Alpha.[^2] Beta.[^1]', '', '[^1]: @customs, see also [^2].', '[^2]: @defence.');
    assert.equal(renumber(text), lines('Alpha.[^1] Beta.[^2]', '', '[^1]: @defence.', '[^2]: @customs, see also [^1].'));
  });

  test('a definition with continuation lines moves whole', () => {
    const text = lines('Alpha.[^2] Beta.[^1]', '', '[^1]: @customs, first.', '    More of the first.', '', '[^2]: @defence, second.');
    assert.equal(
      renumber(text),
      lines('Alpha.[^1] Beta.[^2]', '', '[^1]: @defence, second.', '', '[^2]: @customs, first.', '    More of the first.'),
    );
  });

  test('groups get their new numbers, ascending', () => {
    const text = lines(
      'Alpha.[2, 3] Beta.[1] Gamma.[4-5]',
      '',
      '## Notes',
      '',
      '1. @customs, one.',
      '2. @defence, two.',
      '3. @bank, three.',
      '4. @bank, four.',
      '5. @bank, five.',
    );
    assert.equal(
      renumber(text),
      lines(
        'Alpha.[1, 2] Beta.[3] Gamma.[4, 5]',
        '',
        '## Notes',
        '',
        '1. @defence, two.',
        '2. @bank, three.',
        '3. @customs, one.',
        '4. @bank, four.',
        '5. @bank, five.',
      ),
    );
  });

  test('`[n] text` note lines are reordered', () => {
    const text = lines('Alpha.[2] Beta.[1]', '', '## Sources', '', '[1] @customs, one.', '[2] @defence, two.');
    assert.equal(renumber(text), lines('Alpha.[1] Beta.[2]', '', '## Sources', '', '[1] @defence, two.', '[2] @customs, one.'));
  });

  test('superscripts', () => {
    const text = lines('Alpha.² Beta.¹', '', '**Footnotes**', '', '1. @customs, one.', '2. @defence, two.');
    assert.equal(renumber(text), lines('Alpha.¹ Beta.²', '', '**Footnotes**', '', '1. @defence, two.', '2. @customs, one.'));
  });

  test('raw-HTML notes: references, ids and the (positional) list order', () => {
    const text = lines(
      'Alpha.<sup><a href="#fn2">2</a></sup> Beta.<sup><a href="#fn1">1</a></sup>',
      '',
      '<ol>',
      '<li id="fn1">@customs, one.</li>',
      '<li id="fn2">@defence, two.</li>',
      '</ol>',
    );
    const out = renumber(text)!;
    assert.equal(
      out,
      lines(
        'Alpha.<sup><a href="#fn1">1</a></sup> Beta.<sup><a href="#fn2">2</a></sup>',
        '',
        '<ol>',
        '<li id="fn1">@defence, two.</li>',
        '<li id="fn2">@customs, one.</li>',
        '</ol>',
      ),
    );
  });

  test('raw-HTML lists of references (`<sup>2,3</sup>`) get their new numbers, ascending, spaced as written', () => {
    const text = lines(
      'Alpha.<sup>2,3</sup> Beta.<sup>1</sup> Gamma.<sup>4, 5</sup>',
      '',
      '## Notes',
      '',
      '1. @customs, one.',
      '2. @defence, two.',
      '3. @bank, three.',
      '4. @bank, four.',
      '5. @bank, five.',
    );
    assert.equal(
      renumber(text),
      lines(
        'Alpha.<sup>1,2</sup> Beta.<sup>3</sup> Gamma.<sup>4, 5</sup>',
        '',
        '## Notes',
        '',
        '1. @defence, two.',
        '2. @bank, three.',
        '3. @customs, one.',
        '4. @bank, four.',
        '5. @bank, five.',
      ),
    );
  });

  test('unreferenced definitions go last, in document order', () => {
    const text = lines('Alpha.[^3]', '', '[^1]: @customs.', '[^2]: @defence.', '[^3]: @bank.');
    assert.equal(renumber(text), lines('Alpha.[^1]', '', '[^1]: @bank.', '[^2]: @customs.', '[^3]: @defence.'));
  });

  test('never when a reference is undefined or a label is defined twice', () => {
    const undefinedRef = lines('Alpha.[^2] Beta.[^1] Gamma.[^9]', '', '[^1]: @customs.', '[^2]: @defence.');
    assert.equal(renumber(undefinedRef), undefined);
    const order = findings(undefinedRef).filter((f) => f.code === 'note.order');
    assert.equal(order.length, 1);
    assert.equal(order[0]!.fixes, undefined);
    const duplicate = lines('Alpha.[2] Beta.[1]', '', '## Notes', '', '[1] @customs.', '[2] @defence.', '[2] @bank.');
    assert.equal(renumber(duplicate), undefined);
  });

  test('idempotent: renumbering a renumbered text changes nothing', () => {
    const text = lines('Alpha.[^3] Beta.[^1] Gamma.[^2]', '', '[^1]: @customs.', '[^2]: @defence.', '[^3]: @bank.');
    const once = renumber(text)!;
    assert.equal(renumber(once), undefined);
  });

  test('an escaped `\\[n\\]` reference keeps its escapes', () => {
    const text = lines('Alpha.\\[2\\] Beta.\\[1\\]', '', '## Notes', '', '1. @customs.', '2. @defence.');
    assert.equal(renumber(text), lines('Alpha.\\[1\\] Beta.\\[2\\]', '', '## Notes', '', '1. @defence.', '2. @customs.'));
  });
});

describe('convert [n] endnotes to [^n] footnotes', () => {
  function convert(text: string): string | undefined {
    const fix = convertEndnotesFix(analyzeBriefing(text));
    return fix && applyEdits(text, fix.edits);
  }

  test('references, groups and ranges; ordered-list items', () => {
    const text = lines(
      'Alpha.[1] Beta.[2, 3] Gamma.[4-5]',
      '',
      '## Notes',
      '',
      '1. @customs, one.',
      '2. @defence, two.',
      '3. @bank, three.',
      '4. @bank, four.',
      '5. @bank, five.',
    );
    const out = convert(text)!;
    assert.equal(
      out,
      lines(
        'Alpha.[^1] Beta.[^2][^3] Gamma.[^4][^5]',
        '',
        '## Notes',
        '',
        '[^1]: @customs, one.',
        '[^2]: @defence, two.',
        '[^3]: @bank, three.',
        '[^4]: @bank, four.',
        '[^5]: @bank, five.',
      ),
    );
    assert.deepEqual(shape(out, findings(out)), shape(text, findings(text)));
    const model = analyzeBriefing(out);
    assert.ok(model.refs.every((r) => r.namespace === 'footnote'));
    assert.deepEqual(
      resolveNotes(model).defOfRef.map((d) => d?.label),
      ['1', '2', '3', '4', '5'],
    );
  });

  test('a `<sup>1,2</sup>` list becomes one footnote reference per number', () => {
    const text = lines(
      'Alpha.<sup>1,2</sup> Beta.<sup>3-4</sup>',
      '',
      '## Notes',
      '',
      '1. @customs, one.',
      '2. @defence, two.',
      '3. @bank, three.',
      '4. @bank, four.',
    );
    assert.equal(
      convert(text),
      lines(
        'Alpha.[^1][^2] Beta.[^3][^4]',
        '',
        '## Notes',
        '',
        '[^1]: @customs, one.',
        '[^2]: @defence, two.',
        '[^3]: @bank, three.',
        '[^4]: @bank, four.',
      ),
    );
  });

  test('a multi-paragraph list item keeps its paragraphs in the note (4-space continuation)', () => {
    const text = lines(
      'Alpha.[1] Beta.[2]',
      '',
      '## Notes',
      '',
      '1. @customs, one.',
      '',
      '   A second paragraph of note one.',
      '',
      '2. @defence, two.',
    );
    const out = convert(text)!;
    assert.equal(
      out,
      lines(
        'Alpha.[^1] Beta.[^2]',
        '',
        '## Notes',
        '',
        '[^1]: @customs, one.',
        '',
        '    A second paragraph of note one.',
        '',
        '[^2]: @defence, two.',
      ),
    );
    const def = analyzeBriefing(out).defs.find((d) => d.label === '1')!;
    assert.match(def.text, /second paragraph/);
  });

  test('a wide list marker (10.) is re-indented too', () => {
    const items = Array.from({ length: 10 }, (_, i) => `${i + 1}. @customs, note ${i + 1}.`);
    items[9] = '10. @customs, note 10.\n\n    Second paragraph of ten.';
    const refs = Array.from({ length: 10 }, (_, i) => `S${i}.[${i + 1}]`).join(' ');
    const out = convert(lines(refs, '', '## Notes', '', ...items))!;
    const def = analyzeBriefing(out).defs.find((d) => d.label === '10')!;
    assert.match(def.text, /Second paragraph of ten/);
  });

  test('`[n] text` lines', () => {
    const text = lines('Alpha.[1] Beta.[2]', '', '## References', '', '[1] @customs, one.', '[2] @defence, two.');
    const out = convert(text)!;
    assert.equal(out, lines('Alpha.[^1] Beta.[^2]', '', '## References', '', '[^1]: @customs, one.', '[^2]: @defence, two.'));
    assert.deepEqual(findings(out), []);
  });

  test('superscripts', () => {
    const text = lines('Alpha.¹ Beta.² Gamma.<sup>3</sup>', '', '**Footnotes**', '', '1. @customs.', '2. @defence.', '3. @bank.');
    const out = convert(text)!;
    assert.equal(
      out,
      lines('Alpha.[^1] Beta.[^2] Gamma.[^3]', '', '**Footnotes**', '', '[^1]: @customs.', '[^2]: @defence.', '[^3]: @bank.'),
    );
    assert.deepEqual(findings(out), []);
  });

  test('a statistic stays cited by the converted note', () => {
    const text = lines('Trade grew 40%.[1]', '', '## Notes', '', '1. @customs, table 4.');
    const out = convert(text)!;
    assert.deepEqual(shape(out, findings(out)), ['stat.mismatch «40%»']);
  });

  test('not offered for raw-HTML endnotes, nor without a notes list', () => {
    assert.equal(convert(lines('Alpha.<sup><a href="#fn1">1</a></sup>', '', '<ol>', '<li id="fn1">@customs.</li>', '</ol>')), undefined);
    assert.equal(convert(lines('Alpha.[1]')), undefined);
  });

  test('applySafeFixes converts then renumbers', () => {
    const text = lines('Alpha.[2] Beta.[1]', '', '## Notes', '', '1. @customs, one.', '2. @defence, two.');
    const { text: out, applied } = applySafeFixes(text);
    assert.equal(applied.length, 2);
    assert.equal(out, lines('Alpha.[^1] Beta.[^2]', '', '## Notes', '', '[^1]: @defence, two.', '[^2]: @customs, one.'));
    assert.deepEqual(findings(out), []);
  });

  test("applySafeFixes given the text's own model (the server's) gives what it gives alone, and ignores a model of another text", () => {
    const texts = [
      lines('Alpha.[2] Beta.[1]', '', '## Notes', '', '1. @customs, one.', '2. @defence, two.'),
      lines('Alpha.[^2] Beta.[^1]', '', '[^1]: @customs, one.', '[^2]: @defence, two.'),
      lines('Alpha.[1] Beta.[2]', '', '## Notes', '', '1. @customs, one.', '2. @defence, two.'),
      lines('Alpha.[^1] Beta.[^2]', '', '[^1]: @customs, one.', '[^2]: @defence, two.'),
    ];
    for (const text of texts) {
      const alone = applySafeFixes(text, { citationScope: 'paragraph' });
      assert.deepEqual(applySafeFixes(text, { citationScope: 'paragraph' }, analyzeBriefing(text, { citationScope: 'paragraph' })), alone);
      assert.deepEqual(applySafeFixes(text, { citationScope: 'paragraph' }, analyzeBriefing(texts[3]!)), alone, 'a model of another text');
    }
  });
});

describe('insert citation (stat.uncited fix)', () => {
  test('a new GFM note with the next number, after the closing punctuation', () => {
    const text = lines('Talks resumed.[^1] Trade grew 37.4% in the quarter. Talks ended.', '', '[^1]: @defence.');
    const { fix } = fixOf(text, 'stat.uncited', '37.4%');
    assert.match(fix.title, /customs in a new note 2/);
    const out = applyAndRecheck(text, fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(
      out,
      lines('Talks resumed.[^1] Trade grew 37.4% in the quarter.[^2] Talks ended.', '', '[^1]: @defence.', '[^2]: @customs, table 4.'),
    );
  });

  test('a note inserted before later notes renumbers them, so they stay in order', () => {
    const text = lines('Trade grew 37.4% in the quarter. Talks resumed.[^1]', '', '[^1]: @defence.');
    const { fix } = fixOf(text, 'stat.uncited', '37.4%');
    assert.match(fix.title, /new note 1/);
    const out = applyAndRecheck(text, fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(out, lines('Trade grew 37.4% in the quarter.[^1] Talks resumed.[^2]', '', '[^1]: @customs, table 4.', '[^2]: @defence.'));
  });

  test('a reused note cited ahead of others renumbers them too', () => {
    const text = lines('Trade grew 37.4%. Talks resumed.[1] Trade talks too.[2]', '', '## Notes', '', '1. @defence.', '2. @customs.');
    const out = applyAndRecheck(text, fixOf(text, 'stat.uncited').fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(
      out,
      lines('Trade grew 37.4%.[1] Talks resumed.[2] Trade talks too.[1]', '', '## Notes', '', '1. @customs.', '2. @defence.'),
    );
  });

  test('notes already out of order are left to note.order', () => {
    const text = lines('Trade grew 37.4%. Talks resumed.[^2] Then.[^1]', '', '[^1]: @defence.', '[^2]: @bank.');
    // Still one note.order: now on [^2], the first reference below the new [^3].
    const out = applyAndRecheck(text, fixOf(text, 'stat.uncited').fix, { code: 'stat.uncited', slice: '37.4%' }, ['note.order «[^2]»']);
    assert.equal(
      out,
      lines('Trade grew 37.4%.[^3] Talks resumed.[^2] Then.[^1]', '', '[^1]: @defence.', '[^2]: @bank.', '[^3]: @customs, table 4.'),
    );
  });

  test('after a closing quote', () => {
    const text = lines('An official said "trade grew 37.4%." Talks resumed.');
    const out = applyAndRecheck(text, fixOf(text, 'stat.uncited').fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(out, lines('An official said "trade grew 37.4%."[^1] Talks resumed.', '', '[^1]: @customs, table 4.'));
  });

  test('reuses the note that already cites the source', () => {
    const text = lines('Talks resumed.[^a] Trade grew 37.4%.', '', '[^a]: @customs, table 1.');
    const out = applyAndRecheck(text, fixOf(text, 'stat.uncited').fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(out, lines('Talks resumed.[^a] Trade grew 37.4%.[^a]', '', '[^a]: @customs, table 1.'));
  });

  test('reuses a note that cites the source by URL', () => {
    const text = lines('Talks resumed.[1] Trade grew 37.4%.', '', '## Notes', '', '1. https://www.example.org/customs/');
    const out = applyAndRecheck(text, fixOf(text, 'stat.uncited').fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(out, lines('Talks resumed.[1] Trade grew 37.4%.[1]', '', '## Notes', '', '1. https://www.example.org/customs/'));
  });

  test('in a document of bracketed endnotes: a new list item', () => {
    const text = lines('Talks resumed.[1] Trade grew 37.4%.', '', '## Notes', '', '1. @defence.');
    const out = applyAndRecheck(text, fixOf(text, 'stat.uncited').fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(out, lines('Talks resumed.[1] Trade grew 37.4%.[2]', '', '## Notes', '', '1. @defence.', '2. @customs, table 4.'));
  });

  test('in a document of `[n] text` lines: a new line', () => {
    const text = lines('Talks resumed.[1] Trade grew 37.4%.', '', '## Notes', '', '[1] @defence.');
    const out = applyAndRecheck(text, fixOf(text, 'stat.uncited').fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(out, lines('Talks resumed.[1] Trade grew 37.4%.[2]', '', '## Notes', '', '[1] @defence.', '[2] @customs, table 4.'));
  });

  test('a loose notes list stays loose', () => {
    const text = lines('Talks resumed.[1] Again.[2] Trade grew 37.4%.', '', '## Notes', '', '1. @defence.', '', '2. @bank.');
    const out = applyAndRecheck(text, fixOf(text, 'stat.uncited').fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(
      out,
      lines(
        'Talks resumed.[1] Again.[2] Trade grew 37.4%.[3]',
        '',
        '## Notes',
        '',
        '1. @defence.',
        '',
        '2. @bank.',
        '',
        '3. @customs, table 4.',
      ),
    );
  });

  test('in a table cell, at the end of the cell', () => {
    const text = lines('| Measure | Value |', '| --- | --- |', '| Trade growth | 37.4% |');
    const out = applyAndRecheck(text, fixOf(text, 'stat.uncited').fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(out, lines('| Measure | Value |', '| --- | --- |', '| Trade growth | 37.4%[^1] |', '', '[^1]: @customs, table 4.'));
  });

  test('at the end of a document without a final newline', () => {
    const text = 'Trade grew 37.4%.';
    const out = applyAndRecheck(text, fixOf(text, 'stat.uncited').fix, { code: 'stat.uncited', slice: '37.4%' });
    assert.equal(out, 'Trade grew 37.4%.[^1]\n\n[^1]: @customs, table 4.\n');
  });

  test('the next number is above every label in use, in either style', () => {
    const text = lines('Talks resumed.[^7] Trade grew 37.4%.', '', '[^7]: @defence.');
    const out = applyEdits(text, fixOf(text, 'stat.uncited').fix.edits);
    assert.match(out, /37\.4%\.\[\^8\]/);
    assert.match(out, /\[\^8\]: @customs, table 4\./);
  });

  test('stat.unsupported offers to cite the source that supports the figure', () => {
    const text = lines('Unemployment reached 89.7 per cent.[^1]', '', '[^1]: @customs.');
    const { fix } = fixOf(text, 'stat.unsupported');
    const out = applyEdits(text, fix.edits);
    assert.deepEqual(shape(out, findings(out)), []);
  });
});

describe('recomputed figure (stat.arithmetic fix)', () => {
  test('writes the change the figures give, with the stated precision and unit', () => {
    const text = 'Exports rose from $2.1 billion to $3.4 billion, a 35.0 per cent rise.[^1]\n\n[^1]: Customs bulletin.\n';
    const { fix } = fixOf(text, 'stat.arithmetic', '35.0 per cent');
    assert.equal(fix.preferred, true);
    assert.equal(
      applyAndRecheck(text, fix, { code: 'stat.arithmetic', slice: '35.0 per cent' }),
      'Exports rose from $2.1 billion to $3.4 billion, a 61.9 per cent rise.[^1]\n\n[^1]: Customs bulletin.\n',
    );
  });

  test('writes the share, and drops a hedge the share does not fit', () => {
    const text = '9 of 12 regions (over 80%) agreed.[^1]\n\n[^1]: Regional survey.\n';
    const { fix } = fixOf(text, 'stat.arithmetic', '80%');
    assert.equal(
      applyAndRecheck(text, fix, { code: 'stat.arithmetic', slice: '80%' }),
      '9 of 12 regions (75%) agreed.[^1]\n\n[^1]: Regional survey.\n',
    );
  });
});

describe('replace figure (stat.mismatch fix)', () => {
  function replaced(text: string, slice: string): string {
    const { fix } = fixOf(text, 'stat.mismatch', slice);
    return applyAndRecheck(text, fix, { code: 'stat.mismatch', slice });
  }

  test('keeps the unit and the thousands separator', () => {
    assert.equal(
      replaced('Some 4,100 troops were at the border.[^1]\n\n[^1]: @defence.\n', '4,100 troops'),
      'Some 3,200 troops were at the border.[^1]\n\n[^1]: @defence.\n',
    );
    assert.equal(
      replaced('The northern command has 9,000 troops.[^1]\n\n[^1]: @defence.\n', '9,000 troops'),
      'The northern command has 12,500 troops.[^1]\n\n[^1]: @defence.\n',
    );
  });

  test("writes the value in the figure's scale: $2.4 billion", () => {
    assert.equal(
      replaced('The port loan was $3.1 billion.[^1]\n\n[^1]: @bank.\n', '$3.1 billion'),
      'The port loan was $2.4 billion.[^1]\n\n[^1]: @bank.\n',
    );
    assert.equal(
      replaced('The port loan was US$3bn.[^1]\n\n[^1]: @bank.\n', 'US$3bn'),
      'The port loan was US$2.4bn.[^1]\n\n[^1]: @bank.\n',
    );
  });

  test('percentages keep their written unit', () => {
    assert.equal(
      replaced('Trade grew 73.4 per cent.[^1]\n\n[^1]: @customs.\n', '73.4 per cent'),
      'Trade grew 37.4 per cent.[^1]\n\n[^1]: @customs.\n',
    );
  });

  test('a hedge is kept when the sourced value still fits it', () => {
    // "almost 80" claims [76, 80]: a mismatch. "almost 89.7" claims [85.2, 89.7], which holds 89.7.
    assert.equal(
      replaced("The region's unemployment rate reached almost 80%.[^1]\n\n[^1]: @bank.\n", '80%'),
      "The region's unemployment rate reached almost 89.7%.[^1]\n\n[^1]: @bank.\n",
    );
  });

  test('a hedge is dropped when the sourced value does not fit it', () => {
    // "more than 89.7" would claim (89.7, 94.2]: 89.7 itself is not in it.
    assert.equal(
      replaced("The region's unemployment rate reached more than 95%.[^1]\n\n[^1]: @bank.\n", '95%'),
      "The region's unemployment rate reached 89.7%.[^1]\n\n[^1]: @bank.\n",
    );
  });
});
