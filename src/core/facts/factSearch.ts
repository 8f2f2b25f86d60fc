/**
 * Word search over facts, for the "find fact" command. The searchable text of every
 * fact is lower-cased once, into one string, so that a query is a few native
 * `indexOf` scans rather than a call per fact: a few milliseconds over 100,000 facts.
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
/** How many occurrences of a word in one fact to look at for a better one. */
const OCCURRENCES_PER_FACT = 8;

export interface SearchItem {
  fact: Fact;
  source: Source | undefined;
}

export class FactSearch {
  /**
   * Every fact's `id \n statement \n keywords \n value unit source title publisher \n`,
   * lower case, one after another. Words never contain "\n", so no match spans fields.
   */
  private readonly text: string;
  /** starts[i]: where fact i's text begins; starts[count] is the end of the text. */
  private readonly starts: Int32Array;
  /** Where fact i's id ends, and where its statement and keywords end. */
  private readonly idEnds: Int32Array;
  private readonly textEnds: Int32Array;

  constructor(items: readonly SearchItem[]) {
    const count = items.length;
    this.starts = new Int32Array(count + 1);
    this.idEnds = new Int32Array(count);
    this.textEnds = new Int32Array(count);
    const parts: string[] = [];
    let offset = 0;
    items.forEach(({ fact, source }, i) => {
      const keywords = (fact.keywords ?? []).join(' ');
      const other = `${fact.value} ${fact.unit} ${fact.source} ${source?.title ?? ''} ${source?.publisher ?? ''}\n`;
      parts.push(fact.id, '\n', fact.statement, '\n', keywords, '\n', other);
      this.starts[i] = offset;
      this.idEnds[i] = offset + fact.id.length;
      this.textEnds[i] = this.idEnds[i]! + 1 + fact.statement.length + 1 + keywords.length;
      offset = this.textEnds[i]! + 1 + other.length;
    });
    this.starts[count] = offset;
    this.text = lowerCaseKeepingOffsets(parts.join(''));
  }

  /** Positions (in `items` order) of the best `limit` facts that match every word of `query`. */
  run(query: string, limit: number): number[] {
    const count = this.idEnds.length;
    if (limit <= 0) return [];
    const words = queryWords(query);
    if (words.length === 0) return Array.from({ length: Math.min(limit, count) }, (_, i) => i);
    const scores = new Int32Array(count);
    // matched[i]: how many of the words fact i has matched so far.
    const matched = new Int32Array(count);
    words.forEach((word, round) => this.scoreWord(word, round, scores, matched));
    const phrase = words.join(' ');
    const best = new TopScores(limit);
    for (let i = 0; i < count; i++) {
      if (matched[i] === words.length) best.offer(i, scores[i]! + this.idBonus(i, phrase));
    }
    return best.indexes();
  }

  /**
   * Adds the word's score to every fact that has matched the earlier words and
   * contains this one, in one scan of the text: from each fact's first occurrence it
   * looks a few occurrences further for a better one, then jumps to the next fact.
   */
  private scoreWord(word: string, round: number, scores: Int32Array, matched: Int32Array): void {
    const { text, starts } = this;
    let fact = 0;
    let at = text.indexOf(word);
    while (at !== -1) {
      while (starts[fact + 1]! <= at) fact++;
      const end = starts[fact + 1]!;
      if (matched[fact] === round) {
        let score = 0;
        for (let seen = 0; at !== -1 && at < end && seen < OCCURRENCES_PER_FACT; seen++) {
          score = Math.max(score, this.occurrenceScore(fact, at));
          at = text.indexOf(word, at + 1);
        }
        scores[fact] += score;
        matched[fact] = round + 1;
      }
      if (at !== -1 && at < end) at = text.indexOf(word, end);
    }
  }

  private occurrenceScore(fact: number, at: number): number {
    const weight = at < this.idEnds[fact]! ? ID_WEIGHT : at < this.textEnds[fact]! ? TEXT_WEIGHT : OTHER_WEIGHT;
    const wordStart = at === this.starts[fact] || !isWordCharacter(this.text.charCodeAt(at - 1));
    return wordStart ? weight * WORD_START_FACTOR : weight;
  }

  private idBonus(fact: number, phrase: string): number {
    const idLength = this.idEnds[fact]! - this.starts[fact]!;
    if (phrase.length > idLength || !this.text.startsWith(phrase, this.starts[fact])) return 0;
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
