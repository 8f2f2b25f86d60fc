/**
 * Finding a word in many short texts at once, for the fact search (factSearch.ts).
 * Texts are compared in lower case, and a word is found anywhere in a text, inside a
 * word or not; each text gets a score, higher when the word starts a word there.
 *
 * Three layouts, for three kinds of text:
 * - TextColumn keeps the texts joined in one string and scans it with native
 *   `indexOf`. Right for texts that are mostly distinct, such as ids.
 * - TokenIndex keeps the distinct tokens (runs of non-space characters) of the texts
 *   and, per token, the texts it is in. A query word has no spaces, so it occurs in a
 *   text exactly when it occurs in one of the text's tokens, and starts a word there
 *   exactly when it starts a word in the token. Right for texts that repeat words, such
 *   as statements: the vocabulary is a tenth of their size, so far quicker to scan.
 * - SharedTexts keeps each distinct text once and which one each item has. Right for
 *   texts that many items share, such as units, keyword lists and source titles.
 */
import { lastAtOrBefore } from '../sortedSearch';

export interface WordScorer {
  /**
   * Sets `scores[i]` for each text i that has `word`: `weight`, or `weight *
   * WORD_START_FACTOR` when one of its first few occurrences starts a word. A text
   * whose score is already something other than 0 or `weight` (a weightier field had
   * the word) is left alone. Returns whether any text has the word.
   */
  score(word: string, weight: number, scores: Uint8Array): boolean;
}

/** A word found at the start of a word ("trade" in "trade grew") beats one inside a word ("rade"). */
const WORD_START_FACTOR = 2;
/** How many occurrences of a word in one text to look at for one at the start of a word. */
const OCCURRENCES_TRIED = 8;

/** Texts, lower case, joined by "\n" (which no word contains, so a match never spans two texts). */
export class TextColumn implements WordScorer {
  readonly text: string;
  /** Where each text starts in `text`; text i ends at `starts[i + 1] - 1`. */
  readonly starts: Int32Array;
  /** Which UTF-16 code units occur in `text`, one bit each: a word with another is not worth a scan. */
  private readonly present = new Int32Array(0x10000 / 32);

  constructor(texts: readonly string[]) {
    this.starts = new Int32Array(texts.length + 1);
    let at = 0;
    for (let i = 0; i < texts.length; i++) {
      this.starts[i] = at;
      at += texts[i]!.length + 1;
    }
    this.starts[texts.length] = at;
    this.text = joinLowerCase(texts);
    for (let i = 0; i < this.text.length; i++) {
      const code = this.text.charCodeAt(i);
      this.present[code >> 5]! |= 1 << (code & 31);
    }
  }

  /** Whether every code unit of `word` occurs somewhere in the texts. */
  private mayHave(word: string): boolean {
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if ((this.present[code >> 5]! & (1 << (code & 31))) === 0) return false;
    }
    return true;
  }

  lengthOf(item: number): number {
    return this.starts[item + 1]! - 1 - this.starts[item]!;
  }

  score(word: string, weight: number, scores: Uint8Array): boolean {
    if (!this.mayHave(word)) return false;
    const { text, starts } = this;
    const atWordStart = weight * WORD_START_FACTOR;
    let found = false;
    let item = 0;
    let tried = 0;
    let at = text.indexOf(word);
    while (at !== -1) {
      if (at >= starts[item + 1]!) {
        // Usually the next text; else search for it.
        item = at < starts[item + 2]! ? item + 1 : this.itemAt(at, item + 1);
        tried = 0;
      }
      const score = scores[item]!;
      if (score !== 0 && score !== weight) {
        // Scored by a weightier field, or here at the start of a word already.
        at = text.indexOf(word, starts[item + 1]);
        continue;
      }
      found = true;
      if (at === starts[item] || !isWordCharacter(text.charCodeAt(at - 1))) {
        scores[item] = atWordStart;
        at = text.indexOf(word, starts[item + 1]);
      } else {
        scores[item] = weight;
        at = ++tried < OCCURRENCES_TRIED ? text.indexOf(word, at + 1) : text.indexOf(word, starts[item + 1]);
      }
    }
    return found;
  }

  /** The text that holds offset `at`, from text `from` on. */
  private itemAt(at: number, from: number): number {
    return lastAtOrBefore(this.starts, at, from, this.starts.length - 2);
  }
}

