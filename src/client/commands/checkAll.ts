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
      for (let i = 0; i < uris.length && !token.isCancellationRequested; i += BATCH) {
        const result = await api.checkFiles(uris.slice(i, i + BATCH));
        total.checked += result.checked;
        total.errors += result.errors;
        total.warnings += result.warnings;
        total.infos += result.infos;
        progress.report({ increment: (100 * Math.min(BATCH, uris.length - i)) / uris.length, message: `${total.checked} of ${uris.length}` });
      }
      const summary = `Checked ${total.checked} ${total.checked === 1 ? 'briefing' : 'briefings'}: ${total.errors} errors, ${total.warnings} warnings.`;
      void vscode.window.showInformationMessage(summary, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
      return total;
    },
  );
}
