import type { BriefingModel, NoteDef, NoteRef } from '../model';
import type { FixData, TextEdit } from '../types';

/**
 * Converts numbered endnotes (`[n]`, `¹` or `<sup>n</sup>` references with a notes list)
 * into GFM footnotes: `[3]` → `[^3]`, `[1, 2]` → `[^1][^2]`, list item `3. text` →
 * `[^3]: text`. Raw-HTML endnotes (`<li id="fnN">` items) are left alone: they are the
 * web editor's markup, not a draft's. A `<sup>` reference to a Markdown notes list is a
 * draft's superscript like `¹`, and converts like one.
 */
export function convertEndnotesFix(model: BriefingModel): FixData | undefined {
  const refs = model.refs.filter((r) => r.namespace === 'endnote');
  const defs = model.defs.filter((d) => d.namespace === 'endnote');
  if (refs.length === 0 || defs.length === 0) return undefined;
  if (defs.some((d) => d.form === 'html-li')) return undefined;
  const edits: TextEdit[] = [];
  const groups = new Map<number, NoteRef[]>();
  for (const ref of refs) groups.set(ref.groupSpan.start, [...(groups.get(ref.groupSpan.start) ?? []), ref]);
  for (const group of groups.values()) {
    edits.push({ span: group[0]!.groupSpan, newText: group.map((r) => `[^${r.number}]`).join('') });
  }
  for (const def of defs) edits.push(convertDefinition(model.text, def));
  return { title: 'Convert [n] endnotes to [^n] footnotes', edits, safe: true };
}

function convertDefinition(text: string, def: NoteDef): TextEdit {
  if (def.form === 'bracket-line') return { span: def.labelSpan, newText: `[^${def.number}]:` };
  // A list item's continuation lines are indented to its marker; a footnote's need four
  // spaces, or its later paragraphs would fall out of the note.
  const body = text.slice(def.labelSpan.end, def.span.end);
  const indent = def.labelSpan.end - lineStart(text, def.span.start) + 1;
  const reindented = body.replace(/\n([ \t]*)(?=\S)/g, (_, lead: string) => '\n' + ' '.repeat(Math.max(4, 4 + lead.length - indent)));
  return { span: { start: def.labelSpan.start, end: def.span.end }, newText: `[^${def.number}]:${reindented}` };
}

function lineStart(text: string, at: number): number {
  while (at > 0 && text[at - 1] !== '\n') at--;
  return at;
}
