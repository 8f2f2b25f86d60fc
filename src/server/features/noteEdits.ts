/**
 * Writing a definition for a note that has none. The engine has the same logic for
 * new citations (insertCitation.ts, not exported); this mirrors it for a given label
 * until the engine exports a `defineNoteFix` (requested).
 */
import type { BriefingModel, FixData, NoteRef, TextEdit } from '../../core';

/** A definition of `ref`'s label with `body`, after the last note of its kind. */
export function defineNoteFix(model: BriefingModel, ref: NoteRef, body: string, title: string): FixData {
  const { text } = model;
  const same = model.defs.filter((d) => d.namespace === ref.namespace && d.form !== 'html-li');
  const last = same[same.length - 1];
  const content = body === '' ? '' : ` ${body}`;
  let edit: TextEdit;
  if (last) {
    const line =
      last.form === 'list-item'
        ? `${ref.label}${text.slice(last.labelSpan.end - 1, last.labelSpan.end)}${content}`
        : last.form === 'bracket-line'
          ? `[${ref.label}]${content}`
          : `[^${ref.label}]:${content}`;
    // A loose list keeps its blank lines between items.
    const loose = same.length > 1 && /\n\s*\n/.test(text.slice(same[same.length - 2]!.span.end, last.span.start));
    edit = { span: { start: last.span.end, end: last.span.end }, newText: (loose ? '\n\n' : '\n') + line };
  } else {
    const def = ref.namespace === 'footnote' ? `[^${ref.label}]:${content}` : `${ref.label}.${content}`;
    const heading = ref.namespace === 'endnote' && !model.notesSection ? '## Notes\n\n' : '';
    const gap = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    edit = { span: { start: text.length, end: text.length }, newText: `${gap}${heading}${def}\n` };
  }
  return { title, edits: [edit], safe: false };
}
