/**
 * End-to-end test of `briefing.maxProblems` in the real editor: a long draft with more
 * problems than the setting allows shows that many in the Problems panel, the errors
 * among them though they come last in the draft, and the notice of the rest; with the
 * setting back to its default, every problem. The draft is written into `limit/` of the
 * workspace at run time and removed after.
 */
import * as vscode from 'vscode';
import { pictureOfActiveFileProblems } from './pictures';
import { after, describe, it } from './runner';
import type { BriefingExtensionApi } from '../../../src/shared/protocol';
import {
  EXTENSION_ID,
  assert,
  briefingDiagnostics,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  fileUri,
  open,
  waitForDiagnostics,
  waitUntil,
} from './util';

/** 30 figures that cite nothing (warnings), then two references without a definition (errors). */
function longDraft(): string {
  // Its own fact file, so that no fact file elsewhere in the workspace adds a finding.
  const lines = ['---', 'facts: harvest.facts.json', '---', '', '# Harvest notes', ''];
  for (let i = 1; i <= 30; i++) lines.push(`Barley yields in valley ${i} fell ${(i % 40) + 3} per cent after the dry spring.`, '');
  lines.push('The ministry has not said why.[^why]', '', 'Nor has the regional office.[^office]', '');
  return lines.join('\n');
}

const HARVEST_FACTS = JSON.stringify(
  {
    sources: { 'e2e-harvest-survey': { title: 'Harvest survey' } },
    facts: [
      {
        id: 'e2e-barley-valley-1',
        statement: 'Barley yields in valley 1, fall after the dry spring',
        value: 4,
        unit: 'percent',
        source: 'e2e-harvest-survey',
        quote: 'Yields in valley 1 fell 4 per cent.',
      },
    ],
  },
  null,
  2,
);

const isNotice = (d: vscode.Diagnostic) => codeOf(d) === undefined && /not listed/.test(d.message);

describe('a long draft and briefing.maxProblems', () => {
  const draft = fileUri('limit/long-draft.brief.md');
  const settings = () => vscode.workspace.getConfiguration('briefing');

  after(async () => {
    await closeAllEditors();
    await settings().update('maxProblems', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(fileUri('limit'), { recursive: true }).then(undefined, () => undefined);
  });

  it('lists maxProblems problems, errors first, and says how many are not listed (problem-limit.png)', async () => {
    await settings().update('maxProblems', 12, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.writeFile(fileUri('limit/harvest.facts.json'), Buffer.from(HARVEST_FACTS));
    await vscode.workspace.fs.writeFile(draft, Buffer.from(longDraft()));
    await open(draft);
    const shown = await waitForDiagnostics(draft, (d) => d.length === 12 && d.some(isNotice), '11 problems and the notice');
    const errors = shown.filter((d) => codeOf(d) === 'note.undefined');
    assert(errors.length === 2, `both undefined notes should be listed:\n  ${describeDiagnostics(shown)}`);
    assert(shown.filter((d) => codeOf(d) === 'stat.uncited').length === 9, `9 uncited figures expected:\n  ${describeDiagnostics(shown)}`);
    const notice = shown.find(isNotice)!;
    assert(notice.severity === vscode.DiagnosticSeverity.Information, 'the notice is information');
    assert(
      notice.message.startsWith("21 more problems are not listed: Briefing Check lists 11 of this file's 32"),
      `notice: ${notice.message}`,
    );

    // The status bar counts every figure, not only the problems listed.
    const status = vscode.extensions.getExtension<BriefingExtensionApi>(EXTENSION_ID)?.exports.figureStatus;
    assert(status, 'the extension exposes its status-bar text');
    await waitUntil(() => /30 uncited/.test(status() ?? ''), 'the status bar to count the 30 uncited figures');

    await pictureOfActiveFileProblems('problem-limit');
  });

  it('lists every problem again once the setting is back to its default', async () => {
    await settings().update('maxProblems', undefined, vscode.ConfigurationTarget.Workspace);
    const all = await waitForDiagnostics(draft, (d) => d.length === 32, 'all 32 problems');
    assert(!all.some(isNotice), `no notice expected:\n  ${describeDiagnostics(briefingDiagnostics(draft))}`);
  });
});
