import { editDistance } from '../facts/keyTypos';
import type { FactIndex } from '../facts/factIndex';
import type { NoteDef } from '../model';
import { contentWords } from '../stats/words';
import type { FixData } from '../types';
import type { RawFinding, RuleContext } from './context';

/** source.unknown on `@id` keys, note.noSource on notes that name no known source. */
export function checkSources(context: RuleContext): RawFinding[] {
  const { model, facts } = context;
  const findings: RawFinding[] = [];
  for (const key of model.keys) {
    if (facts.sources.has(key.id)) continue;
    findings.push({
      code: 'source.unknown',
      message: facts.isEmpty && facts.bibliographyNames.length === 0
        ? `@${key.id} names no source: no fact file or bibliography is loaded.`
        : facts.bibliographyNames.length === 0
          ? `@${key.id} names no source in the loaded fact files.`
          : `@${key.id} names no source: it is not in ${facts.bibliographyNames.join(', ')} or the fact files.`,
      span: key.span,
      fixes: () => nearestIds(key.id, facts).map((id, i): FixData => ({ title: `Change to @${id}`, edits: [{ span: key.span, newText: `@${id}` }], safe: false, preferred: i === 0 })),
    });
  }
  // Without any fact file there is nothing a note could name; saying so on every note is noise.
  if (facts.isEmpty) return findings;
  for (const def of model.defs) {
    if (def.keys.length > 0) continue;
    if (def.urls.some((u) => facts.sourceByUrl(u.url))) continue;
    findings.push({
      code: 'note.noSource',
      message: `Note ${def.namespace === 'footnote' ? `[^${def.label}]` : `[${def.label}]`} names no known source: add @source-id or a link to a source's URL.`,
      span: def.labelSpan,
      fixes: () => sourcesNamedIn(def, facts).map((id, i): FixData => ({ title: `Cite @${id}`, edits: [{ span: { start: def.textSpan.start, end: def.textSpan.start }, newText: `@${id}, ` }], safe: false, preferred: i === 0 })),
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
  return scored.sort((a, b) => a.distance - b.distance).slice(0, 3).map((s) => s.id);
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
  return scored.sort((a, b) => b.shared - a.shared).slice(0, 3).map((s) => s.id);
}
