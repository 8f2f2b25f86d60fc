import type { FactIndex } from '../facts/factIndex';
import type { BlockMemo } from '../incremental/blockMemo';
import type { Fact } from '../facts/schema';
import type { BriefingModel, Citation } from '../model';
import type { NoteResolution } from '../notes/resolve';
import { align, isEllipsis, quotedTokens, wordsOf, type Alignment, type QuotedToken, type Word } from '../stats/quoteAlignment';
import type { FixData, Span, TextEdit } from '../types';
import type { RawFinding, RuleContext } from './context';
import { citedSources } from '../stats/citedSources';
import { defineRule } from './ruleDefinition';

export const quoteMismatch = defineRule({
  code: 'quote.mismatch',
  severity: 'warning',
  description: 'A quotation of six words or more nearly matches a recorded quote of the cited source but differs from it.',
  check: checkQuotations,
});

/** Fewer words than this is a phrase, not a quotation worth checking. */
const MIN_WORDS = 6;
/** How alike a quotation and a recorded passage must be to count as the same quotation, misquoted. */
const NEAR = 0.8;

/**
 * `quote.mismatch`: a quotation in a sentence that cites a source, compared with the quotes
 * recorded for that source's facts. A near match that differs in some words is reported
 * with the words, and the source's wording offered as the fix; an exact match and a
 * quotation like no recorded passage (the fact file may not hold it) get nothing.
 */
function checkQuotations(context: RuleContext): RawFinding[] {
  const { model, facts, notes } = context;
  if (facts.isEmpty) return [];
  const findings: RawFinding[] = [];
  for (const quotation of quotationsOf(model, context.blocks)) {
    const sources = citedSources(facts, citationsAround(model, quotation.span), notes);
    if (sources.length === 0) continue;
    const finding = compare(model, facts, quotation, sources);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** The quotation at `offset` when it matches a recorded quote of a cited source exactly (for the hover), else undefined. */
export function verifiedQuotationAt(
  model: BriefingModel,
  facts: FactIndex,
  notes: NoteResolution,
  offset: number,
): { span: Span; factId: string; source: string } | undefined {
  if (facts.isEmpty) return undefined;
  const quotation = quotationsOf(model).find((q) => q.span.start <= offset && offset <= q.span.end);
  if (!quotation) return undefined;
  const found = closestRecordedQuote(facts, quotation, citedSources(facts, citationsAround(model, quotation.span), notes));
  return found?.exact ? { span: quotation.span, factId: found.candidate.factId, source: found.candidate.source } : undefined;
}

export interface Quotation {
  /** Inside the quotation marks, in document offsets. */
  span: Span;
  block: number;
  tokens: QuotedToken[];
}

/** Opening and closing marks: curly double, straight double, curly single; straight single only around whole words. */
const QUOTED =
  /“([^“”]+)”|(?<![\p{L}\p{N}])"([^"\n]+)"(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])‘([^‘’]*(?:’[\p{L}][^‘’]*)*)’(?![\p{L}\p{N}])|(?<![\p{L}\p{N}'])'([^'\n]+)'(?![\p{L}\p{N}])/gu;

/** The quotations of at least MIN_WORDS words in the document's prose; `blocks` keeps each block's from the last check. */
export function quotationsOf(model: BriefingModel, blocks?: BlockMemo): Quotation[] {
  const found: Quotation[] = [];
  model.blocks.forEach((block, b) => {
    const { masked } = block;
    for (const q of blocks ? blocks.quotations(masked, quotationsInBlock) : quotationsInBlock(masked)) {
      const start = block.span.start + q.start;
      const tokens = q.tokens.map((t) => ({ ...t, span: { start: t.span.start + start, end: t.span.end + start } }));
      found.push({ span: { start, end: start + q.length }, block: b, tokens });
    }
  });
  return found;
}

/** A quotation in a block's masked text: where its inside starts in the block, and its tokens with offsets from there. */
export interface LocalQuotation {
  start: number;
  length: number;
  tokens: QuotedToken[];
}

