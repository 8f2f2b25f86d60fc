// parseBibliography against pandoc's own reader tests for BibLaTeX (jgm/pandoc
// test/command/biblatex-*.md and bibtex-basic.md, GPL-2.0-or-later, copied byte for byte
// into test/fixtures/pandoc-bib/; origin in test/fixtures/README.md). Each file is a
// `% pandoc -f biblatex` command, the .bib input, `^D`, and the CSL-YAML `references:`
// pandoc makes of it.
//
// For each entry pandoc outputs, these fields are compared: id, title, first author's
// family name (or literal name), year, container-title, publisher, URL, DOI. A field
// counts when either side has it. Titles are compared without case and markup: pandoc
// sentence-cases English titles for CSL (a style re-cases them), while a source keeps
// the author's casing. Skips are explicit (file or file:id:field, with the reason), and
// the agreement over all compared fields must be at least 95%.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseBibliography, type BibEntry } from '../../src/core/bibliography/parseBibliography';

const DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'pandoc-bib');

/** Comparisons left out, with why. */
const SKIPS: Record<string, string> = {
  'biblatex-options-url-false-doi-false.md:item1:url':
    'options = {url=false} only hides the URL in print; we keep it, since a link to it still cites the work',
  'biblatex-options-url-false-doi-false.md:item1:doi': 'as for the URL: doi=false is a printing option',
  'biblatex-options-url-false-doi-false.md:item2:doi': 'as for the URL: doi=false is a printing option',
  'biblatex-bibstring-resolution.md:item1:title': 'bibstrings (`newseries` → "New series") are localised words; we do not expand them',
  'biblatex-formatting.md:item1:title':
    'the parser turns \\textsuperscript into Unicode superscript letters; pandoc keeps plain letters in a superscript span',
  'biblatex-edtf-date.md:item5-1:year': 'EDTF year 0000 (1 BC): pandoc drops it, we read year 0; nobody cites it',
};

type Field = 'id' | 'title' | 'author' | 'year' | 'container-title' | 'publisher' | 'url' | 'doi';
const FIELDS: Field[] = ['id', 'title', 'author', 'year', 'container-title', 'publisher', 'url', 'doi'];

interface Case {
  file: string;
  bib: string;
  expected: Record<string, unknown>[];
}

function readCases(): Case[] {
  return readdirSync(DIR)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const [input, output] = text.split('\n^D\n');
      const bib = input!.split('\n').slice(2).join('\n');
      const yaml = /^---\n([\s\S]*?)\n---/m.exec(output!)?.[1] ?? '';
      const references = (parseYaml(yaml) as { references?: Record<string, unknown>[] } | null)?.references ?? [];
      return { file, bib, expected: references };
    });
}

/** Pandoc's Markdown in a CSL-YAML string, as plain text: `[x]{.nocase}`, `*x*`, `\_`, smart quotes. */
function plain(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return (
    String(value)
      .replace(/\[([^\]]*)\]\{[^}]*\}/g, '$1')
      .replace(/(\*\*|\*|__|_|~|\^)(?=\S)(.*?\S)\1/g, '$2')
      .replace(/\\(.)/g, '$1')
      // Pandoc writes an en dash as `--` in Markdown.
      .replace(/--/g, '–')
      .replace(/[‘’]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function expectedField(item: Record<string, unknown>, field: Field): string | undefined {
  switch (field) {
    case 'author': {
      const first = (item.author as Record<string, unknown>[] | undefined)?.[0];
      return plain(first?.family ?? first?.literal);
    }
    case 'year': {
      const issued = item.issued;
      const text =
        issued instanceof Date ? issued.toISOString() : typeof issued === 'object' && issued !== null ? undefined : plain(issued);
      const year = text === undefined ? undefined : /^-?\d{1,4}/.exec(text)?.[0];
      // `0712` and `-0876` are EDTF's four-digit years: the number is what counts.
      return year === undefined ? undefined : String(Number(year));
    }
    default:
      return plain(item[field]);
  }
}

function ourField(entry: BibEntry | undefined, field: Field): string | undefined {
  if (!entry) return undefined;
  switch (field) {
    case 'id':
      return entry.id;
    case 'title':
      return entry.title;
    case 'author': {
      const first = entry.authors[0];
      return first?.family ?? first?.literal;
    }
    case 'year':
      return entry.issued?.year === undefined ? undefined : String(entry.issued.year);
    case 'container-title':
      return entry.containerTitle;
    case 'publisher':
      return entry.publisher;
    case 'url':
      return entry.url;
    case 'doi':
      return entry.doi;
  }
}

function same(field: Field, expected: string, ours: string): boolean {
  const norm = (s: string) => (field === 'title' || field === 'container-title' || field === 'publisher' ? s.toLowerCase() : s);
  return norm(expected) === norm(ours.replace(/[‘’]/g, "'").replace(/[“”]/g, '"'));
}

test('bibliography: agreement with pandoc on its BibLaTeX reader tests', () => {
  const cases = readCases();
  assert.ok(cases.length >= 124, `expected pandoc's 124 test files, found ${cases.length}`);
  let compared = 0;
  let agreed = 0;
  const disagreements: string[] = [];
  for (const { file, bib, expected } of cases) {
    if (SKIPS[file]) continue;
    const { entries } = parseBibliography(bib, 'bibtex', file);
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    for (const item of expected) {
      const id = String(item.id);
      const entry = byId.get(id);
      for (const field of FIELDS) {
        if (SKIPS[`${file}:${id}:${field}`] || SKIPS[`${file}:${id}`]) continue;
        const want = field === 'id' ? id : expectedField(item, field);
        const got = field === 'id' ? entry?.id : ourField(entry, field);
        if (want === undefined && got === undefined) continue;
        compared++;
        if (want !== undefined && got !== undefined && same(field, want, got)) agreed++;
        else disagreements.push(`${file} ${id} ${field}: pandoc ${JSON.stringify(want)}, ours ${JSON.stringify(got)}`);
      }
    }
  }
  const agreement = agreed / compared;
  console.log(`bibliography conformance: ${agreed}/${compared} fields agree (${(agreement * 100).toFixed(1)}%)`);
  if (process.env.SHOW_DISAGREEMENTS) console.log(disagreements.join('\n'));
  assert.ok(
    agreement >= 0.95,
    `agreement ${(agreement * 100).toFixed(1)}% < 95%; first disagreements:\n${disagreements.slice(0, 30).join('\n')}`,
  );
});
