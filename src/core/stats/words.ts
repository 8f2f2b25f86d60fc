import { singular } from './vocabulary';

/** Words too common to tell one subject from another. */
export const STOP_WORDS = new Set(
  `the and for with from that this these those into over under about than year years per cent percent total share
  number of in on at to by a an its their his her was were is are be been has have had which who what when where`.split(/\s+/),
);

const LETTER = /\p{L}/u;
/** Whether each non-ASCII code point met so far is a letter: the Unicode test is slow, and texts repeat their characters. */
const nonAsciiLetters = new Map<number, boolean>();

function isLetter(code: number): boolean {
  if (code < 0x80) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  let letter = nonAsciiLetters.get(code);
  if (letter === undefined) nonAsciiLetters.set(code, (letter = LETTER.test(String.fromCodePoint(code))));
  return letter;
}

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 0x2d;
const LOWER_S = 0x73;

/**
 * Content words of a text, lower-case and singular, for "same subject" tests. A word is a
 * letter followed by letters, apostrophes and hyphens (the Unicode regex [\p{L}][\p{L}'’-]*,
 * scanned by hand here, which is several times faster than matchAll), without a possessive
 * "'s", of three or more characters and not a stop word.
 */
export function contentWords(text: string): Set<string> {
  const words = new Set<string>();
  forEachWord(text, (word) => {
    if (!STOP_WORDS.has(word)) words.add(singular(word));
  });
  return words;
}

/**
 * Calls `visit` with each word of the text that may be a content word, in order, repeats
 * included: lower-case, without a possessive "'s", three or more characters long; not yet
 * checked against the stop words nor made singular.
 */
export function forEachWord(text: string, visit: (word: string) => void): void {
  const lower = text.toLowerCase();
  const length = lower.length;
  let i = 0;
  while (i < length) {
    // ASCII is looked up in a table, inline: this loop reads every character of every
    // compared sentence and fact statement.
    const unit = lower.charCodeAt(i);
    if (unit < 0x80) {
      if ((ASCII_CLASSES[unit]! & STARTS_WORD) === 0) {
        i++;
        continue;
      }
    } else {
      const code = codePointAt(lower, i);
      if (!isLetter(code)) {
        i += code > 0xffff ? 2 : 1;
        continue;
      }
    }
    const start = i;
    i += unit >= 0xd800 && unit <= 0xdbff && lower.codePointAt(i)! > 0xffff ? 2 : 1;
    while (i < length) {
      const next = lower.charCodeAt(i);
      if (next < 0x80) {
        if ((ASCII_CLASSES[next]! & IN_WORD) === 0) break;
        i++;
      } else if (next === RIGHT_QUOTE) {
        i++;
      } else {
        const code = codePointAt(lower, i);
        if (!isLetter(code)) break;
        i += code > 0xffff ? 2 : 1;
      }
    }
    let end = i;
    const beforeLast = lower.charCodeAt(end - 2);
    if (lower.charCodeAt(end - 1) === LOWER_S && end - start >= 2 && (beforeLast === APOSTROPHE || beforeLast === RIGHT_QUOTE)) end -= 2;
    if (end - start >= 3) visit(lower.slice(start, end));
  }
}

const STARTS_WORD = 1;
const IN_WORD = 2;
/** Per ASCII character: whether it starts a word (a letter) and whether it continues one (a letter, ' or -). */
const ASCII_CLASSES = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  ASCII_CLASSES[c] = (letter ? STARTS_WORD | IN_WORD : 0) | (c === APOSTROPHE || c === HYPHEN ? IN_WORD : 0);
}

/** The code point at `i`; most text is outside the surrogate range, where it is the code unit. */
function codePointAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  return unit < 0xd800 || unit > 0xdbff ? unit : text.codePointAt(i)!;
}
