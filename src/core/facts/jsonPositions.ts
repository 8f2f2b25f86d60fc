// Where things are in a fact file's JSON text: lines of entries, the span of an id or a
// source's value, and a reported problem's place inside its entry.
import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser/lib/esm/main.js';
import { factsInvalidFinding } from '../rules/facts.invalid';
import type { Finding, Span } from '../types';
import { STRICT_JSON } from './brokenJson';
import type { EntryProblem } from './factEntryChecks';
import { memberValueSpan } from './jsonOutline';

/** The problems of one entry, with where the entry is. */
export interface EntryReport {
  span: Span;
  /** For a source, its key in "sources": where VS Code reports problems of the whole object. */
  ownerKey?: Span;
  problems: EntryProblem[];
}

/**
 * Line numbers of increasing offsets in one pass over the text, so that entries know
 * their line without a table of every line start (a pretty-printed fact file has a
 * dozen lines per fact).
 */
export class LineCounter {
  private line = 0;
  /** Where the line of the last offset asked for starts. */
  lineStart = 0;
  private nextBreak: number;

  constructor(private readonly text: string) {
    this.nextBreak = text.indexOf('\n');
  }

  /** 0-based line of `offset`, which must not be less than the offset asked for before. */
  lineAt(offset: number): number {
    while (this.nextBreak !== -1 && this.nextBreak < offset) {
      this.line++;
      this.lineStart = this.nextBreak + 1;
      this.nextBreak = this.text.indexOf('\n', this.lineStart);
    }
    return this.line;
  }
}

/**
 * The span of the id string of the fact object at `start`, which is valid JSON. Usually
 * the first member; otherwise found by a scan of the fact's members (the last "id"
 * member, the one JSON.parse keeps). No regex runs on the text: the last match of one
 * keeps its whole input alive.
 */
export function idSpanIn(json: string, start: number, id: string): Span | undefined {
  return leadingIdSpan(json, start, id) ?? memberValueSpan(json, start, 'id');
}

/** The span of the id string when it is the first member, `{ "id": "..."`, and spelt without escapes. */
function leadingIdSpan(json: string, start: number, id: string): Span | undefined {
  let at = skipJsonWhitespace(json, start + 1);
  if (!json.startsWith('"id"', at)) return undefined;
  at = skipJsonWhitespace(json, at + 4);
  if (json.charCodeAt(at) !== 0x3a) return undefined; // :
  at = skipJsonWhitespace(json, at + 1);
  const end = at + id.length + 2;
  const plain = json.charCodeAt(at) === 0x22 && json.charCodeAt(end - 1) === 0x22 && json.startsWith(id, at + 1);
  return plain && !needsEscapes(id) ? { start: at, end } : undefined;
}

/** Whether JSON writes `text` with escapes (a quote, a backslash or a control character), so not as it is. */
function needsEscapes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c < 0x20) return true;
  }
  return false;
}

function skipJsonWhitespace(json: string, at: number): number {
  for (let c = json.charCodeAt(at); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = json.charCodeAt(++at));
  return at;
}

/** Where the `"source"` value of the fact at `start`..`end` is (quotes included); the fact itself if not found. */
export function sourceValueSpan(json: string, start: number, end: number): Span {
  const m = /"source"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(json.slice(start, end));
  if (!m) return { start, end };
  const at = start + m.index + m[0].length - m[1]!.length;
  return { start: at, end: at + m[1]!.length };
}

/** Findings for one entry's problems, located by re-parsing just that entry. */
export function locateProblems(json: string, report: EntryReport): Finding[] {
  const offset = report.span.start;
  const tree = parseTree(json.slice(offset, report.span.end), [], STRICT_JSON);
  return report.problems.map((problem) => factsInvalidFinding(problemSpan(tree, offset, report.ownerKey, problem), problem.message));
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
