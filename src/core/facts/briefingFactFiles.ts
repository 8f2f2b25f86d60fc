/**
 * What a briefing is told about its own fact files and bibliographies: a `facts:` or `bibliography:` path of its front matter
 * that does not exist (`facts.missing`, on that line), and a loaded fact file with
 * problems (`facts.broken`, at the front matter), so that a writer looking at the
 * briefing learns why its figures read as they do (docs/fact-files.md).
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { factsBroken, factsBrokenMessage } from '../rules/facts.broken';
import { factsMissing, factsMissingMessage } from '../rules/facts.missing';
import { ruleSeverity, type RuleSetting } from '../rules/ruleDefinition';
import type { Finding, Span } from '../types';
import type { FactIndex } from './factIndex';
import type { LoadedFactFile } from './parseFactFile';

/** One fact file a briefing loads (or tried to), as the adapter that read it saw it. */
export interface FactFileStatus {
  /** The path as resolved (absolute). */
  path: string;
  /** The file as the briefing names it, for messages (relative to the briefing). */
  name: string;
  /** It does not exist or cannot be read. */
  missing: boolean;
  /** Its findings among this briefing's fact files (facts.invalid, facts.duplicateId). */
  problems: number;
  /** How many facts of it were loaded. */
  facts: number;
  /** It is not readable as a whole (broken syntax): only the entries that could be read are used. */
  partial: boolean;
  /** A bibliography (front matter `bibliography:`, a setting or `--bibliography`), not a fact file. */
  bibliography?: boolean;
}

/** A named file the briefing could not load. */
export function missingFileStatus(path: string, name: string, bibliography: boolean): FactFileStatus {
  return { path, name, missing: true, problems: 0, facts: 0, partial: false, bibliography };
}

/**
 * A loaded fact file or bibliography as this briefing's set of files sees it; undefined
 * when it has no problems there. `partial`: its text is not valid as a whole.
 */
export function loadedFileStatus(
  path: string,
  name: string,
  file: LoadedFactFile,
  index: FactIndex,
  partial: boolean,
): FactFileStatus | undefined {
  const problems = factFileProblems(index.fileFindings(path));
  if (problems === 0) return undefined;
  const bibliography = file.bibliography === true;
  // A fact whose source no file of this set defines is counted as a problem, not as used.
  const facts = bibliography ? file.sources.length : file.facts.length - index.unresolvedSourceFindings(path).length;
  return { path, name, missing: false, problems, facts, partial, bibliography };
}

/** Whether a fact file's text is broken JSON (other formats recover entry by entry); parsed only for files with problems. */
export function isBrokenJson(file: Pick<LoadedFactFile, 'path' | 'bibliography' | 'findings'>, text: string): boolean {
  if (file.bibliography || !/\.json$/i.test(file.path) || file.findings.length === 0) return false;
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return false;
  } catch {
    return true;
  }
}

/** A front-matter entry and where its value is. */
interface Entry {
  value: string;
  span: Span;
}

/**
 * How many problems a fact file has, as facts.broken counts them: what stops facts being
 * read. A fact whose value disagrees with its quote (facts.quoteMismatch) is still read.
 */
export function factFileProblems(findings: readonly Finding[]): number {
  let problems = 0;
  for (const f of findings) if (f.code !== 'facts.quoteMismatch') problems++;
  return problems;
}

/**
 * Where the front matter's `facts:` key and its paths are, as offsets into the briefing;
 * `bibliographies` are the paths of its `bibliography:` key.
 */
export function frontMatterFactEntries(text: string): {
  key: Span | undefined;
  entries: Entry[];
  bibliographies: Entry[];
  frontMatter: Span | undefined;
} {
  const none = { key: undefined, entries: [], bibliographies: [] };
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { ...none, frontMatter: undefined };
  const bodyStart = m[0].indexOf('\n') + 1;
  const frontMatter = { start: 0, end: m[0].trimEnd().length };
  let doc;
  try {
    doc = parseDocument(m[1]!);
  } catch {
    return { ...none, frontMatter };
  }
  if (!isMap(doc.contents)) return { ...none, frontMatter };
  let key: Span | undefined;
  const entries: Entry[] = [];
  const bibliographies: Entry[] = [];
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || (pair.key.value !== 'facts' && pair.key.value !== 'bibliography')) continue;
    const list = pair.key.value === 'facts' ? entries : bibliographies;
    const keyRange = pair.key.range;
    if (pair.key.value === 'facts' && keyRange) key = { start: bodyStart + keyRange[0], end: bodyStart + keyRange[1] };
    const add = (node: unknown) => {
      if (isScalar(node) && typeof node.value === 'string' && node.range) {
        list.push({ value: node.value, span: { start: bodyStart + node.range[0], end: bodyStart + node.range[1] } });
      }
    };
    if (isSeq(pair.value)) for (const item of pair.value.items) add(item);
    else add(pair.value);
  }
  return { key, entries, bibliographies, frontMatter };
}

/**
 * The findings a briefing gets for its fact files. `statuses` are the files it loads (or
 * names); a missing one named in the front matter is reported on its line, one found by
 * another way at the front matter. Severities follow `rules`.
 */
export function briefingFactFileFindings(
  text: string,
  statuses: readonly FactFileStatus[],
  rules?: Partial<Record<string, RuleSetting>>,
): Finding[] {
  const findings: Finding[] = [];
  const { key, entries: factEntries, bibliographies, frontMatter } = frontMatterFactEntries(text);
  const firstLine = { start: 0, end: Math.max(0, text.search(/\r?\n|$/)) };
  const general = key ?? frontMatter ?? firstLine;
  const missing = ruleSeverity(factsMissing, rules);
  const broken = ruleSeverity(factsBroken, rules);
  for (const status of statuses) {
    const entries = status.bibliography ? bibliographies : factEntries;
    const kind = status.bibliography ? 'Bibliography' : 'Fact file';
    if (status.missing) {
      if (!missing) continue;
      const entry = entries.find((e) => status.name === e.value || status.path.endsWith(e.value.replace(/^\.\//, '')));
      findings.push({
        code: 'facts.missing',
        severity: missing,
        message: factsMissingMessage(kind, status.name),
        span: entry?.span ?? general,
      });
    } else if (status.problems > 0 && broken) {
      const entry = entries.find((e) => status.path.endsWith(e.value.replace(/^\.\//, '')));
      const message = factsBrokenMessage({
        kind,
        name: status.name,
        problems: status.problems,
        readable: status.facts,
        bibliography: status.bibliography === true,
        partial: status.partial,
      });
      findings.push({ code: 'facts.broken', severity: broken, message, span: entry?.span ?? general });
    }
  }
  return findings;
}
