import type { ProseBlock, Statistic, StatUnit } from '../model';
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
  /**
   * What each block of the last model states, by the block object: the analyzer keeps a
   * block's object only while its run's analysis is the same, so the same object has the
   * same text, sentences and statistics (moved, maybe, but offsets here are the block's).
   */
  private readonly byBlock = new WeakMap<ProseBlock, Statement[]>();
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

  /** The changes and shares a whole block object stated when a check last saw it (see setBlockStatements). */
  blockStatements(block: ProseBlock): Statement[] | undefined {
    return this.byBlock.get(block);
  }

  setBlockStatements(block: ProseBlock, statements: Statement[]): void {
    this.byBlock.set(block, statements);
  }

  /**
   * The changes and shares one sentence states (findStatements), with offsets in the block:
   * `start`/`end` the sentence in the block, `ids` its statistics' indices in `all` (which
   * have the document's offsets), `base` the block's start. Called for every sentence with
   * statistics at every check, so a sentence as before costs no allocation.
   */
  statements(masked: string, start: number, end: number, ids: readonly number[], all: readonly Statistic[], base: number): Statement[] {
    const entry = this.entry(masked);
    for (const known of entry.statements) {
      if (known.start !== start || known.end !== end || known.stats.length !== ids.length) continue;
      // The statistics of a block the analyzer kept (moved or not) are the very objects the last check had.
      if (sameObjects(known.stats, ids, all)) return known.statements;
      if (sameFigures(known.figures, ids, all, base)) {
        known.stats = ids.map((i) => all[i]!);
        return known.statements;
      }
    }
    const stats = ids.map((i) => all[i]!);
    const figures = stats.map((s) => figureIn(s, base));
    const statements = findStatements(masked, start, end, figures);
    // A block has a handful of sentences; a list this long holds sentences of texts gone by.
    if (entry.statements.length >= MAX_SENTENCES) entry.statements = [];
    entry.statements.push({ start, end, stats, figures, statements });
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
  /**
   * Per sentence: its bounds in the block, its statistics when last seen (objects the
   * analyzer may move in place later) and as they were read (offsets in the block), what it states.
   */
  statements: { start: number; end: number; stats: readonly Statistic[]; figures: readonly Figure[]; statements: Statement[] }[];
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

/** Whether `all[ids[i]]` are the objects `a` (of the same length). */
function sameObjects(a: readonly Statistic[], ids: readonly number[], all: readonly Statistic[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== all[ids[i]!]) return false;
  return true;
}

/** Whether statistics `all[ids[i]]` in a block starting at `base` read as `was` (offsets in the block; same length). */
function sameFigures(was: readonly Figure[], ids: readonly number[], all: readonly Statistic[], base: number): boolean {
  for (let i = 0; i < was.length; i++) if (!sameFigure(was[i]!, all[ids[i]!]!, base)) return false;
  return true;
}

/** Every field findStatements may read, compared; `f`'s offsets are `by` less than `s`'s. */
function sameFigure(f: Figure, s: Statistic, by: number): boolean {
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
