/** Open Fact File: the fact files of the active briefing (or of the workspace), one picked if several. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServerApi } from '../serverCommands';

export async function openFactFile(api: ServerApi): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const document = editor?.document.languageId === 'markdown' ? editor.document : undefined;
  const files = (await api.listFactFiles(document)).map((u) => vscode.Uri.parse(u));
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No fact files (*.facts.json) found for this briefing or workspace.');
    return;
  }
  const target =
    files.length === 1
      ? files[0]
      : (
          await vscode.window.showQuickPick(
            files.map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), uri })),
            { title: 'Open Fact File', placeHolder: 'Fact file to open' },
          )
        )?.uri;
  if (target) await vscode.window.showTextDocument(target);
}
