// The values bibtexPlain.ts reads without the LaTeX parser are read exactly as the
// parser reads them: each sample, and every entry of pandoc's BibLaTeX tests, gives the
// same entry with the fast reading as with every field given to the parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainFieldValue } from '../../src/core/bibliography/bibtexPlain';
import { parseBibtex } from '../../src/core/bibliography/parseBibtex';

const TEXT_SAMPLES = [
  "People's Republic",
  "A `quoted' word",
  'x -- y',
  'x - y',
  'x --- y',
  "a ''b''",
  'a ?` b',
  'a !` b',
  'a << b >>',
  'a ,, b',
  '{Trade} and {USA} sanctions',
  '{{Trade} and sanctions, part 42}',
  'a  \n  b',
  'a: b; c. (d) [e] f/g + h = i * j @ k | l',
  '50% off',
  'a & b',
  'a~b',
  'x_y',
  'a ... b',
  'a — b – c',
  'Müller ü é',
  'Journal of {X}',
  "Int'l Review",
  'a < b > c',
  'a ? b ! c',
  'a-b',
  '1-2',
  'M{\\"u}ller',
  "Garc{\\'i}a",
  '\\"Ubersicht',
  '{\\c c}a',
  '\\v{s}ko',
  'na\\"{\\i}ve',
  '\\emph{x} y',
  '$x^2$',
  'a\\&b',
  'tab\there',
  '  ',
  '',
  'Σ Greek',
  "{\\'E}tude",
  '\\H{o}',
  '{\\"{o}}',
  '{\\u g}',
  'A and B',
  '{A and B}',
  'The {\\TeX}book',
  'x \\\\ y',
];
const NAME_SAMPLES = [
  'Smith, Anna',
  'Anna Smith',
  'Anna Maria Smith',
  'Smith, Anna and Lee, Ben',
  'Plato',
  'van Beethoven, Ludwig',
  'Ludwig van Beethoven',
  'Smith, Jr., John',
  'Jean-Paul Sartre',
  'Smith, A. B.',
  'Smith, Anna AND Lee, Ben',
  'Smith, Anna and others',
  "O'Brien, Pat",
  'Müller, Anna',
  'Smith,Anna',
  'Smith ,  Anna',
  'Anna  Smith  and  Ben Lee',
  'García Márquez, Gabriel',
  'Ibn Khaldun',
  'Smith, anna',
  'de la Cruz, Juana',
  '{World Bank}',
  'Smith, Anna and {World Bank}',
  '{World {Health} Organization}',
  'M{\\"u}ller, Anna and Garc{\\\'i}a, Ben and {World Bank}',
  '{\\"U}ber, Hans',
  '{\\"u}ber, Hans',
  '{\\c c}',
  'Smith, Anna and {\\"O}zil, Mesut',
  'Smith, Anna and',
  'and Smith',
  'Beethoven, Ludwig van',
  '{Smith}, Anna',
  'Anna {Smith Jones}',
];
const URL_SAMPLES = [
  'https://example.org/a_b~c?d=1&e=2#f',
  'https://x.org/a%20b',
  '10.1000/ab_c-d(e)f;g',
  'https://x.org/{a}',
  ' https://x.org/ ',
  '\\url{https://x.org}',
];

const TEXT_FIELDS = [
  'title',
  'subtitle',
  'journaltitle',
  'journal',
  'booktitle',
  'date',
  'year',
  'school',
  'publisher',
  'institution',
  'eprinttype',
];

function samplesFile(): string {
  const entries: string[] = [];
  let n = 0;
  const add = (field: string, value: string) => {
    entries.push(`@misc{b${n++}, ${field} = {${value}}}`);
    if (!value.includes('"')) entries.push(`@misc{q${n++}, ${field} = "${value}"}`);
  };
  for (const value of TEXT_SAMPLES) for (const field of TEXT_FIELDS) add(field, value);
  for (const value of NAME_SAMPLES) for (const field of ['author', 'editor']) add(field, value);
  for (const value of URL_SAMPLES) for (const field of ['url', 'doi', 'eprint']) add(field, value);
  return entries.join('\n');
}

