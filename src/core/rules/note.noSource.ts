import type { FactIndex } from '../facts/factIndex';
import type { NoteDef } from '../model';
import { contentWords } from '../stats/words';
import type { FixData } from '../types';
import type { RawFinding, RuleContext } from './context';
import { defineRule } from './ruleDefinition';

export const noteNoSource = defineRule({
  code: 'note.noSource',
  severity: 'info',
  description: "A note names no known source: no `@source-id`, no link to a loaded source's URL.",
  check: checkNotesWithoutSource,
});

function checkNotesWithoutSource(context: RuleContext): RawFinding[] {
  const { model, facts } = context;
  const findings: RawFinding[] = [];
  // Without any fact file there is nothing a note could name; saying so on every note is noise.
  if (facts.isEmpty) return findings;
  for (const def of model.defs) {
    if (def.keys.length > 0) continue;
    if (def.urls.some((u) => facts.sourceByUrl(u.url))) continue;
    findings.push({
      code: 'note.noSource',
      message: `Note ${def.namespace === 'footnote' ? `[^${def.label}]` : `[${def.label}]`} names no known source: add @source-id or a link to a source's URL.`,
      span: def.labelSpan,
      fixes: () =>
        sourcesNamedIn(def, facts).map((id, i): FixData => ({
          title: `Cite @${id}`,
          edits: [{ span: { start: def.textSpan.start, end: def.textSpan.start }, newText: `@${id}, ` }],
          safe: false,
          preferred: i === 0,
        })),
    });
  }
  return findings;
}

/**
 * Sources a note names in words rather than by `@id` ("ACER, European gas market monitoring
 * report 2024"): those whose title (with its publisher) shares at least two content words
 * with the note and at least half of the title's, best first.
 */
function sourcesNamedIn(def: NoteDef, facts: FactIndex): string[] {
  const words = contentWords(def.text);
  if (words.size === 0) return [];
  const scored: { id: string; shared: number }[] = [];
  for (const { id, source } of facts.sources.values()) {
    const title = contentWords(`${source.title} ${source.publisher ?? ''} ${id.replace(/[-_]/g, ' ')}`);
    let shared = 0;
    for (const w of title) if (words.has(w)) shared++;
    if (shared >= 2 && shared * 2 >= title.size) scored.push({ id, shared });
  }
  return scored
    .sort((a, b) => b.shared - a.shared)
    .slice(0, 3)
    .map((s) => s.id);
}