/** The distinct tokens of some texts, lower case, with the texts each is in. */
export class TokenIndex implements WordScorer {
  private readonly vocabulary: TextColumn;
  /** The texts token t is in, ascending: `postings` from `postingStarts[t]` to `postingStarts[t + 1]`. */
  private readonly postingStarts: Int32Array;
  private readonly postings: Int32Array;
  /** Per token, the score of the word being looked up. */
  private readonly tokenScores: Uint8Array;

  constructor(texts: readonly string[]) {
    const count = texts.length;
    const text = joinLowerCase(texts);
    const vocabulary = new Vocabulary(text);
    // Each text's distinct tokens, text after text, and where each text's run ends. A
    // token and the space after it take six characters or so.
    const textTokens = new IntList(text.length / 6);
    const textEnds = new Int32Array(count);
    const lastText = new IntList();
    let at = 0;
    for (let i = 0; i < count; i++) {
      const end = at + texts[i]!.length;
      for (let start = at; start < end;) {
        let hash = FNV_OFFSET;
        let stop = start;
        for (let code: number; stop < end && !isWhiteSpace((code = text.charCodeAt(stop))); stop++)
          hash = Math.imul(hash ^ code, FNV_PRIME);
        if (stop > start) {
          const token = vocabulary.idOf(start, stop, hash);
          // Each text once per token, however often it has it.
          if (token === lastText.length) lastText.push(-1);
          if (lastText.at(token) !== i) {
            lastText.set(token, i);
            textTokens.push(token);
          }
        }
        start = stop + 1;
      }
      textEnds[i] = textTokens.length;
      at = end + 1;
    }
    const tokens = vocabulary.size;
    const starts = new Int32Array(tokens + 1);
    for (let k = 0; k < textTokens.length; k++) starts[textTokens.at(k) + 1]!++;
    for (let t = 0; t < tokens; t++) starts[t + 1]! += starts[t]!;
    const postings = new Int32Array(textTokens.length);
    const next = starts.slice(0, tokens);
    for (let i = 0, k = 0; i < count; i++) for (; k < textEnds[i]!; k++) postings[next[textTokens.at(k)]!++] = i;
    this.vocabulary = new TextColumn(vocabulary.tokens());
    this.postingStarts = starts;
    this.postings = postings;
    this.tokenScores = new Uint8Array(tokens);
  }

  score(word: string, weight: number, scores: Uint8Array): boolean {
    const tokenScores = this.tokenScores;
    tokenScores.fill(0);
    if (!this.vocabulary.score(word, weight, tokenScores)) return false;
    const { postingStarts, postings } = this;
    for (let t = 0; t < tokenScores.length; t++) {
      const score = tokenScores[t]!;
      if (score === 0) continue;
      for (let k = postingStarts[t]!, end = postingStarts[t + 1]!; k < end; k++) {
        const text = postings[k]!;
        const current = scores[text]!;
        if (current === 0 || (current === weight && score > weight)) scores[text] = score;
      }
    }
    return true;
  }
}

/** Texts that many items share: each distinct text is scored once, then given to the items that have it. */
export class SharedTexts implements WordScorer {
  private readonly distinct: TextColumn;
  /** Per item, its text in `distinct`. */
  private readonly textOf: Int32Array;
  private readonly distinctScores: Uint8Array;

