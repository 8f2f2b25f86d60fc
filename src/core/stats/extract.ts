// Statistics in prose: a number with its hedge, currency, scale and unit, ranges ("20-30%")
// and lists that share a unit ("5, 10 and 15 per cent").
import type { Span } from '../types';
import { type Claim, claimedInterval } from './claim';
import { gluedCodeBefore } from './currencyForms';
import { currencyBefore, type Hedge, hedgeBefore } from './figurePrefix';
import { abbreviatedUnit, currencyAfter, readUnit, squaredEnd, type StatUnit, type Tail, WORD } from './figureUnit';
import {
  firstAfterBlanks,
  isDigit,
  isLetter,
  isSpace,
  isWordChar,
  isYearLike,
  letterWordBefore,
  type ParsedNumber,
  readLeadingDecimal,
  readNumber,
  sticky,
  wordBefore,
} from './textScan';
import { CURRENCY_SCALE_LETTERS, currencyCode, LABEL_WORDS, MONTHS, PERCENTILE_WORDS, SCALE_WORDS, UNIT_ABBREVIATIONS } from './vocabulary';

/**
 * A statistic found in prose, before it is attached to a sentence: the interval its figure
 * claims (value, low/high, scale, decimals, hedge kind) and where it stands.
 */
export interface ExtractedStatistic extends Claim {
  /** From the currency sign or first digit to the end of the unit (docs/statistics.md#what-counts-as-a-statistic). */
  span: Span;
  /** The number as written (digits only; for a range, the first number). */
  numberSpan: Span;
  /** For a range (`20-30%`), the second number. */
  numberSpan2: Span | undefined;
  /** The hedge word(s) before the figure, if any (`almost`, `more than`). */
  hedge: string | undefined;
  hedgeSpan: Span | undefined;
  unit: StatUnit;
}

const LETTERS = /\p{L}+/uy;
const SCALE = /\s+(thousand|million|billion|trillion|mn|bn|tn|trn|lakhs?|crores?)(?![\p{L}\p{N}])/iuy;
/** Joins the two numbers of a range; "and" only after "between". */
const RANGE_JOIN = /[ \t]?[-–—][ \t]?|\s+(to|and)\s+/y;
/** What may follow a figure in a list: "1.3 and", "4, 6", "from 20 to". */
const LIST_LINK = /,|\s+(?:and|or|to)\s/y;
/** The whole gap between two complete statistics that form a range ("20%-30%", "£2bn to £3bn"). */
const RANGE_GAP = /^(?:[ \t]?[-–—][ \t]?|\s+(to|and)\s+)$/;
const SCALE_INITIALS = 'tmbclTMBCL';

/** One statistic, built as a literal so every statistic shares one object shape. */
function statistic(
  claim: Claim,
  span: Span,
  numberSpan: Span,
  numberSpan2: Span | undefined,
  hedge: Hedge | undefined,
  unit: StatUnit,
): ExtractedStatistic {
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
  const joined = join && (join[1] === 'and' ? wordBefore(text, spanStart) === 'between' : join[1] !== 'to' || !fromBefore(text, spanStart));
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
