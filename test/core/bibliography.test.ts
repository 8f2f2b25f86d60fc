import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bibliographyFormatOf, parseBibliography } from '../../src/core/bibliography/parseBibliography';

const BIB = `% Exported by Better BibTeX
@string{ mit = "MIT Press" }

@book{mueller2020,
  author = {M{\\"u}ller, Hans and {World Bank}},
  title = {The {GDP} of Nations -- Again},
  publisher = mit # { (Cambridge)},
  date = {2020-03},
  url = {https://example.org/a_b%20c},
  doi = {https://doi.org/10.1000/xyz}
}

@article{broken,
  author = {Smith, Jane},
  title = {A Missing Comma}
  journal = {Nature},
}

@report{wb2019,
  author = {{World Bank}},
  title = {Global \\emph{Economic} Prospects},
  institution = {World Bank Group},
  year = 2019,
  month = jun,
}
`;

describe('parseBibliography: BibTeX', () => {
  const { entries, problems } = parseBibliography(BIB, 'bibtex', 'refs.bib');

  test('decodes macros, accents, braces, dashes and dates', () => {
    const mueller = entries.find((e) => e.id === 'mueller2020')!;
    assert.deepEqual(mueller.authors, [{ family: 'Müller', given: 'Hans' }, { literal: 'World Bank' }]);
    assert.equal(mueller.title, 'The GDP of Nations – Again');
    assert.equal(mueller.publisher, 'MIT Press (Cambridge)');
    assert.deepEqual(mueller.issued, { text: '2020-03', year: 2020, month: 3 });
    assert.equal(mueller.url, 'https://example.org/a_b%20c');
    assert.equal(mueller.doi, '10.1000/xyz');
    const wb = entries.find((e) => e.id === 'wb2019')!;
    assert.equal(wb.title, 'Global Economic Prospects');
    assert.equal(wb.publisher, 'World Bank Group');
    assert.deepEqual(wb.issued, { text: '2019-06', year: 2019, month: 6 });
  });

  test('a broken entry costs that entry only, with a problem at its line', () => {
    assert.deepEqual(
      entries.map((e) => e.id),
      ['mueller2020', 'wb2019'],
    );
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.code, 'bibliography.invalid');
    assert.equal(problems[0]!.line, 12);
    assert.match(problems[0]!.message, /broken/);
    assert.equal(BIB.slice(problems[0]!.span.start, problems[0]!.span.end), '@article{broken');
  });

  test('entries know where their key is', () => {
    const wb = entries.find((e) => e.id === 'wb2019')!;
    assert.equal(wb.line, 18);
    assert.equal(wb.character, 8);
    assert.equal(BIB.slice(wb.keySpan.start, wb.keySpan.end), 'wb2019');
    assert.ok(BIB.slice(wb.span.start, wb.span.end).startsWith('@report{wb2019') && BIB.slice(wb.span.start, wb.span.end).endsWith('}'));
  });

  test('an unclosed entry does not swallow the entries after it', () => {
    const text = '@book{a, title = {Open\n@book{b, title = {Fine}}\n';
    const result = parseBibliography(text, 'bibtex', 'x.bib');
    assert.deepEqual(
      result.entries.map((e) => e.id),
      ['b'],
    );
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]!.line, 0);
  });

  test('a half-written file keeps its complete entries', () => {
    const result = parseBibliography(BIB.slice(0, BIB.indexOf('institution')), 'bibtex', 'x.bib');
    assert.deepEqual(
      result.entries.map((e) => e.id),
      ['mueller2020'],
    );
    assert.ok(result.problems.some((p) => p.line === 18));
  });

  test('an unknown @string macro is reported where it is used', () => {
    const text = '@article{a,\n  title = {T},\n  journal = jnl,\n}\n';
    const result = parseBibliography(text, 'bibtex', 'x.bib');
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]!.line, 2);
    assert.equal(text.slice(result.problems[0]!.span.start, result.problems[0]!.span.end), 'jnl');
  });

  test('fields that are skipped unparsed (abstracts, files) do not disturb the others', () => {
    const text = [
      '@string{mac = {a Macro}}',
      '@article{z,',
      '  abstract = "A {"quoted"} text, 50% of it, mail a@b.org, braces {x} and # signs",',
      '  file = {C:\\Users\\me\\z.pdf},',
      '  title = "Title with {Braces} and " # mac,',
      '  year = 2001,',
      '}',
    ].join('\n');
    const { entries, problems } = parseBibliography(text, 'bibtex', 'x.bib');
    assert.deepEqual(problems, []);
    assert.equal(entries[0]!.title, 'Title with Braces and a Macro');
    assert.equal(entries[0]!.issued?.year, 2001);
  });

  test('an entry without a key is reported, not read', () => {
    const result = parseBibliography('@misc{title = {No key}}\n@misc{k, title = {K}}', 'bibtex', 'x.bib');
    assert.deepEqual(
      result.entries.map((e) => e.id),
      ['k'],
    );
    assert.match(result.problems[0]!.message, /no key/);
  });
});

