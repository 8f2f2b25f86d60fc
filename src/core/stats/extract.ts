import type { StatUnit } from '../model';
import type { Span } from '../types';
import { claimedInterval, type Claim } from './claim';
import {
  ADJECTIVES,
  CURRENCY_CODES,
  CURRENCY_PREFIXES,
  CURRENCY_SCALE_LETTERS,
  CURRENCY_WORDS,
  HEDGES,
  LABEL_WORDS,
  MONTHS,
  NOT_NOUNS,
  SCALE_WORDS,
  singular,
  TIME_WORDS,
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

const NUMBER = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/gy;
const LETTER = /\p{L}/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

interface ParsedNumber {
  start: number;
  end: number;
  value: number;
  decimals: number;
  hasComma: boolean;
}

function readNumber(text: string, at: number): ParsedNumber | undefined {
  NUMBER.lastIndex = at;
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const raw = m[0];
  const dot = raw.indexOf('.');
  return {
    start: at,
    end: at + raw.length,
    value: Number(raw.replace(/,/g, '')),
    decimals: dot < 0 ? 0 : raw.length - dot - 1,
    hasComma: raw.includes(','),
  };
}

/** The currency sign or code that ends right before `at` (`$`, `US$`, `£ `, `USD `). */
function currencyBefore(text: string, at: number): { start: number; codes: string[] } | undefined {
  let end = at;
  if (text[end - 1] === ' ') end -= 1;
  for (const [sign, codes] of CURRENCY_PREFIXES) {
    const start = end - sign.length;
    if (start >= 0 && text.startsWith(sign, start)) {
      // `$$5$$` is LaTeX math, and `A$` must not be the end of a longer word.
      if (text[start - 1] === '$') return undefined;
      if (sign.length > 1 && start > 0 && WORD_CHAR.test(text[start - 1]!)) continue;
      if (sign === '$' && end !== at) return undefined; // "$ 5" is rare; "costs $ 5" tolerable to miss
      return { start, codes };
    }
  }
  const code = /\b([A-Z]{3}) ?$/.exec(text.slice(Math.max(0, at - 4), at));
  if (code && CURRENCY_CODES.has(code[1]!)) {
    return { start: at - code[0].length, codes: [code[1] === 'RMB' ? 'CNY' : code[1]!] };
  }
  return undefined;
}

/** The previous word before `at`, skipping spaces; lower-cased, with its dots. */
function wordBefore(text: string, at: number): string {
  const m = /([\p{L}.]+)\s*$/u.exec(text.slice(Math.max(0, at - 30), at));
  return m ? m[1]!.toLowerCase().replace(/\.$/, '') : '';
}

function hedgeBefore(text: string, at: number): { word: string; span: Span; kind: Claim['hedgeKind'] } | undefined {
  const before = text.slice(Math.max(0, at - 20), at).toLowerCase();
  for (const [word, kind] of HEDGES) {
    const m = new RegExp(`(?:^|[^\\p{L}])(${word.replace(' ', '\\s+')})\\s+$`, 'u').exec(before);
    if (m) {
      const start = at - (before.length - m.index - (m[0].length - m[1]!.length));
      return { word, span: { start, end: start + m[1]!.length }, kind };
    }
  }
  return undefined;
}

const PERCENT = /\s?(?:%|per[ -]?cent\b|pc\b)/iy;
const POINTS = /\s?(?:percentage[ -]points?\b|pp\b|ppts?\b)/iy;
const SCALE = /\s?(thousand|million|billion|trillion|mn|bn|tn|trn)\b/iy;
const SCALE_LETTER = /([kmb])(?![\p{L}\p{N}])/iuy;
const WORD = /\s([\p{L}][\p{L}'’-]*)/uy;
const RANGE_JOIN = /\s?(?:-|–|—|to)\s?/y;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

interface Tail {
  end: number;
  unit: StatUnit;
}

/** Reads the unit after a number (and its scale): percent, points, currency word, or noun. */
function readUnit(text: string, at: number, currency: string[] | undefined): Tail | undefined {
  let m = sticky(POINTS, text, at);
  if (m) return { end: at + m[0].length, unit: { kind: 'percentage-points' } };
  m = sticky(PERCENT, text, at);
  if (m) {
    const after = at + m[0].length;
    const points = sticky(/\s(?:points?|pts?)\b/iy, text, after);
    if (points) return { end: after + points[0].length, unit: { kind: 'percentage-points' } };
    return { end: after, unit: { kind: 'percent' } };
  }
  const word = sticky(WORD, text, at);
  const w = word?.[1];
  if (currency) {
    // "$17 billion dollars": the word repeats the sign; include it in the span.
    if (w && CURRENCY_WORDS[w.toLowerCase()]) return { end: at + word![0].length, unit: { kind: 'currency', codes: currency } };
    return { end: at, unit: { kind: 'currency', codes: currency } };
  }
  if (!w) return undefined;
  const code = w.toUpperCase() === w && CURRENCY_CODES.has(w) ? (w === 'RMB' ? 'CNY' : w) : undefined;
  if (code) return { end: at + word![0].length, unit: { kind: 'currency', codes: [code] } };
  const lower = w.toLowerCase();
  if (lower === 'us' || lower === 'u.s.') {
    const dollars = sticky(/\s(?:US|U\.S\.) dollars?\b/y, text, at);
    if (dollars) return { end: at + dollars[0].length, unit: { kind: 'currency', codes: ['USD'] } };
  }
  if (CURRENCY_WORDS[lower] && lower !== 'won') return { end: at + word![0].length, unit: { kind: 'currency', codes: CURRENCY_WORDS[lower]! } };
  return readNoun(text, at);
}

/** A count's noun: the first lower-case word that is not a function word, after adjectives. */
function readNoun(text: string, at: number): Tail | undefined {
  const nouns: string[] = [];
  let pos = at;
  let end = -1;
  for (let i = 0; i < 4; i++) {
    const m = sticky(WORD, text, pos);
    if (!m) break;
    const w = m[1]!.replace(/[’']s$/, '');
    const lower = w.toLowerCase();
    if (nouns.length === 0) {
      if (w[0] !== lower[0]) return undefined; // "5 Eyes", "2 Corinthians": names, not counts
      if (NOT_NOUNS.has(lower) || TIME_WORDS.has(lower)) return undefined;
      if (ADJECTIVES.has(lower) && i < 2) {
        pos += m[0].length;
        continue;
      }
      if (/(?:ly|ed|ing)$/.test(lower) || lower.length < 2 || lower.includes('-') && /^[^-]+-(?:year|month|day|week)/.test(lower)) {
        return undefined;
      }
      nouns.push(singular(lower));
      pos += m[0].length;
      end = pos;
      continue;
    }
    if (NOT_NOUNS.has(lower) || TIME_WORDS.has(lower)) break;
    nouns.push(singular(lower));
    pos += m[0].length;
  }
  if (nouns.length === 0) return undefined;
  return { end, unit: { kind: 'count', nouns } };
}

function isYearLike(n: ParsedNumber): boolean {
  return !n.hasComma && n.decimals === 0 && n.value >= 1000 && n.value <= 2199;
}

/**
 * Finds the statistics in a stretch of masked prose (see analyze/prose: everything that
 * is not running text is already blanked). Offsets are relative to `text`.
 */
export function extractStatistics(text: string): ExtractedStatistic[] {
  const found: ExtractedStatistic[] = [];
  const digit = /\d/g;
  let match: RegExpExecArray | null;
  while ((match = digit.exec(text))) {
    const at = match.index;
    const stat = readStatisticAt(text, at);
    if (stat) {
      found.push(stat.stat);
      digit.lastIndex = stat.stat.span.end;
    } else {
      // Skip the rest of this digit run so "12345" is considered once.
      const n = readNumber(text, at);
      digit.lastIndex = n ? n.end : at + 1;
    }
  }
  return found;
}

function readStatisticAt(text: string, at: number): { stat: ExtractedStatistic } | undefined {
  const prev = text[at - 1] ?? ' ';
  if (WORD_CHAR.test(prev) || prev === '/' || prev === ':' || prev === '#' || prev === '§' || prev === '^') return undefined;
  if ((prev === '.' || prev === ',') && /\d/.test(text[at - 2] ?? '')) return undefined;
  let negative = false;
  if (prev === '-' || prev === '–' || prev === '−') {
    if (WORD_CHAR.test(text[at - 2] ?? ' ')) return undefined; // M-22-09, COVID-19, 1950-53
    negative = prev === '−' || /\s|^/.test(text[at - 2] ?? ' ');
  }
  const num = readNumber(text, at);
  if (!num) return undefined;
  const next = text[num.end] ?? ' ';
  if ((next === '/' || next === ':' || next === '.') && /\d/.test(text[num.end + 1] ?? '')) return undefined;
  if (next === '°' || next === '-' && LETTER.test(text[num.end + 1] ?? '')) return undefined;
  if (next === "'" || next === '’') return undefined; // the 1990's

  const currency = currencyBefore(text, at);
  let cursor = num.end;
  let scale = 1;
  let second: ParsedNumber | undefined;

  // "20-30 per cent", "$2-3 billion": a range shares the unit written after it.
  const join = sticky(RANGE_JOIN, text, cursor);
  if (join) {
    let after = cursor + join[0].length;
    const sign = currency ? text.slice(currency.start, at).trim() : '';
    if (sign && text.startsWith(sign, after)) after += sign.length;
    const n2 = readNumber(text, after);
    // Ranges ascend; "1998 to 2003" is a span of years, not a figure.
    if (n2 && n2.value > num.value && !(isYearLike(num) && isYearLike(n2))) second = n2;
  }
  const afterNumbers = second ? second.end : cursor;
  cursor = afterNumbers;

  if (LETTER.test(text[cursor] ?? ' ')) {
    // Letters glued to the number: only a scale after a currency ("£11.6bn", "$5m") or a unit.
    const glued = sticky(/(bn|mn|tn|trn|pc|pp|ppts?)(?![\p{L}\p{N}])/iuy, text, cursor);
    const letter = currency ? sticky(SCALE_LETTER, text, cursor) : null;
    if (glued && SCALE_WORDS[glued[1]!.toLowerCase()]) {
      scale = SCALE_WORDS[glued[1]!.toLowerCase()]!;
      cursor += glued[0].length;
    } else if (letter) {
      scale = CURRENCY_SCALE_LETTERS[letter[1]!.toLowerCase()]!;
      cursor += letter[0].length;
    } else if (!glued) {
      return undefined; // 5th, 1990s, 3D, 11pm
    }
  } else {
    const s = sticky(SCALE, text, cursor);
    if (s) {
      scale = SCALE_WORDS[s[1]!.toLowerCase()]!;
      cursor += s[0].length;
    }
  }

  const tail = readUnit(text, cursor, currency?.codes);
  if (!tail) return undefined;
  // "above $0", "from 0% to 50%": a zero is a threshold, not a figure anyone sources.
  if (num.value === 0 && !second) return undefined;
  if (tail.unit.kind === 'count') {
    if (scale === 1 && isYearLike(num)) return undefined;
    if (text[num.end] === ')' || text[at - 1] === '(' && text[num.end] === ')') return undefined;
    const before = wordBefore(text, currency ? currency.start : at);
    if (LABEL_WORDS.has(before) || MONTHS.has(before)) return undefined;
    const following = sticky(WORD, text, afterNumbers);
    if (following && MONTHS.has(following[1]!.toLowerCase())) return undefined;
  } else if (tail.unit.kind === 'currency' && !currency && scale === 1 && isYearLike(num)) {
    return undefined;
  }

  const start = currency ? currency.start : negative && prev !== '−' ? at - 1 : at;
  const spanStart = negative ? Math.min(start, at - 1) : start;
  const hedge = hedgeBefore(text, spanStart);
  const sign = negative ? -1 : 1;
  const claim = claimedInterval({
    value: sign * num.value * scale,
    value2: second ? sign * second.value * scale : undefined,
    decimals: num.decimals,
    decimals2: second?.decimals ?? 0,
    scale,
    hedgeKind: second ? undefined : hedge?.kind,
  });
  return {
    stat: {
      ...claim,
      span: { start: spanStart, end: tail.end },
      numberSpan: { start: num.start, end: num.end },
      numberSpan2: second ? { start: second.start, end: second.end } : undefined,
      hedge: second ? undefined : hedge?.word,
      hedgeSpan: second ? undefined : hedge?.span,
      unit: tail.unit,
    },
  };
}
