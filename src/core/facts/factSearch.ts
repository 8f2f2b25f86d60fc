/**
 * Word search over facts, for the "find fact" command. A query word is looked for,
 * case-insensitively, in a fact's id, statement and keywords, value and unit, and its
 * source's id, title and publisher; textIndex.ts finds it in all facts at once. Ids
 * are kept as they are, statements by their distinct tokens, and values, units,
 * keyword lists and sources once per distinct text rather than once per fact. A query
 * word costs a millisecond or two over 100,000 facts, and the search takes less memory
 * than the statements' text.
 */
import type { Fact, Source } from './schema';
import { lowerCaseKeepingOffsets, SharedTexts, TextColumn, TokenIndex, type WordScorer } from './textIndex';

/** Field weights: a word found in the id says more than one found in the publisher. */
const ID_WEIGHT = 4;
const TEXT_WEIGHT = 3;
const OTHER_WEIGHT = 1;
/** Bonus when the whole query is the fact's id, or how the id starts. */
const EXACT_ID_BONUS = 100;
const ID_PREFIX_BONUS = 20;

export class FactSearch {
  private readonly count: number;
  private readonly ids: TextColumn;
  /**
   * The fields by weight, weightiest first: a word scores the weight of the first
   * group it is found in. The rest of the search does not care which layout a field has.
   */
  private readonly groups: Array<{ weight: number; fields: WordScorer[] }>;
  /** Per fact, the score of the query word being looked up (0: not found), then of the words so far. */
  private readonly wordScores: Uint8Array;
  private readonly totals: Int32Array;

  /** `facts` in the order results are ranked in when scores are equal; `sourceById` gives their sources. */
  constructor(facts: readonly Fact[], sourceById: (id: string) => Source | undefined) {
    const count = facts.length;
    this.count = count;
    this.ids = new TextColumn(facts.map((fact) => fact.id));
    const statements = new TokenIndex(facts.map((fact) => fact.statement));
    // Facts of one topic share a keyword list (the parser makes equal lists one list).
    const joined = new Map<readonly string[], string>();
    const keywordsOf = (i: number) => {
      const list = facts[i]!.keywords;
      if (!list) return '';
      let text = joined.get(list);
      if (text === undefined) joined.set(list, (text = list.join(' ')));
      return text;
    };
    const keywords = new SharedTexts(count, keywordsOf, (text) => text);
    // A value is one token ("37.4", "-2e-7"), and facts share values.
    const values = new SharedTexts(
      count,
      (i) => String(facts[i]!.value),
      (value) => value,
    );
    const units = new SharedTexts(
      count,
      (i) => facts[i]!.unit,
      (unit) => unit,
    );
    const sources = new SharedTexts(
      count,
      (i) => facts[i]!.source,
      (id) => {
        const source = sourceById(id);
        return `${id} ${source?.title ?? ''} ${source?.publisher ?? ''}`;
      },
    );
    this.groups = [
      { weight: ID_WEIGHT, fields: [this.ids] },
      { weight: TEXT_WEIGHT, fields: [statements, keywords] },
      { weight: OTHER_WEIGHT, fields: [values, units, sources] },
    ];
    this.wordScores = new Uint8Array(count);
    this.totals = new Int32Array(count);
  }

  /**
   * Positions (in `facts` order) of the best `limit` facts that match every word of
   * `query`, best first. A word scores the weight of the field group it is first found
   * in (id, then statement and keywords, then the rest), doubled when it starts a word
   * there ("trade" in "trade grew", not "rade"); a fact scores the sum of its words'
   * scores, plus a bonus when the query is its id or how its id starts. Equal scores
   * keep `facts` order.
   */
  run(query: string, limit: number): number[] {
    const count = this.count;
    if (limit <= 0) return [];
    const words = queryWords(query);
    if (words.length === 0) return Array.from({ length: Math.min(limit, count) }, (_, i) => i);
    const totals = this.totals;
    for (let w = 0; w < words.length; w++) {
      const scores = this.scoreWord(words[w]!);
      if (!scores) return [];
      if (w === 0) totals.set(scores);
      else for (let i = 0; i < count; i++) totals[i] = scores[i] === 0 || totals[i] === 0 ? 0 : totals[i]! + scores[i]!;
    }
    const phrase = words.join(' ');
    const best = new TopScores(limit);
    for (let i = 0; i < count; i++) {
      const total = totals[i]!;
      if (total > 0) best.offer(i, total + this.idBonus(i, phrase));
    }
    return best.indexes();
  }

  /** Each fact's score for one word (0: the word is not in it), or undefined when no fact has it. */
  private scoreWord(word: string): Uint8Array | undefined {
    const scores = this.wordScores;
    scores.fill(0);
    let found = false;
    for (const { weight, fields } of this.groups) for (const field of fields) found = field.score(word, weight, scores) || found;
    return found ? scores : undefined;
  }

  private idBonus(fact: number, phrase: string): number {
    const ids = this.ids;
    const idLength = ids.lengthOf(fact);
    if (phrase.length > idLength || !ids.text.startsWith(phrase, ids.starts[fact])) return 0;
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

/** The query's words, lower case, without surrounding punctuation ("37.4%" gives "37.4", "@cn-x" gives "cn-x"). */
function queryWords(query: string): string[] {
  const words = lowerCaseKeepingOffsets(query)
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '');
  return [...new Set(words)];
}
