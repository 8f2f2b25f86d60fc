import type { FactEntry, FactIndex } from '../facts/factIndex';
import { insertCitationFix } from '../fixes/insertCitation';
import { replaceFigureFix } from '../fixes/replaceFigure';
import type { BriefingModel, Citation, NoteDef, ProseBlock, Sentence, Statistic } from '../model';
import type { NoteResolution } from '../notes/resolve';
import { ClaimTest, factsByUnit, SubjectText, type Closest, type FactsByUnit, type StatMatch } from '../stats/match';
import type { FixData } from '../types';
import type { RawFinding, RuleContext } from './context';

// Formatting numbers is slow, and a mismatch is reported again at every check.
const described = new WeakMap<FactEntry['fact'], string>();

/** Describes a fact's value in words: "46 percent", "USD 2,100,000,000", "3,000 troops". */
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
          else unchecked = true;
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
 * with time to spare before that check: the CLI while worker threads parse a long
 * briefing, the language server after loading fact files. Checks work without it.
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
    index = { rowSentences: new Map(), rowCitations: new Map(), headerSentence: new Map(), headerCitations: new Map() };
    this.tables.set(table, index);
    const { sentences, blocks } = this.model;
    const inTable = (i: number) => i >= 0 && i < sentences.length && blocks[sentences[i]!.block]!.table?.table === table;
    // A table's cells are blocks one after another, and so are their sentences.
    let first = sentence;
    while (inTable(first - 1)) first--;
    for (let i = first; inTable(i); i++) {
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
 * in: the first statistic's outcome, then the others' (most sentences have one, and a
 * check that reuses outcomes reads one object for them).
 */
interface SentenceOutcome extends Circumstances, StatOutcome {
  /** Its block's masked text. */
  masked: string;
  count: number;
  rest: StatOutcome[];
  /**
   * The sentence object and its first statistic's object it was last used for, and the
   * definitions its note references (indices into the model's refs) resolved to then.
   * While they stay the same objects (the analysis reuses unchanged parts of the
   * document), its circumstances cannot have changed but for those definitions.
   */
  sentence: Sentence | undefined;
  firstStat: Statistic | undefined;
  noteRefs: number[];
  noteDefs: (NoteDef | undefined)[];
  /** The last check that used it. */
  used: number;
}

/** Whether `o` was found for these statistics of a sentence in these circumstances. */
function fits(o: SentenceOutcome, c: Circumstances, text: string, stats: readonly Statistic[], first: number, last: number, blockStart: number): boolean {
  if (o.start !== c.start || o.end !== c.end || o.cited !== c.cited || o.tableSubject !== c.tableSubject || o.count !== last - first) return false;
  if (o.sources.unchecked !== c.sources.unchecked || !sameStrings(o.sources.known, c.sources.known)) return false;
  for (let k = first; k < last; k++) if (statOf(o, k - first).at !== stats[k]!.span.start - blockStart) return false;
  return writtenAsBefore(o, text, stats, first);
}

/** Whether the statistics with findings read as when their messages were written (masked text blanks what is not prose). */
function writtenAsBefore(o: SentenceOutcome, text: string, stats: readonly Statistic[], first: number): boolean {
  for (let k = 0; k < o.count; k++) {
    const { finding } = statOf(o, k);
    if (!finding) continue;
    const { span } = stats[first + k]!;
    if (finding.written.length !== span.end - span.start || !text.startsWith(finding.written, span.start)) return false;
  }
  return true;
}

/**
 * Whether the citations of a sentence resolve as those of the sentence `o` was last used
 * for: each of the same kind and to the same thing (link URL, `@id` keys, definition or
 * one naming the same sources).
 */
function sameCitations(now: readonly Citation[], before: readonly Citation[], o: SentenceOutcome, notes: NoteResolution, matching: Matching): boolean {
  if (now.length !== before.length) return false;
  let note = 0;
  for (let i = 0; i < now.length; i++) {
    const c = now[i]!;
    const b = before[i]!;
    if (c.kind === 'link') {
      if (b.kind !== 'link' || c.url !== b.url) return false;
    } else if (c.kind === 'inline') {
      if (b.kind !== 'inline' || c.keys.length !== b.keys.length) return false;
      for (let k = 0; k < c.keys.length; k++) if (c.keys[k]!.id !== b.keys[k]!.id) return false;
    } else {
      if (b.kind !== 'note') return false;
      const def = notes.defOfRef[c.ref];
      const was = o.noteDefs[note++];
      if (def !== was && !sameNoteSources(def, was, matching)) return false;
    }
  }
  return true;
}

/** Makes `o` the outcome last used for `sentence`. */
function usedFor(o: SentenceOutcome, sentence: Sentence, firstStat: Statistic, notes: NoteResolution): void {
  o.sentence = sentence;
  o.firstStat = firstStat;
  let j = 0;
  for (const c of sentence.citations) {
    if (c.kind !== 'note') continue;
    o.noteRefs[j] = c.ref;
    o.noteDefs[j++] = notes.defOfRef[c.ref];
  }
  if (o.noteRefs.length !== j) o.noteRefs.length = o.noteDefs.length = j;
}

/**
 * Whether the note references of the sentence `o` was last used for resolve to the same
 * definitions, or to ones naming the same known sources (the notes list's objects are
 * new after an edit above or in it).
 */
function sameNoteDefs(o: SentenceOutcome, notes: NoteResolution, matching: Matching): boolean {
  for (let j = 0; j < o.noteRefs.length; j++) {
    const def = notes.defOfRef[o.noteRefs[j]!];
    const before = o.noteDefs[j];
    if (def === before) continue;
    if (!sameNoteSources(def, before, matching)) return false;
    o.noteDefs[j] = def;
  }
  return true;
}

/**
 * Whether two note definitions name the same known sources. After an edit above the notes
 * list its definitions are new objects with the same keys and URLs, which are compared
 * before the sources they name are looked up.
 */
function sameNoteSources(a: NoteDef | undefined, b: NoteDef | undefined, matching: Matching): boolean {
  if (!a || !b) return a === b;
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
 * What the statistics of sentences came to in earlier checks of the same document, so
 * that after an edit only sentences whose text, statistics or citations changed are
 * matched again, and the others' messages are not written again. Outcomes not used by a
 * check are forgotten some checks later.
 */
export class StatisticsMemo {
  private facts: FactIndex | undefined;
  /** By the masked text of the sentence's block. */
  private byText = new Map<string, SentenceOutcome[]>();
  private check = 0;
  private stored = 0;
  private usedByCheck = 0;
  /** The last text looked up, and its list: a block's sentences are looked up one after another. */
  private lastText: string | undefined;
  private lastList: SentenceOutcome[] | undefined;
  /** The sentences of the last check and of this one, and per sentence index, the outcome used. */
  private before: { sentences: readonly Sentence[]; outcomes: (SentenceOutcome | undefined)[] } = { sentences: [], outcomes: [] };
  private now: { sentences: readonly Sentence[]; outcomes: (SentenceOutcome | undefined)[] } = { sentences: [], outcomes: [] };

  /** Starts a check of `sentences` against `facts`; outcomes found with other facts are dropped. */
  begin(facts: FactIndex, sentences: readonly Sentence[]): void {
    if (facts !== this.facts) {
      this.facts = facts;
      this.byText = new Map();
      this.stored = 0;
      this.now = { sentences: [], outcomes: [] };
    }
    // Sweeping every outcome at every check would cost about as much as the check;
    // outcomes are swept once at least half are stale.
    if (this.stored > 2 * this.usedByCheck + 64) this.sweep();
    this.check++;
    this.usedByCheck = 0;
    this.lastText = this.lastList = undefined;
    this.before = this.now;
    this.now = { sentences, outcomes: new Array<SentenceOutcome | undefined>(sentences.length) };
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
   * The index of the sentence of `stat`, when the last check says so: the next sentence
   * from `from` on that had statistics then, if it is the same object now and the first
   * of its statistics is `stat`. Reading the statistic's own field would read one more
   * object per sentence, where most of a long document is as it was.
   */
  sentenceOf(stat: Statistic, from: number): number | undefined {
    const { sentences, outcomes } = this.before;
    const now = this.now.sentences;
    for (let index = from; index < from + 16 && index < outcomes.length; index++) {
      const o = outcomes[index];
      if (!o) continue;
      return o.firstStat === stat && o.sentence === sentences[index] && sentences[index] === now[index] ? index : undefined;
    }
    return undefined;
  }

  /**
   * The outcome the last check used for the sentence at `index` (or as far from the end:
   * the sentences before an edit keep their index, those after it their distance from the
   * end), when nothing it depends on can have changed. Cheaper than `find`: when the
   * sentence is the same object, only its note references' definitions are looked at; when
   * it is a new object for the same text (the analysis moves what follows an edit), only
   * its place in the block and its citations.
   */
  unchanged(index: number, sentence: Sentence, model: BriefingModel, notes: NoteResolution, matching: Matching, stats: readonly Statistic[], first: number): SentenceOutcome | undefined {
    const { sentences, outcomes } = this.before;
    const fromEnd = index + sentences.length - this.now.sentences.length;
    for (let at = index; ; at = fromEnd) {
      const o = outcomes[at];
      const before = sentences[at];
      // Table cells read other cells: their circumstances are always worked out.
      if (o && before && o.sentence === before && o.tableSubject === undefined) {
        if (before === sentence) {
          // The same objects describe the same text: their statistics read as written then.
          if (o.firstStat !== stats[first] || !sameNoteDefs(o, notes, matching)) return undefined;
          this.use(index, o);
          return o;
        }
        if (this.movedUnchanged(o, sentence, before, model, notes, matching, stats, first)) {
          usedFor(o, sentence, stats[first]!, notes);
          this.use(index, o);
          return o;
        }
      }
      if (at === fromEnd) return undefined;
    }
  }

  /** Whether `sentence`, a new object for the sentence `before` that `o` was used for, has the same statistics, circumstances and text. */
  private movedUnchanged(o: SentenceOutcome, sentence: Sentence, before: Sentence, model: BriefingModel, notes: NoteResolution, matching: Matching, stats: readonly Statistic[], first: number): boolean {
    const block = model.blocks[sentence.block]!;
    if (block.table || block.masked !== o.masked || sentence.span.start - block.span.start !== o.start || sentence.span.end - block.span.start !== o.end) return false;
    // Its statistics are the o.count from `first` on (as the check groups them).
    const own = sentence.stats;
    if (own.length !== o.count || own[0] !== first || own[own.length - 1] !== first + own.length - 1) return false;
    return sameCitations(sentence.citations, before.citations, o, notes, matching) && writtenAsBefore(o, model.text, stats, first);
  }

  /**
   * The outcome found earlier for the statistics [first, last) of the sentence at
   * `index`, in a block whose masked text is `masked`, or undefined; `circumstances`
   * works out the sentence's. Unchanged blocks keep the same string objects, so looking
   * them up does not hash a long string again.
   */
  find(
    index: number,
    masked: string,
    notes: NoteResolution,
    text: string,
    stats: readonly Statistic[],
    first: number,
    last: number,
    blockStart: number,
    circumstances: Circumstances,
  ): SentenceOutcome | undefined {
    if (masked !== this.lastText) {
      this.lastText = masked;
      this.lastList = this.byText.get(masked);
    }
    const found = this.lastList?.find((o) => fits(o, circumstances, text, stats, first, last, blockStart));
    if (!found) return undefined;
    usedFor(found, this.now.sentences[index]!, stats[first]!, notes);
    this.use(index, found);
    return found;
  }

  /** Keeps an outcome found for the sentence at `index`. */
  add(index: number, masked: string, outcome: SentenceOutcome): void {
    let list = this.byText.get(masked);
    if (!list) this.byText.set(masked, (list = []));
    list.push(outcome);
    if (masked === this.lastText) this.lastList = list;
    this.stored++;
    this.use(index, outcome);
  }

  private use(index: number, outcome: SentenceOutcome): void {
    if (outcome.used !== this.check) this.usedByCheck++;
    outcome.used = this.check;
    this.now.outcomes[index] = outcome;
  }
}

/** stat.uncited, stat.mismatch and stat.unsupported; fills context.matches. */
export function checkStatistics(context: RuleContext, memo?: StatisticsMemo): RawFinding[] {
  const { model, notes, facts } = context;
  const { text, stats, sentences, blocks } = model;
  const findings: RawFinding[] = [];
  const matching = matchingFor(facts);
  let tables: TableCells | undefined;
  const citeFix = (stat: Statistic, fact: FactEntry) => (): FixData[] => {
    const fix = insertCitationFix(model, facts, { sourceId: fact.fact.source, locator: fact.fact.locator, at: { sentence: stat.sentence } });
    return [{ ...fix, title: `${fix.title}: “${fact.fact.quote}”`, preferred: true }];
  };

  memo?.begin(facts, sentences);
  // Statistics of one sentence follow each other and share its citations and subject.
  for (let first = 0, next = 0; first < stats.length; ) {
    const index = memo?.sentenceOf(stats[first]!, next) ?? stats[first]!.sentence;
    next = index + 1;
    const sentence = sentences[index]!;
    let outcome = memo?.unchanged(index, sentence, model, notes, matching, stats, first);
    let last = first + (outcome?.count ?? 1);
    if (!outcome) {
      while (last < stats.length && stats[last]!.sentence === index) last++;
      const block = blocks[sentence.block]!;
      let citations = sentence.citations;
      let tableSubject: string | undefined;
      if (block.table) {
        tables ??= new TableCells(model);
        citations = tables.citationsOf(block.table, index);
        tableSubject = tables.subjectOf(block.table, index);
      }
      const cited = citations.length > 0;
      const start = sentence.span.start - block.span.start;
      const end = sentence.span.end - block.span.start;
      const circumstances: Circumstances = { start, end, tableSubject, cited, sources: cited ? matching.sourcesOf(citations, notes) : NOTHING_CITED };
      outcome = memo?.find(index, block.masked, notes, text, stats, first, last, block.span.start, circumstances);
      if (!outcome) {
        outcome = sentenceOutcome(stats, first, last, text, block, circumstances, matching);
        if (memo) {
          usedFor(outcome, sentence, stats[first]!, notes);
          memo.add(index, block.masked, outcome);
        }
      }
    }
    for (let k = first; k < last; k++) {
      const { match, finding } = statOf(outcome, k - first);
      context.matches.push(match);
      if (!finding) continue;
      const stat = stats[k]!;
      const { code, fact } = finding;
      findings.push({
        code,
        message: finding.message,
        span: stat.span,
        factId: finding.factId,
        fixes: code === 'stat.mismatch' ? () => [replaceFigureFix(model, stat, fact!)] : fact ? citeFix(stat, fact) : undefined,
      });
    }
    first = last;
  }
  return findings;
}

/** Matches the statistics [first, last) of a sentence. */
function sentenceOutcome(stats: readonly Statistic[], first: number, last: number, text: string, block: ProseBlock, circumstances: Circumstances, matching: Matching): SentenceOutcome {
  const { start, end, tableSubject, cited, sources } = circumstances;
  const subject = new SubjectText(tableSubject ?? block.masked, tableSubject === undefined ? start : 0, tableSubject === undefined ? end : tableSubject.length);
  const outcomes: StatOutcome[] = [];
  for (let k = first; k < last; k++) outcomes.push(statOutcome(stats[k]!, block.span.start, text, cited, sources, subject, matching));
  const { at, match, finding } = outcomes[0]!;
  const rest = outcomes.length > 1 ? outcomes.slice(1) : NO_MORE;
  // One shape for every outcome (written out in full: a spread would make a slow one).
  return { start, end, tableSubject, cited, sources, at, match, finding, masked: block.masked, count: outcomes.length, rest, sentence: undefined, firstStat: undefined, noteRefs: [], noteDefs: [], used: 0 };
}

const NO_MORE: StatOutcome[] = [];

/** The outcome of the k-th statistic of a sentence. */
function statOf(o: SentenceOutcome, k: number): StatOutcome {
  return k === 0 ? o : o.rest[k - 1]!;
}

/** Matches one statistic and writes its finding. */
function statOutcome(stat: Statistic, blockStart: number, text: string, cited: boolean, sources: CitedSources, subject: SubjectText, matching: Matching): StatOutcome {
  const { status, fact, cite, anyCandidate } = matchStatistic(stat, cited, sources, subject, matching);
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
    const message = `Text says ${shown}; ${f.source} says ${describeValue(f)}${f.locator ? ` (${f.locator})` : ''}.`;
    return { at, match, finding: { code: 'stat.mismatch', message, fact, factId: f.id, written } };
  }
  const cause = anyCandidate ? 'no fact there has this value' : 'no fact there is in this unit';
  const message = `${capitalise(shown)} is not backed by the cited ${plural(sources.known.length, 'source')} (${sources.known.join(', ')}): ${cause}.`;
  return { at, match, finding: { code: 'stat.unsupported', message, fact: cite, factId: cite?.fact.id, written } };
}

/** Whitespace that is not a single space, which `replace(/\s+/g, ' ')` would change. */
const MORE_THAN_A_SPACE = /[^\S ]|\s\s/;

/** What the matching of one statistic found. */
interface Outcome {
  status: StatMatch['status'];
  /** The supporting or contradicting fact. */
  fact: FactEntry | undefined;
  /** For stat.uncited and stat.unsupported: the fact a citation should point to. */
  cite: FactEntry | undefined;
  /** For stat.unsupported: whether the cited sources have facts in the statistic's unit at all. */
  anyCandidate: boolean;
}

/** Matches one statistic against the facts of the sources its sentence cites. */
function matchStatistic(stat: Statistic, cited: boolean, sources: CitedSources, subject: SubjectText, matching: Matching): Outcome {
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
  // The candidate sharing the most words with the sentence, the first of those on ties.
  let best = -1;
  let bestOverlap = 0;
  for (const list of candidates) {
    const overlaps = byUnit.overlaps(list, list.length, subject, matching.overlaps);
    for (let i = 0; i < list.length; i++) {
      if (overlaps[i]! > bestOverlap) {
        best = list[i]!;
        bestOverlap = overlaps[i]!;
      }
    }
  }
  if (best >= 0) return outcome('mismatch', byUnit.entry(best), undefined, false);
  if (sources.unchecked) return outcome('unchecked', undefined, undefined, false);
  return outcome('unsupported', undefined, factToCite(stat, sources.known, subject, matching), anyCandidate);
}

function outcome(status: StatMatch['status'], fact: FactEntry | undefined, cite: FactEntry | undefined, anyCandidate: boolean): Outcome {
  return { status, fact, cite, anyCandidate };
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

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

export type { StatMatch };
