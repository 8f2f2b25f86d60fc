/**
 * Reads a BibTeX or BibLaTeX file. The fields are decoded by @retorquere/bibtex-parser
 * (the parser of Zotero's Better BibTeX): `@string` macros and `#` concatenation,
 * LaTeX accents and commands (`M{\"u}ller` → Müller), braces, `--`, month macros and
 * crossref inheritance. It reads the whole file at once (macros and crossrefs reach
 * across entries) and already skips an entry it cannot read, reporting it with the
 * entry's text but no position; bibtexScanner.ts finds where each entry is, so each
 * entry and each problem is put back at its place in the file. The parser is given
 * only the fields a source needs (bibtexSlim.ts), and of those only the values with
 * LaTeX in them (bibtexPlain.ts reads the others): that is most of its speed.
 */
import { parse, type Entry, type Options } from '@retorquere/bibtex-parser';
import { LineMap } from '../positions';
import type { Span } from '../types';
import { entryParts } from './bibtexFields';
import { NON_ENTRY_TYPES, scanBibtex, type BibChunk } from './bibtexScanner';
import type { PlainValue } from './bibtexPlain';
import { slimEntry } from './bibtexSlim';
import type { BibEntry, BibProblem, ParsedBibliography } from './types';

/** Commands the parser does not know, as text; any other unknown command is dropped (its argument stays). */
const LOGOS: Record<string, string> = {
  TeX: 'TeX',
  LaTeX: 'LaTeX',
  LaTeXe: 'LaTeX2e',
  BibTeX: 'BibTeX',
  XeTeX: 'XeTeX',
  LuaTeX: 'LuaTeX',
  hyphen: '-',
  slash: '/',
};

const OPTIONS: Options = {
  // Keep titles as the author cased them: a source's title is shown, not typeset.
  english: false,
  sentenceCase: false,
  caseProtection: false,
  unsupported: (node) => {
    const name = (node as { content?: unknown }).content;
    return typeof name === 'string' ? (LOGOS[name] ?? '') : '';
  },
  applyCrossRef: true,
};

/**
 * What a re-read of the same file can reuse: each entry the parser read, by its text as
 * the parser was given it, valid while the file's `@string`/`@preamble` text is the same.
 * A reference manager rewrites the whole file on every change; with this, only the
 * entries that changed are parsed again. Files with crossref or xdata (entries that
 * read other entries) are always parsed whole.
 */
export class BibtexCache {
  macros = '';
  entries = new Map<string, Entry>();
}

const READS_OTHER_ENTRIES = /\b(?:crossref|xdata)\s*=/i;

