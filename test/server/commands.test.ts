/**
 * Protocol tests of workspace/executeCommand: the rewrites and insertions (applied by
 * the server through workspace/applyEdit), the fact search behind Find Fact (also with
 * 100,000 facts), and Check All Briefings.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { EditResult, FactItem, SourceItem, CheckFilesResult } from '../../src/shared/protocol';
import { BRIEFING, FACTS, README } from './fixtures';
import { type LspClient, positionOf, serverSession, uriOf } from './lspHarness';

describe('commands', () => {
  const session = serverSession(
    {
      'data.facts.json': FACTS,
      'trade.brief.md': BRIEFING,
      'README.md': README,
      'sub/memo.md': '---\nfacts: ../data.facts.json\n---\n# Memo\n\nTrade grew 46% last year.\n',
    },
    { pull: false },
  );
  const { ws } = session;
  let client: LspClient;
  before(() => (client = session.client));

  const open = async (text: string) => (await session.openBriefing(text, 'cmd')).uri;

  it('briefing.server.renumberNotes renumbers through workspace/applyEdit and keeps every note text', async () => {
    const text =
      '# R\n\nA rose 37.4 percent in the first quarter.[^3] B fell 51.6 percent in April.[^1] C.[^2]\n\n[^1]: @cn-customs, table 7.\n[^2]: Panel text.\n[^3]: @cn-customs, table 4.\n';
    const uri = await open(text);
    const result = await client.executeCommand<EditResult>('briefing.server.renumberNotes', { uri });
    assert.deepEqual(result, { applied: true });
    assert.equal(
      client.text(uri),
      '# R\n\nA rose 37.4 percent in the first quarter.[^1] B fell 51.6 percent in April.[^2] C.[^3]\n\n[^1]: @cn-customs, table 4.\n[^2]: @cn-customs, table 7.\n[^3]: Panel text.\n',
    );
    const again = await client.executeCommand<EditResult>('briefing.server.renumberNotes', { uri });
    assert.equal(again.applied, false);
    assert.match(again.message!, /already numbered/);
  });

  it('briefing.server.renumberNotes that cannot run says which note blocks it and why', async () => {
    const undefinedNote = await open('# R\n\nA.[^3] B.[^1] C.[^7]\n\n[^1]: One.\n[^3]: Three.\n');
    const refused = await client.executeCommand<EditResult>('briefing.server.renumberNotes', { uri: undefinedNote });
    assert.equal(refused.applied, false);
    assert.match(refused.message ?? '', /while \[\^7\] has no definition/);
    const twice = await open('# R\n\nA.[^2] B.[^1]\n\n[^1]: One.\n[^2]: Two.\n[^2]: Two again.\n');
    assert.match(
      (await client.executeCommand<EditResult>('briefing.server.renumberNotes', { uri: twice })).message ?? '',
      /while \[\^2\] is defined twice/,
    );
  });

  it('briefing.server.convertToFootnotes converts endnotes', async () => {
    const uri = await open('# C\n\nTrade rose 37.4 percent in the first quarter.[1]\n\n## Notes\n\n1. @cn-customs, table 4.\n');
    assert.deepEqual(await client.executeCommand<EditResult>('briefing.server.convertToFootnotes', { uri }), { applied: true });
    assert.equal(client.text(uri), '# C\n\nTrade rose 37.4 percent in the first quarter.[^1]\n\n## Notes\n\n[^1]: @cn-customs, table 4.\n');
  });

  it('briefing.server.insertCitation inserts a reference and a definition at the position', async () => {
    const text = '# I\n\nSome 25,000 workers were abroad.\n';
    const uri = await open(text);
    const result = await client.executeCommand<EditResult>('briefing.server.insertCitation', {
      uri,
      position: positionOf(text, '.\n'),
      sourceId: 'un-panel',
      locator: 'p. 12',
    });
    assert.deepEqual(result, { applied: true });
    assert.equal(client.text(uri), '# I\n\nSome 25,000 workers were abroad[^1].\n\n[^1]: @un-panel, p. 12.\n');
    const diagnostics = await client.pushedDiagnostics(uri);
    assert.deepEqual(diagnostics, []);
  });

  it('briefing.server.insertFact inserts the figure in the briefing’s style and a citation, leaving no stat finding', async () => {
    const before = "# Find Fact case\n\nExports rose 4% in May.[^1] China's coal imports from North Korea fell ";
    const text = `${before}\n\n[^1]: @un-panel.\n`;
    const uri = await open(text);
    const result = await client.executeCommand<EditResult>('briefing.server.insertFact', {
      uri,
      position: positionOf(text, 'fell ', 1, 5),
      factId: 'coal-decline',
    });
    assert.deepEqual(result, { applied: true });
    assert.equal(client.text(uri), `${before}51.6%[^2]\n\n[^1]: @un-panel.\n[^2]: @cn-customs, table 7.\n`);
    const diagnostics = await client.pushedDiagnostics(uri);
    const inserted = positionOf(client.text(uri), '51.6%');
    assert.deepEqual(
      diagnostics.filter((d) => d.range.start.line === inserted.line && d.range.start.character === inserted.character),
      [],
    );
  });

  it('briefing.server.insertFact writes "percent" when the briefing has no percentages yet', async () => {
    const before = "China's coal imports from North Korea fell ";
    const uri = await open(before);
    await client.executeCommand<EditResult>('briefing.server.insertFact', {
      uri,
      position: positionOf(before, 'fell ', 1, 5),
      factId: 'coal-decline',
    });
    assert.equal(client.text(uri), `${before}51.6 percent[^1]\n\n[^1]: @cn-customs, table 7.\n`);
  });

  it('briefing.server.searchFacts and listSources answer the pickers', async () => {
    const uri = await open('# S\n');
    const facts = await client.executeCommand<FactItem[]>('briefing.server.searchFacts', { uri, query: 'coal april' });
    assert.deepEqual(
      facts.map((f) => f.id),
      ['coal-decline'],
    );
    assert.equal(facts[0]!.display, '-51.6 percent');
    assert.equal(facts[0]!.file, uriOf(ws.path('data.facts.json')));
    assert.equal(facts[0]!.line, positionOf(FACTS, '"id": "coal-decline"').line - 1);
    const all = await client.executeCommand<FactItem[]>('briefing.server.searchFacts', { query: '' });
    assert.equal(all.length, 3);
    const sources = await client.executeCommand<SourceItem[]>('briefing.server.listSources', { uri });
    assert.deepEqual(
      sources.map((s) => [s.id, s.facts]),
      [
        ['cn-customs', 2],
        ['un-panel', 1],
      ],
    );
  });

  it('refuses edits for a document the editor has moved on from', async () => {
    const uri = await open('# X\n\nA rose 37.4 percent in the first quarter.[^2] B.[^1]\n\n[^1]: a.\n[^2]: b.\n');
    client.applyEdits = false;
    try {
      const result = await client.executeCommand<EditResult>('briefing.server.renumberNotes', { uri });
      assert.equal(result.applied, false);
    } finally {
      client.applyEdits = true;
    }
  });

  it('lists the workspace briefings and checks unopened ones, publishing their diagnostics', async () => {
    const briefings = await client.executeCommand<string[]>('briefing.server.listBriefings');
    const names = briefings.map((u) => u.slice(uriOf(ws.root).length + 1)).filter((name) => !name.startsWith('cmd'));
    assert.deepEqual(names, ['sub/memo.md', 'trade.brief.md']);
    const memo = ws.uri('sub/memo.md');
    const result = await client.executeCommand<CheckFilesResult>('briefing.server.checkFiles', { uris: [memo, ws.uri('trade.brief.md')] });
    assert.equal(result.checked, 2);
    assert.ok(result.errors >= 2 && result.warnings >= 2, JSON.stringify(result));
    assert.deepEqual(
      client.published.get(memo)?.diagnostics.map((d) => d.code),
      ['stat.uncited'],
    );
  });

  it('Check All Briefings also reports the problems of the fact files the briefings load, once per file', async () => {
    ws.write('broken/data.facts.json', FACTS.replace('"value": 25000', '"value": "25000"'));
    ws.write('broken/one.brief.md', '# One\n\nSome 25,000 workers were abroad.[^1]\n\n[^1]: @un-panel.\n');
    ws.write('broken/two.brief.md', '# Two\n\nTrade rose 37.4 percent.[^1]\n\n[^1]: @cn-customs.\n');
    const result = await client.executeCommand<CheckFilesResult>('briefing.server.checkFiles', {
      uris: [ws.uri('broken/one.brief.md'), ws.uri('broken/two.brief.md')],
    });
    const file = ws.uri('broken/data.facts.json');
    // Both briefings load broken/data.facts.json (and data.facts.json above it, which defines the same ids).
    assert.ok(result.factFiles?.[file], JSON.stringify(result));
    assert.equal(result.factFiles[file].errors, client.published.get(file)!.diagnostics.filter((d) => d.severity === 1).length);
    assert.ok(client.published.get(file)!.diagnostics.some((d) => d.code === 'facts.invalid'));
    assert.ok(client.published.get(ws.uri('broken/one.brief.md'))!.diagnostics.some((d) => d.code === 'facts.broken'));
  });
});

describe('fact search at scale', () => {
  const COUNT = 100_000;
  const sources: Record<string, { title: string }> = {};
  for (let s = 0; s < 100; s++) sources[`src-${s}`] = { title: `Source number ${s}` };
  const facts = Array.from({ length: COUNT }, (_, i) => ({
    id: `fact-${i}`,
    statement: `Measure ${i % 977} of region ${i % 131} in year ${2000 + (i % 24)}`,
    value: (i * 7.3) % 1000,
    unit: i % 3 === 0 ? 'percent' : 'tonnes',
    source: `src-${i % 100}`,
    quote: `The value was ${(i * 7.3) % 1000}.`,
    keywords: [`kw${i % 5003}`],
  }));
  const session = serverSession(
    { 'big.facts.json': JSON.stringify({ sources, facts }), 'big.brief.md': '# Big\n\nA rose 12 percent.\n' },
    { pull: false },
  );
  const { ws } = session;
  let client: LspClient;
  before(() => (client = session.client));

  // How fast these answer is measured by `npm run bench` (docs/benchmarks.md), not here:
  // a timed test fails on a loaded machine and proves nothing on an idle one.
  it('answers searches over 100,000 facts once loaded', async () => {
    const uri = ws.uri('big.brief.md');
    client.open(uri, '# Big\n\nA rose 12 percent.\n');
    await client.pushedDiagnostics(uri, 'first check with 100,000 facts');
    for (const query of ['', 'region 17', 'kw4999', 'fact-99999', 'tonnes src-42 measure']) {
      const found = await client.executeCommand<FactItem[]>('briefing.server.searchFacts', { uri, query, limit: 200 });
      assert.ok(found.length > 0, query);
      assert.ok(found.length <= 200, `search "${query}" keeps to its limit`);
    }
    const exact = await client.executeCommand<FactItem[]>('briefing.server.searchFacts', { uri, query: 'fact-99999', limit: 5 });
    assert.equal(exact[0]!.id, 'fact-99999');
  });
});
