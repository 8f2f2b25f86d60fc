/**
 * Protocol tests of the quick fixes for quotations (quote.mismatch), replaced figures
 * (fact.superseded) and values that contradict their own quote (facts.quoteMismatch):
 * each fix applied to the text and the result checked again through the server; and
 * fact.stale turned on by the briefing.staleAfter setting; and Find Fact listing
 * replaced facts last.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import type { FactItem } from '../../src/shared/protocol';
import { LspClient, makeWorkspace, positionOf, serverSession } from './lspHarness';

const FACTS = `${JSON.stringify(
  {
    sources: {
      boe: { title: 'Monetary Policy Summary', published: '2023-11-02' },
      'ons-first': { title: 'Labour market, first estimate', published: '2023-05-16' },
      'ons-revised': { title: 'Labour market, revised', published: '2024-02-13' },
    },
    facts: [
      {
        id: 'boe-rate',
        statement: 'Bank Rate held',
        value: 5.25,
        unit: 'percent',
        source: 'boe',
        quote: 'The Committee voted by a majority of 6–3 to maintain Bank Rate at 5.25%, and judged that policy was restrictive.',
        asOf: '2023-11-02',
      },
      {
        id: 'unemployment-first',
        statement: 'UK unemployment rate, first estimate',
        value: 3.9,
        unit: 'percent',
        source: 'ons-first',
        quote: 'The unemployment rate was 3.9%.',
        asOf: '2023-03',
        supersededBy: 'unemployment-revised',
      },
      {
        id: 'unemployment-revised',
        statement: 'UK unemployment rate, revised',
        value: 4.2,
        unit: 'percent',
        source: 'ons-revised',
        quote: 'The unemployment rate was 4.2%.',
        asOf: '2023-03',
      },
    ],
  },
  null,
  2,
)}\n`;

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe('quick fixes for quotations, replaced figures and fact values', () => {
  const session = serverSession({ 'data.facts.json': FACTS }, { pull: true });
  const { ws, openBriefing } = session;
  let client: LspClient;
  before(() => (client = session.client));

  function actionsFor(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? WHOLE;
    return client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, only: ['quickfix'] },
    });
  }

  it('quote.mismatch: writes the recorded words in place of the differing ones, and the quotation then matches', async () => {
    const text = 'The Committee voted “by a majority of 6–3 to cut Bank Rate to 5.25%, and judged that policy”.[^1]\n\n[^1]: @boe\n';
    const { uri, diagnostics } = await openBriefing(text);
    const quotes = diagnostics.filter((d) => d.code === 'quote.mismatch');
    assert.deepEqual(
      quotes.map((d) => [d.message, d.severity]),
      [
        [
          "This quotation differs from boe's words recorded in boe-rate: the source says “to maintain Bank Rate at”, not “to cut Bank Rate to”.",
          2,
        ],
      ],
    );
    const [fix, ...rest] = await actionsFor(uri, quotes);
    assert.equal(rest.length, 0);
    assert.equal(fix!.title, 'Quote boe as recorded in boe-rate');
    const fixed = LspClient.applyTo(text, uri, fix!.edit!);
    assert.equal(fixed, text.replace('to cut Bank Rate to', 'to maintain Bank Rate at'));
    client.change(uri, fixed);
    assert.deepEqual(await client.pulledDiagnostics(uri), []);
    client.close(uri);
  });

  it('a quotation that matches the recorded quote exactly shows as verified in the hover, and gets no finding', async () => {
    const text = 'The Committee voted “to maintain Bank Rate at 5.25%, and judged that policy was restrictive”.[^1]\n\n[^1]: @boe\n';
    const { uri, diagnostics } = await openBriefing(text);
    assert.deepEqual(diagnostics, []);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, 'judged'),
    });
    assert.equal(hover?.contents.value, '**Quotation verified:** these are the words of `boe` recorded in `boe-rate`.');
    const outside = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, 'Committee'),
    });
    assert.equal(outside, null);
    client.close(uri);
  });

  it('fact.superseded: writes the newer figure and cites its source, and nothing is left to report', async () => {
    const text = 'Unemployment stood at 3.9% in March.[^1]\n\n[^1]: @ons-first\n';
    const { uri, diagnostics } = await openBriefing(text);
    const superseded = diagnostics.filter((d) => d.code === 'fact.superseded');
    assert.equal(superseded.length, 1, JSON.stringify(diagnostics));
    assert.equal(
      superseded[0]!.message,
      '3.9% is from unemployment-first (2023-03), which unemployment-revised replaces: ons-revised gives 4.2 percent, as of 2023-03.',
    );
    const [fix] = await actionsFor(uri, superseded);
    assert.equal(fix!.title, 'Change to 4.2, the newer figure (unemployment-revised) and cite ons-revised');
    const fixed = LspClient.applyTo(text, uri, fix!.edit!);
    assert.equal(fixed, 'Unemployment stood at 4.2% in March.[^1][^2]\n\n[^1]: @ons-first\n[^2]: @ons-revised.\n');
    client.change(uri, fixed);
    assert.deepEqual(await client.pulledDiagnostics(uri), []);
    client.close(uri);
  });

  it('facts.quoteMismatch: reported at the value in the fact file; the fix writes the quoted figure', async () => {
    const text = FACTS.replace('"value": 4.2', '"value": 4.7');
    const uri = ws.uri('typo.facts.json');
    client.open(uri, text);
    const diagnostics = await client.pulledDiagnostics(uri);
    const mismatch = diagnostics.filter((d) => d.code === 'facts.quoteMismatch');
    assert.deepEqual(
      mismatch.map((d) => [d.message, d.severity, d.range.end.character - d.range.start.character]),
      [['Quote says 4.2%; value is 4.7. Check the value against the quote.', 2, 3]],
    );
    const [fix] = await actionsFor(uri, mismatch);
    assert.equal(fix!.title, 'Change the value to 4.2, as the quote says');
    const fixed = LspClient.applyTo(text, uri, fix!.edit!);
    assert.equal(fixed, FACTS);
    client.change(uri, fixed);
    assert.deepEqual(await client.pulledDiagnostics(uri), []);
    client.close(uri);
  });

  it('Find Fact lists replaced facts after current ones, and marks them', async () => {
    const uri = ws.uri('find.brief.md');
    client.open(uri, 'Nothing yet.\n');
    await client.pulledDiagnostics(uri);
    const found = await client.request<FactItem[]>('workspace/executeCommand', {
      command: 'briefing.server.searchFacts',
      arguments: [{ uri, query: 'unemployment' }],
    });
    assert.deepEqual(
      found.map((f) => [f.id, f.supersededBy]),
      [
        ['unemployment-revised', undefined],
        ['unemployment-first', 'unemployment-revised'],
      ],
    );
    client.close(uri);
  });
});

describe('fact.stale with briefing.staleAfter', () => {
  const ws = makeWorkspace({ 'data.facts.json': FACTS });
  after(() => ws.dispose());

  it('is reported (as information) only when the setting is set, counted back from the front matter date', async () => {
    const text = '---\ndate: 2026-01-15\n---\nThe Bank held rates at 5.25%.[^1]\n\n[^1]: @boe\n';
    for (const [settings, expected] of [
      [{}, []],
      [
        { staleAfter: '2y' },
        [['fact.stale', 3, "5.25%: boe-rate is as of 2023-11-02, more than 2 years before the briefing's date; check for a newer figure."]],
      ],
      [{ staleAfter: '3y' }, []],
    ] as const) {
      const client = await LspClient.start({ root: ws.root, pull: true, settings });
      try {
        const uri = ws.uri('stale.brief.md');
        client.open(uri, text);
        const diagnostics = await client.pulledDiagnostics(uri);
        assert.deepEqual(
          diagnostics.map((d) => [d.code, d.severity, d.message]),
          expected,
          JSON.stringify(settings),
        );
      } finally {
        await client.stop();
      }
    }
  });
});
