// Raised in a fact file while it is read (facts/quoteMismatch.ts).
import type { Finding, Span } from '../types';
import { defineRule } from './ruleDefinition';

export const factsQuoteMismatch = defineRule({
  code: 'facts.quoteMismatch',
  severity: 'warning',
  description: "In a fact file: no figure of a fact's quote, in its unit, is consistent with its value.",
});

/** A facts.quoteMismatch finding: the quote's figures in the fact's unit, as written, against its value. */
export function quoteMismatchFinding(written: readonly string[], value: number, span: Span, factId: string): Finding {
  const message = `Quote says ${joined(written)}; value is ${value}. Check the value against the quote.`;
  return { code: factsQuoteMismatch.code, severity: factsQuoteMismatch.severity, message, span, factId };
}

function joined(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
