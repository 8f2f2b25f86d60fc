/**
 * The entry point for bibliographies: the format from the file name, and the reader
 * for each format. See types.ts for what comes back.
 */
import { parseBibtex, type BibtexCache } from './parseBibtex';
import { parseCslJson, parseCslYaml } from './parseCsl';
import type { BibliographyFormat, ParsedBibliography } from './types';

export { BibtexCache } from './parseBibtex';
export type { BibDate, BibEntry, BibliographyFormat, BibName, BibProblem, ParsedBibliography } from './types';

/** The format pandoc reads a bibliography file in, by extension; undefined for other files. */
export function bibliographyFormatOf(fileName: string): BibliographyFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  switch (extension) {
    case 'bib':
    case 'bibtex':
    case 'biblatex':
      return 'bibtex';
    case 'json':
      return 'csl-json';
    case 'yaml':
    case 'yml':
      return 'csl-yaml';
    default:
      return undefined;
  }
}

/**
 * Reads a bibliography. Never throws: an entry that cannot be read is left out and
 * reported as a `bibliography.invalid` problem at its place, and the other entries
 * are still read. `fileName` is not read; it is there for the format when `format`
 * is not given. `cache`, kept by the caller per file, makes a re-read of a .bib parse
 * only the entries that changed.
 */
export function parseBibliography(
  text: string,
  format: BibliographyFormat | undefined,
  fileName: string,
  cache?: BibtexCache,
): ParsedBibliography {
  const chosen = format ?? bibliographyFormatOf(fileName) ?? 'bibtex';
  try {
    if (chosen === 'csl-json') return parseCslJson(text);
    if (chosen === 'csl-yaml') return parseCslYaml(text);
    return parseBibtex(text, cache);
  } catch (error) {
    const message = `Could not read ${fileName}: ${error instanceof Error ? error.message : String(error)}`;
    return { entries: [], problems: [{ code: 'bibliography.invalid', message, span: { start: 0, end: 0 }, line: 0, character: 0 }] };
  }
}
