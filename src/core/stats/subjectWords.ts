import type { FactEntry } from '../facts/factIndex';
import { singular } from './vocabulary';
import { contentWords, forEachWord, STOP_WORDS } from './words';

/** What Vocabulary numbers a stop word or a blank keyword, and a multi-word keyword. */
const NOT_A_WORD = -1;
const PHRASE = -2;

/**
 * The facts' subjects (keywords and statement words), numbered on first use, scored
 * against the text a statistic is about: how many words they share.
 */
export class FactSubjects {
  private readonly vocabulary = new Vocabulary();
  /**
   * Each fact's subject, numbered on first use, as a run in `pool` from `subjectAt[fact]`
   * (-1: not yet): the keywords' count and numbers, then the statement words'. Scoring a
   * hedged figure reads dozens of facts' subjects; one typed array keeps them together in
   * memory, in the order they were first read, which is mostly by value.
   */
  private readonly subjectAt: Int32Array;
  private pool = new Int32Array(4096);
  private poolLength = 0;
  /** Multi-word keywords, matched as phrases; rare. */
  private readonly phrases: (string[] | undefined)[] = [];

  /** Facts are named by their index in `entries`. */
  constructor(private readonly entries: readonly FactEntry[]) {
    this.subjectAt = new Int32Array(entries.length).fill(-1);
  }

  /** Numbers the subject words of each of the facts not numbered yet, in their order. */
  numberEach(facts: ArrayLike<number>): void {
    for (let i = 0; i < facts.length; i++) if (this.subjectAt[facts[i]!]! < 0) this.numberSubject(facts[i]!);
  }

  /**
   * How many of each fact's keywords (2 each, multi-word ones as phrases) and statement
   * words (1 each) the text shares, for the first `length` facts of `facts`, into `into`;
   * 0 is another subject. The facts' words are numbered first, then the text's marked once.
   */
  overlaps(facts: ArrayLike<number>, length: number, text: SubjectText, into: number[]): number[] {
    for (let i = 0; i < length; i++) if (this.subjectAt[facts[i]!]! < 0) this.numberSubject(facts[i]!);
    // Numbering the facts' words may have added words the text has: its words are marked after.
    const marks = this.vocabulary.marksOf(text);
    for (let i = 0; i < length; i++) into[i] = this.counted(facts[i]!, marks, text);
    return into;
  }

  /** The overlap of a numbered fact's subject with the text whose words `marks` marks. */
  private counted(fact: number, marks: Int32Array, text: SubjectText): number {
    const marked = this.vocabulary.mark;
    const pool = this.pool;
    let at = this.subjectAt[fact]!;
    let score = 0;
    for (let end = at + 1 + pool[at]!, i = at + 1; i < end; i++) if (marks[pool[i]!] === marked) score += 2;
    const phrases = this.phrases[fact];
    if (phrases) {
      const lower = text.lowerCase();
      for (const p of phrases) if (lower.includes(p)) score += 2;
    }
    at += 1 + pool[at]!;
    for (let end = at + 1 + pool[at]!, i = at + 1; i < end; i++) if (marks[pool[i]!] === marked) score += 1;
    return score;
  }

  /** Numbers the fact's subject words into the pool (its keywords, singular, and content words of its statement); returns where. */
  private numberSubject(fact: number): number {
    const { fact: data } = this.entries[fact]!;
    const keywords = data.keywords ?? [];
    const statement = data.statement;
    const at = this.poolLength;
    // A statement has fewer words than characters, even lower-cased (which may lengthen it).
    const needed = at + 2 + keywords.length + 2 * statement.length;
    if (needed > this.pool.length) {
      const grown = new Int32Array(Math.max(needed, this.pool.length * 2));
      grown.set(this.pool);
      this.pool = grown;
    }
    const pool = this.pool;
    const vocabulary = this.vocabulary;
    let end = at + 1;
    let phrases: string[] | undefined;
    for (const keyword of keywords) {
      const id = vocabulary.keywordId(keyword);
      if (id >= 0) pool[end++] = id;
      else if (id === PHRASE) (phrases ??= []).push(keyword.toLowerCase().trim());
    }
    pool[at] = end - at - 1;
    const words = end++;
    forEachWord(statement, (word) => {
      const id = vocabulary.wordId(word);
      // Statement words count once each, as a set of them does.
      if (id < 0) return;
      for (let i = words + 1; i < end; i++) if (pool[i] === id) return;
      pool[end++] = id;
    });
    pool[words] = end - words - 1;
    this.poolLength = end;
    if (phrases) this.phrases[fact] = phrases;
    this.subjectAt[fact] = at;
    return at;
  }
}