function quotationsInBlock(masked: string): LocalQuotation[] {
  if (!/["“‘']/.test(masked)) return [];
  const found: LocalQuotation[] = [];
  for (const m of masked.matchAll(QUOTED)) {
    const group = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4;
    const inner = m[group]!;
    const tokens = quotedTokens(inner);
    if (tokens.filter((t) => !isEllipsis(t)).length < MIN_WORDS) continue;
    found.push({ start: m.index + 1, length: inner.length, tokens });
  }
  return found;
}

/** The citations of the sentences a quotation lies in (a quotation may run over several; its note often follows it). */
function citationsAround(model: BriefingModel, span: Span): Citation[] {
  const { sentences } = model;
  // Sentences are in document order: the first one that does not end before the quotation, by halving.
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.span.end < span.start) lo = mid + 1;
    else hi = mid;
  }
  const citations: Citation[] = [];
  for (let i = lo; i < sentences.length && sentences[i]!.span.start <= span.end + 1; i++) citations.push(...sentences[i]!.citations);
  return citations;
}

const quoteWords = new WeakMap<Fact, Word[]>();

/** The words of a fact's quote, read once per fact. */
function wordsOfQuote(fact: Fact): Word[] {
  let words = quoteWords.get(fact);
  if (!words) quoteWords.set(fact, (words = wordsOf(fact.quote)));
  return words;
}

/** Whether enough of the quotation's words occur in the passage at all for the two to be a near match. */
function canBeNear(quoted: readonly Word[], passage: readonly Word[]): boolean {
  if (passage.length < NEAR * quoted.length) return false;
  const keys = new Set(passage.map((w) => w.key));
  let found = 0;
  for (const w of quoted) if (keys.has(w.key)) found++;
  return found >= NEAR * quoted.length;
}

interface Candidate {
  quote: string;
  factId: string;
  source: string;
  words: Word[];
  alignment: Alignment;
}

/**
 * The recorded quote of a cited source's facts nearest to `quotation`: the first that it
 * matches exactly (`exact`), or else the best aligned, if any shares enough words.
 */
function closestRecordedQuote(
  facts: FactIndex,
  quotation: Quotation,
  sources: readonly string[],
): { exact: boolean; candidate: Candidate } | undefined {
  let best: Candidate | undefined;
  const seen = new Set<string>();
  const quoted = quotation.tokens.filter((t): t is Word => !isEllipsis(t));
  for (const source of sources) {
    for (const { fact } of facts.factsOfSource(source)) {
      if (seen.has(fact.quote)) continue;
      seen.add(fact.quote);
      const words = wordsOfQuote(fact);
      // Most recorded quotes share too few words to be this one; aligning them would be wasted.
      if (!canBeNear(quoted, words)) continue;
      const alignment = align(quotation.tokens, words);
      if (!alignment) continue;
      const candidate = { quote: fact.quote, factId: fact.id, source, words, alignment };
      if (alignment.differences.length === 0 && alignment.ratio >= NEAR) return { exact: true, candidate };
      if (!best || alignment.ratio > best.alignment.ratio) best = candidate;
    }
  }
  return best && { exact: false, candidate: best };
}

