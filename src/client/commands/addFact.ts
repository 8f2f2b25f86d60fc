/**
 * Add Fact from Selection: in any text editor the selection is the quote. The server
 * reads the figures in it (the engine's own extractor) and proposes each fact; the
 * user picks the figure, edits the statement, picks or creates the source and picks the
 * fact file; the server writes the fact as one edit. Then the figure and its citation
 * can go into the briefing open beside it.
 */
import * as vscode from 'vscode';
import { sourceIdFor } from '../../core';
import {
  ServerCommands,
  type AddFactArgs,
  type AddFactResult,
  type EditResult,
  type FactProposal,
  type NewSourceFields,
  type ProposeFactsArgs,
  type ProposeFactsResult,
  type SourceItem,
} from '../../shared/protocol';
import type { ServerApi } from '../serverCommands';

const TITLE = 'Add Fact from Selection';
/** How long the server may take to read a saved fact file before the new fact can be inserted. */
const RELOAD_ATTEMPTS = 10;
const RELOAD_DELAY_MS = 300;

/** The server's commands are VS Code commands too (vscode-languageclient registers them). */
function server<T>(command: string, args: unknown): Thenable<T | undefined> {
  return vscode.commands.executeCommand<T | undefined>(command, args);
}

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

export async function addFactFromSelection(api: ServerApi, given?: vscode.Uri | { uri?: vscode.Uri | string; range?: vscode.Range }): Promise<void> {
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
  const base: ProposeFactsArgs = { text: editor.document.getText(), selection: { start: api.position(selection.start), end: api.position(selection.end) }, briefing: briefingUri };
  const proposed = await server<ProposeFactsResult>(ServerCommands.proposeFacts, base);
  if (!proposed || proposed.proposals.length === 0) {
    void vscode.window.showInformationMessage('No figure found in the selection (a percentage, an amount of money or a count of something).');
    return;
  }

  const figure = await pickFigure(proposed.proposals);
  if (!figure) return;
  const unit = figure.proposal.unit ?? (await ask('Unit of the figure ("percent", a currency code such as USD, or what is counted)', '', (v) => (v.trim() ? undefined : 'A fact needs a unit.')));
  if (!unit) return;
  const statement = await ask('Statement: what the figure is, in a sentence', figure.proposal.statement, (v) => (v.trim() ? undefined : 'A fact needs a statement.'));
  if (!statement) return;

  const sources = (await server<SourceItem[]>(ServerCommands.listSources, { uri: briefingUri })) ?? [];
  const picked = await pickSource(sources, proposed.url);
  if (!picked) return;
  const newSource = picked === 'new' ? await createSource(sources, proposed.url) : undefined;
  if (picked === 'new' && !newSource) return;
  const sourceId = newSource?.id ?? (picked as SourceItem).id;

  const again = await server<ProposeFactsResult>(ServerCommands.proposeFacts, { ...base, sourceId });
  const id = await ask('Id of the new fact', again?.proposals[figure.index]?.id ?? `${sourceId}-fact`, (v) => (/^\S+$/.test(v) ? undefined : 'An id has no spaces.'));
  if (!id) return;

  const target = await pickTarget(briefing?.document ?? editor.document, briefingUri, picked === 'new' ? undefined : picked);
  if (!target) return;

  const args: AddFactArgs = {
    target: target.uri,
    create: target.create,
    fact: { id, statement: statement.trim(), value: figure.proposal.value, unit: unit.trim(), source: sourceId, quote: proposed.quote },
    source: newSource,
    briefing: briefingUri,
  };
  const result = await server<AddFactResult>(ServerCommands.addFact, args);
  if (!result?.applied) {
    void vscode.window.showWarningMessage(result?.message ?? 'The fact was not added.');
    return;
  }
  // YAML and CSV fact files are read from disk by the server: save so every check sees the fact.
  const factDocument = vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(target.uri).toString());
  await factDocument?.save();
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
  return vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'The selection states several figures: which one is the fact?', matchOnDetail: true });
}

function ask(prompt: string, value: string, validateInput: (value: string) => string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title: TITLE, prompt, value, ignoreFocusOut: true, validateInput });
}

const NEW = 'new' as const;

