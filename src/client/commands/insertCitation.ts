/** Insert Citation…: pick a loaded source; a reference goes in at the cursor and a note that cites it. */
import * as vscode from 'vscode';
import { activeBriefingEditor, reportEdit, type ServerApi } from '../serverCommands';

export async function insertCitation(api: ServerApi, arg?: { sourceId?: string }): Promise<void> {
  const editor = activeBriefingEditor();
  if (!editor) return;
  let sourceId = arg?.sourceId;
  if (!sourceId) {
    const sources = await api.listSources(editor.document);
    if (sources.length === 0) {
      void vscode.window.showInformationMessage('No sources are loaded for this briefing: add a *.facts.json file.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      sources.map((s) => ({
        label: s.id,
        description: s.title,
        detail: [s.publisher, s.published, `${s.facts} ${s.facts === 1 ? 'fact' : 'facts'}`].filter(Boolean).join(' · '),
      })),
      { title: 'Insert Citation', placeHolder: 'Source to cite', matchOnDescription: true, matchOnDetail: true },
    );
    sourceId = picked?.label;
  }
  if (!sourceId) return;
  reportEdit(await api.insertCitation(editor.document, editor.selection.active, sourceId));
}
