/**
 * Finds where each entry of a BibTeX/BibLaTeX file is, without reading its fields:
 * the `@type{key,` header and the matching closing brace. The field parser
 * (@retorquere/bibtex-parser) gives no positions, so this scan is what lets a
 * problem, or go to definition, point at an entry's line.
 *
 * The scan follows BibTeX's own rules: text between entries is a comment, an entry
 * ends at the brace (or parenthesis) that balances its opening one, and `@comment`
 * skips a balanced group. To keep one unbalanced entry from swallowing the rest of
 * the file, an `@type{` at the start of a line always starts a new entry (the same
 * recovery the field parser and biber make), and the entry before it is marked as
 * not closed.
 */
import type { Span } from '../types';

export interface BibChunk {
  /** Entry type in lower case: `article`, `string`, `preamble`, ... */
  type: string;
  /** The key as written (empty for `@string`, `@preamble` and an entry with no key). */
  key: string;
  /** From the `@` to the closing delimiter, inclusive. */
  span: Span;
  /** The key; an empty span just after the opening delimiter when there is no key. */
  keySpan: Span;
  /** False when the file or the next entry began before the closing delimiter. */
  closed: boolean;
}

/** Entry types that are not entries (no key, never cited). */
export const NON_ENTRY_TYPES = new Set(['string', 'preamble', 'comment']);

const HEADER = /@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])/y;
const LINE_START_HEADER = /\n[ \t]*@[ \t]*[A-Za-z][\w-]*[ \t\r\n]*[{(]/g;

export function scanBibtex(text: string): BibChunk[] {
  const chunks: BibChunk[] = [];
  // Where each line-start header is: an entry still open there is cut short.
  const lineStarts: number[] = [];
  for (const match of text.matchAll(LINE_START_HEADER)) lineStarts.push(match.index + match[0].indexOf('@'));
  let next = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    HEADER.lastIndex = at;
    const header = HEADER.exec(text);
    if (!header) {
      at = text.indexOf('@', at + 1);
      continue;
    }
    const type = header[1]!.toLowerCase();
    const open = header[2]!;
    const bodyStart = HEADER.lastIndex;
    while (next < lineStarts.length && lineStarts[next]! <= at) next++;
    const limit = next < lineStarts.length ? lineStarts[next]! : text.length;
    const { end, closed } = findClose(text, bodyStart, open === '(' ? ')' : '}', limit);
    if (type !== 'comment') {
      const keySpan = NON_ENTRY_TYPES.has(type) ? { start: bodyStart, end: bodyStart } : findKey(text, bodyStart, end);
      chunks.push({ type, key: text.slice(keySpan.start, keySpan.end), span: { start: at, end }, keySpan, closed });
    }
    at = text.indexOf('@', end);
  }
  return chunks;
}

/**
 * The end (exclusive) of the entry whose body starts at `from`, looking no further than
 * `limit`. It jumps from brace to brace with indexOf: a 5 MB file is read in a few
 * milliseconds even before the JIT has compiled this.
 */
function findClose(text: string, from: number, close: '}' | ')', limit: number): { end: number; closed: boolean } {
  let depth = 0;
  let open = text.indexOf('{', from);
  let shut = text.indexOf('}', from);
  // A parenthesised entry ends at a `)` outside braces.
  let paren = close === ')' ? text.indexOf(')', from) : -1;
  for (;;) {
    const next = earliest(earliest(open, shut), paren);
    if (next === -1 || next >= limit) return { end: limit, closed: false };
    if (next === open) {
      depth++;
      open = text.indexOf('{', next + 1);
    } else if (next === shut) {
      if (depth === 0) return { end: next + 1, closed: close === '}' };
      depth--;
      shut = text.indexOf('}', next + 1);
    } else {
      if (depth === 0) return { end: next + 1, closed: true };
      paren = text.indexOf(')', next + 1);
    }
  }
}

/** The smaller of two indexOf results, -1 meaning none. */
function earliest(a: number, b: number): number {
  return a === -1 ? b : b === -1 ? a : Math.min(a, b);
}

/** The key: what comes before the first comma (BibTeX allows almost any character in it). */
function findKey(text: string, from: number, end: number): Span {
  let start = from;
  while (start < end && /\s/.test(text[start]!)) start++;
  let stop = start;
  while (stop < end && !/[,\s{}()=]/.test(text[stop]!)) stop++;
  // `@article{title = ...`: no key, the first thing is a field.
  let after = stop;
  while (after < end && /\s/.test(text[after]!)) after++;
  if (text[after] === '=') return { start: from, end: from };
  return { start, end: stop };
}
