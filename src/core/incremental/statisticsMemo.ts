import type { FactIndex } from '../facts/factIndex';
import type { BriefingModel, Citation, NoteDef, Sentence, Statistic, TableInfo } from '../model';
import type { NoteResolution } from '../notes/resolve';
import { sameNoteSources, sameStrings, type SourceNames } from '../stats/citedSources';
import type { StatMatch } from '../stats/matchStatistic';
import { resultAt, type Circumstances, type SentenceResults, type StatFinding } from '../stats/statResults';
import type { TableRange } from '../stats/tableCells';

/** Whether `o` was found for these statistics of a sentence in these circumstances. */
function fits(
  o: SentenceResults,
  c: Circumstances,
  text: string,
  stats: readonly Statistic[],
  first: number,
  last: number,
  blockStart: number,
): boolean {
  if (o.start !== c.start || o.end !== c.end || o.cited !== c.cited || o.tableSubject !== c.tableSubject || o.count !== last - first)
    return false;
  if (o.sources.unchecked !== c.sources.unchecked || !sameStrings(o.sources.known, c.sources.known)) return false;
  for (let k = 0; k < o.count; k++) {
    const { at, finding } = resultAt(o, k);
    if (at !== stats[first + k]!.span.start - blockStart || !writtenAsBefore(finding, text, stats[first + k]!)) return false;
  }
  return true;
}

/** Whether a statistic with a finding reads as when its message was written (masked text blanks what is not prose). */
export function writtenAsBefore(finding: StatFinding | undefined, text: string, stat: Statistic): boolean {
  if (!finding) return true;
  const { span } = stat;
  return finding.written.length === span.end - span.start && text.startsWith(finding.written, span.start);
}

/**
 * What one check found, by the indices of its model: for each sentence with statistics,
 * where they start and how many there are, its results, and the definitions its note
 * references resolved to; for each statistic, its match and finding. Flat arrays, in
 * document order: the next check reads them in that order for the sentences that are
 * still the same objects, without reading those objects or the results.
 */
class CheckRecord {
  /** Per sentence: the index of its first statistic, or -1 for a sentence without. */
  readonly firstStat: Int32Array;
  readonly count: Int32Array;
  /** Per sentence: 1 for a table cell, which reads other cells and the caption. */
  readonly inTable: Uint8Array;
  readonly results: (SentenceResults | undefined)[];
  /**
   * Per sentence: where its note citations are in `noteCitations` and `noteDefs`, and how
   * many. The citations themselves are kept, not their reference indices: a piece the
   * analyzer moves keeps its objects and renumbers them in place.
   */
  readonly notesAt: Int32Array;
  readonly notesLength: Int32Array;
  readonly noteCitations: Extract<Citation, { kind: 'note' }>[] = [];
  readonly noteDefs: (NoteDef | undefined)[] = [];
  /** Per statistic, filled in order (`statsRecorded` so far). */
  readonly matches: StatMatch[];
  readonly findings: (StatFinding | undefined)[];
  statsRecorded = 0;
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
    this.results = new Array<SentenceResults | undefined>(sentences.length);
    this.notesAt = new Int32Array(sentences.length);
    this.notesLength = new Int32Array(sentences.length);
    this.matches = new Array<StatMatch>(stats.length);
    this.findings = new Array<StatFinding | undefined>(stats.length);
  }

  /**
   * Records the sentence at `index` (its statistics from `first` on) and what the note
   * references among `citations` (those that count for it: for a table cell, its row's,
   * its header's and the caption's) resolve to now.
   */
  sentence(
    index: number,
    first: number,
    count: number,
    results: SentenceResults,
    citations: readonly Citation[],
    notes: NoteResolution,
  ): void {
    this.place(index, first, count, results, this, index, false);
    for (const c of citations) {
      if (c.kind !== 'note') continue;
      this.noteCitations.push(c);
      this.noteDefs.push(notes.defOfRef[c.ref]);
    }
    this.notesLength[index] = this.noteCitations.length - this.notesAt[index]!;
  }

  /** Records the sentence at `index` as the same object the record `before` has at `at`. */
  sameSentence(index: number, first: number, before: CheckRecord, at: number, notes: NoteResolution): void {
    this.place(index, first, before.count[at]!, before.results[at]!, before, at, true);
    for (let q = before.notesAt[at]!, end = q + before.notesLength[at]!; q < end; q++) {
      const c = before.noteCitations[q]!;
      this.noteCitations.push(c);
      this.noteDefs.push(notes.defOfRef[c.ref]);
    }
    this.notesLength[index] = this.noteCitations.length - this.notesAt[index]!;
  }

  private place(
    index: number,
    first: number,
    count: number,
    results: SentenceResults,
    before: CheckRecord,
    at: number,
    reused: boolean,
  ): void {
    this.firstStat[index] = first;
    this.count[index] = count;
    this.inTable[index] = reused ? before.inTable[at]! : results.tableSubject === undefined ? 0 : 1;
    this.results[index] = results;
    this.notesAt[index] = this.noteCitations.length;
    this.recorded++;
  }
}

const NO_RECORD = new CheckRecord([], [], []);

