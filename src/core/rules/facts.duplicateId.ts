// Raised when fact files are joined into one index (facts/factIndex.ts).
import type { Finding, Span } from '../types';
import { defineRule } from './ruleDefinition';

export const factsDuplicateId = defineRule({
  code: 'facts.duplicateId',
  severity: 'error',
  description:
    'A fact id or source id is defined twice among the fact files one briefing loads (reported on the second; the first is used).',
});

/** A facts.duplicateId finding on the second definition of `id`, which `where` says where the first is. */
export function duplicateIdFinding(kind: 'Source' | 'Fact', id: string, where: string, span: Span): Finding {
  const finding: Finding = {
    code: factsDuplicateId.code,
    severity: factsDuplicateId.severity,
    message: `${kind} id "${id}" is already defined ${where}`,
    span,
  };
  if (kind === 'Fact') finding.factId = id;
  return finding;
}