/**
 * The words of the facts' subjects met so far, numbered. Comparing a fact's words with a
 * text's is the inner loop of matching (a hedged figure is scored against dozens of
 * facts); with numbers, it reads a typed array instead of hashing strings. The words of
 * the text being compared are marked in `marks` with the number `mark`.
 */
class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  marks = new Int32Array(1024);
  mark = 0;
  /** The text whose words carry `mark`. */
  private marked: SubjectText | undefined;

  /** Per word as forEachWord gives it, the number of its singular, or NOT_A_WORD for a stop word. */
  private readonly rawIds = new Map<string, number>();
  /** Per keyword as written, the number of its singular, or PHRASE, or NOT_A_WORD for a blank. */
  private readonly keywordIds = new Map<string, number>();

  /** contentWords' number for a word forEachWord gives (facts' statements repeat their words: each is read once). */
  wordId(word: string): number {
    let id = this.rawIds.get(word);
    if (id === undefined) this.rawIds.set(word, (id = STOP_WORDS.has(word) ? NOT_A_WORD : this.id(singular(word))));
    return id;
  }

  /** A keyword's number: that of its singular, lower-case, or PHRASE for a multi-word one, or NOT_A_WORD for a blank. */
  keywordId(keyword: string): number {
    let id = this.keywordIds.get(keyword);
    if (id === undefined) {
      const k = keyword.toLowerCase().trim();
      this.keywordIds.set(keyword, (id = k.includes(' ') ? PHRASE : k ? this.id(singular(k)) : NOT_A_WORD));
    }
    return id;
  }

  /** The number of a word, given it on first sight. */
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      if (id >= this.marks.length) {
        const grown = new Int32Array(this.marks.length * 2);
        grown.set(this.marks);
        this.marks = grown;
      }
    }
    return id;
  }

  /**
   * `marks`, with the text's words (those in the vocabulary) marked `mark`. The text keeps
   * its word numbers and how many words the vocabulary had then, so marking it again after
   * another text, or after facts added words, costs little.
   */
  marksOf(text: SubjectText): Int32Array {
    if (this.marked === text && text.numberedUpTo === this.words.length) return this.marks;
    const words = text.words();
    let ids = text.wordIds;
    if (!ids || this.words.length - text.numberedUpTo > words.size) {
      ids = text.wordIds = [];
      for (const w of words) {
        const id = this.ids.get(w);
        if (id !== undefined) ids.push(id);
      }
    } else {
      for (let id = text.numberedUpTo; id < this.words.length; id++) if (words.has(this.words[id]!)) ids.push(id);
    }
    text.numberedUpTo = this.words.length;
    if (this.mark === 0x7fffffff) {
      this.marks.fill(0);
      this.mark = 0;
    }
    this.mark++;
    for (const id of ids) this.marks[id] = this.mark;
    this.marked = text;
    return this.marks;
  }
}

/**
 * The text a statistic is about (`source` from `start` to `end`), compared with facts'
 * subjects. Its words and lower-case form are worked out on first use, once for all the
 * statistics that share it; many statistics are matched without them.
 */
export class SubjectText {
  private wordSet: Set<string> | undefined;
  private lower: string | undefined;
  private text: string | undefined;
  /** Its words' numbers in the vocabulary of the one fact index it is compared with, and how many words that had then. */
  wordIds: number[] | undefined;
  numberedUpTo = 0;

  constructor(
    private readonly source: string,
    private readonly start: number,
    private readonly end: number,
  ) {}

  private sliced(): string {
    return (this.text ??= this.source.slice(this.start, this.end));
  }

  words(): Set<string> {
    return (this.wordSet ??= contentWords(this.sliced()));
  }

  lowerCase(): string {
    return (this.lower ??= this.sliced().toLowerCase());
  }
}
