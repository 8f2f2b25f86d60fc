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
  hedgeKind: HedgeKind | undefined;
}

/**
 * SPEC "Hedge words": almost/nearly/just under X claim [0.95X, X]; over/more than/just
 * over claim (X, 1.05X]; about/around/roughly/some/approximately claim [0.95X, 1.05X]; a
 * bare figure claims its own rounding. Where SPEC is silent: less than/fewer than/under
 * claim [0.95X, X), at least claims [X, 1.05X], and a range claims both ends' rounding.
 */
export function claimedInterval(input: ClaimInput): Claim {
  const { value, scale, decimals, hedgeKind } = input;
  const half = (places: number) => 0.5 * 10 ** -places * scale;
  const base = { value, scale, decimals, hedgeKind };
  // Work on magnitudes so hedges read the same for negative figures.
  const [lo, hi] = [Math.min(value, value * 0.95), Math.max(value, value * 0.95)];
  const [lo5, hi5] = [Math.min(value, value * 1.05), Math.max(value, value * 1.05)];
  if (input.value2 !== undefined) {
    return { ...base, low: value - half(decimals), high: input.value2 + half(input.decimals2), lowInclusive: true, highInclusive: true };
  }
  switch (hedgeKind) {
    case 'below':
      return { ...base, low: lo, high: hi, lowInclusive: true, highInclusive: true };
    case 'under':
      return { ...base, low: lo, high: hi, lowInclusive: true, highInclusive: value < 0 };
    case 'above':
      return { ...base, low: lo5, high: hi5, lowInclusive: value < 0, highInclusive: value >= 0 };
    case 'atLeast':
      return { ...base, low: lo5, high: hi5, lowInclusive: true, highInclusive: true };
    case 'around':
      return {
        ...base,
        low: Math.min(value * 0.95, value * 1.05),
        high: Math.max(value * 0.95, value * 1.05),
        lowInclusive: true,
        highInclusive: true,
      };
    default:
      return { ...base, low: value - half(decimals), high: value + half(decimals), lowInclusive: true, highInclusive: true };
  }
}

/** Whether a fact's value lies in the claimed interval (with float slack). */
export function claimAdmits(claim: Pick<Claim, 'low' | 'high' | 'lowInclusive' | 'highInclusive'>, value: number): boolean {
  const eps = Math.max(Math.abs(value), 1) * 1e-9;
  const aboveLow = claim.lowInclusive ? value >= claim.low - eps : value > claim.low + eps;
  const belowHigh = claim.highInclusive ? value <= claim.high + eps : value < claim.high - eps;
  return aboveLow && belowHigh;
}
