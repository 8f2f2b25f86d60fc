/**
 * Small files made for one test each, written into `cases/` of the workspace when the
 * feature tests start. Inline, not in test/e2e/workspace/, for two reasons: each
 * fixture sits next to the test that reads it, and the README pictures (taken before)
 * show the example alone, without these files in the Explorer or their facts in the
 * Find Fact picker. Writing them at run time also tests that the extension notices
 * fact files and briefings that appear while it runs.
 *
 * Fact ids and source ids start with `e2e-`, so they never clash with the example's.
 */
import * as vscode from 'vscode';
import { codeOf, fileUri, open, waitForDiagnostics } from './util';

const lines = (...text: string[]) => text.join('\n') + '\n';

export const CASE_FACTS = {
  sources: {
    'e2e-customs': {
      title: 'Customs statistics used by the end-to-end tests',
      publisher: 'Test Customs Office',
      url: 'https://example.org/e2e/customs',
    },
    'e2e-panel': {
      title: 'Panel report used by the end-to-end tests',
      publisher: 'Test Panel of Experts',
    },
  },
  facts: [
    {
      id: 'e2e-trade-growth',
      statement: 'Trade with North Korea, growth in the first quarter',
      value: 37.4,
      unit: 'percent',
      source: 'e2e-customs',
      quote: 'Trade with the DPRK rose 37.4 percent in the first quarter.',
      locator: 'table 4',
      keywords: ['trade', 'rose', 'quarter'],
    },
    {
      id: 'e2e-coal-decline',
      statement: 'Coal imports from North Korea, decline in April',
      value: 51.6,
      unit: 'percent',
      source: 'e2e-customs',
      quote: 'Coal imports from the DPRK fell 51.6 percent in April.',
      locator: 'table 7',
      keywords: ['coal', 'imports', 'fell'],
    },
    {
      id: 'e2e-workers-abroad',
      statement: 'North Korean workers abroad',
      value: 25000,
      unit: 'workers',
      source: 'e2e-panel',
      quote: 'The Panel estimates that some 25,000 workers were sent abroad.',
      locator: 'p. 12',
      keywords: ['workers', 'abroad'],
    },
  ],
};

export const CASES: Record<string, string> = {
  'cases/cases.facts.json': JSON.stringify(CASE_FACTS, null, 2) + '\n',
  // Gets stat.mismatch only once cases.facts.json is loaded (source.unknown before):
  // the signal that the cases are ready.
  'cases/ready.brief.md': lines(
    '# Ready case',
    '',
    'Trade rose 99.9 percent in the first quarter.[^1]',
    '',
    '[^1]: @e2e-customs, table 4.',
  ),
  'cases/hover.brief.md': lines(
    '# Hover case',
    '',
    'Trade with North Korea rose 37.4 percent in the first quarter.[^1]',
    '',
    '[^1]: @e2e-customs, table 4.',
  ),
  'cases/uncited.brief.md': lines(
    '# Quick-fix case',
    '',
    'Coal imports from North Korea fell 51.6 percent in April. Trade rose 37.4 percent in the first quarter.[^1]',
    '',
    '[^1]: @e2e-customs, table 4.',
  ),
  'cases/renumber.brief.md': lines(
    '# Renumber case',
    '',
    'Trade rose 37.4 percent in the first quarter.[^3] Coal imports fell 51.6 percent in April.[^1] The panel counted some 25,000 workers abroad.[^2]',
    '',
    '## Notes',
    '',
    '[^1]: @e2e-customs, table 7.',
    '[^2]: @e2e-panel, p. 12.',
    '[^3]: @e2e-customs, table 4.',
  ),
};

/** Writes the case files and waits until the extension has loaded their facts. */
export async function writeCases(): Promise<void> {
  for (const [path, text] of Object.entries(CASES)) {
    await vscode.workspace.fs.writeFile(fileUri(path), new TextEncoder().encode(text));
  }
  const ready = fileUri('cases/ready.brief.md');
  await open(ready);
  await waitForDiagnostics(
    ready,
    (d) => d.some((x) => codeOf(x) === 'stat.mismatch'),
    'stat.mismatch in cases/ready.brief.md (the sign that cases/cases.facts.json is loaded)',
    // Under the hook's own 30 s, so a failure says which diagnostics were there instead.
    20_000,
  );
}
