/**
 * Protocol tests of "Record as a new fact…" as the VS Code client gets it (it lists
 * `briefing.recordFigure` among its client commands): the arguments the quick fix
 * carries for an uncited and an unsupported figure, and the client's steps replayed
 * with the server's commands (add the fact, cite its source where the quick fix says),
 * after which the figure is cited and supported. Also the Facts view's look-ups: the
 * statistics a fact supports, and a fact's locator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { AddFactResult, EditResult, FactItem, FactUse, RecordFigureArgs } from '../../src/shared/protocol';
import { FACTS } from './fixtures';
import { LspClient, makeWorkspace, positionOf } from './lspHarness';

const VSCODE_COMMANDS = ['briefing.insertCitation', 'briefing.findFact', 'briefing.recordFigure'];

const UNCITED = `# Steel

China's steel exports to North Korea fell 12.5 percent in 2016. Trade rose 37.4 percent in the first quarter.[^1]

[^1]: @cn-customs, table 4.
`;

const UNSUPPORTED = `# Steel

China's steel exports to North Korea fell 12.5 percent in 2016.[^1]

[^1]: @cn-customs, table 9.
`;

describe('record a figure as a new fact (VS Code client)', () => {
  const ws = makeWorkspace({ 'data.facts.json': FACTS });
  let client: LspClient;
  let other: LspClient;
  before(async () => {
    client = await LspClient.start({ root: ws.root, pull: true, initializationOptions: { clientCommands: VSCODE_COMMANDS } });
    other = await LspClient.start({ root: ws.root, pull: true });
  });
  after(async () => {
    await client.stop();
    await other.stop();
    ws.dispose();
  });

  async function quickFixes(on: LspClient, uri: string, code: string): Promise<{ diagnostics: Diagnostic[]; actions: CodeAction[] }> {
    const diagnostics = (await on.pulledDiagnostics(uri)).filter((d) => d.code === code);
    assert.equal(diagnostics.length, 1, `one ${code}`);
    const actions = await on.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics, only: ['quickfix'] },
    });
    return { diagnostics, actions };
  }

  const recordArgs = (actions: CodeAction[]): RecordFigureArgs => {
    const record = actions.find((a) => a.title === 'Record as a new fact…');
    assert.ok(record?.command, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(record.command.command, 'briefing.recordFigure');
    return record.command.arguments![0] as RecordFigureArgs;
  };

  it('offers it on an uncited figure with the figure, its sentence and where the citation goes', async () => {
    const uri = ws.uri('uncited.brief.md');
    client.open(uri, UNCITED);
    const { actions } = await quickFixes(client, uri, 'stat.uncited');
    const args = recordArgs(actions);
    const end = positionOf(UNCITED, 'in 2016.', 1, 'in 2016.'.length);
    assert.deepEqual(
      { ...args, version: undefined },
      {
        uri,
        version: undefined,
        figure: '12.5 percent',
        range: { start: positionOf(UNCITED, '12.5'), end: positionOf(UNCITED, '12.5 percent', 1, '12.5 percent'.length) },
        value: 12.5,
        unit: 'percent',
        statement: "China's steel exports to North Korea fell 12.5 percent in 2016",
        cited: [],
        citeAt: end,
      },
    );
    assert.ok(
      actions.some((a) => a.title === 'Insert citation…'),
      'the other ways to cite it stay',
    );
  });

  it("leaves the figure cited and supported after the client's steps: add the fact, cite its source", async () => {
    const uri = ws.uri('uncited.brief.md');
    const factsUri = ws.uri('data.facts.json');
    client.open(factsUri, FACTS);
    const args = recordArgs((await quickFixes(client, uri, 'stat.uncited')).actions);
    const added = await client.request<AddFactResult>('workspace/executeCommand', {
      command: 'briefing.server.addFact',
      arguments: [
        {
          target: factsUri,
          fact: {
            id: 'steel-2016',
            statement: args.statement,
            value: args.value,
            unit: args.unit,
            source: 'cn-customs',
            quote: 'Steel exports to the DPRK fell 12.5 percent in 2016.',
          },
          briefing: uri,
        },
      ],
    });
    assert.equal(added.applied, true, added.message);
    const cited = await client.request<EditResult>('workspace/executeCommand', {
      command: 'briefing.server.insertCitation',
      arguments: [{ uri, position: args.citeAt, sourceId: 'cn-customs' }],
    });
    assert.equal(cited.applied, true, cited.message);
    // The citation reuses the note that cites the source already; no figure is written.
    assert.equal(client.text(uri), UNCITED.replace('in 2016.', 'in 2016.[^1]'));
    const after = await client.pulledDiagnostics(uri);
    assert.deepEqual(
      after.filter((d) => String(d.code).startsWith('stat.')),
      [],
    );
    client.close(factsUri);
  });

  it('offers it on an unsupported figure with the source its sentence cites, and nothing to cite', async () => {
    const uri = ws.uri('unsupported.brief.md');
    client.open(uri, UNSUPPORTED.replace('12.5', '13.5'));
    const { actions } = await quickFixes(client, uri, 'stat.unsupported');
    const args = recordArgs(actions);
    assert.deepEqual(args.cited, ['cn-customs']);
    assert.equal(args.citeAt, undefined);
    assert.equal(args.value, 13.5);
    assert.ok(!actions.some((a) => a.title.startsWith('Record as a new fact of')), 'the server-side record is for other editors');
  });

  it('keeps the server-side "Record as a new fact of …" for editors without the client command', async () => {
    const uri = ws.uri('other.brief.md');
    other.open(uri, UNSUPPORTED.replace('12.5', '14.5'));
    const { actions } = await quickFixes(other, uri, 'stat.unsupported');
    assert.deepEqual(
      actions.filter((a) => a.title.startsWith('Record')).map((a) => a.title),
      ['Record as a new fact of cn-customs…'],
    );
    const uncitedUri = ws.uri('other-uncited.brief.md');
    other.open(uncitedUri, UNCITED);
    const uncited = await quickFixes(other, uncitedUri, 'stat.uncited');
    assert.ok(!uncited.actions.some((a) => a.title.startsWith('Record')));
  });

  it("finds the statistics a fact supports across the workspace's briefings, and gives each fact its locator", async () => {
    const uses = await client.request<FactUse[]>('workspace/executeCommand', {
      command: 'briefing.server.factUses',
      arguments: [{ factId: 'trade-growth' }],
    });
    const uri = ws.uri('uncited.brief.md');
    const text = client.text(uri);
    const mine = uses.filter((u) => u.uri === uri);
    assert.deepEqual(mine, [
      {
        uri,
        range: { start: positionOf(text, '37.4'), end: positionOf(text, '37.4 percent', 1, '37.4 percent'.length) },
        sentence: 'Trade rose 37.4 percent in the first quarter.[^1]',
      },
    ]);
    const none = await client.request<FactUse[]>('workspace/executeCommand', {
      command: 'briefing.server.factUses',
      arguments: [{ factId: 'no-such-fact' }],
    });
    assert.deepEqual(none, []);
    const [fact] = await client.request<FactItem[]>('workspace/executeCommand', {
      command: 'briefing.server.searchFacts',
      arguments: [{ uri, query: 'trade-growth' }],
    });
    assert.equal(fact?.locator, 'table 4');
  });
});
