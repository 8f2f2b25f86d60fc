import type { FactEntry, FactIndex } from '../facts/factIndex';
import { insertCitationFix } from '../fixes/insertCitation';
import { replaceFigureFix } from '../fixes/replaceFigure';
import type { BriefingModel, Statistic } from '../model';
import { claimSupports } from '../stats/claim';
import { unitKeyOfFact, unitKeysOfStatistic } from '../stats/unitKeys';
import { quoteFigureSupporting } from '../stats/quoteFigures';
import type { FixData } from '../types';
import type { RawFinding, RuleContext } from './context';
import { describeValue } from '../stats/valueWording';
import { defineRule } from './ruleDefinition';

export const factSuperseded = defineRule({
  code: 'fact.superseded',
  severity: 'warning',
  description: 'A statistic is supported only by a fact that a newer one replaces (`supersededBy`).',
  check: checkSuperseded,
});

/**
 * `fact.superseded`: a cited statistic that only a replaced fact supports (one with
 * `supersededBy`). The figure was right when the fact was recorded; the message and the
 * fix give the figure that replaces it. Reads what the statistics rule matched.
 */
function checkSuperseded(context: RuleContext): RawFinding[] {
  const { model, facts, matches } = context;
  // Most fact files replace nothing: then there is nothing to look for.
  if (!facts.hasReplacedFacts) return [];
  const findings: RawFinding[] = [];
  matches.forEach((match, i) => {
    if (match.status !== 'supported' || !match.fact?.fact.supersededBy) return;
    const stat = model.stats[i]!;
    if (supportedByCurrentFact(stat, match.sources, facts)) return;
    const old = match.fact;
    const newer = latest(old, facts);
    if (!newer) return;
    const n = newer.fact;
    const written = model.text.slice(stat.span.start, stat.span.end).replace(/\s+/g, ' ');
    const when = n.asOf ? `, as of ${n.asOf}` : '';
    const message = `${written} is from ${old.fact.id}${old.fact.asOf ? ` (${old.fact.asOf})` : ''}, which ${n.id} replaces: ${n.source} gives ${describeValue(n)}${when}.`;
    findings.push({
      code: 'fact.superseded',
      message,
      span: stat.span,
      factId: old.fact.id,
      fixes: () => newerFigureFixes(model, facts, stat, newer, match.sources),
    });
  });
  return findings;
}

/** Whether a fact of the cited sources that nothing replaces supports the statistic, by its value or its quote. */
function supportedByCurrentFact(stat: Statistic, sources: readonly string[], facts: FactIndex): boolean {
  const keys = unitKeysOfStatistic(stat.unit);
  for (const source of sources) {
    for (const entry of facts.factsOfSource(source)) {
      if (entry.fact.supersededBy || !keys.includes(unitKeyOfFact(entry.fact.unit))) continue;
      if (claimSupports(stat, entry.fact.value) || quoteFigureSupporting(entry.fact, stat, stat.unit)) return true;
    }
  }
  return false;
}

/** The end of the chain of replacements from `entry` (a chain that loops, or names an unknown id, gives undefined). */
export function latest(entry: FactEntry, facts: FactIndex): FactEntry | undefined {
  const seen = new Set<string>([entry.fact.id]);
  let current = entry;
  while (current.fact.supersededBy) {
    const next = facts.factById(current.fact.supersededBy);
    if (!next || seen.has(next.fact.id)) return undefined;
    seen.add(next.fact.id);
    current = next;
  }
  return current;
}

/**
 * Writes the newer figure and, when it comes from a source the sentence does not cite,
 * cites that source too (one fix when the edits do not touch, else two).
 */
function newerFigureFixes(
  model: BriefingModel,
  facts: FactIndex,
  stat: Statistic,
  newer: FactEntry,
  cited: readonly string[],
): FixData[] | undefined {
  if (!unitKeysOfStatistic(stat.unit).includes(unitKeyOfFact(newer.fact.unit))) return undefined;
  const replace = replaceFigureFix(model, stat, newer);
  const title = replace.title.replace(/, as .* says$/, `, the newer figure (${newer.fact.id})`);
  if (cited.includes(newer.fact.source)) return [{ ...replace, title }];
  const cite = insertCitationFix(model, facts, {
    sourceId: newer.fact.source,
    locator: newer.fact.locator,
    at: { sentence: stat.sentence },
  });
  const overlaps = cite.edits.some((c) => replace.edits.some((r) => c.span.start < r.span.end && r.span.start < c.span.end));
  if (overlaps) return [{ ...replace, title }, cite];
  return [
    {
      title: `${title} and cite ${newer.fact.source}`,
      edits: [...replace.edits, ...cite.edits].sort((a, b) => a.span.start - b.span.start),
      safe: false,
      preferred: true,
    },
  ];
}
