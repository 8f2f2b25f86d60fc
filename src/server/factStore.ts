/**
 * The fact files the server has read: parsed once and cached until they change (on
 * disk, reported by workspace/didChangeWatchedFiles, or in an editor), and the
 * FactIndex of each set of files, rebuilt only when one of its files changed. A
 * 100,000-fact file is parsed once, not on every keystroke in a briefing.
 *
 * A file's text is not kept once it is parsed: the entries know their lines, and the
 * text of a large fact file costs as much memory as all its facts.
 */
import { isAscii } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { glob } from 'tinyglobby';
import {
  bibliographyAsFactFile,
  BibtexCache,
  type FactFileStatus,
  FactIndex,
  type Finding,
  frontMatterReferences,
  isBrokenJson,
  LineMap,
  type LoadedFactFile,
  loadedFileStatus,
  missingFileStatus,
  parseBibliography,
  parseFactSource,
  readFrontMatterOf,
} from '../core';
import { factFileGlobs, type BriefingSettings } from './settings';
import { FACT_FILE_NAME, nearbyFactFiles } from '../node/factDiscovery';
import { pathToUri, uriToPath, type Workspace } from './workspace';

interface CachedFile {
  parsed: LoadedFactFile;
  /** Bumped whenever the file is re-read, so index keys change with it. */
  stamp: number;
  /** Disk mtime, or undefined when the text came from an open editor. */
  mtimeMs: number | undefined;
  editorVersion: number | undefined;
  /** Not valid JSON as a whole: only the entries that could be read were loaded. */
  partial: boolean;
  /** A bibliography's findings with their lines, for its diagnostics while it is not open (the text is not kept). */
  problemRanges?: LineRange[];
}

/** 0-based lines and UTF-16 characters, as LSP ranges are. */
export interface LineRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** The findings of a bibliography the server read, with where they are, and the read they come from. */
export interface BibliographyProblems {
  stamp: number;
  problems: { finding: Finding; range: LineRange }[];
}

/** Bibliographies by extension; a `.json`/`.yaml` is one only when a briefing or setting names it so. */
const BIBTEX_FILE = /\.(?:bib|bibtex|biblatex)$/i;
const FACT_FILE = FACT_FILE_NAME;

const IGNORE = ['**/node_modules/**', '**/.git/**'];
/** Indexes kept; each holds its files' facts, so a few is plenty. */
const MAX_INDEXES = 16;

export class FactStore {
  private readonly files = new Map<string, CachedFile>();
  private readonly reading = new Map<string, Promise<CachedFile | undefined>>();
  /** Glob results by folder and patterns; `settled` once the walk is done. */
  private readonly globs = new Map<string, { found: Promise<string[]>; settled: boolean }>();
  /** The last finished walk's files per glob key, to tell when a walk finds other files. */
  private readonly lastFound = new Map<string, string>();
  private readonly indexes = new Map<string, FactIndex>();
  /** Each bibliography's last read that gave entries, kept through a half-written file (see parseBibliography). */
  private readonly lastGood = new Map<string, LoadedFactFile>();
  /** Each .bib's parsed entries by text, so a rewrite (Zotero rewrites the whole file) parses only what changed. */
  private readonly bibtexCaches = new Map<string, BibtexCache>();
  /** Briefings whose front matter has `references:`: read as a bibliography of their inline items. */
  private readonly referencePaths = new Set<string>();
  /** Paths named as bibliographies (front matter `bibliography:`, `briefing.bibliographies`). */
  private readonly bibliographyPaths = new Set<string>();
  private stamps = 0;
  /**
   * Called when a walk finds other files than the walk before it (a rescan found a
   * fact file no watcher reported): every open briefing may cite it.
   */
  onFilesFound: () => void = () => {};
  /** Called when a briefing first names `path` as a bibliography that is no .bib (the client may not be watching it). */
  onBibliographyNamed: (path: string) => void = () => {};

