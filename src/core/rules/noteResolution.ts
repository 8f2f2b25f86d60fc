import type { NoteDef } from '../model';
import type { FixData } from '../types';
import { showLabel } from '../notes/resolve';
import type { RawFinding, RuleContext } from './context';

/** note.undefined, note.unused and note.duplicate. */
export function checkNoteResolution(context: RuleContext): RawFinding[] {
  const { model, notes } = context;
  const findings: RawFinding[] = [];
  const hasEndnoteDefs = model.defs.some((d) => d.namespace === 'endnote');
  model.refs.forEach((ref, i) => {
    if (notes.defOfRef[i]) return;
    const where =
      ref.namespace === 'footnote'
        ? `there is no [^${ref.label}]: definition`
        : hasEndnoteDefs || model.notesSection
          ? 'the notes list has no such item'
          : 'the document has no notes list';
    findings.push({ code: 'note.undefined', message: `Note ${showLabel(ref.namespace, ref.label)} has no definition: ${where}.`, span: ref.span });
  });

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
      fixes: [{ title: `Remove the unused note ${showLabel(def.namespace, def.label)}`, edits: [{ span: removalSpan(model.text, def.span), newText: '' }], safe: false }],
    });
  }

  for (const { def, first } of notes.duplicates) {
    findings.push({
      code: 'note.duplicate',
      message: `Note ${showLabel(def.namespace, def.label)} is defined twice; the first definition, on line ${context.lineOf(first.span.start)}, is the one used.`,
      span: def.labelSpan,
      fixes: () => renumberDuplicate(model, def),
    });
  }
  return findings;
}

/** The definition's lines, with one separating blank line, so removal leaves tidy text. */
function removalSpan(text: string, span: { start: number; end: number }): { start: number; end: number } {
  let start = span.start;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = span.end;
  while (end < text.length && text[end] !== '\n') end++;
  if (end < text.length) end++;
  if (text[end] === '\n' && (start === 0 || text[start - 2] === '\n' || text[start - 1] === '\n')) end++;
  return { start, end };
}

/**
 * Gives the second definition of a label a label of its own (the next free number, or
 * `label-2`), keeping its text: it then reads as an unused note the writer can cite.
 * Only for `[^n]:` and `[n]` lines, whose label is written out; a list item's number is
 * its place in the list.
 */
function renumberDuplicate(model: RuleContext['model'], def: NoteDef): FixData[] {
  if (def.form !== 'gfm' && def.form !== 'bracket-line') return [];
  const taken = new Set(model.defs.filter((d) => d.namespace === def.namespace).map((d) => d.label.toLowerCase()));
  for (const r of model.refs) if (r.namespace === def.namespace) taken.add(r.label.toLowerCase());
  let label: string;
  if (def.number !== undefined) {
    let n = 0;
    for (const t of taken) if (/^\d+$/.test(t)) n = Math.max(n, Number(t));
    label = String(n + 1);
  } else {
    let k = 2;
    while (taken.has(`${def.label}-${k}`.toLowerCase())) k++;
    label = `${def.label}-${k}`;
  }
  const written = def.form === 'gfm' ? `[^${label}]:` : `[${label}]`;
  const shown = def.form === 'gfm' ? `[^${label}]` : `[${label}]`;
  return [{ title: `Renumber the second definition as ${shown}`, edits: [{ span: def.labelSpan, newText: written }], safe: false, preferred: true }];
}
