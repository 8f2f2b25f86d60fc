// Tests of the fact-file layer: parsing and validation (facts.invalid), the index
// (facts.duplicateId, look-ups, URL normalisation, search) and the JSON Schema.
// Fixtures are inline; positions are asserted as exact text and exact line numbers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import { FactIndex, normalizeUrl } from '../../src/core/facts/factIndex';
import { outlineJson, type Outline } from '../../src/core/facts/jsonOutline';
import { factFileEditorSchema, factFileJsonSchema } from '../../src/core/facts/jsonSchema';
import { factIdSpan, parseFactFile, type LoadedFactFile, type ParsedFactFile } from '../../src/core/facts/parseFactFile';
import { quickCheck } from '../../src/core/facts/quickCheck';
import { canonicalUnitFor, FactSchema, SourceSchema } from '../../src/core/facts/schema';
import type { Finding, Span } from '../../src/core/types';

// Line numbers of VALID, referred to by the tests below.
const LINE = {
  sourceKey: 3,
  title: 4,
  publisher: 5,
  url: 6,
  factOpen: 12,
  id: 13,
  statement: 14,
  value: 15,
  unit: 16,
  source: 17,
  quote: 18,
  keywords: 21,
  factClose: 22,
};
const VALID = `{
  "sources": {
    "cn-customs-2017q1": {
      "title": "China trade statistics, first quarter 2017",
      "publisher": "General Administration of Customs of China",
      "url": "https://example.org/customs/2017q1",
      "published": "2017-04-13",
      "accessed": "2017-08-20"
    }
  },
  "facts": [
    {
      "id": "cn-nk-trade-growth-2017q1",
      "statement": "China's trade with North Korea, growth in Q1 2017 year on year",
      "value": 37.4,
      "unit": "percent",
      "source": "cn-customs-2017q1",
      "quote": "Trade with the DPRK rose 37.4 percent in the first quarter.",
      "locator": "table 4",
      "asOf": "2017-03-31",
      "keywords": ["trade", "grew", "quarter"]
    }
  ]
}
`;

/** 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** What a test compares of a finding: code, message, the covered text and its line. */
function describeFinding(text: string, finding: Finding) {
  return {
    code: finding.code,
    message: finding.message,
    text: text.slice(finding.span.start, finding.span.end),
    line: lineOf(text, finding.span.start),
  };
}

function findingsOf(file: ParsedFactFile) {
  return file.findings.map((f) => describeFinding(file.text, f));
}

function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `fixture should contain ${JSON.stringify(from)} once`);
  return text.replace(from, () => to);
}

function withoutLine(text: string, line: number): string {
  const lines = text.split('\n');
  lines.splice(line - 1, 1);
  return lines.join('\n');
}

/** A fact file with one source "src" and the given facts (each completed to a valid fact). */
function fileWithFacts(facts: Array<Record<string, unknown>>, source: Record<string, unknown> = { title: 'A source' }): string {
  const full = facts.map((f, i) => ({
    id: `f${i}`,
    statement: `Statement ${i}`,
    value: i,
    unit: 'percent',
    source: 'src',
    quote: `Quote ${i}`,
    ...f,
  }));
  return JSON.stringify({ sources: { src: source }, facts: full }, null, 2);
}

