// A figure's unit, read after its number and scale: percent, points, a currency word or
// code, or a count's noun phrase.
import { millionsCode, signAfter } from './currencyForms';
import type { Currency } from './figurePrefix';
import { firstAfterBlanks, isDigit, isSpace, isWordChar, sticky } from './textScan';
import {
  ADJECTIVES,
  CURRENCY_WORDS,
  currencyCode,
  INVARIANT_PLURALS,
  isPlural,
  NATIONAL_CURRENCIES,
  NOT_NOUNS,
  singular,
  SUBUNIT_WORDS,
  TIME_WORDS,
  UNIT_ABBREVIATIONS,
} from './vocabulary';

export type StatUnit =
  | { kind: 'percent' }
  | { kind: 'percentage-points' }
  /** ISO codes the figure may be in (`$` may be USD or another dollar). */
  | { kind: 'currency'; codes: string[] }
  /** The words that follow the number, singular and lower-case, first one first. */
  | { kind: 'count'; nouns: string[] };

const UPPER = /\p{Lu}/u;
/** A following word, across any blanks (a masked link destination may sit in between). */
export const WORD = /\s+(\p{L}[\p{L}'’-]*)/uy;
const PERCENT = /\s*(?:%|per[ -]?cent(?![\p{L}\p{N}])|pct(?![\p{L}\p{N}])|pc(?![\p{L}\p{N}]))/iuy;
const POINTS = /\s*(?:percentage[ -]points?|pp|ppts?)(?![\p{L}\p{N}])/iuy;
const POINTS_AFTER_PERCENT = /\s+(?:points?|pts?)(?![\p{L}\p{N}])/iuy;
const BASIS_POINTS = /\s+(?:basis[ -]points?|bps?)(?![\p{L}\p{N}])/iuy;
const US_DOLLARS = /\s+(?:US|U\.S\.)\s+dollars?(?![\p{L}\p{N}])/iuy;
/** "Australian dollars", "Swiss francs": see NATIONAL_CURRENCIES. */
const NATIONAL_CURRENCY = new RegExp(
  `\\s+(${Object.keys(NATIONAL_CURRENCIES)
    .map((name) => name.replaceAll(' ', '\\s+'))
    .join('|')})s?(?![\\p{L}\\p{N}])`,
  'iuy',
);
const NATIONAL_FIRST_WORDS = new Set(Object.keys(NATIONAL_CURRENCIES).map((name) => name.split(' ')[0]!));
const HYPHENATED = /^\p{L}+-\p{L}/u;
const PARTICIPLE_OR_ADVERB = /(?:ly|ed|ing)$/;
const ACRONYM = /^\p{Lu}{2,3}$/u;
const POSSESSIVE = /[’']s$/;
const HEX = /^[\dA-Fa-f]$/;
const PERCENT_INITIALS = '%pPbB';
export function currencyAfter(text: string, at: number): Tail | undefined {
  const after = signAfter(text, at);
  return after && { end: after.end, unit: { kind: 'currency', codes: after.codes }, factor: 1 };
}

export interface Tail {
  end: number;
  unit: StatUnit;
  /** Multiplies the written value: 0.01 for "30 cents" or "50 basis points". */
  factor: number;
}

/** The unit after a number and its scale: percent, points, currency word or code, or a count's noun. */
export function readUnit(text: string, at: number, currency: Currency | undefined, count: number): Tail | undefined {
  if (!currency) {
    const after = currencyAfter(text, at);
    if (after) return after;
  }
  // Every unit starts with a blank or "%" (glued letters were read before).
  const first = text[at];
  if (first !== '%' && !isSpace(first))
    return currency ? { end: at, unit: { kind: 'currency', codes: currency.codes }, factor: 1 } : undefined;
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
export function squaredEnd(text: string, unit: string, at: number): number {
  return unit === 'km' && (text[at] === '2' || text[at] === '²') && !isWordChar(text[at + 1]) ? at + 1 : -1;
}

/** A unit abbreviation ending at `end` ("5 km", "3GW", "190 km2"). */
export function abbreviatedUnit(text: string, abbreviation: string, end: number): Tail {
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
