import type { HedgeKind } from './vocabulary';

/** The interval of values a written figure claims. */
export interface Claim {
  value: number;
  low: number;
  high: number;
  lowInclusive: boolean;
  highInclusive: boolean;
  scale: number;
  decimals: number;
  hedgeKind: HedgeKind | undefined;
}

export interface ClaimInput {
  value: number;
  /** The upper end of a range ("20-30 per cent"). */
  value2: number | undefined;
  decimals: number;
  decimals2: number;
  scale: number;
  /** The upper end's scale when it differs ("$500 to $1 million"); defaults to `scale`. */
  scale2?: number;
  hedgeKind: HedgeKind | undefined;
}

/** Half a unit in the last written place: what rounding to that place may have hidden. */
function halfUnit(decimals: number, scale: number): number {
  return 0.5 * 10 ** -decimals * scale;
}

/**
 * The claim for the interval between the values `from` (the written figure's side) and
 * `to`, whichever is smaller, with each end's inclusiveness following the value it came
 * from. Hedges speak of magnitudes: "almost -5%" claims -4.75% to -5%, just as "almost
 * 5%" claims 4.75% to 5%.
 */
function between(input: ClaimInput, from: number, fromInclusive: boolean, to: number, toInclusive: boolean): Claim {
  const { value, scale, decimals, hedgeKind } = input;
  return from <= to
    ? { value, low: from, high: to, lowInclusive: fromInclusive, highInclusive: toInclusive, scale, decimals, hedgeKind }
    : { value, low: to, high: from, lowInclusive: toInclusive, highInclusive: fromInclusive, scale, decimals, hedgeKind };
}

/**
 * Hedge words (docs/statistics.md#hedges-and-rounding): almost/nearly/just under X claim [0.95X, X]; over/more than/just
 * over claim (X, 1.05X]; about/around/roughly/some/approximately claim [0.95X, 1.05X]; a
 * bare figure claims its own rounding, both ends included (37.4 claims 37.35 to 37.45).
 *
 * Beyond the core hedge words:
 * - less than / fewer than / under claim [0.95X, X], like "almost", X included: briefings
 *   write "costs less than $3,000" of a threshold whose sourced value is exactly 3,000.
 * - at least / no fewer than claim [X, 1.05X].
 * - a range claims from its low end's rounding to its high end's; a hedge before a range
 *   does not widen it (the range already says how exact the figure is).
 */
export function claimedInterval(input: ClaimInput): Claim {
  const { value, scale, decimals, hedgeKind } = input;
  if (input.value2 !== undefined) {
    const high = input.value2 + halfUnit(input.decimals2, input.scale2 ?? scale);
    return between(input, value - halfUnit(decimals, scale), true, high, true);
  }
  switch (hedgeKind) {
    case 'below':
    case 'under':
      return between(input, value, true, value * 0.95, true);
    case 'above':
      return between(input, value, false, value * 1.05, true);
    case 'atLeast':
      return between(input, value, true, value * 1.05, true);
    case 'around':
      return between(input, value * 0.95, true, value * 1.05, true);
    case undefined: {
      const half = halfUnit(decimals, scale);
      return between(input, value - half, true, value + half, true);
    }
  }
}

/** The relative hair by which claimAdmits widens an inclusive end and narrows an exclusive one. */
export function admissionSlack(value: number): number {
  return Math.max(Math.abs(value), 1) * 1e-9;
}

/**
 * Whether a fact's value lies in the claimed interval. Decimal fractions are not exact in
 * binary (37.4 + 0.05 is 37.449999999999996), so inclusive ends are widened and exclusive
 * ends narrowed by a relative hair.
 */
export function claimAdmits(claim: Pick<Claim, 'low' | 'high' | 'lowInclusive' | 'highInclusive'>, value: number): boolean {
  return admitsBetween(claim.low, claim.high, claim.lowInclusive, claim.highInclusive, value);
}

/** Whether a fact valued `value` supports the claim: it lies in what the text claims, or, for a written figure without a sign, its fall does. */
export function claimSupports(claim: Pick<Claim, 'value' | 'low' | 'high' | 'lowInclusive' | 'highInclusive'>, value: number): boolean {
  return supportsBetween(claim.value, claim.low, claim.high, claim.lowInclusive, claim.highInclusive, value);
}

/**
 * What a claim admits, as a test of fact values: claimSupports for one claim, with its
 * fields read once into an object of one shape (matching runs it on thousands of values
 * per check).
 */
export class ClaimTest {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly lowInclusive: boolean;
  readonly highInclusive: boolean;

  constructor(claim: Claim) {
    this.value = claim.value;
    this.low = claim.low;
    this.high = claim.high;
    this.lowInclusive = claim.lowInclusive;
    this.highInclusive = claim.highInclusive;
  }

  /** claimSupports for this claim. */
  supports(v: number): boolean {
    return supportsBetween(this.value, this.low, this.high, this.lowInclusive, this.highInclusive, v);
  }
}

function supportsBetween(figure: number, low: number, high: number, lowInclusive: boolean, highInclusive: boolean, value: number): boolean {
  return (
    admitsBetween(low, high, lowInclusive, highInclusive, value) ||
    (figure > 0 && value < 0 && admitsBetween(low, high, lowInclusive, highInclusive, -value))
  );
}

function admitsBetween(low: number, high: number, lowInclusive: boolean, highInclusive: boolean, value: number): boolean {
  const eps = admissionSlack(value);
  const aboveLow = lowInclusive ? value >= low - eps : value > low + eps;
  const belowHigh = highInclusive ? value <= high + eps : value < high - eps;
  return aboveLow && belowHigh;
}