describe('parseFactFile: valid files', () => {
  test('reads the documented example (docs/fact-files.md) with spans of the source key and the fact object', () => {
    const file = parseFactFile(VALID, 'a.facts.json');
    assert.deepEqual(file.findings, []);
    assert.equal(file.path, 'a.facts.json');
    assert.equal(file.text, VALID);
    assert.equal(file.sources.length, 1);
    const [source] = file.sources;
    assert.equal(source!.id, 'cn-customs-2017q1');
    assert.equal(source!.file, 'a.facts.json');
    assert.equal(source!.source.publisher, 'General Administration of Customs of China');
    assert.equal(VALID.slice(source!.span.start, source!.span.end), '"cn-customs-2017q1"');
    assert.equal(lineOf(VALID, source!.span.start), LINE.sourceKey);
    assert.equal(file.facts.length, 1);
    const [fact] = file.facts;
    assert.equal(fact!.index, 0);
    assert.equal(fact!.fact.value, 37.4);
    assert.deepEqual(fact!.fact.keywords, ['trade', 'grew', 'quarter']);
    const factText = VALID.slice(fact!.span.start, fact!.span.end);
    assert.ok(factText.startsWith('{\n      "id"') && factText.endsWith('"quarter"]\n    }'), factText);
    assert.equal(lineOf(VALID, fact!.span.start), LINE.factOpen);
    assert.equal(lineOf(VALID, fact!.span.end), LINE.factClose);
  });

  test('a BOM keeps every offset pointing into the given text', () => {
    const text = '\uFEFF' + VALID;
    const file = parseFactFile(text, 'a.facts.json');
    assert.deepEqual(file.findings, []);
    assert.equal(text.slice(file.sources[0]!.span.start, file.sources[0]!.span.end), '"cn-customs-2017q1"');
    const bad = parseFactFile('\uFEFF' + replaceOnce(VALID, '"value": 37.4', '"value": "37.4"'), 'a.facts.json');
    assert.deepEqual(findingsOf(bad), [
      {
        code: 'facts.invalid',
        message: 'fact "cn-nk-trade-growth-2017q1".value: expected a number, got string "37.4"',
        text: '"37.4"',
        line: LINE.value,
      },
    ]);
  });

  test('empty object, $schema, unknown keys and "_comment" keys are fine', () => {
    assert.deepEqual(parseFactFile('{}', 'x').findings, []);
    const text = fileWithFacts([{ _comment: 'checked twice', notes: 'from the annex', note: 'not a typo of "quote"' }], {
      title: 'T',
      _comment: 'x',
      edition: '2nd',
    });
    const file = parseFactFile(text.replace(/^\{/, '{"$schema": "./facts.schema.json",'), 'x');
    assert.deepEqual(file.findings, []);
    assert.equal(file.facts.length, 1);
  });

  test('keeps numbers of any sign and size that JSON can write', () => {
    const file = parseFactFile(fileWithFacts([{ value: -3.5e-7 }, { value: 2100000000 }, { value: 0 }]), 'x');
    assert.deepEqual(file.findings, []);
    assert.deepEqual(
      file.facts.map((f) => f.fact.value),
      [-3.5e-7, 2100000000, 0],
    );
  });

  test('the entries kept are what zod accepts (no transforms or defaults are lost)', () => {
    const file = parseFactFile(VALID, 'x');
    assert.deepEqual(FactSchema.parse(file.facts[0]!.fact), file.facts[0]!.fact);
  });

  test('entries know their line, a source its character, and a fact where its id is: the text need not be kept', () => {
    const file = parseFactFile(VALID, 'x');
    const [source] = file.sources;
    assert.deepEqual([source!.line, source!.character], [LINE.sourceKey - 1, 4]);
    assert.equal(file.facts[0]!.line, LINE.factOpen - 1);
    const id = factIdSpan(file, 0);
    assert.equal(VALID.slice(id.start, id.end), '"cn-nk-trade-growth-2017q1"');
    // Minified, with the id last, escaped, or given twice (JSON.parse keeps the last).
    const odd =
      '{"sources":{"s":{"title":"T"}},"facts":[{"statement":"S","value":1,"unit":"u","source":"s","quote":"Q","id":"last"},\n{"id":"f\\u0031","statement":"S","value":1,"unit":"u","source":"s","quote":"Q"},{"id":"no","statement":"S","value":1,"unit":"u","source":"s","quote":"Q","id":"yes"}]}';
    const parsed = parseFactFile(odd, 'x');
    assert.deepEqual(
      parsed.facts.map((f) => [f.fact.id, f.line]),
      [
        ['last', 0],
        ['f1', 1],
        ['yes', 1],
      ],
    );
    assert.deepEqual(
      [0, 1, 2].map((k) => odd.slice(factIdSpan(parsed, k).start, factIdSpan(parsed, k).end)),
      ['"last"', '"f\\u0031"', '"yes"'],
    );
  });

  test('equal keyword lists and quotes are stored once; a shared list cannot be changed', () => {
    const file = parseFactFile(
      fileWithFacts([
        { keywords: ['coal', 'exports'], quote: 'Same' },
        { keywords: ['coal', 'exports'], quote: 'Same' },
        { keywords: ['coal'] },
      ]),
      'x',
    );
    const [a, b, c] = file.facts.map((f) => f.fact);
    assert.equal(a!.keywords, b!.keywords);
    assert.deepEqual(c!.keywords, ['coal']);
    assert.ok(Object.isFrozen(a!.keywords));
    assert.equal(a!.quote, b!.quote);
    assert.deepEqual(JSON.parse(JSON.stringify(file.facts.map((f) => f.fact))), JSON.parse(file.text).facts);
  });
});

describe('parseFactFile: schema problems are facts.invalid at the offending value', () => {
  for (const [key, line] of [
    ['id', LINE.id],
    ['statement', LINE.statement],
    ['value', LINE.value],
    ['unit', LINE.unit],
    ['source', LINE.source],
    ['quote', LINE.quote],
  ] as const) {
    test(`a fact without "${key}" is reported on its "{" and not loaded`, () => {
      const file = parseFactFile(withoutLine(VALID, line), 'a.facts.json');
      assert.deepEqual(findingsOf(file), [
        // A fact is named by its id where it has one, else by its place in the array.
        {
          code: 'facts.invalid',
          message: `${key === 'id' ? 'facts[0]' : 'fact "cn-nk-trade-growth-2017q1"'}: the required key "${key}" is missing`,
          text: '{',
          line: LINE.factOpen,
        },
      ]);
      assert.equal(file.findings[0]!.severity, 'error');
      assert.equal(file.facts.length, 0);
      assert.equal(file.sources.length, 1);
    });
  }

  test('a source without "title" is reported on its key; its facts are not loaded, silently', () => {
    const file = parseFactFile(withoutLine(VALID, LINE.title), 'a.facts.json');
    assert.deepEqual(findingsOf(file), [
      {
        code: 'facts.invalid',
        message: 'sources["cn-customs-2017q1"]: the required key "title" is missing',
        text: '"cn-customs-2017q1"',
        line: LINE.sourceKey,
      },
    ]);
    assert.equal(file.sources.length, 0);
    assert.equal(file.facts.length, 0);
  });

  test('wrong types name the path, the expected type and what was found', () => {
    const cases: Array<[string, string, string, string]> = [
      ['"value": 37.4', '"value": "37.4"', 'fact "cn-nk-trade-growth-2017q1".value: expected a number, got string "37.4"', '"37.4"'],
      ['"value": 37.4', '"value": null', 'fact "cn-nk-trade-growth-2017q1".value: expected a number, got null', 'null'],
      ['"unit": "percent"', '"unit": 5', 'fact "cn-nk-trade-growth-2017q1".unit: expected a string, got number 5', '5'],
      ['"unit": "percent"', '"unit": ""', 'fact "cn-nk-trade-growth-2017q1".unit: must not be empty', '""'],
      ['"unit": "percent"', '"unit": "yuan"', 'fact "cn-nk-trade-growth-2017q1".unit: write "CNY" instead of "yuan"', '"yuan"'],
      [
        '["trade", "grew", "quarter"]',
        '["trade", 7]',
        'fact "cn-nk-trade-growth-2017q1".keywords[1]: expected a string, got number 7',
        '7',
      ],
      ['["trade", "grew", "quarter"]', '["trade", ""]', 'fact "cn-nk-trade-growth-2017q1".keywords[1]: must not be empty', '""'],
      [
        '["trade", "grew", "quarter"]',
        '"trade"',
        'fact "cn-nk-trade-growth-2017q1".keywords: expected an array, got string "trade"',
        '"trade"',
      ],
      ['"asOf": "2017-03-31"', '"asOf": true', 'fact "cn-nk-trade-growth-2017q1".asOf: expected a string, got boolean true', 'true'],
    ];
    for (const [from, to, message, covered] of cases) {
      const text = replaceOnce(VALID, from, to);
      const file = parseFactFile(text, 'a.facts.json');
      assert.deepEqual(findingsOf(file), [{ code: 'facts.invalid', message, text: covered, line: lineOf(VALID, VALID.indexOf(from)) }], to);
      assert.equal(file.facts.length, 0, to);
    }
  });

  test('a wrong source field is reported at its value; the source is not loaded', () => {
    const file = parseFactFile(replaceOnce(VALID, '"url": "https://example.org/customs/2017q1"', '"url": ["a", "b"]'), 'x');
    assert.deepEqual(findingsOf(file), [
      {
        code: 'facts.invalid',
        message: 'sources["cn-customs-2017q1"].url: expected a string, got an array',
        text: '["a", "b"]',
        line: LINE.url,
      },
    ]);
    assert.equal(file.sources.length, 0);
  });

  test('a source that no loaded file defines is reported by the index at the value, with a suggestion when one is close', () => {
    // The file alone cannot tell: the source may be another fact file's or a bibliography's.
    const unknown = parseFactFile(replaceOnce(VALID, '"source": "cn-customs-2017q1"', '"source": "cn-customs"'), 'x');
    assert.deepEqual(findingsOf(unknown), []);
    const index = FactIndex.from([unknown]);
    assert.deepEqual(
      index.fileFindings('x').map((f) => describeFinding(unknown.text, f)),
      [
        {
          code: 'facts.invalid',
          message:
            'fact "cn-nk-trade-growth-2017q1": source "cn-customs" is not defined in this file, the other fact files or the bibliographies this briefing loads',
          text: '"cn-customs"',
          line: LINE.source,
        },
      ],
    );
    assert.equal(index.facts.length, 0);
    assert.equal(index.unresolvedSourceFindings('x').length, 1);
    const close = parseFactFile(replaceOnce(VALID, '"source": "cn-customs-2017q1"', '"source": "cn-customs-2017q2"'), 'x');
    assert.match(FactIndex.from([close]).fileFindings('x')[0]!.message, /; did you mean "cn-customs-2017q1"\?$/);
  });

  test("a fact may name another file's source; the index loads it", () => {
    const other = parseFactFile(JSON.stringify({ sources: { 'cn-customs': { title: 'Customs' } }, facts: [] }), 'other');
    const file = parseFactFile(replaceOnce(VALID, '"source": "cn-customs-2017q1"', '"source": "cn-customs"'), 'x');
    const index = FactIndex.from([file, other]);
    assert.deepEqual(index.fileFindings('x'), []);
    assert.deepEqual(
      index.factsOfSource('cn-customs').map((f) => f.fact.id),
      ['cn-nk-trade-growth-2017q1'],
    );
  });

  test('a misspelt key is reported on the key; a misspelt required key is not also reported as missing', () => {
    const required = parseFactFile(replaceOnce(VALID, '"quote":', '"qoute":'), 'x');
    assert.deepEqual(findingsOf(required), [
      {
        code: 'facts.invalid',
        message: 'fact "cn-nk-trade-growth-2017q1".qoute: unknown key; did you mean "quote"?',
        text: '"qoute"',
        line: LINE.quote,
      },
    ]);
    assert.equal(required.facts.length, 0);
    const optional = parseFactFile(replaceOnce(VALID, '"publisher":', '"publsher":'), 'x');
    assert.deepEqual(findingsOf(optional), [
      {
        code: 'facts.invalid',
        message: 'sources["cn-customs-2017q1"].publsher: unknown key; did you mean "publisher"?',
        text: '"publsher"',
        line: LINE.publisher,
      },
    ]);
    assert.equal(optional.sources.length, 1, 'an optional key misspelt does not drop the source');
    assert.equal(optional.facts.length, 1);
    const caseOnly = parseFactFile(replaceOnce(VALID, '"asOf":', '"asof":'), 'x');
    assert.equal(caseOnly.findings[0]!.message, 'fact "cn-nk-trade-growth-2017q1".asof: unknown key; did you mean "asOf"?');
    const root = parseFactFile(replaceOnce(VALID, '"facts":', '"fact":'), 'x');
    assert.deepEqual(findingsOf(root), [
      { code: 'facts.invalid', message: 'fact: unknown key; did you mean "facts"?', text: '"fact"', line: 11 },
    ]);
  });

  test('a source id that cannot be cited as @id is reported on its key', () => {
    const file = parseFactFile(VALID.replaceAll('cn-customs-2017q1', 'cn customs'), 'x');
    assert.deepEqual(findingsOf(file), [
      {
        code: 'facts.invalid',
        message:
          'sources["cn customs"]: this id cannot be cited as @id: use letters, digits and "_", with "-", ".", ":" or "/" only between them',
        text: '"cn customs"',
        line: LINE.sourceKey,
      },
    ]);
    assert.equal(file.facts.length, 0);
  });

  test('the top level must be an object with an object "sources" and an array "facts"', () => {
    const cases: Array<[string, string, string]> = [
      ['[]', 'A fact file must be a JSON object with "sources" and "facts", not an array', '[]'],
      [' null\n', 'A fact file must be a JSON object with "sources" and "facts", not null', 'null'],
      ['"facts"', 'A fact file must be a JSON object with "sources" and "facts", not string "facts"', '"facts"'],
      ['{"sources": [], "facts": []}', 'sources: expected an object of sources by id, got an array', '[]'],
      ['{"sources": {}, "facts": {"id": 1}}', 'facts: expected an array of facts, got an object', '{"id": 1}'],
      ['{"$schema": 5}', '$schema: expected a string, got number 5', '5'],
      ['{"facts": ["x"], "sources": {"s": 1}}', 'facts[0]: expected an object, got string "x"', '"x"'],
    ];
    for (const [text, message, covered] of cases) {
      const file = parseFactFile(text, 'x');
      assert.deepEqual(findingsOf(file).slice(0, 1), [{ code: 'facts.invalid', message, text: covered, line: 1 }], text);
    }
  });

  test('one bad fact or source does not drop the valid ones', () => {
    const text = fileWithFacts([{}, { value: 'many' }, { unit: 'troops' }, { source: 'nowhere' }, {}]);
    const file = parseFactFile(text, 'x');
    const index = FactIndex.from([file]);
    assert.deepEqual(
      index.facts.map((f) => [f.fact.id, f.index]),
      [
        ['f0', 0],
        ['f2', 2],
        ['f4', 4],
      ],
    );
    assert.deepEqual(
      index.fileFindings('x').map((f) => f.message),
      [
        'fact "f1".value: expected a number, got string "many"',
        'fact "f3": source "nowhere" is not defined in this file, the other fact files or the bibliographies this briefing loads',
      ],
    );
    const twoSources = JSON.stringify({ sources: { good: { title: 'G' }, bad: { title: 3 } }, facts: [] }, null, 2);
    assert.deepEqual(
      parseFactFile(twoSources, 'x').sources.map((s) => s.id),
      ['good'],
    );
  });

  test('every problem of an entry is reported, in text order', () => {
    const text = replaceOnce(replaceOnce(VALID, '"value": 37.4', '"value": "37.4"'), '"unit": "percent"', '"unit": 1');
    assert.deepEqual(
      parseFactFile(text, 'x').findings.map((f) => lineOf(text, f.span.start)),
      [LINE.value, LINE.unit],
    );
  });
});

describe('parseFactFile: JSON syntax errors', () => {
  function syntax(text: string) {
    const file = parseFactFile(text, 'x');
    return { file, findings: findingsOf(file), offsets: file.findings.map((f) => [f.span.start, f.span.end]) };
  }

  test('a missing comma is reported at the next key', () => {
    const text = replaceOnce(VALID, '"value": 37.4,', '"value": 37.4');
    const { file, findings } = syntax(text);
    assert.deepEqual(findings, [
      { code: 'facts.invalid', message: 'Expected ",": a comma is missing before this', text: '"unit"', line: LINE.unit },
    ]);
    assert.equal(file.facts.length, 0, 'the fact with the error is skipped');
    assert.equal(file.sources.length, 1, 'the source still loads');
  });

  test('a trailing comma is reported on the comma', () => {
    const text = replaceOnce(VALID, '"quarter"]\n', '"quarter"],\n');
    const { findings, offsets } = syntax(text);
    const comma = text.indexOf('"quarter"],') + '"quarter"]'.length;
    assert.deepEqual(findings, [
      { code: 'facts.invalid', message: 'Trailing comma: JSON allows no "," before "}"', text: ',', line: LINE.keywords },
    ]);
    assert.deepEqual(offsets, [[comma, comma + 1]]);
    assert.equal(syntax('[1, 2,]').findings[0]!.message, 'Trailing comma: JSON allows no "," before "]"');
  });

  test('a comment is reported on the comment', () => {
    const text = replaceOnce(VALID, '"locator": "table 4",', '"locator": "table 4", // from the annex');
    assert.deepEqual(syntax(text).findings, [
      { code: 'facts.invalid', message: 'Comments are not allowed in JSON', text: '// from the annex', line: 19 },
    ]);
  });

  test('a truncated file is reported at its end', () => {
    const cases: Array<[string, string, number]> = [
      [',\n      "keywords"', '}', LINE.keywords - 1],
      ['"keywords"', '}', LINE.keywords],
      [', "grew"', ']', LINE.keywords],
      ['\n  ]', ']', LINE.factClose],
    ];
    for (const [cut, closer, line] of cases) {
      const text = VALID.slice(0, VALID.indexOf(cut));
      const { findings, offsets } = syntax(text);
      assert.deepEqual(
        findings,
        [{ code: 'facts.invalid', message: `Unexpected end of file: a "${closer}" is missing`, text: '', line }],
        cut,
      );
      assert.deepEqual(offsets, [[text.length, text.length]]);
    }
  });

  test('other syntax errors get plain-language messages', () => {
    const cases: Array<[string, string, string]> = [
      ['', 'The file is empty: a fact file is a JSON object, e.g. {"sources": {}, "facts": []}', ''],
      ['{"a": \'x\'}', 'JSON strings and keys need double quotes, not single quotes', "'x'"],
      ['{"a" 1}', 'Expected ":" after the property name', '1'],
      ['{"a": 1}}', 'Unexpected text after the end of the JSON value', '}'],
      ['{"a": "x\ny"}', 'Unterminated string: the closing " is missing (a string cannot span lines)', '"x'],
      ['{"a": tru}', 'Unexpected "tru"', 'tru'],
    ];
    for (const [text, message, covered] of cases) {
      assert.deepEqual(syntax(text).findings, [{ code: 'facts.invalid', message, text: covered, line: 1 }], text);
    }
  });

  test('only the first of a run of cascading errors is reported; errors on other lines are each reported', () => {
    assert.equal(syntax('{"a": \'x\' "b": 1}').findings.length, 1);
    const twoCommas = replaceOnce(
      replaceOnce(VALID, '"value": 37.4,', '"value": 37.4'),
      '"source": "cn-customs-2017q1",',
      '"source": "cn-customs-2017q1"',
    );
    assert.deepEqual(
      syntax(twoCommas).findings.map((f) => f.line),
      [LINE.unit, LINE.quote],
    );
  });

  test('while the JSON is broken, schema problems are not reported; entries without errors still load', () => {
    const text = replaceOnce(fileWithFacts([{}, { value: 'x' }, {}, {}]), '"f2",', '"f2"');
    const { file, findings } = syntax(text);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['Expected ",": a comma is missing before this'],
    );
    assert.deepEqual(
      file.facts.map((f) => [f.fact.id, f.index]),
      [
        ['f0', 0],
        ['f3', 3],
      ],
    );
    assert.ok(text.slice(file.facts[1]!.span.start, file.facts[1]!.span.end).startsWith('{\n      "id": "f3"'));
    assert.deepEqual(
      file.sources.map((s) => s.id),
      ['src'],
    );
  });

  test('a comma missing between two facts loses neither', () => {
    const text = fileWithFacts([{}, {}, {}]).replace(/\},(\s*)\{/, '}$1{');
    const { file, findings } = syntax(text);
    assert.deepEqual(
      findings.map((f) => f.message),
      ['Expected ",": a comma is missing before this'],
    );
    assert.deepEqual(
      file.facts.map((f) => f.fact.id),
      ['f0', 'f1', 'f2'],
    );
  });
});

