// What the statistics rule found for a sentence and its statistics: what the rule writes
// and the statistics memo (src/core/incremental/statisticsMemo.ts) keeps and reuses.
import type { FactEntry } from '../facts/factIndex';
import type { CitedSources } from './citedSources';
import type { StatMatch } from './matchStatistic';

export type StatCode = 'stat.uncited' | 'stat.mismatch' | 'stat.unsupported';

/** What a statistic's finding says (when it is neither supported nor unchecked). */
export interface StatFinding {
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

/** What the results of a sentence's statistics depend on besides its block's masked text. */
export interface Circumstances {
  /** The sentence's place in its block. */
  start: number;
  end: number;
  /** A table cell's subject text; in prose a sentence is its own subject. */
  tableSubject: string | undefined;
  cited: boolean;
  sources: CitedSources;
}

/** What became of one statistic. */
export interface StatResult {
  /** Where it starts in its block's masked text (which decides the statistics). */
  at: number;
  match: StatMatch;
  finding: StatFinding | undefined;
}

/**
 * What became of the statistics of one sentence, with the circumstances they were found
 * in: the first statistic's result, then the others' (most sentences have one).
 */
export interface SentenceResults extends Circumstances, StatResult {
  /** Its block's masked text. */
  masked: string;
  count: number;
  rest: StatResult[];
  /** The last check that used it. */
  used: number;
}

/** The result of the k-th statistic of a sentence. */
export function resultAt(o: SentenceResults, k: number): StatResult {
  return k === 0 ? o : o.rest[k - 1]!;
}
