/**
 * Add Fact from Selection: in any text editor the selection is the quote. The server
 * reads the figures in it (the engine's own extractor) and proposes each fact; the
 * user picks the figure, edits the statement, picks or creates the source and picks the
 * fact file; the server writes the fact as one edit. Then the figure and its citation
 * can go into the briefing open beside it.
 */
import * as vscode from 'vscode';
import {
  ServerCommands,
  type AddFactArgs,
  type FactProposal,
  type ProposeFactsArgs,
  type ProposeFactsResult,
  type SourceItem,
} from '../../shared/protocol';
import type { ServerApi } from '../serverCommands';
import { NEW, ask as askIn, createSource, onceLoaded, pickSource, pickTarget, server, writeFact } from './factFlow';

const TITLE = 'Add Fact from Selection';

const ask = (prompt: string, value: string, validateInput: (value: string) => string | undefined) =>
  askIn(TITLE, prompt, value, validateInput);

/** The briefing the fact is for: a Markdown editor beside the source text, else none (every fact file of the workspace). */
function briefingBeside(source: vscode.TextEditor): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  const candidates = vscode.window.visibleTextEditors.filter((e) => e.document.languageId === 'markdown' && e.document !== source.document);
  return candidates.find((e) => e === active) ?? candidates[0];
}

interface FigurePick extends vscode.QuickPickItem {
  proposal: FactProposal;
  index: number;
}

export async function addFactFromSelection(
  api: ServerApi,
  given?: vscode.Uri | { uri?: vscode.Uri | string; range?: vscode.Range },
): Promise<void> {
  // The editor context menu passes the document's URI; the code action, its URI and range.
  const arg = given instanceof vscode.Uri ? { uri: given } : given;
  const editor = await sourceEditor(arg);
  if (!editor) return;
  const selection = (arg && 'range' in arg ? arg.range : undefined) ?? editor.selection;
  if (selection.isEmpty) {
    void vscode.window.showInformationMessage('Select the passage of the source that states the figure; it becomes the fact’s quote.');
    return;
  }
  const briefing = briefingBeside(editor);
  const briefingUri = briefing ? api.uri(briefing.document) : undefined;
  const base: ProposeFactsArgs = {
    text: editor.document.getText(),
    selection: { start: api.position(selection.start), end: api.position(selection.end) },
    briefing: briefingUri,
  };
  const proposed = await server<ProposeFactsResult>(ServerCommands.proposeFacts, base);
  if (!proposed || proposed.proposals.length === 0) {
    void vscode.window.showInformationMessage(
      'No figure found in the selection (a percentage, an amount of money or a count of something).',
    );
    return;
  }

  const figure = await pickFigure(proposed.proposals);
  if (!figure) return;
  const unit =
    figure.proposal.unit ??
    (await ask('Unit of the figure ("percent", a currency code such as USD, or what is counted)', '', (v) =>
      v.trim() ? undefined : 'A fact needs a unit.',
    ));
  if (!unit) return;
  const statement = await ask('Statement: what the figure is, in a sentence', figure.proposal.statement, (v) =>
    v.trim() ? undefined : 'A fact needs a statement.',
  );
  if (!statement) return;

  const sources = (await server<SourceItem[]>(ServerCommands.listSources, { uri: briefingUri })) ?? [];
  const picked = await pickSource(TITLE, sources, proposed.url);
  if (!picked) return;
  const newSource = picked === NEW ? await createSource(TITLE, sources, proposed.url) : undefined;
  if (picked === NEW && !newSource) return;
  const sourceId = newSource?.id ?? (picked as SourceItem).id;

  const again = await server<ProposeFactsResult>(ServerCommands.proposeFacts, { ...base, sourceId });
  const id = await ask('Id of the new fact', again?.proposals[figure.index]?.id ?? `${sourceId}-fact`, (v) =>
    /^\S+$/.test(v) ? undefined : 'An id has no spaces.',
  );
  if (!id) return;

  const target = await pickTarget(TITLE, briefing?.document ?? editor.document, briefingUri, picked === NEW ? undefined : picked);
  if (!target) return;

  const args: AddFactArgs = {
    target: target.uri,
    create: target.create,
    fact: { id, statement: statement.trim(), value: figure.proposal.value, unit: unit.trim(), source: sourceId, quote: proposed.quote },
    source: newSource,
    briefing: briefingUri,
  };
  if (!(await writeFact(args))) return;
  await offerInsert(api, briefing, id, target.label);
}

/** The editor of the text to read: the one a code action or menu names, else the active one. */
async function sourceEditor(arg?: { uri?: vscode.Uri | string }): Promise<vscode.TextEditor | undefined> {
  if (arg?.uri) {
    const uri = typeof arg.uri === 'string' ? vscode.Uri.parse(arg.uri) : arg.uri;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (visible) return visible;
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor) void vscode.window.showWarningMessage('Open the text of a source and select the passage that states the figure.');
  return editor;
}

async function pickFigure(proposals: FactProposal[]): Promise<FigurePick | undefined> {
  const items: FigurePick[] = proposals.map((proposal, index) => ({
    label: proposal.figure,
    description: proposal.unit ? `${proposal.value} ${proposal.unit}` : `${proposal.value} (unit unclear)`,
    detail: proposal.statement,
    proposal,
    index,
  }));
  if (items.length === 1) return items[0];
  return vscode.window.showQuickPick(items, {
    title: TITLE,
    placeHolder: 'The selection states several figures: which one is the fact?',
    matchOnDetail: true,
  });
}

/** Offers to put the figure and a citation at the cursor of the briefing beside; the server may need a moment to read the saved file. */
async function offerInsert(api: ServerApi, briefing: vscode.TextEditor | undefined, factId: string, file: string): Promise<void> {
  if (!briefing) {
    void vscode.window.showInformationMessage(`Added ${factId} to ${file}.`);
    return;
  }
  const name = briefing.document.uri.path.split('/').pop();
  const choice = await vscode.window.showInformationMessage(`Added ${factId} to ${file}.`, `Insert into ${name}`);
  if (!choice) return;
  const result = await onceLoaded(() => api.insertFact(briefing.document, briefing.selection.active, factId));
  if (result && !result.applied && result.message) void vscode.window.showWarningMessage(result.message);
}

/** A code action on any non-empty selection that holds a digit: the start of the flow. */
export class AddFactCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.Refactor.append('briefing.addFact')];

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    if (range.isEmpty || !/\d/.test(document.getText(range))) return [];
    const action = new vscode.CodeAction('Add fact from selection…', AddFactCodeActions.kinds[0]);
    action.command = { command: 'briefing.addFact', title: 'Add fact from selection…', arguments: [{ uri: document.uri, range }] };
    return [action];
  }
}
