/** The last index in `low..high` of ascending `values` whose value is at most `value` (`low` when none is). */
export function lastAtOrBefore(values: ArrayLike<number>, value: number, low = 0, high = values.length - 1): number {
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (values[mid]! <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
