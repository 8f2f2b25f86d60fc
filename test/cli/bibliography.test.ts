/**
 * The CLI with bibliographies and fact files in every format: the same facts written as
 * JSON, YAML, CSV and XLSX give the same findings, a `[@key, p. 4]` citation of a .bib
 * entry is checked against a CSV's facts, and `--bibliography` adds a bibliography to
 * every briefing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { utils, write } from '@e965/xlsx';

const CLI = resolve('dist/cli.js');

interface JsonReport {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

function run(args: string[], cwd: string): { code: number | null; reports: JsonReport[]; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, reports: result.stdout ? (JSON.parse(result.stdout) as JsonReport[]) : [], stderr: result.stderr };
}

function workspace(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-bib-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const BIB = `@report{fao-2024,
  author = {{FAO}},
  title = {The State of World Fisheries and Aquaculture 2024},
  institution = {Food and Agriculture Organization},
  year = {2024},
  url = {https://example.org/fao/2024},
}

@article{lindqvist-2023,
  author = {Lindqvist, {\\AA}sa and M{\\"u}ller, Jonas},
  title = {Quota swaps and the mackerel dispute},
  journaltitle = {Marine Policy Review},
  date = {2023-11},
  doi = {10.5555/mpr.2023.118},
}
`;

const FACTS = [
  {
    id: 'farmed-share',
    statement: 'Share of aquatic animal production from aquaculture, 2022',
    value: 51,
    unit: 'percent',
    source: 'fao-2024',
    quote: 'aquaculture produced 51 percent',
    keywords: ['aquaculture', 'share'],
  },
  {
    id: 'production',
    statement: 'World production of aquatic animals, 2022',
    value: 185000000,
    unit: 'tonnes',
    source: 'fao-2024',
    quote: '185 million tonnes in 2022',
    keywords: ['production'],
  },
  {
    id: 'mackerel-overshoot',
    statement: 'Amount by which the mackerel catch exceeded advice, 2022',
    value: 41,
    unit: 'percent',
    source: 'lindqvist-2023',
    quote: 'exceeded the advice by 41 percent',
    keywords: ['mackerel'],
  },
];
const COLUMNS = ['id', 'statement', 'value', 'unit', 'source', 'quote', 'keywords'] as const;

function csv(): string {
  const cell = (v: unknown) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  const rows = FACTS.map((f) => COLUMNS.map((c) => cell(c === 'keywords' ? f.keywords.join(';') : f[c])).join(','));
  return [COLUMNS.join(','), ...rows].join('\n') + '\n';
}

function xlsx(): Uint8Array {
  const book = utils.book_new();
  const rows = FACTS.map((f) => COLUMNS.map((c) => (c === 'keywords' ? f.keywords.join(';') : f[c])));
  utils.book_append_sheet(book, utils.aoa_to_sheet([[...COLUMNS], ...rows]), 'facts');
  return new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

function yaml(): string {
  const lines = ['# The sources are the entries of refs.bib.', 'facts:'];
  for (const f of FACTS) {
    lines.push(
      `  - id: ${f.id}`,
      `    statement: ${JSON.stringify(f.statement)}`,
      `    value: ${f.value}`,
      `    unit: ${f.unit}`,
      `    source: ${f.source}`,
      `    quote: ${JSON.stringify(f.quote)}`,
      `    keywords: [${f.keywords.join(', ')}]`,
    );
  }
  return lines.join('\n') + '\n';
}

/** One right figure, one wrong, one with no fact, a misspelt key, and a note citing by DOI link (no note.noSource). */
const BRIEF = (factFile: string) => `---
facts: ${factFile}
bibliography: refs.bib
---
# Fish

In 2022 aquaculture produced 51 per cent of all aquatic animals [@fao-2024, p. 4].
World production of aquatic animals came to 158 million tonnes [-@fao-2024].
The mackerel catch exceeded the advice by 41 per cent [see @lindqvist-2023, p. 4; @fao-2024].
Wild catches fell 3 per cent [@lindqvist-2032].
Mackerel stocks grew 7 per cent [@lindqvist-2023].
Quotas were swapped often.[^1]

[^1]: [Lindqvist and Müller](https://doi.org/10.5555/mpr.2023.118).
`;

