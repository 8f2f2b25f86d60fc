/**
 * Finding and reading fact files on disk (docs/fact-files.md), for the CLI and the
 * language server. Everything returned is in a deterministic order, so findings and
 * "first definition wins" do not depend on the file system's listing order.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { type ParsedFactFile, parseFactSource } from '../core';

/** The names fact files are found by, in every format (docs/fact-files.md). */
export const FACT_FILE_NAME = /\.facts\.(?:json|ya?ml|csv|tsv|xlsx)$/i;

export interface DiscoveryOptions {
  /** The briefing being checked. */
  briefingPath: string;
  /** The workspace root (CLI: the current directory); the upward search stops there. */
  root: string;
  /** The `facts:` value of the briefing's front matter, when it has one. */
  frontMatterFacts?: readonly string[] | undefined;
}

/**
 * The fact files for one briefing, as absolute paths, nearest first:
 * - the front matter's `facts:` paths, relative to the briefing, when given (whether
 *   or not they exist: reading them reports the ones that do not);
 * - otherwise every `*.facts.json|yaml|yml|csv|tsv|xlsx` in the briefing's folder and each parent folder up
 *   to and including `root`; just the briefing's own folder when it is outside `root`.
 */
export function discoverFactFiles({ briefingPath, root, frontMatterFacts }: DiscoveryOptions): string[] {
  const folder = dirname(resolve(briefingPath));
  if (frontMatterFacts && frontMatterFacts.length > 0) {
    return unique(frontMatterFacts.map((path) => resolve(folder, path)));
  }
  return foldersUpTo(folder, resolve(root)).flatMap(factFilesIn);
}

/** `folder` and its parents up to and including `root`; only `folder` when it is not inside `root`. */
function foldersUpTo(folder: string, root: string): string[] {
  if (!isInside(folder, root)) return [folder];
  const folders = [folder];
  for (let current = folder; current !== root;) {
    current = dirname(current);
    folders.push(current);
  }
  return folders;
}

function isInside(path: string, root: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot === '' || (!fromRoot.startsWith('..') && !isAbsolute(fromRoot));
}

/**
 * The same upward search without blocking, for the language server: fact files in
 * `folder` and its parents up to `root`, nearest first.
 */
export async function nearbyFactFiles(folder: string, root: string): Promise<string[]> {
  const lists = await Promise.all(foldersUpTo(resolve(folder), resolve(root)).map(factFilesInAsync));
  return lists.flat();
}

/** Candidate fact files among a folder's entries, sorted by name. */
function factFileCandidates(folder: string, names: string[]): string[] {
  return names
    .filter((name) => FACT_FILE_NAME.test(name))
    .sort(compareCodeUnits)
    .map((name) => join(folder, name));
}

/** The fact files directly in `folder`, sorted by name; none when it cannot be listed. */
function factFilesIn(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return factFileCandidates(folder, names).filter(isFile);
}

async function factFilesInAsync(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const candidates = factFileCandidates(folder, names);
  const files = await Promise.all(
    candidates.map((path) =>
      stat(path).then(
        (s) => s.isFile(),
        () => false,
      ),
    ),
  );
  return candidates.filter((_, i) => files[i]);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The files that `patterns` name, as absolute paths: each glob expanded relative to
 * `cwd` (node_modules ignored, matches sorted), in pattern order, without repeats.
 * A plain path is kept even when it does not exist, so that reading it reports it
 * (`--facts typo.json` must not be silently ignored).
 */
export function expandFactGlobs(patterns: string[], cwd: string): string[] {
  const base = resolve(cwd);
  const paths = patterns.flatMap((pattern) => {
    if (!isDynamicPattern(pattern)) return [resolve(base, pattern)];
    const matches = globSync(pattern, {
      cwd: base,
      absolute: true,
      onlyFiles: true,
      expandDirectories: false,
      ignore: ['**/node_modules/**'],
    });
    return matches.map((match) => resolve(match)).sort(compareCodeUnits);
  });
  return unique(paths);
}

export interface LoadedFactFiles {
  files: ParsedFactFile[];
  /** Files that could not be read, with a one-line reason. */
  unreadable: Array<{ path: string; message: string }>;
}

/** Reads and parses fact files (a UTF-8 BOM is dropped, as editors do); a path given twice is read once. */
export function loadFactFiles(paths: string[]): LoadedFactFiles {
  const loaded: LoadedFactFiles = { files: [], unreadable: [] };
  for (const path of unique(paths)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      loaded.unreadable.push({ path, message: readErrorMessage(error) });
      continue;
    }
    // parseFactSource reads a workbook as bytes and decodes the text formats (UTF-8, BOM dropped).
    loaded.files.push(parseFactSource(path, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  }
  return loaded;
}

/** "file not found" rather than "ENOENT: no such file or directory, open '/x/y'". */
export function readErrorMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}

/** Locale-independent order, so the same files load in the same order on every machine. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
