/**
 * Which facts a briefing sees, over the real protocol: each briefing its own (front
 * matter, else its folder and the folders above), two projects in one workspace kept
 * apart, a missing or broken fact file told at the briefing, and fact files found and
 * kept fresh without a workspace folder or a client that watches files.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { FactItem, SourceItem } from '../../src/shared/protocol';
import { LspClient, makeWorkspace } from './lspHarness';

/** A fact file of one source, `id`, with one percentage fact. */
function facts(source: string, title: string, factId: string, statement: string, value: number): string {
  return JSON.stringify(
    {
      sources: { [source]: { title } },
      facts: [{ id: factId, statement, value, unit: 'percent', source, quote: `${statement}: ${value} per cent.` }],
    },
    null,
    2,
  );
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code).sort();

describe('each briefing has its own facts', () => {
  const clients: LspClient[] = [];
  const workspaces: { dispose(): void }[] = [];
  after(async () => {
    for (const c of clients) await c.stop();
    for (const w of workspaces) w.dispose();
  });
  const start = async (root: string, options: Partial<Parameters<typeof LspClient.start>[0]> = {}) => {
    const client = await LspClient.start({ root, pull: false, ...options });
    clients.push(client);
    return client;
  };

  it("two projects in one workspace: neither sees the other's facts, and a source id both define is no duplicate", async () => {
    const ws = makeWorkspace({
      'korea/trade.facts.json': facts(
        'kotra-2016',
        'North Korean trade 2016',
        'cn-share',
        "China's share of North Korea's trade in 2016",
        89.1,
      ),
      'korea/draft.brief.md': "China took 89.1 per cent of North Korea's trade in 2016.[^1]\n\n[^1]: @kotra-2016.\n",
      'energy/gas.facts.json': facts(
        'kotra-2016',
        'A different report',
        'ru-share',
        "Russia's share of EU pipeline gas imports in 2023",
        8.7,
      ),
      'energy/gas.brief.md': "Russia's share of EU pipeline gas imports fell to 8.7 per cent in 2023.[^1]\n\n[^1]: @kotra-2016.\n",
    });
    workspaces.push(ws);
    const client = await start(ws.root);
    const korea = ws.uri('korea/draft.brief.md');
    client.open(korea, ws.read('korea/draft.brief.md'));
    assert.deepEqual(codes(await client.pushedDiagnostics(korea)), []);
    const energy = ws.uri('energy/gas.brief.md');
    client.open(energy, ws.read('energy/gas.brief.md'));
    assert.deepEqual(codes(await client.pushedDiagnostics(energy)), []);
    // The pickers of one briefing list its own facts and sources only.
    const found = await client.request<FactItem[]>('workspace/executeCommand', {
      command: 'briefing.server.searchFacts',
      arguments: [{ uri: korea, query: '' }],
    });
    assert.deepEqual(
      found.map((f) => f.id),
      ['cn-share'],
    );
    const sources = await client.request<SourceItem[]>('workspace/executeCommand', {
      command: 'briefing.server.listSources',
      arguments: [{ uri: energy }],
    });
    assert.deepEqual(
      sources.map((s) => s.title),
      ['A different report'],
    );
    // Neither fact file gets facts.duplicateId: no briefing loads both.
    const file = ws.uri('energy/gas.facts.json');
    client.open(file, ws.read('energy/gas.facts.json'));
    assert.deepEqual(codes(await client.pushedDiagnostics(file)), []);
  });

  it('a front-matter facts: list loads only those files; a path that does not exist is facts.missing on its line', async () => {
    const ws = makeWorkspace({
      'a.facts.json': facts('src-a', 'A', 'a-share', 'Share of exports to China in 2016', 46),
      'b.facts.json': facts('src-b', 'B', 'b-share', 'Share of imports from Russia in 2016', 12),
      'memo.brief.md':
        '---\nfacts:\n  - a.facts.json\n  - missing.facts.json\n---\n\nExports to China were 46 per cent of the total in 2016.[^1] Imports are another story.[^2]\n\n[^1]: @src-a.\n[^2]: @src-b.\n',
    });
    workspaces.push(ws);
    const client = await start(ws.root);
    const uri = ws.uri('memo.brief.md');
    client.open(uri, ws.read('memo.brief.md'));
    const diagnostics = await client.pushedDiagnostics(uri);
    // src-b is in b.facts.json beside it, which the front matter does not load.
    assert.deepEqual(codes(diagnostics), ['facts.missing', 'source.unknown']);
    const missing = diagnostics.find((d) => d.code === 'facts.missing')!;
    assert.deepEqual(missing.range, { start: { line: 3, character: 4 }, end: { line: 3, character: 22 } });
    // Creating the file clears the finding.
    writeFileSync(ws.path('missing.facts.json'), facts('src-c', 'C', 'c-share', 'Something else', 1));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('missing.facts.json'), type: 1 }] });
    await client.waitFor(() => {
      const now = client.published.get(uri)?.diagnostics ?? [];
      return now.length === 1 && now[0]!.code === 'source.unknown' ? true : undefined;
    }, 'facts.missing to go once the file exists');
  });

  it('a broken fact file is told at the briefing, with how many problems it has', async () => {
    const ws = makeWorkspace({
      'data.facts.json':
        '{ "sources": { "s": { "title": "S" } }, "facts": [ { "id": "f", "statement": "Share of exports to China in 2016", "value": "46", "unit": "percent", "source": "s", "quote": "46 per cent." } ] }',
      'x.brief.md': 'Exports to China were 46 per cent of the total in 2016.[^1]\n\n[^1]: @s.\n',
    });
    workspaces.push(ws);
    const client = await start(ws.root);
    const uri = ws.uri('x.brief.md');
    client.open(uri, ws.read('x.brief.md'));
    const diagnostics = await client.pushedDiagnostics(uri);
    const broken = diagnostics.find((d) => d.code === 'facts.broken');
    assert.ok(broken, JSON.stringify(diagnostics));
    assert.match(String(broken.message), /data\.facts\.json has 1 problem/);
    assert.deepEqual(broken.range.start, { line: 0, character: 0 });
  });

  it('without a workspace folder or file watching: fact files one folder up are found, and a change on disk re-checks the briefing', async () => {
    const ws = makeWorkspace({
      'project/.git/HEAD': 'ref: refs/heads/main\n',
      'project/notes.facts.json': facts('s', 'S', 'f', 'Share of exports to China in 2016', 46),
      'project/drafts/a.brief.md': 'Exports to China were 46 per cent of the total in 2016.[^1]\n\n[^1]: @s.\n',
    });
    workspaces.push(ws);
    // A fact file above the repository root must not be loaded.
    writeFileSync(ws.path('outside.facts.json'), facts('s', 'Other', 'g', 'Share of exports to China in 2016', 50));
    const client = await start(ws.path('project/drafts'), { noWorkspaceFolder: true, watchesFiles: false });
    const uri = ws.uri('project/drafts/a.brief.md');
    client.open(uri, ws.read('project/drafts/a.brief.md'));
    assert.deepEqual(codes(await client.pushedDiagnostics(uri)), []);
    // The fact file is edited on disk; the client says nothing.
    writeFileSync(ws.path('project/notes.facts.json'), facts('s', 'S', 'f', 'Share of exports to China in 2016', 64));
    const after = await client.waitFor(() => {
      const now = client.published.get(uri)?.diagnostics ?? [];
      return now.some((d) => d.code === 'stat.mismatch') ? now : undefined;
    }, 'a stat.mismatch once the fact file says 64');
    assert.match(String(after.find((d) => d.code === 'stat.mismatch')!.message), /s says 64 percent/);
    // A new fact file in a searched folder is found too.
    mkdirSync(ws.path('project/drafts'), { recursive: true });
    writeFileSync(ws.path('project/drafts/more.facts.json'), facts('t', 'T', 'h', 'Something', 1));
    const text = ws.read('project/drafts/a.brief.md').replace('@s.', '@s, @t.');
    client.change(uri, text);
    await client.waitFor(() => {
      const now = client.published.get(uri)?.diagnostics ?? [];
      return now.some((d) => d.code === 'stat.mismatch') && !now.some((d) => d.code === 'source.unknown') ? true : undefined;
    }, '@t to be known from the new fact file');
  });

  it('a client that has headings from elsewhere (VS Code) gets only the Notes group in the outline', async () => {
    const ws = makeWorkspace({ 'o.brief.md': '# Title\n\n## Part\n\nText.[^1]\n\n[^1]: A note.\n' });
    workspaces.push(ws);
    const client = await start(ws.root, { initializationOptions: { headingSymbols: false } });
    const uri = ws.uri('o.brief.md');
    client.open(uri, ws.read('o.brief.md'));
    await client.pushedDiagnostics(uri);
    const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Notes'],
    );
  });

  it('an editor with a citation picker (VS Code) is offered "Insert citation…" on an uncited figure, at the end of its sentence', async () => {
    const ws = makeWorkspace({
      'a.facts.json': facts('src-a', 'A', 'a-share', 'Share of exports to China in 2016', 46),
      'u.brief.md': 'Exports to China were 12 per cent of the total. More text.\n',
    });
    workspaces.push(ws);
    const client = await start(ws.root, { initializationOptions: { clientCommands: ['briefing.insertCitation'] } });
    const uri = ws.uri('u.brief.md');
    client.open(uri, ws.read('u.brief.md'));
    const diagnostics = (await client.pushedDiagnostics(uri)).filter((d) => d.code === 'stat.uncited');
    const actions = await client.request<{ title: string; command?: { command: string; arguments: unknown[] } }[]>(
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: diagnostics[0]!.range,
        context: { diagnostics },
      },
    );
    const pick = actions.find((a) => a.title === 'Insert citation…');
    assert.deepEqual(pick?.command, {
      title: 'Insert citation…',
      command: 'briefing.insertCitation',
      arguments: [{ line: 0, character: 47 }],
    });
    // Not announced by this client: no "Find fact…".
    assert.equal(
      actions.find((a) => a.title === 'Find fact…'),
      undefined,
    );
    const vscodeLike = await start(ws.root, {
      initializationOptions: { clientCommands: ['briefing.insertCitation', 'briefing.findFact'] },
    });
    vscodeLike.open(uri, ws.read('u.brief.md'));
    const again = (await vscodeLike.pushedDiagnostics(uri)).filter((d) => d.code === 'stat.uncited');
    const more = await vscodeLike.request<{ title: string; command?: { command: string; arguments: unknown[] } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: again[0]!.range, context: { diagnostics: again } },
    );
    assert.deepEqual(more.find((a) => a.title === 'Find fact…')?.command, {
      title: 'Find fact…',
      command: 'briefing.findFact',
      arguments: [{ query: '12', cite: { line: 0, character: 47 } }],
    });
  });

  it('semantic tokens mark each statistic as the engine reads it, counts and figures that wrap a line included', async () => {
    const text = 'Some 3,000 workers crossed, and coal makes up 64\nper cent of exports.\n';
    const ws = makeWorkspace({ 't.brief.md': text });
    workspaces.push(ws);
    const client = await start(ws.root);
    const uri = ws.uri('t.brief.md');
    client.open(uri, text);
    await client.pushedDiagnostics(uri);
    const legend = (client.initializeResult.capabilities.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend;
    assert.deepEqual(legend.tokenTypes, ['statistic']);
    const { data } = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    // Relative encoding: [deltaLine, deltaStart, length, type, modifiers] per token.
    const tokens: string[] = [];
    for (let i = 0, line = 0, char = 0; i < data.length; i += 5) {
      line += data[i]!;
      char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
      tokens.push(text.split('\n')[line]!.slice(char, char + data[i + 2]!));
    }
    assert.deepEqual(tokens, ['3,000 workers', '64', 'per cent']);
  });
});
