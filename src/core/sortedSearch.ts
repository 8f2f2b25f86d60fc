/** Binary searches over ascending numbers (offsets, fact values). */

/** The first index in `low..high` (exclusive) of ascending `values` whose value is not below `value`; `high` when none is. */
export function firstAtOrAbove(values: ArrayLike<number>, value: number, low = 0, high = values.length): number {
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index in `low..high` (exclusive) of ascending `values` whose value is above `value`; `high` when none is. */
export function firstAbove(values: ArrayLike<number>, value: number, low = 0, high = values.length): number {
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The last index in `low..high` (inclusive) of ascending `values` whose value is at most `value` (`low` when none is). */
export function lastAtOrBefore(values: ArrayLike<number>, value: number, low = 0, high = values.length - 1): number {
  return Math.max(low, firstAbove(values, value, low, high + 1) - 1);
}
