/**
 * Reads one fact file (docs/fact-files.md) from its text: the sources and facts that
 * are valid, and a `facts.invalid` finding for everything that is not.
 *
 * Valid files take the fast path: an outline scan that checks the file's structure
 * and finds each entry (jsonOutline.ts), JSON.parse of each entry on its own, and
 * validation of each (quickCheck.ts, then zod for the entries it rejects). Parsing a
 * fact at a time rather than the whole file at once keeps what loading a large file
 * throws away (duplicates, offsets) short-lived, so it does not fragment the heap.
 * Only an entry with a problem is re-parsed, with jsonc-parser, to find where in it the
 * problem is. Each source and fact is validated on its own, so one bad entry does not
 * drop the others.
 *
 * An entry that zod accepts is kept as JSON.parse made it, not as zod's copy: the
 * entry schemas have no defaults or transforms, so the two differ only in unknown keys
 * (harmless), and not copying every fact saves time and memory on large files.
 *
 * What the index and the editor need to point into the file later (each entry's line,
 * each fact's id) is worked out here, so that a caller holding many files need not keep
 * their text: the text of a large fact file is about as big as all its parsed facts.
 */
import type { BibEntry } from '../bibliography/types';
import { factsInvalidFinding } from '../rules/facts.invalid';
import type { Finding, Span } from '../types';
import { readBrokenJson } from './brokenJson';
import { checkFact, checkSource, describeValue, FACT_KEYS, formatPath, isFact, isObject, type SourceSlot } from './factEntryChecks';
import { type Member, type Outline, outlineJson } from './jsonOutline';
import { type EntryReport, idSpanIn, LineCounter, locateProblems, sourceValueSpan } from './jsonPositions';
import { KeyVocabulary } from './keyTypos';
import { withQuoteMismatches } from './quoteMismatch';
import { canonicalUnitFor, type Fact, FactFileSchema, type Source } from './schema';

export interface SourceEntry {
  id: string;
  source: Source;
  /** Path of the fact file, as given to parseFactFile. */
  file: string;
  /** The key string (quotes included) in "sources". */
  span: Span;
  /** 0-based line of `span.start` (lines end at "\n"). */
  line: number;
  /** 0-based UTF-16 column of `span.start`; the key is on one line, so it ends at `character + span.end - span.start`. */
  character: number;
  /** A bibliography entry's source (`file` is the bibliography): the entry, for hovers and completion. */
  bib?: BibEntry;
}

export interface FactEntry {
  fact: Fact;
  /** Path of the fact file, as given to parseFactFile. */
  file: string;
  /** The fact object, braces included. */
  readonly span: Span;
  /** 0-based line of `span.start` (lines end at "\n"). */
  line: number;
  /** Position in the file's "facts" array (a table: its data row, from 0). */
  index: number;
  /** In a workbook, which has no lines: the cell of the fact's id, e.g. `facts!A7` (then `line` is 0). */
  cell?: string;
  /**
   * Set when the fact's source is not defined in its own file (always, for a table):
   * where its source is written. FactIndex looks the source up among all the fact
   * files and bibliographies of the briefing, and reports it there when none has it.
   */
  sourceSpan?: Span;
}

/**
 * The FactEntry of a loaded fact: its span is kept as two numbers and made when asked
 * for, which makes 100,000 entries 4 MB smaller (the server never asks).
 */
class CompactFactEntry implements FactEntry {
  constructor(
    readonly fact: Fact,
    readonly file: string,
    private readonly start: number,
    private readonly end: number,
    readonly line: number,
    readonly index: number,
  ) {}

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}

export interface ParsedFactFile {
  path: string;
  /** The text that was parsed; nothing below needs it (see LoadedFactFile). */
  text: string;
  /** The valid sources, in file order (a source id defined twice appears twice). */
  sources: SourceEntry[];
  /** The valid facts, in file order: those whose source is a valid source of this file, and those (with `sourceSpan`) whose source is defined elsewhere. */
  facts: FactEntry[];
  /**
   * Where each fact's id string is (quotes included): offsets `start, end` of `facts[k]`
   * at `2k` and `2k + 1`. A duplicate id is reported there; see factIdSpan.
   */
  factIdSpans: Int32Array;
  /** `facts.invalid` findings, in text order (a bibliography's: `bibliography.invalid`). */
  findings: Finding[];
  /** A bibliography read as sources (see bibliographyAsFactFile), not a fact file. */
  bibliography?: boolean;
}

