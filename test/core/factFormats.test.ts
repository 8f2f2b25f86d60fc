import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { utils, write } from '@e965/xlsx';
import type { ParsedFactFile } from '../../src/core/facts/parseFactFile';
import { factFileFormatOf, parseFactSource } from '../../src/core/facts/parseFactSource';
import { parseTableNumber } from '../../src/core/facts/tableValue';

const FACTS = [
  {
    id: 'cn-nk-trade-growth-2017q1',
    statement: "China's trade with North Korea, growth in Q1 2017 year on year",
    value: 37.4,
    unit: 'percent',
    source: 'cn-customs-2017q1',
    quote: 'Trade with the DPRK rose 37.4 percent, to "record" levels.',
    locator: 'table 4',
    asOf: '2017-03-31',
    keywords: ['trade', 'grew', 'quarter'],
  },
  {
    id: 'cn-coal-imports-2016',
    statement: 'Coal imported by China from North Korea in 2016',
    value: 22480000,
    unit: 'tonnes',
    source: 'cn-customs-2017q1',
    quote: 'Imports of coal, mostly anthracite,\nreached 22.48 million tonnes.',
    supersededBy: 'cn-nk-trade-growth-2017q1',
  },
];

const JSON_TEXT = JSON.stringify({ sources: { 'cn-customs-2017q1': { title: 'China trade statistics' } }, facts: FACTS }, null, 2);

const YAML_TEXT = `# Facts for the North Korea briefing
sources:
  cn-customs-2017q1:
    title: China trade statistics
facts:
  - id: cn-nk-trade-growth-2017q1
    statement: China's trade with North Korea, growth in Q1 2017 year on year
    value: 37.4 # percent
    unit: percent
    source: cn-customs-2017q1
    quote: 'Trade with the DPRK rose 37.4 percent, to "record" levels.'
    locator: table 4
    asOf: 2017-03-31
    keywords: [trade, grew, quarter]
  - id: cn-coal-imports-2016
    statement: Coal imported by China from North Korea in 2016
    value: 22480000
    unit: tonnes
    source: cn-customs-2017q1
    quote: "Imports of coal, mostly anthracite,\\nreached 22.48 million tonnes."
    supersededBy: cn-nk-trade-growth-2017q1
`;

const CSV_TEXT =
  '\ufeffid,statement,value,unit,source,quote,locator,asOf,keywords,supersededBy\r\n' +
  `cn-nk-trade-growth-2017q1,"China's trade with North Korea, growth in Q1 2017 year on year",37.4,percent,cn-customs-2017q1,"Trade with the DPRK rose 37.4 percent, to ""record"" levels.",table 4,2017-03-31,trade; grew; quarter,\r\n` +
  'cn-coal-imports-2016,Coal imported by China from North Korea in 2016,"22,480,000",tonnes,cn-customs-2017q1,"Imports of coal, mostly anthracite,\nreached 22.48 million tonnes.",,,,cn-nk-trade-growth-2017q1\r\n';

/** The same, as European Excel saves CSV: `;` between fields, a decimal comma. */
const SEMICOLON_CSV =
  'ID;Statement;Value;Unit;Source;Quote;Locator;As of;Keywords;Superseded by\n' +
  `cn-nk-trade-growth-2017q1;China's trade with North Korea, growth in Q1 2017 year on year;37,4;percent;cn-customs-2017q1;"Trade with the DPRK rose 37.4 percent, to ""record"" levels.";table 4;2017-03-31;trade;grew;quarter;\n`.replace(
    'trade;grew;quarter',
    '"trade;grew;quarter"',
  ) +
  'cn-coal-imports-2016;Coal imported by China from North Korea in 2016;22.480.000;tonnes;cn-customs-2017q1;"Imports of coal, mostly anthracite,\nreached 22.48 million tonnes.";;;;cn-nk-trade-growth-2017q1\n';

