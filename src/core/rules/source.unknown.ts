import type { FactIndex } from '../facts/factIndex';
import { editDistance } from '../facts/keyTypos';
import type { FixData } from '../types';
import type { RawFinding, RuleContext } from './context';
import { defineRule } from './ruleDefinition';

export const sourceUnknown = defineRule({
  code: 'source.unknown',
  severity: 'error',
  description: '`@id` names no source in the loaded fact files or bibliographies.',
  check: checkUnknownSources,
});

function checkUnknownSources(context: RuleContext): RawFinding[] {
  const { model, facts } = context;
  const findings: RawFinding[] = [];
  for (const key of model.keys) {
    if (facts.sources.has(key.id)) continue;
    findings.push({
      code: 'source.unknown',
      message:
        facts.isEmpty && facts.bibliographyNames.length === 0
          ? `@${key.id} names no source: no fact file or bibliography is loaded.`
          : facts.bibliographyNames.length === 0
            ? `@${key.id} names no source in the loaded fact files.`
            : `@${key.id} names no source: it is not in ${facts.bibliographyNames.join(', ')} or the fact files.`,
      span: key.span,
      fixes: () =>
        nearestIds(key.id, facts).map((id, i): FixData => ({
          title: `Change to @${id}`,
          edits: [{ span: key.span, newText: `@${id}` }],
          safe: false,
          preferred: i === 0,
        })),
    });
  }
  return findings;
}

/** At most three known source ids that an unknown `id` may be a slip for, nearest first. */
function nearestIds(id: string, facts: FactIndex): string[] {
  const lower = id.toLowerCase();
  const allowed = Math.max(2, Math.floor(id.length / 3));
  const scored: { id: string; distance: number }[] = [];
  for (const known of facts.sources.keys()) {
    const other = known.toLowerCase();
    // "sputnik-2017" for "sputnik-2017-05": a prefix counts as close whatever its length.
    const distance = other.startsWith(lower) || lower.startsWith(other) ? 1 : editDistance(lower, other, allowed);
    if (distance <= allowed) scored.push({ id: known, distance });
  }
  return scored
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((s) => s.id);
}
