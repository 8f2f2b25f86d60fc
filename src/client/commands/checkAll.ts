/**
 * Check All Briefings: every briefing of the workspace, checked by the server in small
 * batches so the notification shows progress and Cancel stops between batches; the
 * results land in the Problems panel.
 */
import * as vscode from 'vscode';
import type { CheckFilesResult } from '../../shared/protocol';
import type { ServerApi } from '../serverCommands';

const BATCH = 10;

export async function checkAllBriefings(api: ServerApi): Promise<CheckFilesResult | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Checking briefings', cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'finding briefings…' });
      const uris = await api.listBriefings();
      const total: CheckFilesResult = { checked: 0, errors: 0, warnings: 0, infos: 0 };
      if (uris.length === 0) {
        void vscode.window.showInformationMessage('No briefings found in this workspace (see the briefing.files setting).');
        return total;
      }
      // Fact files are shared between batches: each is counted once.
      const factFiles = new Map<string, { errors: number; warnings: number; infos: number }>();
      for (let i = 0; i < uris.length && !token.isCancellationRequested; i += BATCH) {
        const result = await api.checkFiles(uris.slice(i, i + BATCH));
        total.checked += result.checked;
        total.errors += result.errors;
        total.warnings += result.warnings;
        total.infos += result.infos;
        for (const [uri, tally] of Object.entries(result.factFiles ?? {})) factFiles.set(uri, tally);
        progress.report({
          increment: (100 * Math.min(BATCH, uris.length - i)) / uris.length,
          message: `${total.checked} of ${uris.length}`,
        });
      }
      for (const tally of factFiles.values()) {
        total.errors += tally.errors;
        total.warnings += tally.warnings;
        total.infos += tally.infos;
      }
      total.factFiles = Object.fromEntries(factFiles);
      const inFactFiles = factFiles.size === 0 ? '' : ` (${count(factFiles.size, 'fact file')} with problems included)`;
      const summary = `Checked ${count(total.checked, 'briefing')}: ${count(total.errors, 'error')}, ${count(total.warnings, 'warning')}, ${count(total.infos, 'info finding')}${inFactFiles}.`;
      void vscode.window.showInformationMessage(summary, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
      return total;
    },
  );
}

/** "1 error", "2 errors". */
function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}
