import type { FactEntry, FactIndex } from '../facts/factIndex';
import { insertCitationFix } from '../fixes/insertCitation';
import { replaceFigureFix } from '../fixes/replaceFigure';
import type { BriefingModel, Citation, NoteDef, ProseBlock, Sentence, Statistic, TableInfo } from '../model';
import type { NoteResolution } from '../notes/resolve';
import { ClaimTest, factsByUnit, SubjectText, type Closest, type FactsByUnit, type StatMatch } from '../stats/match';
import { quoteFigureSupporting } from '../stats/quoteFigures';
import { clauseAround, compareSubject, factSubject, figureKind, isStrong, sentenceSubject, yearsIn, type SentenceSubject } from '../stats/subjectEvidence';
import type { FixData } from '../types';
import type { RawFinding, RuleContext } from './context';

// Formatting numbers is slow, and a mismatch is reported again at every check.
const described = new WeakMap<FactEntry['fact'], string>();

/**
 * "1,190,000,000", "37.4": en-US grouping, at most six decimals. Written by hand because
 * the first toLocaleString call loads ICU data, which costs a CLI run ~70 ms.
 */
export function groupThousands(value: number): string {
  const fixed = Number(value.toFixed(6)).toString();
  if (/e/i.test(fixed)) return fixed;
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** Describes a fact's value in words: "46 percent", "USD 2,100,000,000", "3,000 troops". */
export function describeValue(fact: FactEntry['fact']): string {
  let text = described.get(fact);
  if (text === undefined) {
    const value = groupThousands(fact.value);
    text = /^[A-Z]{3}$/.test(fact.unit) ? `${fact.unit} ${value}` : `${value} ${fact.unit}`;
    described.set(fact, text);
  }
  return text;
}

interface CitedSources {
  /** Known source ids, in the order first cited, each once. Shared between sentences: never changed. */
  known: string[];
  /** Something is cited that cannot be checked: an unknown link, a note without a known source. */
  unchecked: boolean;
}

const NOTHING_CITED: CitedSources = { known: [], unchecked: false };
const NO_IDS: readonly string[] = [];

/**
 * `known` with the ids of `more` it lacks appended. Arrays are never changed, so `known`
 * itself comes back when nothing is new (and `more` when `known` is empty), which both
 * saves allocating and tells the caller whether anything was added.
 */
function withIds(known: readonly string[], more: readonly string[]): readonly string[] {
  if (known.length === 0) return more.length === 0 ? known : more;
  let merged: string[] | undefined;
  for (const id of more) {
    if (known.includes(id) || merged?.includes(id)) continue;
    (merged ??= [...known]).push(id);
  }
  return merged ?? known;
}

/**
 * What the statistics rule works out once per fact index and keeps: the unit index, the
 * source each cited URL and note definition names, and scratch space for matching.
 */
class Matching {
  readonly byUnit: FactsByUnit;
  private readonly urlSources = new Map<string, readonly string[]>();
  /** Per note definition (its objects stay the same while the notes list does not change). */
  private readonly defSources = new WeakMap<NoteDef, readonly string[]>();
  private readonly ids = new Map<string, readonly string[]>();
  /** Scratch for matching. */
  readonly closest: Closest = { facts: [], distances: [], length: 0 };
  readonly overlaps: number[] = [];

  constructor(readonly facts: FactIndex) {
    this.byUnit = factsByUnit(facts);
  }

  /** `[id]`, the same array for each id. */
  private only(id: string): readonly string[] {
    let ids = this.ids.get(id);
    if (!ids) this.ids.set(id, (ids = [id]));
    return ids;
  }

  /** The source a URL names, as `[id]`, or no ids. Normalising a URL is slow, and a document cites the same ones again and again. */
  private urlSource(url: string): readonly string[] {
    let ids = this.urlSources.get(url);
    if (!ids) {
      const source = this.facts.sourceByUrl(url);
      this.urlSources.set(url, (ids = source ? this.only(source.id) : NO_IDS));
    }
    return ids;
  }

  /** The known sources a note definition names: its `@id` keys, then its URLs' sources, each once. */
  noteSources(def: NoteDef | undefined): readonly string[] {
    if (!def) return NO_IDS;
    let ids = this.defSources.get(def);
    if (!ids) {
      ids = NO_IDS;
      for (const k of def.keys) if (this.facts.sources.has(k.id)) ids = withIds(ids, this.only(k.id));
      for (const u of def.urls) ids = withIds(ids, this.urlSource(u.url));
      this.defSources.set(def, ids);
    }
    return ids;
  }

  /** The sources the citations cite. */
  sourcesOf(citations: readonly Citation[], notes: NoteResolution): CitedSources {
    let known = NO_IDS;
    let unchecked = false;
    for (const c of citations) {
      if (c.kind === 'link') {
        const ids = this.urlSource(c.url);
        if (ids.length === 0) unchecked = true;
        else known = withIds(known, ids);
      } else if (c.kind === 'inline') {
        for (const k of c.keys) {
          if (this.facts.sources.has(k.id)) known = withIds(known, this.only(k.id));
          else if (!c.narrative) unchecked = true;
        }
      } else {
        // A note counts as unchecked unless it adds a source not cited before it.
        const before = known;
        known = withIds(known, this.noteSources(notes.defOfRef[c.ref]));
        if (known === before) unchecked = true;
      }
    }
    return { known: known as string[], unchecked };
  }
}

const matchings = new WeakMap<FactIndex, Matching>();

/**
 * Works out ahead what checking statistics against `facts` will need (the facts by unit
 * and value, their subjects' words), which the first check otherwise does. For a caller
 * with time to spare before that check (the CLI, while worker threads parse a long
 * briefing). Checks work without it.
 */
export function prepareStatistics(facts: FactIndex): void {
  matchingFor(facts).byUnit.numberAll();
}

function matchingFor(facts: FactIndex): Matching {
  let matching = matchings.get(facts);
  if (!matching) matchings.set(facts, (matching = new Matching(facts)));
  return matching;
}

type TableCell = NonNullable<ProseBlock['table']>;

interface TableRange {
  from: number;
  to: number;
}

/**
 * The sentences and citations of each row and of each column's header cell of the tables
 * that have statistics, gathered for each table on its first statistic. A cell ("40%")
 * rarely names its subject or cites its source: the row's other cells and the column's
 * header do, so they count.
 */
class TableCells {
  private readonly tables = new Map<number, TableIndex>();

  constructor(private readonly model: BriefingModel) {}

  /** The citations that count for a cell's statistics: the row's, the column header's, the caption's. */
  citationsOf(cell: TableCell, sentence: number): Citation[] {
    const table = this.table(cell.table, sentence);
    const row = table.rowCitations.get(cell.row) ?? [];
    const header = cell.row === 0 ? undefined : table.headerCitations.get(cell.column);
    const caption = this.model.tables[cell.table]!.captionCitations;
    return header || caption.length > 0 ? [...row, ...(header ?? []), ...caption] : row;
  }

  /** The sentences of the table of a cell holding the sentence at `sentence`. */
  rangeOf(cell: TableCell, sentence: number): TableRange {
    return this.table(cell.table, sentence).range;
  }

  /** The text a cell's statistics are about: the row's cells and the column's header, a line each. */
  subjectOf(cell: TableCell, sentence: number): string {
    const table = this.table(cell.table, sentence);
    const { sentences, blocks } = this.model;
    const lines: string[] = [];
    const add = (i: number) => {
      const s = sentences[i]!;
      const b = blocks[s.block]!;
      lines.push(b.masked.slice(s.span.start - b.span.start, s.span.end - b.span.start));
    };
    for (const i of table.rowSentences.get(cell.row) ?? []) add(i);
    const header = cell.row === 0 ? undefined : table.headerSentence.get(cell.column);
    if (header !== undefined) add(header);
    return lines.join('\n');
  }

  /** The table `table`, one of whose cells holds the sentence at `sentence`. */
  private table(table: number, sentence: number): TableIndex {
    let index = this.tables.get(table);
    if (index) return index;
    const { sentences, blocks } = this.model;
    const inTable = (i: number) => i >= 0 && i < sentences.length && blocks[sentences[i]!.block]!.table?.table === table;
    // A table's cells are blocks one after another, and so are their sentences.
    let from = sentence;
    while (inTable(from - 1)) from--;
    let to = sentence;
    while (inTable(to)) to++;
    index = { range: { from, to }, rowSentences: new Map(), rowCitations: new Map(), headerSentence: new Map(), headerCitations: new Map() };
    this.tables.set(table, index);
    for (let i = from; i < to; i++) {
      const s = sentences[i]!;
      const cell = blocks[s.block]!.table!;
      push(index.rowSentences, cell.row, i);
      for (const c of s.citations) push(index.rowCitations, cell.row, c);
      if (cell.row === 0) {
        index.headerSentence.set(cell.column, i);
        if (s.citations.length > 0) index.headerCitations.set(cell.column, s.citations);
      }
    }
    return index;
  }
}

/** One table's rows and header cells, by row and by column. */
interface TableIndex {
  /** The indices of the table's sentences: [from, to). */
  range: TableRange;
  rowSentences: Map<number, number[]>;
  rowCitations: Map<number, Citation[]>;
  /** The last sentence of each header cell. */
  headerSentence: Map<number, number>;
  /** The citations of each header cell's last sentence that has any. */
  headerCitations: Map<number, Citation[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type StatCode = 'stat.uncited' | 'stat.mismatch' | 'stat.unsupported';

/** What a statistic's finding says (when it is neither supported nor unchecked). */
interface FindingText {
  code: StatCode;
  message: string;
  /** The fact the finding is about: one to cite, or the contradicting one (whose value a fix writes instead). */
  fact: FactEntry | undefined;
  factId: string | undefined;
  /** The statistic as written (not masked), which the message quotes. */
  written: string;
  /** For stat.mismatch: whether the evidence that the fact is about this figure is strong enough to make its fix the preferred one. */
  preferred?: boolean;
}

/** What the outcomes of a sentence's statistics depend on besides its block's masked text. */
interface Circumstances {
  /** The sentence's place in its block. */
  start: number;
  end: number;
  /** A table cell's subject text; in prose a sentence is its own subject. */
  tableSubject: string | undefined;
  cited: boolean;
  sources: CitedSources;
}

/** What became of one statistic. */
interface StatOutcome {
  /** Where it starts in its block's masked text (which decides the statistics). */
  at: number;
  match: StatMatch;
  finding: FindingText | undefined;
}

/**
 * What became of the statistics of one sentence, with the circumstances they were found
 * in: the first statistic's outcome, then the others' (most sentences have one).
 */
interface SentenceOutcome extends Circumstances, StatOutcome {
  /** Its block's masked text. */
  masked: string;
  count: number;
  rest: StatOutcome[];
  /** The last check that used it. */
  used: number;
}

/** Whether `o` was found for these statistics of a sentence in these circumstances. */
function fits(o: SentenceOutcome, c: Circumstances, text: string, stats: readonly Statistic[], first: number, last: number, blockStart: number): boolean {
  if (o.start !== c.start || o.end !== c.end || o.cited !== c.cited || o.tableSubject !== c.tableSubject || o.count !== last - first) return false;
  if (o.sources.unchecked !== c.sources.unchecked || !sameStrings(o.sources.known, c.sources.known)) return false;
  for (let k = 0; k < o.count; k++) {
    const { at, finding } = statOf(o, k);
    if (at !== stats[first + k]!.span.start - blockStart || !writtenAsBefore(finding, text, stats[first + k]!)) return false;
  }
  return true;
}

/** Whether a statistic with a finding reads as when its message was written (masked text blanks what is not prose). */
function writtenAsBefore(finding: FindingText | undefined, text: string, stat: Statistic): boolean {
  if (!finding) return true;
  const { span } = stat;
  return finding.written.length === span.end - span.start && text.startsWith(finding.written, span.start);
}

/**
 * Whether two note definitions name the same known sources. After an edit above the notes
 * list its definitions are new objects with the same keys and URLs, which are compared
 * before the sources they name are looked up.
 */
function sameNoteSources(a: NoteDef | undefined, b: NoteDef | undefined, matching: Matching): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  if (a.keys.length === b.keys.length && a.urls.length === b.urls.length) {
    let same = true;
    for (let i = 0; same && i < a.keys.length; i++) same = a.keys[i]!.id === b.keys[i]!.id;
    for (let i = 0; same && i < a.urls.length; i++) same = a.urls[i]!.url === b.urls[i]!.url;
    if (same) return true;
  }
  return sameStrings(matching.noteSources(a), matching.noteSources(b));
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What one check found, by the indices of its model: for each sentence with statistics,
 * where they start and how many there are, its outcome, and the definitions its note
 * references resolved to; for each statistic, its match and finding. Flat arrays, in
 * document order: the next check reads them in that order for the sentences that are
 * still the same objects, without reading those objects or the outcomes.
 */
class CheckRecord {
  /** Per sentence: the index of its first statistic, or -1 for a sentence without. */
  readonly firstStat: Int32Array;
  readonly count: Int32Array;
  /** Per sentence: 1 for a table cell, which reads other cells and the caption. */
  readonly inTable: Uint8Array;
  readonly outcomes: (SentenceOutcome | undefined)[];
  /** Per sentence: where its note references are in `noteRefs` and `noteDefs`, and how many. */
  readonly notesAt: Int32Array;
  readonly notesLength: Int32Array;
  readonly noteRefs: number[] = [];
  readonly noteDefs: (NoteDef | undefined)[] = [];
  /** Per statistic. */
  readonly matches: StatMatch[] = [];
  readonly findings: (FindingText | undefined)[] = [];
  /** How many sentences were recorded. */
  recorded = 0;
  /** Per table with a cell recorded: the indices of its sentences (all a cell's circumstances read but the caption). */
  readonly tableRanges = new Map<number, TableRange>();

  constructor(
    readonly sentences: readonly Sentence[],
    readonly stats: readonly Statistic[],
    readonly tables: readonly TableInfo[],
  ) {
    this.firstStat = new Int32Array(sentences.length).fill(-1);
    this.count = new Int32Array(sentences.length);
    this.inTable = new Uint8Array(sentences.length);
    this.outcomes = new Array<SentenceOutcome | undefined>(sentences.length);
    this.notesAt = new Int32Array(sentences.length);
    this.notesLength = new Int32Array(sentences.length);
  }

  /**
   * Records the sentence at `index` (its statistics from `first` on) and what the note
   * references among `citations` (those that count for it: for a table cell, its row's,
   * its header's and the caption's) resolve to now.
   */
  sentence(index: number, first: number, count: number, outcome: SentenceOutcome, citations: readonly Citation[], notes: NoteResolution): void {
    this.place(index, first, count, outcome, this, index, false);
    for (const c of citations) {
      if (c.kind !== 'note') continue;
      this.noteRefs.push(c.ref);
      this.noteDefs.push(notes.defOfRef[c.ref]);
    }
    this.notesLength[index] = this.noteRefs.length - this.notesAt[index]!;
  }

  /** Records the sentence at `index` as the same object the record `before` has at `at`. */
  sameSentence(index: number, first: number, before: CheckRecord, at: number, notes: NoteResolution): void {
    this.place(index, first, before.count[at]!, before.outcomes[at]!, before, at, true);
    for (let q = before.notesAt[at]!, end = q + before.notesLength[at]!; q < end; q++) {
      this.noteRefs.push(before.noteRefs[q]!);
      this.noteDefs.push(notes.defOfRef[before.noteRefs[q]!]);
    }
    this.notesLength[index] = this.noteRefs.length - this.notesAt[index]!;
  }

  private place(index: number, first: number, count: number, outcome: SentenceOutcome, before: CheckRecord, at: number, reused: boolean): void {
    this.firstStat[index] = first;
    this.count[index] = count;
    this.inTable[index] = reused ? before.inTable[at]! : outcome.tableSubject === undefined ? 0 : 1;
    this.outcomes[index] = outcome;
    this.notesAt[index] = this.noteRefs.length;
    this.recorded++;
  }
}

const NO_RECORD = new CheckRecord([], [], []);

/**
 * What the statistics of sentences came to in earlier checks of the same document, so
 * that after an edit only sentences whose text, statistics or citations changed are
 * matched again, and the others' messages are not written again. Outcomes are kept by
 * their block's masked text (unchanged blocks keep the same string objects, so looking
 * them up does not hash a long string again); those not used by a check are forgotten
 * some checks later. The last check's record lets most sentences of a long document,
 * unchanged by an edit, be passed over without looking their outcomes up.
 */
export class StatisticsMemo {
  private facts: FactIndex | undefined;
  private byText = new Map<string, SentenceOutcome[]>();
  private check = 0;
  private stored = 0;
  /** The last text looked up, and its list: a block's sentences are looked up one after another. */
  private lastText: string | undefined;
  private lastList: SentenceOutcome[] | undefined;
  /** The last check's record, and this check's. */
  private before = NO_RECORD;
  private now = NO_RECORD;

  /** Starts a check of `model` against `facts`; outcomes found with other facts are dropped. */
  begin(facts: FactIndex, model: BriefingModel): void {
    if (facts !== this.facts) {
      this.facts = facts;
      this.byText = new Map();
      this.stored = 0;
      this.now = NO_RECORD;
    }
    // Sweeping every outcome at every check would cost about as much as the check;
    // outcomes are swept once at least half are stale.
    if (this.stored > 2 * this.now.recorded + 64) {
      for (const o of this.now.outcomes) if (o) o.used = this.check;
      this.sweep();
    }
    this.check++;
    this.lastText = this.lastList = undefined;
    this.before = this.now;
    this.now = new CheckRecord(model.sentences, model.stats, model.tables);
  }

  /** Keeps the outcomes the last check used. */
  private sweep(): void {
    this.stored = 0;
    for (const [text, list] of this.byText) {
      let kept = 0;
      for (const o of list) if (o.used === this.check) list[kept++] = o;
      if (kept === 0) this.byText.delete(text);
      else list.length = kept;
      this.stored += kept;
    }
  }

  /**
   * The index of the sentence of the statistic at `first`, when the last check says so:
   * the next sentence from `from` on that had statistics then, if it is the same object
   * now and the first of its statistics is this one. (Reading the statistic's own field
   * would read one more object per sentence, where most of a long document is as it was.)
   */
  sentenceOf(first: number, from: number): number | undefined {
    const { sentences, stats, firstStat } = this.before;
    for (let index = from; index < from + 16 && index < firstStat.length; index++) {
      const wasFirst = firstStat[index]!;
      if (wasFirst < 0) continue;
      return stats[wasFirst] === this.now.stats[first] && sentences[index] === this.now.sentences[index] ? index : undefined;
    }
    return undefined;
  }

  /**
   * Emits the statistics of the sentence at `index`, from `first` on, as the last check
   * found them, when nothing they depend on can have changed; returns how many, or 0.
   * It looks at the last check's sentence at the same index, then at the one as far from
   * the end (the sentences before an edit keep their index, those after it their distance
   * from the end). When that is the same object, only its note references' definitions
   * are looked at (and for a table cell, whether the table's other sentences and its
   * caption's citations are the same); when it is a new object for the same text (the
   * analysis moves what follows an edit), its place in the block, its citations and its
   * text, and table cells are matched again.
   */
  reuse(index: number, first: number, model: BriefingModel, notes: NoteResolution, matching: Matching, emit: Emit): number {
    const before = this.before;
    const sentence = model.sentences[index]!;
    const fromEnd = index + before.sentences.length - model.sentences.length;
    for (let at = index; ; at = fromEnd) {
      const was = before.sentences[at];
      const wasFirst = at >= 0 && at < before.firstStat.length ? before.firstStat[at]! : -1;
      if (wasFirst >= 0) {
        let same = false;
        if (was === sentence) {
          // A table cell also reads the caption, a paragraph of its own.
          same = before.stats[wasFirst] === model.stats[first] && (before.inTable[at] === 0 || this.sameTable(sentence, model)) && this.sameNotes(at, notes, matching);
          if (same) this.now.sameSentence(index, first, before, at, notes);
        } else if (before.inTable[at] === 0) {
          same = this.movedUnchanged(at, sentence, model, first, notes, matching);
          if (same) this.now.sentence(index, first, before.count[at]!, before.outcomes[at]!, sentence.citations, notes);
        }
        if (same) {
          const count = before.count[at]!;
          for (let k = 0; k < count; k++) emit(first + k, before.matches[wasFirst + k]!, before.findings[wasFirst + k]);
          return count;
        }
      }
      if (at === fromEnd) return 0;
    }
  }

  /**
   * Whether the table of `sentence` (a cell, the same object as in the last check) is as
   * then: its sentences the same objects at the same indices, its caption's citations the
   * same (a caption is a paragraph of its own, analysed apart).
   */
  private sameTable(sentence: Sentence, model: BriefingModel): boolean {
    const table = model.blocks[sentence.block]!.table!.table;
    const range = this.before.tableRanges.get(table);
    const was = this.before.tables[table]?.captionCitations;
    if (!range || !was || range.to > model.sentences.length) return false;
    for (let i = range.from; i < range.to; i++) if (model.sentences[i] !== this.before.sentences[i]) return false;
    // Nor has it gained a sentence at either end.
    const inTable = (i: number) => i >= 0 && i < model.sentences.length && model.blocks[model.sentences[i]!.block]!.table?.table === table;
    if (inTable(range.from - 1) || inTable(range.to)) return false;
    const now = model.tables[table]!.captionCitations;
    if (now.length !== was.length) return false;
    for (let i = 0; i < now.length; i++) if (now[i] !== was[i]) return false;
    this.now.tableRanges.set(table, range);
    return true;
  }

  /** Whether the note references of the last check's sentence at `at` resolve as then, or to definitions naming the same sources. */
  private sameNotes(at: number, notes: NoteResolution, matching: Matching): boolean {
    const { notesAt, notesLength, noteRefs, noteDefs } = this.before;
    for (let q = notesAt[at]!, end = q + notesLength[at]!; q < end; q++) {
      if (!sameNoteSources(notes.defOfRef[noteRefs[q]!], noteDefs[q], matching)) return false;
    }
    return true;
  }

  /**
   * Whether `sentence`, a new object, is the last check's sentence at `at` moved: the same
   * block text and place in it, its statistics in the same places and reading the same,
   * its citations resolving as then. (Table cells read other cells: they are not reused.)
   */
  private movedUnchanged(at: number, sentence: Sentence, model: BriefingModel, first: number, notes: NoteResolution, matching: Matching): boolean {
    const before = this.before;
    const o = before.outcomes[at]!;
    const block = model.blocks[sentence.block]!;
    if (o.tableSubject !== undefined || block.table || block.masked !== o.masked) return false;
    if (sentence.span.start - block.span.start !== o.start || sentence.span.end - block.span.start !== o.end) return false;
    // Its statistics are the o.count from `first` on (as the check groups them).
    const own = sentence.stats;
    if (own.length !== o.count || own[0] !== first || own[own.length - 1] !== first + own.length - 1) return false;
    const was = before.sentences[at]!.citations;
    const now = sentence.citations;
    if (now.length !== was.length) return false;
    let note = before.notesAt[at]!;
    for (let i = 0; i < now.length; i++) {
      const c = now[i]!;
      const b = was[i]!;
      if (c.kind === 'link') {
        if (b.kind !== 'link' || c.url !== b.url) return false;
      } else if (c.kind === 'inline') {
        if (b.kind !== 'inline' || c.keys.length !== b.keys.length || c.narrative !== b.narrative) return false;
        for (let k = 0; k < c.keys.length; k++) if (c.keys[k]!.id !== b.keys[k]!.id) return false;
      } else if (b.kind !== 'note' || !sameNoteSources(notes.defOfRef[c.ref], before.noteDefs[note++], matching)) return false;
    }
    const wasFirst = before.firstStat[at]!;
    for (let k = 0; k < o.count; k++) if (!writtenAsBefore(before.findings[wasFirst + k], model.text, model.stats[first + k]!)) return false;
    return true;
  }

  /**
   * The outcome found earlier for the statistics [first, last) of a sentence, in a block
   * whose masked text is `masked`, or undefined; `circumstances` are the sentence's.
   */
  find(masked: string, text: string, stats: readonly Statistic[], first: number, last: number, blockStart: number, circumstances: Circumstances): SentenceOutcome | undefined {
    if (masked !== this.lastText) {
      this.lastText = masked;
      this.lastList = this.byText.get(masked);
    }
    return this.lastList?.find((o) => fits(o, circumstances, text, stats, first, last, blockStart));
  }

  /** Keeps an outcome found for a sentence of the block whose masked text is `masked`. */
  add(masked: string, outcome: SentenceOutcome): void {
    let list = this.byText.get(masked);
    if (!list) this.byText.set(masked, (list = []));
    list.push(outcome);
    if (masked === this.lastText) this.lastList = list;
    this.stored++;
  }

  /** Records the sentences of a table one of whose cells was recorded. */
  recordTable(table: number, range: TableRange): void {
    this.now.tableRanges.set(table, range);
  }

  /** Records what became of the sentence at `index` in this check (after `find` or `add`). */
  record(index: number, first: number, outcome: SentenceOutcome, citations: readonly Citation[], notes: NoteResolution): void {
    this.now.sentence(index, first, outcome.count, outcome, citations, notes);
  }

  /** Records a statistic's match and finding in this check. */
  recordStat(match: StatMatch, finding: FindingText | undefined): void {
    this.now.matches.push(match);
    this.now.findings.push(finding);
  }
}

/** Whether a citation counts: an in-text `@key` only when it names a known source (else it is a handle, a name). */
function isCitation(c: Citation, facts: FactIndex): boolean {
  return c.kind !== 'inline' || c.narrative !== true || c.keys.some((k) => facts.sources.has(k.id));
}

/** Reports the match and finding of the statistic at `index`. */
type Emit = (index: number, match: StatMatch, finding: FindingText | undefined) => void;

/** stat.uncited, stat.mismatch and stat.unsupported; fills context.matches. */
export function checkStatistics(context: RuleContext, memo?: StatisticsMemo): RawFinding[] {
  const { model, notes, facts } = context;
  const { text, stats, sentences, blocks } = model;
  const findings: RawFinding[] = [];
  const matching = matchingFor(facts);
  let tables: TableCells | undefined;
  const citeFix = (stat: Statistic, fact: FactEntry, cited: readonly string[]) => (): FixData[] => {
    const fix = insertCitationFix(model, facts, { sourceId: fact.fact.source, locator: fact.fact.locator, at: { sentence: stat.sentence } });
    const instead = cited.length === 1 ? citeInsteadFix(model, notes, stat, cited[0]!, fact.fact.source) : undefined;
    const title = instead ? `Also cite ${fact.fact.source}` : fix.title;
    const also = { ...fix, title: `${title}: “${fact.fact.quote}”`, preferred: !instead };
    return instead ? [instead, also] : [also];
  };
  const emit: Emit = (index, match, finding) => {
    context.matches.push(match);
    memo?.recordStat(match, finding);
    if (!finding) return;
    const stat = stats[index]!;
    const { code, fact } = finding;
    findings.push({
      code,
      message: finding.message,
      span: stat.span,
      factId: finding.factId,
      fixes: code === 'stat.mismatch' ? () => [mismatchFix(model, stat, fact!, finding.preferred === true)] : fact ? citeFix(stat, fact, code === 'stat.unsupported' ? match.sources : NO_IDS) : undefined,
    });
  };

  memo?.begin(facts, model);
  // Statistics of one sentence follow each other and share its citations and subject.
  for (let first = 0, next = 0; first < stats.length; ) {
    const index = memo?.sentenceOf(first, next) ?? stats[first]!.sentence;
    next = index + 1;
    const reused = memo?.reuse(index, first, model, notes, matching, emit) ?? 0;
    if (reused > 0) {
      first += reused;
      continue;
    }
    const sentence = sentences[index]!;
    let last = first + 1;
    while (last < stats.length && stats[last]!.sentence === index) last++;
    const block = blocks[sentence.block]!;
    let citations = sentence.citations;
    let tableSubject: string | undefined;
    if (block.table) {
      tables ??= new TableCells(model);
      citations = tables.citationsOf(block.table, index);
      tableSubject = tables.subjectOf(block.table, index);
      memo?.recordTable(block.table.table, tables.rangeOf(block.table, index));
    }
    const cited = citations.length > 0 && citations.some((c) => isCitation(c, facts));
    const start = sentence.span.start - block.span.start;
    const end = sentence.span.end - block.span.start;
    const circumstances: Circumstances = { start, end, tableSubject, cited, sources: cited ? matching.sourcesOf(citations, notes) : NOTHING_CITED };
    let outcome = memo?.find(block.masked, text, stats, first, last, block.span.start, circumstances);
    if (!outcome) {
      outcome = sentenceOutcome(stats, first, last, text, block, circumstances, matching);
      memo?.add(block.masked, outcome);
    }
    memo?.record(index, first, outcome, citations, notes);
    for (let k = first; k < last; k++) {
      const { match, finding } = statOf(outcome, k - first);
      emit(k, match, finding);
    }
    first = last;
  }
  return findings;
}

/** Matches the statistics [first, last) of a sentence. */
function sentenceOutcome(stats: readonly Statistic[], first: number, last: number, text: string, block: ProseBlock, circumstances: Circumstances, matching: Matching): SentenceOutcome {
  const { start, end, tableSubject, cited, sources } = circumstances;
  const subject = new SubjectText(tableSubject ?? block.masked, tableSubject === undefined ? start : 0, tableSubject === undefined ? end : tableSubject.length);
  const place: FigurePlace = { masked: block.masked, blockStart: block.span.start, start, end, subjectText: tableSubject, subject: undefined };
  // A fact that supports one figure of the sentence is not what another figure of it is about.
  let accounted: Set<FactEntry> | undefined;
  if (cited && last - first > 1 && sources.known.length > 0) {
    for (let k = first; k < last; k++) {
      const fact = supportingCandidate(stats[k]!, sources, matching);
      if (fact) (accounted ??= new Set()).add(fact);
    }
  }
  const outcomes: StatOutcome[] = [];
  for (let k = first; k < last; k++) outcomes.push(statOutcome(stats[k]!, block.span.start, text, cited, sources, subject, matching, place, accounted));
  const { at, match, finding } = outcomes[0]!;
  const rest = outcomes.length > 1 ? outcomes.slice(1) : NO_MORE;
  // One shape for every outcome (written out in full: a spread would make a slow one).
  return { start, end, tableSubject, cited, sources, at, match, finding, masked: block.masked, count: outcomes.length, rest, used: 0 };
}

const NO_MORE: StatOutcome[] = [];

/** The outcome of the k-th statistic of a sentence. */
function statOf(o: SentenceOutcome, k: number): StatOutcome {
  return k === 0 ? o : o.rest[k - 1]!;
}

/** Where a statistic stands: its block's masked text and its sentence's place in it, for its clause and kind. */
interface FigurePlace {
  masked: string;
  blockStart: number;
  /** The sentence, in block offsets. */
  start: number;
  end: number;
  /** A table cell's row and header text, which its subject is read from. */
  subjectText: string | undefined;
  /** What the sentence (or table row) is about, worked out on first need. */
  subject: SentenceSubject | undefined;
}

/** Matches one statistic and writes its finding. */
function statOutcome(
  stat: Statistic,
  blockStart: number,
  text: string,
  cited: boolean,
  sources: CitedSources,
  subject: SubjectText,
  matching: Matching,
  place: FigurePlace,
  accounted: Set<FactEntry> | undefined,
): StatOutcome {
  const { status, fact, cite, anyCandidate, judged } = matchStatistic(stat, cited, sources, subject, matching, place, accounted);
  const match: StatMatch = { status, fact: status === 'uncited' ? cite : fact, sources: status === 'uncited' || (status === 'unchecked' && sources.known.length === 0) ? [] : sources.known };
  const at = stat.span.start - blockStart;
  if (status === 'supported' || status === 'unchecked') return { at, match, finding: undefined };
  const written = text.slice(stat.span.start, stat.span.end);
  // A figure may wrap across lines; messages show it on one.
  const shown = MORE_THAN_A_SPACE.test(written) ? written.replace(/\s+/g, ' ') : written;
  if (status === 'uncited') {
    const message = `${capitalise(shown)} cites no source: add a note or a link to where it comes from.`;
    return { at, match, finding: { code: 'stat.uncited', message, fact: cite, factId: cite?.fact.id, written } };
  }
  if (status === 'mismatch') {
    const f = fact!.fact;
    // The hedge is part of what the text claims: "more than 46 per cent" is not "46 per cent".
    const claimed = stat.hedge === undefined ? shown : `${stat.hedge.toLowerCase()}${/\p{L}$/u.test(stat.hedge) ? ' ' : ''}${shown}`;
    const message = `Text says ${claimed}; ${f.source} says ${describeValue(f)}${f.locator ? ` (${f.locator})` : ''} — ${f.statement}.`;
    return { at, match, finding: { code: 'stat.mismatch', message, fact, factId: f.id, written, preferred: judged.preferred } };
  }
  const named = sources.known.join(', ');
  const records = sources.known.length === 1 ? 'records' : 'record';
  let detail = '';
  if (!anyCandidate) detail = ' in this unit';
  else if (judged.ambiguous) detail = ` (${judged.ambiguous} could each be meant)`;
  else if (judged.reason) detail = ` (closest: ${judged.reason})`;
  let message = `${capitalise(shown)}: ${named} ${records} no figure for this${detail}; record it as a fact, or cite the source it comes from.`;
  if (cite) message += ` ${cite.fact.source} gives ${shown}.`;
  return { at, match, finding: { code: 'stat.unsupported', message, fact: cite, factId: cite?.fact.id, written } };
}

/**
 * "Cite X instead of Y": when the figure's sentence cites only one note, that note names
 * only the wrong source by `@Y` (no URL, no other key) and no other sentence refers to it,
 * its key is changed to `@X`. Nothing else of the note's text changes. Undefined otherwise:
 * then the citation of X is added beside Y instead ("Also cite X").
 */
function citeInsteadFix(model: BriefingModel, notes: NoteResolution, stat: Statistic, wrong: string, right: string): FixData | undefined {
  const citations = model.sentences[stat.sentence]!.citations;
  if (citations.length !== 1 || citations[0]!.kind !== 'note') return undefined;
  const def = notes.defOfRef[citations[0]!.ref];
  if (!def || def.urls.length > 0 || def.keys.length !== 1 || def.keys[0]!.id !== wrong) return undefined;
  if (notes.defOfRef.filter((d) => d === def).length !== 1) return undefined;
  return { title: `Cite ${right} instead of ${wrong}`, edits: [{ span: def.keys[0]!.span, newText: `@${right}` }], safe: false, preferred: true };
}

/** Replaces a figure with the contradicting fact's value; the title says what the fact measures, so a writer can tell whether it is the same thing. */
function mismatchFix(model: BriefingModel, stat: Statistic, fact: FactEntry, preferred: boolean): FixData {
  const fix = replaceFigureFix(model, stat, fact);
  const figure = /^Change to (.*?), as /.exec(fix.title)?.[1];
  const statement = fact.fact.statement.length > 90 ? `${fact.fact.statement.slice(0, 89)}…` : fact.fact.statement;
  return { ...fix, title: `Change to ${figure ?? describeValue(fact.fact)} — ${statement} (${fact.fact.source})`, preferred };
}

/** Whitespace that is not a single space, which `replace(/\s+/g, ' ')` would change. */
const MORE_THAN_A_SPACE = /[^\S ]|\s\s/;

/** How the candidates were judged when none supports a figure. */
interface Judgement {
  /** stat.mismatch: whether its fix is the preferred one. */
  preferred: boolean;
  /** stat.unsupported: the ids of facts that tie as the closest, when that is why no fact was chosen. */
  ambiguous: string | undefined;
  /** stat.unsupported: why the closest candidate was not taken to be about this figure. */
  reason: string | undefined;
}

const NOT_JUDGED: Judgement = { preferred: false, ambiguous: undefined, reason: undefined };

/** What the matching of one statistic found. */
interface Outcome {
  status: StatMatch['status'];
  /** The supporting or contradicting fact. */
  fact: FactEntry | undefined;
  /** For stat.uncited and stat.unsupported: the fact a citation should point to. */
  cite: FactEntry | undefined;
  /** For stat.unsupported: whether the cited sources have facts in the statistic's unit at all. */
  anyCandidate: boolean;
  judged: Judgement;
}

/** The first candidate fact of the cited sources whose value supports the statistic. */
function supportingCandidate(stat: Statistic, sources: CitedSources, matching: Matching): FactEntry | undefined {
  const { byUnit } = matching;
  const claim = new ClaimTest(stat);
  for (const list of byUnit.candidateLists(stat, sources.known)) {
    for (const fact of list) if (claim.supports(byUnit.valueOf(fact))) return byUnit.entry(fact);
  }
  return undefined;
}

/** Matches one statistic against the facts of the sources its sentence cites. */
function matchStatistic(
  stat: Statistic,
  cited: boolean,
  sources: CitedSources,
  subject: SubjectText,
  matching: Matching,
  place: FigurePlace,
  accounted: Set<FactEntry> | undefined,
): Outcome {
  if (!cited) return outcome('uncited', undefined, matching.facts.isEmpty ? undefined : factToCite(stat, NO_IDS, subject, matching), false);
  if (sources.known.length === 0) return outcome('unchecked', undefined, undefined, false);
  // The candidates: the cited sources' facts in the statistic's unit, source by source.
  const { byUnit } = matching;
  const candidates = byUnit.candidateLists(stat, sources.known);
  const claim = new ClaimTest(stat);
  let anyCandidate = false;
  for (const list of candidates) {
    for (const fact of list) if (claim.supports(byUnit.valueOf(fact))) return outcome('supported', byUnit.entry(fact), undefined, false);
    anyCandidate ||= list.length > 0;
  }
  if (!anyCandidate) return sources.unchecked ? outcome('unchecked', undefined, undefined, false) : unsupported(stat, sources, subject, matching, false, NOT_JUDGED);
  // A figure the quote of a candidate states is supported by that quote, whatever the fact records.
  for (const list of candidates) {
    for (const n of list) {
      const entry = byUnit.entry(n);
      if (quoteFigureSupporting(entry.fact, stat, stat.unit)) return outcome('supported', entry, undefined, false);
    }
  }
  const judged = judgeCandidates(stat, candidates, byUnit, place, accounted);
  if (judged.fact) return { status: 'mismatch', fact: judged.fact, cite: undefined, anyCandidate, judged: judged.judgement };
  if (sources.unchecked) return outcome('unchecked', undefined, undefined, false);
  return unsupported(stat, sources, subject, matching, anyCandidate, judged.judgement);
}

function unsupported(stat: Statistic, sources: CitedSources, subject: SubjectText, matching: Matching, anyCandidate: boolean, judged: Judgement): Outcome {
  return { status: 'unsupported', fact: undefined, cite: factToCite(stat, sources.known, subject, matching), anyCandidate, judged };
}

interface Scored {
  entry: FactEntry;
  shared: number;
  coverage: number;
  score: number;
}

/**
 * Which candidate, if any, is clearly about the same quantity as the figure, so the figure
 * may be called wrong against it: strong subject evidence (isStrong), nothing ruling it
 * out, not the fact another figure of the sentence is, and no near tie with a candidate
 * of another value.
 */
function judgeCandidates(
  stat: Statistic,
  candidates: readonly Int32Array[],
  byUnit: FactsByUnit,
  place: FigurePlace,
  accounted: Set<FactEntry> | undefined,
): { fact: FactEntry | undefined; judgement: Judgement } {
  const { masked, blockStart } = place;
  const sentence = (place.subject ??= sentenceSubject(place.subjectText ?? masked.slice(place.start, place.end)));
  const from = (stat.hedgeSpan ?? stat.span).start - blockStart;
  const to = stat.span.end - blockStart;
  const clause = clauseAround(masked.slice(place.start, place.end), from - place.start, to - place.start);
  const clauseYears = yearsIn(clause);
  const kind = figureKind(masked.slice(place.start, from), masked.slice(to, place.end));
  const strong: Scored[] = [];
  let reason: string | undefined;
  let closest = -1;
  for (const list of candidates) {
    for (const n of list) {
      const entry = byUnit.entry(n);
      if (accounted?.has(entry)) continue;
      const evidence = compareSubject(entry.fact, sentence, clauseYears, kind);
      const words = factSubject(entry.fact).words.size;
      if (isStrong(evidence, words)) {
        strong.push({ entry, shared: evidence.shared, coverage: evidence.coverage, score: evidence.shared + 2 * evidence.coverage });
      } else if (evidence.shared > closest) {
        // The reason given is the one of the candidate that came closest.
        closest = evidence.shared;
        reason = evidence.ruledOut === undefined ? `${entry.fact.id}, which shares too few words with the sentence` : `${entry.fact.id}, but ${evidence.ruledOut}`;
      }
    }
  }
  if (strong.length === 0) return { fact: undefined, judgement: { preferred: false, ambiguous: undefined, reason } };
  // The best first; on ties, the first in file order (the sort is stable).
  strong.sort((a, b) => b.score - a.score);
  const best = strong[0]!;
  const rival = strong.find((s) => s !== best && s.entry.fact.value !== best.entry.fact.value);
  if (rival && best.score - rival.score < 1) {
    return { fact: undefined, judgement: { preferred: false, ambiguous: `${best.entry.fact.id}, ${rival.entry.fact.id}`, reason: undefined } };
  }
  const clear = best.coverage >= 0.75 && (!rival || best.score - rival.score >= 2);
  return { fact: best.entry, judgement: { preferred: clear, ambiguous: undefined, reason: undefined } };
}

function outcome(status: StatMatch['status'], fact: FactEntry | undefined, cite: FactEntry | undefined, anyCandidate: boolean): Outcome {
  return { status, fact, cite, anyCandidate, judged: NOT_JUDGED };
}

/**
 * A hedged figure in a large fact file is consistent with hundreds of facts; scoring
 * them all for the subject costs more than the whole parse. The closest in value are
 * the likeliest sources, so only they are scored.
 */
const MAX_SCORED = 48;

/**
 * The fact a citation should point to: of the facts of other sources than `excluded` that
 * support the figure, the one sharing most words with its subject, of the MAX_SCORED
 * closest in value (when there are more); on ties, the closest, then the first.
 */
function factToCite(stat: Statistic, excluded: readonly string[], subject: SubjectText, matching: Matching): FactEntry | undefined {
  const { closest, byUnit } = matching;
  const count = byUnit.closestSupporting(stat, excluded, MAX_SCORED, closest);
  if (count === 0) return undefined;
  // A single supporting fact is cited whatever its subject.
  if (count === 1) return byUnit.entry(closest.facts[0]!);
  let best = -1;
  let bestOverlap = -1;
  let bestDistance = Infinity;
  const overlaps = byUnit.overlaps(closest.facts, closest.length, subject, matching.overlaps);
  for (let i = 0; i < closest.length; i++) {
    const fact = closest.facts[i]!;
    const overlap = overlaps[i]!;
    const distance = closest.distances[i]!;
    if (overlap > bestOverlap || (overlap === bestOverlap && distance < bestDistance)) {
      best = fact;
      bestOverlap = overlap;
      bestDistance = distance;
    }
  }
  // A figure that merely equals some fact on another subject is no reason to cite it.
  return bestOverlap === 0 ? undefined : byUnit.entry(best);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type { StatMatch };

/** The known sources that citations cite, worked out as for statistics (for the rules that read sources too). */
export function citedSources(facts: FactIndex, citations: readonly Citation[], notes: NoteResolution): readonly string[] {
  return matchingFor(facts).sourcesOf(citations, notes).known;
}
