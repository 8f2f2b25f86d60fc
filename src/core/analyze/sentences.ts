import type { Span } from '../types';

/**
 * Abbreviations that end in a full stop without ending a sentence. Compared without the
 * final dot and case-sensitively, so "No." (number) is one but "no." is not.
 */
const ABBREVIATIONS = new Set(
  `Mr Mrs Ms Dr Prof Sr Jr St Mt No Nos Gen Col Lt Sgt Capt Cmdr Adm Gov Sen Rep Pres Amb Hon Rev Fr
  Inc Ltd Co Corp Bros Dept Univ Assn Est vs v al e.g i.e cf approx est ca Fig Figs fig figs Eq Vol vol
  p pp para ch art Art Sec sec Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun`
    .split(/\s+/)
    .filter(Boolean),
);

const TERMINAL = /[.!?]+/g;
const CLOSERS = /["'”’)\]*_»]*/y;
const NEXT_START = /[\s]*/y;

function endsWithAbbreviation(text: string, dot: number): boolean {
  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 12), dot))?.[1];
  if (!word) return false;
  if (word.includes('.')) return true; // U.S., U.K., e.g., a.m.: dotted initials
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith"
  return ABBREVIATIONS.has(word);
}

/**
 * Splits masked prose into sentences. Each span runs from the sentence's first character
 * to just before the next sentence's first character, so note references written after
 * the full stop (`China.[^2]`, `China."[16]`), blanked in the masked text, fall inside
 * the sentence they follow.
 */
export function splitSentences(masked: string): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(masked, 0);
  if (start >= masked.length) return spans;
  TERMINAL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TERMINAL.exec(masked))) {
    const punct = m[0];
    let after = m.index + punct.length;
    CLOSERS.lastIndex = after;
    after += CLOSERS.exec(masked)![0].length;
    if (after < masked.length && !/\s/.test(masked[after]!)) continue; // 3.5, U.S.-led, e.g.,x
    NEXT_START.lastIndex = after;
    const next = after + NEXT_START.exec(masked)![0].length;
    if (next >= masked.length) break;
    if (punct === '.' && endsWithAbbreviation(masked, m.index)) continue;
    if (!startsSentence(masked, next)) continue;
    spans.push({ start, end: next });
    start = next;
  }
  spans.push({ start, end: masked.length });
  return spans;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

/** A new sentence starts with a capital, a digit, or an opening quote/bracket before one. */
function startsSentence(text: string, at: number): boolean {
  const rest = text.slice(at, at + 3);
  return /^["'“‘(\[*_]*[\p{Lu}\p{N}$£€¥]/u.test(rest);
}
