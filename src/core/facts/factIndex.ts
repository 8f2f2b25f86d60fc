/**
 * All loaded fact files as one index: sources by id and by URL, facts by id and by
 * source, the findings of each fact file (including ids defined twice), and a word
 * search for the "find fact" command. Built once per set of files, in linear time.
 */
import type { Finding } from '../types';
import { FactSearch } from './factSearch';
import { IdTable } from './idTable';
import { closestName } from './keyTypos';
import { duplicateIdFinding } from '../rules/facts.duplicateId';
import { factsInvalidFinding } from '../rules/facts.invalid';
import { factIdSpan, type FactEntry, type LoadedFactFile, type SourceEntry } from './parseFactFile';

export type { FactEntry, LoadedFactFile, ParsedFactFile, SourceEntry } from './parseFactFile';

/** How many facts `search` returns unless told otherwise. */
const DEFAULT_SEARCH_LIMIT = 50;

/**
 * A URL in the form source URLs are compared in (docs/notes.md#how-a-note-cites-a-source): without scheme, `www.`, fragment or
 * trailing slash, with the host in lower case (paths are case-sensitive on the web).
 * `https://www.Example.org/a/#top` and `example.org/a` both give `example.org/a`.
 */
export function normalizeUrl(url: string): string {
  let rest = url.trim();
  const hash = rest.indexOf('#');
  if (hash !== -1) rest = rest.slice(0, hash);
  rest = rest.replace(/^(?:[a-z][a-z\d+.-]*:)?\/\//i, '');
  const hostEnd = rest.search(/[/?]/);
  let host = (hostEnd === -1 ? rest : rest.slice(0, hostEnd)).toLowerCase();
  if (host.startsWith('www.')) host = host.slice(4);
  const path = hostEnd === -1 ? '' : rest.slice(hostEnd).replace(/\/+$/, '');
  return host + path;
}

export class FactIndex {
  /** Sources by id; of an id defined twice, the first definition. */
  readonly sources = new Map<string, SourceEntry>();
  /** Every loaded fact, in file order; of an id defined twice, the first definition only. */
  readonly facts: FactEntry[];

  /** Facts by id, as positions in `facts`. */
  private readonly byId: IdTable<FactEntry>;
  private readonly bySource = new Map<string, FactEntry[]>();
  private readonly byUrl = new Map<string, SourceEntry>();
  private readonly findingsByFile = new Map<string, Finding[]>();
  /** Facts whose source no file of this set defines (facts.invalid), by file: they depend on the set, not on the file alone. */
  private readonly unresolvedByFile = new Map<string, Finding[]>();
  /** Built on the first search: most sessions never search, and it indexes all fact text (7 MB for 100,000 facts). */
  private factSearch: FactSearch | undefined;
  private replaced: boolean | undefined;

  /** The bibliographies among the files, by file name (for messages: "not in refs.bib or the fact files"). */
  readonly bibliographyNames: string[];

  private constructor(files: readonly LoadedFactFile[]) {
    this.bibliographyNames = [...new Set(files.filter((f) => f.bibliography).map((f) => baseName(f.path)))];
    for (const file of files) this.findingsOf(file.path).push(...file.findings);
    // All sources first: a fact may come before its source in the file list.
    for (const file of files) for (const entry of file.sources) this.addSource(entry, file);
    const facts: FactEntry[] = [];
    const byId = new IdTable(
      facts,
      idOf,
      files.reduce((sum, file) => sum + file.facts.length, 0),
    );
    for (const file of files) file.facts.forEach((entry, k) => this.addFact(entry, file, k, facts, byId));
    for (const file of files) this.checkReplacements(file, byId);
    // One file without duplicates, the usual case: its list is the list (100,000 facts, 800 kB).
    const reuse = files.length === 1 && facts.length === files[0]!.facts.length;
    this.facts = reuse ? files[0]!.facts : facts;
    this.byId = reuse ? byId.over(this.facts) : byId;
    for (const findings of this.findingsByFile.values()) findings.sort((a, b) => a.span.start - b.span.start);
  }

  /**
   * The index of `files` (their text is not needed); earlier files win when an id is
   * defined twice. Bibliographies (bibliographyAsFactFile) come after the fact files, so
   * a fact file's source wins over a bibliography entry with the same key.
   */
  static from(files: readonly LoadedFactFile[]): FactIndex {
    return new FactIndex(files);
  }

  /** An index with no fact files (a briefing can still be checked for its notes). */
  static empty(): FactIndex {
    return new FactIndex([]);
  }

  /** Whether any loaded fact is replaced by another (`supersededBy`); computed once. */
  get hasReplacedFacts(): boolean {
    return (this.replaced ??= this.facts.some((entry) => entry.fact.supersededBy !== undefined));
  }

  /** True when no source and no fact is loaded. */
  get isEmpty(): boolean {
    return this.sources.size === 0 && this.facts.length === 0;
  }

  /** The fact with this id (its first definition). */
  factById(id: string): FactEntry | undefined {
    return this.byId.get(id);
  }

  /** The facts of a source, in file order (empty for an unknown source). */
  factsOfSource(id: string): FactEntry[] {
    return this.bySource.get(id) ?? [];
  }

  /** The source whose `url` equals `url` as source URLs are compared (see normalizeUrl). */
  sourceByUrl(url: string): SourceEntry | undefined {
    return this.byUrl.get(normalizeUrl(url));
  }

  /** The findings to show in one fact file: `facts.invalid` and `facts.duplicateId`, in text order. */
  fileFindings(path: string): Finding[] {
    return [...(this.findingsByFile.get(path) ?? [])];
  }

  /**
   * Facts matching every word of `query` (case-insensitive, anywhere in the id,
   * statement, keywords, value, unit or source), best first: matches in the id, then
   * in the statement or keywords, then elsewhere, and at the start of a word before
   * inside one. Equal scores keep file order. An empty query lists the first facts.
   */
  search(query: string, limit = DEFAULT_SEARCH_LIMIT): FactEntry[] {
    this.factSearch ??= new FactSearch(
      this.facts.map((entry) => entry.fact),
      (id) => this.sources.get(id)?.source,
    );
    return this.factSearch.run(query, limit).map((i) => this.facts[i]!);
  }

  private addSource(entry: SourceEntry, file: LoadedFactFile): void {
    const first = this.sources.get(entry.id);
    if (first) {
      const where = whereDefined(first, file.path);
      this.findingsOf(file.path).push(duplicateIdFinding('Source', entry.id, where, entry.span));
      return;
    }
    this.sources.set(entry.id, entry);
    const url = entry.source.url && normalizeUrl(entry.source.url);
    if (url && !this.byUrl.has(url)) this.byUrl.set(url, entry);
    // A bibliography entry with a URL is cited by a link to its DOI as well.
    const doi = entry.bib?.doi && normalizeUrl(`https://doi.org/${entry.bib.doi}`);
    if (doi && !this.byUrl.has(doi)) this.byUrl.set(doi, entry);
  }

  /** Adds `file.facts[k]` to `facts`, unless its id is taken. */
  private addFact(entry: FactEntry, file: LoadedFactFile, k: number, facts: FactEntry[], byId: IdTable<FactEntry>): void {
    const id = entry.fact.id;
    if (entry.sourceSpan && !this.sources.has(entry.fact.source)) {
      this.unresolved(file.path, entry);
      return;
    }
    const first = byId.get(id);
    if (first) {
      const span = factIdSpan(file, k);
      const where = whereDefined(first, file.path);
      this.findingsOf(file.path).push(duplicateIdFinding('Fact', id, where, span));
      return;
    }
    byId.add(facts.push(entry) - 1);
    const ofSource = this.bySource.get(entry.fact.source);
    if (ofSource) ofSource.push(entry);
    else this.bySource.set(entry.fact.source, [entry]);
  }

  /** `supersededBy` must name a loaded fact (not the fact itself): else `facts.invalid`, at the fact's id. */
  private checkReplacements(file: LoadedFactFile, byId: IdTable<FactEntry>): void {
    file.facts.forEach((entry, k) => {
      const next = entry.fact.supersededBy;
      if (next === undefined) return;
      const problem = next === entry.fact.id ? 'names the fact itself' : byId.get(next) ? undefined : 'names no loaded fact';
      if (!problem) return;
      const message = `Fact "${entry.fact.id}": supersededBy "${next}" ${problem}; give the id of the fact that replaces it`;
      this.findingsOf(file.path).push(factsInvalidFinding(factIdSpan(file, k), message, entry.fact.id));
    });
  }

  /** A fact whose source is in no loaded fact file or bibliography: reported at its source, and not loaded. */
  private unresolved(path: string, entry: FactEntry): void {
    const { id, source } = entry.fact;
    const meant = closestName(source, this.sources.keys());
    // A workbook has no lines to point at: the cell of the fact's id names its row.
    const where = entry.cell ? `${entry.cell}: ` : '';
    const message =
      `${where}fact ${JSON.stringify(id)}: source ${JSON.stringify(source)} is not defined in this file, the other fact files or the bibliographies this briefing loads` +
      (meant === undefined ? '' : `; did you mean "${meant}"?`);
    const finding = factsInvalidFinding(entry.sourceSpan!, message, id);
    this.findingsOf(path).push(finding);
    let list = this.unresolvedByFile.get(path);
    if (!list) this.unresolvedByFile.set(path, (list = []));
    list.push(finding);
  }

  /**
   * The facts.invalid findings of `path` for facts whose source none of this set's files
   * defines: true of this set of files only (a table read alone knows no sources).
   */
  unresolvedSourceFindings(path: string): Finding[] {
    return [...(this.unresolvedByFile.get(path) ?? [])];
  }

  private findingsOf(path: string): Finding[] {
    let findings = this.findingsByFile.get(path);
    if (!findings) this.findingsByFile.set(path, (findings = []));
    return findings;
  }
}

function idOf(entry: FactEntry): string {
  return entry.fact.id;
}

/** "on line 12" in the same file, else "in a.facts.json (line 12)"; the full path only when two files share a name. */
function whereDefined(first: { file: string; line: number }, secondFile: string): string {
  const line = first.line + 1;
  if (first.file === secondFile) return `on line ${line}`;
  const name = baseName(first.file);
  return `in ${name === baseName(secondFile) ? first.file : name} (line ${line})`;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