  constructor(
    private readonly workspace: Workspace,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /**
   * The fact files of a briefing, in the order docs/fact-files.md gives: its front
   * matter's `facts:` paths alone, when it has them (missing ones included, which
   * `statusesFor` reports); else the `briefing.factFiles` globs, when the user set them;
   * else the fact files (`*.facts.json|yaml|yml|csv|tsv|xlsx`) in its folder and the folders above, up to its workspace folder
   * (with none: the repository root or the home folder).
   */
  async factFilesFor(briefingUri: string, text: string, settings: BriefingSettings): Promise<string[]> {
    const path = uriToPath(briefingUri);
    const read = readFrontMatterOf(text);
    const frontMatter = read.facts ?? [];
    let found: string[];
    if (path && frontMatter.length > 0) {
      found = [...new Set(frontMatter.map((rel) => resolve(dirname(path), rel)))];
    } else if (settings.factFiles.length > 0) {
      const folder = path ? this.workspace.folderOf(path) : this.workspace.all()[0];
      found = folder ? [...(await this.expandGlobs(folder, settings.factFiles))] : [];
    } else {
      found = path ? await this.nearby(dirname(path), this.workspace.rootFor(path)) : [];
    }
    // Bibliographies come after the fact files, so a fact file's source wins over an entry with its key.
    const bibliographies = await this.bibliographiesFor(path, read.bibliography, settings);
    for (const bibliography of bibliographies) this.markBibliography(bibliography);
    // Inline `references:` are read from the briefing itself, last.
    const references = path && frontMatterReferences(text, path) ? [path] : [];
    if (path && references.length > 0) this.referencePaths.add(path);
    return [...new Set([...found, ...bibliographies])].filter((f) => this.workspace.mayRead(f)).concat(references);
  }

  /** A briefing's bibliographies: its front matter's `bibliography:` (relative to it), then the `briefing.bibliographies` globs. */
  private async bibliographiesFor(path: string | undefined, frontMatter: readonly string[], settings: BriefingSettings): Promise<string[]> {
    const named = path ? frontMatter.map((rel) => resolve(dirname(path), rel)) : [];
    if (settings.bibliographies.length === 0) return named;
    const folder = path ? this.workspace.folderOf(path) : this.workspace.all()[0];
    return folder ? [...named, ...(await this.expandGlobs(folder, settings.bibliographies))] : named;
  }

  private markBibliography(path: string): void {
    if (this.bibliographyPaths.has(path) || FACT_FILE.test(path)) return;
    this.bibliographyPaths.add(path);
    if (BIBTEX_FILE.test(path)) return;
    // Read before as a fact file (opened before any briefing named it): read it again.
    this.files.delete(path);
    this.onBibliographyNamed(path);
  }

  /** A loaded bibliography's findings and where they are; undefined when it is not loaded (missing, or never read). */
  bibliographyProblems(path: string): BibliographyProblems | undefined {
    const entry = this.files.get(path);
    if (!entry || !entry.parsed.bibliography) return undefined;
    const ranges = entry.problemRanges ?? [];
    return { stamp: entry.stamp, problems: entry.parsed.findings.map((finding, k) => ({ finding, range: ranges[k]! })) };
  }

  /** Whether `path` is read as a bibliography rather than a fact file. */
  isBibliography(path: string): boolean {
    return !FACT_FILE.test(path) && (BIBTEX_FILE.test(path) || this.bibliographyPaths.has(path));
  }

  /** The fact files of a workspace folder (for the fact files' own diagnostics, and pickers with no briefing open). */
  async factFilesOfFolder(folder: string, settings: BriefingSettings): Promise<string[]> {
    return (await this.expandGlobs(folder, factFileGlobs(settings))).filter((f) => this.workspace.mayRead(f));
  }

  /**
   * The fact files and bibliographies of a workspace folder, for the pickers with no
   * briefing open: a fact's source may be only in a bibliography (a CSV of figures
   * citing Zotero keys). The bibliographies are the `briefing.bibliographies` globs, every
   * .bib, and those a briefing in the folder has named since the server started.
   */
  async sourceFilesOfFolder(folder: string, settings: BriefingSettings): Promise<string[]> {
    const factFiles = await this.factFilesOfFolder(folder, settings);
    const found = await this.expandGlobs(folder, [...settings.bibliographies, '**/*.{bib,bibtex,biblatex}']);
    const named = [...this.bibliographyPaths].filter((path) => !relative(folder, path).startsWith('..'));
    const bibliographies = [...new Set([...found, ...named])].filter((path) => !FACT_FILE.test(path) && this.workspace.mayRead(path));
    for (const path of bibliographies) this.markBibliography(path);
    // After the fact files, as for a briefing: a fact file's source wins over an entry with its key.
    return [...factFiles, ...bibliographies];
  }

  /**
   * What a briefing is told about its fact files (after `indexFor` loaded them): those
   * that could not be read, and those with problems among this set.
   */
  statusesFor(briefingPath: string | undefined, paths: readonly string[], index: FactIndex): FactFileStatus[] {
    const folder = briefingPath ? dirname(briefingPath) : undefined;
    const name = (path: string) => (folder ? relative(folder, path).split(sep).join('/') : path);
    const statuses: FactFileStatus[] = [];
    for (const path of paths) {
      // The briefing's own inline references: their problems are shown in it, not summed up.
      if (path === briefingPath) continue;
      const entry = this.files.get(path);
      const status = entry
        ? loadedFileStatus(path, name(path), entry.parsed, index, entry.partial)
        : missingFileStatus(path, name(path), this.isBibliography(path));
      if (status) statuses.push(status);
    }
    return statuses;
  }

  /** The index of a set of fact files, from cache unless one of them changed. */
  async indexFor(paths: readonly string[]): Promise<FactIndex> {
    const entries = await Promise.all(paths.map((p) => this.file(p)));
    const loaded = entries.filter((e): e is CachedFile => e !== undefined);
    const key = loaded.map((e) => `${e.parsed.path}\u0001${e.stamp}`).join('\u0000');
    let index = this.indexes.get(key);
    if (index) {
      // Most recently used last, so eviction drops the oldest.
      this.indexes.delete(key);
    } else {
      index = FactIndex.from(loaded.map((e) => e.parsed));
    }
    this.indexes.set(key, index);
    while (this.indexes.size > MAX_INDEXES) this.indexes.delete(this.indexes.keys().next().value!);
    return index;
  }

  /** A fact file changed (on disk or in an editor); `created`/`deleted` also change which files globs find. */
  changed(path: string, kind: 'changed' | 'created' | 'deleted'): void {
    // A "changed" event for a file the store never read may be a creation whose own
    // event the file watcher missed (a file written into a folder created the same
    // instant often is), so it may be a new glob match too.
    const known = this.files.has(path);
    this.files.delete(path);
    this.reading.delete(path);
    if (kind !== 'changed' || !known) this.globs.clear();
  }

  /**
   * A document was opened: walk the globs again before the next check. File watchers
   * can miss a fact file created just before (and clients without a watcher send
   * nothing), and opening a briefing is when a user expects its sources to be found.
   * Walks still running are kept, so a burst of opens (a restored window) costs one.
   */
  rescan(): void {
    for (const [key, entry] of this.globs) if (entry.settled) this.globs.delete(key);
  }

  /**
   * The fact files in a folder and the folders above it, listed anew on every check (a
   * listing is cheap). When one differs from the last listing of that folder, every
   * briefing is checked again: a fact file created without any watcher event, found by
   * one briefing's check, may belong to another briefing of that folder too.
   */
  private async nearby(folder: string, root: string): Promise<string[]> {
    const found = await nearbyFactFiles(folder, root);
    const key = `nearby\u0000${folder}\u0000${root}`;
    const before = this.lastFound.get(key);
    const now = found.join('\u0000');
    this.lastFound.set(key, now);
    if (before !== undefined && before !== now) this.onFilesFound();
    return found;
  }

  /** Settings changed: globs may mean other files now. */
  settingsChanged(): void {
    this.globs.clear();
  }

  private expandGlobs(folder: string, patterns: readonly string[]): Promise<string[]> {
    const key = `${folder}\u0000${patterns.join('\u0000')}`;
    const cached = this.globs.get(key);
    if (cached) return cached.found;
    const entry = { found: Promise.resolve<string[]>([]), settled: false };
    entry.found = glob([...patterns], { cwd: folder, absolute: true, ignore: IGNORE, dot: true })
      .then((files) => files.map((f) => resolve(f)).sort())
      .catch(() => [])
      .then((files) => {
        entry.settled = true;
        const before = this.lastFound.get(key);
        const now = files.join('\u0000');
        this.lastFound.set(key, now);
        if (before !== undefined && before !== now) this.onFilesFound();
        return files;
      });
    this.globs.set(key, entry);
    return entry.found;
  }

  private async file(path: string): Promise<CachedFile | undefined> {
    const open = this.openDocument(path);
    const cached = this.files.get(path);
    if (open) {
      // An open fact file counts as it is in the editor, unsaved edits included.
      if (cached && cached.editorVersion === open.version) return cached;
      return this.remember(path, open.getText(), undefined, open.version);
    }
    if (cached && cached.editorVersion === undefined) {
      // Even with a client that reports changes, a file is confirmed unchanged before each
      // check: some clients watch nothing, or not every folder (one stat per file).
      const mtime = await stat(path).then(
        (s) => s.mtimeMs,
        () => undefined,
      );
      if (mtime === cached.mtimeMs) return cached;
    }
    let pending = this.reading.get(path);
    if (!pending) {
      pending = this.readFromDisk(path);
      this.reading.set(path, pending);
      void pending.finally(() => this.reading.delete(path));
    }
    return pending;
  }

  /** The open editor of a fact file; compared by path, as clients spell URIs differently (`%3A`, case). */
  private openDocument(path: string): TextDocument | undefined {
    const direct = this.documents.get(pathToUri(path));
    if (direct) return direct;
    const extension = /\.[^./\\]+$/.exec(path)?.[0].toLowerCase();
    return this.documents
      .all()
      .find((d) => extension !== undefined && d.uri.toLowerCase().endsWith(extension) && uriToPath(d.uri) === path);
  }

  private async readFromDisk(path: string): Promise<CachedFile | undefined> {
    try {
      // A workbook is read as bytes; every other format as text.
      const [content, info] = await Promise.all([/\.xlsx$/i.test(path) ? readBytes(path) : readText(path), stat(path)]);
      return this.remember(path, content, info.mtimeMs, undefined);
    } catch {
      // A glob match deleted since, or a front-matter path that does not exist: nothing to load.
      this.files.delete(path);
      return undefined;
    }
  }

  private remember(path: string, content: string | Uint8Array, mtimeMs: number | undefined, editorVersion: number | undefined): CachedFile {
    const parsed = this.referencePaths.has(path)
      ? (frontMatterReferences(typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content), path) ??
        NO_REFERENCES(path))
      : this.isBibliography(path)
        ? this.parseBibliography(path, content)
        : parseWithoutText(path, content);
    // Only a JSON file with problems is parsed again to tell broken syntax from schema errors.
    const partial = typeof content === 'string' && isBrokenJson(parsed, content);
    const entry: CachedFile = { parsed, stamp: ++this.stamps, mtimeMs, editorVersion, partial };
    if (parsed.bibliography && parsed.findings.length > 0 && typeof content === 'string')
      entry.problemRanges = rangesOf(content, parsed.findings);
    this.files.set(path, entry);
    return entry;
  }