describe('parseBibliography: CSL-JSON', () => {
  const JSON_TEXT = `[
  {"id": "smith2020", "type": "report", "title": "Trade", "author": [{"family": "Smith", "given": "Jane"}],
   "issued": {"date-parts": [[2020, 4]]}, "publisher": "Customs", "URL": "https://example.org/t", "DOI": "10.1/x"},
  {"id": "bad", "title": "Broken" "author": []},
  {"id": "noyear", "title": "Web page", "author": [{"literal": "OECD"}], "container-title": "OECD Data"},
  {"title": "no id"}
]`;
  const { entries, problems } = parseBibliography(JSON_TEXT, 'csl-json', 'refs.json');

  test('reads items, with the position of their id', () => {
    assert.deepEqual(
      entries.map((e) => e.id),
      ['smith2020', 'noyear'],
    );
    const smith = entries[0]!;
    assert.deepEqual(smith.issued, { text: '2020-04', year: 2020, month: 4 });
    assert.equal(smith.url, 'https://example.org/t');
    assert.equal(smith.line, 1);
    assert.equal(JSON_TEXT.slice(smith.keySpan.start, smith.keySpan.end), 'smith2020');
    assert.deepEqual(entries[1]!.authors, [{ literal: 'OECD' }]);
    assert.equal(entries[1]!.containerTitle, 'OECD Data');
  });

  test('a syntax error costs its item only; an item without id is reported', () => {
    assert.deepEqual(
      problems.map((p) => p.line),
      [3, 5],
    );
    assert.match(problems[0]!.message, /Invalid JSON/);
    assert.match(problems[1]!.message, /no "id"/);
  });
});

describe('parseBibliography: CSL-YAML', () => {
  test('reads a references: list, with positions', () => {
    const yaml = `---\nreferences:\n- id: doe2019\n  type: book\n  title: A Book\n  author:\n  - family: Doe\n    given: John\n  issued: 2019-05-01\n  publisher: Penguin\n- id: "quoted"\n  title: Q\n  issued:\n    date-parts: [[2018]]\n...\n`;
    const { entries, problems } = parseBibliography(yaml, 'csl-yaml', 'refs.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      entries.map((e) => [e.id, e.line, e.character, e.issued?.year]),
      [
        ['doe2019', 2, 6, 2019],
        ['quoted', 10, 7, 2018],
      ],
    );
    assert.equal(entries[0]!.authors[0]!.family, 'Doe');
    assert.equal(entries[0]!.publisher, 'Penguin');
  });

  test('reads a bare list; a broken item costs that item only', () => {
    const yaml = `- id: a\n  title: A\n- id: b\n  title: [unclosed\n- id: c\n  title: C\n`;
    const { entries, problems } = parseBibliography(yaml, 'csl-yaml', 'refs.yml');
    assert.ok(entries.some((e) => e.id === 'a'));
    assert.ok(!entries.some((e) => e.id === 'b'));
    assert.ok(problems.length >= 1);
    assert.ok(problems.every((p) => p.code === 'bibliography.invalid'));
    assert.equal(problems[0]!.line, 3);
  });
});

test('bibliographyFormatOf reads the extension as pandoc does', () => {
  assert.equal(bibliographyFormatOf('refs.bib'), 'bibtex');
  assert.equal(bibliographyFormatOf('a/b/REFS.BIBTEX'), 'bibtex');
  assert.equal(bibliographyFormatOf('refs.json'), 'csl-json');
  assert.equal(bibliographyFormatOf('refs.yaml'), 'csl-yaml');
  assert.equal(bibliographyFormatOf('refs.yml'), 'csl-yaml');
  assert.equal(bibliographyFormatOf('refs.ris'), undefined);
});
