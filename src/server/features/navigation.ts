/**
 * Go to definition and find references: between a note's references and its
 * definition, and from `@source-id` to the source's entry in its fact file.
 */
import type { Location, Position } from 'vscode-languageserver';
import { noteKey, type NoteNamespace, refKey } from '../../core';
import type { Analysis } from '../analysis';
import { toRange, touches } from '../convert';
import { pathToUri } from '../workspace';

/** The note (namespace and key) at a position: on a reference or a definition's label. */
export function noteAt(analysis: Analysis, position: Position): { namespace: NoteNamespace; key: string } | undefined {
  const offset = analysis.document.offsetAt(position);
  const { model } = analysis.result;
  const ref = model.refs.find((r) => touches(r.span, offset));
  if (ref) return { namespace: ref.namespace, key: ref.key };
  const def = model.defs.find((d) => touches(d.labelSpan, offset));
  if (def) return { namespace: def.namespace, key: def.key };
  return undefined;
}

export function definition(analysis: Analysis, position: Position): Location[] {
  const { model, notes } = analysis.result;
  const offset = analysis.document.offsetAt(position);
  const key = model.keys.find((k) => touches(k.span, offset));
  if (key) {
    const source = analysis.facts.sources.get(key.id);
    if (!source) return [];
    // The entry knows where its key is: the fact file (which may be large) is not read again.
    const { line, character, span } = source;
    return [
      { uri: pathToUri(source.file), range: { start: { line, character }, end: { line, character: character + span.end - span.start } } },
    ];
  }
  const note = noteAt(analysis, position);
  if (!note) return [];
  const def = notes.byKey.get(noteKey(note.namespace, note.key));
  return def ? [{ uri: analysis.uri, range: toRange(analysis.document, def.labelSpan) }] : [];
}

export function references(analysis: Analysis, position: Position, includeDeclaration: boolean): Location[] {
  const { model } = analysis.result;
  const offset = analysis.document.offsetAt(position);
  const at = (span: { start: number; end: number }) => ({ uri: analysis.uri, range: toRange(analysis.document, span) });
  const key = model.keys.find((k) => touches(k.span, offset));
  if (key) return model.keys.filter((k) => k.id === key.id).map((k) => at(k.span));
  const note = noteAt(analysis, position);
  if (!note) return [];
  const wanted = noteKey(note.namespace, note.key);
  const locations = model.refs.filter((r) => refKey(r) === wanted).map((r) => at(r.span));
  if (includeDeclaration) {
    for (const def of model.defs) if (noteKey(def.namespace, def.key) === wanted) locations.push(at(def.labelSpan));
  }
  return locations.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
