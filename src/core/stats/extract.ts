import type { StatUnit } from '../model';
import type { Span } from '../types';
import { claimedInterval, type Claim } from './claim';
import { CODE_BEFORE_DOLLAR, gluedCodeBefore, millionsCode, signAfter } from './currencyForms';
import {
  ADJECTIVES,
  currencyCode,
  CURRENCY_PREFIXES,
  CURRENCY_SCALE_LETTERS,
  CURRENCY_WORDS,
  HEDGES,
  type HedgeKind,
  INVARIANT_PLURALS,
  isPlural,
  LABEL_WORDS,
  MONTHS,
  NATIONAL_CURRENCIES,
  NOT_NOUNS,
  PERCENTILE_WORDS,
  SCALE_WORDS,
  singular,
  SUBUNIT_WORDS,
  TIME_WORDS,
  UNIT_ABBREVIATIONS,
} from './vocabulary';

/** A statistic found in prose, before it is attached to a sentence. */
export interface ExtractedStatistic extends Claim {
  span: Span;
  numberSpan: Span;
  numberSpan2: Span | undefined;
  hedge: string | undefined;
  hedgeSpan: Span | undefined;
  unit: StatUnit;
}

// Every pattern is compiled once and applied with `lastIndex` (sticky), so extraction
// stays linear in the text and allocates no RegExp per number.
const FRACTION = /\d+/y;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const LETTERS = /\p{L}+/uy;
/** A following word, across any blanks (a masked link destination may sit in between). */
const WORD = /\s+(\p{L}[\p{L}'’-]*)/uy;
const SCALE = /\s+(thousand|million|billion|trillion|mn|bn|tn|trn|lakhs?|crores?)(?![\p{L}\p{N}])/iuy;
const PERCENT = /\s*(?:%|per[ -]?cent(?![\p{L}\p{N}])|pct(?![\p{L}\p{N}])|pc(?![\p{L}\p{N}]))/iuy;
const POINTS = /\s*(?:percentage[ -]points?|pp|ppts?)(?![\p{L}\p{N}])/iuy;
const POINTS_AFTER_PERCENT = /\s+(?:points?|pts?)(?![\p{L}\p{N}])/iuy;
const BASIS_POINTS = /\s+(?:basis[ -]points?|bps?)(?![\p{L}\p{N}])/iuy;
const US_DOLLARS = /\s+(?:US|U\.S\.)\s+dollars?(?![\p{L}\p{N}])/iuy;
/** Indian digit grouping after a first group of one or two digits: "12,34,567", "1,00,000". */
const INDIAN_GROUPS = /(?:,\d{2})+,\d{3}(?![\d])(?!,\d)/y;
/** "Australian dollars", "Swiss francs": see NATIONAL_CURRENCIES. */
const NATIONAL_CURRENCY = new RegExp(
  `\\s+(${Object.keys(NATIONAL_CURRENCIES).map((name) => name.replaceAll(' ', '\\s+')).join('|')})s?(?![\\p{L}\\p{N}])`,
  'iuy',
);
const NATIONAL_FIRST_WORDS = new Set(Object.keys(NATIONAL_CURRENCIES).map((name) => name.split(' ')[0]!));
/** Joins the two numbers of a range; "and" only after "between". */
const RANGE_JOIN = /[ \t]?[-–—][ \t]?|\s+(to|and)\s+/y;
/** What may follow a figure in a list: "1.3 and", "4, 6", "from 20 to". */
const LIST_LINK = /,|\s+(?:and|or|to)\s/y;
/** The whole gap between two complete statistics that form a range ("20%-30%", "£2bn to £3bn"). */
const RANGE_GAP = /^(?:[ \t]?[-–—][ \t]?|\s+(to|and)\s+)$/;
const HYPHENATED = /^\p{L}+-\p{L}/u;
const PARTICIPLE_OR_ADVERB = /(?:ly|ed|ing)$/;
const ACRONYM = /^\p{Lu}{2,3}$/u;
const POSSESSIVE = /[’']s$/;
const HEX = /^[\dA-Fa-f]$/;
const PERCENT_INITIALS = '%pPbB';
const SCALE_INITIALS = 'tmbclTMBCL';

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}
function isLetter(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (ch < '\u0080') return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  return LETTER.test(ch);
}
function isWordChar(ch: string | undefined): boolean {
  return isDigit(ch) || isLetter(ch) || ch === '_';
}
function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\u00a0';
}

/** The first character at or after `at` that is not a blank (NUL at the end), to rule patterns out cheaply. */
function firstAfterBlanks(text: string, at: number): string {
  let i = at;
  while (isSpace(text[i])) i++;
  return text[i] ?? '\u0000';
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

interface ParsedNumber {
  start: number;
  end: number;
  value: number;
  decimals: number;
  hasComma: boolean;
}

function digitsFrom(text: string, at: number): number {
  let i = at;
  while (isDigit(text[i])) i++;
  return i;
}

/** "3", "3,000,000", "37.4": digits, optionally grouped by commas in threes, then a decimal part. */
function readNumber(text: string, at: number): ParsedNumber | undefined {
  let end = digitsFrom(text, at);
  if (end === at) return undefined;
  let hasComma = false;
  if (end - at <= 3) {
    while (text[end] === ',' && digitsFrom(text, end + 1) - end - 1 >= 3) {
      end += 4;
      hasComma = true;
    }
    const indian = end - at <= 2 && text[end] === ',' ? sticky(INDIAN_GROUPS, text, end) : null;
    if (indian) {
      end += indian[0].length;
      hasComma = true;
    }
  }
  let decimals = 0;
  if (text[end] === '.' && isDigit(text[end + 1])) {
    const fractionEnd = digitsFrom(text, end + 1);
    decimals = fractionEnd - end - 1;
    end = fractionEnd;
  }
  const raw = text.slice(at, end);
  return { start: at, end, value: Number(hasComma ? raw.replaceAll(',', '') : raw), decimals, hasComma };
}

/** ".5%": a decimal written without its leading zero, starting at the dot before `at`. */
function readLeadingDecimal(text: string, at: number): ParsedNumber | undefined {
  const m = sticky(FRACTION, text, at);
  if (!m) return undefined;
  return { start: at - 1, end: at + m[0].length, value: Number(`0.${m[0]}`), decimals: m[0].length, hasComma: false };
}

function isYearLike(n: ParsedNumber): boolean {
  return !n.hasComma && n.decimals === 0 && n.value >= 1000 && n.value <= 2199;
}

/** The word that ends before `at` (skipping blanks), lower-cased, keeping inner dots ("h.r", "u.s.c"). */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && isSpace(text[end - 1])) end--;
  let start = end;
  while (start > 0 && (isLetter(text[start - 1]) || text[start - 1] === '.')) start--;
  const word = text.slice(start, end).toLowerCase();
  return word.endsWith('.') ? word.slice(0, -1) : word;
}

