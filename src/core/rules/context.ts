import type { RuleCode } from '../codes';
import type { FactIndex } from '../facts/factIndex';
import type { BlockMemo } from '../incremental/blockMemo';
import type { BriefingModel } from '../model';
import type { NoteResolution } from '../notes/resolve';
import type { FixData, Span } from '../types';
import type { StatisticsMemo } from '../incremental/statisticsMemo';
import type { StatMatch } from '../stats/matchStatistic';

/** A finding before severities are applied: rules do not know the user's settings. */
export interface RawFinding {
  code: RuleCode;
  message: string;
  span: Span;
  factId?: string;
  /**
   * Fixes, or a function that computes them. Computing a fix can cost a re-analysis
   * (an inserted citation may renumber the notes), so rules defer it: the CLI never
   * asks, the language server asks only for the diagnostics a code action is wanted on.
   */
  fixes?: FixData[] | (() => FixData[] | undefined);
}

/** Everything a rule may read; computed once per check. */
export interface RuleContext {
  model: BriefingModel;
  notes: NoteResolution;
  facts: FactIndex;
  /** Per statistic, what it was matched to (set by the statistics rule). */
  matches: StatMatch[];
  /** 1-based line of an offset, for messages that point elsewhere ("defined on line 12"). */
  lineOf(offset: number): number;
  /** `briefing.staleAfter` ("2y", "18m", "90d"), which turns `fact.stale` on. */
  staleAfter?: string | undefined;
  /** The date `fact.stale` counts back from when the briefing has no `date:`; now when absent. */
  today?: Date | undefined;
  /** The statistics pass's matches from the checks of earlier versions of the same document. */
  statisticsMemo?: StatisticsMemo | undefined;
  /** What the last check of the same document read from each block's text (incremental checks only). */
  blocks?: BlockMemo | undefined;
}
