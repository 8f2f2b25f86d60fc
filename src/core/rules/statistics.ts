import type { FactEntry } from '../facts/factIndex';
import { insertCitationFix } from '../fixes/insertCitation';
import { replaceFigureFix } from '../fixes/replaceFigure';
import type { Citation, Statistic } from '../model';
import { contentWords, factsByUnit, subjectOverlap, supports, type StatMatch } from '../stats/match';
import type { FixData } from '../types';
import type { RawFinding, RuleContext } from './context';

/** Describes a fact's value in words: "46 percent", "USD 2,100,000,000", "3,000 troops". */
export function describeValue(fact: FactEntry['fact']): string {
  const value = fact.value.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return /^[A-Z]{3}$/.test(fact.unit) ? `${fact.unit} ${value}` : `${value} ${fact.unit}`;
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
  const known = new Set<string>();
  let unchecked = false;
  const addUrl = (url: string) => {
    const source = facts.sourceByUrl(url);
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
        const source = facts.sourceByUrl(u.url);
        if (source) known.add(source.id);
      }
      if (known.size === before) unchecked = true;
    }
  }
  return { citations, sources: { known: [...known], unchecked } };
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

/** stat.uncited, stat.mismatch and stat.unsupported; fills context.matches. */
export function checkStatistics(context: RuleContext): RawFinding[] {
  const { model, facts } = context;
  const findings: RawFinding[] = [];
  const byUnit = factsByUnit(facts);
  const tableCitations = gatherTableCitations(context);
  const wordsOf = new Map<number, { words: Set<string>; text: string }>();
  const sentenceText = (i: number) => {
    const s = model.sentences[i]!;
    const b = model.blocks[s.block]!;
    return b.masked.slice(s.span.start - b.span.start, s.span.end - b.span.start);
  };
  const rowCells = tableCells(context);
  const sentenceWords = (i: number) => {
    let entry = wordsOf.get(i);
    if (!entry) {
      // A cell ("40%") rarely names its subject: the row's other cells ("Trade growth")
      // and the column's header do, so they count as the statistic's subject words, as
      // a citation in the row counts as the cell's citation.
      const cell = model.blocks[model.sentences[i]!.block]!.table;
      const context = cell
        ? [...(rowCells.get(`${cell.table}:${cell.row}`) ?? []), ...(cell.row === 0 ? [] : (rowCells.get(`${cell.table}:0:${cell.column}`) ?? []))]
        : [i];
      const text = context.map(sentenceText).join('\n');
      entry = { words: contentWords(text), text };
      wordsOf.set(i, entry);
    }
    return entry;
  };
  // A figure may wrap across lines; messages show it on one.
  const written = (stat: Statistic) => model.text.slice(stat.span.start, stat.span.end).replace(/\s+/g, ' ');
  /** The fact a citation should point to: one that supports the figure, on its subject. */
  const factToCite = (stat: Statistic, exclude: string[]): FactEntry | undefined => {
    const supporting = byUnit.supporting(stat).filter((f) => !exclude.includes(f.fact.source));
    if (supporting.length === 0) return undefined;
    const { words, text } = sentenceWords(stat.sentence);
    const best = bestBySubject(supporting, words, text)!;
    // A figure that merely equals some fact on another subject is no reason to cite it.
    if (best.overlap === 0 && supporting.length > 1) return undefined;
    return best.fact;
  };
  const citeFix = (stat: Statistic, fact: FactEntry) => (): FixData[] => {
    const fix = insertCitationFix(model, facts, { sourceId: fact.fact.source, locator: fact.fact.locator, at: { sentence: stat.sentence } });
    return [{ ...fix, title: `${fix.title}: “${fact.fact.quote}”`, preferred: true }];
  };

  for (const stat of model.stats) {
    const { citations, sources } = citedSources(context, stat, tableCitations);
    if (citations.length === 0) {
      const cite = facts.isEmpty ? undefined : factToCite(stat, []);
      context.matches.push({ status: 'uncited', fact: cite, sources: [] });
      findings.push({
        code: 'stat.uncited',
        message: `${capitalise(written(stat))} cites no source: add a note or a link to where it comes from.`,
        span: stat.span,
        factId: cite?.fact.id,
        fixes: cite ? citeFix(stat, cite) : undefined,
      });
      continue;
    }
    if (sources.known.length === 0) {
      context.matches.push({ status: 'unchecked', fact: undefined, sources: [] });
      continue;
    }
    const candidates = sources.known.flatMap((id) => byUnit.candidates(stat, id));
    const fit = candidates.find((f) => supports(stat, f));
    if (fit) {
      context.matches.push({ status: 'supported', fact: fit, sources: sources.known });
      continue;
    }
    const { words, text } = sentenceWords(stat.sentence);
    const best = bestBySubject(candidates, words, text);
    if (best && best.overlap > 0) {
      const fact = best.fact;
      context.matches.push({ status: 'mismatch', fact, sources: sources.known });
      findings.push({
        code: 'stat.mismatch',
        message: `Text says ${written(stat)}; ${fact.fact.source} says ${describeValue(fact.fact)}${fact.fact.locator ? ` (${fact.fact.locator})` : ''}.`,
        span: stat.span,
        factId: fact.fact.id,
        fixes: () => [replaceFigureFix(model, stat, fact)],
      });
      continue;
    }
    context.matches.push({ status: sources.unchecked ? 'unchecked' : 'unsupported', fact: undefined, sources: sources.known });
    if (sources.unchecked) continue;
    const cite = factToCite(stat, sources.known);
    const names = sources.known.join(', ');
    findings.push({
      code: 'stat.unsupported',
      message:
        candidates.length === 0
          ? `${capitalise(written(stat))} is not backed by the cited ${plural(sources.known.length, 'source')} (${names}): no fact there is in this unit.`
          : `${capitalise(written(stat))} is not backed by the cited ${plural(sources.known.length, 'source')} (${names}): no fact there has this value.`,
      span: stat.span,
      factId: cite?.fact.id,
      fixes: cite ? citeFix(stat, cite) : undefined,
    });
  }
  return findings;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

export type { StatMatch };
