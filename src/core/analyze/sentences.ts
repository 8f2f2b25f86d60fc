import type { Span } from '../types';

function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

/**
 * Abbreviations are compared without their final dot and case-sensitively, so "No."
 * (number) is one but "no." is not. They come in kinds, by what may follow them.
 */

/** Titles always precede a name: "Dr. Smith", "St. Louis". */
const TITLES = words(`Mr Mrs Ms Mx Dr Prof Gen Col Lt Sgt Capt Cmdr Adm Gov Sen Rep Pres Amb Hon Rev Fr St Mt Messrs`);

/** These precede a number ("No. 5", "p. 12", "Fig. 3"); before anything else their dot may end a sentence. */
const BEFORE_NUMBER = words(`No Nos no nos p pp para paras ch Ch art Art sec Sec Fig Figs fig figs Eq eq Vol vol Nr`);

/** Latin and similar, which never end a sentence: "e.g. Britain", "Roe v. Wade", "cf. Table 2". */
const NEVER_FINAL = words(`e.g i.e cf vs v viz approx ca`);

/**
 * Abbreviations that also end sentences ("made by Acme Inc. The firm ...", "sold to the
 * U.S. In 2017 ..."): their dot ends the sentence only when a word that typically opens
 * a sentence follows, so "U.S. Government" and "Jan. 5" stay whole.
 */
const MAY_BE_FINAL = words(`Inc Ltd Co Corp Bros Dept Univ Assn Jr Sr al est Est
  Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun`);
const SENTENCE_OPENERS = words(`The This That These Those There Their They It Its In On At By For From With As But And Or
  So Yet However Moreover Meanwhile Still Since After Before Although Though While When Where What Why How Who If A An
  We Our I He She His Her Such Some Many Most Each Both All Other Another One Under Over Despite During Because Also
  Then Thus Therefore Nevertheless Instead Indeed Today Last Next`);

/** "U.S", "e.g", "a.m", "Ph.D": letters in groups of one or two joined by dots. */
const DOTTED = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;
const LETTER = /\p{L}/u;
const TERMINAL = /[.!?…]+/g;
const CLOSERS = /["'”’)\]*_»]*/y;
const SPACES = /\s*/y;
const SPACE = /\s/;
/** A sentence opens with a capital, a digit or a currency sign, maybe after quotes or brackets. */
const OPENING = /["'“‘«(\[*_]*[\p{Lu}\p{N}$£€¥₹]/uy;
const NEXT_WORD = /\p{L}+/uy;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** The letters and inner dots before `dot` ("U.S", "e.g", "Dr"), starting with a letter. */
function wordBefore(text: string, dot: number): string {
  let start = dot;
  while (start > dot - 30 && start > 0 && (text[start - 1] === '.' || LETTER.test(text[start - 1]!))) start--;
  while (text[start] === '.' && start < dot) start++;
  return text.slice(start, dot);
}

/** Whether the full stop at `dot`, followed by the text at `next`, ends a sentence. */
function fullStopEnds(text: string, dot: number, next: number): boolean {
  const word = wordBefore(text, dot);
  if (word) {
    if (TITLES.has(word) || NEVER_FINAL.has(word)) return false;
    if (BEFORE_NUMBER.has(word)) {
      const c = text[next];
      if (c !== undefined && c >= '0' && c <= '9') return false;
    } else if (MAY_BE_FINAL.has(word) || DOTTED.test(word) || SINGLE_CAPITAL.test(word)) {
      // Initials ("J. Smith", "J. A. Smith") and initialisms ("U.S. Army") mostly run on.
      const following = sticky(NEXT_WORD, text, next)?.[0] ?? '';
      if (following.length === 1 && text[next + 1] === '.') return false;
      return SENTENCE_OPENERS.has(following);
    }
  }
  return sticky(OPENING, text, next) !== null;
}

/**
 * Splits masked prose into sentences. Each span runs from the sentence's first character
 * to just before the next sentence's first character, so note references written after
 * the full stop (`China.[^2]`, `China."[16]`), blanked in the masked text, fall inside
 * the sentence they follow. A block that ends without punctuation ends its last sentence.
 */
export function splitSentences(masked: string): Span[] {
  const spans: Span[] = [];
  let start = sticky(SPACES, masked, 0)![0].length;
  if (start >= masked.length) return spans;
  TERMINAL.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = TERMINAL.exec(masked))) {
    const punct = m[0];
    let after = m.index + punct.length;
    after += sticky(CLOSERS, masked, after)![0].length;
    // "3.5", "U.S.-led", "e.g.,": punctuation inside a word or number.
    if (after < masked.length && !SPACE.test(masked[after]!)) continue;
    const next = after + sticky(SPACES, masked, after)![0].length;
    if (next >= masked.length) break;
    const ends = punct === '.' ? fullStopEnds(masked, m.index, next) : sticky(OPENING, masked, next) !== null;
    if (!ends) continue;
    spans.push({ start, end: next });
    start = next;
  }
  spans.push({ start, end: masked.length });
  return spans;
}
