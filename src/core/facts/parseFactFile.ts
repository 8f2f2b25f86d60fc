/**
 * Reads one fact file (SPEC "Fact file") from its text: the sources and facts that
 * are valid, and a `facts.invalid` finding for everything that is not.
 *
 * Valid files take the fast path: JSON.parse, an outline scan for offsets
 * (jsonOutline.ts) and validation of each entry (quickCheck.ts, then zod for the
 * entries it rejects). Only an entry with a problem is re-parsed, with jsonc-parser,
 * to find where in it the problem is. Each source and fact is validated on its own,
 * so one bad entry does not drop the others.
 *
 * An entry that zod accepts is kept as JSON.parse made it, not as zod's copy: the
 * entry schemas have no defaults or transforms, so the two differ only in unknown keys
 * (harmless), and not copying every fact saves time and memory on large files.
 */
import { findNodeAtLocation, parseTree, type JSONPath, type Node } from 'jsonc-parser/lib/esm/main.js';
import type { z } from 'zod';
import { RULES } from '../codes';
import type { Finding, Span } from '../types';
import { outlineJson, type Member, type Outline } from './jsonOutline';
import { readBrokenJson, STRICT_JSON } from './brokenJson';
import { closestName, KeyVocabulary } from './keyTypos';
import { quickCheck } from './quickCheck';
import { canonicalUnitFor, FactFileSchema, FactSchema, SourceIdSchema, SourceSchema, type Fact, type Source } from './schema';

export interface SourceEntry {
  id: string;
  source: Source;
  /** Path of the fact file, as given to parseFactFile. */
  file: string;
  /** The key string (quotes included) in "sources". */
  span: Span;
}

export interface FactEntry {
  fact: Fact;
  /** Path of the fact file, as given to parseFactFile. */
  file: string;
  /** The fact object, braces included. */
  span: Span;
  /** Position in the file's "facts" array. */
  index: number;
}

export interface ParsedFactFile {
  path: string;
  text: string;
  /** The valid sources, in file order (a source id defined twice appears twice). */
  sources: SourceEntry[];
  /** The valid facts whose source is a valid source of this file, in file order. */
  facts: FactEntry[];
  /** `facts.invalid` findings, in text order. */
  findings: Finding[];
}

const ROOT_KEYS = new KeyVocabulary(Object.keys(FactFileSchema.shape));
const SOURCE_KEYS = new KeyVocabulary(Object.keys(SourceSchema.shape));
const FACT_KEYS = new KeyVocabulary(Object.keys(FactSchema.shape));
const isSource = quickCheck(SourceSchema);
const isFact = quickCheck(FactSchema);

/**
 * Parses and validates a fact file. `path` only labels the entries. Spans are
 * offsets into `text` (a leading BOM is allowed and keeps its offset). Never throws.
 */
export function parseFactFile(text: string, path: string): ParsedFactFile {
  // A BOM becomes a space, which JSON allows, so offsets into `text` stay valid.
  const json = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  try {
    return { path, text, ...parseJson(json, path) };
  } catch (error) {
    // Only pathological input gets here (nesting deep enough to overflow the stack of
    // jsonc-parser's recursive parser); a broken fact file must not stop the checker.
    const message = `Could not read this fact file: ${error instanceof Error ? error.message : String(error)}`;
    return { path, text, sources: [], facts: [], findings: [invalid({ start: 0, end: 0 }, message)] };
  }
}

type Contents = Omit<ParsedFactFile, 'path' | 'text'>;

function parseJson(json: string, file: string): Contents {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (error) {
    return parseInvalidJson(json, file, error);
  }
  return isObject(root) ? parseValidJson(json, root, file) : notAnObject(json, root);
}

/** One source in "sources", before validation. */
interface SourceSlot {
  id: string;
  keySpan: Span;
  valueSpan: Span;
  value: unknown;
}

/** The elements of "facts", before validation: parallel arrays, so the fast path copies nothing. */
interface FactSlots {
  spans: Span[];
  values: unknown[];
}

/** A problem inside an entry, at `path` relative to the entry; located only if reported. */
interface EntryProblem {
  path: JSONPath;
  /** Whether to point at the value at `path` or at its key. */
  target: 'value' | 'key';
  message: string;
}

