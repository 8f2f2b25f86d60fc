import type { FactEntry, FactIndex, SourceEntry } from '../facts/factIndex';
import { insertCitationFix } from '../fixes/insertCitation';
import { replaceFigureFix } from '../fixes/replaceFigure';
import type { Citation, Statistic } from '../model';
import { contentWords, factsByUnit, subjectOverlap, supports, type FactsByUnit, type StatMatch } from '../stats/match';
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
  known: string[];
  /** Something is cited that cannot be checked: an unknown link, a note without a known source. */
  unchecked: boolean;
}

/** Citations of each table row and of each column's header cell, gathered once. */
interface TableCitations {
  rows: Map<string, Citation[]>;
  headers: Map<string, Citation[]>;
}

function gatherTableCitations(context: RuleContext): TableCitations {
  const rows = new Map<string, Citation[]>();
  const headers = new Map<string, Citation[]>();
  for (const s of context.model.sentences) {
    const cell = context.model.blocks[s.block]!.table;
    if (!cell || s.citations.length === 0) continue;
    const row = `${cell.table}:${cell.row}`;
    rows.set(row, [...(rows.get(row) ?? []), ...s.citations]);
    if (cell.row === 0) headers.set(`${cell.table}:${cell.column}`, [...s.citations]);
  }
  return { rows, headers };
}

const NOTHING_CITED: CitedSources = { known: [], unchecked: false };

/**
 * The sources a statistic's sentence cites. In a table, the statistic's row, its
 * column's header cell and the table's caption count too.
 */
function citedSources(context: RuleContext, stat: Statistic, tableCitations: TableCitations): { citations: Citation[]; sources: CitedSources } {
  const { model, notes, facts } = context;
  const sentence = model.sentences[stat.sentence]!;
  let citations = sentence.citations;
  const cell = model.blocks[sentence.block]!.table;
  if (cell) {
    citations = [
      ...(tableCitations.rows.get(`${cell.table}:${cell.row}`) ?? []),
      ...(cell.row === 0 ? [] : (tableCitations.headers.get(`${cell.table}:${cell.column}`) ?? [])),
      ...model.tables[cell.table]!.captionCitations,
    ];
  }
  if (citations.length === 0) return { citations, sources: NOTHING_CITED };
  const known = new Set<string>();
  let unchecked = false;
  const addUrl = (url: string) => {
    const source = sourceByUrl(facts, url);
    if (source) known.add(source.id);
    else unchecked = true;
  };
  for (const c of citations) {
    if (c.kind === 'link') addUrl(c.url);
    else if (c.kind === 'inline') {
      for (const k of c.keys) facts.sources.has(k.id) ? known.add(k.id) : (unchecked = true);
    } else {
      const def = notes.defOfRef[c.ref];
      const before = known.size;
      for (const k of def?.keys ?? []) if (facts.sources.has(k.id)) known.add(k.id);
      for (const u of def?.urls ?? []) {
        const source = sourceByUrl(facts, u.url);
        if (source) known.add(source.id);
      }
      if (known.size === before) unchecked = true;
    }
  }
  return { citations, sources: { known: [...known], unchecked } };
}

// Normalising a URL is slow, and a document cites the same ones again and again.
const sourcesByUrl = new WeakMap<FactIndex, Map<string, SourceEntry | undefined>>();

function sourceByUrl(facts: FactIndex, url: string): SourceEntry | undefined {
  let byUrl = sourcesByUrl.get(facts);
  if (!byUrl) sourcesByUrl.set(facts, (byUrl = new Map()));
  if (byUrl.has(url)) return byUrl.get(url);
  const source = facts.sourceByUrl(url);
  byUrl.set(url, source);
  return source;
}

/** Sentence indices of each table row (`table:row`) and of each header cell (`table:0:column`). */
function tableCells(context: RuleContext): Map<string, number[]> {
  const cells = new Map<string, number[]>();
  context.model.sentences.forEach((s, i) => {
    const cell = context.model.blocks[s.block]!.table;
    if (!cell) return;
    const row = `${cell.table}:${cell.row}`;
    cells.set(row, [...(cells.get(row) ?? []), i]);
    if (cell.row === 0) cells.set(`${cell.table}:0:${cell.column}`, [i]);
  });
  return cells;
}

/** The best fact among `facts` for the sentence: most shared subject words, first on ties. */
function bestBySubject(facts: FactEntry[], words: Set<string>, text: string): { fact: FactEntry; overlap: number } | undefined {
  let best: { fact: FactEntry; overlap: number } | undefined;
  for (const fact of facts) {
    const overlap = subjectOverlap(fact, words, text);
    if (!best || overlap > best.overlap) best = { fact, overlap };
  }
  return best;
}

