// GFM footnote resolution, checked against what GitHub's renderer does. The cases
// restate, in our own words, the behaviours the public conformance suites pin down
// (cmark-gfm's extensions and regression tests, micromark-extension-gfm-footnote's
// fixtures with github.com's HTML, pulldown-cmark's footnote spec): a reference
// resolves iff a definition with the same case-insensitive label exists and really is
// a definition (not swallowed into code or a paragraph); empty and whitespace labels
// are not references; an unresolved reference stays literal text (note.undefined);
// an unreferenced definition is dropped (note.unused); a label defined twice keeps
// the first definition (note.duplicate on the second).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBriefing } from '../../src/core/check';
import { FactIndex } from '../../src/core/facts/factIndex';

interface Expected {
  /** Labels of resolved references, in document order (running text and notes). */
  resolved?: string[];
  /** Labels of references with no definition, in document order. */
  undefined?: string[];
  /** Labels of definitions never referenced. */
  unused?: string[];
  /** Labels reported as defined twice. */
  duplicate?: string[];
}

interface Case extends Expected {
  name: string;
  md: string;
}

const CASES: Case[] = [
  {
    name: 'a resolved and an unresolved reference',
    md: 'Lorem.[^a] Ipsum [^missing]\n\n[^a]: Cool.\n',
    resolved: ['a'],
    undefined: ['missing'],
  },
  { name: 'an unused definition', md: 'Text.[^used]\n\n[^used]: Yes.\n\n[^unused]: No.\n', resolved: ['used'], unused: ['unused'] },
  { name: 'one note referenced three times', md: 'One[^n] two[^n] three[^n].\n\n[^n]: Note.\n', resolved: ['n', 'n', 'n'] },
  { name: 'labels are case-insensitive', md: 'A[^Foo] b[^FOO].\n\n[^foo]: x\n', resolved: ['Foo', 'FOO'] },
  { name: 'definition before the reference', md: '[^early]: Defined first.\n\nUsed later.[^early]\n', resolved: ['early'] },
  { name: 'the empty label is not a reference', md: 'Text [^] here.\n\n[^]: nothing\n' },
  { name: 'a whitespace label is not a reference', md: 'Text [^ ] and [^\t] here.\n' },
  { name: 'a label with a space inside is not a reference', md: 'Text [^a b] here.\n' },
  { name: 'a label split over two lines is not a reference', md: 'Text [^foo\nbar] here.\n' },
  { name: 'a definition indented four spaces is an indented code block', md: 'Text.[^quux]\n\n    [^quux]: code\n', undefined: ['quux'] },
  { name: 'a definition indented three spaces still counts', md: 'Text.[^q]\n\n   [^q]: fine\n', resolved: ['q'] },
  { name: 'a reference in inline code is not a reference', md: 'Use `[^x]` here.\n\n[^x]: unused\n', unused: ['x'] },
  { name: 'a reference in a fenced code block is not a reference', md: '```\n[^x]\n```\n' },
  { name: 'a definition in a fenced code block is not a definition', md: 'Text.[^x]\n\n```\n[^x]: in code\n```\n', undefined: ['x'] },
  {
    name: 'definitions take several paragraphs when indented',
    md: 'Text.[^long]\n\n[^long]: First.\n\n    Second paragraph with a ref[^inner].\n\n[^inner]: Inner.\n',
    resolved: ['long', 'inner'],
  },
  {
    name: 'an unindented paragraph after a definition leaves it',
    md: 'Text.[^a]\n\n[^a]: First.\n\nNot in the note[^b].\n\n[^b]: B.\n',
    resolved: ['a', 'b'],
  },
  {
    name: 'a lazy continuation line stays in the definition',
    md: 'Text.[^a]\n\n[^a]: First line\nlazy line[^b]\n\n[^b]: B.\n',
    resolved: ['a', 'b'],
  },
  { name: 'a reference and a definition inside a blockquote', md: '> Quoted.[^q]\n>\n> [^q]: In the quote.\n', resolved: ['q'] },
  { name: 'a definition inside a list item', md: '- Item.[^li]\n\n  [^li]: In the item.\n', resolved: ['li'] },
  { name: 'notes citing notes (nested)', md: 'Text.[^1]\n\n[^1]: See [^2].\n[^2]: See [^1].\n', resolved: ['1', '2', '1'] },
  { name: 'adjacent references', md: 'Text[^a][^b].\n\n[^a]: A\n[^b]: B\n', resolved: ['a', 'b'] },
  {
    name: 'references in a table',
    md: 'Para[^1]\n\n| Column1 | Column2 |\n| --- | --- |\n| foot [^1] | note |\n\n[^1]: a footnote\n',
    resolved: ['1', '1'],
  },
  { name: 'references in emphasis and strong', md: '*emphasis[^1]* and **strong[^2]**\n\n[^1]: a\n[^2]: b\n', resolved: ['1', '2'] },
  {
    name: 'a label beginning with w and one with an underscore',
    md: 'A[^widely] b[^snake_case].\n\n[^widely]: w\n[^snake_case]: s\n',
    resolved: ['widely', 'snake_case'],
  },
  { name: 'a label with punctuation', md: 'A[^"x"].\n\n[^"x"]: q\n', resolved: ['"x"'] },
  { name: 'a duplicate definition keeps the first', md: 'A[^d].\n\n[^d]: first\n\n[^d]: second\n', resolved: ['d'], duplicate: ['d'] },
  { name: 'a duplicate differing in case', md: 'A[^d].\n\n[^d]: first\n[^D]: second\n', resolved: ['d'], duplicate: ['D'] },
  { name: 'a caret link text is a link, not a note', md: 'See [^x](https://example.org).\n' },
  { name: 'a bang before a reference', md: 'Wow![^1]\n\n[^1]: note\n', resolved: ['1'] },
  { name: 'an image before a reference', md: '![alt](a.png)[^1]\n\n[^1]: note\n', resolved: ['1'] },
  { name: 'a reference inside link text still counts on GitHub', md: '[link[^5]](#)\n\n[^5]: e\n', resolved: ['5'] },
  {
    name: 'a link reference definition and a footnote with the same name',
    md: 'A[^x] and [x].\n\n[x]: https://example.org\n[^x]: note\n',
    resolved: ['x'],
  },
  { name: 'a footnote-like link definition `[^x]: ` inside code stays code', md: 'A.\n\n    [^x]: foo\n' },
  { name: 'a definition interrupting a paragraph', md: 'A[^a] text\n[^a]: interrupts\n', resolved: ['a'] },
  {
    name: 'many blank lines end the note body',
    md: 'A[^a].\n\n[^a]: one\n\n\n\n    still the note[^b]\n\n[^b]: b\n',
    resolved: ['a', 'b'],
  },
  { name: 'an unresolved reference inside a definition', md: 'A[^a].\n\n[^a]: See [^nope].\n', resolved: ['a'], undefined: ['nope'] },
  { name: 'an unresolved reference in a heading', md: '# Title[^h]\n', undefined: ['h'] },
  { name: 'a reference in an HTML comment is not a reference', md: 'A.\n\n<!-- [^c] -->\n' },
  { name: 'escaped brackets are not a reference', md: 'A \\[^x\\] b.\n' },
  { name: 'definition with no text', md: 'A[^e].\n\n[^e]:\n', resolved: ['e'] },
];