  /**
   * A bibliography's sources. A file that yields no entry at all but problems, or that
   * has problems and ends in the middle of an entry, is taken to be half-written (a
   * reference manager exporting it, an editor mid-edit): the entries of its last good
   * read that it lacks are kept, with the new problems, until it reads again.
   */
  private parseBibliography(path: string, content: string | Uint8Array): LoadedFactFile {
    const text = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
    let cache = this.bibtexCaches.get(path);
    if (!cache) this.bibtexCaches.set(path, (cache = new BibtexCache()));
    const parsed = bibliographyAsFactFile(
      path,
      parseBibliography(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, undefined, path, cache),
    );
    const before = this.lastGood.get(path);
    // An empty file is one being written: an exporter truncates it first.
    const halfWritten =
      parsed.sources.length === 0
        ? parsed.findings.length > 0 || text.trim() === ''
        : parsed.findings.length > 0 && endsMidEntry(path, text);
    if (halfWritten && before) {
      const read = new Set(parsed.sources.map((source) => source.id));
      return { ...parsed, sources: [...parsed.sources, ...before.sources.filter((source) => !read.has(source.id))] };
    }
    if (parsed.sources.length > 0) this.lastGood.set(path, parsed);
    return parsed;
  }
}

/**
 * Whether a bibliography's text stops inside an entry, as a file being written does: a
 * .bib with more `{` than `}`, a CSL-JSON file whose list is not closed. (A cut CSL-YAML
 * file reads as a shorter list: nothing tells it apart.)
 */
