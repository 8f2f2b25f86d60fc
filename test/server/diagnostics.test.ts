/**
 * Protocol tests of diagnostics: push (client without pull support) and pull, which
 * documents get them (briefings yes, README no), ranges and codes, settings, fact-file
 * diagnostics (also for unsaved edits), re-checks when a fact file changes, and clearing
 * on close.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { rmSync, writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { BRIEFING, FACTS, README } from './fixtures';
import { type LspClient, rangeOf, serverSession } from './lspHarness';

const summary = (ds: Diagnostic[]) =>
  ds
    .map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}/${d.severity}`)
    .sort();

describe('diagnostics (push)', () => {
  const session = serverSession(
    { 'data.facts.json': FACTS, 'trade.brief.md': BRIEFING, 'README.md': README, 'notes/plain.md': '# Plain\n\nGrew 46% in 2016.[^3]\n' },
    { pull: false },
  );
  const { ws } = session;
  let client: LspClient;
  before(() => (client = session.client));
  /** The trade briefing, opened under a name of this test's own, with its first diagnostics. */
  const openTrade = () => session.openBriefing(BRIEFING, 'trade');

  it('announces the features and no diagnostic provider to a client without pull support', () => {
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.diagnosticProvider, undefined);
    assert.ok(caps.hoverProvider);
    assert.deepEqual(caps.completionProvider?.triggerCharacters, ['^', '@']);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.ok(caps.executeCommandProvider?.commands.includes('briefing.server.insertFact'));
  });

  it('reports a briefing with the documented codes, source "briefing", exact ranges and severities', async () => {
    const { diagnostics } = await openTrade();
    assert.ok(diagnostics.every((d) => d.source === 'briefing'));
    const expected = [
      ['stat.uncited', rangeOf(BRIEFING, '51.6 percent'), 2],
      ['stat.mismatch', rangeOf(BRIEFING, '61.6 percent'), 1],
      ['note.undefined', rangeOf(BRIEFING, '[^9]'), 1],
      ['note.unused', rangeOf(BRIEFING, '[^2]:'), 2],
    ] as const;
    for (const [code, range, severity] of expected) {
      const found = diagnostics.find((d) => d.code === code);
      assert.ok(found, `${code} missing: ${summary(diagnostics).join(', ')}`);
      assert.deepEqual(found.range, range, code);
      assert.equal(found.severity, severity, code);
      // VS Code shows the code as a link to the rule's page.
      assert.equal(found.codeDescription?.href, `https://github.com/briefing-check/briefing-check/blob/main/docs/rules/${code}.md`, code);
    }
    const mismatch = diagnostics.find((d) => d.code === 'stat.mismatch')!;
    assert.equal(
      mismatch.message,
      "Text says 61.6 percent; cn-customs says -51.6 percent (table 7) — China's coal imports from North Korea, change in April 2017.",
    );
    assert.equal((mismatch.data as { factId?: string }).factId, 'coal-decline');
  });

  it('gives README.md and other plain Markdown nothing', async () => {
    for (const rel of ['README.md', 'notes/plain.md']) {
      const uri = ws.uri(rel);
      client.open(uri, rel === 'README.md' ? README : '# Plain\n\nGrew 46% in 2016.[^3]\n');
      assert.deepEqual(await client.pushedDiagnostics(uri), [], rel);
    }
  });

  it('treats Markdown with front matter `briefing: true` or `facts:` as a briefing', async () => {
    const uri = ws.uri('notes/fm.md');
    client.open(uri, '---\nbriefing: true\n---\n# Memo\n\nTrade grew 46% last year.\n');
    const diagnostics = await client.pushedDiagnostics(uri);
    assert.deepEqual(summary(diagnostics), ['stat.uncited@5:11-5:14/2']);
  });

  it('re-checks on change, publishing for the new version only', async () => {
    const { uri } = await openTrade();
    client.change(uri, BRIEFING.replace('61.6 percent', '51.6 percent'));
    const third = client.change(uri, BRIEFING.replace('61.6 percent', '51.6 percent').replace(' and [^9]', ''));
    const diagnostics = await client.pushedDiagnostics(uri);
    assert.equal(client.published.get(uri)!.version, third.version);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['note.noSource', 'note.unused', 'stat.uncited']);
  });

  it('applies briefing.rules severities and "off" after didChangeConfiguration', async () => {
    const { uri } = await openTrade();
    client.settings = { rules: { 'stat.uncited': 'error', 'note.noSource': 'off' } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const diagnostics = await client.waitFor(() => {
      const p = client.published.get(uri);
      return p && p.diagnostics.some((d) => d.code === 'stat.uncited' && d.severity === 1) ? p.diagnostics : undefined;
    }, 'stat.uncited as an error');
    assert.ok(!diagnostics.some((d) => d.code === 'note.noSource'));
    client.settings = {};
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(
      () => client.published.get(uri)?.diagnostics.some((d) => d.code === 'stat.uncited' && d.severity === 2),
      'default severity back',
    );
  });

  it('reports facts.invalid in an open fact file at the offending value, unsaved edits included, and re-checks briefings', async () => {
    const { uri: briefing } = await openTrade();
    const factUri = ws.uri('data.facts.json');
    client.open(factUri, FACTS);
    assert.deepEqual(await client.pushedDiagnostics(factUri), []);
    const broken = FACTS.replace('"value": 37.4', '"value": "lots"');
    client.change(factUri, broken);
    const diagnostics = await client.pushedDiagnostics(factUri);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, 'facts.invalid');
    assert.equal(diagnostics[0]!.severity, 1);
    assert.equal(
      diagnostics[0]!.codeDescription?.href,
      'https://github.com/briefing-check/briefing-check/blob/main/docs/rules/facts.invalid.md',
    );
    assert.deepEqual(diagnostics[0]!.range, rangeOf(broken, '"lots"'));
    // The briefing now lacks the trade fact: its 37.4 percent is no longer backed.
    const onTrade = (d: Diagnostic) =>
      d.range.start.line === rangeOf(BRIEFING, '37.4 percent').start.line &&
      d.range.start.character === rangeOf(BRIEFING, '37.4 percent').start.character;
    await client.waitFor(
      () => client.published.get(briefing)?.diagnostics.some(onTrade),
      'the briefing re-checked against the edited facts',
    );
    client.change(factUri, FACTS);
    assert.deepEqual(await client.pushedDiagnostics(factUri), []);
    await client.waitFor(() => !client.published.get(briefing)?.diagnostics.some(onTrade), 'the briefing re-checked again');
    // Closed again, so the facts are read from disk in the tests after this one.
    client.close(factUri);
  });

  it('reports facts.duplicateId across fact files that one briefing loads, and tells the briefing', async () => {
    const { uri: trade } = await openTrade();
    const duplicate = JSON.stringify({ sources: { 'cn-customs': { title: 'Again' } }, facts: [] }, null, 2);
    ws.write('z.facts.json', duplicate);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('z.facts.json'), type: 1 }] });
    const uri = ws.uri('z.facts.json');
    client.open(uri, duplicate);
    const diagnostics = await client.waitFor(() => {
      const d = client.published.get(uri)?.diagnostics;
      return d && d.length > 0 ? d : undefined;
    }, 'the duplicate id in z.facts.json');
    const briefing = await client.waitFor(
      () => client.published.get(trade)?.diagnostics.find((d) => d.code === 'facts.broken'),
      'facts.broken at the briefing',
    );
    assert.match(String(briefing?.message ?? ''), /z\.facts\.json has 1 problem/);
    assert.deepEqual(summary(diagnostics), [
      `facts.duplicateId@${rangeOf(duplicate, '"cn-customs"').start.line}:${rangeOf(duplicate, '"cn-customs"').start.character}-${rangeOf(duplicate, '"cn-customs"').end.line}:${rangeOf(duplicate, '"cn-customs"').end.character}/1`,
    ]);
    client.close(uri);
    // The duplicate goes again, so the tests after this one see the workspace as it was.
    rmSync(ws.path('z.facts.json'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.waitFor(
      () => !client.published.get(trade)!.diagnostics.some((d) => d.code === 'facts.broken') || undefined,
      'facts.broken to go',
    );
  });

  it('re-checks briefings when a fact file changes on disk (didChangeWatchedFiles)', async () => {
    const { uri: briefing } = await openTrade();
    writeFileSync(ws.path('data.facts.json'), FACTS.replace('-51.6', '-61.6'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('data.facts.json'), type: 2 }] });
    // 51.6 is no longer backed by any fact, so the uncited statistic loses its suggested fact.
    await client.waitFor(() => {
      const d = client.published.get(briefing)!.diagnostics.find((x) => x.code === 'stat.uncited');
      return d !== undefined && (d.data as { factId?: string }).factId === undefined;
    }, 'the suggested fact to disappear with the fact');
    writeFileSync(ws.path('data.facts.json'), FACTS);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('data.facts.json'), type: 2 }] });
    await client.waitFor(() => {
      const d = client.published.get(briefing)!.diagnostics.find((x) => x.code === 'stat.uncited');
      return d !== undefined && (d.data as { factId?: string }).factId !== undefined;
    }, 'the suggested fact back');
  });

  it('finds a fact file created while it runs, also when the watcher reports it as changed or not at all', async () => {
    const sourcesOnly = (id: string) => JSON.stringify({ sources: { [id]: { title: `Source ${id}` } }, facts: [] }, null, 2);
    const uri = ws.uri('later/a.brief.md');
    const unknown = () =>
      client.published
        .get(uri)
        ?.diagnostics.filter((d) => d.code === 'source.unknown')
        .map((d) => (typeof d.message === 'string' ? d.message : d.message.value)) ?? [];
    client.open(uri, '# Later\n\nTrade rose.[^1] Coal fell.[^2]\n\n[^1]: @later-customs.\n[^2]: @later-panel.\n');
    await client.waitFor(() => unknown().length === 2, 'both sources unknown at first');
    // A file written into a folder created the same instant often reaches the server
    // as "changed" only: the watcher missed its creation.
    ws.write('later/customs.facts.json', sourcesOnly('later-customs'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('later/customs.facts.json'), type: 2 }] });
    await client.waitFor(
      () => unknown().length === 1 && unknown()[0]!.includes('later-panel'),
      'later-customs found after a "changed" event',
    );
    // No event at all: opening a document walks the globs again, and a new file re-checks every briefing.
    ws.write('later/panel.facts.json', sourcesOnly('later-panel'));
    client.open(ws.uri('later/b.brief.md'), '# Other\n\nNothing cited.\n');
    await client.waitFor(() => unknown().length === 0, 'later-panel found, without any watcher event, once a document opened');
    client.close(ws.uri('later/b.brief.md'));
    client.close(uri);
  });

  it('clears diagnostics when a document closes', async () => {
    const { uri, diagnostics } = await openTrade();
    assert.notDeepEqual(diagnostics, []);
    client.close(uri);
    await client.waitFor(() => client.published.get(uri)?.diagnostics.length === 0, 'empty diagnostics after close');
  });
});

