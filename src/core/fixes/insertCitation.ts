import type { FactIndex } from '../facts/factIndex';
import { normalizeUrl } from '../facts/factIndex';
import type { BriefingModel, NoteDef, NoteNamespace } from '../model';
import type { FixData, TextEdit } from '../types';

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
    return { title: `Cite ${request.sourceId} (note ${existing.label})`, edits, safe: false };
  }
  const n = nextNoteNumber(model);
  edits.push({ span: { start: at, end: at }, newText: refFor(String(n)) });
  edits.push(definitionInsertion(model, namespace, n, noteText(request)));
  return { title: `Cite ${request.sourceId} in a new note ${n}`, edits, safe: false };
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
