import type { ProseBlock, Statistic } from '../model';
import { claimAdmits, claimedInterval } from '../stats/claim';
import { difference, intervalOf, meets, percentChange, percentShare, ratio, wholeNumbers, type Interval } from '../stats/intervals';
import {
  findStatements,
  type ChangeStatement,
  type Direction,
  type Figure,
  type ShareStatement,
  type Statement,
} from '../stats/statements';
import { withThousandsCommas } from '../stats/valueWording';
import type { FixData, Span } from '../types';
import type { RawFinding, RuleContext } from './context';
import { defineRule } from './ruleDefinition';

export const statArithmetic = defineRule({
  code: 'stat.arithmetic',
  severity: 'warning',
  description: 'A stated change or share does not follow from the figures beside it, allowing for their rounding and hedges.',
  check: checkArithmetic,
});

/**
 * `stat.arithmetic`: a stated change or share that does not follow from the figures
 * beside it. Like statcheck, it recomputes the stated figure from the intervals every
 * written figure stands for (its rounding and hedge, docs/statistics.md, "Hedges and rounding") and reports only
 * what no such rounding explains. Needs no fact file.
 */
function checkArithmetic(context: RuleContext): RawFinding[] {
  const { model } = context;
  const { sentences } = model;
  const findings: RawFinding[] = [];
  // Block by block: a block the last check saw (the same object, moved or not) states what it stated then.
  for (let first = 0; first < sentences.length;) {
    const blockIndex = sentences[first]!.block;
    let last = first + 1;
    while (last < sentences.length && sentences[last]!.block === blockIndex) last++;
    const block = model.blocks[blockIndex]!;
    let statements = context.blocks?.blockStatements(block);
    if (!statements) {
      statements = statementsOf(context, block, first, last);
      context.blocks?.setBlockStatements(block, statements);
    }
    for (const statement of statements) {
      const s = shiftStatement(statement, block.span.start);
      const finding = s.kind === 'share' ? checkShare(model.text, s) : checkChange(model.text, s);
      if (finding) findings.push(finding);
    }
    first = last;
  }
  return findings;
}

/** The changes and shares the sentences [first, last) of `block` state, with offsets in the block. */
function statementsOf(context: RuleContext, block: ProseBlock, first: number, last: number): Statement[] {
  const { model } = context;
  const base = block.span.start;
  const found: Statement[] = [];
  for (let i = first; i < last; i++) {
    const sentence = model.sentences[i]!;
    if (sentence.stats.length === 0) continue;
    const start = sentence.span.start - base;
    const end = sentence.span.end - base;
    // Most sentences are as they were at the last check: their statements are kept with the block's text.
    const statements = context.blocks
      ? context.blocks.statements(block.masked, start, end, sentence.stats, model.stats, base)
      : findStatements(
          block.masked,
          start,
          end,
          sentence.stats.map((j) => relative(model.stats[j]!, -base)),
        );
    for (const statement of statements) found.push(statement);
  }
  return found;
}

function shift(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}

function relative(stat: Statistic | Figure, by: number): Figure {
  return {
    ...stat,
    span: shift(stat.span, by),
    numberSpan: shift(stat.numberSpan, by),
    numberSpan2: stat.numberSpan2 && shift(stat.numberSpan2, by),
    hedgeSpan: stat.hedgeSpan && shift(stat.hedgeSpan, by),
  };
}

function shiftStatement<S extends ChangeStatement | ShareStatement>(s: S, by: number): S {
  if (s.kind === 'share') {
    return { ...s, part: relative(s.part, by), whole: relative(s.whole, by), stated: relative(s.stated, by), phrase: shift(s.phrase, by) };
  }
  return {
    ...s,
    from: relative(s.from, by),
    to: relative(s.to, by),
    verb: s.verb && { ...s.verb, span: shift(s.verb.span, by) },
    stated: s.stated && { ...s.stated, figure: relative(s.stated.figure, by) },
  };
}

/** The values a figure stands for; a count written as a whole number (no scale word) is a whole number. */
function valuesOf(f: Figure, counted: boolean): Interval {
  const interval = intervalOf(f);
  return counted && f.scale === 1 && f.decimals === 0 && Number.isInteger(f.value) ? wholeNumbers(interval) : interval;
}

/** The figure as written, hedge included ("about 12", "$2.1 billion"). */
function written(text: string, f: Figure): string {
  return oneLine(text.slice(f.hedgeSpan ? f.hedgeSpan.start : f.span.start, f.span.end));
}

