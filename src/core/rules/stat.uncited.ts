// Found by the statistics pass (rules/statistics.ts), which matches each figure once and
// reports stat.uncited, stat.mismatch and stat.unsupported, writing their messages.
import { checkStatistics } from './statistics';
import { defineRule } from './ruleDefinition';

export const statUncited = defineRule({
  code: 'stat.uncited',
  severity: 'warning',
  description: 'A statistic whose sentence cites nothing.',
  check: checkStatistics,
});
