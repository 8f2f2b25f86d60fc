/**
 * A bibliography as the fact index sees it (README.md, "Bibliographies"): each entry a source
 * whose id is its key, and each problem a `bibliography.invalid` finding in the file.
 * The result has the shape of a fact file with sources and no facts, so FactIndex
 * reports a key defined twice (in a fact file and a bibliography, or in two
 * bibliographies) as it does any source id defined twice.
 */
import { RULES } from '../codes';
import type { LoadedFactFile, SourceEntry } from '../facts/parseFactFile';
import type { Source } from '../facts/schema';
import type { Finding } from '../types';
import type { BibEntry, BibName, ParsedBibliography } from './types';

/** The sources and findings of a parsed bibliography read from `path`. */
export function bibliographyAsFactFile(path: string, parsed: ParsedBibliography): LoadedFactFile {
  const sources = parsed.entries.map((entry) => sourceOfEntry(path, entry));
  const findings: Finding[] = parsed.problems.map((problem) => ({
    code: 'bibliography.invalid',
    severity: RULES['bibliography.invalid'].severity,
    message: problem.message,
    span: problem.span,
  }));
  return { path, sources, facts: [], factIdSpans: new Int32Array(0), findings, bibliography: true };
}

function sourceOfEntry(path: string, entry: BibEntry): SourceEntry {
  const source: Source = { title: entry.title ?? entry.id };
  if (entry.publisher) source.publisher = entry.publisher;
  // A link to the DOI cites the entry too; its URL, when it has one, is what is compared first.
  const url = entryLink(entry);
  if (url) source.url = url;
  if (entry.issued) source.published = entry.issued.text;
  return { id: entry.id, source, file: path, span: entry.keySpan, line: entry.line, character: entry.character, bib: entry };
}

/** "Smith, Jones and Lee" / "Smith et al." as a reference list writes the authors (or editors). */
export function formatNames(names: readonly BibName[]): string {
  const shown = names.map((name) => name.literal ?? [name.particle, name.family ?? name.given].filter(Boolean).join(' '));
  if (shown.length === 0) return '';
  if (shown.length > 3) return `${shown[0]} et al.`;
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Where an entry can be read: its URL, else its DOI as a link. */
export function entryLink(entry: BibEntry): string | undefined {
  return entry.url ?? (entry.doi ? `https://doi.org/${entry.doi}` : undefined);
}
