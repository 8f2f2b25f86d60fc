/** Renumber Notes and Convert to Footnotes: whole-document rewrites computed by the server. */
import { activeBriefingEditor, reportEdit, type ServerApi } from '../serverCommands';

export async function renumberNotes(api: ServerApi): Promise<void> {
  const editor = activeBriefingEditor();
  if (editor) reportEdit(await api.renumberNotes(editor.document));
}

export async function convertToFootnotes(api: ServerApi): Promise<void> {
  const editor = activeBriefingEditor();
  if (editor) reportEdit(await api.convertToFootnotes(editor.document));
}
