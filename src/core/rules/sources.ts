import type { RawFinding, RuleContext } from './context';

/** source.unknown on `@id` keys, note.noSource on notes that name no known source. */
export function checkSources(context: RuleContext): RawFinding[] {
  const { model, facts } = context;
  const findings: RawFinding[] = [];
  for (const key of model.keys) {
    if (facts.sources.has(key.id)) continue;
    findings.push({
      code: 'source.unknown',
      message: facts.isEmpty
        ? `@${key.id} names no source: no fact file is loaded.`
        : `@${key.id} names no source in the loaded fact files.`,
      span: key.span,
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
    });
  }
  return findings;
}
