// The notes model: which references and definitions analyzeBriefing finds in each note
// style, their spans, labels, texts and cited keys/URLs, and how resolveNotes joins them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeBriefing } from '../../src/core/analyze/analyzeBriefing';
import { resolveNotes } from '../../src/core/notes/resolve';

function refs(text: string) {
  return analyzeBriefing(text).refs.map((r) => ({
    ns: r.namespace,
    form: r.form,
    label: r.label,
    at: text.slice(r.span.start, r.span.end),
    group: text.slice(r.groupSpan.start, r.groupSpan.end),
    inDef: r.inDefinition,
  }));
}

function defs(text: string) {
  return analyzeBriefing(text).defs.map((d) => ({
    ns: d.namespace,
    form: d.form,
    label: d.label,
    labelText: text.slice(d.labelSpan.start, d.labelSpan.end),
    text: d.text,
    keys: d.keys.map((k) => k.id),
    urls: d.urls.map((u) => u.url),
  }));
}

describe('references', () => {
  test('GFM references, numeric and named', () => {
    assert.deepEqual(
      refs('A[^1] b[^wtc-detail].\n\n[^1]: x\n[^wtc-detail]: y\n').map((r) => [r.ns, r.form, r.label, r.at]),
      [
        ['footnote', 'gfm', '1', '[^1]'],
        ['footnote', 'gfm', 'wtc-detail', '[^wtc-detail]'],
      ],
    );
  });

  test('bracketed groups: each number has its digits, the group its brackets', () => {
    assert.deepEqual(
      refs('A[1, 3] b[4-6] c[7–8].\n').map((r) => [r.label, r.at, r.group]),
      [
        ['1', '1', '[1, 3]'],
        ['3', '3', '[1, 3]'],
        ['4', '4-6', '[4-6]'],
        ['5', '4-6', '[4-6]'],
        ['6', '4-6', '[4-6]'],
        ['7', '7–8', '[7–8]'],
        ['8', '7–8', '[7–8]'],
      ],
    );
  });

  test('an escaped `\\[3\\]` (as converters write a pasted [3]) is an endnote reference', () => {
    assert.deepEqual(
      refs('A\\[3\\] b.\n').map((r) => [r.label, r.at]),
      [['3', '\\[3\\]']],
    );
  });

  test('an escaped `\\[^x\\]` is not a footnote reference', () => {
    assert.deepEqual(refs('A \\[^x\\] b.\n'), []);
  });

  test('not references: links, images, link definitions, code, years, zero', () => {
    assert.deepEqual(
      refs('[a [1] b](https://e.org) ![c [2]](i.png) [3](https://e.org) `[4]` [2017] [0] [text][5]\n\n[5]: https://e.org\n'),
      [],
    );
  });

  test('superscripts become references only with a notes list', () => {
    assert.deepEqual(refs('A¹ b²³.\n'), []);
    assert.deepEqual(
      refs('A¹ b²³.\n\n**Footnotes**\n\n1. x\n').map((r) => [r.form, r.label, r.at]),
      [
        ['superscript', '1', '¹'],
        ['superscript', '23', '²³'],
      ],
    );
  });

  test('`<sup>n</sup>` and `<sup><a href="#fnN">N</a></sup>` are endnote references', () => {
    const text = 'A<sup>4</sup> b<sup class="x"><a href="#fn5" id="r5">5</a></sup>.\n';
    assert.deepEqual(
      refs(text).map((r) => [r.ns, r.form, r.label, r.at]),
      [
        ['endnote', 'html', '4', '<sup>4</sup>'],
        ['endnote', 'html', '5', '<sup class="x"><a href="#fn5" id="r5">5</a></sup>'],
      ],
    );
  });

  test('`<sup>1,2</sup>` and `<sup>4-6</sup>`: one reference per number, each on its own digits, grouped by the tag', () => {
    const text =
      'Exports fell<sup>1,2</sup> and rose again.<sup>4–6</sup> Imports<sup class="fn">7, 9</sup>.\n\n## Notes\n\n' +
      Array.from({ length: 9 }, (_, i) => `${i + 1}. Note ${i + 1}.`).join('\n') +
      '\n';
    const model = analyzeBriefing(text);
    assert.deepEqual(
      model.refs.map((r) => [r.form, r.label, text.slice(r.span.start, r.span.end), text.slice(r.groupSpan.start, r.groupSpan.end)]),
      [
        ['html', '1', '1', '<sup>1,2</sup>'],
        ['html', '2', '2', '<sup>1,2</sup>'],
        ['html', '4', '4–6', '<sup>4–6</sup>'],
        ['html', '5', '4–6', '<sup>4–6</sup>'],
        ['html', '6', '4–6', '<sup>4–6</sup>'],
        ['html', '7', '7', '<sup class="fn">7, 9</sup>'],
        ['html', '9', '9', '<sup class="fn">7, 9</sup>'],
      ],
    );
    // The same list in an HTML block (not parsed as Markdown) is read alike.
    const block = '<p>Exports fell<sup>1,2</sup>.</p>\n\n## Notes\n\n1. One.\n2. Two.\n';
    assert.deepEqual(
      analyzeBriefing(block).refs.map((r) => [r.label, block.slice(r.span.start, r.span.end)]),
      [
        ['1', '1'],
        ['2', '2'],
      ],
    );
  });

  test('references inside note definitions are marked as such', () => {
    assert.deepEqual(
      refs('A[^1].\n\n[^1]: See [^2].\n[^2]: x\n').map((r) => [r.label, r.inDef]),
      [
        ['1', false],
        ['2', true],
      ],
    );
  });

  test('a bare URL in brackets (a tree node without a position) does not break the analysis', () => {
    const text = 'Trade grew 40% [https://example.org/customs] in April.[1]\n\n## Notes\n\n1. Report [https://example.org/customs] p. 4\n';
    const model = analyzeBriefing(text);
    assert.deepEqual(
      model.refs.map((r) => r.label),
      ['1'],
    );
    assert.deepEqual(
      model.defs[0]!.urls.map((u) => u.url),
      ['https://example.org/customs'],
    );
    assert.equal(model.sentences[model.stats[0]!.sentence]!.citations.filter((c) => c.kind === 'link').length, 1);
  });
});