/** A figure may be wrapped across lines in the source; a message is one line. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}

function magnitude(f: Figure): Interval {
  const a = Math.abs(f.low);
  const b = Math.abs(f.high);
  return { low: Math.min(a, b), high: Math.max(a, b) };
}

function signed(m: Interval, direction: Direction): Interval {
  return direction === 'up' ? m : { low: -m.high, high: -m.low };
}

type ChangeKind = 'percent' | 'points' | 'absolute';

/** How a stated change relates to its ends: a percentage change, a point change, or a difference in their unit. */
function changeKinds(s: ChangeStatement, stated: Figure): ChangeKind[] {
  const endsArePercent = s.from.unit.kind === 'percent';
  if (stated.unit.kind === 'percent') return endsArePercent ? ['percent', 'points'] : ['percent'];
  if (stated.unit.kind === 'percentage-points' || stated.unit.kind === 'count') {
    if (endsArePercent) return ['points'];
    return stated.unit.kind === 'count' && sameCount(stated, s.to) ? ['absolute'] : [];
  }
  if (stated.unit.kind === 'currency' && s.to.unit.kind === 'currency' && stated.unit.codes.join() === s.to.unit.codes.join())
    return ['absolute'];
  return [];
}

function sameCount(a: Figure, b: Figure): boolean {
  return a.unit.kind === 'count' && b.unit.kind === 'count' && a.unit.nouns.join() === b.unit.nouns.join();
}

function computed(kind: ChangeKind, from: Interval, to: Interval): Interval | undefined {
  return kind === 'percent' ? percentChange(from, to) : difference(from, to);
}

function central(kind: ChangeKind, s: ChangeStatement): number {
  return kind === 'percent' ? (s.to.value / s.from.value - 1) * 100 : s.to.value - s.from.value;
}

function checkChange(text: string, s: ChangeStatement): RawFinding | undefined {
  const counted = s.to.unit.kind === 'count';
  const from = valuesOf(s.from, counted);
  const to = valuesOf(s.to, counted);
  if (s.stated) {
    const { figure, direction } = s.stated;
    const kinds = changeKinds(s, figure);
    const results = kinds.map((k) => computed(k, from, to));
    if (kinds.length === 0 || results.some((r) => r === undefined)) return undefined;
    const claimed = signed(magnitude(figure), direction);
    if (results.some((r) => meets(r!, claimed))) return verbFinding(text, s);
    const kind = kinds[0]!;
    const value = central(kind, s);
    const actual: Direction | undefined = value > 0 ? 'up' : value < 0 ? 'down' : undefined;
    const number = formatted(text, figure, Math.abs(value));
    const phrase = describe(text, kind, figure, number, actual, kinds.length > 1 ? central('points', s) : undefined);
    const ends = `From ${written(text, s.from)} to ${written(text, s.to)}`;
    const fixable = actual === direction && kinds.length === 1 && number !== text.slice(figure.numberSpan.start, figure.numberSpan.end);
    const message =
      actual === direction || actual === undefined
        ? `${ends} is ${phrase}, not ${written(text, figure)}.`
        : `${ends} is ${phrase}, not a ${direction === 'up' ? 'rise' : 'fall'}.`;
    return {
      code: 'stat.arithmetic',
      message,
      span: figure.span,
      fixes: fixable ? [replaceNumber(text, figure, number, Math.abs(value))] : undefined,
    };
  }
  return verbFinding(text, s);
}