async function pickSource(sources: SourceItem[], url: string | undefined): Promise<SourceItem | typeof NEW | undefined> {
  const comparable = (u: string | undefined) => u?.replace(/^https?:\/\/(www\.)?/, '').replace(/[/#]+$/, '');
  const same = sources.filter((s) => url && comparable(s.url) === comparable(url));
  const others = sources.filter((s) => !same.includes(s));
  type Pick = vscode.QuickPickItem & { source?: SourceItem };
  const toPick = (s: SourceItem): Pick => ({ label: s.id, description: s.title, detail: [s.publisher, s.published, s.url].filter(Boolean).join(' · '), source: s });
  const items: Pick[] = [
    ...same.map(toPick),
    { label: '$(add) New source…', description: url ? `for ${url}` : 'title, publisher, URL, date' },
    ...(others.length > 0 ? [{ label: 'Sources of this briefing', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...others.map(toPick),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'Which source is the text from?', matchOnDescription: true, matchOnDetail: true });
  if (!picked) return undefined;
  return picked.source ?? NEW;
}

async function createSource(sources: SourceItem[], url: string | undefined): Promise<NewSourceFields | undefined> {
  const title = await ask('Title of the source', '', (v) => (v.trim() ? undefined : 'A source needs a title.'));
  if (!title) return undefined;
  const publisher = await ask('Publisher (optional)', '', () => undefined);
  if (publisher === undefined) return undefined;
  const link = await ask('URL (optional)', url ?? '', () => undefined);
  if (link === undefined) return undefined;
  const published = await ask('Publication date, YYYY-MM-DD (optional)', '', (v) => (v === '' || /^\d{4}(-\d{2}){0,2}$/.test(v) ? undefined : 'Write the date as YYYY-MM-DD.'));
  if (published === undefined) return undefined;
  const taken = new Set(sources.map((s) => s.id));
  const proposal = sourceIdFor({ title, publisher, published }, (id) => taken.has(id));
  const id = await ask('Id of the source, cited as @id', proposal, (v) =>
    taken.has(v) ? 'That id is taken.' : /^[\p{L}\p{N}_](?:[\p{L}\p{N}_:.\-/]*[\p{L}\p{N}_])?$/u.test(v) ? undefined : 'Use letters, digits and "_", with "-", ".", ":" or "/" between them.',
  );
  if (!id) return undefined;
  const fields: NewSourceFields = { id, title: title.trim() };
  if (publisher.trim()) fields.publisher = publisher.trim();
  if (link.trim()) fields.url = link.trim();
  if (published.trim()) fields.published = published.trim();
  return fields;
}

interface Target {
  uri: string;
  create: boolean;
  label: string;
}

/**
 * The fact file to write to. A fact in a JSON or YAML file must cite a source of that
 * file, so for a known source only its own file (and CSV tables) qualify; a new source
 * goes in a JSON or YAML file, or a new JSON file beside the briefing.
 */
async function pickTarget(beside: vscode.TextDocument, briefingUri: string | undefined, source: SourceItem | undefined): Promise<Target | undefined> {
  const files = (await server<string[]>(ServerCommands.listFactFiles, { uri: briefingUri })) ?? [];
  const usable = files.filter((file) => (/\.(csv|tsv)$/i.test(file) ? source !== undefined : /\.(json|ya?ml)$/i.test(file) && (!source || file === source.file)));
  usable.sort((a, b) => Number(b === source?.file) - Number(a === source?.file));
  type Pick = vscode.QuickPickItem & { uri?: string };
  const items: Pick[] = usable.map((uri) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)), description: uri === source?.file ? 'defines the source' : undefined, uri }));
  if (!source) items.push({ label: '$(new-file) New fact file…', description: 'a <name>.facts.json beside the briefing' });
  if (items.length === 0) {
    void vscode.window.showWarningMessage('No fact file can hold this fact: its source is defined in a file this command cannot write (a bibliography or workbook).');
    return undefined;
  }
  const picked = items.length === 1 && items[0]!.uri ? items[0] : await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'Fact file to add the fact to' });
  if (!picked) return undefined;
  if (picked.uri) return { uri: picked.uri, create: false, label: picked.label };
  const folder = vscode.Uri.joinPath(beside.uri, '..');
  const stem = beside.uri.path.split('/').pop()!.replace(/(\.brief)?\.[^.]+$/, '');
  const name = await ask('Name of the new fact file', `${stem}.facts.json`, (v) => (/^[^/\\]+\.facts\.json$/.test(v) ? undefined : 'A name ending in .facts.json, without folders.'));
  if (!name) return undefined;
  const uri = vscode.Uri.joinPath(folder, name);
  return { uri: uri.toString(), create: true, label: name };
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
  let result: EditResult | undefined;
  for (let attempt = 0; attempt < RELOAD_ATTEMPTS; attempt++) {
    result = await api.insertFact(briefing.document, briefing.selection.active, factId);
    if (result.applied || !/No loaded fact file/.test(result.message ?? '')) break;
    await new Promise((resolve) => setTimeout(resolve, RELOAD_DELAY_MS));
  }
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