describe('diagnostics (pull)', () => {
  const session = serverSession({ 'data.facts.json': FACTS, 'trade.brief.md': BRIEFING, 'README.md': README }, { pull: true });
  const { ws } = session;
  let client: LspClient;
  before(() => (client = session.client));

  it('announces a diagnostic provider', () => {
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, {
      identifier: 'briefing',
      interFileDependencies: true,
      workspaceDiagnostics: false,
    });
  });

  it('answers textDocument/diagnostic for briefings, README and fact files', async () => {
    const uri = ws.uri('trade.brief.md');
    client.open(uri, BRIEFING);
    const items = await client.pulledDiagnostics(uri);
    assert.deepEqual(
      items.map((d) => d.code),
      ['stat.uncited', 'stat.mismatch', 'note.gap', 'note.undefined', 'note.noSource', 'note.unused'],
    );
    assert.deepEqual(items.find((d) => d.code === 'stat.uncited')!.range, rangeOf(BRIEFING, '51.6 percent'));
    client.open(ws.uri('README.md'), README);
    assert.deepEqual(await client.pulledDiagnostics(ws.uri('README.md')), []);
    const broken = FACTS.replace('"unit": "workers"', '"unit": ""');
    client.open(ws.uri('data.facts.json'), broken);
    const factItems = await client.pulledDiagnostics(ws.uri('data.facts.json'));
    assert.equal(factItems.length, 1);
    assert.equal(factItems[0]!.code, 'facts.invalid');
    assert.equal(factItems[0]!.range.start.line, rangeOf(broken, '"unit": ""').start.line);
    // Nothing was pushed: in pull mode the client asks.
    assert.equal(client.published.get(uri), undefined);
    client.close(ws.uri('data.facts.json'));
  });

  it('asks the client to refresh when a fact file changes', async () => {
    const factUri = ws.uri('data.facts.json');
    client.open(factUri, FACTS.replace('"unit": "workers"', '"unit": ""'));
    assert.equal((await client.pulledDiagnostics(factUri)).length, 1);
    // The change comes within the open's refresh delay, so one refresh answers both.
    const before = client.refreshes;
    client.change(factUri, FACTS);
    await client.waitFor(() => client.refreshes > before, 'workspace/diagnostic/refresh');
    const items = await client.pulledDiagnostics(factUri);
    assert.deepEqual(items, []);
    client.close(factUri);
  });
});