describe('definitions', () => {
  test('GFM: label `[^x]:`, text with continuation lines, keys and URLs', () => {
    const text =
      'A[^n].\n\n[^n]: @customs-2017, table 4.\n    See https://example.org/a, and\n    [the paper][p].\n\n[p]: https://example.org/paper\n';
    assert.deepEqual(defs(text), [
      {
        ns: 'footnote',
        form: 'gfm',
        label: 'n',
        labelText: '[^n]:',
        text: '@customs-2017, table 4.\n    See https://example.org/a, and\n    [the paper][p].',
        keys: ['customs-2017'],
        urls: ['https://example.org/a', 'https://example.org/paper'],
      },
    ]);
  });

  test('ordered-list items under the notes heading: label `3.`', () => {
    assert.deepEqual(
      defs('A[3].\n\n## Endnotes\n\n3. @a, p. 1.\n4) @b.\n').map((d) => [d.form, d.label, d.labelText, d.text, d.keys]),
      [
        ['list-item', '3', '3.', '@a, p. 1.', ['a']],
        // `4)` starts another list (CommonMark: a new delimiter); it is in the section too.
        ['list-item', '4', '4)', '@b.', ['b']],
      ],
    );
  });

  test('`[n] text` lines: label `[n]`, each runs to the next', () => {
    assert.deepEqual(
      defs('A[1].\n\n## Sources\n\n[1] @a, first\ncontinued.\n[2] @b.\n').map((d) => [d.form, d.labelText, d.text]),
      [
        ['bracket-line', '[1]', '@a, first\ncontinued.'],
        ['bracket-line', '[2]', '@b.'],
      ],
    );
  });

  test('`<li id="fnN">` items: label is the tag, keys ignore the markup', () => {
    const text =
      'A<sup><a href="#fn1">1</a></sup>.\n\n<ol>\n<li id="fn1">@customs.</li>\n<li id="user-content-fn2"><a href="https://example.org/b">B</a> <sup>2</sup></li>\n</ol>\n';
    assert.deepEqual(
      defs(text).map((d) => [d.form, d.label, d.labelText, d.keys, d.urls]),
      [
        ['html-li', '1', '<li id="fn1">', ['customs'], []],
        ['html-li', '2', '<li id="user-content-fn2">', [], ['https://example.org/b']],
      ],
    );
    // The item's own <sup>2</sup> is its label, not a citation.
    assert.deepEqual(
      refs(text).map((r) => r.label),
      ['1'],
    );
  });

  test('the notes list is under the LAST notes heading; a heading as high ends it', () => {
    const text = '## Notes\n\n1. not a note (earlier heading)\n\nA[1].\n\n## References\n\n1. @a.\n\n## Appendix\n\n1. not a note either\n';
    assert.deepEqual(
      defs(text).map((d) => d.text),
      ['@a.'],
    );
  });

  test('a deeper heading inside the notes section does not end it', () => {
    const text = 'A[1] b[2].\n\n## Notes\n\n1. @a.\n\n### Archival\n\n2. @b.\n';
    assert.deepEqual(
      defs(text).map((d) => d.label),
      ['1', '2'],
    );
  });

  test('notes heading names, any level and case', () => {
    for (const heading of ['# NOTES', '###### endnotes', '## References', '## Sources', '## Footnotes', '## Notes:', '**Sources**']) {
      assert.deepEqual(
        defs(`A[1].\n\n${heading}\n\n1. @a.\n`).map((d) => d.label),
        ['1'],
        heading,
      );
    }
    assert.deepEqual(defs('A[1].\n\n## Notes on method\n\n1. @a.\n'), []);
  });
});

describe('resolveNotes', () => {
  test('joins references to definitions per namespace; duplicates keep the first', () => {
    const text = 'A[^1] b[1] c[^X] d[2].\n\n[^1]: foot\n[^x]: named\n[^x]: again\n\n## Notes\n\n1. end\n';
    const model = analyzeBriefing(text);
    const notes = resolveNotes(model);
    assert.deepEqual(
      notes.defOfRef.map((d) => d?.text),
      ['foot', 'end', 'named', undefined],
    );
    assert.deepEqual(
      notes.duplicates.map((d) => [d.def.text, d.first.text]),
      [['again', 'named']],
    );
    assert.deepEqual([...notes.refsByKey.keys()], ['footnote:1', 'endnote:1', 'footnote:x', 'endnote:2']);
  });
});