function endsMidEntry(path: string, text: string): boolean {
  if (/\.json$/i.test(path)) return !/\]\s*$/.test(text);
  if (!BIBTEX_FILE.test(path)) return false;
  let depth = 0;
  for (let at = text.indexOf('{'); at !== -1; at = text.indexOf('{', at + 1)) depth++;
  for (let at = text.indexOf('}'); at !== -1; at = text.indexOf('}', at + 1)) depth--;
  return depth > 0;
}

/** Where each finding is, as LSP ranges (offsets count from after a BOM, as the parsers read the text). */
function rangesOf(content: string, findings: readonly Finding[]): LineRange[] {
  const lines = new LineMap(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  return findings.map((finding) => {
    const { start, end } = lines.range(finding.span);
    return { start: { line: start.line - 1, character: start.column - 1 }, end: { line: end.line - 1, character: end.column - 1 } };
  });
}

/** A briefing whose `references:` were removed: a bibliography with no entries. */
function NO_REFERENCES(path: string): LoadedFactFile {
  return { path, sources: [], facts: [], factIdSpans: new Int32Array(0), findings: [], bibliography: true };
}

function parseWithoutText(path: string, content: string | Uint8Array): LoadedFactFile {
  const { text: _parsedText, ...parsed } = parseFactSource(path, content);
  return parsed;
}

async function readBytes(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function readText(path: string): Promise<string> {
  return decode(await readFile(path));
}

/**
 * The text of a UTF-8 file. An ASCII file, the usual fact file, is decoded as Latin-1
 * (the same characters), which Node makes a string held outside the V8 heap: it is
 * freed as soon as the parse is done with it, where a 30 MB string on the heap stays
 * until the next full collection.
 */
function decode(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
