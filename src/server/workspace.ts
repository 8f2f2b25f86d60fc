/**
 * The workspace folders the server serves, and the one question every feature asks of
 * them: which folder holds this file. Also whether the workspace is trusted (VS Code's
 * Restricted Mode), which decides if fact files outside the folders may be read.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import type { WorkspaceFolder } from 'vscode-languageserver';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A file URI as VS Code writes it (lower-case drive letter, `%3A`), so URIs we make compare equal to the client's. */
export function pathToUri(path: string): string {
  const href = pathToFileURL(path).href;
  return href.replace(/^file:\/\/\/([A-Z]):/, (_, drive: string) => `file:///${drive.toLowerCase()}%3A`);
}

export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export class Workspace {
  private folders: string[] = [];
  /** Restricted Mode: checks still run, but no fact file outside the folders is read. */
  trusted = true;

  setFolders(folders: readonly WorkspaceFolder[] | null | undefined, rootUri?: string | null): void {
    const paths = (folders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
    if (paths.length === 0 && rootUri) {
      const root = uriToPath(rootUri);
      if (root) paths.push(root);
    }
    // Longest first, so the innermost folder of nested folders wins.
    this.folders = paths.sort((a, b) => b.length - a.length);
  }

  addFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => uriToPath(f.uri)));
    const kept = this.folders.filter((f) => !gone.has(f));
    this.setFolders([...kept.map((p) => ({ uri: pathToUri(p), name: p })), ...added]);
  }

  all(): readonly string[] {
    return this.folders;
  }

  /** The folder holding `path`, if any. */
  folderOf(path: string): string | undefined {
    return this.folders.find((f) => isInside(path, f));
  }

  /**
   * Where the upward search for a file's fact files stops: its workspace folder; with
   * none (an editor opened on a single file), the repository root above it (a folder
   * with `.git`) or else the home folder, as the CLI searches up to where it runs.
   */
  rootFor(path: string): string {
    return this.folderOf(path) ?? searchRootAbove(dirname(path));
  }

  /** Whether a fact file may be read: always when trusted, else only inside a workspace folder. */
  mayRead(path: string): boolean {
    return this.trusted || this.folderOf(path) !== undefined;
  }

  /** `path` relative to its folder with `/` separators, for glob matching. */
  relativeToFolder(path: string): string | undefined {
    const folder = this.folderOf(path);
    return folder === undefined ? undefined : relative(folder, path).split(sep).join('/');
  }
}

const searchRoots = new Map<string, string>();

/** The nearest folder at or above `folder` holding `.git`; else the home folder when above it; else `folder` itself. */
function searchRootAbove(folder: string): string {
  let root = searchRoots.get(folder);
  if (root !== undefined) return root;
  const home = homedir();
  root = isInside(folder, home) ? home : folder;
  for (let current = folder; ; current = dirname(current)) {
    if (existsSync(`${current}${sep}.git`)) {
      root = current;
      break;
    }
    if (current === home || dirname(current) === current) break;
  }
  searchRoots.set(folder, root);
  return root;
}