/** What the matching of one statistic found; it depends only on what its memo key holds. */
interface Outcome {
  status: StatMatch['status'];
  /** The supporting or contradicting fact. */
  fact: FactEntry | undefined;
  /** For stat.uncited and stat.unsupported: the fact a citation should point to. */
  cite: FactEntry | undefined;
  /** For stat.unsupported: whether the cited sources have facts in the statistic's unit at all. */
  anyCandidate: boolean;
}

/** The subject of a statistic: a source text and the span of it. */
interface Subject {
  source: string;
  start: number;
  end: number;
}

/** An outcome with what it was found for, besides the statistic itself, and the match it makes. */
interface Memoised {
  /** Where the statistic starts in its block. */
  at: number;
  subject: Subject;
  cited: boolean;
  sources: CitedSources;
  outcome: Outcome;
  match: StatMatch;
  /** The last check that used it. */
  used: number;
}

/**
 * Outcomes of statistics matched in earlier checks of the same document, so that after an
 * edit only statistics whose figure, sentence or citations changed are matched again.
 * Outcomes not used by a check are forgotten after the next one.
 */
export class StatisticsMemo {
  private facts: FactIndex | undefined;
  /** By the masked source of the statistic's block. */
  private byText = new Map<string, Memoised[]>();
  private check = 0;

  /** Starts a check against `facts`; outcomes found with other facts are dropped. */
  begin(facts: FactIndex): void {
    if (facts !== this.facts) {
      this.facts = facts;
      this.byText = new Map();
    }
    this.check++;
    for (const [text, list] of this.byText) {
      let kept = 0;
      for (const m of list) if (m.used >= this.check - 1) list[kept++] = m;
      if (kept === 0) this.byText.delete(text);
      else list.length = kept;
    }
  }

  /**
   * The outcome for the statistic at `at` in `text`, the masked source of its block: the
   * text and the position decide the figure (extractStatistics reads nothing else). Texts
   * stay the same string objects while their blocks do not change, so looking them up
   * does not hash a long string again.
   */
  outcome(text: string, at: number, subject: Subject, cited: boolean, sources: CitedSources, compute: () => Outcome): Memoised {
    let list = this.byText.get(text);
    if (!list) this.byText.set(text, (list = []));
    let found: Memoised | undefined;
    for (const m of list) {
      if (
        m.at === at &&
        m.cited === cited &&
        m.subject.start === subject.start &&
        m.subject.end === subject.end &&
        m.subject.source === subject.source &&
        m.sources.unchecked === sources.unchecked &&
        sameStrings(m.sources.known, sources.known)
      ) {
        found = m;
        break;
      }
    }
    if (!found) list.push((found = memoised(at, subject, cited, sources, compute())));
    found.used = this.check;
    return found;
  }
}

