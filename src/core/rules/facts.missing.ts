// Raised in a briefing for the fact files it names (facts/briefingFactFiles.ts).
import { defineRule } from './ruleDefinition';

export const factsMissing = defineRule({
  code: 'facts.missing',
  severity: 'error',
  description: 'A fact file or bibliography named in the front matter does not exist.',
});

/** The message of a facts.missing finding; `kind` is "Fact file" or "Bibliography". */
export function factsMissingMessage(kind: string, name: string): string {
  return `${kind} ${name} does not exist: create it, or correct the path (relative to this briefing).`;
}