/**
 * What the statistics of sentences came to in earlier checks of the same document, so
 * that after an edit only sentences whose text, statistics or citations changed are
 * matched again, and the others' messages are not written again. Results are kept by
 * their block's masked text (unchanged blocks keep the same string objects, so looking
 * them up does not hash a long string again); those not used by a check are forgotten
 * some checks later. The last check's record lets most sentences of a long document,
 * unchanged by an edit, be passed over without looking their results up.
 */
export class StatisticsMemo {
  private facts: FactIndex | undefined;
  private byText = new Map<string, SentenceResults[]>();
  private check = 0;
  private stored = 0;
  /** The last text looked up, and its list: a block's sentences are looked up one after another. */
  private lastText: string | undefined;
  private lastList: SentenceResults[] | undefined;
  /** The last check's record, and this check's. */
  private before = NO_RECORD;
  private now = NO_RECORD;

  /** Starts a check of `model` against `facts`; results found with other facts are dropped. */
  begin(facts: FactIndex, model: BriefingModel): void {
    if (facts !== this.facts) {
      this.facts = facts;
      this.byText = new Map();
      this.stored = 0;
      this.now = NO_RECORD;
    }
    // Sweeping all results at every check would cost about as much as the check;
    // results are swept once at least half are stale.
    if (this.stored > 2 * this.now.recorded + 64) {
      for (const o of this.now.results) if (o) o.used = this.check;
      this.sweep();
    }
    this.check++;
    this.lastText = this.lastList = undefined;
    this.before = this.now;
    this.now = new CheckRecord(model.sentences, model.stats, model.tables);
  }

  /** Keeps the results the last check used. */
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
  reuse(index: number, first: number, model: BriefingModel, notes: NoteResolution, names: SourceNames, emit: Emit): number {
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
          same =
            before.stats[wasFirst] === model.stats[first] &&
            (before.inTable[at] === 0 || this.sameTable(sentence, model)) &&
            this.sameNotes(at, notes, names);
          if (same) this.now.sameSentence(index, first, before, at, notes);
        } else if (before.inTable[at] === 0) {
          same = this.movedUnchanged(at, sentence, model, first, notes, names);
          if (same) this.now.sentence(index, first, before.count[at]!, before.results[at]!, sentence.citations, notes);
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
  private sameNotes(at: number, notes: NoteResolution, names: SourceNames): boolean {
    const { notesAt, notesLength, noteCitations, noteDefs } = this.before;
    for (let q = notesAt[at]!, end = q + notesLength[at]!; q < end; q++) {
      if (!sameNoteSources(notes.defOfRef[noteCitations[q]!.ref], noteDefs[q], names)) return false;
    }
    return true;
  }

  /**
   * Whether `sentence`, a new object, is the last check's sentence at `at` moved: the same
   * block text and place in it, its statistics in the same places and reading the same,
   * its citations resolving as then. (Table cells read other cells: they are not reused.)
   */
  private movedUnchanged(
    at: number,
    sentence: Sentence,
    model: BriefingModel,
    first: number,
    notes: NoteResolution,
    names: SourceNames,
  ): boolean {
    const before = this.before;
    const o = before.results[at]!;
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
      } else if (b.kind !== 'note' || !sameNoteSources(notes.defOfRef[c.ref], before.noteDefs[note++], names)) return false;
    }
    const wasFirst = before.firstStat[at]!;
    for (let k = 0; k < o.count; k++)
      if (!writtenAsBefore(before.findings[wasFirst + k], model.text, model.stats[first + k]!)) return false;
    return true;
  }

  /**
   * The results found earlier for the statistics [first, last) of a sentence, in a block
   * whose masked text is `masked`, or undefined; `circumstances` are the sentence's.
   */
  find(
    masked: string,
    text: string,
    stats: readonly Statistic[],
    first: number,
    last: number,
    blockStart: number,
    circumstances: Circumstances,
  ): SentenceResults | undefined {
    if (masked !== this.lastText) {
      this.lastText = masked;
      this.lastList = this.byText.get(masked);
    }
    return this.lastList?.find((o) => fits(o, circumstances, text, stats, first, last, blockStart));
  }

  /** Keeps the results found for a sentence of the block whose masked text is `masked`. */
  add(masked: string, results: SentenceResults): void {
    let list = this.byText.get(masked);
    if (!list) this.byText.set(masked, (list = []));
    list.push(results);
    if (masked === this.lastText) this.lastList = list;
    this.stored++;
  }

  /** Records the sentences of a table one of whose cells was recorded. */
  recordTable(table: number, range: TableRange): void {
    this.now.tableRanges.set(table, range);
  }

  /** Records what became of the sentence at `index` in this check (after `find` or `add`). */
  record(index: number, first: number, results: SentenceResults, citations: readonly Citation[], notes: NoteResolution): void {
    this.now.sentence(index, first, results.count, results, citations, notes);
  }

  /** Records a statistic's match and finding in this check. */
  recordStat(match: StatMatch, finding: StatFinding | undefined): void {
    const now = this.now;
    now.matches[now.statsRecorded] = match;
    now.findings[now.statsRecorded++] = finding;
  }
}

/** Reports the match and finding of the statistic at `index`. */
export type Emit = (index: number, match: StatMatch, finding: StatFinding | undefined) => void;
