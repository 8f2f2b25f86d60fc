import type { Span } from '../types';
import { showLabel } from '../notes/resolve';
import type { RawFinding, RuleContext } from './context';
import { defineRule } from './ruleDefinition';

export const noteUnused = defineRule({
  code: 'note.unused',
  severity: 'warning',
  description: 'A note definition is never referenced.',
  check: checkUnusedNotes,
});

function checkUnusedNotes(context: RuleContext): RawFinding[] {
  const { model, notes } = context;
  const findings: RawFinding[] = [];
  // A numbered list under "References" in a document that cites no [n] note is a
  // bibliography, not endnotes; calling each entry unused would be noise.
  const endnoteRefs = model.refs.some((r) => r.namespace === 'endnote');
  const used = new Set(notes.refsByKey.keys());
  for (const def of notes.byKey.values()) {
    if (def.namespace === 'endnote' && !endnoteRefs) continue;
    if (used.has(`${def.namespace}:${def.key}`)) continue;
    findings.push({
      code: 'note.unused',
      message: `Note ${showLabel(def.namespace, def.label)} is defined but never referenced.`,
      span: def.labelSpan,
      fixes: [
        {
          title: `Remove the unused note ${showLabel(def.namespace, def.label)}`,
          edits: [{ span: removalSpan(model.text, def.span), newText: '' }],
          safe: false,
        },
      ],
    });
  }
  return findings;
}

/** The definition's lines, with one separating blank line, so removal leaves tidy text. */
function removalSpan(text: string, span: Span): Span {
  let start = span.start;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = span.end;
  while (end < text.length && text[end] !== '\n') end++;
  if (end < text.length) end++;
  if (text[end] === '\n' && (start === 0 || text[start - 2] === '\n' || text[start - 1] === '\n')) end++;
  return { start, end };
}
