import type { AnalyzeOptions } from '../analyze/analyzeBriefing';
import { checkModel, type CheckOptions, type CheckResult } from '../check';
import type { FactIndex } from '../facts/factIndex';
import { BlockMemo } from './blockMemo';
import { StatisticsMemo } from './statisticsMemo';
import { IncrementalAnalyzer } from './incrementalAnalyzer';

/**
 * Checks successive versions of one briefing (as an editor sends them), reusing what the
 * previous versions' checks found for the parts that did not change. `check` returns what
 * `checkBriefing` would.
 */
export class IncrementalChecker {
  private analyzer: IncrementalAnalyzer | undefined;
  private readonly memo = new StatisticsMemo();
  private readonly blocks = new BlockMemo();

  check(text: string, facts: FactIndex, options: CheckOptions = {}): CheckResult {
    const analyzeOptions: AnalyzeOptions = { citationScope: options.citationScope };
    if (!this.analyzer || this.analyzer.options.citationScope !== analyzeOptions.citationScope)
      this.analyzer = new IncrementalAnalyzer(analyzeOptions);
    this.blocks.begin();
    return checkModel(this.analyzer.update(text), facts, options, this.memo, this.blocks);
  }
}
