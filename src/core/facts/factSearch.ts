/**
 * Word search over facts, for the "find fact" command. Each fact's searchable text is
 * lower-cased once, when the search is built, so a query is one `indexOf` per word
 * and fact: a few milliseconds over 100,000 facts.
 */
import type { Fact, Source } from './schema';

/** Field weights: a word found in the id says more than one found in the publisher. */
const ID_WEIGHT = 4;
const TEXT_WEIGHT = 3;
const OTHER_WEIGHT = 1;
/** A word found at the start of a word ("trade" in "trade grew") beats one inside a word ("rade"). */
const WORD_START_FACTOR = 2;
/** Bonus when the whole query is the fact's id, or how the id starts. */
const EXACT_ID_BONUS = 100;
const ID_PREFIX_BONUS = 20;
/** How many occurrences of a word in one field to look at for one at the start of a word. */
const OCCURRENCES_TRIED = 8;

export interface SearchItem {
  fact: Fact;
  source: Source | undefined;
}

export class FactSearch {
  /** Per fact: `id \n statement \n keywords \n value unit source title publisher`, lower case. */
  private readonly texts: string[];
  /** Per fact: where the id ends, and where the statement and keywords end, in its text. */
  private readonly idEnds: Int32Array;
  private readonly textEnds: Int32Array;

  constructor(items: readonly SearchItem[]) {
    this.texts = new Array<string>(items.length);
    this.idEnds = new Int32Array(items.length);
    this.textEnds = new Int32Array(items.length);
    items.forEach(({ fact, source }, i) => {
      const keywords = fact.keywords ? fact.keywords.join(' ') : '';
      const other = `${fact.value} ${fact.unit} ${fact.source} ${source?.title ?? ''} ${source?.publisher ?? ''}`;
      this.texts[i] = lowerCaseKeepingOffsets(`${fact.id}\n${fact.statement}\n${keywords}\n${other}`);
      this.idEnds[i] = fact.id.length;
      this.textEnds[i] = fact.id.length + 1 + fact.statement.length + 1 + keywords.length;
    });
  }

  /** Positions (in `items` order) of the best `limit` facts that match every word of `query`. */
  run(query: string, limit: number): number[] {
    const count = this.texts.length;
    if (limit <= 0) return [];
    const words = queryWords(query);
    if (words.length === 0) return Array.from({ length: Math.min(limit, count) }, (_, i) => i);
    const phrase = words.join(' ');
    const best = new TopScores(limit);
    for (let i = 0; i < count; i++) {
      const score = this.score(i, words);
      if (score > 0) best.offer(i, score + this.idBonus(i, phrase));
    }
    return best.indexes();
  }

  /** The sum of the words' scores, or 0 when a word is missing. */
  private score(fact: number, words: string[]): number {
    const text = this.texts[fact]!;
    let total = 0;
    for (const word of words) {
      const at = text.indexOf(word);
      if (at === -1) return 0;
      total += this.wordScore(fact, word, at);
    }
    return total;
  }

  /**
   * The weight of the field of the word's first occurrence, times WORD_START_FACTOR
   * when it occurs in that field at the start of a word.
   */
  private wordScore(fact: number, word: string, first: number): number {
    const text = this.texts[fact]!;
    const idEnd = this.idEnds[fact]!;
    const textEnd = this.textEnds[fact]!;
    const weight = first < idEnd ? ID_WEIGHT : first < textEnd ? TEXT_WEIGHT : OTHER_WEIGHT;
    const fieldEnd = first < idEnd ? idEnd : first < textEnd ? textEnd : text.length;
    for (let at = first, tried = 0; at !== -1 && at < fieldEnd && tried < OCCURRENCES_TRIED; tried++) {
      if (at === 0 || !isWordCharacter(text.charCodeAt(at - 1))) return weight * WORD_START_FACTOR;
      at = text.indexOf(word, at + 1);
    }
    return weight;
  }

  private idBonus(fact: number, phrase: string): number {
    const idLength = this.idEnds[fact]!;
    if (phrase.length > idLength || !this.texts[fact]!.startsWith(phrase)) return 0;
    return phrase.length === idLength ? EXACT_ID_BONUS : ID_PREFIX_BONUS;
  }
}

/** The best `limit` (index, score) pairs offered, by descending score; ties keep offer order. */
class TopScores {
  private readonly entries: Array<{ index: number; score: number }> = [];

  constructor(private readonly limit: number) {}

  offer(index: number, score: number): void {
    const entries = this.entries;
    if (entries.length === this.limit && score <= entries[entries.length - 1]!.score) return;
    let at = entries.length;
    while (at > 0 && entries[at - 1]!.score < score) at--;
    entries.splice(at, 0, { index, score });
    if (entries.length > this.limit) entries.pop();
  }

  indexes(): number[] {
    return this.entries.map((entry) => entry.index);
  }
}

/**
 * Lower case with every offset unchanged. Only "İ" (U+0130) lower-cases to two UTF-16
 * units ("i" and a combining dot); it is mapped to "I" first.
 */
function lowerCaseKeepingOffsets(text: string): string {
  return (text.includes('\u0130') ? text.replaceAll('\u0130', 'I') : text).toLowerCase();
}

function isWordCharacter(code: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

/** The query's words, lower case, without surrounding punctuation ("37.4%" gives "37.4", "@cn-x" gives "cn-x"). */
function queryWords(query: string): string[] {
  const words = lowerCaseKeepingOffsets(query)
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '');
  return [...new Set(words)];
}
