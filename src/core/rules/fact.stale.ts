import { parse as parseYaml } from 'yaml';
import type { FactEntry, FactIndex } from '../facts/factIndex';
import type { BriefingModel } from '../model';
import type { RawFinding, RuleContext } from './context';
import { defineRule } from './ruleDefinition';

export const factStale = defineRule({
  code: 'fact.stale',
  severity: 'info',
  description: 'The fact supporting a statistic is older than `briefing.staleAfter`.',
  onlyWhen: 'once `briefing.staleAfter` is set',
  check: (context) => checkStale(context, parseStaleAfter(context.staleAfter), context.today),
});

/** `briefing.staleAfter`: a whole number of years, months or days ("2y", "18m", "90d"). */
export interface StaleAfter {
  amount: number;
  unit: 'y' | 'm' | 'd';
}

/** Reads a `briefing.staleAfter` setting; undefined when it is empty or not a duration. */
export function parseStaleAfter(text: string | undefined): StaleAfter | undefined {
  const m = /^\s*(\d+)\s*([ymd])\s*$/i.exec(text ?? '');
  if (!m) return undefined;
  const amount = Number(m[1]);
  return amount > 0 ? { amount, unit: m[2]!.toLowerCase() as StaleAfter['unit'] } : undefined;
}

/**
 * `fact.stale`: a statistic whose supporting fact is older than `staleAfter`, counted back
 * from the briefing's front matter `date:` (what it was written as of), else from `today`.
 * A fact's age is its `asOf`, else its source's `published`; a fact with neither is not judged.
 */
function checkStale(context: RuleContext, staleAfter: StaleAfter | undefined, today: Date = new Date()): RawFinding[] {
  if (!staleAfter) return [];
  const { model, facts, matches } = context;
  const dated = briefingDate(model);
  const reference = dated ?? today;
  const cutoff = shiftBack(reference, staleAfter);
  const findings: RawFinding[] = [];
  matches.forEach((match, i) => {
    if (match.status !== 'supported' || !match.fact) return;
    const factDate = dateOf(match.fact, facts);
    if (!factDate || factDate.date >= cutoff) return;
    const stat = model.stats[i]!;
    const written = model.text.slice(stat.span.start, stat.span.end).replace(/\s+/g, ' ');
    const what =
      factDate.from === 'asOf'
        ? `${match.fact.fact.id} is as of ${factDate.text}`
        : `${match.fact.fact.source} was published ${factDate.text}`;
    const since = dated ? "before the briefing's date" : 'ago';
    const message = `${written}: ${what}, more than ${describe(staleAfter)} ${since}; check for a newer figure.`;
    findings.push({ code: 'fact.stale', message, span: stat.span, factId: match.fact.fact.id });
  });
  return findings;
}

function describe(d: StaleAfter): string {
  const word = { y: 'year', m: 'month', d: 'day' }[d.unit];
  return `${d.amount} ${word}${d.amount === 1 ? '' : 's'}`;
}

function shiftBack(date: Date, d: StaleAfter): Date {
  const shifted = new Date(date.getTime());
  if (d.unit === 'y') shifted.setUTCFullYear(shifted.getUTCFullYear() - d.amount);
  else if (d.unit === 'm') shifted.setUTCMonth(shifted.getUTCMonth() - d.amount);
  else shifted.setUTCDate(shifted.getUTCDate() - d.amount);
  return shifted;
}

/** A fact's date: its `asOf`, else its source's `published`. */
function dateOf(entry: FactEntry, facts: FactIndex): { date: Date; text: string; from: 'asOf' | 'published' } | undefined {
  const asOf = entry.fact.asOf && parseDate(entry.fact.asOf, 'end');
  if (asOf) return { date: asOf, text: entry.fact.asOf!, from: 'asOf' };
  const published = facts.sources.get(entry.fact.source)?.source.published;
  const date = published && parseDate(published, 'end');
  return date ? { date, text: published, from: 'published' } : undefined;
}

/**
 * "2024-03-31", "2024-03", "2024", "2024-Q1". A partial date stands for its last day when
 * it is a fact's (a figure "as of 2023" may be from December), so nothing is called stale early.
 */
export function parseDate(text: string, side: 'start' | 'end'): Date | undefined {
  const t = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  m = /^(\d{4})-?[Qq]([1-4])$/.exec(t);
  if (m) return side === 'end' ? new Date(Date.UTC(+m[1]!, 3 * +m[2]!, 0)) : new Date(Date.UTC(+m[1]!, 3 * (+m[2]! - 1), 1));
  m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m) return side === 'end' ? new Date(Date.UTC(+m[1]!, +m[2]!, 0)) : new Date(Date.UTC(+m[1]!, +m[2]! - 1, 1));
  m = /^(\d{4})$/.exec(t);
  if (m) return side === 'end' ? new Date(Date.UTC(+m[1]!, 11, 31)) : new Date(Date.UTC(+m[1]!, 0, 1));
  return undefined;
}

/** The front matter's `date:`, if it is a date. */
function briefingDate(model: BriefingModel): Date | undefined {
  const span = model.frontMatter.span;
  if (!span) return undefined;
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(model.text.slice(span.start, span.end));
  if (!m) return undefined;
  let data: unknown;
  try {
    data = parseYaml(m[1]!);
  } catch {
    return undefined;
  }
  const date = (data as Record<string, unknown> | null)?.date;
  if (date instanceof Date) return date;
  return typeof date === 'string' ? parseDate(date, 'start') : undefined;
}
