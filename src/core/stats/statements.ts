import type { StatUnit } from './figureUnit';
import type { Span } from '../types';
import { bareFigureAt, type ExtractedStatistic } from './extract';
import { HEDGES, type HedgeKind } from './vocabulary';

/**
 * Finds, in one sentence, the changes and shares it states in figures: "rose from A to B,
 * a C% rise", "from A% to B%, up C points", "doubled from A to B", "A of B regions (C%)",
 * "A out of B, or C per cent". Only these exact shapes count: a checker that recomputes
 * figures must be sure which figures a sentence relates, or it cries wolf. Everything
 * works on the sentence's masked text (citations and markup blanked) and the statistics
 * extraction found in it, with offsets relative to that text.
 */

/** A figure: a statistic extraction found, or a bare number reading its unit from one beside it. */
export type Figure = ExtractedStatistic;

export type Direction = 'up' | 'down';

export interface ChangeStatement {
  kind: 'change';
  from: Figure;
  to: Figure;
  /** The verb before the change ("rose", "fell", "doubled"), when it says something. */
  verb: { span: Span; direction: Direction | undefined; multiple: number | undefined; hedgeKind: HedgeKind | undefined } | undefined;
  /** The change as stated (a percentage or points), and the direction its wording gives it. */
  stated: { figure: Figure; direction: Direction } | undefined;
}

export interface ShareStatement {
  kind: 'share';
  part: Figure;
  whole: Figure;
  stated: Figure;
  /** From the part to the whole and its noun ("9 of 12 regions", "$2bn of the $10bn budget"). */
  phrase: Span;
}

export type Statement = ChangeStatement | ShareStatement;