function outcome(md: string): Required<Expected> {
  const { model, notes, findings } = checkBriefing(md, FactIndex.empty());
  const footnoteRefs = model.refs.map((r, i) => ({ r, i })).filter(({ r }) => r.namespace === 'footnote');
  const labelsOf = (code: string) =>
    findings
      .filter((f) => f.code === code)
      .map((f) => /\[\^(.*)\]:?$/.exec(md.slice(f.span.start, f.span.end))?.[1] ?? `?${md.slice(f.span.start, f.span.end)}`);
  return {
    resolved: footnoteRefs.filter(({ i }) => notes.defOfRef[i]).map(({ r }) => r.label),
    undefined: labelsOf('note.undefined'),
    unused: labelsOf('note.unused'),
    duplicate: labelsOf('note.duplicate'),
  };
}

describe('GFM footnote resolution as GitHub renders it', () => {
  test('there are enough cases', () => assert.ok(CASES.length >= 30));
  for (const c of CASES) {
    test(c.name, () => {
      assert.deepEqual(outcome(c.md), {
        resolved: c.resolved ?? [],
        undefined: c.undefined ?? [],
        unused: c.unused ?? [],
        duplicate: c.duplicate ?? [],
      });
    });
  }

  test('each undefined reference is reported exactly on its written reference', () => {
    const md = 'A[^one] and b[^two].\n';
    const { findings } = checkBriefing(md, FactIndex.empty());
    assert.deepEqual(
      findings.filter((f) => f.code === 'note.undefined').map((f) => md.slice(f.span.start, f.span.end)),
      ['[^one]', '[^two]'],
    );
  });
});
