import type { Claim } from './claim';

/**
 * Closed intervals of possible values, for recomputing a stated change or share from the
 * figures beside it as statcheck recomputes p-values: each written figure stands for every
 * value its rounding and hedge allow, so the result is an interval too, and a stated
 * figure is wrong only when its own interval does not meet that one. Ends are treated as
 * included, which can only admit more.
 */
export interface Interval {
  low: number;
  high: number;
}

export function intervalOf(claim: Pick<Claim, 'low' | 'high'>): Interval {
  return { low: claim.low, high: claim.high };
}

/** B − A. */
export function difference(a: Interval, b: Interval): Interval {
  return { low: b.low - a.high, high: b.high - a.low };
}

/** B / A, for positive intervals only (undefined otherwise: no ratio is meaningful). */
export function ratio(a: Interval, b: Interval): Interval | undefined {
  if (a.low <= 0 || b.low < 0) return undefined;
  return { low: b.low / a.high, high: b.high / a.low };
}

/** 100 · (B − A) / A: the percentage change from A to B. */
export function percentChange(a: Interval, b: Interval): Interval | undefined {
  const r = ratio(a, b);
  return r && { low: (r.low - 1) * 100, high: (r.high - 1) * 100 };
}

/** 100 · A / B: the share A is of B. */
export function percentShare(a: Interval, b: Interval): Interval | undefined {
  const r = ratio(b, a);
  return r && { low: r.low * 100, high: r.high * 100 };
}

export function scaled(interval: Interval, factor: number): Interval {
  const x = interval.low * factor;
  const y = interval.high * factor;
  return { low: Math.min(x, y), high: Math.max(x, y) };
}

/** Whether two intervals share a value, allowing a relative hair for binary fractions. */
export function meets(x: Interval, y: Interval): boolean {
  const eps = Math.max(...[x.low, x.high, y.low, y.high].filter(Number.isFinite).map(Math.abs), 1) * 1e-9;
  return x.low <= y.high + eps && y.low <= x.high + eps;
}

/**
 * A count of things is a whole number: of the values a written count allows, only the
 * whole ones remain ("12 councils" claims 11.5 to 12.5, so exactly 12). This is what lets
 * "9 of 12 regions (80%)" be recomputed at all.
 */
export function wholeNumbers(interval: Interval): Interval {
  const low = Math.ceil(interval.low - 1e-9);
  const high = Math.floor(interval.high + 1e-9);
  return low <= high ? { low, high } : interval;
}