/** The problems of one entry, with where the entry is. */
interface EntryReport {
  span: Span;
  /** For a source, its key in "sources": where VS Code reports problems of the whole object. */
  ownerKey?: Span;
  problems: EntryProblem[];
}

function parseValidJson(json: string, root: Record<string, unknown>, file: string): Contents {
  const outline = outlineJson(json);
  const findings = rootFindings(root, outline);
  const sources = isObject(root.sources) ? sourceSlots(json, outline.sources, root.sources) : [];
  const facts = Array.isArray(root.facts) ? { spans: outline.facts, values: root.facts as unknown[] } : NO_FACTS;
  const read = readEntries(sources, facts, file);
  for (const report of read.reports) findings.push(...locateProblems(json, report));
  return { sources: read.sources, facts: read.facts, findings: findings.sort((a, b) => a.span.start - b.span.start) };
}

/**
 * With a syntax error, only the syntax errors are reported: schema problems of a file
 * half-way through an edit are mostly noise. The entries that are valid JSON on their
 * own, and valid facts and sources, are still loaded, so the rest of the file keeps
 * working; an entry with a syntax error in it is skipped.
 */
function parseInvalidJson(json: string, file: string, parseError: unknown): Contents {
  const broken = readBrokenJson(json);
  const findings = broken.problems.map((p) => invalid(p.span, p.message));
  if (findings.length === 0) {
    // jsonc-parser is more lenient than JSON.parse in corners; never pass bad JSON silently.
    findings.push(invalid({ start: 0, end: 0 }, `Invalid JSON: ${parseError instanceof Error ? parseError.message : parseError}`));
  }
  const sources = broken.sources.map(({ key, keySpan, valueSpan }) => ({ id: key, keySpan, valueSpan, value: parseSlice(json, valueSpan) }));
  const facts = { spans: broken.facts, values: broken.facts.map((span) => parseSlice(json, span)) };
  const read = readEntries(sources, facts, file);
  return { sources: read.sources, facts: read.facts, findings };
}

/** The value of the JSON at `span`, or undefined when it has a syntax error. */
function parseSlice(json: string, span: Span): unknown {
  try {
    return JSON.parse(json.slice(span.start, span.end)) as unknown;
  } catch {
    return undefined;
  }
}

function notAnObject(json: string, root: unknown): Contents {
  const start = json.length - json.trimStart().length;
  const span = { start, end: json.trimEnd().length };
  const message = `A fact file must be a JSON object with "sources" and "facts", not ${describeValue(root)}`;
  return { sources: [], facts: [], findings: [invalid(span, message)] };
}

/** Problems of the file's own keys; they are located through the outline, with no re-parse. */
function rootFindings(root: Record<string, unknown>, outline: Outline): Finding[] {
  const findings: Finding[] = [];
  // JSON.parse keeps the last of duplicate keys, so problems are reported on the last.
  const last = (key: string) => outline.members.filter((m) => m.key === key).pop()!;
  for (const { key, meant } of ROOT_KEYS.misspellings(root)) {
    findings.push(invalid(last(key).keySpan, `${formatPath([key])}: unknown key; did you mean "${meant}"?`));
  }
  const schemaRef = FactFileSchema.shape.$schema.safeParse(root.$schema);
  if (!schemaRef.success) findings.push(invalid(last('$schema').valueSpan, `$schema: expected a string, got ${describeValue(root.$schema)}`));
  if (root.sources !== undefined && !isObject(root.sources)) {
    const message = `sources: expected an object of sources by id, got ${describeValue(root.sources)}`;
    findings.push(invalid(last('sources').valueSpan, message));
  }
  if (root.facts !== undefined && !Array.isArray(root.facts)) {
    findings.push(invalid(last('facts').valueSpan, `facts: expected an array of facts, got ${describeValue(root.facts)}`));
  }
  return findings;
}

/**
 * The sources from the outline and JSON.parse's value. JSON.parse keeps only the last
 * of duplicate keys; a key defined twice gets each definition's own value, so that
 * FactIndex can report the second as a duplicate and keep the first.
 */
function sourceSlots(json: string, members: Member[], parsed: Record<string, unknown>): SourceSlot[] {
  const counts = new Map<string, number>();
  for (const { key } of members) counts.set(key, (counts.get(key) ?? 0) + 1);
  return members.map(({ key, keySpan, valueSpan }) => ({
    id: key,
    keySpan,
    valueSpan,
    value: counts.get(key)! > 1 ? (JSON.parse(json.slice(valueSpan.start, valueSpan.end)) as unknown) : parsed[key],
  }));
}

