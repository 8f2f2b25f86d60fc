/**
 * The figures a fact's quote states. A quote often gives several figures of one passage
 * ("rose from 0.1 percent in 2023 to 0.5 percent in 2024") while the fact records one of
 * them; a cited figure that the quote states, in the same unit, is supported by the
 * quote (docs/statistics.md, "Support from a quote").
 */
import type { Fact } from '../facts/schema';
import type { StatUnit } from '../model';
import { claimSupports, type Claim } from './claim';
import { extractStatistics, type ExtractedStatistic } from './extract';
import { unitKeysOfStatistic } from './unitKeys';

const figures = new WeakMap<Fact, ExtractedStatistic[]>();
/** Per quote figure, the unit keys it may be compared in: worked out with the figures, once per fact. */
const figureKeys = new WeakMap<ExtractedStatistic, readonly string[]>();

/** The statistics in a fact's quote, read by the same extractor as briefings (once per fact). */
export function quoteFigures(fact: Fact): ExtractedStatistic[] {
  let found = figures.get(fact);
  if (!found) {
    figures.set(fact, (found = extractStatistics(fact.quote)));
    for (const figure of found) figureKeys.set(figure, unitKeysOfStatistic(figure.unit));
  }
  return found;
}

/** The figure of the fact's quote, in one of the unit's keys, that the claim admits; undefined when none does. */
export function quoteFigureSupporting(fact: Fact, claim: Claim, unit: StatUnit): ExtractedStatistic | undefined {
  const quoted = quoteFigures(fact);
  if (quoted.length === 0) return undefined;
  const keys = unitKeysOfStatistic(unit);
  for (const figure of quoted) {
    if (!figureKeys.get(figure)!.some((k) => keys.includes(k))) continue;
    if (claimSupports(claim, figure.value)) return figure;
  }
  return undefined;
}

/** The unit keys a figure of a quote (from quoteFigures) may be compared in. */
export function quoteFigureKeys(figure: ExtractedStatistic): readonly string[] {
  return figureKeys.get(figure)!;
}
