/**
 * A fact's `value` as a spreadsheet shows it (`898,000`, `5.25`, `1.234,5`, `12%`), as a
 * number. Only readings that cannot be wrong are made; anything else is undefined and
 * the caller reports it, since a misread figure would make the checker flag correct
 * text in a briefing (or pass a wrong one).
 *
 * - `.` and `,` are a decimal mark or a thousands separator. When both appear, the
 *   last one is the decimal mark. A separator that appears more than once, or is
 *   followed by exactly three digits, groups thousands, and its groups must all be
 *   three digits. The one case that could go either way, a single separator followed
 *   by three digits (`898,000`, `5.250`), is read as the file's locale says:
 *   `decimalComma` (a `;`-separated file, as Excel saves CSV where the comma is the
 *   decimal mark) reads `5,250` as 5.25 and `898.000` as 898000; otherwise `898,000`
 *   is 898000 and `5.250` is 5.25.
 * - Spaces (also no-break and thin spaces) group thousands: `898 000`.
 * - A trailing `%` is allowed when the unit is a percentage (`12%` is 12 percent).
 * - A leading `+`/`-` or a Unicode minus is a sign. Nothing else is (no currency
 *   symbols, no words: `2.1 billion` must be written as 2100000000).
 */
export function parseTableNumber(text: string, options: { decimalComma: boolean; percent: boolean }): number | undefined {
  let body = text.trim();
  if (options.percent && body.endsWith('%')) body = body.slice(0, -1).trimEnd();
  const sign = /^[-+\u2212]/.test(body) ? (body[0] === '+' ? 1 : -1) : 1;
  if (sign === -1 || body[0] === '+') body = body.slice(1);
  body = body.replace(/(\d)[ \u00a0\u202f\u2009](?=\d{3}(?:\D|$))/g, '$1');
  if (!/^\d[\d.,]*$/.test(body) && !/^[.,]\d+$/.test(body)) return undefined;
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let decimal: '.' | ',' | undefined;
  let grouping: '.' | ',' | undefined;
  if (lastDot !== -1 && lastComma !== -1) {
    decimal = lastDot > lastComma ? '.' : ',';
    grouping = decimal === '.' ? ',' : '.';
  } else if (lastDot !== -1 || lastComma !== -1) {
    const mark = lastDot !== -1 ? '.' : ',';
    const count = body.split(mark).length - 1;
    const after = body.length - body.lastIndexOf(mark) - 1;
    const groupsThousands = count > 1 || (after === 3 && (options.decimalComma ? mark === '.' : mark === ','));
    if (groupsThousands) grouping = mark;
    else decimal = mark;
  }
  const [whole, fraction, extra] = decimal === undefined ? [body] : body.split(decimal);
  if (extra !== undefined) return undefined;
  const groups = grouping === undefined ? [whole!] : whole!.split(grouping);
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) return undefined;
  if (groups.some((g) => !/^\d*$/.test(g))) return undefined;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return undefined;
  const value = Number(`${groups.join('') || '0'}${fraction === undefined ? '' : `.${fraction}`}`);
  return Number.isFinite(value) ? sign * value : undefined;
}
