import { CURRENCY_CODES, CURRENCY_SUFFIXES, currencyCode } from './vocabulary';

/**
 * Money written in the forms English prose borrows from elsewhere: the sign after the
 * figure (`10 €`, `100₾`, `100元`), a code glued to it (`USD115`), a code naming the
 * dollar (`usd$ 15`), millions in a company report's code (`30 MUSD`). extract.ts asks
 * these at the places a currency may stand.
 */

const WORD_CHAR = /[\p{L}\p{N}_]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** "MUSD", "MEUR": millions of that currency, as company reports write them (capitals only). */
export function millionsCode(word: string): string | undefined {
  const code = word.slice(1);
  return word.length === 4 && word[0] === 'M' && CURRENCY_CODES.has(code) && code !== 'RMB' ? code : undefined;
}

/** The dollars a code before `$` names ("usd$", "MXN$": the peso's sign is `$` too). */
export const CODE_BEFORE_DOLLAR: Record<string, string> = {
  USD: 'USD',
  AUD: 'AUD',
  CAD: 'CAD',
  NZD: 'NZD',
  HKD: 'HKD',
  SGD: 'SGD',
  TWD: 'TWD',
  MXN: 'MXN',
};

/** A code glued before the number at `at` ("USD115", "usd50"), so the letters are not a label. */
export function gluedCodeBefore(text: string, at: number): boolean {
  return at >= 3 && !isWordChar(text[at - 4]) && currencyCode(text.slice(at - 3, at)) !== undefined;
}

const SUFFIX_FIRSTS = new Set(CURRENCY_SUFFIXES.map(([sign]) => sign[0]!));

/**
 * A currency sign or word right after a figure (`10 €`, `100₾`, `100元`), with at most one
 * space between: where it ends and the codes it stands for. Not when a figure follows
 * the sign (then the sign is that figure's), nor `$` glued to a figure (`$x = 10$` is
 * LaTeX) or doubled (`$$`).
 */
export function signAfter(text: string, at: number): { end: number; codes: string[] } | undefined {
  const spaced = text[at] === ' ' || text[at] === '\u00a0';
  const from = spaced ? at + 1 : at;
  if (!SUFFIX_FIRSTS.has(text[from] ?? '')) return undefined;
  for (const [sign, codes] of CURRENCY_SUFFIXES) {
    if (!text.startsWith(sign, from)) continue;
    const end = from + sign.length;
    const next = text[end];
    if (isWordChar(next) || next === '$' || (sign === '$' && !spaced)) return undefined;
    if ((next === ' ' || next === '\u00a0') && isDigit(text[end + 1]) && sign !== '$') return undefined;
    return { end, codes };
  }
  return undefined;
}
