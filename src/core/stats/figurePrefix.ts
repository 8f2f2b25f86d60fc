// What may stand before a figure's number: a currency sign or code, and a hedge word.
import type { Span } from '../types';
import { CODE_BEFORE_DOLLAR, millionsCode } from './currencyForms';
import { isSpace, isWordChar, letterWordBefore } from './textScan';
import { CURRENCY_PREFIXES, currencyCode, type HedgeKind, HEDGES } from './vocabulary';

const SIGN_ENDS = CURRENCY_PREFIXES.map(([sign]) => sign[sign.length - 1]!).join('');

export interface Currency {
  start: number;
  /** The sign as written, repeated in ranges ("$2-$3 billion"). */
  sign: string;
  codes: string[];
  /** "MAUD 60": a company report's code for millions of the currency. */
  millions?: boolean;
}

/** The currency sign or ISO code that ends right before `at` (`$`, `US$`, `£ `, `USD `). */
export function currencyBefore(text: string, at: number): Currency | 'math' | undefined {
  const end = text[at - 1] === ' ' ? at - 1 : at;
  // Every sign ends in a symbol and every code in a letter: most numbers stop here.
  const last = text[end - 1];
  if (last === undefined) return undefined;
  const lower = last >= 'a' && last <= 'z';
  if (!lower && !(SIGN_ENDS.includes(last) || (last >= 'A' && last <= 'Z'))) return undefined;
  // Lower-case letters end only codes ("usd 20"), and only a few words end in them.
  if (lower) return end >= 3 && !isWordChar(text[end - 4]) ? codeEndingAt(text, end) : undefined;
  for (const [sign, codes] of CURRENCY_PREFIXES) {
    const start = end - sign.length;
    if (start < 0 || !text.startsWith(sign, start)) continue;
    // `$$5$$` is LaTeX math; `A$` must not be the end of a longer word. "costs $ 5" is
    // money, but not `x$ 5`, where the sign closes a formula.
    if (text[start - 1] === '$') return 'math';
    // "usd$ 15", "NZD$15": a code before the sign names the dollar.
    const named =
      sign === '$' && start >= 3 && !isWordChar(text[start - 4])
        ? CODE_BEFORE_DOLLAR[text.slice(start - 3, start).toUpperCase()]
        : undefined;
    if (named) return { start: start - 3, sign: text.slice(start - 3, start + 1), codes: [named] };
    if (sign.length > 1 && isWordChar(text[start - 1])) continue;
    if (sign === '$' && end !== at && isWordChar(text[start - 1])) return undefined;
    return { start, sign, codes };
  }
  const code = end >= 3 && !isWordChar(text[end - 4]) ? codeEndingAt(text, end) : undefined;
  if (code) return code;
  const millions = end >= 4 && !isWordChar(text[end - 5]) ? millionsCode(text.slice(end - 4, end)) : undefined;
  return millions ? { start: end - 4, sign: text.slice(end - 4, end), codes: [millions], millions: true } : undefined;
}

function codeEndingAt(text: string, end: number): Currency | undefined {
  const code = currencyCode(text.slice(end - 3, end));
  return code ? { start: end - 3, sign: text.slice(end - 3, end), codes: [code] } : undefined;
}

export interface Hedge {
  word: string;
  span: Span;
  kind: HedgeKind;
}

/** Hedges by their last word, longest first, so "no more than" wins over "more than". */
const HEDGES_BY_LAST_WORD = new Map<string, { words: string[]; text: string; kind: HedgeKind }[]>();
for (const [text, kind] of HEDGES) {
  const hedgeWords = text.split(' ');
  const last = hedgeWords[hedgeWords.length - 1]!;
  const list = HEDGES_BY_LAST_WORD.get(last) ?? [];
  list.push({ words: hedgeWords, text, kind });
  list.sort((a, b) => b.words.length - a.words.length);
  HEDGES_BY_LAST_WORD.set(last, list);
}

/** The hedge written right before a statistic that starts at `at`, if any. */
export function hedgeBefore(text: string, at: number): Hedge | undefined {
  let end = at;
  while (end > 0 && isSpace(text[end - 1])) end--;
  if (text[end - 1] === '~') return { word: '~', span: { start: end - 1, end }, kind: 'around' };
  // "approx. 5%": the one hedge commonly written with a full stop.
  const dotted = text[end - 1] === '.' ? end - 1 : end;
  const last = letterWordBefore(text, dotted);
  if (last.end !== dotted || (dotted !== end && last.word !== 'approx')) return undefined;
  for (const hedge of HEDGES_BY_LAST_WORD.get(last.word) ?? []) {
    let start = last.start;
    let matched = true;
    for (let i = hedge.words.length - 2; i >= 0 && matched; i--) {
      const w = letterWordBefore(text, start);
      matched = w.end < start && w.word === hedge.words[i];
      start = w.start;
    }
    if (matched && !isWordChar(text[start - 1])) return { word: hedge.text, span: { start, end }, kind: hedge.kind };
  }
  return undefined;
}
