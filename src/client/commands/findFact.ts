/**
 * Find Fact…: a picker over every loaded fact, searched by the server (a word index
 * over statement, value, source and keywords that stays fast with 100,000 facts); the
 * chosen fact's figure and a citation of its source go in at the cursor.
 */
import * as vscode from 'vscode';
import type { FactItem } from '../../shared/protocol';
import { activeBriefingEditor, reportEdit, type ServerApi } from '../serverCommands';

interface FactPick extends vscode.QuickPickItem {
  fact: FactItem;
}

/** Results per query: enough to scroll, few enough to render at once. */
const PICKER_LIMIT = 200;
const TYPING_DELAY_MS = 80;

/**
 * `factId`: insert that fact without asking. `query`: start the picker with it. `cite`: the
 * quick fix of an uncited figure, which is already written: cite the chosen fact's source
 * at that position instead of inserting its figure.
 */
export async function findFact(
  api: ServerApi,
  arg?: { factId?: string; query?: string; cite?: { line: number; character: number } },
): Promise<void> {
  const editor = activeBriefingEditor();
  if (!editor) return;
  const picked = arg?.factId !== undefined ? { id: arg.factId, source: undefined } : await pickFact(api, editor.document, arg?.query ?? '');
  if (!picked) return;
  if (arg?.cite && picked.source) {
    reportEdit(await api.insertCitation(editor.document, new vscode.Position(arg.cite.line, arg.cite.character), picked.source));
    return;
  }
  reportEdit(await api.insertFact(editor.document, editor.selection.active, picked.id));
}

function toPick(fact: FactItem): FactPick {
  return {
    label: fact.display,
    description: `${fact.source}${fact.sourceTitle ? ` — ${fact.sourceTitle}` : ''}`,
    detail: fact.supersededBy ? `Superseded by ${fact.supersededBy} — ${fact.statement}` : fact.statement,
    // The server already matched every word; VS Code's own filter would hide keyword matches.
    alwaysShow: true,
    fact,
  };
}

function pickFact(api: ServerApi, document: vscode.TextDocument, query: string): Promise<{ id: string; source: string } | undefined> {
  return new Promise((resolve) => {
    const picker = vscode.window.createQuickPick<FactPick>();
    picker.title = 'Find Fact';
    picker.placeholder = 'Search facts by statement, value, source or keyword';
    picker.matchOnDescription = true;
    picker.matchOnDetail = true;
    let timer: NodeJS.Timeout | undefined;
    let request = 0;
    const search = (query: string) => {
      const mine = ++request;
      picker.busy = true;
      api.searchFacts(document, query, PICKER_LIMIT).then(
        (facts) => {
          if (mine !== request) return; // an answer to an older query
          picker.items = facts.map(toPick);
          picker.busy = false;
          if (facts.length === 0 && query === '') picker.placeholder = 'No facts are loaded for this briefing (no *.facts.json found)';
        },
        (error: unknown) => {
          picker.busy = false;
          void vscode.window.showErrorMessage(`Find Fact failed: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    };
    picker.onDidChangeValue((value) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => search(value), TYPING_DELAY_MS);
    });
    let chosen: { id: string; source: string } | undefined;
    picker.onDidAccept(() => {
      const fact = picker.selectedItems[0]?.fact;
      chosen = fact && { id: fact.id, source: fact.source };
      picker.hide();
    });
    picker.onDidHide(() => {
      if (timer) clearTimeout(timer);
      picker.dispose();
      resolve(chosen);
    });
    picker.value = query;
    search(query);
    picker.show();
  });
}