/** `readPlain: false` gives every field to the parser (for tests that hold bibtexPlain.ts to its readings). */
export function parseBibtex(text: string, cache?: BibtexCache, readPlain = true): ParsedBibliography {
  const lines = new LineMap(text);
  const all = scanBibtex(text);
  // Other entries inherit an entry's fields through the parser, which must then read them all.
  const readsOtherEntries = READS_OTHER_ENTRIES.test(text);
  const reuse = cache && !readsOtherEntries ? reusableEntries(cache, text, all) : undefined;
  const { slim, chunks, slimStarts, entryChunks, entryTexts, plainFields, cached } = slimText(
    text,
    all,
    reuse,
    readPlain && !readsOtherEntries,
  );
  const problems: BibProblem[] = [];
  const problem = (span: Span, message: string) => problems.push(bibProblem(lines, span, message));
  let library: ReturnType<typeof parse>;
  try {
    library = parse(slim, OPTIONS);
  } catch (error) {
    // The parser reports bad entries rather than throwing; this is a bug in it, and
    // must not cost the whole file: say so at the top and read nothing.
    problem({ start: 0, end: 0 }, `Could not read this bibliography: ${error instanceof Error ? error.message : String(error)}`);
    return { entries: [], problems };
  }
  const failed = new Set<BibChunk>();
  for (const error of library.errors) {
    const chunk = error.input ? chunkOfInput(slim, chunks, slimStarts, error.input) : undefined;
    if (chunk) failed.add(chunk);
    const span = chunk ? headerSpan(chunk) : macroSpan(text, error.error);
    problem(span, describeError(error.error, chunk));
  }
  const byKey = new Map<string, BibChunk[]>();
  for (const chunk of chunks) {
    const list = byKey.get(chunk.key);
    if (list) list.push(chunk);
    else byKey.set(chunk.key, [chunk]);
  }
  const read = new Map<BibChunk, Entry>(cached);
  for (const entry of library.entries) {
    const chunk = byKey.get(entry.key)?.shift();
    // An entry the parser gave up on comes back empty, beside its error.
    if (!chunk || failed.has(chunk) || entry.input === '') continue;
    const plain = plainFields.get(chunk);
    read.set(chunk, plain ? { ...entry, fields: { ...entry.fields, ...plain } as Entry['fields'] } : entry);
  }
  const entries: BibEntry[] = [];
  const readEntries = entryChunks.filter((chunk) => read.has(chunk)).map((chunk) => ({ chunk, entry: read.get(chunk)! }));
  const fieldsByKey = new Map(readEntries.map(({ entry }) => [entry.key, entry.fields as Record<string, unknown>]));
  for (const { chunk, entry } of readEntries) {
    if (entry.key === '') {
      problem(headerSpan(chunk), `This @${chunk.type} entry has no key, so it cannot be cited`);
      continue;
    }
    entries.push(toEntry(entry, chunk, lines, crossrefLookup(entry, fieldsByKey)));
  }
  // Entries the parser skipped without a word (it treats some damage as a comment).
  const readStarts = new Set(entries.map((entry) => entry.span.start));
  for (const chunk of entryChunks) {
    if (readStarts.has(chunk.span.start) || failed.has(chunk) || chunk.key === '') continue;
    const reason = chunk.closed ? 'it could not be read' : 'its closing brace is missing';
    problem(headerSpan(chunk), `Entry "${chunk.key}" is skipped: ${reason}`);
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  if (cache && reuse) {
    // Only this read's entries are kept: the cache never outgrows the file.
    cache.entries = new Map(readEntries.filter(({ entry }) => entry.key !== '').map(({ chunk, entry }) => [entryTexts.get(chunk)!, entry]));
  }
  return { entries, problems };
}

/** The cache's entries when the file's macros are those it was filled under; else an emptied cache. */
function reusableEntries(cache: BibtexCache, text: string, all: BibChunk[]): Map<string, Entry> {
  const macros = all
    .filter((chunk) => NON_ENTRY_TYPES.has(chunk.type))
    .map((chunk) => text.slice(chunk.span.start, chunk.span.end))
    .join('\n');
  if (macros !== cache.macros) {
    cache.macros = macros;
    cache.entries = new Map();
  }
  return cache.entries;
}

function toEntry(entry: Entry, chunk: BibChunk, lines: LineMap, inherited: (name: string) => string | undefined): BibEntry {
  const position = lines.position(chunk.keySpan.start);
  return {
    id: entry.key,
    type: entry.type.toLowerCase(),
    ...entryParts(entry.type.toLowerCase(), entry.fields, inherited),
    span: chunk.span,
    keySpan: chunk.keySpan,
    line: position.line - 1,
    character: position.column - 1,
  };
}

/**
 * A field of the entries `entry` crossrefs, nearest first (the parser applies biblatex's
 * inheritance rules, which leave out the date; pandoc and biber take it).
 */
function crossrefLookup(entry: Entry, fieldsByKey: Map<string, Record<string, unknown>>): (name: string) => string | undefined {
  return (name) => {
    const seen = new Set<string>([entry.key]);
    let parent: string | undefined = entry.fields.crossref;
    while (typeof parent === 'string' && !seen.has(parent)) {
      seen.add(parent);
      const fields = fieldsByKey.get(parent);
      if (!fields) return undefined;
      const value = fields[name];
      if (typeof value === 'string') return value;
      parent = fields.crossref as string | undefined;
    }
    return undefined;
  };
}

/**
 * The text the parser is given: `@string` and `@preamble` as they are, each entry cut
 * down to the fields a source needs (bibtexSlim.ts) or whole when it cannot be split,
 * and no comments. `slimStarts[k]` is where `chunks[k]` (the entries) starts in it.
 */
/**
 * The text given to the parser: each entry slimmed, the other chunks as they are, in
 * file order. An entry whose slimmed text is in `reuse` is left out and returned in
 * `cached`; `chunks` (with their starts in the slim text) are the entries given.
 */
function slimText(text: string, all: BibChunk[], reuse: Map<string, Entry> | undefined, readPlain: boolean) {
  const parts: string[] = [];
  const chunks: BibChunk[] = [];
  const slimStarts: number[] = [];
  const entryChunks: BibChunk[] = [];
  const entryTexts = new Map<BibChunk, string>();
  const plainFields = new Map<BibChunk, Record<string, PlainValue>>();
  const cached = new Map<BibChunk, Entry>();
  let length = 0;
  for (const chunk of all) {
    const isEntry = !NON_ENTRY_TYPES.has(chunk.type);
    const slim = isEntry ? slimEntry(text, chunk, readPlain) : undefined;
    const part = slim?.text ?? text.slice(chunk.span.start, chunk.span.end);
    if (isEntry) {
      entryChunks.push(chunk);
      entryTexts.set(chunk, slim?.key ?? part);
      const known = reuse?.get(slim?.key ?? part);
      if (known) {
        cached.set(chunk, known);
        continue;
      }
      if (slim) plainFields.set(chunk, slim.plain);
      chunks.push(chunk);
      slimStarts.push(length);
    }
    parts.push(part);
    length += part.length + 1;
  }
  return { slim: parts.join('\n'), chunks, slimStarts, entryChunks, entryTexts, plainFields, cached };
}

/** The entry whose text the parser quotes in an error (it quotes the entry from its `@`). */
function chunkOfInput(slim: string, chunks: BibChunk[], slimStarts: number[], input: string): BibChunk | undefined {
  const at = slim.indexOf(input.trimStart().slice(0, 80));
  if (at === -1) return undefined;
  let k = slimStarts.length - 1;
  while (k >= 0 && slimStarts[k]! > at) k--;
  return k >= 0 ? chunks[k] : undefined;
}

/** `@article{key`: where a problem of a whole entry is shown. */
function headerSpan(chunk: BibChunk): Span {
  return { start: chunk.span.start, end: Math.max(chunk.keySpan.end, chunk.keySpan.start) };
}

/** An unknown `@string` name: the first place it is used as a bare value. */
function macroSpan(text: string, message: string): Span {
  const name = /@string reference "([^"]+)"/.exec(message)?.[1];
  if (name !== undefined) {
    const use = new RegExp(`(?:=|#)\\s*(${escapeRegExp(name)})\\b`, 'i').exec(text);
    if (use) {
      const start = use.index + use[0].length - use[1]!.length;
      return { start, end: start + name.length };
    }
  }
  return { start: 0, end: 0 };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The parser's message, without its position (the problem is shown at the entry). */
function describeError(message: string, chunk: BibChunk | undefined): string {
  // Without what the parser found instead: that is the next entry's text, which says nothing about this one.
  const what = message
    .replace(/ at line \d+, column \d+.*$/s, '')
    .replace(/(expected "[^"]*"), found ".*$/s, '$1')
    .replace(/^Unresolved @string reference/, 'Unknown @string macro');
  if (!chunk) return what;
  const name = chunk.key === '' ? `This @${chunk.type} entry` : `Entry "${chunk.key}"`;
  return `${name} is skipped: ${what}`;
}

function bibProblem(lines: LineMap, span: Span, message: string): BibProblem {
  const position = lines.position(span.start);
  return { code: 'bibliography.invalid', message, span, line: position.line - 1, character: position.column - 1 };
}