const NO_FACTS: FactSlots = { spans: [], values: [] };

/** Validates every entry on its own: what is valid is loaded, the rest is reported. */
function readEntries(sourceSlots: SourceSlot[], factSlots: FactSlots, file: string) {
  const reports: EntryReport[] = [];
  const sources: SourceEntry[] = [];
  for (const slot of sourceSlots) {
    const { source, problems } = checkSource(slot);
    if (source) sources.push({ id: slot.id, source, file, span: slot.keySpan });
    if (problems.length > 0) reports.push({ span: slot.valueSpan, ownerKey: slot.keySpan, problems });
  }
  // A fact whose source is defined but invalid is not loaded, and not reported either:
  // the source's own finding says what to fix.
  const sourceIds = new Set(sourceSlots.map((slot) => slot.id));
  const validSourceIds = new Set(sources.map((entry) => entry.id));
  const facts: FactEntry[] = [];
  const { spans, values } = factSlots;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    const span = spans[index]!;
    // The common case, a valid fact, allocates nothing but its entry.
    if (isUsableFact(value, sourceIds)) {
      if (validSourceIds.has(value.source)) facts.push({ fact: value, file, span, index });
      continue;
    }
    const { fact, problems } = checkFact(value, index, sourceIds);
    if (fact && validSourceIds.has(fact.source)) facts.push({ fact, file, span, index });
    if (problems.length > 0) reports.push({ span, problems });
  }
  return { sources, facts, reports };
}

function isUsableFact(value: unknown, sourceIds: Set<string>): value is Fact {
  return (
    isFact(value) &&
    !FACT_KEYS.hasMisspelling(value) &&
    canonicalUnitFor(value.unit) === undefined &&
    sourceIds.has(value.source)
  );
}

function checkSource(slot: SourceSlot): { source: Source | undefined; problems: EntryProblem[] } {
  const base = ['sources', slot.id];
  const typos = SOURCE_KEYS.misspellings(slot.value);
  const problems = typoProblems(base, typos);
  const id = SourceIdSchema.safeParse(slot.id);
  if (!id.success) problems.push({ path: [], target: 'key', message: `${formatPath(base)}: ${id.error.issues[0]!.message}` });
  const result = isSource(slot.value) ? undefined : SourceSchema.safeParse(slot.value);
  if (result && !result.success) problems.push(...issueProblems(base, slot.value, result.error.issues, typos));
  const valid = id.success && (!result || result.success);
  return { source: valid ? (slot.value as Source) : undefined, problems };
}

function checkFact(value: unknown, index: number, sourceIds: Set<string>): { fact: Fact | undefined; problems: EntryProblem[] } {
  const base = ['facts', index];
  const typos = FACT_KEYS.misspellings(value);
  const problems = typoProblems(base, typos);
  const result = isFact(value) ? undefined : FactSchema.safeParse(value);
  if (result && !result.success) {
    problems.push(...issueProblems(base, value, result.error.issues, typos));
    return { fact: undefined, problems };
  }
  const fact = value as Fact;
  const meaningProblems = factMeaningProblems(fact, base, sourceIds);
  problems.push(...meaningProblems);
  return { fact: meaningProblems.length === 0 ? fact : undefined, problems };
}

/** What makes a well-formed fact unusable: a unit the checker cannot read, a source that is not there. */
function factMeaningProblems(fact: Fact, base: JSONPath, sourceIds: Set<string>): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const unit = canonicalUnitFor(fact.unit);
  if (unit !== undefined) {
    const message = `${formatPath([...base, 'unit'])}: write "${unit}" instead of ${JSON.stringify(fact.unit)}`;
    problems.push({ path: ['unit'], target: 'value', message });
  }
  if (!sourceIds.has(fact.source)) {
    const meant = closestName(fact.source, sourceIds);
    const message =
      `${formatPath([...base, 'source'])} ${JSON.stringify(fact.source)} is not a key of "sources"` +
      (meant === undefined ? '' : `; did you mean "${meant}"?`);
    problems.push({ path: ['source'], target: 'value', message });
  }
  return problems;
}

type Typo = { key: string; meant: string };

