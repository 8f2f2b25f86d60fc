/**
 * Protocol tests of code actions: each quick fix rebuilt from `Diagnostic.data`, the
 * choices for an undefined note, the rewrites and source.fixAll. Fixes are applied to
 * the text, and the result is checked again through the server.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { BRIEFING, FACTS } from './fixtures';
import { LspClient, serverSession } from './lspHarness';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe('code actions', () => {
  const session = serverSession({ 'data.facts.json': FACTS }, { pull: true });
  const { ws, openBriefing } = session;
  let client: LspClient;
  before(() => (client = session.client));

  function actionsFor(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? WHOLE;
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  const keyOf = (d: Diagnostic) => `${d.code}:${d.message}`;

  it('cites an uncited statistic that a fact supports, leaving no new findings', async () => {
    const { uri, diagnostics } = await openBriefing(BRIEFING);
    const uncited = diagnostics.filter((d) => d.code === 'stat.uncited');
    const actions = await actionsFor(uri, uncited, ['quickfix']);
    assert.equal(actions.length, 1);
    const [fix] = actions;
    assert.equal(fix!.title, 'Cite cn-customs (note 1): “Coal imports from the DPRK fell 51.6 percent in April.”');
    assert.equal(fix!.isPreferred, true);
    assert.deepEqual(fix!.diagnostics, uncited);
    const fixed = LspClient.applyTo(BRIEFING, uri, fix!.edit!);
    assert.equal(fixed, BRIEFING.replace('fell 51.6 percent in April.', 'fell 51.6 percent in April.[^1]'));
    client.change(uri, fixed);
    const afterFix = await client.pulledDiagnostics(uri);
    const before = new Set(diagnostics.map(keyOf));
    assert.deepEqual(
      afterFix.filter((d) => !before.has(keyOf(d))),
      [],
    );
    assert.ok(!afterFix.some((d) => d.code === 'stat.uncited'));
  });

  it('replaces a mismatched figure with the sourced one', async () => {
    const { uri, diagnostics } = await openBriefing(BRIEFING);
    const mismatch = diagnostics.filter((d) => d.code === 'stat.mismatch');
    const [fix, ...rest] = await actionsFor(uri, mismatch, ['quickfix']);
    assert.equal(rest.length, 0);
    assert.equal(fix!.title, "Change to 51.6 — China's coal imports from North Korea, change in April 2017 (cn-customs)");
    assert.equal(fix!.isPreferred, true);
    const fixed = LspClient.applyTo(BRIEFING, uri, fix!.edit!);
    assert.equal(fixed, BRIEFING.replace('61.6 percent', '51.6 percent'));
    client.change(uri, fixed);
    assert.ok(!(await client.pulledDiagnostics(uri)).some((d) => d.code === 'stat.mismatch'));
  });

  it('changes an unknown @id to the nearest known one, and renumbers a second definition of a label', async () => {
    const text =
      '# T\n\nCoal imports fell 51.6 percent in April.[^1] Workers went abroad.[^2]\n\n[^1]: @cn-custom, table 7.\n[^2]: @un-panel.\n[^2]: Press reports.\n';
    const { uri, diagnostics } = await openBriefing(text);
    const unknown = diagnostics.filter((d) => d.code === 'source.unknown');
    const [change] = await actionsFor(uri, unknown, ['quickfix']);
    assert.equal(change?.title, 'Change to @cn-customs');
    assert.equal(change.isPreferred, true);
    const fixed = LspClient.applyTo(text, uri, change.edit!);
    client.change(uri, fixed);
    const next = await client.pulledDiagnostics(uri);
    // The second definition names no source either.
    assert.deepEqual(next.map((d) => d.code).sort(), ['note.duplicate', 'note.noSource']);
    const [renumber] = await actionsFor(
      uri,
      next.filter((d) => d.code === 'note.duplicate'),
      ['quickfix'],
    );
    assert.equal(renumber?.title, 'Renumber the second definition as [^3]');
    const renumbered = LspClient.applyTo(fixed, uri, renumber.edit!);
    assert.ok(renumbered.endsWith('[^2]: @un-panel.\n[^3]: Press reports.\n'), renumbered);
    client.change(uri, renumbered);
    assert.deepEqual((await client.pulledDiagnostics(uri)).map((d) => d.code).sort(), ['note.noSource', 'note.unused']);
  });

  it("records a figure its source's facts do not cover as a new fact of that source, in its fact file", async () => {
    const factsUri = ws.uri('data.facts.json');
    client.open(factsUri, FACTS);
    const text = "# T\n\nChina's *steel* exports to North Korea fell 12.5 percent in 2016.[^1]\n\n[^1]: @cn-customs, table 9.\n";
    const { uri, diagnostics } = await openBriefing(text);
    const unsupported = diagnostics.filter((d) => d.code === 'stat.unsupported');
    assert.equal(unsupported.length, 1, JSON.stringify(diagnostics));
    const actions = await actionsFor(uri, unsupported, ['quickfix']);
    const record = actions.find((a) => a.title === 'Record as a new fact of cn-customs…');
    assert.ok(record?.command, JSON.stringify(actions));
    const result = await client.request<{ applied: boolean }>('workspace/executeCommand', record.command);
    assert.deepEqual(result, { applied: true });
    const written = JSON.parse(client.text(factsUri)) as { facts: Record<string, unknown>[] };
    assert.deepEqual(written.facts.at(-1), {
      id: 'cn-customs-china-steel-exports-north',
      statement: "China's steel exports to North Korea fell 12.5 percent in 2016.",
      value: 12.5,
      unit: 'percent',
      source: 'cn-customs',
      quote: 'TODO: paste the words of the source that give this figure',
    });
    // Only appended: every byte before the new fact is as it was, indentation kept.
    const after = client.text(factsUri);
    assert.ok(after.startsWith(FACTS.slice(0, FACTS.lastIndexOf('}\n  ]'))), after);
    assert.match(after, /\n    \{\n      "id": "cn-customs-china-steel-exports-north",/);
    await client.waitFor(
      () => !(client.published.get(uri)?.diagnostics ?? []).some((d) => d.code === 'stat.unsupported') || undefined,
      'the figure to be supported by the new fact',
    );
    client.close(factsUri);
  });

  it('writes a fact-file value typed as a string as the number', async () => {
    const text = FACTS.replace('"value": 25000', '"value": "25,000"');
    const uri = ws.uri('typed.facts.json');
    client.open(uri, text);
    const diagnostics = await client.pulledDiagnostics(uri);
    const invalid = diagnostics.filter((d) => d.code === 'facts.invalid');
    assert.equal(invalid.length, 1, JSON.stringify(diagnostics));
    const [fix] = await actionsFor(uri, invalid, ['quickfix']);
    assert.equal(fix?.title, 'Write 25000 as a number');
    const fixed = LspClient.applyTo(text, uri, fix.edit!);
    assert.equal(fixed, FACTS);
    client.change(uri, fixed);
    assert.deepEqual(await client.pulledDiagnostics(uri), []);
    client.close(uri);
  });

  it('writes the change that follows from the figures beside it (stat.arithmetic), with no fact involved', async () => {
    const text = 'Exports rose from $2.1 billion to $3.4 billion, a 35% rise.[^1]\n\n[^1]: Customs bulletin.\n';
    const { uri, diagnostics } = await openBriefing(text);
    const arithmetic = diagnostics.filter((d) => d.code === 'stat.arithmetic');
    assert.deepEqual(
      arithmetic.map((d) => [d.message, d.severity, d.range.start.character, d.range.end.character]),
      [['From $2.1 billion to $3.4 billion is a 62% rise, not 35%.', 2, 50, 53]],
    );
    const [fix, ...rest] = await actionsFor(uri, arithmetic, ['quickfix']);
    assert.equal(rest.length, 0);
    assert.equal(fix!.title, 'Change to 62%, as the figures beside it give');
    assert.equal(fix!.isPreferred, true);
    const fixed = LspClient.applyTo(text, uri, fix!.edit!);
    assert.equal(fixed, text.replace('35%', '62%'));
    client.change(uri, fixed);
    const afterFix = await client.pulledDiagnostics(uri);
    assert.deepEqual(afterFix.map(keyOf), diagnostics.filter((d) => d.code !== 'stat.arithmetic').map(keyOf));
  });

  it('defines an undefined note: one action per loaded source, or an empty definition', async () => {
    const { uri, diagnostics } = await openBriefing(BRIEFING);
    const undefinedNote = diagnostics.filter((d) => d.code === 'note.undefined');
    const actions = await actionsFor(uri, undefinedNote, ['quickfix']);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Define note [^9] citing cn-customs (China trade statistics, first quarter 2017)',
        'Define note [^9] citing un-panel (Report of the Panel of Experts)',
        'Create an empty definition of note [^9]',
      ],
    );
    assert.ok(actions.every((a) => !a.isPreferred));
    const fixed = LspClient.applyTo(BRIEFING, uri, actions[0]!.edit!);
    assert.equal(fixed, BRIEFING.replace('[^2]: An unused note.', '[^2]: An unused note.\n[^9]: @cn-customs.'));
    client.change(uri, fixed);
    assert.ok(!(await client.pulledDiagnostics(uri)).some((d) => d.code === 'note.undefined'));
    const empty = LspClient.applyTo(BRIEFING, uri, actions[2]!.edit!);
    assert.equal(empty, BRIEFING.replace('[^2]: An unused note.', '[^2]: An unused note.\n[^9]:'));
  });

  it('removes an unused definition (the one obvious fix, so preferred)', async () => {
    const { uri, diagnostics } = await openBriefing(BRIEFING);
    const unused = diagnostics.filter((d) => d.code === 'note.unused');
    const [fix] = await actionsFor(uri, unused, ['quickfix']);
    assert.equal(fix!.title, 'Remove the unused note [^2]');
    assert.equal(fix!.isPreferred, true);
    assert.equal(LspClient.applyTo(BRIEFING, uri, fix!.edit!), BRIEFING.replace('[^2]: An unused note.\n', ''));
  });

  it('does not offer fixes computed for an older version', async () => {
    const { uri, diagnostics } = await openBriefing(BRIEFING);
    client.change(uri, BRIEFING + '\nMore text.\n');
    await client.pulledDiagnostics(uri);
    const actions = await actionsFor(
      uri,
      diagnostics.filter((d) => d.code === 'stat.mismatch'),
      ['quickfix'],
    );
    assert.deepEqual(actions, []);
  });

  const OUT_OF_ORDER = `# Order

Trade rose 37.4 percent in the first quarter.[^3] Coal imports fell 51.6 percent in April.[^1]

[^1]: @cn-customs, table 7.
[^3]: @cn-customs, table 4.
`;

  it('renumbers notes in order of first reference (quick fix on note.order and a rewrite anywhere)', async () => {
    const { uri, diagnostics } = await openBriefing(OUT_OF_ORDER);
    const order = diagnostics.filter((d) => d.code === 'note.order');
    assert.equal(order.length, 1);
    const [fix] = await actionsFor(uri, order, ['quickfix']);
    assert.equal(fix!.title, 'Renumber notes in order of first citation');
    const expected = `# Order

Trade rose 37.4 percent in the first quarter.[^1] Coal imports fell 51.6 percent in April.[^2]

[^1]: @cn-customs, table 4.
[^2]: @cn-customs, table 7.
`;
    assert.equal(LspClient.applyTo(OUT_OF_ORDER, uri, fix!.edit!), expected);
    const rewrites = await actionsFor(uri, [], ['refactor']);
    assert.deepEqual(
      rewrites.map((a) => [a.title, a.kind]),
      [['Renumber notes in order of first citation', 'refactor.rewrite.briefing']],
    );
    assert.equal(LspClient.applyTo(OUT_OF_ORDER, uri, rewrites[0]!.edit!), expected);
  });

  const ENDNOTES = `# Endnotes

Trade rose 37.4 percent in the first quarter.[1] Coal imports fell 51.6 percent in April.[2]

## Notes

1. @cn-customs, table 4.
2. @cn-customs, table 7.
`;

  it('converts [n] endnotes to [^n] footnotes, and source.fixAll.briefing applies the safe fixes', async () => {
    const { uri } = await openBriefing(ENDNOTES);
    const rewrites = await actionsFor(uri, [], ['refactor.rewrite']);
    const convert = rewrites.find((a) => a.title === 'Convert [n] endnotes to [^n] footnotes');
    assert.ok(convert);
    const converted = ENDNOTES.replace('[1]', '[^1]').replace('[2]', '[^2]').replace('1. @', '[^1]: @').replace('2. @', '[^2]: @');
    assert.equal(LspClient.applyTo(ENDNOTES, uri, convert.edit!), converted);
    const [fixAll, ...others] = await actionsFor(uri, [], ['source.fixAll']);
    assert.equal(others.length, 0);
    assert.equal(fixAll!.kind, 'source.fixAll.briefing');
    assert.equal(LspClient.applyTo(ENDNOTES, uri, fixAll!.edit!), converted);
    client.change(uri, converted);
    assert.deepEqual(
      (await client.pulledDiagnostics(uri)).map((d) => d.code),
      [],
    );
  });
});
