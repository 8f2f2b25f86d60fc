// Raised while a fact file is read (facts/parseFactFile.ts and the readers of the other
// formats) and when fact files are joined (facts/factIndex.ts: a fact whose source no
// loaded file defines).
import type { Finding, Span } from '../types';
import { defineRule } from './ruleDefinition';

export const factsInvalid = defineRule({
  code: 'facts.invalid',
  severity: 'error',
  description: 'A fact file cannot be read, or breaks the fact-file format.',
});

/** A facts.invalid finding at its default severity (the fact file's own; a briefing's settings do not reach it). */
export function factsInvalidFinding(span: Span, message: string, factId?: string): Finding {
  const finding: Finding = { code: factsInvalid.code, severity: factsInvalid.severity, message, span };
  if (factId !== undefined) finding.factId = factId;
  return finding;
}
