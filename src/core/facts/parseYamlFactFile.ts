/**
 * Reads a YAML fact file (`*.facts.yaml`, `*.facts.yml`): the same content as a JSON
 * fact file (docs/fact-files.md), with comments allowed. It is validated entry by entry
 * with the same checks as parseFactFile (the zod schema, key typos, units, sources),
 * and every problem is reported at the offending value (or key) in the YAML, found
 * through the `yaml` library's node ranges. The result has the same shape as
 * parseFactFile's, with spans into the YAML text.
 *
 * As in JSON, a syntax error is reported on its own (schema problems of a file half-way
 * through an edit are noise), and the entries that do not contain one are still read.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { LineMap } from '../positions';
import { factsInvalidFinding } from '../rules/facts.invalid';
import type { Finding, Span } from '../types';
import { KeyVocabulary } from './keyTypos';
import { checkFact, checkSource, describeValue, formatPath, type EntryProblem } from './factEntryChecks';
import type { FactEntry, ParsedFactFile, SourceEntry } from './parseFactFile';
import { FactFileSchema } from './schema';

const ROOT_KEYS = new KeyVocabulary(Object.keys(FactFileSchema.shape));
const NO_SPAN: Span = { start: 0, end: 0 };

export function parseYamlFactFile(text: string, path: string): ParsedFactFile {
  const lines = new LineMap(text);
  const doc = parseDocument(text, { prettyErrors: false });
  const syntax: Finding[] = doc.errors.map((error) =>
    factsInvalidFinding(
      { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) },
      `Invalid YAML: ${error.message.split('\n')[0]}`,
    ),
  );
  const hasError = (span: Span) => syntax.some((f) => f.span.start < span.end && f.span.end > span.start);
  const result: ParsedFactFile = { path, text, sources: [], facts: [], factIdSpans: new Int32Array(0), findings: [...syntax] };
  const root = doc.contents;
  if (root === null) return result;
  if (!isMap(root)) {
    if (syntax.length === 0)
      result.findings.push(
        factsInvalidFinding(rangeOf(root), `A fact file must be a mapping with "sources" and "facts", not ${describeValue(root.toJSON())}`),
      );
    return result;
  }
  const report = (problems: EntryProblem[], base: YamlNode, ownerKey: Span | undefined) => {
    // With a syntax error, only syntax errors are reported (see above).
    if (syntax.length === 0)
      for (const problem of problems) result.findings.push(factsInvalidFinding(locate(base, problem, ownerKey), problem.message));
  };
  if (syntax.length === 0) result.findings.push(...rootFindings(root));

  const sourcesNode = root.get('sources', true);
  const sourceSlots = isMap(sourcesNode) ? sourcesNode.items.filter((pair) => isScalar(pair.key) && !hasError(pairSpan(pair))) : [];
  const sourceIds = new Set<string>();
  for (const pair of sourceSlots) sourceIds.add(String((pair.key as { value: unknown }).value));
  for (const pair of sourceSlots) {
    const keySpan = rangeOf(pair.key as YamlNode);
    const id = String((pair.key as { value: unknown }).value);
    const value = pair.value === null ? null : (pair.value as YamlNode).toJSON();
    const { source, problems } = checkSource({ id, keySpan, valueSpan: pair.value ? rangeOf(pair.value as YamlNode) : keySpan, value });
    if (source) {
      const position = lines.position(keySpan.start);
      const entry: SourceEntry = { id, source, file: path, span: keySpan, line: position.line - 1, character: position.column - 1 };
      result.sources.push(entry);
    }
    report(problems, (pair.value as YamlNode | null) ?? (pair.key as YamlNode), keySpan);
  }

  const validSourceIds = new Set(result.sources.map((entry) => entry.id));
  const factsNode = root.get('facts', true);
  const idSpans: number[] = [];
  if (isSeq(factsNode)) {
    factsNode.items.forEach((item, index) => {
      const node = item as YamlNode;
      const span = rangeOf(node);
      if (hasError(span)) return;
      const value = node.toJSON() as unknown;
      // A source this file does not define may be another fact file's or a bibliography's: FactIndex decides.
      const source = isMap(node) ? node.get('source', true) : undefined;
      const external = isScalar(source) && typeof source.value === 'string' && !sourceIds.has(source.value);
      const { fact, problems } = checkFact(value, index, external ? undefined : sourceIds);
      report(problems, node, undefined);
      if (!fact || (!external && !validSourceIds.has(fact.source))) return;
      const entry: FactEntry = { fact, file: path, span, line: lines.lineIndexOf(span.start), index };
      if (external) entry.sourceSpan = rangeOf(source);
      result.facts.push(entry);
      const idNode = isMap(node) ? node.get('id', true) : undefined;
      const idSpan = idNode ? rangeOf(idNode) : span;
      idSpans.push(idSpan.start, idSpan.end);
    });
  }
  result.factIdSpans = Int32Array.from(idSpans);
  result.findings.sort((a, b) => a.span.start - b.span.start);
  return result;
}

/** Problems of the file's own keys, as parseFactFile reports them. */
function rootFindings(root: YAMLMap): Finding[] {
  const findings: Finding[] = [];
  const value = root.toJSON() as Record<string, unknown>;
  for (const { key, meant } of ROOT_KEYS.misspellings(value)) {
    findings.push(factsInvalidFinding(keySpanOf(root, key) ?? NO_SPAN, `${formatPath([key])}: unknown key; did you mean "${meant}"?`));
  }
  const valueSpan = (key: string) => {
    const node = root.get(key, true);
    return node ? rangeOf(node) : (keySpanOf(root, key) ?? NO_SPAN);
  };
  if (value.$schema !== undefined && typeof value.$schema !== 'string') {
    findings.push(factsInvalidFinding(valueSpan('$schema'), `$schema: expected a string, got ${describeValue(value.$schema)}`));
  }
  if (value.sources !== undefined && value.sources !== null && !isRecord(value.sources)) {
    findings.push(
      factsInvalidFinding(valueSpan('sources'), `sources: expected a mapping of sources by id, got ${describeValue(value.sources)}`),
    );
  }
  if (value.facts !== undefined && value.facts !== null && !Array.isArray(value.facts)) {
    findings.push(factsInvalidFinding(valueSpan('facts'), `facts: expected a list of facts, got ${describeValue(value.facts)}`));
  }
  return findings;
}

