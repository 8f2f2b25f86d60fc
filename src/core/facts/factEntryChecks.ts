// Checking one source or fact of a fact file, whatever its format: against the schema
// (schema.ts, with unknown keys that look like typos named), then for what the schema
// cannot say; the problems found, with their paths, for the reader to place in its text.
import type { JSONPath } from 'jsonc-parser/lib/esm/main.js';
import type { z } from 'zod';
import type { Span } from '../types';
import { closestName, KeyVocabulary } from './keyTypos';
import { quickCheck } from './quickCheck';
import { canonicalUnitFor, type Fact, FactSchema, type Source, SourceIdSchema, SourceSchema } from './schema';

const SOURCE_KEYS = new KeyVocabulary(Object.keys(SourceSchema.shape));
export const FACT_KEYS = new KeyVocabulary(Object.keys(FactSchema.shape));
const isSource = quickCheck(SourceSchema);
export const isFact = quickCheck(FactSchema);

/** One source in "sources", before validation. */
export interface SourceSlot {
  id: string;
  keySpan: Span;
  valueSpan: Span;
  value: unknown;
}

/** A problem inside an entry, at `path` relative to the entry; located only if reported. */
export interface EntryProblem {
  path: JSONPath;
  /** Whether to point at the value at `path` or at its key. */
  target: 'value' | 'key';
  message: string;
}

export function checkSource(slot: SourceSlot): { source: Source | undefined; problems: EntryProblem[] } {
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

/** `sourceIds` undefined: the file has no sources of its own (a table), so a fact's source is checked by the caller. */
export function checkFact(
  value: unknown,
  index: number,
  sourceIds: Set<string> | undefined,
): { fact: Fact | undefined; problems: EntryProblem[] } {
  const checked = checkFactAt(value, index, sourceIds);
  // A writer knows a fact by its id, not by its place in the array: `fact "nk-coal".value`.
  const id = isObject(value) && typeof value.id === 'string' && value.id.trim() !== '' ? value.id : undefined;
  if (id !== undefined) {
    const prefix = `facts[${index}]`;
    for (const problem of checked.problems)
      if (problem.message.startsWith(prefix)) problem.message = `fact ${JSON.stringify(id)}${problem.message.slice(prefix.length)}`;
  }
  return checked;
}

function checkFactAt(
  value: unknown,
  index: number,
  sourceIds: Set<string> | undefined,
): { fact: Fact | undefined; problems: EntryProblem[] } {
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
function factMeaningProblems(fact: Fact, base: JSONPath, sourceIds: Set<string> | undefined): EntryProblem[] {
  const problems: EntryProblem[] = [];
  const unit = canonicalUnitFor(fact.unit);
  if (unit !== undefined) {
    const message = `${formatPath([...base, 'unit'])}: write "${unit}" instead of ${JSON.stringify(fact.unit)}`;
    problems.push({ path: ['unit'], target: 'value', message });
  }
  if (sourceIds && !sourceIds.has(fact.source)) {
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

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `facts[3].value`, `sources["cn-customs"].title`: the path as a JavaScript reader would write it. */
export function formatPath(path: JSONPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** `string "37.4"`, `number 5`, `an array`, `null`: what a value is, for messages. */
export function describeValue(value: unknown): string {
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
