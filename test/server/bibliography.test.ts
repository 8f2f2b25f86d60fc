/**
 * Bibliographies and table fact files over the real protocol: a briefing that names a
 * .bib in its front matter cites its entries, with facts in a CSV whose sources are those
 * entries; a broken entry is told in the .bib; a half-written .bib keeps its sources.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { renameSync, writeFileSync } from 'node:fs';
import type { CompletionItem, Diagnostic, DocumentLink, Hover, Location } from 'vscode-languageserver-protocol';
import type { FactItem, SourceItem } from '../../src/shared/protocol';
import { LspClient, makeWorkspace, positionOf } from './lspHarness';

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

const CSV = `id,statement,value,unit,source,quote
farmed-share,"Share of aquatic animal production from aquaculture, 2022",51,percent,fao-2024,"aquaculture produced 51 percent"
mackerel-overshoot,"Amount by which the mackerel catch exceeded advice, 2022",41,percent,lindqvist-2023,"exceeded the advice by 41 percent"
`;

const BRIEF = `---
bibliography: refs.bib
---
In 2022 aquaculture produced 51 per cent of all aquatic animals [@fao-2024, p. 4].
The mackerel catch exceeded the advice by 41 per cent [see @lindqvist-2023, p. 4; @fao-2024].
`;

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code).sort();

describe('bibliographies as sources (language server)', () => {
  const clients: LspClient[] = [];
  const workspaces: { dispose(): void }[] = [];
  after(async () => {
    for (const c of clients) await c.stop();
    for (const w of workspaces) w.dispose();
  });

  it('a briefing citing [@key, p. 4] from its .bib, with the facts in a CSV, is checked against those facts', async () => {
    const ws = makeWorkspace({ 'refs.bib': BIB, 'catch.facts.csv': CSV, 'fish.brief.md': BRIEF });
    workspaces.push(ws);
    const client = await LspClient.start({ root: ws.root, pull: false });
    clients.push(client);
    const uri = ws.uri('fish.brief.md');
    client.open(uri, BRIEF);
    assert.deepEqual(codes(await client.pushedDiagnostics(uri)), []);
    // A figure the CSV contradicts, and a misspelt key with where it was looked for.
    client.change(uri, BRIEF.replace('by 41 per cent', 'by 14 per cent').replace('[@fao-2024, p. 4]', '[@fao-2042, p. 4]'));
    const diagnostics = await client.waitFor(() => {
      const now = client.published.get(uri)?.diagnostics ?? [];
      return now.some((d) => d.code === 'stat.mismatch') ? now : undefined;
    }, 'a stat.mismatch for 14 per cent');
    assert.match(String(diagnostics.find((d) => d.code === 'stat.mismatch')!.message), /lindqvist-2023 says 41 percent/);
    const unknown = diagnostics.find((d) => d.code === 'source.unknown')!;
    assert.equal(unknown.message, '@fao-2042 names no source: it is not in refs.bib or the fact files.');
    const fixes = await client.request<{ title: string }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: unknown.range,
      context: { diagnostics: [unknown] },
    });
    assert.ok(
      fixes.some((f) => f.title === 'Change to @fao-2024'),
      JSON.stringify(fixes.map((f) => f.title)),
    );
  });

  it('completion after [@ lists the entries with author, year and title; hover shows the reference and its facts; definition opens the .bib; bibliography: is a link', async () => {
    const ws = makeWorkspace({ 'refs.bib': BIB, 'catch.facts.csv': CSV, 'fish.brief.md': BRIEF });
    workspaces.push(ws);
    const client = await LspClient.start({ root: ws.root, pull: false });
    clients.push(client);
    const uri = ws.uri('fish.brief.md');
    client.open(uri, BRIEF);
    await client.pushedDiagnostics(uri);
    const typed = BRIEF + 'More fish [@li';
    client.change(uri, typed);
    const end = positionOf(typed, '[@li', 1, 4);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: end });
    const lindqvist = items.find((i) => i.label === 'lindqvist-2023')!;
    assert.equal(lindqvist.detail, 'Lindqvist and Müller, 2023 — Quota swaps and the mackerel dispute');
    assert.equal(items.find((i) => i.label === 'fao-2024')!.detail, 'FAO, 2024 — The State of World Fisheries and Aquaculture 2024');
    client.change(uri, BRIEF);
    const hover = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(BRIEF, '@lindqvist-2023', 1, 3),
    });
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /Lindqvist and Müller \(2023\)\. \*Quota swaps and the mackerel dispute\*\. Marine Policy Review\./);
    assert.match(text, /\[doi:10\.5555\/mpr\.2023\.118\]\(https:\/\/doi\.org\/10\.5555\/mpr\.2023\.118\)/);
    assert.match(text, /1 fact taken from it:\n\n- Amount by which the mackerel catch exceeded advice, 2022: 41 percent/);
    const defs = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri },
      position: positionOf(BRIEF, '@lindqvist-2023', 1, 3),
    });
    assert.deepEqual(defs, [{ uri: ws.uri('refs.bib'), range: { start: { line: 8, character: 9 }, end: { line: 8, character: 23 } } }]);
    assert.ok(client.initializeResult.capabilities.documentLinkProvider);
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(
      links.map((l) => [l.range.start, l.target]),
      [[{ line: 1, character: 14 }, ws.uri('refs.bib')]],
    );
  });

  it('a broken entry is bibliography.invalid at its line in the open .bib and facts.broken at the briefing; the other entries still count', async () => {
    const broken = BIB.replace('  year = {2024},\n  url = {https://example.org/fao/2024},\n}', '  year = {2024}');
    const ws = makeWorkspace({ 'refs.bib': broken, 'catch.facts.csv': CSV, 'fish.brief.md': BRIEF });
    workspaces.push(ws);
    const client = await LspClient.start({ root: ws.root, pull: false });
    clients.push(client);
    const uri = ws.uri('fish.brief.md');
    client.open(uri, BRIEF);
    const diagnostics = await client.pushedDiagnostics(uri);
    // fao-2024 is lost (and so is its CSV fact); lindqvist-2023 still cites and checks.
    assert.ok(codes(diagnostics).includes('facts.broken'), JSON.stringify(diagnostics));
    const told = diagnostics.find((d) => d.code === 'facts.broken' && /refs\.bib/.test(String(d.message)))!;
    assert.match(String(told.message), /^Bibliography refs\.bib has 1 problem/);
    assert.equal(told.range.start.line, 1);
    assert.ok(!diagnostics.some((d) => d.code === 'source.unknown' && /lindqvist/.test(String(d.message))));
    const bib = ws.uri('refs.bib');
    client.open(bib, broken, 'bibtex');
    const own = await client.pushedDiagnostics(bib);
    assert.deepEqual(codes(own), ['bibliography.invalid']);
    assert.equal(own[0]!.range.start.line, 0);
  });

  it('a half-written .bib on disk (empty of entries, or cut in the middle of one) keeps the sources of the last good read until it reads again', async () => {
    const ws = makeWorkspace({ 'refs.bib': BIB, 'catch.facts.csv': CSV, 'fish.brief.md': BRIEF });
    workspaces.push(ws);
    const client = await LspClient.start({ root: ws.root, pull: false });
    clients.push(client);
    const uri = ws.uri('fish.brief.md');
    client.open(uri, BRIEF);
    assert.deepEqual(codes(await client.pushedDiagnostics(uri)), []);
    // The exporter has truncated the file and written half an entry.
    writeFileSync(ws.path('refs.bib'), '@report{fao-2024,\n  author = {{FA');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('refs.bib'), type: 2 }] });
    const during = await client.waitFor(() => {
      const now = client.published.get(uri)?.diagnostics ?? [];
      return now.some((d) => d.code === 'facts.broken') ? now : undefined;
    }, 'the briefing to be told the .bib is broken');
    assert.ok(!during.some((d) => d.code === 'source.unknown' || d.code === 'stat.unsupported'), JSON.stringify(during));
    writeFileSync(ws.path('refs.bib'), BIB);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('refs.bib'), type: 2 }] });
    await client.waitFor(
      () => ((client.published.get(uri)?.diagnostics ?? []).length === 0 ? true : undefined),
      'the briefing to be clean again',
    );
    // Written up to the middle of the second entry: the first is read anew, the second kept from the last good read.
    const cut = BIB.slice(0, BIB.indexOf('M{\\"u}ller'));
    writeFileSync(ws.path('refs.bib'), cut);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('refs.bib'), type: 2 }] });
    const cutOff = await client.waitFor(() => {
      const now = client.published.get(uri)?.diagnostics ?? [];
      return now.some((d) => d.code === 'facts.broken') ? now : undefined;
    }, 'the briefing to be told the cut .bib is broken');
    assert.ok(!cutOff.some((d) => d.code === 'source.unknown' || d.code === 'stat.unsupported'), JSON.stringify(cutOff));
    writeFileSync(ws.path('refs.bib'), BIB);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('refs.bib'), type: 2 }] });
    await client.waitFor(
      () => ((client.published.get(uri)?.diagnostics ?? []).length === 0 ? true : undefined),
      'the briefing to be clean once more',
    );
  });
});

describe('bibliographies with no briefing open, and rewritten on disk (language server)', () => {
  const clients: LspClient[] = [];
  const workspaces: { dispose(): void }[] = [];
  after(async () => {
    for (const c of clients) await c.stop();
    for (const w of workspaces) w.dispose();
  });

  it('Find Fact and Insert Citation with no briefing open list CSV facts whose sources are in bibliographies, with those sources', async () => {
    const cslJson =
      '[{ "id": "oecd-2022", "type": "report", "title": "Aquaculture outlook", "publisher": "OECD", "issued": { "date-parts": [[2022]] } }]\n';
    const csv = CSV + 'oecd-farms,"Number of fish farms in the OECD, 2021",2100,farms,oecd-2022,"some 2,100 farms"\n';
    const ws = makeWorkspace({ 'refs.bib': BIB, 'sources/zotero.json': cslJson, 'catch.facts.csv': csv });
    workspaces.push(ws);
    const client = await LspClient.start({ root: ws.root, pull: true, settings: { bibliographies: ['sources/*.json'] } });
    clients.push(client);
    const run = <T>(command: string, args: unknown) => client.request<T>('workspace/executeCommand', { command, arguments: [args] });
    const facts = await run<FactItem[]>('briefing.server.searchFacts', { query: '', limit: 50 });
    const byId = new Map(facts.map((f) => [f.id, f]));
    assert.deepEqual([...byId.keys()].sort(), ['farmed-share', 'mackerel-overshoot', 'oecd-farms']);
    assert.equal(byId.get('farmed-share')!.sourceTitle, 'The State of World Fisheries and Aquaculture 2024');
    assert.equal(byId.get('oecd-farms')!.sourceTitle, 'Aquaculture outlook');
    const sources = await run<SourceItem[]>('briefing.server.listSources', {});
    assert.deepEqual(sources.map((s) => [s.id, s.facts]).sort(), [
      ['fao-2024', 1],
      ['lindqvist-2023', 1],
      ['oecd-2022', 1],
    ]);
  });

  it('a .bib replaced as Zotero exports it (written to a temp file, renamed over) re-checks the open briefing', async () => {
    const ws = makeWorkspace({ 'refs.bib': BIB, 'catch.facts.csv': CSV, 'fish.brief.md': BRIEF });
    workspaces.push(ws);
    const client = await LspClient.start({ root: ws.root, pull: false });
    clients.push(client);
    const uri = ws.uri('fish.brief.md');
    client.open(uri, BRIEF);
    assert.deepEqual(codes(await client.pushedDiagnostics(uri)), []);
    // Better BibTeX's auto-export: the new text goes to a temp file, renamed over refs.bib (the watcher sees a delete and a create).
    writeFileSync(ws.path('refs.bib.tmp'), BIB.replace('@report{fao-2024,', '@report{fao-2024a,'));
    renameSync(ws.path('refs.bib.tmp'), ws.path('refs.bib'));
    client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: ws.uri('refs.bib'), type: 3 },
        { uri: ws.uri('refs.bib'), type: 1 },
      ],
    });
    const after = await client.waitFor(() => {
      const now = client.published.get(uri)?.diagnostics ?? [];
      return now.some((d) => d.code === 'source.unknown') ? now : undefined;
    }, 'source.unknown for the renamed key');
    assert.match(String(after.find((d) => d.code === 'source.unknown')!.message), /^@fao-2024 names no source/);
  });
});

describe('inline references (language server)', () => {
  const clients: LspClient[] = [];
  const workspaces: { dispose(): void }[] = [];
  after(async () => {
    for (const c of clients) await c.stop();
    for (const w of workspaces) w.dispose();
  });

  it('front matter references: are sources, re-read as the briefing is edited; definition goes to the item', async () => {
    const brief =
      '---\nreferences:\n  - id: kim-2021\n    title: Fisheries outlook\n---\nFarmed fish are half the total [@kim-2021, p. 3].\n';
    const ws = makeWorkspace({ 'b.brief.md': brief });
    workspaces.push(ws);
    const client = await LspClient.start({ root: ws.root, pull: false });
    clients.push(client);
    const uri = ws.uri('b.brief.md');
    client.open(uri, brief);
    assert.deepEqual(codes(await client.pushedDiagnostics(uri)), []);
    const defs = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri },
      position: positionOf(brief, '@kim-2021', 1, 2),
    });
    assert.deepEqual(defs, [{ uri, range: { start: { line: 2, character: 8 }, end: { line: 2, character: 16 } } }]);
    // The item is renamed in the front matter: the citation no longer names a source.
    client.change(uri, brief.replace('id: kim-2021', 'id: kim-2022'));
    const now = await client.waitFor(() => {
      const published = client.published.get(uri)?.diagnostics ?? [];
      return published.some((d) => d.code === 'source.unknown') ? published : undefined;
    }, 'source.unknown once the item is renamed');
    assert.equal(
      now.find((d) => d.code === 'source.unknown')!.message,
      '@kim-2021 names no source: it is not in b.brief.md or the fact files.',
    );
  });
});
