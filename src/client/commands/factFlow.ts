/**
 * The steps Add Fact from Selection and Record as a New Fact share: asking, picking or
 * creating the source, picking the fact file, writing the fact through the server and
 * waiting for the server to read it back.
 */
import * as vscode from 'vscode';
import { sourceIdFor } from '../../core';
import {
  ServerCommands,
  type AddFactArgs,
  type AddFactResult,
  type EditResult,
  type NewSourceFields,
  type SourceItem,
} from '../../shared/protocol';

/** How long the server may take to read a saved fact file before its new fact or source can be cited. */
const RELOAD_ATTEMPTS = 10;
const RELOAD_DELAY_MS = 300;

/** The server's commands are VS Code commands too (vscode-languageclient registers them). */
export function server<T>(command: string, args: unknown): Thenable<T | undefined> {
  return vscode.commands.executeCommand<T | undefined>(command, args);
}

export function ask(
  title: string,
  prompt: string,
  value: string,
  validateInput: (value: string) => string | undefined | Thenable<string | undefined>,
): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true, validateInput });
}

export const NEW = 'new' as const;

/** A source of the briefing (those at `url` first), or NEW to create one. */
export async function pickSource(
  title: string,
  sources: SourceItem[],
  url: string | undefined,
): Promise<SourceItem | typeof NEW | undefined> {
  const comparable = (u: string | undefined) => u?.replace(/^https?:\/\/(www\.)?/, '').replace(/[/#]+$/, '');
  const same = sources.filter((s) => url && comparable(s.url) === comparable(url));
  const others = sources.filter((s) => !same.includes(s));
  type Pick = vscode.QuickPickItem & { source?: SourceItem };
  const toPick = (s: SourceItem): Pick => ({
    label: s.id,
    description: s.title,
    detail: [s.publisher, s.published, s.url].filter(Boolean).join(' · '),
    source: s,
  });
  const items: Pick[] = [
    ...same.map(toPick),
    { label: '$(add) New source…', description: url ? `for ${url}` : 'title, publisher, URL, date' },
    ...(others.length > 0 ? [{ label: 'Sources of this briefing', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...others.map(toPick),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Which source is the text from?',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  return picked.source ?? NEW;
}

export async function createSource(title: string, sources: SourceItem[], url: string | undefined): Promise<NewSourceFields | undefined> {
  const name = await ask(title, 'Title of the source', '', (v) => (v.trim() ? undefined : 'A source needs a title.'));
  if (!name) return undefined;
  const publisher = await ask(title, 'Publisher (optional)', '', () => undefined);
  if (publisher === undefined) return undefined;
  const link = await ask(title, 'URL (optional)', url ?? '', () => undefined);
  if (link === undefined) return undefined;
  const published = await ask(title, 'Publication date, YYYY-MM-DD (optional)', '', (v) =>
    v === '' || /^\d{4}(-\d{2}){0,2}$/.test(v) ? undefined : 'Write the date as YYYY-MM-DD.',
  );
  if (published === undefined) return undefined;
  const taken = new Set(sources.map((s) => s.id));
  const proposal = sourceIdFor({ title: name, publisher, published }, (id) => taken.has(id));
  const id = await ask(title, 'Id of the source, cited as @id', proposal, (v) =>
    taken.has(v)
      ? 'That id is taken.'
      : /^[\p{L}\p{N}_](?:[\p{L}\p{N}_:.\-/]*[\p{L}\p{N}_])?$/u.test(v)
        ? undefined
        : 'Use letters, digits and "_", with "-", ".", ":" or "/" between them.',
  );
  if (!id) return undefined;
  const fields: NewSourceFields = { id, title: name.trim() };
  if (publisher.trim()) fields.publisher = publisher.trim();
  if (link.trim()) fields.url = link.trim();
  if (published.trim()) fields.published = published.trim();
  return fields;
}

export interface Target {
  uri: string;
  create: boolean;
  label: string;
}

/** The fact files that can hold a fact of `source` (a new source when undefined), the source's own file first. */
export function usableFactFiles(files: string[], source: SourceItem | undefined): string[] {
  const usable = files.filter((file) =>
    /\.(csv|tsv)$/i.test(file) ? source !== undefined : /\.(json|ya?ml)$/i.test(file) && (!source || file === source.file),
  );
  return usable.sort((a, b) => Number(b === source?.file) - Number(a === source?.file));
}

/**
 * The fact file to write to. A fact in a JSON or YAML file must cite a source of that
 * file, so for a known source only its own file (and CSV tables) qualify; a new source
 * goes in a JSON or YAML file, or a new JSON file beside the briefing.
 */
export async function pickTarget(
  title: string,
  beside: vscode.TextDocument,
  briefingUri: string | undefined,
  source: SourceItem | undefined,
): Promise<Target | undefined> {
  const files = (await server<string[]>(ServerCommands.listFactFiles, { uri: briefingUri })) ?? [];
  type Pick = vscode.QuickPickItem & { uri?: string };
  const items: Pick[] = usableFactFiles(files, source).map((uri) => ({
    label: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)),
    description: uri === source?.file ? 'defines the source' : undefined,
    uri,
  }));
  if (!source) items.push({ label: '$(new-file) New fact file…', description: 'a <name>.facts.json beside the briefing' });
  if (items.length === 0) {
    void vscode.window.showWarningMessage(
      'No fact file can hold this fact: its source is defined in a file this command cannot write (a bibliography or workbook).',
    );
    return undefined;
  }
  const picked =
    items.length === 1 && items[0]!.uri
      ? items[0]
      : await vscode.window.showQuickPick(items, { title, placeHolder: 'Fact file to add the fact to' });
  if (!picked) return undefined;
  if (picked.uri) return { uri: picked.uri, create: false, label: picked.label };
  const folder = vscode.Uri.joinPath(beside.uri, '..');
  const stem = beside.uri.path
    .split('/')
    .pop()!
    .replace(/(\.brief)?\.[^.]+$/, '');
  const name = await ask(title, 'Name of the new fact file', `${stem}.facts.json`, (v) =>
    /^[^/\\]+\.facts\.json$/.test(v) ? undefined : 'A name ending in .facts.json, without folders.',
  );
  if (!name) return undefined;
  const uri = vscode.Uri.joinPath(folder, name);
  return { uri: uri.toString(), create: true, label: name };
}

/** Writes the fact through the server (one undoable edit) and saves the file: YAML and CSV fact files are read from disk. */
export async function writeFact(args: AddFactArgs): Promise<boolean> {
  const result = await server<AddFactResult>(ServerCommands.addFact, args);
  if (!result?.applied) {
    void vscode.window.showWarningMessage(result?.message ?? 'The fact was not added.');
    return false;
  }
  const factDocument = vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(args.target).toString());
  await factDocument?.save();
  return true;
}

/** Runs an edit of the briefing that needs the new fact or source, again while the server has not read the saved file yet. */
export async function onceLoaded(edit: () => Promise<EditResult>): Promise<EditResult | undefined> {
  let result: EditResult | undefined;
  for (let attempt = 0; attempt < RELOAD_ATTEMPTS; attempt++) {
    result = await edit();
    if (result.applied || !/No loaded fact file/.test(result.message ?? '')) break;
    await new Promise((resolve) => setTimeout(resolve, RELOAD_DELAY_MS));
  }
  return result;
}
