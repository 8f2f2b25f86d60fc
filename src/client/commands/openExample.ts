/**
 * Open the Example: copies the example briefings and fact files shipped in the
 * extension (examples/) into a folder the user picks, or a new temporary folder, and
 * opens the draft, so the installed extension alone can show every feature.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

const DRAFT = 'north-korea-draft.brief.md';

/** `folder`: copy there without asking (for tests and other extensions). */
export async function openExample(context: vscode.ExtensionContext, arg?: { folder?: vscode.Uri }): Promise<vscode.TextEditor | undefined> {
  const examples = vscode.Uri.joinPath(context.extensionUri, 'examples');
  const files = (await vscode.workspace.fs.readDirectory(examples)).filter(
    ([name, type]) => type === vscode.FileType.File && /\.(md|json|ya?ml|csv|bib)$/i.test(name),
  );
  if (files.length === 0) {
    void vscode.window.showErrorMessage('This installation of Briefing Check has no examples folder.');
    return undefined;
  }
  const target = arg?.folder ?? (await pickFolder());
  if (!target) return undefined;
  for (const [name] of files) {
    const destination = vscode.Uri.joinPath(target, name);
    // An example file already there (opened before) is kept: it may hold the user's edits.
    const exists = await vscode.workspace.fs.stat(destination).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(examples, name)));
    // The examples point `$schema` at the repository's dist/; the copy points at the extension's.
    const schema = vscode.Uri.joinPath(context.extensionUri, 'dist', 'facts.schema.json').toString();
    await vscode.workspace.fs.writeFile(
      destination,
      new TextEncoder().encode(text.replace('"../dist/facts.schema.json"', JSON.stringify(schema))),
    );
  }
  const draft = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(target, DRAFT));
  return vscode.window.showTextDocument(draft, { preview: false });
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: '$(folder) Choose a folder…', description: 'the example files are copied into it', choose: true },
      { label: '$(file-directory-create) A new temporary folder', description: tmpdir(), choose: false },
    ],
    { title: 'Open the Briefing Check example' },
  );
  if (!choice) return undefined;
  if (!choice.choose) return vscode.Uri.file(await mkdtemp(join(tmpdir(), 'briefing-example-')));
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Copy the example here',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}