const TSV_TEXT = [
  'id\tstatement\tvalue\tunit\tsource\tquote\tlocator\tasOf\tkeywords\tsupersededBy',
  `cn-nk-trade-growth-2017q1\t${FACTS[0]!.statement}\t37.4\tpercent\tcn-customs-2017q1\t"Trade with the DPRK rose 37.4 percent, to ""record"" levels."\ttable 4\t2017-03-31\ttrade;grew;quarter\t`,
  `cn-coal-imports-2016\t${FACTS[1]!.statement}\t22 480 000\ttonnes\tcn-customs-2017q1\t"Imports of coal, mostly anthracite,\nreached 22.48 million tonnes."\t\t\t\tcn-nk-trade-growth-2017q1`,
].join('\n');

/** A workbook whose sheet `sheetName` holds `rows`; a first sheet named "About" unless `alone`. */
function workbook(rows: unknown[][], sheetName = 'facts', edit?: (sheet: Record<string, unknown>) => void, alone = false): Uint8Array {
  const book = utils.book_new();
  if (!alone) utils.book_append_sheet(book, utils.aoa_to_sheet([['notes'], ['read the other sheet']]), 'About');
  const sheet = utils.aoa_to_sheet(rows);
  edit?.(sheet);
  utils.book_append_sheet(book, sheet, sheetName);
  return new Uint8Array(write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

const HEADER = ['id', 'statement', 'value', 'unit', 'source', 'quote', 'locator', 'asOf', 'keywords', 'supersededBy'];
const XLSX_ROWS = [
  HEADER,
  [FACTS[0]!.id, FACTS[0]!.statement, 0.374, 'percent', FACTS[0]!.source, FACTS[0]!.quote, 'table 4', '2017-03-31', 'trade;grew;quarter'],
  [FACTS[1]!.id, FACTS[1]!.statement, 22480000, 'tonnes', FACTS[1]!.source, FACTS[1]!.quote, '', '', '', FACTS[1]!.supersededBy],
];
/** 37.4% is stored as 0.374 with a percentage format, and a date as a day number with a date format, as a spreadsheet does. */
const percentFormat = (sheet: Record<string, unknown>) => {
  const cell = sheet.C2 as { z?: string; w?: string };
  cell.z = '0.0%';
  delete cell.w;
  sheet.H2 = { t: 'n', v: 42825, z: 'd mmm yyyy' };
};

function factsOf(file: ParsedFactFile) {
  return file.facts.map((entry) => entry.fact);
}

describe('fact files in every format', () => {
  test('JSON, YAML, CSV, a ;-separated CSV and XLSX give the same facts', () => {
    const json = parseFactSource('a.facts.json', JSON_TEXT);
    assert.deepEqual(json.findings, []);
    assert.deepEqual(factsOf(json), FACTS);
    const others = {
      yaml: parseFactSource('a.facts.yaml', YAML_TEXT),
      csv: parseFactSource('a.facts.csv', CSV_TEXT),
      semicolon: parseFactSource('b.facts.csv', SEMICOLON_CSV),
      tsv: parseFactSource('a.facts.tsv', TSV_TEXT),
      xlsx: parseFactSource('a.facts.xlsx', workbook(XLSX_ROWS, 'Facts', percentFormat)),
    };
    for (const [format, parsed] of Object.entries(others)) {
      assert.deepEqual(parsed.findings, [], format);
      assert.deepEqual(factsOf(parsed), FACTS, format);
    }
    assert.deepEqual(
      others.yaml.sources.map((s) => s.id),
      ['cn-customs-2017q1'],
    );
  });

  test('positions: the line of each fact, the span of its id, the cell in a workbook', () => {
    const yaml = parseFactSource('a.facts.yaml', YAML_TEXT);
    assert.deepEqual(
      yaml.facts.map((f) => f.line),
      [5, 14],
    );
    assert.equal(YAML_TEXT.slice(yaml.factIdSpans[2], yaml.factIdSpans[3]), 'cn-coal-imports-2016');
    assert.equal(yaml.sources[0]!.line, 2);
    const csv = parseFactSource('a.facts.csv', CSV_TEXT);
    assert.deepEqual(
      csv.facts.map((f) => [f.line, f.index]),
      [
        [1, 0],
        [2, 1],
      ],
    );
    assert.equal(CSV_TEXT.slice(csv.factIdSpans[2], csv.factIdSpans[3]), 'cn-coal-imports-2016');
    const xlsx = parseFactSource('a.facts.xlsx', workbook(XLSX_ROWS, 'facts', percentFormat));
    assert.deepEqual(
      xlsx.facts.map((f) => f.cell),
      ['facts!A2', 'facts!A3'],
    );
  });
});

describe('problems are reported where they are', () => {
  test('YAML: a type error at the value, other facts still load', () => {
    const text = YAML_TEXT.replace('value: 22480000', 'value: 22,480,000');
    const parsed = parseFactSource('a.facts.yaml', text);
    assert.equal(parsed.findings.length, 1);
    const finding = parsed.findings[0]!;
    assert.equal(finding.code, 'facts.invalid');
    assert.equal(text.slice(finding.span.start, finding.span.end), '22,480,000');
    assert.match(finding.message, /fact "cn-coal-imports-2016"\.value: expected a number, got string "22,480,000"/);
    assert.deepEqual(
      parsed.facts.map((f) => f.fact.id),
      ['cn-nk-trade-growth-2017q1'],
    );
  });

  test('YAML: a misspelt key and a missing one, at the key and at the fact', () => {
    const text = YAML_TEXT.replace('    locator: table 4', '    loactor: table 4').replace(/    quote: "Imports[^\n]*\n/, '');
    const parsed = parseFactSource('a.facts.yaml', text);
    const messages = parsed.findings.map((f) => [text.slice(f.span.start, f.span.end).split('\n')[0], f.message]);
    assert.deepEqual(messages, [
      ['loactor', 'fact "cn-nk-trade-growth-2017q1".loactor: unknown key; did you mean "locator"?'],
      // A fact has no key of its own: the problem is shown at its first character, as JSON's at its "{".
      ['i', 'fact "cn-coal-imports-2016": the required key "quote" is missing'],
    ]);
  });

  test('YAML: a syntax error is reported at its line; facts before it still load', () => {
    const text = YAML_TEXT.replace('    unit: tonnes', '    unit: [tonnes');
    const parsed = parseFactSource('a.facts.yaml', text);
    assert.ok(parsed.findings.length >= 1);
    assert.match(parsed.findings[0]!.message, /^Invalid YAML/);
    assert.deepEqual(
      parsed.facts.map((f) => f.fact.id),
      ['cn-nk-trade-growth-2017q1'],
    );
  });

  test('CSV: a value that is not a number, at its cell; a missing quote, at its empty cell', () => {
    const text = CSV_TEXT.replace('"22,480,000"', '22.48 million').replace(
      '"Trade with the DPRK rose 37.4 percent, to ""record"" levels."',
      '',
    );
    const parsed = parseFactSource('a.facts.csv', text);
    const found = parsed.findings.map((f) => [text.slice(f.span.start, f.span.end), f.message]);
    assert.deepEqual(found, [
      ['', 'row 2, quote: the required column "quote" is empty'],
      [
        '22.48 million',
        'row 3, value: "22.48 million" is not a number; write the value as a plain number (2.1 billion is 2100000000, 37.4% is 37.4 with unit percent)',
      ],
    ]);
    assert.equal(parsed.facts.length, 0);
  });

  test('CSV: an unclosed quote costs its row only', () => {
    const lines = 'id,statement,value,unit,source,quote\nbroken,"open quote,1,tonnes,s,q\nfine,Fine,2,tonnes,s,q\n';
    const parsed = parseFactSource('c.facts.csv', lines);
    assert.deepEqual(
      parsed.facts.map((f) => [f.fact.id, f.line]),
      [['fine', 2]],
    );
    assert.equal(parsed.findings.length, 1);
    assert.match(parsed.findings[0]!.message, /^Invalid CSV: .*Quote Not Closed.*this row is skipped/i);
    assert.equal(lines.slice(parsed.findings[0]!.span.start, parsed.findings[0]!.span.end), 'broken,"open quote,1,tonnes,s,q');
  });

  test('CSV: a missing required column is one finding on the header', () => {
    const parsed = parseFactSource('c.facts.csv', 'id,statment,value,unit,source,quote\nx,X,1,tonnes,s,q\n');
    assert.deepEqual(
      parsed.findings.map((f) => f.message),
      [
        'row 1, statment: unknown column "statment"; did you mean "statement"?',
        'The header row has no "statement" column; the first row must name the columns (id, statement, value, unit, source, quote, locator, asOf, keywords, supersededBy)',
      ],
    );
    assert.equal(parsed.facts.length, 0);
  });

  test('XLSX: problems name the sheet and cell', () => {
    const rows = XLSX_ROWS.map((row) => [...row]);
    rows[2]![2] = 'lots';
    rows[1]![3] = 'yuan';
    // The only sheet, so it is read though it is not named "facts".
    const parsed = parseFactSource('a.facts.xlsx', workbook(rows, 'Data 2017', undefined, true));
    assert.deepEqual(
      parsed.findings.map((f) => [f.span, f.message]),
      [
        [{ start: 0, end: 0 }, `'Data 2017'!D2: write "CNY" instead of "yuan"`],
        [
          { start: 0, end: 0 },
          `'Data 2017'!C3: "lots" is not a number; write the value as a plain number (2.1 billion is 2100000000, 37.4% is 37.4 with unit percent)`,
        ],
      ],
    );
  });

  test('XLSX: not a workbook is one finding', () => {
    const parsed = parseFactSource('a.facts.xlsx', new TextEncoder().encode('id,statement\n'));
    assert.equal(parsed.facts.length, 0);
    assert.deepEqual(
      parsed.findings.map((f) => f.message),
      ['This is not an .xlsx workbook (save it from the spreadsheet as "Excel Workbook (.xlsx)")'],
    );
  });
});

test('table numbers: read as a spreadsheet shows them, or not at all', () => {
  const dot = { decimalComma: false, percent: false };
  const comma = { decimalComma: true, percent: false };
  assert.equal(parseTableNumber('898,000', dot), 898000);
  assert.equal(parseTableNumber('5.25', dot), 5.25);
  assert.equal(parseTableNumber('1,234,567.5', dot), 1234567.5);
  assert.equal(parseTableNumber('1.234.567,5', dot), 1234567.5);
  assert.equal(parseTableNumber('5,25', dot), 5.25);
  assert.equal(parseTableNumber('5.250', dot), 5.25);
  assert.equal(parseTableNumber('-12', dot), -12);
  assert.equal(parseTableNumber('898 000', dot), 898000);
  assert.equal(parseTableNumber('898,000', comma), 898);
  assert.equal(parseTableNumber('898.000', comma), 898000);
  assert.equal(parseTableNumber('37,4', comma), 37.4);
  assert.equal(parseTableNumber('12%', { decimalComma: false, percent: true }), 12);
  for (const bad of ['12%', '$5', '2.1 billion', '1,23,456', '1.2.3,4,5', '', 'n/a', '1e6', '--5'])
    assert.equal(parseTableNumber(bad, dot), undefined, bad);
});

test('factFileFormatOf', () => {
  assert.equal(factFileFormatOf('x.facts.json'), 'json');
  assert.equal(factFileFormatOf('x.facts.YML'), 'yaml');
  assert.equal(factFileFormatOf('x.facts.tsv'), 'csv');
  assert.equal(factFileFormatOf('x.facts.xlsx'), 'xlsx');
  assert.equal(factFileFormatOf('x.md'), undefined);
});
