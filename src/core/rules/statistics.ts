import type { FactEntry, FactIndex } from '../facts/factIndex';
import { insertCitationFix } from '../fixes/insertCitation';
import { replaceFigureFix } from '../fixes/replaceFigure';
import type { StatisticsMemo, Emit } from '../incremental/statisticsMemo';
import type { BriefingModel, Citation, ProseBlock, Statistic } from '../model';
import type { NoteResolution } from '../notes/resolve';
import { NO_IDS, NOTHING_CITED, type CitedSources } from '../stats/citedSources';
import { matchingFor, matchStatistic, supportingCandidate, type FigurePlace, type Matching, type StatMatch } from '../stats/matchStatistic';
import { resultAt, type Circumstances, type SentenceResults, type StatResult } from '../stats/statResults';
import { SubjectText } from '../stats/subjectWords';
import { TableCells } from '../stats/tableCells';
import { describeValue } from '../stats/valueWording';
import type { RuleCode } from '../codes';
import type { FixData } from '../types';
import type { RawFinding, RuleContext } from './context';
import { DeferredFinding } from './deferredFinding';

/** Whether a citation counts: an in-text `@key` only when it names a known source (else it is a handle, a name). */
function isCitation(c: Citation, facts: FactIndex): boolean {
  return c.kind !== 'inline' || c.narrative !== true || c.keys.some((k) => facts.sources.has(k.id));
}

/** stat.uncited, stat.mismatch and stat.unsupported; fills context.matches. */
export function checkStatistics(context: RuleContext, memo: StatisticsMemo | undefined = context.statisticsMemo): RawFinding[] {
  const { model, notes, facts } = context;
  const { text, stats, sentences, blocks } = model;
  const findings: RawFinding[] = [];
  const matching = matchingFor(facts);
  let tables: TableCells | undefined;
  const on: FixContext = { model, notes, facts };
  const emit: Emit = (index, match, finding) => {
    context.matches[index] = match;
    memo?.recordStat(match, finding);
    if (!finding) return;
    const { code, fact } = finding;
    findings.push(
      new StatisticFinding(
        code,
        finding.message,
        stats[index]!,
        finding.factId,
        on,
        fact,
        code === 'stat.unsupported' ? match.sources : NO_IDS,
        finding.preferred === true,
      ),
    );
  };

  memo?.begin(facts, model);
  // Statistics of one sentence follow each other and share its citations and subject.
  for (let first = 0, next = 0; first < stats.length;) {
    const index = memo?.sentenceOf(first, next) ?? stats[first]!.sentence;
    next = index + 1;
    const reused = memo?.reuse(index, first, model, notes, matching.names, emit) ?? 0;
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
    const circumstances: Circumstances = {
      start,
      end,
      tableSubject,
      cited,
      sources: cited ? matching.names.sourcesOf(citations, notes) : NOTHING_CITED,
    };
    let results = memo?.find(block.masked, text, stats, first, last, block.span.start, circumstances);
    if (!results) {
      results = matchSentence(stats, first, last, text, block, circumstances, matching);
      memo?.add(block.masked, results);
    }
    memo?.record(index, first, results, citations, notes);
    for (let k = first; k < last; k++) {
      const { match, finding } = resultAt(results, k - first);
      emit(k, match, finding);
    }
    first = last;
  }
  return findings;
}

const NO_MORE: StatResult[] = [];

/** What a check's stat.* findings compute their fixes from. */
interface FixContext {
  model: BriefingModel;
  notes: NoteResolution;
  facts: FactIndex;
}

/**
 * A stat.* finding. Its fixes: for a mismatch, the fact's value in place of the figure;
 * for a figure a fact of another source gives, a citation of that source (or that source
 * in place of the one cited).
 */
class StatisticFinding extends DeferredFinding {
  constructor(
    code: RuleCode,
    message: string,
    private readonly stat: Statistic,
    factId: string | undefined,
    private readonly on: FixContext,
    private readonly fact: FactEntry | undefined,
    /** The sources the figure's sentence cites, when one of them may be replaced by the fact's. */
    private readonly cited: readonly string[],
    private readonly preferred: boolean,
  ) {
    super(code, message, stat.span);
    this.factId = factId;
  }

  protected computeFixes(): FixData[] | undefined {
    const { stat, fact, on } = this;
    if (!fact) return undefined;
    if (this.code === 'stat.mismatch') return [mismatchFix(on.model, stat, fact, this.preferred)];
    const fix = insertCitationFix(on.model, on.facts, {
      sourceId: fact.fact.source,
      locator: fact.fact.locator,
      at: { sentence: stat.sentence },
    });
    const instead = this.cited.length === 1 ? citeInsteadFix(on.model, on.notes, stat, this.cited[0]!, fact.fact.source) : undefined;
    const title = instead ? `Also cite ${fact.fact.source}` : fix.title;
    const also = { ...fix, title: `${title}: “${fact.fact.quote}”`, preferred: !instead };
    return instead ? [instead, also] : [also];
  }
}

/** Matches the statistics [first, last) of a sentence. */
function matchSentence(
  stats: readonly Statistic[],
  first: number,
  last: number,
  text: string,
  block: ProseBlock,
  circumstances: Circumstances,
  matching: Matching,
): SentenceResults {
  const { start, end, tableSubject, cited, sources } = circumstances;
  const subject = new SubjectText(
    tableSubject ?? block.masked,
    tableSubject === undefined ? start : 0,
    tableSubject === undefined ? end : tableSubject.length,
  );
  const place: FigurePlace = {
    masked: block.masked,
    blockStart: block.span.start,
    start,
    end,
    subjectText: tableSubject,
    subject: undefined,
  };
  // A fact that supports one figure of the sentence is not what another figure of it is about.
  let accounted: Set<FactEntry> | undefined;
  if (cited && last - first > 1 && sources.known.length > 0) {
    for (let k = first; k < last; k++) {
      const fact = supportingCandidate(stats[k]!, sources, matching);
      if (fact) (accounted ??= new Set()).add(fact);
    }
  }
  const results: StatResult[] = [];
  for (let k = first; k < last; k++)
    results.push(resultOfStatistic(stats[k]!, block.span.start, text, cited, sources, subject, matching, place, accounted));
  const { at, match, finding } = results[0]!;
  const rest = results.length > 1 ? results.slice(1) : NO_MORE;
  // One shape for every SentenceResults (written out in full: a spread would make a slow one).
  return { start, end, tableSubject, cited, sources, at, match, finding, masked: block.masked, count: results.length, rest, used: 0 };
}

/** Matches one statistic and writes its finding. */
function resultOfStatistic(
  stat: Statistic,
  blockStart: number,
  text: string,
  cited: boolean,
  sources: CitedSources,
  subject: SubjectText,
  matching: Matching,
  place: FigurePlace,
  accounted: Set<FactEntry> | undefined,
): StatResult {
  const { status, fact, cite, anyCandidate, judged } = matchStatistic(stat, cited, sources, subject, matching, place, accounted);
  const match: StatMatch = {
    status,
    fact: status === 'uncited' ? cite : fact,
    sources: status === 'uncited' || (status === 'unchecked' && sources.known.length === 0) ? [] : sources.known,
  };
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
  return {
    title: `Cite ${right} instead of ${wrong}`,
    edits: [{ span: def.keys[0]!.span, newText: `@${right}` }],
    safe: false,
    preferred: true,
  };
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

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
