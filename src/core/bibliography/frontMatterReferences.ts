/**
 * Inline references (README.md, "Bibliographies"): a `references:` list of CSL-YAML items in
 * the briefing's own front matter, as pandoc reads it. The items become sources of a
 * "bibliography" whose path is the briefing's, with positions in the briefing, so that
 * go to definition opens the item and a problem is shown where the item is.
 */
import { parseDocument } from 'yaml';
import type { LoadedFactFile } from '../facts/parseFactFile';
import { bibliographyAsFactFile } from './bibliographySources';
import { parseCslYaml } from './parseCsl';
import type { ParsedBibliography } from './types';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The sources of the front matter's `references:`; undefined when it has none (or its YAML is broken: not ours to lint). */
export function frontMatterReferences(text: string, briefingPath: string): LoadedFactFile | undefined {
  const m = FRONT_MATTER.exec(text);
  if (!m || !/^references[ \t]*:/m.test(m[1]!)) return undefined;
  const yaml = m[1]!;
  if (parseDocument(yaml).errors.length > 0) return undefined;
  const bodyStart = m[0].indexOf('\n') + 1;
  const parsed = parseCslYaml(yaml);
  // The YAML starts on the briefing's second line, after `---`.
  const shifted: ParsedBibliography = {
    entries: parsed.entries.map((entry) => ({
      ...entry,
      span: shift(entry.span, bodyStart),
      keySpan: shift(entry.keySpan, bodyStart),
      line: entry.line + 1,
    })),
    problems: parsed.problems.map((problem) => ({ ...problem, span: shift(problem.span, bodyStart), line: problem.line + 1 })),
  };
  return bibliographyAsFactFile(briefingPath, shifted);
}

function shift(span: { start: number; end: number }, by: number) {
  return { start: span.start + by, end: span.end + by };
}