  /** `count` items; item i has the text `textFor(keyOf(i))`, which items with the same key share. */
  constructor(count: number, keyOf: (item: number) => string, textFor: (key: string) => string) {
    const positions = new Map<string, number>();
    const texts: string[] = [];
    this.textOf = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const key = keyOf(i);
      let position = positions.get(key);
      if (position === undefined) positions.set(key, (position = texts.push(textFor(key)) - 1));
      this.textOf[i] = position;
    }
    this.distinct = new TextColumn(texts);
    this.distinctScores = new Uint8Array(texts.length);
  }

  score(word: string, weight: number, scores: Uint8Array): boolean {
    const distinctScores = this.distinctScores;
    distinctScores.fill(0);
    if (!this.distinct.score(word, weight, distinctScores)) return false;
    const textOf = this.textOf;
    for (let i = 0; i < textOf.length; i++) {
      const score = distinctScores[textOf[i]!]!;
      const current = scores[i]!;
      if (score > current && (current === 0 || current === weight)) scores[i] = score;
    }
    return true;
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * Token ids of substrings of one text, by an open-addressing hash table over the
 * text's offsets: no string is made per token, which matters with a million tokens.
 */
class Vocabulary {
  private table = new Int32Array(1 << 12);
  private readonly starts = new IntList();
  private readonly ends = new IntList();
  private readonly hashes = new IntList();

  constructor(private readonly text: string) {}

  get size(): number {
    return this.starts.length;
  }

  /** The id of the token `text.slice(start, end)`, whose hash is `hash`; a new one when it is new. */
  idOf(start: number, end: number, hash: number): number {
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot]!;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hashes.at(id) === hash && this.equals(id, start, end)) return id;
    }
    const id = this.starts.length;
    this.starts.push(start);
    this.ends.push(end);
    this.hashes.push(hash);
    // At most half full, so that probes stay short.
    if (2 * this.size > this.table.length) this.rehash(this.table.length * 2);
    else this.place(id);
    return id;
  }

  /** The tokens, in id order. */
  tokens(): string[] {
    return Array.from({ length: this.size }, (_, id) => this.text.slice(this.starts.at(id), this.ends.at(id)));
  }

  private equals(id: number, start: number, end: number): boolean {
    const other = this.starts.at(id);
    if (this.ends.at(id) - other !== end - start) return false;
    for (let k = 0; k < end - start; k++) if (this.text.charCodeAt(other + k) !== this.text.charCodeAt(start + k)) return false;
    return true;
  }

  private place(id: number): void {
    const mask = this.table.length - 1;
    let slot = this.hashes.at(id) & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = id + 1;
  }

  private rehash(capacity: number): void {
    this.table = new Int32Array(capacity);
    for (let id = 0; id < this.size; id++) this.place(id);
  }
}

/** A growable list of 32-bit integers. */
class IntList {
  private items: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.items = new Int32Array(Math.max(16, Math.ceil(capacity)));
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const larger = new Int32Array(this.items.length * 2);
      larger.set(this.items);
      this.items = larger;
    }
    this.items[this.length++] = value;
  }

  at(index: number): number {
    return this.items[index]!;
  }

  set(index: number, value: number): void {
    this.items[index] = value;
  }
}

/** What JavaScript's `\s` matches: query words are split at it, so tokens are too. */
function isWhiteSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isWordCharacter(code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

/**
 * The texts in lower case, joined by "\n". Each is lower-cased on its own (the same, as
 * case mappings do not look across a line break): short-lived small strings rather than
 * a second copy of the whole.
 */
function joinLowerCase(texts: readonly string[]): string {
  return texts.map(lowerCaseKeepingOffsets).join('\n');
}

/**
 * Lower case with every offset unchanged. Only "İ" (U+0130) lower-cases to two UTF-16
 * units ("i" and a combining dot); it is mapped to "I" first.
 */
export function lowerCaseKeepingOffsets(text: string): string {
  return (text.includes('\u0130') ? text.replaceAll('\u0130', 'I') : text).toLowerCase();
}