/** A verb that contradicts the figures: "rose from 4.0 to 3.2", "doubled from 3 to 4". */
function verbFinding(text: string, s: ChangeStatement): RawFinding | undefined {
  const { verb } = s;
  if (!verb || s.from.value < 0 || s.to.value < 0) return undefined;
  const ends = `From ${written(text, s.from)} to ${written(text, s.to)}`;
  const from = valuesOf(s.from, s.to.unit.kind === 'count');
  const to = valuesOf(s.to, s.to.unit.kind === 'count');
  const change = (s.to.value / s.from.value - 1) * 100;
  const percent = `${Math.abs(change).toFixed(Math.abs(change) < 10 ? 1 : 0)}%`;
  const moved = change > 0 ? `a ${percent} rise` : change < 0 ? `a ${percent} fall` : 'no change';
  if (verb.multiple !== undefined) {
    const r = ratio(from, to);
    if (!r || (verb.hedgeKind !== undefined && verb.hedgeKind !== 'above')) return undefined;
    const m = verb.multiple;
    const allowed: Interval =
      verb.hedgeKind === 'above'
        ? m > 1
          ? { low: 0.95 * m, high: Infinity }
          : { low: 0, high: 1.05 * m }
        : { low: 0.95 * m, high: 1.05 * m };
    if (meets(r, allowed)) return undefined;
    const word = text.slice(verb.span.start, verb.span.end);
    const noun = { 2: 'a doubling', 3: 'a tripling', 4: 'a quadrupling', 0.5: 'a halving' }[m] ?? `“${word}”`;
    return { code: 'stat.arithmetic', message: `${ends} is ${moved}, not ${verb.hedgeKind ? 'more than ' : ''}${noun}.`, span: verb.span };
  }
  if (!verb.direction) return undefined;
  const diff = difference(from, to);
  const contradicts = verb.direction === 'up' ? diff.high < 0 : diff.low > 0;
  if (!contradicts) return undefined;
  return { code: 'stat.arithmetic', message: `${ends} is ${moved}, not a ${verb.direction === 'up' ? 'rise' : 'fall'}.`, span: verb.span };
}

function checkShare(text: string, s: ShareStatement): RawFinding | undefined {
  // A share of a sum of money may be any amount; a share of anything else counts things.
  const counted = s.whole.unit.kind !== 'currency';
  const share = percentShare(valuesOf(s.part, counted), valuesOf(s.whole, counted));
  if (!share || meets(share, magnitude(s.stated))) return undefined;
  const value = (s.part.value / s.whole.value) * 100;
  const number = formatted(text, s.stated, value);
  const suffix = oneLine(text.slice(s.stated.numberSpan.end, s.stated.span.end));
  const message = `${oneLine(text.slice(s.phrase.start, s.phrase.end))} is ${number}${suffix}, not ${written(text, s.stated)}.`;
  const fixable = number !== text.slice(s.stated.numberSpan.start, s.stated.numberSpan.end);
  return {
    code: 'stat.arithmetic',
    message,
    span: s.stated.span,
    fixes: fixable ? [replaceNumber(text, s.stated, number, value)] : undefined,
  };
}

/** What the figures say, in the stated figure's words: "a 62% rise", "a fall of 0.8 percentage points". */
function describe(
  text: string,
  kind: ChangeKind,
  stated: Figure,
  number: string,
  actual: Direction | undefined,
  points: number | undefined,
): string {
  if (!actual) return 'no change';
  const word = actual === 'up' ? 'rise' : 'fall';
  const prefix = text.slice(stated.span.start, stated.numberSpan.start).replace(/^[-–−]/, '');
  const suffix = oneLine(text.slice(stated.numberSpan.end, stated.span.end));
  if (kind === 'percent') {
    const alsoPoints = points === undefined ? '' : ` (${formatted(text, stated, Math.abs(points))} points)`;
    return `a ${number}${suffix} ${word}${alsoPoints}`;
  }
  return `a ${word} of ${prefix}${number}${suffix}`;
}

/** A value written with the stated figure's precision and scale: the same number of decimals. */
function formatted(text: string, stated: Figure, value: number): string {
  const fixed = (value / stated.scale).toFixed(stated.decimals);
  const groups = text.slice(stated.numberSpan.start, stated.numberSpan.end).includes(',');
  return groups ? withThousandsCommas(fixed) : fixed;
}

/** Writes the computed figure in place of the stated one; drops a hedge the new figure no longer fits. */
function replaceNumber(text: string, stated: Figure, number: string, value: number): FixData {
  const edits = [{ span: stated.numberSpan, newText: number }];
  if (stated.hedgeSpan) {
    const claim = claimedInterval({
      value: Number(number.replace(/,/g, '')) * stated.scale,
      value2: undefined,
      decimals: stated.decimals,
      decimals2: 0,
      scale: stated.scale,
      hedgeKind: stated.hedgeKind,
    });
    if (!claimAdmits(claim, value)) edits.push({ span: { start: stated.hedgeSpan.start, end: stated.span.start }, newText: '' });
  }
  const suffix = oneLine(text.slice(stated.numberSpan.end, stated.span.end));
  return { title: `Change to ${number}${suffix}, as the figures beside it give`, edits, safe: false, preferred: true };
}
