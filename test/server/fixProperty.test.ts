/**
 * Property: every fix the server offers (quick fixes, rewrites, fix all) leaves every
 * note's text in the document exactly once; notes may move and be relabelled, never
 * be lost or doubled. The one exception is the fix that removes an unused note, which
 * removes that note only.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { FACTS } from './fixtures';
import { LspClient, serverSession } from './lspHarness';

const LABELS = ['1', '2', '3', '4', '5', 'x'];
const CLAIMS = [
  'Trade rose 37.4 percent in the first quarter',
  'Coal imports fell 51.6 percent in April',
  'Some 25,000 workers were abroad',
  'Nothing happened',
  'Exports fell 12 percent',
];
const SOURCES = ['@cn-customs, table 4.', '@un-panel, p. 12.', 'No source here.', '@cn-customs.'];

interface Case {
  endnotes: boolean;
  sentences: { claim: number; label: number | undefined }[];
  defs: { label: number; source: number }[];
}

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  endnotes: fc.boolean(),
  sentences: fc.array(fc.record({ claim: fc.nat(CLAIMS.length - 1), label: fc.option(fc.nat(LABELS.length - 1), { nil: undefined }) }), {
    minLength: 1,
    maxLength: 6,
  }),
  defs: fc.uniqueArray(fc.record({ label: fc.nat(LABELS.length - 1), source: fc.nat(SOURCES.length - 1) }), {
    selector: (d) => d.label,
    maxLength: 6,
  }),
});

/** The briefing of a case, and each note label with its unique text. */
function render(c: Case): { text: string; notes: Map<string, string> } {
  const label = (i: number) => (c.endnotes ? String(i + 1) : LABELS[i]!);
  const ref = (i: number) => (c.endnotes ? `[${label(i)}]` : `[^${label(i)}]`);
  const body = c.sentences.map((s) => `${CLAIMS[s.claim]}.${s.label === undefined ? '' : ref(s.label)}`).join(' ');
  const notes = new Map<string, string>();
  const lines = c.defs.map((d, k) => {
    const text = `Note text ${k}q ${SOURCES[d.source]}`;
    notes.set(label(d.label), text);
    return c.endnotes ? `${label(d.label)}. ${text}` : `[^${label(d.label)}]: ${text}`;
  });
  const notesPart = lines.length === 0 ? '' : c.endnotes ? `\n## Notes\n\n${lines.join('\n')}\n` : `\n${lines.join('\n')}\n`;
  return { text: `# Case\n\n${body}\n${notesPart}`, notes };
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('fix property', () => {
  const session = serverSession({ 'data.facts.json': FACTS }, { pull: true });
  let client: LspClient;
  before(() => (client = session.client));

  it('every offered fix keeps each note text exactly once', async () => {
    let actionsSeen = 0;
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const { text, notes } = render(c);
        const { uri, diagnostics } = await session.openBriefing(text, 'prop');
        const range = { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } };
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range,
          context: { diagnostics },
        });
        client.close(uri);
        for (const action of actions) {
          if (!action.edit) continue;
          actionsSeen++;
          const fixed = LspClient.applyTo(text, uri, action.edit);
          const removed = /^Remove the unused note \[\^?([^\]]+)\]/.exec(action.title)?.[1];
          // "Cite X instead of Y" changes one note's @Y key to @X and nothing else of it.
          const instead = /^Cite (\S+) instead of (\S+)$/.exec(action.title);
          let rekeyed = 0;
          for (const [label, noteText] of notes) {
            const expected = label === removed ? 0 : 1;
            const now = instead && occurrences(fixed, noteText) === 0 ? noteText.replace(`@${instead[2]}`, `@${instead[1]}`) : noteText;
            if (now !== noteText) rekeyed++;
            assert.equal(
              occurrences(fixed, now),
              expected,
              `"${action.title}" left note ${label} (${now}) ${occurrences(fixed, now)} times in:\n${fixed}\n--- from:\n${text}`,
            );
          }
          if (instead) assert.equal(rekeyed, 1, `"${action.title}" should change exactly one note's key`);
        }
      }),
      { numRuns: 60, seed: 20240613 },
    );
    assert.ok(actionsSeen > 20, `only ${actionsSeen} fixes were exercised`);
  });
});
