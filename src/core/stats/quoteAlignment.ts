/**
 * Compares a quotation in a briefing with a passage recorded in a fact's quote, word by
 * word. A writer quotes part of a passage, so the quotation is aligned with the stretch
 * of the passage it matches best (skipping the passage's words before and after it for
 * free), and an ellipsis in the quotation (`…`, `...`, `[…]`) skips any words there. Case,
 * curly and straight quotes, dashes and punctuation between words do not count; words do.
 */
import type { Span } from '../types';

export interface Word {
  /** Compared form: lower case, straight apostrophes. */
  key: string;
  span: Span;
}

/** A word of the quotation, or an ellipsis (which stands for omitted words). */
export type QuotedToken = Word | { ellipsis: true; span: Span };

/** One stretch where the quotation and the passage differ. */
export interface Difference {
  /** Indices into the quotation's tokens [from, to): its words here (may be empty). */
  quoted: { from: number; to: number };
  /** Indices into the passage's words [from, to) (may be empty). */
  source: { from: number; to: number };
}

export interface Alignment {
  /** Words shared, in order. */
  shared: number;
  /** How alike: words shared over the longer of the quotation's words and the passage words it was aligned with. */
  ratio: number;
  differences: Difference[];
  /** The passage's words the quotation was aligned with [from, to). */
  window: { from: number; to: number };
}

const WORD = /[\p{L}\p{N}]+(?:['’.,:][\p{L}\p{N}]+)*/gu;
const ELLIPSIS = /\[?(?:…|\.\s?\.\s?\.)\]?/gu;

/** The words of a passage, with their spans in it. */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) words.push({ key: keyOf(m[0]), span: { start: m.index, end: m.index + m[0].length } });
  return words;
}

/** The words and ellipses of a quotation, with spans in `text`. */
export function quotedTokens(text: string): QuotedToken[] {
  const tokens: QuotedToken[] = [];
  for (const m of text.matchAll(ELLIPSIS)) tokens.push({ ellipsis: true, span: { start: m.index, end: m.index + m[0].length } });
  tokens.push(...wordsOf(text));
  return tokens.sort((a, b) => a.span.start - b.span.start);
}

export function isEllipsis(t: QuotedToken): t is { ellipsis: true; span: Span } {
  return 'ellipsis' in t;
}

function keyOf(word: string): string {
  return word.toLowerCase().replace(/’/g, "'");
}

const enum Move {
  Start,
  Match,
  Substitute,
  /** A word of the quotation the passage lacks. */
  Extra,
  /** A word of the passage the quotation lacks. */
  Missing,
  /** An ellipsis passing over a passage word. */
  Skip,
  /** An ellipsis that passes over nothing more. */
  EndSkip,
}

/**
 * The best alignment of the quotation's tokens with a stretch of the passage's words:
 * fewest differing words (edit distance), with free skips at both ends and at ellipses.
 */
export function align(quoted: readonly QuotedToken[], passage: readonly Word[]): Alignment | undefined {
  const m = quoted.length;
  const n = passage.length;
  if (m === 0 || n === 0 || m * n > 400_000) return undefined;
  const width = n + 1;
  const cost = new Float64Array((m + 1) * width);
  const moves = new Uint8Array((m + 1) * width);
  for (let j = 0; j <= n; j++) moves[j] = Move.Start;
  for (let i = 1; i <= m; i++) {
    const q = quoted[i - 1]!;
    const row = i * width;
    const up = (i - 1) * width;
    if (isEllipsis(q)) {
      cost[row] = cost[up]!;
      moves[row] = Move.EndSkip;
      for (let j = 1; j <= n; j++) {
        const stay = cost[up + j]!;
        const skip = cost[row + j - 1]!;
        if (skip < stay) {
          cost[row + j] = skip;
          moves[row + j] = Move.Skip;
        } else {
          cost[row + j] = stay;
          moves[row + j] = Move.EndSkip;
        }
      }
      continue;
    }
    cost[row] = cost[up]! + 1;
    moves[row] = Move.Extra;
    for (let j = 1; j <= n; j++) {
      const same = passage[j - 1]!.key === q.key;
      let best = cost[up + j - 1]! + (same ? 0 : 1);
      let move = same ? Move.Match : Move.Substitute;
      const extra = cost[up + j]! + 1;
      if (extra < best) {
        best = extra;
        move = Move.Extra;
      }
      const missing = cost[row + j - 1]! + 1;
      if (missing < best) {
        best = missing;
        move = Move.Missing;
      }
      cost[row + j] = best;
      moves[row + j] = move;
    }
  }
  let end = 0;
  for (let j = 1; j <= n; j++) if (cost[m * width + j]! < cost[m * width + end]!) end = j;
  // Walk back, collecting the differing stretches.
  const differences: Difference[] = [];
  let open: Difference | undefined;
  let shared = 0;
  let alignedWords = 0;
  let i = m;
  let j = end;
  const close = () => {
    if (open) differences.push(open);
    open = undefined;
  };
  const mark = (qi: number | undefined, sj: number | undefined) => {
    open ??= { quoted: { from: i, to: i }, source: { from: j, to: j } };
    if (qi !== undefined) open.quoted.from = qi;
    if (sj !== undefined) open.source.from = sj;
  };
  while (i > 0) {
    const move = moves[i * width + j]! as Move;
    if (move === Move.Match) {
      close();
      shared++;
      alignedWords++;
      i--;
      j--;
    } else if (move === Move.Substitute) {
      mark(i - 1, j - 1);
      alignedWords++;
      i--;
      j--;
    } else if (move === Move.Extra) {
      mark(i - 1, undefined);
      i--;
    } else if (move === Move.Missing) {
      mark(undefined, j - 1);
      alignedWords++;
      j--;
    } else if (move === Move.Skip) {
      close();
      j--;
    } else {
      close();
      i--;
    }
  }
  close();
  differences.reverse();
  // An open stretch's empty side sits where the walk left it; fix its other end.
  for (const d of differences) {
    if (d.quoted.to < d.quoted.from) d.quoted.to = d.quoted.from;
    if (d.source.to < d.source.from) d.source.to = d.source.from;
  }
  const quotedWords = quoted.filter((t) => !isEllipsis(t)).length;
  const ratio = shared / Math.max(quotedWords, alignedWords, 1);
  return { shared, ratio, differences, window: { from: j, to: end } };
}