describe('parseFactFile never throws', () => {
  test('on odd inputs', () => {
    for (const text of [
      '',
      ' ',
      '\uFEFF',
      'null',
      '[]',
      '{',
      '}',
      '"',
      '{"facts": null}',
      '{"sources": null}',
      '['.repeat(100000),
      '{"facts": [' + '['.repeat(50000) + ']'.repeat(50000) + ']}',
    ]) {
      const file = parseFactFile(text, 'x');
      for (const f of file.findings) assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length);
    }
  });

  test('property: on any text, and on mutations of a valid file, findings and entries lie inside the text', () => {
    const mutation = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 3 }),
      insert: fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '0', 'a', '/', '-', '\uFEFF') }),
    });
    const mutated = fc.array(mutation, { maxLength: 4 }).map((steps) =>
      steps.reduce((text, { at, remove, insert }) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + remove);
      }, VALID),
    );
    const inside = (span: Span, text: string) => span.start >= 0 && span.start <= span.end && span.end <= text.length;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), mutated), (text) => {
        const file = parseFactFile(text, 'x');
        for (const f of file.findings) assert.ok(inside(f.span, text), JSON.stringify(f));
        for (const e of [...file.facts, ...file.sources]) assert.ok(inside(e.span, text));
        const index = FactIndex.from([file, parseFactFile(text, 'y')]);
        for (const f of index.fileFindings('y')) assert.ok(inside(f.span, text), JSON.stringify(f));
      }),
      { numRuns: 500 },
    );
  });
});

