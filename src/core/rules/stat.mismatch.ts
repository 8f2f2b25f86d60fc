// Found by the statistics pass (rules/statistics.ts), which matches each figure once and
// reports stat.uncited, stat.mismatch and stat.unsupported, writing their messages.
import { checkStatistics } from './statistics';
import { defineRule } from './ruleDefinition';

export const statMismatch = defineRule({
  code: 'stat.mismatch',
  severity: 'error',
  description: 'A cited statistic contradicts a fact of its source that is clearly about the same quantity.',
  check: checkStatistics,
});