function compare(model: BriefingModel, facts: FactIndex, quotation: Quotation, sources: readonly string[]): RawFinding | undefined {
  const found = closestRecordedQuote(facts, quotation, sources);
  // A quotation that matches some recorded passage exactly is right, whatever others say.
  if (!found || found.exact) return undefined;
  const best = found.candidate;
  if (best.alignment.ratio < NEAR || best.alignment.shared < MIN_WORDS - 1) return undefined;
  const { text } = model;
  const said = (from: number, to: number) =>
    from < to ? shown(best.quote, best.words[from]!.span.start, best.words[to - 1]!.span.end) : '';
  const wrote = (from: number, to: number) => {
    const words = quotation.tokens.slice(from, to).filter((t) => !isEllipsis(t));
    return words.length === 0 ? '' : shown(text, words[0]!.span.start, words[words.length - 1]!.span.end).replace(/\[\^?[^\]]*\]/g, '');
  };
  const { differences } = best.alignment;
  // Differences a word or two apart read as one: "to maintain Bank Rate at", not "to cut Bank Rate to".
  let grouped = 1;
  while (
    grouped < differences.length &&
    differences[grouped]!.quoted.from - differences[grouped - 1]!.quoted.to <= 2 &&
    differences[grouped]!.source.from - differences[grouped - 1]!.source.to <= 2
  )
    grouped++;
  const last = differences[grouped - 1]!;
  const first = {
    quoted: { from: differences[0]!.quoted.from, to: last.quoted.to },
    source: { from: differences[0]!.source.from, to: last.source.to },
  };
  const { tokens } = quotation;
  // A word of context before the difference, and after it when one side is empty, as a reader would quote it.
  const before = first.quoted.from > 0 && !isEllipsis(tokens[first.quoted.from - 1]!) && first.source.from > 0 ? 1 : 0;
  const gap = first.quoted.from === first.quoted.to || first.source.from === first.source.to;
  const after =
    gap && first.quoted.to < tokens.length && !isEllipsis(tokens[first.quoted.to]!) && first.source.to < best.words.length ? 1 : 0;
  const theySaid = said(first.source.from - before, first.source.to + after);
  const weWrote = wrote(first.quoted.from - before, first.quoted.to + after);
  const others = differences.length - grouped;
  const more = others > 0 ? ` (and ${others} more difference${others > 1 ? 's' : ''})` : '';
  const detail =
    theySaid && weWrote
      ? `the source says “${theySaid}”, not “${weWrote}”`
      : theySaid
        ? `the source says “${theySaid}” here, which the quotation leaves out`
        : `the source does not say “${weWrote}”`;
  const message = `This quotation differs from ${best.source}'s words recorded in ${best.factId}: ${detail}${more}.`;
  return {
    code: 'quote.mismatch',
    message,
    span: quotation.span,
    factId: best.factId,
    fixes: () => sourceWordingFix(text, quotation, best),
  };
}

/** The words from `start` to `end` as a message shows them: on one line, with a sign or % that goes with a figure. */
function shown(text: string, start: number, end: number): string {
  while (start > 0 && /[$£€¥₹-]/.test(text[start - 1]!)) start--;
  while (end < text.length && /[%‰]/.test(text[end]!)) end++;
  return text
    .slice(start, end)
    .replace(/[“”"]|‘|(?<!\p{L})’|’(?!\p{L})|(?<!\p{L})'|'(?!\p{L})/gu, '')
    .replace(/\s+/g, ' ');
}

/** Edits only the differing words, so the quotation's note references and ellipses stay where they are. */
function sourceWordingFix(text: string, quotation: Quotation, best: Candidate): FixData[] | undefined {
  const { tokens } = quotation;
  const edits: TextEdit[] = [];
  for (const d of best.alignment.differences) {
    const sourceText =
      d.source.from < d.source.to ? best.quote.slice(best.words[d.source.from]!.span.start, best.words[d.source.to - 1]!.span.end) : '';
    const before = d.quoted.from > 0 ? tokens[d.quoted.from - 1] : undefined;
    const after = tokens[d.quoted.to];
    if (d.quoted.from < d.quoted.to) {
      const span = { start: tokens[d.quoted.from]!.span.start, end: tokens[d.quoted.to - 1]!.span.end };
      if (sourceText) edits.push({ span, newText: sourceText });
      else if (before) edits.push({ span: { start: before.span.end, end: span.end }, newText: '' });
      else if (after) edits.push({ span: { start: span.start, end: after.span.start }, newText: '' });
      else return undefined;
    } else if (before) {
      edits.push({ span: { start: before.span.end, end: before.span.end }, newText: ` ${sourceText}` });
    } else if (after) {
      edits.push({ span: { start: after.span.start, end: after.span.start }, newText: `${sourceText} ` });
    } else return undefined;
  }
  // A note reference inside a replaced stretch would be lost: leave such a quotation to the writer.
  if (edits.some((e) => /\[\^?[^\]]*\]/.test(text.slice(e.span.start, e.span.end)))) return undefined;
  return [{ title: `Quote ${best.source} as recorded in ${best.factId}`, edits, safe: false, preferred: true }];
}