describe('outlineJson', () => {
  /** Whether each value the outline skipped is valid JSON (the parser's JSON.parse of each part). */
  function partsAreJson(text: string, outline: Outline): boolean {
    const keys = outline.members.map((m) => m.key);
    const lastSources = keys.lastIndexOf('sources');
    const lastFacts = keys.lastIndexOf('facts');
    const parts: Span[] = [];
    outline.members.forEach((member, i) => {
      const first = text[member.valueSpan.start];
      if (i === lastSources && first === '{') parts.push(...outline.sources.map((m) => m.valueSpan));
      else if (i === lastFacts && first === '[')
        for (let k = 0; k < outline.facts.length; k += 2) parts.push({ start: outline.facts[k]!, end: outline.facts[k + 1]! });
      else parts.push(member.valueSpan);
    });
    return parts.every((span) => {
      try {
        JSON.parse(text.slice(span.start, span.end));
        return true;
      } catch {
        return false;
      }
    });
  }

  test('property: the outline and the parts it skips are valid exactly when the whole text is a JSON object', () => {
    const value = fc.jsonValue({ maxDepth: 2 });
    const file = fc
      .array(
        fc.tuple(
          fc.constantFrom('sources', 'facts', '$schema', '__proto__', 'x', 'a\\"b'),
          fc.oneof(value, fc.dictionary(fc.string(), value), fc.array(value)),
        ),
        { maxLength: 5 },
      )
      .map((members) => '{' + members.map(([key, v]) => `${JSON.stringify(key)}: ${JSON.stringify(v, null, 1)}`).join(', ') + '}');
    const mutated = fc
      .tuple(
        fc.oneof(file, fc.constant(VALID)),
        fc.array(
          fc.record({
            at: fc.nat(),
            remove: fc.nat({ max: 2 }),
            insert: fc.string({
              unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '\t', '0', '-', 'e', 'a', '\u0001'),
            }),
          }),
          { maxLength: 3 },
        ),
      )
      .map(([text, steps]) =>
        steps.reduce((t, { at, remove, insert }) => {
          const i = at % (t.length + 1);
          return t.slice(0, i) + insert + t.slice(i + remove);
        }, text),
      );
    fc.assert(
      fc.property(fc.oneof(file, mutated, fc.json(), fc.string()), (text) => {
        let isObject = false;
        try {
          const whole: unknown = JSON.parse(text);
          isObject = typeof whole === 'object' && whole !== null && !Array.isArray(whole);
        } catch {
          // not JSON
        }
        const outline = outlineJson(text);
        assert.equal(outline !== undefined && partsAreJson(text, outline), isObject, JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('FactIndex', () => {
  const A = VALID;
  // b.facts.json repeats the source and the fact of a.facts.json, and adds a fact.
  const B = `{
  "sources": {
    "cn-customs-2017q1": { "title": "Again" },
    "other": { "title": "Other", "url": "http://www.Example.org/other/#top" }
  },
  "facts": [
    { "id": "cn-nk-trade-growth-2017q1", "statement": "S", "value": 1, "unit": "percent", "source": "other", "quote": "Q" },
    { "id": "b-1", "statement": "S", "value": 2, "unit": "troops", "source": "cn-customs-2017q1", "quote": "Q" }
  ]
}`;

  test('reports an id defined twice on the second definition, naming where the first is', () => {
    const index = FactIndex.from([parseFactFile(A, 'docs/a.facts.json'), parseFactFile(B, 'docs/b.facts.json')]);
    assert.deepEqual(index.fileFindings('docs/a.facts.json'), []);
    const findings = index.fileFindings('docs/b.facts.json');
    assert.deepEqual(
      findings.map((f) => describeFinding(B, f)),
      [
        {
          code: 'facts.duplicateId',
          message: 'Source id "cn-customs-2017q1" is already defined in a.facts.json (line 3)',
          text: '"cn-customs-2017q1"',
          line: 3,
        },
        {
          code: 'facts.duplicateId',
          message: 'Fact id "cn-nk-trade-growth-2017q1" is already defined in a.facts.json (line 12)',
          text: '"cn-nk-trade-growth-2017q1"',
          line: 7,
        },
      ],
    );
    assert.equal(findings[0]!.severity, 'error');
    assert.equal(findings[1]!.factId, 'cn-nk-trade-growth-2017q1');
    // The first definitions win; the rest of b still loads.
    assert.equal(index.sources.get('cn-customs-2017q1')!.file, 'docs/a.facts.json');
    assert.equal(index.factById('cn-nk-trade-growth-2017q1')!.fact.value, 37.4);
    assert.deepEqual(
      index.facts.map((f) => f.fact.id),
      ['cn-nk-trade-growth-2017q1', 'b-1'],
    );
    assert.deepEqual(
      index.factsOfSource('cn-customs-2017q1').map((f) => f.fact.id),
      ['cn-nk-trade-growth-2017q1', 'b-1'],
    );
    assert.deepEqual(index.factsOfSource('other'), []);
    assert.deepEqual(index.factsOfSource('nope'), []);
  });

  test('names the full path when both files have the same name, and the line when it is the same file', () => {
    const index = FactIndex.from([parseFactFile(A, 'x/facts.facts.json'), parseFactFile(A, 'y/facts.facts.json')]);
    assert.deepEqual(
      index.fileFindings('y/facts.facts.json').map((f) => f.message),
      [
        'Source id "cn-customs-2017q1" is already defined in x/facts.facts.json (line 3)',
        'Fact id "cn-nk-trade-growth-2017q1" is already defined in x/facts.facts.json (line 12)',
      ],
    );
    const sameFile = fileWithFacts([{ id: 'dup' }, {}, { id: 'dup' }]);
    const findings = FactIndex.from([parseFactFile(sameFile, 'z')]).fileFindings('z');
    assert.deepEqual(
      findings.map((f) => describeFinding(sameFile, f)),
      [{ code: 'facts.duplicateId', message: 'Fact id "dup" is already defined on line 8', text: '"dup"', line: 25 }],
    );
  });

  test('finds the id of a repeated fact wherever it is in the object', () => {
    const text =
      '{"sources": {"s": {"title": "T"}}, "facts": [\n{"id": "x", "statement": "S", "value": 1, "unit": "u", "source": "s", "quote": "Q"},\n{"statement": "S", "value": 1, "unit": "u", "source": "s", "quote": "Q", "id": "x"}\n]}';
    const findings = FactIndex.from([parseFactFile(text, 'f')]).fileFindings('f');
    assert.deepEqual(
      findings.map((f) => describeFinding(text, f)),
      [{ code: 'facts.duplicateId', message: 'Fact id "x" is already defined on line 2', text: '"x"', line: 3 }],
    );
    assert.equal(findings[0]!.span.start, text.lastIndexOf('"x"'));
  });

  test('a source key repeated within one file: the first definition wins, the second is reported', () => {
    const text = '{\n"sources": {\n"s": {"title": "First"},\n"s": {"title": "Second"}\n},\n"facts": []\n}';
    const file = parseFactFile(text, 'f');
    assert.deepEqual(
      file.sources.map((s) => s.source.title),
      ['First', 'Second'],
    );
    const index = FactIndex.from([file]);
    assert.equal(index.sources.get('s')!.source.title, 'First');
    assert.deepEqual(
      index.fileFindings('f').map((f) => describeFinding(text, f)),
      [{ code: 'facts.duplicateId', message: 'Source id "s" is already defined on line 3', text: '"s"', line: 4 }],
    );
  });

  test('fileFindings merges facts.invalid and facts.duplicateId in text order', () => {
    const text = replaceOnce(B, '"value": 2', '"value": "2"');
    const index = FactIndex.from([parseFactFile(A, 'a.facts.json'), parseFactFile(text, 'b.facts.json')]);
    assert.deepEqual(
      index.fileFindings('b.facts.json').map((f) => [f.code, lineOf(text, f.span.start)]),
      [
        ['facts.duplicateId', 3],
        ['facts.duplicateId', 7],
        ['facts.invalid', 8],
      ],
    );
    assert.deepEqual(index.fileFindings('unknown.json'), []);
  });

  test('needs no text: files without theirs give the same findings, lines and look-ups', () => {
    const withText = [
      parseFactFile(A, 'docs/a.facts.json'),
      parseFactFile(B, 'docs/b.facts.json'),
      parseFactFile(fileWithFacts([{ id: 'dup' }, { id: 'dup' }]), 'c'),
    ];
    const withoutText = withText.map(({ text: _text, ...file }): LoadedFactFile => file);
    const [full, slim] = [FactIndex.from(withText), FactIndex.from(withoutText)];
    for (const path of ['docs/a.facts.json', 'docs/b.facts.json', 'c']) assert.deepEqual(slim.fileFindings(path), full.fileFindings(path));
    assert.equal(slim.fileFindings('c')[0]!.message, 'Fact id "dup" is already defined on line 8');
    assert.deepEqual(
      slim.facts.map((f) => [f.fact.id, f.file, f.line]),
      full.facts.map((f) => [f.fact.id, f.file, f.line]),
    );
  });

  test('factById over many facts, and ids that are not there', () => {
    const facts = Array.from({ length: 5000 }, (_, i) => ({ id: i % 7 === 0 ? `É-${i}` : `fact-${i}` }));
    const index = FactIndex.from([parseFactFile(fileWithFacts(facts), 'x')]);
    for (let i = 0; i < 5000; i += 37) assert.equal(index.factById(facts[i]!.id)!.fact.statement, `Statement ${i}`);
    for (const id of ['fact-5000', 'fact-7', '', 'FACT-1']) assert.equal(index.factById(id), undefined);
  });

  test('empty and isEmpty', () => {
    assert.equal(FactIndex.empty().isEmpty, true);
    assert.equal(FactIndex.empty().facts.length, 0);
    assert.equal(FactIndex.from([parseFactFile('{}', 'x')]).isEmpty, true);
    assert.equal(FactIndex.from([parseFactFile(A, 'x')]).isEmpty, false);
    assert.deepEqual(FactIndex.empty().search('anything'), []);
  });

  test('sourceByUrl compares URLs as docs/notes.md says', () => {
    const index = FactIndex.from([parseFactFile(A, 'a'), parseFactFile(B, 'b')]);
    assert.equal(index.sourceByUrl('https://www.example.org/customs/2017q1/')?.id, 'cn-customs-2017q1');
    assert.equal(index.sourceByUrl('example.org/customs/2017q1#table-4')?.id, 'cn-customs-2017q1');
    assert.equal(index.sourceByUrl('https://example.org/other')?.id, 'other');
    assert.equal(index.sourceByUrl('https://example.org/customs/2017Q1'), undefined, 'paths are case-sensitive');
    assert.equal(index.sourceByUrl('https://example.org/customs'), undefined);
  });
});

describe('normalizeUrl', () => {
  const table: Array<[string, string]> = [
    ['https://example.org/a', 'example.org/a'],
    ['http://example.org/a', 'example.org/a'],
    ['https://www.example.org/a', 'example.org/a'],
    ['https://example.org/a/', 'example.org/a'],
    ['https://example.org/a#section-2', 'example.org/a'],
    ['https://example.org/a/#top', 'example.org/a'],
    ['HTTPS://WWW.Example.ORG/Path/Case', 'example.org/Path/Case'],
    ['//example.org/a', 'example.org/a'],
    ['example.org/a', 'example.org/a'],
    ['https://example.org', 'example.org'],
    ['https://example.org/', 'example.org'],
    ['https://example.org/a?b=1', 'example.org/a?b=1'],
    ['https://example.org?b=1', 'example.org?b=1'],
    ['https://www2.example.org/a', 'www2.example.org/a'],
    ['https://sub.www.example.org/', 'sub.www.example.org'],
    ['  https://example.org/a  ', 'example.org/a'],
    ['https://example.org:8080/a', 'example.org:8080/a'],
  ];
  for (const [url, expected] of table) {
    test(`${JSON.stringify(url)} -> ${JSON.stringify(expected)}`, () => assert.equal(normalizeUrl(url), expected));
  }
});

describe('FactIndex.search', () => {
  const text = JSON.stringify({
    sources: {
      customs: { title: 'Customs statistics' },
      ministry: { title: 'Trade ministry bulletin', publisher: 'Ministry of Commerce' },
    },
    facts: [
      { id: 'oil-imports', statement: 'Oil imports fell', value: 12, unit: 'percent', source: 'customs', quote: 'q', keywords: ['trade'] },
      { id: 'x-3', statement: 'Retrade volumes of coal', value: 3, unit: 'tonnes', source: 'customs', quote: 'q' },
      { id: 'steel', statement: 'Steel output', value: 37.4, unit: 'tonnes', source: 'ministry', quote: 'q' },
      { id: 'gdp', statement: 'GDP growth in the north', value: 5, unit: 'percent', source: 'ministry', quote: 'q' },
      { id: 'trade-growth', statement: "China's trade with North Korea grew", value: 37.4, unit: 'percent', source: 'customs', quote: 'q' },
      { id: 'coal-exports', statement: 'Coal exports to China', value: 2100000000, unit: 'USD', source: 'customs', quote: 'q' },
    ],
  });
  const index = FactIndex.from([parseFactFile(text, 'x')]);
  const ids = (query: string, limit?: number) => index.search(query, limit).map((f) => f.fact.id);

  test('ranks id, then statement and keywords, then other fields; word starts before word insides', () => {
    // trade-growth: in the id; oil-imports: a keyword; x-3: inside "retrade"; steel and gdp: their source's title.
    assert.deepEqual(ids('trade'), ['trade-growth', 'oil-imports', 'x-3', 'steel', 'gdp']);
    // In the id (after "-") beats the start of the statement.
    assert.deepEqual(ids('growth'), ['trade-growth', 'gdp']);
  });

  test('every word must match, in any field, case-insensitively', () => {
    assert.deepEqual(ids('CHINA korea'), ['trade-growth']);
    assert.deepEqual(ids('china oil'), []);
    assert.deepEqual(ids('coal china'), ['coal-exports']);
    assert.deepEqual(ids('commerce steel'), ['steel']);
    assert.deepEqual(ids('tonnes'), ['x-3', 'steel']);
  });

  test('matches the value as written, the unit and the source id; ignores punctuation around words', () => {
    assert.deepEqual(ids('37.4%'), ['steel', 'trade-growth']);
    assert.deepEqual(ids('2100000000 usd'), ['coal-exports']);
    assert.deepEqual(ids('@ministry'), ['steel', 'gdp']);
  });

  test('in the same field, a match at a word start beats one inside a word', () => {
    const small = FactIndex.from([parseFactFile(fileWithFacts([{ statement: 'Retrade' }, { statement: 'Trade' }]), 'x')]);
    assert.deepEqual(
      small.search('trade').map((f) => f.fact.id),
      ['f1', 'f0'],
    );
  });

  test('an exact id comes first', () => {
    assert.deepEqual(ids('coal'), ['coal-exports', 'x-3']);
    assert.deepEqual(ids('oil-imports')[0], 'oil-imports');
    const small = FactIndex.from([parseFactFile(fileWithFacts([{ id: 'x-steel' }, { id: 'steel-output' }, { id: 'steel' }]), 'x')]);
    assert.deepEqual(
      small.search('STEEL').map((f) => f.fact.id),
      ['steel', 'steel-output', 'x-steel'],
    );
  });

  test('limit, and the empty query listing facts in file order', () => {
    assert.deepEqual(ids('trade', 2), ['trade-growth', 'oil-imports']);
    assert.deepEqual(ids('trade', 0), []);
    assert.deepEqual(ids('   ', 3), ['oil-imports', 'x-3', 'steel']);
  });

  test('equal scores keep file order', () => {
    assert.deepEqual(ids('q'), []);
    assert.deepEqual(ids('customs'), ['oil-imports', 'x-3', 'trade-growth', 'coal-exports']);
  });
});

describe('schema and JSON Schema', () => {
  test('the JSON Schema is draft-07, with descriptions and required keys', () => {
    const schema = factFileJsonSchema() as {
      $schema: string;
      properties: {
        facts: { items: { required: string[]; properties: Record<string, { description?: string }> } };
        sources: { propertyNames: { pattern: string } };
      };
    };
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    const fact = schema.properties.facts.items;
    assert.deepEqual(fact.required, ['id', 'statement', 'value', 'unit', 'source', 'quote']);
    for (const [key, property] of Object.entries(fact.properties)) assert.ok(property.description, `${key} has a description`);
    assert.ok(new RegExp(schema.properties.sources.propertyNames.pattern, 'u').test('cn-customs-2017q1'));
    assert.equal('additionalProperties' in fact, false, 'unknown keys are allowed, as the parser allows them');
  });

  test('the editor schema has the same keys and descriptions but checks nothing, so VS Code does not report a type error twice', () => {
    const strict = factFileJsonSchema() as { properties: { facts: { items: { properties: Record<string, unknown> } } } };
    const loose = factFileEditorSchema() as { properties: { facts: { items: { properties: Record<string, { description?: string }> } } } };
    assert.deepEqual(Object.keys(loose.properties.facts.items.properties), Object.keys(strict.properties.facts.items.properties));
    assert.ok(loose.properties.facts.items.properties.value!.description);
    const text = JSON.stringify(loose);
    for (const check of ['"type"', '"required"', '"pattern"', '"minLength"', '"additionalProperties":false'])
      assert.ok(!text.includes(check), `${check} in the editor schema`);
  });

  test('canonicalUnitFor reports spellings the checker cannot read', () => {
    assert.equal(canonicalUnitFor('yuan'), 'CNY');
    assert.equal(canonicalUnitFor('usd'), 'USD');
    assert.equal(canonicalUnitFor('€'), 'EUR');
    assert.equal(canonicalUnitFor('percentage'), 'percent');
    assert.equal(canonicalUnitFor('USD'), undefined);
    assert.equal(canonicalUnitFor('RMB'), undefined);
    assert.equal(canonicalUnitFor('percent'), undefined);
    assert.equal(canonicalUnitFor('%'), undefined);
    assert.equal(canonicalUnitFor('tonnes'), undefined);
  });
});

describe('quickCheck', () => {
  test('property: accepts exactly what zod accepts, for facts and sources', () => {
    // Mostly valid fields, so that whole entries are often valid but for one field.
    const field = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: fc.anything(), weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
    const text = fc.oneof(fc.string(), fc.constant(''));
    const nearFact = fc.record(
      {
        id: field(text),
        statement: field(text),
        value: field(fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, -0))),
        unit: field(text),
        source: field(text),
        quote: field(text),
        locator: field(text),
        asOf: field(text),
        keywords: field(fc.array(field(text))),
        extra: fc.anything(),
      },
      // A missing key is covered by the field being undefined.
      { requiredKeys: ['id', 'statement', 'value', 'unit', 'source', 'quote'] },
    );
    const nearSource = fc.record({ title: field(text), publisher: field(text), url: field(text) }, { requiredKeys: ['title'] });
    const isFact = quickCheck(FactSchema);
    const isSource = quickCheck(SourceSchema);
    fc.assert(
      fc.property(fc.oneof(nearFact, nearSource, fc.anything()), (value) => {
        assert.equal(isFact(value), FactSchema.safeParse(value).success);
        assert.equal(isSource(value), SourceSchema.safeParse(value).success);
      }),
      { numRuns: 2000 },
    );
  });

  test('falls back to zod for what it does not compile', () => {
    const check = quickCheck(z.object({ code: z.string().regex(/^[A-Z]{3}$/) }));
    assert.equal(check({ code: 'USD' }), true);
    assert.equal(check({ code: 'usd' }), false);
  });
});
