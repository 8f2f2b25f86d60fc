/** Insert Citation…: pick a loaded source; a reference goes in at the cursor and a note that cites it. */
import * as vscode from 'vscode';
import { activeBriefingEditor, reportEdit, type ServerApi } from '../serverCommands';

export async function insertCitation(api: ServerApi, arg?: { sourceId?: string; line?: number; character?: number }): Promise<void> {
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
  // From a quick fix: at the end of the figure's sentence; from the palette: at the cursor.
  const at =
    typeof arg?.line === 'number' && typeof arg.character === 'number'
      ? new vscode.Position(arg.line, arg.character)
      : editor.selection.active;
  reportEdit(await api.insertCitation(editor.document, at, sourceId));
}