/** A parsed fact file without its text: all that FactIndex needs, and what the server keeps. */
export type LoadedFactFile = Omit<ParsedFactFile, 'text'>;

/** The span of the id string of `file.facts[k]`. */
export function factIdSpan(file: LoadedFactFile, k: number): Span {
  return { start: file.factIdSpans[2 * k]!, end: file.factIdSpans[2 * k + 1]! };
}

const ROOT_KEYS = new KeyVocabulary(Object.keys(FactFileSchema.shape));
/**
 * Parses and validates a fact file. `path` only labels the entries. Spans are
 * offsets into `text` (a leading BOM is allowed and keeps its offset). Never throws.
 */
export function parseFactFile(text: string, path: string): ParsedFactFile {
  // A BOM becomes a space, which JSON allows, so offsets into `text` stay valid.
  const json = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  try {
    return withQuoteMismatches({ path, text, ...parseJson(json, path) });
  } catch (error) {
    // Only pathological input gets here (nesting deep enough to overflow the stack of
    // jsonc-parser's recursive parser), or a bug; a broken fact file must not stop the checker.
    const message = `Could not read this fact file: ${error instanceof Error ? error.message : String(error)}`;
    return { path, text, sources: [], facts: [], factIdSpans: NO_ID_SPANS, findings: [factsInvalidFinding({ start: 0, end: 0 }, message)] };
  }
}

type Contents = Omit<ParsedFactFile, 'path' | 'text'>;

const NO_ID_SPANS = new Int32Array(0);

function parseJson(json: string, file: string): Contents {
  const shared = new SharedValues();
  const outline = outlineJson(json);
  const parts = outline && parseParts(json, outline, shared);
  if (parts) return readValidJson(json, outline, parts, file);
  // Not an object, or not valid JSON: JSON.parse of the whole says which, and what is wrong.
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (error) {
    return parseInvalidJson(json, file, error, shared);
  }
  if (isObject(root)) throw new Error('outlineJson rejected a valid JSON object');
  return notAnObject(json, root);
}

/** The elements of "facts", before validation: element k spans `bounds[2k]` to `bounds[2k + 1]`. */
interface FactSlots {
  bounds: Int32Array;
  values: unknown[];
}

/** The values of a valid file, each parsed on its own. */
interface Parts {
  /** The root's members; "sources" and "facts", when an object and an array, only stand for their type. */
  root: Record<string, unknown>;
  sources: SourceSlot[];
  facts: FactSlots;
}

/**
 * JSON.parse of each value the outline skipped: the root's values, each source and
 * each fact, one at a time (see jsonOutline.ts). Undefined when one is not valid JSON.
 */
function parseParts(json: string, outline: Outline, shared: SharedValues): Parts | undefined {
  const { members } = outline;
  const lastSources = lastIndexOf(members, 'sources');
  const lastFacts = lastIndexOf(members, 'facts');
  const sourcesIsObject = lastSources !== -1 && json.charCodeAt(members[lastSources]!.valueSpan.start) === 0x7b;
  const factsIsArray = lastFacts !== -1 && json.charCodeAt(members[lastFacts]!.valueSpan.start) === 0x5b;
  // No prototype, so that a "__proto__" key is a key like any other, as in JSON.parse's objects.
  const root = Object.create(null) as Record<string, unknown>;
  for (let m = 0; m < members.length; m++) {
    const { key, valueSpan } = members[m]!;
    if (m === lastSources && sourcesIsObject) root[key] = {};
    else if (m === lastFacts && factsIsArray) root[key] = [];
    else if ((root[key] = parsePart(json, valueSpan.start, valueSpan.end)) === NOT_JSON) return undefined;
  }
  const sources: SourceSlot[] = [];
  // A source id defined twice gets each definition's own value, so that FactIndex can
  // report the second as a duplicate and keep the first.
  for (const { key, keySpan, valueSpan } of sourcesIsObject ? outline.sources : []) {
    const value = parsePart(json, valueSpan.start, valueSpan.end);
    if (value === NOT_JSON) return undefined;
    sources.push({ id: key, keySpan, valueSpan, value });
  }
  const bounds = factsIsArray ? outline.facts : NO_BOUNDS;
  const values: unknown[] = [];
  for (let k = 0; k < bounds.length; k += 2) {
    const value = parsePart(json, bounds[k]!, bounds[k + 1]!);
    if (value === NOT_JSON) return undefined;
    values.push(shared.share(value));
  }
  return { root, sources, facts: { bounds, values } };
}

