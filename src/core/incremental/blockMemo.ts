import type { Statistic, StatUnit } from '../model';
import { findStatements, type Figure, type Statement } from '../stats/statements';
import type { Span } from '../types';

/**
 * What rules read from one prose block's masked text, kept from the last check for the
 * next: an edit changes a block or two, and every other block's text is the same string
 * again (the analysis of an unchanged run is reused), so its quotations and its
 * sentences' changes and shares need not be looked for again. Offsets are the block's
 * own, so a block that moved is found all the same; the rules add the block's start.
 * Both answers are functions of what is compared (the masked text, and for statements
 * the sentence's bounds and statistics in the block), so reusing them cannot change a
 * finding: see ARCHITECTURE.md, "Incremental checking".
 */
export class BlockMemo {
  private readonly byText = new Map<string, BlockEntry>();
  private check = 0;
  private seen = 0;

  /** Starts a check. Texts no check has looked up since the last sweep are dropped once they are most. */
  begin(): void {
    if (this.byText.size > 2 * this.seen + 64) {
      for (const [text, entry] of this.byText) if (entry.check !== this.check) this.byText.delete(text);
    }
    this.check++;
    this.seen = 0;
  }

  /**
   * The quotations of a block, from `find` the first time its text is seen. (The quotation
   * rule is the one caller, with one `find`: what is kept is what it returned.)
   */
  quotations<Q>(masked: string, find: (masked: string) => Q): Q {
    const entry = this.entry(masked);
    if (entry.quotations === undefined) entry.quotations = find(masked);
    return entry.quotations as Q;
  }

  /**
   * The changes and shares one sentence states (findStatements), with offsets in the block:
   * `start`/`end` the sentence in the block, `stats` its statistics with the document's
   * offsets, `base` the block's start.
   */
  statements(masked: string, start: number, end: number, stats: readonly Statistic[], base: number): Statement[] {
    const entry = this.entry(masked);
    for (const known of entry.statements) {
      if (known.start !== start || known.end !== end) continue;
      // The statistics of a block before an edit are the very objects the last check had.
      if (sameObjects(known.stats, stats) || sameFigures(known.stats, known.base, stats, base)) {
        known.stats = stats;
        known.base = base;
        return known.statements;
      }
    }
    const statements = findStatements(
      masked,
      start,
      end,
      stats.map((s) => figureIn(s, base)),
    );
    // A block has a handful of sentences; a list this long holds sentences of texts gone by.
    if (entry.statements.length >= MAX_SENTENCES) entry.statements = [];
    entry.statements.push({ start, end, stats, base, statements });
    return statements;
  }

  private entry(masked: string): BlockEntry {
    let entry = this.byText.get(masked);
    if (!entry) this.byText.set(masked, (entry = { check: -1, quotations: undefined, statements: [] }));
    if (entry.check !== this.check) {
      entry.check = this.check;
      this.seen++;
    }
    return entry;
  }
}

const MAX_SENTENCES = 64;

interface BlockEntry {
  /** The last check that looked this text up. */
  check: number;
  quotations: unknown;
  /** Per sentence: its bounds in the block, its statistics when last seen and the block's start then, what it states. */
  statements: { start: number; end: number; stats: readonly Statistic[]; base: number; statements: Statement[] }[];
}

/** A statistic with offsets in its block (its sentence index is not a figure's). */
function figureIn(s: Statistic, base: number): Figure {
  return {
    value: s.value,
    low: s.low,
    high: s.high,
    lowInclusive: s.lowInclusive,
    highInclusive: s.highInclusive,
    scale: s.scale,
    decimals: s.decimals,
    hedgeKind: s.hedgeKind,
    span: shifted(s.span, -base)!,
    numberSpan: shifted(s.numberSpan, -base)!,
    numberSpan2: shifted(s.numberSpan2, -base),
    hedge: s.hedge,
    hedgeSpan: shifted(s.hedgeSpan, -base),
    unit: s.unit,
  };
}

function shifted(span: Span | undefined, by: number): Span | undefined {
  return span && { start: span.start + by, end: span.end + by };
}

function sameObjects(a: readonly Statistic[], b: readonly Statistic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether statistics in a block starting at `base` read as `was` did in one starting at `wasBase`. */
function sameFigures(was: readonly Statistic[], wasBase: number, stats: readonly Statistic[], base: number): boolean {
  if (was.length !== stats.length) return false;
  for (let i = 0; i < was.length; i++) if (!sameFigure(was[i]!, stats[i]!, base - wasBase)) return false;
  return true;
}

/** Every field findStatements may read, compared; offsets `by` apart. */
function sameFigure(f: Statistic, s: Statistic, by: number): boolean {
  return (
    Object.is(f.value, s.value) &&
    Object.is(f.low, s.low) &&
    Object.is(f.high, s.high) &&
    f.lowInclusive === s.lowInclusive &&
    f.highInclusive === s.highInclusive &&
    Object.is(f.scale, s.scale) &&
    Object.is(f.decimals, s.decimals) &&
    f.hedgeKind === s.hedgeKind &&
    f.hedge === s.hedge &&
    sameSpan(f.span, s.span, by) &&
    sameSpan(f.numberSpan, s.numberSpan, by) &&
    sameSpan(f.numberSpan2, s.numberSpan2, by) &&
    sameSpan(f.hedgeSpan, s.hedgeSpan, by) &&
    sameUnit(f.unit, s.unit)
  );
}

function sameSpan(was: Span | undefined, span: Span | undefined, by: number): boolean {
  if (was === undefined || span === undefined) return was === span;
  return was.start + by === span.start && was.end + by === span.end;
}

function sameUnit(a: StatUnit, b: StatUnit): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  const x = a.kind === 'currency' ? a.codes : a.kind === 'count' ? a.nouns : [];
  const y = b.kind === 'currency' ? b.codes : b.kind === 'count' ? b.nouns : [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
