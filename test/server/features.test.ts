/** Protocol tests of hover, completion, definition, references, rename and document symbols. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CompletionItem, DocumentSymbol, Hover, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { BRIEFING, FACTS } from './fixtures';
import { LspClient, positionOf, rangeOf, serverSession, uriOf } from './lspHarness';

describe('language features', () => {
  const session = serverSession({ 'data.facts.json': FACTS, 'trade.brief.md': BRIEFING }, { pull: true });
  const { ws } = session;
  const uri = ws.uri('trade.brief.md');
  let client: LspClient;
  before(() => {
    client = session.client;
    client.open(uri, BRIEFING);
  });

  const hoverAt = (needle: string, occurrence = 1, delta = 1) =>
    client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(BRIEFING, needle, occurrence, delta),
    });
  const valueOf = (hover: Hover | null) => (hover ? (hover.contents as { value: string }).value : '');

  it('hover on a note reference shows the note, its source and the quote of the fact behind the sentence', async () => {
    const hover = await hoverAt('[^1]');
    assert.ok(hover);
    assert.deepEqual(hover.range, rangeOf(BRIEFING, '[^1]'));
    const text = valueOf(hover);
    assert.match(text, /@cn-customs, table 4\./);
    assert.match(text, /China trade statistics, first quarter 2017/);
    assert.match(text, /General Administration of Customs of China, 2017-04-13/);
    assert.match(text, /\(https:\/\/example\.org\/customs\/2017q1\)/);
    assert.match(text, /> Trade with the DPRK rose 37\.4 percent in the first quarter\./);
    assert.match(text, /\*\*37\.4 percent\*\* \(table 4\)/);
    // The label as inline code, not backslash-escaped: Neovim shows escapes as typed.
    assert.match(text, /^\*\*Note\*\* `\[\^1\]`: @cn-customs/);
    assert.doesNotMatch(text, /\\/);
  });

  it('hover on a statistic shows the matched fact, or why none matched', async () => {
    const supported = valueOf(await hoverAt('37.4 percent'));
    assert.match(supported, /backed by `cn-customs`/);
    assert.match(supported, /trade-growth/);
    const mismatch = valueOf(await hoverAt('61.6 percent'));
    assert.match(mismatch, /contradicts `cn-customs`, which says -51\.6 percent/);
    // The diagnostic ("cites no source") shows beside the hover: the hover says what could back it instead.
    const uncited = valueOf(await hoverAt('51.6 percent'));
    assert.doesNotMatch(uncited, /cites no source/);
    assert.match(uncited, /`cn-customs` has a fact that backs \*\*51\.6 percent\*\*/);
    assert.match(uncited, /Coal imports from the DPRK fell 51\.6 percent in April\./);
  });

  it("hover on a figure backed by another figure of a fact's quote marks that figure in the quote", async () => {
    const facts = FACTS.replace(
      '"quote": "Trade with the DPRK rose 37.4 percent in the first quarter."',
      '"quote": "Trade with the DPRK rose 37.4 percent in the first quarter, after 5.2 percent a year earlier."',
    );
    ws.write('quoted/data.facts.json', facts);
    const uri = ws.uri('quoted/q.brief.md');
    const text =
      '---\nfacts: data.facts.json\n---\n\n# Q\n\nA year earlier trade with North Korea had grown 5.2 percent.[^1]\n\n[^1]: @cn-customs.\n';
    client.open(uri, text);
    assert.deepEqual(
      (await client.pulledDiagnostics(uri)).map((d) => d.code),
      [],
    );
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, '5.2 percent'),
    });
    const value = hover!.contents.value;
    assert.match(value, /in the quote of a fact that records another figure/);
    assert.match(value, /after \*\*5\.2 percent\*\* a year earlier/);
    client.close(uri);
  });

  it('hover on an unsupported statistic lists what its source records in that unit, not the diagnostic again', async () => {
    const uri = ws.uri('unsupported-hover.brief.md');
    const text = '# H\n\nTrade with North Korea grew 12 percent in 2015.[^1]\n\n[^1]: @cn-customs.\n';
    client.open(uri, text);
    const diagnostics = await client.pulledDiagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['stat.unsupported'],
    );
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, '12 percent'),
    });
    const value = hover!.contents.value;
    assert.match(value, /What `cn-customs` records in this unit:/);
    assert.match(value, /- 37\.4 percent — China's trade with North Korea, growth in Q1 2017 year on year \(`trade-growth`\)/);
    assert.doesNotMatch(value, /records no figure for this/);
    client.close(uri);
  });

  it('hover on @source-id shows the source and how many facts it backs', async () => {
    const text = valueOf(await hoverAt('@cn-customs', 2));
    assert.match(text, /Source `cn-customs`/);
    assert.match(text, /2 facts in `data\.facts\.json`/);
  });

  it('no hover on plain text', async () => {
    assert.equal(await hoverAt('Trade brief'), null);
  });

  it('completes note labels and the next free number after [^', async () => {
    const text = BRIEFING.replace('See also', 'See [^ also');
    client.change(uri, text);
    const at = positionOf(text, '[^ also', 1, 2);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: at });
    assert.deepEqual(
      items.map((i) => i.label),
      ['1', 'coal', '2', '9', '10'],
    );
    const next = items.find((i) => i.label === '10')!;
    assert.deepEqual(next.textEdit, { range: { start: at, end: at }, newText: '10]' });
    assert.equal(items.find((i) => i.label === 'coal')!.detail, '@cn-customs, table 7.');
  });

  it('completes source ids with title and publisher after @', async () => {
    const text = BRIEFING.replace('See also', 'See @cn also');
    client.change(uri, text);
    const at = positionOf(text, '@cn also', 1, 3);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: at });
    assert.deepEqual(
      items.map((i) => i.label),
      ['cn-customs', 'un-panel'],
    );
    assert.equal(items[0]!.detail, 'China trade statistics, first quarter 2017 — General Administration of Customs of China');
    assert.deepEqual(items[0]!.textEdit, { range: { start: positionOf(text, '@cn also', 1, 1), end: at }, newText: 'cn-customs' });
    client.change(uri, BRIEFING);
  });

  it('goes from a reference to its definition, and from @source-id to the fact file', async () => {
    const defs = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri },
      position: positionOf(BRIEFING, '[^coal]', 1, 3),
    });
    assert.deepEqual(defs, [{ uri, range: rangeOf(BRIEFING, '[^coal]:') }]);
    const source = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri },
      position: positionOf(BRIEFING, '@cn-customs', 2, 4),
    });
    assert.deepEqual(source, [{ uri: uriOf(ws.path('data.facts.json')), range: rangeOf(FACTS, '"cn-customs"') }]);
  });

  it('finds the references of a note, from a reference or from its definition', async () => {
    const text = BRIEFING.replace('See also', 'As before,[^1] see also');
    client.change(uri, text);
    const expected = [
      { uri, range: rangeOf(text, '[^1]', 1) },
      { uri, range: rangeOf(text, '[^1]', 2) },
    ];
    const fromRef = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: positionOf(text, '[^1]', 2, 2),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(fromRef, expected);
    const fromDef = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: positionOf(text, '[^1]:', 1, 1),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(fromDef, [...expected, { uri, range: rangeOf(text, '[^1]:') }]);
    client.change(uri, BRIEFING);
  });

  it('renames a footnote label in every reference and the definition', async () => {
    const at = positionOf(BRIEFING, '[^coal]', 1, 3);
    const prepared = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri },
      position: at,
    });
    assert.deepEqual(prepared, {
      range: rangeOf(BRIEFING, 'coal]', 1) && { start: positionOf(BRIEFING, '[^coal]', 1, 2), end: positionOf(BRIEFING, '[^coal]', 1, 6) },
      placeholder: 'coal',
    });
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at, newName: 'coal-april' });
    const renamed = LspClient.applyTo(BRIEFING, uri, edit);
    assert.equal(renamed, BRIEFING.replace('[^coal]', '[^coal-april]').replace('[^coal]:', '[^coal-april]:'));
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: at, newName: '1' }), /already exists/);
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri }, position: at, newName: 'two words' }),
      /cannot be a footnote label/,
    );
    assert.equal(
      await client.request('textDocument/prepareRename', { textDocument: { uri }, position: positionOf(BRIEFING, 'Trade brief') }),
      null,
    );
  });

  it('lists headings and a Notes group in the outline', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const shape = (s: DocumentSymbol): unknown => ({ name: s.name, children: (s.children ?? []).map(shape) });
    assert.deepEqual(symbols.map(shape), [
      {
        name: 'Trade brief',
        children: [
          { name: 'Detail', children: [] },
          { name: 'Notes', children: [] },
        ],
      },
      {
        name: 'Notes',
        children: [
          { name: '[^1]', children: [] },
          { name: '[^coal]', children: [] },
          { name: '[^2]', children: [] },
        ],
      },
    ]);
    const notes = symbols[1]!;
    assert.deepEqual(notes.children![1]!.selectionRange, rangeOf(BRIEFING, '[^coal]:'));
    assert.equal(notes.children![1]!.detail, '@cn-customs, table 7.');
    assert.deepEqual(symbols[0]!.selectionRange, rangeOf(BRIEFING, '# Trade brief'));
  });
});
