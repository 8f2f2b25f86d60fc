import type { RootContent } from 'mdast';
import type { NotesSection } from '../model';
import type { Span } from '../types';
import { notesHeadingDepth } from './noteDefinitions';

/**
 * What the document-wide passes need to know of each top-level block, so that they can
 * run over blocks parsed (and analysed) separately: where the notes section is, and which
 * one-line paragraphs could caption a neighbouring table.
 */
export interface TopNode {
  span: Span;
  type: RootContent['type'];
  /** A heading's depth. */
  depth: number | undefined;
  /** Set when the block opens a notes section (7 for a bold line alone). */
  notesDepth: number | undefined;
  /** A paragraph on one line (a possible table caption). */
  oneLine: boolean;
}

/** How the analysis treats a top-level block, by where it sits relative to the notes section. */
export type TopMode = 'prose' | 'notesHeading' | 'notes';

/** Where the notes section sits among the top-level blocks. */
export interface SectionBounds {
  from: number;
  to: number;
  section: NotesSection;
}

export function topNodeOf(node: RootContent, text: string): TopNode {
  const span = { start: node.position!.start.offset!, end: node.position!.end.offset! };
  return {
    span,
    type: node.type,
    depth: node.type === 'heading' ? node.depth : undefined,
    notesDepth: notesHeadingDepth(node),
    oneLine: node.type === 'paragraph' && !text.slice(span.start, span.end).trim().includes('\n'),
  };
}

/**
 * The notes section: under the last heading named Notes/Endnotes/…, to the next heading as
 * high. `spanOf` gives a node's span in the document (when `nodes` hold other offsets).
 */
export function findNotesSection(
  nodes: readonly TopNode[],
  textLength: number,
  spanOf = (i: number) => nodes[i]!.span,
): SectionBounds | undefined {
  let from = -1;
  for (let i = nodes.length - 1; i >= 0; i--) {
    if (nodes[i]!.notesDepth !== undefined) {
      from = i;
      break;
    }
  }
  if (from < 0) return undefined;
  const depth = nodes[from]!.notesDepth!;
  let to = nodes.length;
  for (let i = from + 1; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type === 'heading' && node.depth! <= depth) {
      to = i;
      break;
    }
  }
  const headingSpan = spanOf(from);
  const end = to < nodes.length ? spanOf(to).start : textLength;
  return { from, to, section: { headingSpan: { ...headingSpan }, span: { start: headingSpan.start, end } } };
}

/** The mode of the top-level block at index `i`. */
export function modeAt(bounds: SectionBounds | undefined, i: number): TopMode {
  if (!bounds || i < bounds.from || i >= bounds.to) return 'prose';
  return i === bounds.from ? 'notesHeading' : 'notes';
}