describe('briefing-check CLI: bibliographies and fact-file formats', () => {
  it('the same facts as JSON, YAML, CSV and XLSX give identical findings', () => {
    const formats: Record<string, string | Uint8Array> = {
      'facts.facts.json': JSON.stringify({ facts: FACTS }, null, 2),
      'facts.facts.yaml': yaml(),
      'facts.facts.csv': csv(),
      'facts.facts.xlsx': xlsx(),
    };
    const results = Object.entries(formats).map(([name, content]) => {
      const dir = workspace({ 'refs.bib': BIB, [name]: content, 'b.brief.md': BRIEF(name) });
      return { name, ...run(['b.brief.md'], dir) };
    });
    const [first, ...others] = results;
    assert.equal(first!.stderr, '');
    assert.deepEqual(
      first!.reports.map((r) => `${r.file}:${r.line} ${r.code}`),
      ['b.brief.md:8 stat.mismatch', 'b.brief.md:10 source.unknown', 'b.brief.md:11 stat.unsupported'],
      JSON.stringify(first!.reports, null, 1),
    );
    assert.match(first!.reports[1]!.message, /@lindqvist-2032 names no source: it is not in refs\.bib or the fact files\./);
    for (const other of others) {
      assert.equal(other.code, first!.code, other.name);
      assert.deepEqual(other.reports, first!.reports, `${other.name} gives other findings than ${first!.name}`);
    }
  });

  it('a fact whose source is in no fact file or bibliography is facts.invalid at its source cell; --bibliography adds a bibliography', () => {
    const table = csv().replace('lindqvist-2023', 'lindqvist-2033');
    const dir = workspace({
      'extra.bib': BIB,
      'catch.facts.csv': table,
      'b.brief.md': BRIEF('catch.facts.csv').replace('bibliography: refs.bib\n', ''),
    });
    // Without a bibliography no source is known: every fact of the table is reported.
    const alone = run(['b.brief.md'], dir);
    assert.equal(alone.code, 1);
    assert.equal(alone.reports.filter((r) => r.file === 'catch.facts.csv' && r.code === 'facts.invalid').length, 3);
    const withBib = run(['--bibliography', 'extra.bib', 'b.brief.md'], dir);
    const invalid = withBib.reports.filter((r) => r.file === 'catch.facts.csv');
    assert.deepEqual(
      invalid.map((r) => [r.line, r.code]),
      [[4, 'facts.invalid']],
    );
    assert.match(invalid[0]!.message, /source "lindqvist-2033" is not defined .*; did you mean "lindqvist-2023"\?$/);
    assert.equal(invalid[0]!.column, table.split('\n')[3]!.indexOf('lindqvist-2033') + 1);
    const broken = withBib.reports.find((r) => r.file === 'b.brief.md' && r.code === 'facts.broken')!;
    assert.match(broken.message, /^Fact file catch\.facts\.csv has 1 problem .*; only its 2 readable facts are used\.$/);
  });

  it('a bibliography path that does not exist is facts.missing on its line', () => {
    const dir = workspace({ 'b.brief.md': '---\nbibliography:\n  - refs.bib\n---\nA claim [@fao-2024].\n' });
    const { reports } = run(['b.brief.md'], dir);
    const missing = reports.find((r) => r.code === 'facts.missing')!;
    assert.equal(missing.message, 'Bibliography refs.bib does not exist: create it, or correct the path (relative to this briefing).');
    assert.deepEqual([missing.line, missing.column], [3, 5]);
  });
});

describe('briefing-check CLI: inline references', () => {
  it('front matter references: are sources; an item without id is bibliography.invalid in the briefing, at its line', () => {
    const brief = `---
references:
  - id: kim-2021
    type: report
    title: Fisheries outlook
    author:
      - family: Kim
        given: Min
    issued:
      date-parts: [[2021]]
  - type: report
    title: No id here
---
Farmed fish are half the total [@kim-2021, p. 3]. See also [@kim-2012].
`;
    const dir = workspace({ 'b.brief.md': brief });
    const { reports } = run(['b.brief.md'], dir);
    assert.deepEqual(
      reports.map((r) => [r.file, r.line, r.column, r.code, r.message]),
      [
        ['b.brief.md', 11, 5, 'bibliography.invalid', 'This bibliography item has no "id", so it cannot be cited'],
        [
          'b.brief.md',
          14,
          brief.split('\n')[13]!.indexOf('@kim-2012') + 1,
          'source.unknown',
          '@kim-2012 names no source: it is not in b.brief.md or the fact files.',
        ],
      ],
    );
  });
});