/** Where a problem of an entry is: its value or key at `path`; for a missing key, the entry's own key or first line. */
function locate(entry: YamlNode, problem: EntryProblem, ownerKey: Span | undefined): Span {
  const { path } = problem;
  const parent = path.length === 0 ? undefined : nodeAt(entry, path.slice(0, -1));
  const last = path[path.length - 1];
  const pair = parent && isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === last) : undefined;
  if (problem.target === 'key' && pair) return rangeOf(pair.key as YamlNode);
  const node = path.length === 0 ? entry : nodeAt(entry, path);
  if (node) return rangeOf(node);
  if (pair) return rangeOf(pair.key as YamlNode);
  // A missing key: the source's id, or the first line of the fact (its "- ").
  if (ownerKey) return ownerKey;
  const start = rangeOf(entry).start;
  return { start, end: start + 1 };
}

function nodeAt(node: YamlNode, path: (string | number)[]): YamlNode | undefined {
  let current: unknown = node;
  for (const segment of path) {
    if (!isMap(current) && !isSeq(current)) return undefined;
    current = current.get(segment, true);
    if (isPair(current)) current = current.value;
  }
  return (current ?? undefined) as YamlNode | undefined;
}

function keySpanOf(map: YAMLMap, key: string): Span | undefined {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair ? rangeOf(pair.key as YamlNode) : undefined;
}

function pairSpan(pair: Pair): Span {
  const start = rangeOf(pair.key as YamlNode).start;
  const end = pair.value ? rangeOf(pair.value as YamlNode).end : rangeOf(pair.key as YamlNode).end;
  return { start, end };
}

function rangeOf(node: YamlNode | null | undefined): Span {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : NO_SPAN;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