function memoised(at: number, subject: Subject, cited: boolean, sources: CitedSources, found: Outcome): Memoised {
  const { status, fact, cite, anyCandidate } = found;
  const match: StatMatch = { status, fact: status === 'uncited' ? cite : fact, sources: status === 'uncited' || (status === 'unchecked' && sources.known.length === 0) ? [] : sources.known };
  // One shape for every outcome, as the check reads them all.
  return { at, subject, cited, sources, outcome: { status, fact, cite, anyCandidate }, match, used: 0 };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** stat.uncited, stat.mismatch and stat.unsupported; fills context.matches. */
export function checkStatistics(context: RuleContext, memo?: StatisticsMemo): RawFinding[] {
  const { model, facts } = context;
  const findings: RawFinding[] = [];
  const byUnit = factsByUnit(facts);
  const tableCitations = gatherTableCitations(context);
  const sentenceText = (i: number) => {
    const s = model.sentences[i]!;
    const b = model.blocks[s.block]!;
    return b.masked.slice(s.span.start - b.span.start, s.span.end - b.span.start);
  };
  const rowCells = tableCells(context);
  /** The text whose words are the statistic's subject, as a source text and the span of it. */
  const subject = (i: number): Subject => {
    const s = model.sentences[i]!;
    const b = model.blocks[s.block]!;
    const cell = b.table;
    if (!cell) return { source: b.masked, start: s.span.start - b.span.start, end: s.span.end - b.span.start };
    // A cell ("40%") rarely names its subject: the row's other cells ("Trade growth")
    // and the column's header do, so they count as the statistic's subject words, as
    // a citation in the row counts as the cell's citation.
    const context = [...(rowCells.get(`${cell.table}:${cell.row}`) ?? []), ...(cell.row === 0 ? [] : (rowCells.get(`${cell.table}:0:${cell.column}`) ?? []))];
    const source = context.map(sentenceText).join('\n');
    return { source, start: 0, end: source.length };
  };
  // A figure may wrap across lines; messages show it on one.
  const written = (stat: Statistic) => model.text.slice(stat.span.start, stat.span.end).replace(/\s+/g, ' ');
  const citeFix = (stat: Statistic, fact: FactEntry) => (): FixData[] => {
    const fix = insertCitationFix(model, facts, { sourceId: fact.fact.source, locator: fact.fact.locator, at: { sentence: stat.sentence } });
    return [{ ...fix, title: `${fix.title}: “${fact.fact.quote}”`, preferred: true }];
  };

  memo?.begin(facts);
  // Statistics of one sentence follow each other and share its citations and subject.
  let sentence = -1;
  let cited: { citations: Citation[]; sources: CitedSources } | undefined;
  let about: Subject | undefined;
  for (const stat of model.stats) {
    if (stat.sentence !== sentence) {
      sentence = stat.sentence;
      cited = citedSources(context, stat, tableCitations);
      about = subject(sentence);
    }
    const { citations, sources } = cited!;
    const compute = () => matchStatistic(stat, citations.length > 0, sources, about!.source.slice(about!.start, about!.end), facts, byUnit);
    let outcome: Outcome;
    if (memo) {
      const block = model.blocks[model.sentences[sentence]!.block]!;
      const found = memo.outcome(block.masked, stat.span.start - block.span.start, about!, citations.length > 0, sources, compute);
      outcome = found.outcome;
      context.matches.push(found.match);
    } else {
      outcome = compute();
      context.matches.push(memoised(0, about!, citations.length > 0, sources, outcome).match);
    }
    const { status, fact, cite } = outcome;
    if (status === 'uncited') {
      findings.push({
        code: 'stat.uncited',
        message: `${capitalise(written(stat))} cites no source: add a note or a link to where it comes from.`,
        span: stat.span,
        factId: cite?.fact.id,
        fixes: cite ? citeFix(stat, cite) : undefined,
      });
    } else if (status === 'mismatch') {
      const f = fact!;
      findings.push({
        code: 'stat.mismatch',
        message: `Text says ${written(stat)}; ${f.fact.source} says ${describeValue(f.fact)}${f.fact.locator ? ` (${f.fact.locator})` : ''}.`,
        span: stat.span,
        factId: f.fact.id,
        fixes: () => [replaceFigureFix(model, stat, f)],
      });
    } else if (status === 'unsupported') {
      const names = sources.known.join(', ');
      findings.push({
        code: 'stat.unsupported',
        message: outcome.anyCandidate
          ? `${capitalise(written(stat))} is not backed by the cited ${plural(sources.known.length, 'source')} (${names}): no fact there has this value.`
          : `${capitalise(written(stat))} is not backed by the cited ${plural(sources.known.length, 'source')} (${names}): no fact there is in this unit.`,
        span: stat.span,
        factId: cite?.fact.id,
        fixes: cite ? citeFix(stat, cite) : undefined,
      });
    }
  }
  return findings;
}

/**
 * A hedged figure in a large fact file is consistent with hundreds of facts; scoring
 * them all for the subject costs more than the whole parse. The closest in value are
 * the likeliest sources, so only they are scored.
 */
const MAX_SCORED = 48;

function closestInValue(facts: FactEntry[], value: number): FactEntry[] {
  if (facts.length <= MAX_SCORED) return facts;
  const distance = (f: FactEntry) => Math.abs(Math.abs(f.fact.value) - Math.abs(value));
  return [...facts].sort((a, b) => distance(a) - distance(b)).slice(0, MAX_SCORED);
}

/** Matches one statistic against the facts of the sources its sentence cites; `text` holds its subject. */
function matchStatistic(stat: Statistic, cited: boolean, sources: CitedSources, text: string, facts: FactIndex, byUnit: FactsByUnit): Outcome {
  let words: Set<string> | undefined;
  const subject = () => (words ??= contentWords(text));
  /** The fact a citation should point to: one that supports the figure, on its subject. */
  const factToCite = (exclude: string[]): FactEntry | undefined => {
    const supporting = byUnit.supporting(stat).filter((f) => !exclude.includes(f.fact.source));
    if (supporting.length === 0) return undefined;
    const best = bestBySubject(closestInValue(supporting, stat.value), subject(), text)!;
    // A figure that merely equals some fact on another subject is no reason to cite it.
    if (best.overlap === 0 && supporting.length > 1) return undefined;
    return best.fact;
  };
  const none = { fact: undefined, cite: undefined, anyCandidate: false };
  if (!cited) return { ...none, status: 'uncited', cite: facts.isEmpty ? undefined : factToCite([]) };
  if (sources.known.length === 0) return { ...none, status: 'unchecked' };
  const candidates = sources.known.flatMap((id) => byUnit.candidates(stat, id));
  const fit = candidates.find((f) => supports(stat, f));
  if (fit) return { ...none, status: 'supported', fact: fit };
  const best = bestBySubject(candidates, subject(), text);
  if (best && best.overlap > 0) return { ...none, status: 'mismatch', fact: best.fact };
  if (sources.unchecked) return { ...none, status: 'unchecked' };
  return { status: 'unsupported', fact: undefined, cite: factToCite(sources.known), anyCandidate: candidates.length > 0 };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

export type { StatMatch };
