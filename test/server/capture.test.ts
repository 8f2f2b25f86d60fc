/**
 * Protocol tests of Add Fact from Selection: the figures of a selection in plain text
 * with the facts they propose, and the edit that writes a fact into a JSON, YAML or CSV
 * fact file (applied, re-parsed without errors, the file's comments and layout kept), or
 * creates a JSON one.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseFactSource } from '../../src/core/facts/parseFactSource';
import { appendToFactFile } from '../../src/core/fixes/appendFact';
import { recordedUrlOf } from '../../src/core/fixes/factFromSelection';
import { sourceIdFor } from '../../src/core/fixes/sourceId';
import type { AddFactResult, FactItem, FactUsage, FigureCounts, NewFactFields, ProposeFactsResult } from '../../src/shared/protocol';
import { BRIEFING, FACTS } from './fixtures';
import { LspClient, positionOf, serverSession } from './lspHarness';

const YAML = `# Figures from the wire services, checked by hand.
sources:
    wire-a:   # the first wire
        title: Wire report A
        publisher: Agency A

facts:
  # Kept in the order they were read.
  - id: wire-a-ships
    statement: Ships seen at the port in May
    value: 12
    unit: ships
    source: wire-a
    quote: "Twelve ships were seen."   # page 2

# End of file: nothing after the facts.
`;

const CSV =
  'Id;Statement;Value;Unit;Source;Quote;Locator\r\nexports-a;Exports in 2016;2,5;percent;cn-customs;Exports grew 2,5 percent.;p. 1\r\n';

const SOURCE_TEXT = `https://example.org/reports/dprk-trade-2017

Trade with the DPRK rose 37.4 percent in the first quarter,
while coal imports fell 51.6 percent in April. Some 25,000 workers were abroad.

Next paragraph: 99 percent of nothing.
`;

const fact = (over: Partial<NewFactFields>): NewFactFields => ({
  id: 'new-fact',
  statement: 'A statement',
  value: 12.5,
  unit: 'percent',
  source: 'cn-customs',
  quote: 'The quote: it says "12.5 percent", plainly.',
  ...over,
});

describe('add fact from selection', () => {
  const session = serverSession(
    { 'data.facts.json': FACTS, 'wire.facts.yaml': YAML, 'table.facts.csv': CSV, 'trade.brief.md': BRIEFING },
    { pull: false },
  );
  const { ws } = session;
  let client: LspClient;
  before(async () => {
    client = session.client;
    client.open(ws.uri('trade.brief.md'), BRIEFING);
    await client.pushedDiagnostics(ws.uri('trade.brief.md'));
  });

  const selectionOf = (text: string, from: string, to: string) => ({
    start: positionOf(text, from),
    end: positionOf(text, to, 1, to.length),
  });

  it('proposes each figure of the selection with its unit, sentence, a unique id, the quote and the recorded URL', async () => {
    const result = await client.executeCommand<ProposeFactsResult>('briefing.server.proposeFacts', {
      text: SOURCE_TEXT,
      selection: selectionOf(SOURCE_TEXT, 'Trade with', 'were abroad.'),
      briefing: ws.uri('trade.brief.md'),
      sourceId: 'cn-customs',
    });
    assert.equal(result.url, 'https://example.org/reports/dprk-trade-2017');
    assert.equal(
      result.quote,
      'Trade with the DPRK rose 37.4 percent in the first quarter, while coal imports fell 51.6 percent in April. Some 25,000 workers were abroad.',
    );
    assert.deepEqual(
      result.proposals.map((p) => [p.figure, p.value, p.unit, p.statement]),
      [
        [
          '37.4 percent',
          37.4,
          'percent',
          'Trade with the DPRK rose 37.4 percent in the first quarter, while coal imports fell 51.6 percent in April',
        ],
        [
          '51.6 percent',
          51.6,
          'percent',
          'Trade with the DPRK rose 37.4 percent in the first quarter, while coal imports fell 51.6 percent in April',
        ],
        ['25,000 workers', 25000, 'workers', 'Some 25,000 workers were abroad'],
      ],
    );
    const ids = result.proposals.map((p) => p.id);
    assert.equal(new Set(ids).size, 3, 'ids are unique among the proposals');
    assert.ok(ids.every((id) => id.startsWith('cn-customs-')));
    assert.deepEqual(result.proposals[0]!.range, { start: { line: 2, character: 25 }, end: { line: 2, character: 37 } });
  });

  it('proposes nothing for a selection without figures, and only the figures inside the selection', async () => {
    const none = await client.executeCommand<ProposeFactsResult>('briefing.server.proposeFacts', {
      text: SOURCE_TEXT,
      selection: selectionOf(SOURCE_TEXT, 'Trade with', 'rose'),
    });
    assert.deepEqual(none.proposals, []);
    const one = await client.executeCommand<ProposeFactsResult>('briefing.server.proposeFacts', {
      text: SOURCE_TEXT,
      selection: selectionOf(SOURCE_TEXT, 'Next', 'nothing.'),
    });
    assert.deepEqual(
      one.proposals.map((p) => [p.figure, p.statement, p.id]),
      [['99 percent', 'Next paragraph: 99 percent of nothing', 'fact-next-paragraph-percent-nothing']],
    );
  });

  it('appends to a JSON fact file with its indentation, and the briefing finds the new fact', async () => {
    const uri = ws.uri('data.facts.json');
    client.open(uri, FACTS);
    const result = await client.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: uri,
      fact: fact({ id: 'json-new' }),
      briefing: ws.uri('trade.brief.md'),
    });
    assert.equal(result.applied, true, result.message);
    const text = client.text(uri);
    assert.ok(text.startsWith(FACTS.slice(0, FACTS.lastIndexOf('}\n  ]') + 1)), 'everything before the new fact is unchanged');
    assert.match(text, /\n {4}\{\n {6}"id": "json-new",\n {6}"statement": "A statement",\n {6}"value": 12.5,/);
    const parsed = parseFactSource('data.facts.json', text);
    assert.deepEqual(parsed.findings, []);
    assert.equal(parsed.facts.at(-1)!.fact.quote, 'The quote: it says "12.5 percent", plainly.');
    const found = await client.executeCommand<FactItem[]>('briefing.server.searchFacts', {
      uri: ws.uri('trade.brief.md'),
      query: 'json-new',
    });
    assert.deepEqual(
      found.map((f) => f.id),
      ['json-new'],
    );
    const again = await client.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: uri,
      fact: fact({ id: 'json-new' }),
      briefing: ws.uri('trade.brief.md'),
    });
    assert.equal(again.applied, false);
    assert.match(again.message!, /exists already/);
  });

  it('adds a source and a fact to a YAML fact file, keeping its comments, key order and indentation', async () => {
    const uri = ws.uri('wire.facts.yaml');
    const source = { id: 'wire-b', title: 'Wire report B: the port', publisher: 'Agency B', url: 'https://example.org/b' };
    const result = await client.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: uri,
      fact: fact({ id: 'wire-b-ships', source: 'wire-b', unit: 'ships', value: 7 }),
      source,
      apply: false,
    });
    assert.ok(result.edit, result.message);
    const text = LspClient.applyTo(YAML, uri, result.edit as never);
    assert.equal(
      text,
      YAML.replace(
        '        publisher: Agency A\n',
        '        publisher: Agency A\n    wire-b:\n        title: "Wire report B: the port"\n        publisher: Agency B\n        url: https://example.org/b\n',
      ).replace(
        '   # page 2\n',
        `   # page 2\n  - id: wire-b-ships\n    statement: A statement\n    value: 7\n    unit: ships\n    source: wire-b\n    quote: 'The quote: it says "12.5 percent", plainly.'\n`,
      ),
    );
    const parsed = parseFactSource('wire.facts.yaml', text);
    assert.deepEqual(parsed.findings, []);
    assert.deepEqual(
      parsed.facts.map((f) => f.fact.id),
      ['wire-a-ships', 'wire-b-ships'],
    );
    assert.equal(parsed.facts[1]!.fact.quote, 'The quote: it says "12.5 percent", plainly.');
  });

  it('writes into an empty flow-style YAML list through the Document API, keeping the comments', () => {
    const text = '# Empty so far.\nsources: {}   # none yet\nfacts: []\n';
    const result = appendToFactFile('new.facts.yaml', text, fact({ id: 'y1', source: 'y-src' }), { id: 'y-src', title: 'Y' });
    assert.ok('edit' in result);
    const after = text.slice(0, result.edit.span.start) + result.edit.newText + text.slice(result.edit.span.end);
    assert.match(after, /^# Empty so far\.\n/);
    assert.match(after, /# none yet/);
    const parsed = parseFactSource('new.facts.yaml', after);
    assert.deepEqual(parsed.findings, []);
    assert.deepEqual(
      parsed.facts.map((f) => [f.fact.id, f.fact.source]),
      [['y1', 'y-src']],
    );
  });

  it('reads where a text came from and proposes citable source ids', () => {
    assert.equal(recordedUrlOf('<!-- saved from url=(0030)https://example.org/page.html -->\n<html>'), 'https://example.org/page.html');
    assert.equal(recordedUrlOf('Notes\nSource: https://example.org/x/y.\n'), 'https://example.org/x/y');
    assert.equal(recordedUrlOf('a\nb\nc\nd\ne\nhttps://late.example.org/\n'), undefined);
    assert.equal(
      sourceIdFor(
        { title: 'Trade trends', publisher: 'Korea Trade-Investment Promotion Agency (KOTRA)', published: '2017-07-21' },
        () => false,
      ),
      'kotra-2017',
    );
    assert.equal(
      sourceIdFor({ title: 'Report of the Panel of Experts' }, (id) => id === 'report-panel-experts'),
      'report-panel-experts-2',
    );
  });

  it('writes a YAML fact whose source is defined in another file only as a new source of its own', async () => {
    const result = await client.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: ws.uri('wire.facts.yaml'),
      fact: fact({ id: 'misplaced' }),
      apply: false,
    });
    assert.equal(result.edit, undefined);
    assert.match(result.message!, /does not define the source "cn-customs"/);
  });

  it('appends one quoted row to a CSV fact file in its column order, delimiter, line ends and decimal comma', async () => {
    const uri = ws.uri('table.facts.csv');
    const result = await client.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: uri,
      fact: fact({ id: 'csv-new', locator: 'p. 3; box 2' }),
      apply: false,
    });
    assert.ok(result.edit, result.message);
    const text = LspClient.applyTo(CSV, uri, result.edit as never);
    assert.equal(
      text,
      `${CSV}csv-new;A statement;12,5;percent;cn-customs;"The quote: it says ""12.5 percent"", plainly.";"p. 3; box 2"\r\n`,
    );
    const parsed = parseFactSource('table.facts.csv', text);
    assert.deepEqual(parsed.findings, []);
    assert.deepEqual(
      parsed.facts.map((f) => [f.fact.id, f.fact.value, f.fact.quote, f.fact.locator]),
      [
        ['exports-a', 2.5, 'Exports grew 2,5 percent.', 'p. 1'],
        ['csv-new', 12.5, 'The quote: it says "12.5 percent", plainly.', 'p. 3; box 2'],
      ],
    );
    const withSource = await client.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: uri,
      fact: fact({ source: 'x-new' }),
      source: { id: 'x-new', title: 'X' },
      apply: false,
    });
    assert.match(withSource.message!, /CSV fact file holds facts only/);
  });

  it('creates a new JSON fact file with the source and the fact', async () => {
    const uri = ws.uri('notes.facts.json');
    const source = { id: 'notes-2017', title: 'Field notes', published: '2017-05-01' };
    const result = await client.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: uri,
      create: true,
      fact: fact({ id: 'notes-fact', source: 'notes-2017' }),
      source,
      apply: false,
    });
    const changes = (result.edit?.documentChanges ?? []) as { kind?: string; edits?: { newText: string }[] }[];
    assert.equal(changes[0]!.kind, 'create');
    const text = changes[1]!.edits![0]!.newText;
    const parsed = parseFactSource('notes.facts.json', text);
    assert.deepEqual(parsed.findings, []);
    assert.deepEqual(
      parsed.sources.map((s) => [s.id, s.source.title]),
      [['notes-2017', 'Field notes']],
    );
    assert.deepEqual(
      parsed.facts.map((f) => f.fact.id),
      ['notes-fact'],
    );
    const existing = await client.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: ws.uri('data.facts.json'),
      create: true,
      fact: fact({ id: 'x' }),
      apply: false,
    });
    assert.match(existing.message!, /exists already/);
  });

  it('refuses a fact that would not be read (no quote, an uncitable source id)', async () => {
    const noQuote = await client.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: ws.uri('data.facts.json'),
      fact: fact({ id: 'q', quote: ' ' }),
      apply: false,
    });
    assert.match(noQuote.message!, /statement and a quote/);
    const badId = await client.executeCommand<AddFactResult>('briefing.server.addFact', {
      target: ws.uri('data.facts.json'),
      fact: fact({ id: 'b', source: 'bad id.' }),
      apply: false,
    });
    assert.match(badId.message!, /cannot be cited/);
  });

  it("counts, across the workspace's briefings, the statistics each fact supports", async () => {
    const usage = await client.executeCommand<FactUsage>('briefing.server.factUsage');
    assert.deepEqual(usage, { briefings: 1, supported: { 'trade-growth': 1 } });
  });

  it('counts the figures of a briefing', async () => {
    const counts = await client.executeCommand<FigureCounts>('briefing.server.figureCounts', { uri: ws.uri('trade.brief.md') });
    assert.ok(counts.figures > 0);
    // Its findings by code (exact counts: problemLimit.test.ts).
    assert.ok(Object.keys(counts.findings).length > 0);
    for (const [code, n] of Object.entries(counts.findings)) assert.ok(/^[a-z]+\.[A-Za-z]+$/.test(code) && n > 0, `${code}: ${n}`);
    const none = await client.executeCommand<FigureCounts | null>('briefing.server.figureCounts', { uri: ws.uri('nothing.brief.md') });
    assert.equal(none ?? undefined, undefined);
  });
});
