import type { CitedKey } from '../model';
import type { Span } from '../types';

/**
 * Patterns found in the source of text nodes, where micromark leaves what it does not
 * parse: an undefined `[^x]` stays literal text, bracketed `[n]` endnotes, pandoc
 * `[@key]` citations and Unicode superscript numerals.
 */

export interface FoundFootnoteRef {
  span: Span;
  label: string;
}

export interface FoundEndnoteRef {
  /** The digits of this number. */
  span: Span;
  /** The whole `[...]` group. */
  groupSpan: Span;
  number: number;
}

export interface FoundInlineCitation {
  span: Span;
  keys: CitedKey[];
}

// GFM labels: no whitespace, no brackets (micromark-extension-gfm-footnote `calls.md`).
const FOOTNOTE_REF = /\[\^([^\]\[\s]+)\]/g;
// [n], [n, m], [n-m], [n–m], [1, 3-5]; also `\[n\]`, as HTML-to-Markdown converters
// (turndown, pandoc) escape the brackets of a pasted "[3]": it still renders as [3].
const ENDNOTE_GROUP = /\\?\[(\d{1,4}(?:\s*(?:,|-|–)\s*\d{1,4})*)\\?\]/g;
const INLINE_CITATION = /\[([^\[\]]*@[^\[\]]*)\]/g;
const KEY = /(?<![\p{L}\p{N}_@./:])@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*)/gu;
const SUPERSCRIPTS = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Endnote numbers above this are years in brackets ("[2017]"), not notes. */
export const MAX_ENDNOTE = 1799;

export function findFootnoteRefs(source: string, base: number): FoundFootnoteRef[] {
  const found: FoundFootnoteRef[] = [];
  for (const m of source.matchAll(FOOTNOTE_REF)) {
    // `\[^x\]` is the writer saying "literal brackets", not a note (and its label
    // would end in the backslash).
    if (escaped(source, m.index) || m[1]!.endsWith('\\')) continue;
    // `[^x]:` at a line start would be a definition; micromark already took real ones.
    if (source[m.index + m[0].length] === ':' && /(?:^|\n)\s*$/.test(source.slice(0, m.index))) continue;
    found.push({ span: { start: base + m.index, end: base + m.index + m[0].length }, label: m[1]! });
  }
  return found;
}

export function findEndnoteRefs(source: string, base: number): FoundEndnoteRef[] {
  const found: FoundEndnoteRef[] = [];
  for (const m of source.matchAll(ENDNOTE_GROUP)) {
    let index = m.index;
    let written = m[0];
    // A backslash that is itself escaped (`\\[3]`) is a literal one, not part of the ref.
    if (written.startsWith('\\') && escaped(source, index)) {
      index += 1;
      written = written.slice(1);
    }
    const before = source[index - 1];
    const after = source[index + written.length];
    // `[text][1]` with no definition is a broken link, `![1]` an image, `[1](url)` a link.
    if (before === ']' || before === '!' || after === '(') continue;
    // `[1]: text` opening a line reads as a (malformed) definition, not a citation.
    if (after === ':' && /(?:^|\n)\s*$/.test(source.slice(0, index))) continue;
    const groupSpan = { start: base + index, end: base + index + written.length };
    const numbers = expandGroup(m[1]!, base + index + written.indexOf('[') + 1);
    if (numbers.length === 0) continue;
    const single = numbers.length === 1;
    for (const n of numbers) found.push({ span: single ? groupSpan : n.span, groupSpan, number: n.number });
  }
  return found;
}

/** Whether the character at `at` is escaped by an odd number of backslashes before it. */
function escaped(source: string, at: number): boolean {
  let n = 0;
  while (at - n - 1 >= 0 && source[at - n - 1] === '\\') n++;
  return n % 2 === 1;
}

/** The span of a bracket group's inside: after `[` (or `\[`), before `]` (or `\]`). */
export function bracketInner(text: string, group: Span): Span {
  const start = text.indexOf('[', group.start) + 1;
  const end = text[group.end - 2] === '\\' ? group.end - 2 : group.end - 1;
  return { start, end };
}

/** The numbers of a group's inside (`1, 3-4`), each with where it is written; none when one is out of range. */
export function expandGroup(inner: string, base: number): { number: number; span: Span }[] {
  const result: { number: number; span: Span }[] = [];
  const part = /(\d+)(?:\s*(?:-|–)\s*(\d+))?/g;
  for (const m of inner.matchAll(part)) {
    const from = Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : from;
    if (from < 1 || to > MAX_ENDNOTE || to < from || to - from > 50) return [];
    const span = { start: base + m.index, end: base + m.index + m[0].length };
    for (let n = from; n <= to; n++) result.push({ number: n, span });
  }
  return result;
}

export function findInlineCitations(source: string, base: number): FoundInlineCitation[] {
  const found: FoundInlineCitation[] = [];
  for (const m of source.matchAll(INLINE_CITATION)) {
    const keys = findKeys(m[1]!, base + m.index + 1).filter((k) => {
      // pandoc: a key starts the bracket or follows a space, `;` or `-` (suppress-author).
      const rel = k.span.start - base - m.index - 1;
      return rel === 0 || /[\s;-]/.test(m[1]![rel - 1]!);
    });
    if (keys.length > 0) found.push({ span: { start: base + m.index, end: base + m.index + m[0].length }, keys });
  }
  return found;
}

/** `@source-id` keys; trailing punctuation belongs to the sentence, as in pandoc. */
export function findKeys(source: string, base: number): CitedKey[] {
  const keys: CitedKey[] = [];
  for (const m of source.matchAll(KEY)) {
    const id = m[1]!.replace(/[:.#$%&+?<>~/-]+$/, '');
    if (!id) continue;
    keys.push({ id, span: { start: base + m.index, end: base + m.index + 1 + id.length } });
  }
  return keys;
}

export interface FoundSuperscript {
  span: Span;
  number: number;
}

/** Unicode superscript numerals; `km²` and `m³` are units, not notes. */
export function findSuperscripts(source: string, base: number): FoundSuperscript[] {
  const found: FoundSuperscript[] = [];
  for (const m of source.matchAll(SUPERSCRIPTS)) {
    const before = /([\p{L}]+)$/u.exec(source.slice(Math.max(0, m.index - 4), m.index))?.[1] ?? '';
    if (/^(?:k?m|cm|mm|ft|in|mi|sq|yd)$/i.test(before) && /^[²³]$/.test(m[0])) continue;
    let n = 0;
    for (const ch of m[0]) n = n * 10 + SUPERSCRIPT_DIGITS.indexOf(ch);
    if (n < 1 || n > MAX_ENDNOTE) continue;
    found.push({ span: { start: base + m.index, end: base + m.index + m[0].length }, number: n });
  }
  return found;
}

/** Bare http(s) URLs and link destinations in a note's source text. */
export function findUrls(source: string, base: number): { url: string; span: Span }[] {
  const urls: { url: string; span: Span }[] = [];
  for (const m of source.matchAll(/https?:\/\/[^\s<>"'`)\]]+/g)) {
    const url = m[0].replace(/[.,;:!?]+$/, '');
    urls.push({ url, span: { start: base + m.index, end: base + m.index + url.length } });
  }
  return urls;
}
