/**
 * Bibliographies and table fact files over the real protocol: a briefing that names a
 * .bib in its front matter cites its entries, with facts in a CSV whose sources are those
 * entries; a broken entry is told in the .bib; a half-written .bib keeps its sources.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace } from './lspHarness';

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
    assert.ok(fixes.some((f) => f.title === 'Change to @fao-2024'), JSON.stringify(fixes.map((f) => f.title)));
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

  it('a half-written .bib on disk keeps the sources of the last good read until it reads again', async () => {
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
    await client.waitFor(() => ((client.published.get(uri)?.diagnostics ?? []).length === 0 ? true : undefined), 'the briefing to be clean again');
  });
});
