// Found by the statistics pass (rules/statistics.ts), which matches each figure once and
// reports stat.uncited, stat.mismatch and stat.unsupported, writing their messages.
import { checkStatistics } from './statistics';
import { defineRule } from './ruleDefinition';

export const statUnsupported = defineRule({
  code: 'stat.unsupported',
  severity: 'warning',
  description: 'No fact of the cited sources supports a cited statistic, and none is clearly about it.',
  check: checkStatistics,
});