function typoProblems(base: JSONPath, typos: Typo[]): EntryProblem[] {
  return typos.map(({ key, meant }) => ({
    path: [key],
    target: 'key',
    message: `${formatPath([...base, key])}: unknown key; did you mean "${meant}"?`,
  }));
}

/**
 * zod issues as problems with specific messages. A missing key that a reported typo
 * stands for is left out: "qoute: did you mean quote?" says it all.
 */
function issueProblems(base: JSONPath, value: unknown, issues: z.core.$ZodIssue[], typos: Typo[]): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const meant = new Set(typos.map((typo) => typo.meant));
  for (const issue of issues) {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    const missingKey = missingKeyOf(value, path);
    if (missingKey !== undefined) {
      if (path.length === 1 && meant.has(missingKey)) continue;
      const message = `${formatPath([...base, ...path.slice(0, -1)])}: the required key "${missingKey}" is missing`;
      problems.push({ path, target: 'value', message });
    } else {
      problems.push({ path, target: 'value', message: `${formatPath([...base, ...path])}: ${issueDetail(issue, valueAt(value, path))}` });
    }
  }
  return problems;
}

function issueDetail(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type') return `expected ${withArticle(issue.expected)}, got ${describeValue(input)}`;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'must not be empty';
  return issue.message;
}

/** The key a zod issue at `path` complains about when that key is absent from its object. */
function missingKeyOf(value: unknown, path: JSONPath): string | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  const parent = valueAt(value, path.slice(0, -1));
  return isObject(parent) && !Object.hasOwn(parent, key) ? key : undefined;
}

function valueAt(value: unknown, path: JSONPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Findings for one entry's problems, located by re-parsing just that entry. */
function locateProblems(json: string, report: EntryReport): Finding[] {
  const offset = report.span.start;
  const tree = parseTree(json.slice(offset, report.span.end), [], STRICT_JSON);
  return report.problems.map((problem) => invalid(problemSpan(tree, offset, report.ownerKey, problem), problem.message));
}

function problemSpan(tree: Node | undefined, offset: number, ownerKey: Span | undefined, problem: EntryProblem): Span {
  const node = tree && findNodeAtLocation(tree, problem.path);
  if (node) {
    if (problem.target === 'value') return nodeSpan(node, offset);
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return key ? nodeSpan(key, offset) : (ownerKey ?? nodeSpan(node, offset));
  }
  // A missing key: point where VS Code does, at the key of the object that lacks it,
  // or at its "{" when it has no key (an element of "facts").
  for (let depth = problem.path.length - 1; depth >= 0; depth--) {
    const parent = tree && findNodeAtLocation(tree, problem.path.slice(0, depth));
    if (!parent) continue;
    const key = parent.parent?.type === 'property' ? parent.parent.children?.[0] : undefined;
    if (key) return nodeSpan(key, offset);
    if (parent === tree && ownerKey) return ownerKey;
    return { start: offset + parent.offset, end: offset + parent.offset + 1 };
  }
  return ownerKey ?? { start: offset, end: offset + 1 };
}

function nodeSpan(node: Node, offset = 0): Span {
  return { start: offset + node.offset, end: offset + node.offset + node.length };
}

function invalid(span: Span, message: string): Finding {
  return { code: 'facts.invalid', severity: RULES['facts.invalid'].severity, message, span };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `facts[3].value`, `sources["cn-customs"].title`: the path as a JavaScript reader would write it. */
function formatPath(path: JSONPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** `string "37.4"`, `number 5`, `an array`, `null`: what a value is, for messages. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 39) + '…' : value)}`;
    case 'number':
      return Number.isFinite(value) ? `number ${value}` : 'a number too large to represent';
    case 'boolean':
      return `boolean ${value}`;
    case 'undefined':
      return 'nothing';
    default:
      return 'an object';
  }
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/**
 * The span of the value at `path` inside the JSON value at `container` of `text`
 * (say, a fact's "id"), found by re-parsing just that value. For reporting on parsed
 * entries, whose spans are of the whole entry.
 */
export function valueSpanIn(text: string, container: Span, path: JSONPath): Span | undefined {
  const tree = parseTree(text.slice(container.start, container.end), [], STRICT_JSON);
  const node = tree && findNodeAtLocation(tree, path);
  return node && nodeSpan(node, container.start);
}