const SIGN_ENDS = CURRENCY_PREFIXES.map(([sign]) => sign[sign.length - 1]!).join('');

interface Currency {
  start: number;
  /** The sign as written, repeated in ranges ("$2-$3 billion"). */
  sign: string;
  codes: string[];
  /** "MAUD 60": a company report's code for millions of the currency. */
  millions?: boolean;
}

/** The currency sign or ISO code that ends right before `at` (`$`, `US$`, `£ `, `USD `). */
function currencyBefore(text: string, at: number): Currency | 'math' | undefined {
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
    const named = sign === '$' && start >= 3 && !isWordChar(text[start - 4]) ? CODE_BEFORE_DOLLAR[text.slice(start - 3, start).toUpperCase()] : undefined;
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

function currencyAfter(text: string, at: number): Tail | undefined {
  const after = signAfter(text, at);
  return after && { end: after.end, unit: { kind: 'currency', codes: after.codes }, factor: 1 };
}

interface Hedge {
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

/** The letters-only word ending at `end` (after skipping blanks back from it). */
function letterWordBefore(text: string, at: number): { word: string; start: number; end: number } {
  let end = at;
  while (end > 0 && isSpace(text[end - 1])) end--;
  let start = end;
  while (start > 0 && isLetter(text[start - 1])) start--;
  return { word: text.slice(start, end).toLowerCase(), start, end };
}

/** The hedge written right before a statistic that starts at `at`, if any. */
function hedgeBefore(text: string, at: number): Hedge | undefined {
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

interface Tail {
  end: number;
  unit: StatUnit;
  /** Multiplies the written value: 0.01 for "30 cents" or "50 basis points". */
  factor: number;
}

/** The unit after a number and its scale: percent, points, currency word or code, or a count's noun. */
function readUnit(text: string, at: number, currency: Currency | undefined, count: number): Tail | undefined {
  if (!currency) {
    const after = currencyAfter(text, at);
    if (after) return after;
  }
  // Every unit starts with a blank or "%" (glued letters were read before).
  const first = text[at];
  if (first !== '%' && !isSpace(first)) return currency ? { end: at, unit: { kind: 'currency', codes: currency.codes }, factor: 1 } : undefined;
  // Percentages and points start with "%", "p" or "b": most words need none of these patterns.
  if (PERCENT_INITIALS.includes(firstAfterBlanks(text, at))) {
    let m = sticky(POINTS, text, at);
    if (m) return { end: at + m[0].length, unit: { kind: 'percentage-points' }, factor: 1 };
    m = sticky(PERCENT, text, at);
    if (m) {
      const after = at + m[0].length;
      // "100%20": a URL escape left in the text, not a percentage.
      if (text[after - 1] === '%' && HEX.test(text[after] ?? '') && HEX.test(text[after + 1] ?? '')) return undefined;
      const points = sticky(POINTS_AFTER_PERCENT, text, after);
      if (points) return { end: after + points[0].length, unit: { kind: 'percentage-points' }, factor: 1 };
      return { end: after, unit: { kind: 'percent' }, factor: 1 };
    }
    m = sticky(BASIS_POINTS, text, at);
    if (m) return { end: at + m[0].length, unit: { kind: 'percentage-points' }, factor: 0.01 };
  }
  const word = sticky(WORD, text, at);
  const w = word?.[1];
  const wordEnd = word ? at + word[0].length : at;
  const lower = w?.toLowerCase() ?? '';
  if (currency) {
    // "$17 billion dollars": the word repeats the sign; include it in the span.
    const end = CURRENCY_WORDS[lower] ? wordEnd : at;
    return { end, unit: { kind: 'currency', codes: currency.codes }, factor: 1 };
  }
  if (!w) return undefined;
  if (NATIONAL_FIRST_WORDS.has(lower)) {
    const national = sticky(NATIONAL_CURRENCY, text, at);
    const codes = national && NATIONAL_CURRENCIES[national[1]!.toLowerCase().replace(/\s+/g, ' ')];
    if (codes) return { end: at + national[0].length, unit: { kind: 'currency', codes }, factor: 1 };
  }
  // "20 usd", "115 EUR"; but in "3 USD50 cards" the code is the next figure's.
  const code = currencyCode(w);
  if (code && !isDigit(text[wordEnd])) return { end: wordEnd, unit: { kind: 'currency', codes: [code] }, factor: 1 };
  const millions = millionsCode(w);
  if (millions && !isDigit(text[wordEnd])) return { end: wordEnd, unit: { kind: 'currency', codes: [millions] }, factor: 1e6 };
  const dollars = sticky(US_DOLLARS, text, at);
  if (dollars) return { end: at + dollars[0].length, unit: { kind: 'currency', codes: ['USD'] }, factor: 1 };
  const codes = CURRENCY_WORDS[lower];
  if (codes) return { end: wordEnd, unit: { kind: 'currency', codes }, factor: 1 };
  const subunit = SUBUNIT_WORDS[lower];
  if (subunit) return { end: wordEnd, unit: { kind: 'currency', codes: subunit }, factor: 0.01 };
  return readNoun(text, at, count);
}

/** Where "km2" or "km²" (an area) ends after the "km" that ends at `at`, or -1. */
function squaredEnd(text: string, unit: string, at: number): number {
  return unit === 'km' && (text[at] === '2' || text[at] === '²') && !isWordChar(text[at + 1]) ? at + 1 : -1;
}

/** A unit abbreviation ending at `end` ("5 km", "3GW", "190 km2"). */
function abbreviatedUnit(text: string, abbreviation: string, end: number): Tail {
  const squared = squaredEnd(text, abbreviation, end);
  const noun = abbreviation.toLowerCase();
  if (squared < 0) return { end, unit: { kind: 'count', nouns: [noun] }, factor: 1 };
  return { end: squared, unit: { kind: 'count', nouns: [`${noun}2`] }, factor: 1 };
}

/**
 * A count's noun phrase: optional modifiers ("additional", "federal", "long-range",
 * "US") and nouns, up to the head noun, which ends the span ("5 missile tests", "265,000
 * federal employees"). Known adjectives are skipped; the other words become the unit's
 * nouns. English writes a count other than one with a plural head, so that is required:
 * it keeps verbs out ("aged 16 to 64 qualify", "all 18 match"). For one thing the head is
 * the last noun before a function word ("1 missile test was ..."). Capitalised words are
 * names ("5 Eyes"); function words and time words end the phrase or void it.
 */
function readNoun(text: string, at: number, count: number): Tail | undefined {
  const nouns: string[] = [];
  let pos = at;
  /** For a count of one: where the phrase's last noun ends, and how many nouns lead up to it. */
  let singularEnd = -1;
  let singularNouns = 0;
  for (let i = 0; i < 5; i++) {
    const m = sticky(WORD, text, pos);
    if (!m) break;
    const raw = m[1]!.replace(POSSESSIVE, '');
    const end = pos + m[0].length;
    if (i === 0 && UNIT_ABBREVIATIONS.has(raw)) return abbreviatedUnit(text, raw, end);
    if (UPPER.test(raw[0]!)) {
      // "3,500 US economists": an acronym may modify the noun; any other capital starts a name.
      if (!ACRONYM.test(raw)) break;
      pos = end;
      continue;
    }
    const lower = raw.toLowerCase();
    if (NOT_NOUNS.has(lower) || lower.length < 2) break;
    // "3 additional years" is still a duration.
    if (TIME_WORDS.has(lower)) return undefined;
    const participle = PARTICIPLE_OR_ADVERB.test(lower);
    if (!participle && (isPlural(lower) || INVARIANT_PLURALS.has(lower)) && count !== 1) {
      if (nouns.length < 4) nouns.push(singular(lower));
      return { end, unit: { kind: 'count', nouns }, factor: 1 };
    }
    pos = end;
    if (ADJECTIVES.has(lower)) continue;
    if (nouns.length < 4) nouns.push(lower);
    // Participles, adverbs and hyphenated compounds only modify a noun that follows.
    if (!participle && !HYPHENATED.test(lower)) {
      singularEnd = end;
      singularNouns = nouns.length;
    }
  }
  if (count !== 1 || singularEnd < 0) return undefined;
  return { end: singularEnd, unit: { kind: 'count', nouns: nouns.slice(0, singularNouns) }, factor: 1 };
}

/** One statistic, built as a literal so every statistic shares one object shape. */
function statistic(claim: Claim, span: Span, numberSpan: Span, numberSpan2: Span | undefined, hedge: Hedge | undefined, unit: StatUnit): ExtractedStatistic {
  return {
    value: claim.value,
    low: claim.low,
    high: claim.high,
    lowInclusive: claim.lowInclusive,
    highInclusive: claim.highInclusive,
    scale: claim.scale,
    decimals: claim.decimals,
    hedgeKind: claim.hedgeKind,
    span,
    numberSpan,
    numberSpan2,
    hedge: hedge?.word,
    hedgeSpan: hedge?.span,
    unit,
  };
}

/** What reading at one digit found: a statistic, a figure lacking a unit, or nothing. */
type Reading =
  | { kind: 'stat'; stat: ExtractedStatistic }
  | { kind: 'bare'; number: ParsedNumber }
  /** "1.2 million" with no unit: not a statistic, but a figure a unit beside it may complete. */
  | { kind: 'scaled'; number: ParsedNumber; scale: number; end: number }
  | undefined;

/** `floor`: where the previous statistic ended; a sign before it is that statistic's ("10 $ 30 $"). */
function readAt(text: string, at: number, floor = 0): Reading {
  const prev = text[at - 1];
  let num: ParsedNumber | undefined;
  if (prev === '.' && !isWordChar(text[at - 2]) && text[at - 2] !== '.') {
    num = readLeadingDecimal(text, at);
  } else {
    // Glued to a word or a symbol: FY2024, COVID-19's tail, §3, ^2, %20 escapes, r=1.
    if ((isWordChar(prev) && !gluedCodeBefore(text, at)) || (prev !== undefined && '/:#§^%@&='.includes(prev))) return undefined;
    if ((prev === '.' || prev === ',') && isDigit(text[at - 2])) return undefined;
    num = readNumber(text, at);
  }
  if (!num) return undefined;
  const next = text[num.end];
  // 12/05/2017, 2:00, 1.2.3, 24/7; 30°; the 1990's; 10-year bond, 2-child limit.
  if ((next === '/' || next === ':' || next === '.') && isDigit(text[num.end + 1])) return undefined;
  if (next === '°' || next === "'" || next === '’') return undefined;
  if (next === '-' && isLetter(text[num.end + 1])) return undefined;

  const found = currencyBefore(text, num.start);
  if (found === 'math') return undefined;
  const currency = found && found.start >= floor ? found : undefined;
  // "USD2024" is an identifier, like FY2024.
  if (currency && currency.start + currency.sign.length === num.start && isLetter(text[num.start - 1]) && isYearLike(num)) return undefined;
  const start = currency ? currency.start : num.start;
  // A minus right before the figure (or its sign): "-5%", "−5%", "(-$425)"; not M-22-09 or 1950-53.
  const minus = text[start - 1];
  let negative = false;
  if (minus === '-' || minus === '–' || minus === '−') {
    // After a word or figure the dash joins ("$3,600-$2,000" is a subtraction).
    if (isWordChar(text[start - 2])) {
      if (!currency) return undefined;
    } else {
      negative = minus === '−' || (text[start - 2] !== '%' && text[start - 2] !== ')');
    }
  }
  const spanStart = negative ? start - 1 : start;

  // "20-30 per cent", "$2-3 billion", "between 6 and 17 percent": a range shares the unit after it.
  let second: ParsedNumber | undefined;
  const join = negative || !(isSpace(next) || next === '-' || next === '–' || next === '—') ? null : sticky(RANGE_JOIN, text, num.end);
  const joined =
    join && (join[1] === 'and' ? wordBefore(text, spanStart) === 'between' : join[1] !== 'to' || !fromBefore(text, spanStart));
  if (joined) {
    let after = num.end + join[0].length;
    if (currency && text.startsWith(currency.sign, after)) after += currency.sign.length;
    const n2 = readNumber(text, after);
    // Ranges ascend; "1998 to 2003" is a span of years, not a figure.
    if (n2 && n2.value > num.value && !(isYearLike(num) && isYearLike(n2))) second = n2;
  }
  const last = second ?? num;
  let cursor = last.end;
  let scale = currency?.millions ? 1e6 : 1;
  let tail: Tail | undefined;

  const suffix = currency ? undefined : currencyAfter(text, cursor);
  if (suffix) {
    tail = suffix;
  } else if (isLetter(text[cursor])) {
    // Letters glued to the number: a scale ("£11.6bn", "$5m"), a unit ("1.5pp", "63p",
    // "3GW"), or else no figure at all (5th, 1990s, 3D, 11pm, 24703L202).
    const glued = sticky(LETTERS, text, cursor)![0];
    if (isDigit(text[cursor + glued.length]) && squaredEnd(text, glued, cursor + glued.length) < 0) return undefined;
    const lower = glued.toLowerCase();
    const gluedEnd = cursor + glued.length;
    if (SCALE_WORDS[lower]) {
      scale = SCALE_WORDS[lower]!;
      cursor = gluedEnd;
    } else if (currency && CURRENCY_SCALE_LETTERS[lower]) {
      scale = CURRENCY_SCALE_LETTERS[lower]!;
      cursor = gluedEnd;
    } else if (lower === 'pc' || lower === 'pct') {
      tail = { end: gluedEnd, unit: { kind: 'percent' }, factor: 1 };
    } else if (lower === 'pp' || lower === 'ppt' || lower === 'ppts') {
      tail = { end: gluedEnd, unit: { kind: 'percentage-points' }, factor: 1 };
    } else if (lower === 'bp' || lower === 'bps') {
      tail = { end: gluedEnd, unit: { kind: 'percentage-points' }, factor: 0.01 };
    } else if (glued === 'p' && !currency && last.value < 100) {
      tail = { end: gluedEnd, unit: { kind: 'currency', codes: ['GBP'] }, factor: 0.01 };
    } else if (UNIT_ABBREVIATIONS.has(glued) && !currency) {
      tail = abbreviatedUnit(text, glued, gluedEnd);
    } else if (!currency && currencyCode(glued)) {
      tail = { end: gluedEnd, unit: { kind: 'currency', codes: [currencyCode(glued)!] }, factor: 1 };
    } else {
      return undefined;
    }
  } else if (SCALE_INITIALS.includes(firstAfterBlanks(text, cursor))) {
    const s = sticky(SCALE, text, cursor);
    if (s) {
      scale = SCALE_WORDS[s[1]!.toLowerCase()]!;
      cursor += s[0].length;
    }
  }
  tail ??= readUnit(text, cursor, currency, scale === 1 && !second ? num.value : 2);
  // "above $0", "from 0% to 50%": a zero is a threshold, not a figure anyone sources.
  if (num.value === 0 && !second) return undefined;
  if (!tail) {
    const figure = !currency && !negative && !second && !isYearLike(num) && !LABEL_WORDS.has(wordBefore(text, spanStart));
    if (figure && scale !== 1) return { kind: 'scaled', number: num, scale, end: cursor };
    return figure ? { kind: 'bare', number: num } : undefined;
  }
  const hedge = hedgeBefore(text, spanStart);
  const { unit } = tail;
  const before = unit.kind === 'currency' ? '' : wordBefore(text, spanStart);
  if (unit.kind === 'count') {
    // "in 2017 companies" is a year; "about 1500 troops" is not.
    if (scale === 1 && isYearLike(num) && !hedge) return undefined;
    // "the top 10 exporters" is a ranking, like "the top 10%" a population group.
    if (LABEL_WORDS.has(before) || MONTHS.has(before) || PERCENTILE_WORDS.has(before) || isRatio(text, spanStart)) return undefined;
    const following = sticky(WORD, text, last.end);
    if (following && MONTHS.has(following[1]!.toLowerCase())) return undefined;
  } else if (unit.kind === 'currency' && !currency && scale === 1 && isYearLike(num)) {
    return undefined; // "in 2011 dollars"
  } else if (unit.kind === 'percent' && PERCENTILE_WORDS.has(before)) {
    return undefined;
  }

  const sign = negative ? -1 : 1;
  const factor = scale * tail.factor;
  const claim = claimedInterval({
    value: sign * num.value * factor,
    value2: second ? second.value * factor : undefined,
    decimals: num.decimals,
    decimals2: second?.decimals ?? 0,
    scale: factor,
    hedgeKind: second ? undefined : hedge?.kind,
  });
  const numberSpan2 = second ? { start: second.start, end: second.end } : undefined;
  const span = { start: spanStart, end: tail.end };
  return { kind: 'stat', stat: statistic(claim, span, { start: num.start, end: num.end }, numberSpan2, second ? undefined : hedge, unit) };
}

/**
 * Whether "from" opens the clause a few words before `at` ("from 20 to 30", "from its
 * current 19% to 24%"): then "X to Y" is a change between two figures, not a range.
 */
function fromBefore(text: string, at: number): boolean {
  let pos = at;
  for (let i = 0; i < 4; i++) {
    const w = letterWordBefore(text, pos);
    if (w.word === 'from') return true;
    if (w.word === '') return false;
    pos = w.start;
  }
  return false;
}

/** "1 in 10 adults", "one in 5 voters": a ratio, not a count of adults. */
function isRatio(text: string, at: number): boolean {
  const inWord = letterWordBefore(text, at);
  if (inWord.word !== 'in' || inWord.end === at) return false;
  let end = inWord.start;
  while (end > 0 && isSpace(text[end - 1])) end--;
  return isDigit(text[end - 1]) || letterWordBefore(text, end).word === 'one';
}

/**
 * "1.3 and 1.0 percent", "between 4, 6 or 8 pp", "from 20 to 30 per cent": a bare figure
 * listed before a percentage shares its unit. The last link must be "and"/"or" (or "to"
 * after "from"); a bare comma alone ("aged 65, 20 percent of ...") does not join.
 */
function unitSharers(text: string, stat: ExtractedStatistic, bare: ParsedNumber[]): ExtractedStatistic[] {
  const found: ExtractedStatistic[] = [];
  let at = stat.span.start;
  let k = bare.length - 1;
  for (let first = true; ; first = false) {
    const link = letterWordBefore(text, at);
    let end: number;
    if (link.end < at && (link.word === 'and' || link.word === 'or' || (first && link.word === 'to'))) {
      end = link.start;
      while (end > 0 && isSpace(text[end - 1])) end--;
      if (text[end - 1] === ',' && link.word !== 'to') end--;
    } else if (!first) {
      end = at;
      while (end > 0 && isSpace(text[end - 1])) end--;
      if (text[end - 1] !== ',') break;
      end--;
    } else {
      break;
    }
    const number = bare[k--];
    if (!number || number.end !== end || (link.word === 'to' && !fromBefore(text, number.start))) break;
    found.push(sharingUnit(text, number, stat));
    if (link.word === 'to') break;
    at = number.start;
  }
  return found;
}

/** A unit-less figure read as having the unit and scale of `like`, with its own hedge. */
function sharingUnit(text: string, number: ParsedNumber, like: Pick<ExtractedStatistic, 'unit' | 'scale'>): ExtractedStatistic {
  const hedge = hedgeBefore(text, number.start);
  const claim = claimedInterval({
    value: number.value * like.scale,
    value2: undefined,
    decimals: number.decimals,
    decimals2: 0,
    scale: like.scale,
    hedgeKind: hedge?.kind,
  });
  const span = { start: number.start, end: number.end };
  return statistic(claim, span, { ...span }, undefined, hedge, like.unit);
}

/**
 * The figure without a unit that starts at `at`, read as extraction reads it (so years,
 * labels and glued numbers are not figures), taking the unit and scale of a figure beside
 * it: the "12" of "from 12 to 18 councils". Undefined when no such figure starts there.
 */
export function bareFigureAt(text: string, at: number, like: Pick<ExtractedStatistic, 'unit' | 'scale'>): ExtractedStatistic | undefined {
  const reading = readAt(text, at);
  if (reading?.kind === 'bare') return sharingUnit(text, reading.number, like);
  if (reading?.kind !== 'scaled') return undefined;
  // "from 1.2 million to 1.5 million barrels": the figure keeps its own scale word.
  const { number, scale, end } = reading;
  const stat = sharingUnit(text, number, { unit: like.unit, scale });
  return { ...stat, span: { start: number.start, end: trimmedEnd(text, end) } };
}

function trimmedEnd(text: string, at: number): number {
  let end = at;
  while (end > 0 && isSpace(text[end - 1])) end--;
  return end;
}

function sameUnit(a: StatUnit, b: StatUnit): boolean {
  if (a.kind === 'currency' && b.kind === 'currency') return a.codes.join() === b.codes.join();
  return a.kind === b.kind && a.kind !== 'count';
}

/** "20%-30%", "between 21% and 55%", "£2bn to £3bn": two written figures of one range. */
function asRange(text: string, a: ExtractedStatistic, b: ExtractedStatistic): ExtractedStatistic | undefined {
  if (a.numberSpan2 || b.numberSpan2 || b.hedge || !sameUnit(a.unit, b.unit) || a.value < 0 || b.value <= a.value) return undefined;
  const gap = RANGE_GAP.exec(text.slice(a.span.end, b.span.start));
  if (!gap) return undefined;
  const start = a.hedgeSpan ? a.hedgeSpan.start : a.span.start;
  if (gap[1] === 'and' ? wordBefore(text, start) !== 'between' : gap[1] === 'to' && fromBefore(text, start)) return undefined;
  const claim = claimedInterval({
    value: a.value,
    value2: b.value,
    decimals: a.decimals,
    decimals2: b.decimals,
    scale: a.scale,
    scale2: b.scale,
    hedgeKind: undefined,
  });
  return statistic(claim, { start: a.span.start, end: b.span.end }, a.numberSpan, b.numberSpan, undefined, a.unit);
}

/**
 * Finds the statistics in a stretch of masked prose (see analyze/prose: everything that
 * is not running text is already blanked). Offsets are relative to `text`; the result is
 * in text order.
 */
export function extractStatistics(text: string): ExtractedStatistic[] {
  const found: ExtractedStatistic[] = [];
  /**
   * Unit-less figures followed by a list word or comma since the last statistic, for a
   * percentage to lend its unit to; a list never reaches back past a statistic.
   */
  const bare: ParsedNumber[] = [];
  let i = 0;
  const length = text.length;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) {
      i++;
      continue;
    }
    const reading = readAt(text, i, found.length > 0 ? found[found.length - 1]!.span.end : 0);
    if (reading?.kind === 'stat') {
      const { stat } = reading;
      const previous = found[found.length - 1];
      const range = previous && asRange(text, previous, stat);
      if (range) {
        found[found.length - 1] = range;
      } else {
        if ((stat.unit.kind === 'percent' || stat.unit.kind === 'percentage-points') && !stat.numberSpan2 && bare.length > 0) {
          // Found walking back from the percentage; they precede it in the text.
          const sharers = unitSharers(text, stat, bare);
          for (let k = sharers.length - 1; k >= 0; k--) found.push(sharers[k]!);
        }
        found.push(stat);
      }
      bare.length = 0;
      i = stat.span.end;
    } else {
      if (reading?.kind === 'bare' && sticky(LIST_LINK, text, reading.number.end)) bare.push(reading.number);
      // Skip the rest of this digit run so "12345" is considered once.
      while (i < text.length && (isDigit(text[i]) || ((text[i] === ',' || text[i] === '.') && isDigit(text[i + 1])))) i++;
    }
  }
  return found;
}