test('values read without the parser read as the parser reads them', () => {
  const text = samplesFile();
  assert.deepEqual(parseBibtex(text), parseBibtex(text, undefined, false));
});

/** Random values from pieces that matter to the parser, seeded so that a failure repeats. */
function randomFile(seed: number, entries: number): string {
  const PIECES = [
    'Anna',
    'smith',
    'Smith',
    'van',
    'de',
    'and',
    'AND',
    ' ',
    ' ',
    ',',
    ', ',
    '{',
    '}',
    '{\\"u}',
    '\\"o',
    "\\'{e}",
    '{\\c c}',
    '\\v{s}',
    'Müller',
    '-',
    '--',
    '.',
    "'",
    '`',
    '!',
    '?',
    '(',
    ':',
    'Jr.',
    '{World Bank}',
    'Ü',
    '\t',
    '\n',
    '2020',
    '/',
    '&',
    '"',
    '{}',
    '\\i',
    '~',
    '%',
    '<',
    'others',
    '{\\"U}ber',
  ];
  const FIELDS = ['author', 'editor', 'title', 'journaltitle', 'publisher', 'institution', 'school', 'date', 'url', 'doi'];
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
  return Array.from({ length: entries }, (_, e) => {
    let value = '';
    let depth = 0;
    for (let k = 1 + next(10); k > 0; k--) {
      for (const c of PIECES[next(PIECES.length)]!) {
        if (c === '}' && depth === 0) continue;
        depth += c === '{' ? 1 : c === '}' ? -1 : 0;
        value += c;
      }
    }
    value += '}'.repeat(depth);
    const field = FIELDS[next(FIELDS.length)];
    return next(2) && !value.includes('"') ? `@misc{k${e}, ${field} = "${value}"}` : `@misc{k${e}, ${field} = {${value}}}`;
  }).join('\n');
}

test('random values read as the parser reads them', () => {
  for (const seed of [1, 2, 3]) {
    const text = randomFile(seed, 400);
    assert.deepEqual(parseBibtex(text), parseBibtex(text, undefined, false), `seed ${seed}`);
  }
});

test('most plain values are read without the parser', () => {
  const read = (field: string, value: string) => plainFieldValue(field, `{${value}}`);
  assert.equal(read('title', '{Trade} and sanctions'), 'Trade and sanctions');
  assert.deepEqual(read('author', 'M{\\"u}ller, Anna and {World Bank}'), [
    { lastName: 'Müller', firstName: 'Anna' },
    { name: 'World Bank' },
  ]);
  assert.equal(read('url', 'https://x.org/a_b'), 'https://x.org/a_b');
  // Left to the parser: a von particle, a dash ligature, a command it knows, a month name.
  assert.equal(read('author', 'van Beethoven, Ludwig'), undefined);
  assert.equal(read('title', 'x -- y'), undefined);
  assert.equal(read('title', '\\emph{x}'), undefined);
  assert.equal(read('month', 'jan'), undefined);
});

test("pandoc's BibLaTeX tests read the same with and without the fast reading", () => {
  const folder = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'pandoc-bib');
  const files = readdirSync(folder).filter((name) => name.endsWith('.md') || name.endsWith('.bib'));
  assert.ok(files.length > 100, `pandoc's tests are in ${folder}`);
  for (const name of files) {
    const content = readFileSync(join(folder, name), 'utf8');
    // A test's input is the text before `^D`, after its command line (conformance test's reading).
    const text = name.endsWith('.md') ? content.split('\n^D\n')[0]!.split('\n').slice(2).join('\n') : content;
    assert.deepEqual(parseBibtex(text), parseBibtex(text, undefined, false), name);
  }
});
