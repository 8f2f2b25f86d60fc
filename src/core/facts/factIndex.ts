/**
 * All loaded fact files as one index: sources by id and by URL, facts by id and by
 * source, the findings of each fact file (including ids defined twice), and a word
 * search for the "find fact" command. Built once per set of files, in linear time.
 */
import { RULES } from '../codes';
import type { Finding, Span } from '../types';
import { FactSearch } from './factSearch';
import { valueSpanIn, type FactEntry, type ParsedFactFile, type SourceEntry } from './parseFactFile';

export type { FactEntry, ParsedFactFile, SourceEntry } from './parseFactFile';

/** How many facts `search` returns unless told otherwise. */
const DEFAULT_SEARCH_LIMIT = 50;

/**
 * A URL in the form SPEC compares source URLs in: without scheme, `www.`, fragment or
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
  readonly facts: FactEntry[] = [];

  private readonly byId = new Map<string, FactEntry>();
  private readonly bySource = new Map<string, FactEntry[]>();
  private readonly byUrl = new Map<string, SourceEntry>();
  private readonly findingsByFile = new Map<string, Finding[]>();
  /** Built on the first search: most sessions never search, and it is a copy of all fact text. */
  private factSearch: FactSearch | undefined;

  private constructor(files: readonly ParsedFactFile[]) {
    const lines = new LineNumbers(files);
    for (const file of files) this.findingsOf(file.path).push(...file.findings);
    // All sources first: a fact may come before its source in the file list.
    for (const file of files) for (const entry of file.sources) this.addSource(entry, file, lines);
    for (const file of files) for (const entry of file.facts) this.addFact(entry, file, lines);
    for (const findings of this.findingsByFile.values()) findings.sort((a, b) => a.span.start - b.span.start);
  }

  /** The index of `files`; earlier files win when an id is defined twice. */
  static from(files: readonly ParsedFactFile[]): FactIndex {
    return new FactIndex(files);
  }

  /** An index with no fact files (a briefing can still be checked for its notes). */
  static empty(): FactIndex {
    return new FactIndex([]);
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

  /** The source whose `url` equals `url` as SPEC compares them (see normalizeUrl). */
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
    this.factSearch ??= new FactSearch(this.facts.map(({ fact }) => ({ fact, source: this.sources.get(fact.source)?.source })));
    return this.factSearch.run(query, limit).map((i) => this.facts[i]!);
  }

  private addSource(entry: SourceEntry, file: ParsedFactFile, lines: LineNumbers): void {
    const first = this.sources.get(entry.id);
    if (first) {
      const where = whereDefined(first.file, first.span, file.path, lines);
      this.findingsOf(file.path).push(duplicate(entry.span, `Source id "${entry.id}" is already defined ${where}`));
      return;
    }
    this.sources.set(entry.id, entry);
    const url = entry.source.url && normalizeUrl(entry.source.url);
    if (url && !this.byUrl.has(url)) this.byUrl.set(url, entry);
  }

  private addFact(entry: FactEntry, file: ParsedFactFile, lines: LineNumbers): void {
    const id = entry.fact.id;
    const first = this.byId.get(id);
    if (first) {
      const span = idSpanOf(file.text, entry);
      const where = whereDefined(first.file, first.span, file.path, lines);
      this.findingsOf(file.path).push({ ...duplicate(span, `Fact id "${id}" is already defined ${where}`), factId: id });
      return;
    }
    this.facts.push(entry);
    this.byId.set(id, entry);
    const ofSource = this.bySource.get(entry.fact.source);
    if (ofSource) ofSource.push(entry);
    else this.bySource.set(entry.fact.source, [entry]);
  }

  private findingsOf(path: string): Finding[] {
    let findings = this.findingsByFile.get(path);
    if (!findings) this.findingsByFile.set(path, (findings = []));
    return findings;
  }
}

/** `{ "id": "..."` at the start of a fact, the usual layout; only a valid JSON string matches. */
const LEADING_ID = /\{\s*"id"\s*:\s*("(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[\dA-Fa-f]{4})*")/y;

/**
 * The span of a fact's id value. Usually the first member, found with a regex;
 * otherwise by parsing the fact. (A file copied to make a variant repeats every id,
 * and parsing every fact again would cost as much as parsing the whole file.)
 */
function idSpanOf(text: string, entry: FactEntry): Span {
  LEADING_ID.lastIndex = entry.span.start;
  const match = LEADING_ID.exec(text);
  if (match && JSON.parse(match[1]!) === entry.fact.id) {
    const end = match.index + match[0].length;
    return { start: end - match[1]!.length, end };
  }
  return valueSpanIn(text, entry.span, ['id']) ?? entry.span;
}

function duplicate(span: Span, message: string): Finding {
  return { code: 'facts.duplicateId', severity: RULES['facts.duplicateId'].severity, message, span };
}

/** "on line 12" in the same file, else "in a.facts.json (line 12)"; the full path only when two files share a name. */
function whereDefined(firstFile: string, firstSpan: Span, secondFile: string, lines: LineNumbers): string {
  const line = lines.lineOf(firstFile, firstSpan.start);
  if (firstFile === secondFile) return `on line ${line}`;
  const name = baseName(firstFile);
  return `in ${name === baseName(secondFile) ? firstFile : name} (line ${line})`;
}

/** 1-based line numbers of offsets in the loaded files; a file's line table is built on first use. */
class LineNumbers {
  private readonly texts = new Map<string, string>();
  private readonly lineStarts = new Map<string, number[]>();

  constructor(files: readonly ParsedFactFile[]) {
    for (const file of files) this.texts.set(file.path, file.text);
  }

  lineOf(path: string, offset: number): number {
    let starts = this.lineStarts.get(path);
    if (!starts) this.lineStarts.set(path, (starts = lineStartsOf(this.texts.get(path) ?? '')));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
