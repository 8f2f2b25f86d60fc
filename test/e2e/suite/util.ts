/**
 * Helpers for tests against the real extension through the `vscode` API. They wait on
 * events (diagnostics changed, document changed) with a deadline, never on fixed
 * sleeps: a sleep is either too short on a slow CI machine or wastes time on a fast one.
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'briefing-check.briefing-check';
export const DIAGNOSTIC_SOURCE = 'briefing';

/** The diagnostic codes (docs/rules/README.md); any other code on a `briefing` diagnostic is a bug. */
export const SPEC_CODES = [
  'note.undefined',
  'note.unused',
  'note.duplicate',
  'note.gap',
  'note.order',
  'note.noSource',
  'source.unknown',
  'stat.uncited',
  'stat.mismatch',
  'stat.unsupported',
  'facts.invalid',
  'facts.duplicateId',
  'facts.missing',
  'facts.broken',
  'stat.arithmetic',
  'quote.mismatch',
  'fact.superseded',
  'fact.stale',
  'facts.quoteMismatch',
  'bibliography.invalid',
] as const;

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert(folder, 'the test run needs the fixture workspace open as a folder');
  return folder.uri;
}

export function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/**
 * Opens a file in an editor of its own. Not as a preview: a preview tab is replaced by
 * the next file opened, and a document that closes has its diagnostics cleared, which
 * would make "no diagnostics" checks pass for the wrong reason.
 */
export async function open(file: string | vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(typeof file === 'string' ? fileUri(file) : file);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** `Diagnostic.code` is either the code string or `{ value, target }` (a docs link). */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function briefingDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

export function withCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return briefingDiagnostics(uri).filter((d) => codeOf(d) === code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.source}/${codeOf(d)}: ${d.message}`)
    .join('\n  ');
}

/**
 * Resolves with the diagnostics of `uri` once `predicate` holds for its `briefing`
 * diagnostics, checking now and after every diagnostics change of that file.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = briefingDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const target = uri.toString();
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === target)) check();
    });
    const timer = setTimeout(() => {
      finish();
      const now = briefingDiagnostics(uri);
      reject(
        new Error(
          `waited ${timeoutMs} ms for ${what} in ${vscode.workspace.asRelativePath(uri)}; diagnostics now:\n  ${describeDiagnostics(now)}`,
        ),
      );
    }, timeoutMs);
    function finish() {
      subscription.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/** Resolves once `document` has changed and `predicate` holds for its text. */
export function waitForText(
  document: vscode.TextDocument,
  predicate: (text: string) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const text = document.getText();
      if (!predicate(text)) return;
      finish();
      resolve(text);
    };
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`waited ${timeoutMs} ms for ${what}; text now:\n${document.getText()}`));
    }, timeoutMs);
    function finish() {
      subscription.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/**
 * Polls a condition that VS Code raises no event for (such as `Extension.isActive`).
 * Polling state with a deadline is not a sleep: it returns as soon as it holds.
 */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The plain text of hover contents, whatever form each part has. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => {
      if (typeof content === 'string') return content;
      return content.value; // MarkdownString or { language, value }
    })
    .join('\n');
}

/** Undoes Markdown escaping and folds whitespace, so quotes compare as plain text. */
export function plain(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~"'])/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The position of the `occurrence`-th match of `needle` in the document. */
export function positionOf(document: vscode.TextDocument, needle: string | RegExp, occurrence = 1): vscode.Position {
  const text = document.getText();
  let offset = -1;
  if (typeof needle === 'string') {
    for (let i = 0; i < occurrence; i++) {
      offset = text.indexOf(needle, offset + 1);
      if (offset < 0) break;
    }
  } else {
    const global = new RegExp(needle.source, needle.flags.includes('g') ? needle.flags : needle.flags + 'g');
    let match: RegExpExecArray | null = null;
    for (let i = 0; i < occurrence; i++) {
      match = global.exec(text);
      if (!match) break;
    }
    offset = match ? match.index : -1;
  }
  assert(offset >= 0, `${String(needle)} (occurrence ${occurrence}) not found in ${vscode.workspace.asRelativePath(document.uri)}`);
  return document.positionAt(offset);
}

/**
 * Reverts every modified document, then closes every editor, so that each test starts
 * from the same window. Reverting first matters: closing a dirty editor opens a
 * "save changes?" dialog that no test can answer, and the run would hang.
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || document.isUntitled) continue;
    // Only the workspace's files: VS Code itself may be writing the user settings.json at
    // startup, and showing it then fails ("another editor opened in the meantime").
    if (!vscode.workspace.getWorkspaceFolder(document.uri)) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Fails fast with a clear message when a command the test needs is not registered. */
export async function assertCommand(id: string): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  assert(commands.includes(id), `command ${id} is not registered`);
}

/** The example briefing: the first `*.brief.md` at the root of the workspace (the project's draft sorts first). */
export async function exampleBriefing(): Promise<vscode.Uri> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(workspaceRoot(), '*.brief.md'));
  const [first] = found.sort((a, b) => a.path.localeCompare(b.path));
  assert(first, 'the fixture workspace has no *.brief.md at its root');
  return first;
}
