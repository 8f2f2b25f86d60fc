import type { TextEdit } from '../types';

/**
 * Applies non-overlapping edits to a text. Edits at the same offset keep their given
 * order, so two insertions at one point land in the order they were made.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.span.start < at) throw new Error(`overlapping edits at ${e.span.start}`);
    out += text.slice(at, e.span.start) + e.newText;
    at = e.span.end;
  }
  return out + text.slice(at);
}

/** Edits relative to `base` (for rewriting a block whose inside also changes). */
export function shiftEdits(edits: readonly TextEdit[], base: number): TextEdit[] {
  return edits.map((e) => ({ span: { start: e.span.start - base, end: e.span.end - base }, newText: e.newText }));
}
