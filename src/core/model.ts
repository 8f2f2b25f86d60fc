import type { ExtractedStatistic } from './stats/extract';
import type { StatUnit } from './stats/figureUnit';
import type { Span } from './types';

export type { StatUnit };

/**
 * What the analysis of one briefing finds: notes, citations, sentences and statistics,
 * all with offsets into the text. Rules, fixes and the editor features read this model;
 * none of them walks the Markdown tree again.
 */

/**
 * Notes live in two namespaces. `footnote`: GFM `[^label]`. `endnote`: numbered notes
 * written any other way (`[n]`, superscripts, `<sup>` HTML) whose definitions are a notes
 * list or `<li id="fnN">` items.
 */
export type NoteNamespace = 'footnote' | 'endnote';

/** How a note reference was written. */
export type NoteRefForm = 'gfm' | 'bracket' | 'superscript' | 'html';

export interface NoteRef {
  namespace: NoteNamespace;
  form: NoteRefForm;
  /** Normalised label: case-folded GFM label, or the decimal number of an endnote. */
  key: string;
  /** The label as written (`3`, `wtc-detail`). */
  label: string;
  /** The numeric value of the label, when it is a plain positive integer. */
  number: number | undefined;
  /** The reference as written (`[^3]`, `[3]`, `¹`); for `[1, 2]` each number's own digits. */
  span: Span;
  /** The whole bracket group for `[1, 2]` / `[1-3]`, else equal to span. */
  groupSpan: Span;
  /** True when the reference sits inside a note definition (a note citing a note). */
  inDefinition: boolean;
}

export interface CitedKey {
  id: string;
  /** The `@id` as written, including the `@`. */
  span: Span;
}

export interface CitedUrl {
  url: string;
  span: Span;
}

export interface NoteDef {
  namespace: NoteNamespace;
  key: string;
  label: string;
  number: number | undefined;
  /** The label as written: `[^3]:`, `3.`, `[3]`, or the `<li id="fn3">` tag. */
  labelSpan: Span;
  /** The whole definition, label included. */
  span: Span;
  /** The note's text (after the label), as written. */
  textSpan: Span;
  text: string;
  keys: CitedKey[];
  urls: CitedUrl[];
  /** How the definition was written; fixes use it to write new ones alike. */
  form: 'gfm' | 'list-item' | 'bracket-line' | 'html-li';
}

/** A citation in running text, attached to the sentence that contains it. */
export type Citation =
  | { kind: 'note'; span: Span; ref: number /* index into notes.refs */ }
  /** `[@key]`; or, `narrative`, pandoc's in-text `@key` in running text, which cites only when the key is a known source. */
  | { kind: 'inline'; span: Span; keys: CitedKey[]; narrative?: true }
  | { kind: 'link'; span: Span; url: string };

/** A statistic of the briefing: a figure as extracted (stats/extract.ts), and its sentence. */
export interface Statistic extends ExtractedStatistic {
  /** Index into BriefingModel.sentences. */
  sentence: number;
}

/** A unit of running text: a paragraph, list item paragraph or table cell. */
export interface ProseBlock {
  span: Span;
  /** The block's source with everything that is not prose blanked to spaces (same length). */
  masked: string;
  /** Table cells: which table/row/column, so a citation elsewhere in the row counts. */
  table: { table: number; row: number; column: number } | undefined;
}

export interface Sentence {
  span: Span;
  block: number;
  citations: Citation[];
  stats: number[];
}

export interface TableInfo {
  /** Citations in the caption line(s) next to the table, for every cell. */
  captionCitations: Citation[];
}

export interface NotesSection {
  /** The heading (or bold line) that opens the notes. */
  headingSpan: Span;
  /** From the heading to the end of the section. */
  span: Span;
}

export interface Heading {
  depth: number;
  text: string;
  span: Span;
}

export interface BriefingModel {
  text: string;
  refs: NoteRef[];
  defs: NoteDef[];
  /** `@id` keys in note definitions and inline citations, for `source.unknown`. */
  keys: CitedKey[];
  blocks: ProseBlock[];
  sentences: Sentence[];
  stats: Statistic[];
  tables: TableInfo[];
  headings: Heading[];
  notesSection: NotesSection | undefined;
  frontMatter: { briefing: boolean; facts: readonly string[] | undefined; span: Span | undefined };
}
