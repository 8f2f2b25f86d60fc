/**
 * What a bibliography (README.md, "Bibliographies") is read into: one BibEntry per entry that
 * could be read, and a `bibliography.invalid` problem for each one that could not. The
 * readers are pure (text in, data out) so that the CLI, the language server and tests
 * share them; reading files and watching them is the caller's business.
 */
import type { Span } from '../types';

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

/** A person as CSL writes one: family and given name, or a literal name (an organisation). */
export interface BibName {
  family?: string;
  given?: string;
  /** "van", "de la": printed before the family name. */
  particle?: string;
  /** "Jr.", "III". */
  suffix?: string;
  /** A name that is not split into parts, e.g. "World Bank". */
  literal?: string;
}

/** When a work was issued; `text` is what the file says, `year` what citations compare. */
export interface BibDate {
  year?: number;
  month?: number;
  day?: number;
  /** `2013-07-29`, `2020-03`, `2001/2003`, `circa 1850`: the date as written (after decoding). */
  text: string;
}

export interface BibEntry {
  /** The citation key, cited as `@id`. */
  id: string;
  /** `article`, `book`, `report`, ... as the file names it (CSL type for CSL files). */
  type: string;
  title?: string;
  /** Authors in order; empty when the entry names none. */
  authors: BibName[];
  /** Editors, for entries (collections, proceedings) that have no author. */
  editors: BibName[];
  issued?: BibDate;
  /** The journal, book or website the work appeared in. */
  containerTitle?: string;
  /** Publisher, or the institution or organisation that issued a report or thesis. */
  publisher?: string;
  url?: string;
  /** Without a `https://doi.org/` prefix. */
  doi?: string;
  /** The whole entry in the file. */
  span: Span;
  /** The key as written in the file (the `id` value of a CSL item). */
  keySpan: Span;
  /** 0-based line and UTF-16 column of `keySpan.start`, for go to definition. */
  line: number;
  character: number;
}

export interface BibProblem {
  code: 'bibliography.invalid';
  message: string;
  span: Span;
  /** 0-based line and UTF-16 column of `span.start`. */
  line: number;
  character: number;
}

export interface ParsedBibliography {
  /** The entries that could be read, in file order (a key defined twice appears twice). */
  entries: BibEntry[];
  /** One problem per entry that could not be read (or per field that could not be decoded), in file order. */
  problems: BibProblem[];
}
