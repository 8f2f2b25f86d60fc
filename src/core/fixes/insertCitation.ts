import { analyzeBriefing } from '../analyze/analyzeBriefing';
import type { FactIndex } from '../facts/factIndex';
import { normalizeUrl } from '../facts/factIndex';
import type { BriefingModel, NoteDef, NoteNamespace } from '../model';
import { resolveNotes } from '../notes/resolve';
import type { FixData, TextEdit } from '../types';
import { applyEdits } from './applyEdits';
import { renumberFix, renumberMapping } from './renumber';
import { changedStretch } from './changedStretch';

export interface CitationRequest {
  sourceId: string;
  /** Where in the source (`table 4`), written after the key. */
  locator?: string | undefined;
  /** Where the reference goes: right after this offset's sentence, or exactly here. */
  at: { sentence: number } | { offset: number };
}

/** The namespace new notes are written in: the document's own, footnotes by default. */
export function preferredNamespace(model: BriefingModel): NoteNamespace {
  const endnoteList = model.defs.some((d) => d.form === 'list-item' || d.form === 'bracket-line');
  const endnoteRefs = model.refs.filter((r) => r.namespace === 'endnote').length;
  const footnoteRefs = model.refs.filter((r) => r.namespace === 'footnote').length;
  return endnoteList && endnoteRefs > footnoteRefs ? 'endnote' : 'footnote';
}

/** The next free note number: one above every numeric label in use, in either style. */
export function nextNoteNumber(model: BriefingModel): number {
  let max = 0;
  for (const r of model.refs) if (r.number !== undefined && r.number > max) max = r.number;
  for (const d of model.defs) if (d.number !== undefined && d.number > max) max = d.number;
  return max + 1;
}

/** A definition in `namespace` that already cites the source, to cite again. */
export function noteCitingSource(model: BriefingModel, facts: FactIndex, sourceId: string, namespace: NoteNamespace): NoteDef | undefined {
  const url = facts.sources.get(sourceId)?.source.url;
  const wanted = url ? normalizeUrl(url) : undefined;
  return model.defs.find(
    (d) =>
      d.namespace === namespace &&
      d.form !== 'html-li' &&
      (d.keys.some((k) => k.id === sourceId) || (wanted !== undefined && d.urls.some((u) => normalizeUrl(u.url) === wanted))),
  );
}

/** Where a reference to a sentence goes: after its last character (and closing quote). */
export function sentenceEnd(model: BriefingModel, sentence: number): number {
  const s = model.sentences[sentence]!;
  const inTable = model.blocks[s.block]!.table !== undefined;
  let end = s.span.end;
  while (end > s.span.start && (/\s/.test(model.text[end - 1]!) || (inTable && model.text[end - 1] === '|'))) end--;
  return end;
}

function noteText(request: CitationRequest): string {
  return `@${request.sourceId}${request.locator ? `, ${request.locator}` : ''}.`;
}

/**
 * Inserts a citation of a source: a reference at the end of the sentence and, unless a
 * note already cites that source, a new definition with the next free number after the
 * document's last note (in the document's own note style).
 */
export function insertCitationFix(model: BriefingModel, facts: FactIndex, request: CitationRequest): FixData {
  const namespace = preferredNamespace(model);
  const at = 'sentence' in request.at ? sentenceEnd(model, request.at.sentence) : request.at.offset;
  const existing = noteCitingSource(model, facts, request.sourceId, namespace);
  const edits: TextEdit[] = [];
  const refFor = (label: string) => (namespace === 'footnote' ? `[^${label}]` : `[${label}]`);
  if (existing) {
    edits.push({ span: { start: at, end: at }, newText: refFor(existing.label) });
    const kept = keepOrder(model, namespace, at, existing.number, edits);
    return { title: `Cite ${request.sourceId} (note ${kept.label ?? existing.label})`, edits: kept.edits, safe: false };
  }
  const n = nextNoteNumber(model);
  edits.push({ span: { start: at, end: at }, newText: refFor(String(n)) });
  edits.push(definitionInsertion(model, namespace, n, noteText(request)));
  const kept = keepOrder(model, namespace, at, n, edits);
  return { title: `Cite ${request.sourceId} in a new note ${kept.label ?? n}`, edits: kept.edits, safe: false };
}

/**
 * A reference inserted before notes cited later (a new note n+1 in the first paragraph,
 * or note 3 cited again ahead of note 2) would put the notes out of order. When they
 * were in order, the fix renumbers them as part of the citation, as a word processor
 * does; when they were not, that is note.order's business and the fix leaves it alone.
 * Returns the edits (one replacement of the changed stretch when renumbered) and the
 * new reference's final label.
 */
function keepOrder(
  model: BriefingModel,
  namespace: NoteNamespace,
  at: number,
  number: number | undefined,
  edits: TextEdit[],
): { edits: TextEdit[]; label?: string } {
  if (number === undefined || staysInOrder(model, namespace, at, number)) return { edits };
  if (renumberMapping({ model, notes: resolveNotes(model) }, namespace)) return { edits };
  const inserted = applyEdits(model.text, edits);
  const next = analyzeBriefing(inserted);
  const fix = renumberFix({ model: next, notes: resolveNotes(next) }, namespace);
  if (!fix) return { edits };
  const result = applyEdits(inserted, fix.edits);
  const ref = next.refs.find((r) => r.namespace === namespace && r.span.start === at);
  const mapped =
    ref?.number !== undefined ? renumberMapping({ model: next, notes: resolveNotes(next) }, namespace)?.get(ref.number) : undefined;
  return { edits: [changedStretch(model.text, result)], label: mapped === undefined ? undefined : String(mapped) };
}

/** Whether numeric notes stay first cited in ascending order with a reference to `number` at `at`. */
function staysInOrder(model: BriefingModel, namespace: NoteNamespace, at: number, number: number): boolean {
  const numeric = model.refs.filter((r) => r.namespace === namespace && r.number !== undefined);
  const running = numeric.filter((r) => !r.inDefinition);
  const sequence = [
    ...running.filter((r) => r.span.start < at).map((r) => r.number!),
    number,
    ...running.filter((r) => r.span.start >= at).map((r) => r.number!),
    ...numeric.filter((r) => r.inDefinition).map((r) => r.number!),
  ];
  const seen = new Set<number>();
  let highest = 0;
  for (const n of sequence) {
    if (seen.has(n)) continue;
    seen.add(n);
    if (n < highest) return false;
    highest = n;
  }
  return true;
}

function definitionInsertion(model: BriefingModel, namespace: NoteNamespace, n: number, body: string): TextEdit {
  const { text } = model;
  const same = model.defs.filter((d) => d.namespace === namespace && d.form !== 'html-li');
  const last = same[same.length - 1];
  if (last) {
    const end = last.span.end;
    const line =
      last.form === 'list-item'
        ? `${n}${text.slice(last.labelSpan.end - 1, last.labelSpan.end)} ${body}`
        : last.form === 'bracket-line'
          ? `[${n}] ${body}`
          : `[^${n}]: ${body}`;
    // Keep the list's spacing: a loose list gets a blank line between items.
    const loose = same.length > 1 && /\n\s*\n/.test(text.slice(same[same.length - 2]!.span.end, last.span.start));
    return { span: { start: end, end }, newText: (loose ? '\n\n' : '\n') + line };
  }
  const def = namespace === 'footnote' ? `[^${n}]: ${body}` : `${n}. ${body}`;
  const gap = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return { span: { start: text.length, end: text.length }, newText: `${gap}${def}\n` };
}