function lastIndexOf(members: readonly Member[], key: string): number {
  for (let m = members.length - 1; m >= 0; m--) if (members[m]!.key === key) return m;
  return -1;
}

const NOT_JSON = Symbol('not JSON');
const NO_BOUNDS = new Int32Array(0);

function parsePart(json: string, start: number, end: number): unknown {
  try {
    return JSON.parse(json.slice(start, end)) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function readValidJson(json: string, outline: Outline, parts: Parts, file: string): Contents {
  const findings = rootFindings(parts.root, outline);
  const read = readEntries(json, parts.sources, parts.facts, file);
  for (const report of read.reports) findings.push(...locateProblems(json, report));
  return {
    sources: read.sources,
    facts: read.facts,
    factIdSpans: read.factIdSpans,
    findings: findings.sort((a, b) => a.span.start - b.span.start),
  };
}

/**
 * With a syntax error, only the syntax errors are reported: schema problems of a file
 * half-way through an edit are mostly noise. The entries that are valid JSON on their
 * own, and valid facts and sources, are still loaded, so the rest of the file keeps
 * working; an entry with a syntax error in it is skipped.
 */
function parseInvalidJson(json: string, file: string, parseError: unknown, shared: SharedValues): Contents {
  const broken = readBrokenJson(json);
  const findings = broken.problems.map((p) => factsInvalidFinding(p.span, p.message));
  if (findings.length === 0) {
    // jsonc-parser is more lenient than JSON.parse in corners; never pass bad JSON silently.
    findings.push(
      factsInvalidFinding({ start: 0, end: 0 }, `Invalid JSON: ${parseError instanceof Error ? parseError.message : parseError}`),
    );
  }
  const sources = broken.sources.map(({ key, keySpan, valueSpan }) => ({
    id: key,
    keySpan,
    valueSpan,
    value: parseSlice(json, valueSpan),
  }));
  const bounds = Int32Array.from(broken.facts.flatMap((span) => [span.start, span.end]));
  const facts = { bounds, values: broken.facts.map((span) => shared.share(parseSlice(json, span))) };
  const read = readEntries(json, sources, facts, file);
  return { sources: read.sources, facts: read.facts, factIdSpans: read.factIdSpans, findings };
}

/** The value of the JSON at `span`, or undefined when it has a syntax error. */
function parseSlice(json: string, span: Span): unknown {
  try {
    return JSON.parse(json.slice(span.start, span.end)) as unknown;
  } catch {
    return undefined;
  }
}

function notAnObject(json: string, root: unknown): Contents {
  const start = json.length - json.trimStart().length;
  const span = { start, end: json.trimEnd().length };
  const message = `A fact file must be a JSON object with "sources" and "facts", not ${describeValue(root)}`;
  return { sources: [], facts: [], factIdSpans: NO_ID_SPANS, findings: [factsInvalidFinding(span, message)] };
}

/** Problems of the file's own keys; they are located through the outline, with no re-parse. */
function rootFindings(root: Record<string, unknown>, outline: Outline): Finding[] {
  const findings: Finding[] = [];
  // JSON.parse keeps the last of duplicate keys, so problems are reported on the last.
  const last = (key: string) => outline.members.filter((m) => m.key === key).pop()!;
  for (const { key, meant } of ROOT_KEYS.misspellings(root)) {
    findings.push(factsInvalidFinding(last(key).keySpan, `${formatPath([key])}: unknown key; did you mean "${meant}"?`));
  }
  const schemaRef = FactFileSchema.shape.$schema.safeParse(root.$schema);
  if (!schemaRef.success)
    findings.push(factsInvalidFinding(last('$schema').valueSpan, `$schema: expected a string, got ${describeValue(root.$schema)}`));
  if (root.sources !== undefined && !isObject(root.sources)) {
    const message = `sources: expected an object of sources by id, got ${describeValue(root.sources)}`;
    findings.push(factsInvalidFinding(last('sources').valueSpan, message));
  }
  if (root.facts !== undefined && !Array.isArray(root.facts)) {
    findings.push(factsInvalidFinding(last('facts').valueSpan, `facts: expected an array of facts, got ${describeValue(root.facts)}`));
  }
  return findings;
}

/** Validates every entry on its own: what is valid is loaded, the rest is reported. */
function readEntries(json: string, sourceSlots: SourceSlot[], factSlots: FactSlots, file: string) {
  const reports: EntryReport[] = [];
  const sources: SourceEntry[] = [];
  const sourceLines = new LineCounter(json);
  for (const slot of sourceSlots) {
    const { source, problems } = checkSource(slot);
    if (source) {
      const line = sourceLines.lineAt(slot.keySpan.start);
      sources.push({ id: slot.id, source, file, span: slot.keySpan, line, character: slot.keySpan.start - sourceLines.lineStart });
    }
    if (problems.length > 0) reports.push({ span: slot.valueSpan, ownerKey: slot.keySpan, problems });
  }
  // A fact whose source is defined but invalid is not loaded, and not reported either:
  // the source's own finding says what to fix.
  const sourceIds = new Set(sourceSlots.map((slot) => slot.id));
  const validSourceIds = new Set(sources.map((entry) => entry.id));
  const facts: FactEntry[] = [];
  const { bounds, values } = factSlots;
  const factLines = new LineCounter(json);
  let idSpans = new Int32Array(2 * values.length);
  const load = (fact: Fact, start: number, end: number, index: number) => {
    const id = idSpanIn(json, start, fact.id);
    idSpans[2 * facts.length] = id?.start ?? start;
    idSpans[2 * facts.length + 1] = id?.end ?? end;
    facts.push(new CompactFactEntry(fact, file, start, end, factLines.lineAt(start), index));
  };
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    const start = bounds[2 * index]!;
    const end = bounds[2 * index + 1]!;
    // The common case, a valid fact, allocates nothing but its entry.
    if (isUsableFact(value, sourceIds)) {
      if (validSourceIds.has(value.source)) load(value, start, end, index);
      continue;
    }
    // A source this file does not define may be another fact file's or a bibliography's:
    // FactIndex decides, from the sourceSpan it is given.
    const external = isObject(value) && typeof value.source === 'string' && !sourceIds.has(value.source);
    const { fact, problems } = checkFact(value, index, external ? undefined : sourceIds);
    if (fact && external) {
      load(fact, start, end, index);
      const loaded = facts[facts.length - 1]!;
      facts[facts.length - 1] = { fact, file, span: loaded.span, line: loaded.line, index, sourceSpan: sourceValueSpan(json, start, end) };
    } else if (fact && validSourceIds.has(fact.source)) load(fact, start, end, index);
    if (problems.length > 0) reports.push({ span: { start, end }, problems });
  }
  if (idSpans.length > 2 * facts.length) idSpans = idSpans.slice(0, 2 * facts.length);
  return { sources, facts, factIdSpans: idSpans, reports };
}

/**
 * Makes facts share equal keyword lists and quotes, which JSON.parse gives each fact a
 * copy of: facts of one topic repeat their keywords, and facts from one passage (a
 * table row with several figures) repeat its quote. A shared keyword list is frozen, so
 * that changing one fact's list cannot change another's.
 */
class SharedValues {
  /** Keyword lists seen, by their first keyword (JSON.parse makes short strings one string, so this compares pointers). */
  private readonly keywordLists = new Map<string, string[][]>();
  private readonly quotes = new Map<string, string>();

  /** `value`, a fact before validation, with its keywords and quote shared when they are a list of strings and a string. */
  share(value: unknown): unknown {
    if (!isObject(value)) return value;
    const { keywords, quote } = value;
    if (Array.isArray(keywords)) value.keywords = this.keywordList(keywords);
    if (typeof quote === 'string') {
      const known = this.quotes.get(quote);
      if (known === undefined) this.quotes.set(quote, quote);
      else value.quote = known;
    }
    return value;
  }

  private keywordList(list: unknown[]): unknown[] {
    for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return list;
    const strings = list as string[];
    const first = strings.length === 0 ? '' : strings[0]!;
    let known = this.keywordLists.get(first);
    if (!known) this.keywordLists.set(first, (known = []));
    for (const other of known) if (sameStrings(other, strings)) return other;
    // Many different lists with one first keyword: the rest stay unshared rather than slow.
    if (known.length < MAX_LISTS_PER_KEYWORD) known.push(Object.freeze(strings) as string[]);
    return strings;
  }
}

const MAX_LISTS_PER_KEYWORD = 32;

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isUsableFact(value: unknown, sourceIds: Set<string>): value is Fact {
  return isFact(value) && !FACT_KEYS.hasMisspelling(value) && canonicalUnitFor(value.unit) === undefined && sourceIds.has(value.source);
}