const UP_VERBS = new Set(
  'rose risen rise rises rising grew grown grow grows growing increased increase increases increasing climbed climbs climbing jumped jumps jumping soared soaring surged surging gained gains gaining up expanded expanding swelled'.split(
    ' ',
  ),
);
const DOWN_VERBS = new Set(
  'fell fallen fall falls falling dropped drops dropping declined declines declining decreased decreases decreasing shrank shrunk shrinking slid slipped plunged plummeted tumbled sank dipped down cut reduced contracted'.split(
    ' ',
  ),
);
const NEUTRAL_VERBS = new Set('changed went gone moved shifted'.split(' '));
const MULTIPLES: Record<string, number> = { doubled: 2, tripled: 3, trebled: 3, quadrupled: 4, halved: 0.5 };
/** Words that make "from A to B" a range or a span, not a change. */
const RANGE_WORDS = new Set(
  'range ranges ranged ranging vary varies varied varying anywhere between span spans spanning stretching extending'.split(' '),
);
const UP_NOUNS = new Set('rise increase jump gain growth climb surge hike boost'.split(' '));
const DOWN_NOUNS = new Set('fall drop decline decrease cut reduction dip slide contraction loss plunge slump'.split(' '));

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Q[1-4])';
/** "in 2019", "in March 2020", "in 2019-20", "(2019)", "a year earlier": when each end was measured. */
const WHEN = new RegExp(
  `(?:\\s+(?:in|by)\\s+(?:(?:early|late|mid)[ -]?)?(?:${MONTH}\\s+)?(?:19|20)\\d{2}(?:[-–/](?:19|20)?\\d{2})?|\\s*\\((?:19|20)\\d{2}\\)|\\s+(?:a\\s+year\\s+(?:earlier|ago|before)|last\\s+year))`,
  'y',
);
const TO = /\s+to\s+/y;
const FROM = /\s+from\s+/y;
/** Up to two words (a hedge) before a figure's digits: "from about 12". */
const HEDGE_THEN_DIGIT = /(?:[\p{L}~]+\.?\s+){0,2}(?=\d)/uy;
/** What may end the clause after a stated change or share: punctuation or the sentence's end. */
const CLAUSE_END = /\s*(?:[.,;:!?)\]—–]|$)/y;
const SEPARATOR = /\s*(?:,|;|—|–|\s-)\s*|\s*\(\s*/y;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function startOf(f: Figure): number {
  return f.hedgeSpan ? f.hedgeSpan.start : f.span.start;
}

/** The words before `at`, nearest first, lower-cased (at most `count`). */
function wordsBefore(text: string, at: number, count: number): { word: string; start: number }[] {
  const found: { word: string; start: number }[] = [];
  let end = at;
  while (found.length < count) {
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    let start = end;
    while (start > 0 && /[\p{L}’'-]/u.test(text[start - 1]!)) start--;
    if (start === end) break;
    found.push({ word: text.slice(start, end).toLowerCase(), start });
    end = start;
  }
  return found;
}

function isPercentLike(unit: StatUnit): boolean {
  return unit.kind === 'percent' || unit.kind === 'percentage-points';
}

/** Same unit, for relating two figures; counts must count the same noun. */
function sameUnit(a: StatUnit, b: StatUnit): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'currency' && b.kind === 'currency') return a.codes.join() === b.codes.join();
  if (a.kind === 'count' && b.kind === 'count') return a.nouns.join() === b.nouns.join();
  return true;
}

/** A statistic written as a bare number that took a percentage's unit from a list ("1,200, or 25 per cent"). */
function isUnitSharer(f: Figure): boolean {
  return f.span.start === f.numberSpan.start && f.span.end === f.numberSpan.end && isPercentLike(f.unit);
}

class SentenceReader {
  constructor(
    private readonly text: string,
    private readonly start: number,
    private readonly end: number,
    private readonly stats: Figure[],
  ) {}

  /** The statistic that starts (hedge included) at `at`. */
  statAt(at: number): Figure | undefined {
    return this.stats.find((s) => startOf(s) === at);
  }

  statEndingAt(at: number): Figure | undefined {
    return this.stats.find((s) => s.span.end === at);
  }

  /** A figure starting at `at`: a statistic, or a bare number taking `like`'s unit and scale. */
  figureAt(at: number, like: Figure | undefined): Figure | undefined {
    const stat = this.statAt(at);
    if (stat) return stat;
    if (!like) return undefined;
    const lead = sticky(HEDGE_THEN_DIGIT, this.text, at);
    if (!lead) return undefined;
    const bare = bareFigureAt(this.text, at + lead[0].length, like);
    return bare && startOf(bare) === at && bare.span.end <= this.end ? bare : undefined;
  }

  /** Where a bare number starting at `at` (after a hedge) ends, before its unit is known. */
  bareEnd(at: number): number | undefined {
    const probe = this.figureAt(at, { unit: { kind: 'percent' }, scale: 1 } as Figure);
    return probe && !this.statAt(at) ? probe.span.end : undefined;
  }

  /** "12 points" after percentages: extraction reads no unit in "points" alone. */
  pointsAt(at: number): Figure | undefined {
    const figure = this.figureAt(at, { unit: { kind: 'percentage-points' }, scale: 1 } as Figure);
    const points = figure && !this.statAt(at) ? sticky(/\s+points?(?![\p{L}\p{N}])/uy, this.text, figure.span.end) : null;
    return points ? { ...figure!, span: { start: figure!.span.start, end: figure!.span.end + points[0].length } } : undefined;
  }

  skipWhen(at: number): number {
    const m = sticky(WHEN, this.text, at);
    return m ? at + m[0].length : at;
  }

  changes(): ChangeStatement[] {
    const found: ChangeStatement[] = [];
    const sentence = this.text.slice(this.start, this.end);
    for (const m of sentence.matchAll(/\b(from|to)\s+/giu)) {
      const keyword = this.start + m.index;
      const at = keyword + m[0].length;
      const core = m[1]!.toLowerCase() === 'from' ? this.fromTo(at) : this.toFrom(at);
      if (!core) continue;
      const statement = this.change(keyword, core, m[1]!.toLowerCase() === 'to');
      if (statement) found.push(statement);
    }
    return found;
  }

  /** "from A to B": A may be bare ("from 12 to 18 councils"). */
  private fromTo(at: number): { from: Figure; to: Figure; end: number } | undefined {
    const stated = this.statAt(at);
    const aEnd = stated ? stated.span.end : this.bareEnd(at);
    if (aEnd === undefined) return undefined;
    const to = sticky(TO, this.text, this.skipWhen(aEnd));
    if (!to) return undefined;
    const b = this.statAt(to.index + to[0].length);
    if (!b || b.numberSpan2) return undefined;
    const a = stated ?? this.figureAt(at, b);
    return a && !a.numberSpan2 ? { from: a, to: b, end: this.skipWhen(b.span.end) } : undefined;
  }

  /** "to B from A", after a verb ("rose to $3.4bn from $2.1bn"). */
  private toFrom(at: number): { from: Figure; to: Figure; end: number } | undefined {
    const b = this.statAt(at);
    if (!b || b.numberSpan2) return undefined;
    const from = sticky(FROM, this.text, this.skipWhen(b.span.end));
    if (!from) return undefined;
    const a = this.figureAt(from.index + from[0].length, b);
    return a && !a.numberSpan2 ? { from: a, to: b, end: this.skipWhen(a.span.end) } : undefined;
  }

  private change(keyword: number, core: { from: Figure; to: Figure; end: number }, verbRequired: boolean): ChangeStatement | undefined {
    const { from, to } = core;
    if (!sameUnit(from.unit, to.unit) || from.unit.kind === 'percentage-points') return undefined;
    // A bare first figure takes the second's scale ("from 2 to 3 million"), unless that
    // makes the two implausibly far apart ("from 800 to 1.2 million").
    if (from.scale !== to.scale && from.span.start === from.numberSpan.start && from.span.end === from.numberSpan.end) {
      const r = to.value / from.value;
      if (!(r > 0.1 && r < 10)) return undefined;
    }
    const before = wordsBefore(this.text, keyword, 4);
    if (before.some((w) => RANGE_WORDS.has(w.word))) return undefined;
    // "rose 62% from A to B", "grew by 5 points, from A to B".
    let statedBefore: Figure | undefined;
    let verbEnd = keyword;
    const comma = /,\s*$/.exec(this.text.slice(this.start, keyword));
    const beforeStat = this.statEndingAt(comma ? this.start + comma.index : trimEnd(this.text, keyword));
    if (beforeStat && isChangeUnit(beforeStat.unit)) {
      statedBefore = beforeStat;
      verbEnd = startOf(beforeStat);
      const by = wordsBefore(this.text, verbEnd, 1)[0];
      if (by?.word === 'by') verbEnd = by.start;
    }
    const verb = this.verbBefore(verbEnd);
    if ((verbRequired || statedBefore) && !verb) return undefined;
    if (statedBefore && !verb!.direction) return undefined;
    const statedAfter = statedBefore ? undefined : this.statedAfter(core.end);
    if (statedAfter === null) return undefined;
    const stated = statedBefore ? { figure: statedBefore, direction: verb!.direction! } : statedAfter;
    if (!stated && !verb) return undefined;
    if (stated && !isChangeUnit(stated.figure.unit) && !sameUnit(stated.figure.unit, to.unit)) return undefined;
    return { kind: 'change', from, to, verb, stated };
  }

  /** The verb that ends at `at` (an adverb may follow it: "rose sharply"), with its hedge ("more than doubled"). */
  private verbBefore(at: number): ChangeStatement['verb'] {
    const words = wordsBefore(this.text, at, 5);
    let i = 0;
    if (words[0] && words[0].word.endsWith('ly') && words[1]) i = 1;
    const w = words[i];
    if (!w) return undefined;
    const multiple = MULTIPLES[w.word];
    const direction = UP_VERBS.has(w.word) || (multiple && multiple > 1) ? 'up' : DOWN_VERBS.has(w.word) || multiple ? 'down' : undefined;
    if (!direction && !NEUTRAL_VERBS.has(w.word)) return undefined;
    const span = { start: w.start, end: w.start + w.word.length };
    let hedgeKind: HedgeKind | undefined;
    if (multiple) {
      const preceding = words.slice(i + 1).map((x) => x.word);
      for (const [hedge, kind] of HEDGES) {
        const parts = hedge.split(' ');
        if (parts.every((p, k) => preceding[parts.length - 1 - k] === p)) hedgeKind = kind;
      }
      // "not quite doubled", "almost doubled": words that hedge without a hedge of our list.
      if (
        !hedgeKind &&
        preceding[0] &&
        /^(?:not|quite|nearly|almost|roughly|about|some|effectively|virtually|practically)$/.test(preceding[0])
      )
        return undefined;
    }
    return { span, direction, multiple, hedgeKind };
  }

  /**
   * The stated change after "from A to B": ", a 62% rise", ", an increase of 62%", ", up
   * 5 points", " (+62%)". Null when something follows that could make the figure about
   * another change ("a 5% rise on last year", "a 2% annual rise").
   */
  private statedAfter(at: number): { figure: Figure; direction: Direction } | undefined | null {
    const sep = sticky(SEPARATOR, this.text, at);
    if (!sep) return undefined;
    const inParens = sep[0].includes('(');
    let q = at + sep[0].length;
    let figure: Figure | undefined;
    let direction: Direction | undefined;
    let end: number;
    const lead = /^(?:(an?)\s+|(up|down)\s+(?:by\s+)?)/i.exec(this.text.slice(q, this.end));
    if (lead?.[1]) {
      q += lead[0].length;
      figure = this.statAt(q);
      if (figure) {
        const noun = /^\s+(\p{L}+)\b/u.exec(this.text.slice(figure.span.end, this.end));
        direction = nounDirection(noun?.[1]);
        end = figure.span.end + (noun ? noun[0].length : 0);
      } else {
        const noun = /^(\p{L}+)\s+of\s+/u.exec(this.text.slice(q, this.end));
        direction = nounDirection(noun?.[1]);
        figure = noun ? (this.statAt(q + noun[0].length) ?? this.pointsAt(q + noun[0].length)) : undefined;
        end = figure ? figure.span.end : q;
      }
    } else if (lead?.[2]) {
      direction = lead[2].toLowerCase() as Direction;
      figure = this.statAt(q + lead[0].length) ?? this.pointsAt(q + lead[0].length);
      end = figure ? figure.span.end : q;
    } else if (inParens) {
      const plus = this.text[q] === '+';
      figure = this.statAt(plus ? q + 1 : q);
      if (figure && (plus || figure.value < 0) && !figure.hedge) direction = plus ? 'up' : 'down';
      end = figure ? figure.span.end : q;
    } else {
      return undefined;
    }
    if (!figure) return undefined;
    if (!direction) return null;
    if (inParens && !sticky(/\s*\)/y, this.text, end)) return null;
    if (!sticky(CLAUSE_END, this.text, end) || end > this.end) return null;
    return { figure, direction };
  }

  shares(): ShareStatement[] {
    const found: ShareStatement[] = [];
    for (const stated of this.stats) {
      if (stated.unit.kind !== 'percent' || stated.numberSpan2 || isUnitSharer(stated)) continue;
      const start = startOf(stated);
      const head = this.text.slice(this.start, start);
      // "(80%)" alone in its parentheses, or ", or 25 per cent" ending its clause.
      const paren = /\(\s*$/.exec(head);
      const or = /,\s+or\s+$/.exec(head);
      if (paren ? !sticky(/\s*\)/y, this.text, stated.span.end) : !or || !sticky(CLAUSE_END, this.text, stated.span.end)) continue;
      const phraseEnd = trimEnd(this.text, this.start + (paren ?? or)!.index);
      const whole = this.wholeEndingAt(phraseEnd);
      if (!whole || whole.numberSpan2 || (isPercentLike(whole.unit) && !isUnitSharer(whole))) continue;
      const of = /(?:^|\s)(?:out\s+)?of\s+(?:the\s+)?$/.exec(this.text.slice(this.start, startOf(whole)));
      if (!of) continue;
      const partEnd = trimEnd(this.text, this.start + of.index);
      const part = this.partEndingAt(partEnd, whole);
      if (!part || part.numberSpan2 || part.value > whole.value || part.value <= 0) continue;
      found.push({ kind: 'share', part, whole, stated, phrase: { start: startOf(part), end: phraseEnd } });
    }
    return found;
  }

  /** The whole of a share: a statistic, or a sum of money and the noun it is ("the $10bn budget"). */
  private wholeEndingAt(at: number): Figure | undefined {
    const stat = this.statEndingAt(at);
    if (stat) return stat;
    const noun = /(?:\s+\p{Ll}+){1,2}$/u.exec(this.text.slice(this.start, at));
    const money = noun ? this.statEndingAt(this.start + noun.index) : undefined;
    return money?.unit.kind === 'currency' ? money : undefined;
  }

  /** The part of a share: a statistic of the whole's unit, or a bare number ending at `at`. */
  private partEndingAt(at: number, whole: Figure): Figure | undefined {
    const stat = this.statEndingAt(at);
    if (stat) return sameUnit(stat.unit, whole.unit) || isUnitSharer(whole) ? stat : undefined;
    let digits = at;
    while (digits > this.start && /[\d.,]/.test(this.text[digits - 1]!)) digits--;
    while (digits < at && !/\d/.test(this.text[digits]!)) digits++;
    if (digits === at) return undefined;
    const like = isUnitSharer(whole) ? ({ unit: { kind: 'count', nouns: [] }, scale: 1 } as unknown as Figure) : whole;
    const bare = bareFigureAt(this.text, digits, like);
    return bare && bare.span.end === at ? bare : undefined;
  }
}

function trimEnd(text: string, at: number): number {
  let end = at;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

function nounDirection(noun: string | undefined): Direction | undefined {
  const lower = noun?.toLowerCase() ?? '';
  return UP_NOUNS.has(lower) ? 'up' : DOWN_NOUNS.has(lower) ? 'down' : undefined;
}

/** A stated change is a percentage, percentage points, or "points" after percentages. */
function isChangeUnit(unit: StatUnit): boolean {
  return isPercentLike(unit) || (unit.kind === 'count' && unit.nouns.length === 1 && unit.nouns[0] === 'point');
}

/**
 * The changes and shares one sentence states. `text` is the masked text of the sentence's
 * block, `start`/`end` the sentence within it, `stats` its statistics (offsets into `text`).
 */
export function findStatements(text: string, start: number, end: number, stats: Figure[]): Statement[] {
  const reader = new SentenceReader(text, start, end, stats);
  return [...reader.changes(), ...reader.shares()];
}
