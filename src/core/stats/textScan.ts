// Characters, numbers and words at an offset of a text, as statistics are read
// (extract.ts). Every pattern of extraction is compiled once and applied with
// `lastIndex` (sticky), so it stays linear in the text and allocates no RegExp per number.
const FRACTION = /\d+/y;
const LETTER = /\p{L}/u;
/** Indian digit grouping after a first group of one or two digits: "12,34,567", "1,00,000". */
const INDIAN_GROUPS = /(?:,\d{2})+,\d{3}(?![\d])(?!,\d)/y;
export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}
export function isLetter(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  if (ch < '\u0080') return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  return LETTER.test(ch);
}
export function isWordChar(ch: string | undefined): boolean {
  return isDigit(ch) || isLetter(ch) || ch === '_';
}
export function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\u00a0';
}

/** The first character at or after `at` that is not a blank (NUL at the end), to rule patterns out cheaply. */
export function firstAfterBlanks(text: string, at: number): string {
  let i = at;
  while (isSpace(text[i])) i++;
  return text[i] ?? '\u0000';
}

export function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

export interface ParsedNumber {
  start: number;
  end: number;
  value: number;
  decimals: number;
  hasComma: boolean;
}

function digitsFrom(text: string, at: number): number {
  let i = at;
  while (isDigit(text[i])) i++;
  return i;
}

/** "3", "3,000,000", "37.4": digits, optionally grouped by commas in threes, then a decimal part. */
export function readNumber(text: string, at: number): ParsedNumber | undefined {
  let end = digitsFrom(text, at);
  if (end === at) return undefined;
  let hasComma = false;
  if (end - at <= 3) {
    while (text[end] === ',' && digitsFrom(text, end + 1) - end - 1 >= 3) {
      end += 4;
      hasComma = true;
    }
    const indian = end - at <= 2 && text[end] === ',' ? sticky(INDIAN_GROUPS, text, end) : null;
    if (indian) {
      end += indian[0].length;
      hasComma = true;
    }
  }
  let decimals = 0;
  if (text[end] === '.' && isDigit(text[end + 1])) {
    const fractionEnd = digitsFrom(text, end + 1);
    decimals = fractionEnd - end - 1;
    end = fractionEnd;
  }
  const raw = text.slice(at, end);
  return { start: at, end, value: Number(hasComma ? raw.replaceAll(',', '') : raw), decimals, hasComma };
}

/** ".5%": a decimal written without its leading zero, starting at the dot before `at`. */
export function readLeadingDecimal(text: string, at: number): ParsedNumber | undefined {
  const m = sticky(FRACTION, text, at);
  if (!m) return undefined;
  return { start: at - 1, end: at + m[0].length, value: Number(`0.${m[0]}`), decimals: m[0].length, hasComma: false };
}

export function isYearLike(n: ParsedNumber): boolean {
  return !n.hasComma && n.decimals === 0 && n.value >= 1000 && n.value <= 2199;
}

/** The word that ends before `at` (skipping blanks), lower-cased, keeping inner dots ("h.r", "u.s.c"). */
export function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && isSpace(text[end - 1])) end--;
  let start = end;
  while (start > 0 && (isLetter(text[start - 1]) || text[start - 1] === '.')) start--;
  const word = text.slice(start, end).toLowerCase();
  return word.endsWith('.') ? word.slice(0, -1) : word;
}

/** The letters-only word ending at `end` (after skipping blanks back from it). */
export function letterWordBefore(text: string, at: number): { word: string; start: number; end: number } {
  let end = at;
  while (end > 0 && isSpace(text[end - 1])) end--;
  let start = end;
  while (start > 0 && isLetter(text[start - 1])) start--;
  return { word: text.slice(start, end).toLowerCase(), start, end };
}
