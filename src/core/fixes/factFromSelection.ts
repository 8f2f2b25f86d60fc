/**
 * Add Fact from Selection: the figures a passage of a source states, read by the same
 * extractor that finds statistics in briefings, each with the fact it proposes (unit,
 * statement from its sentence, the passage as the quote), and where the text says it
 * came from (a URL on its first lines, a saved page's address). Works on any text: a
 * saved web page, a PDF's text, notes.
 */
import { splitSentences } from '../analyze/sentences';
import { extractStatistics } from '../stats/extract';
import type { StatUnit } from '../stats/figureUnit';
import type { Span } from '../types';
import { factUnitOf } from './newFact';

/** How far around the selection the extractor reads, so a unit or sentence cut off by the selection is still seen. */
const CONTEXT = 600;

export interface SelectedFigure {
  /** The figure as the text writes it ("51.6 percent"). */
  text: string;
  /** Where the figure is in the document's text. */
  span: Span;
  value: number;
  /** The unit a fact file writes ("percent", "USD", "workers"), or undefined when the figure does not say ("$" may be several dollars). */
  unit: string | undefined;
  /** The sentence the figure stands in, whitespace collapsed, without its full stop: the proposed statement. */
  statement: string;
}

/** The figures of `text` that start inside `selection`, in text order. */
export function figuresInSelection(text: string, selection: Span): SelectedFigure[] {
  const from = Math.max(0, selection.start - CONTEXT);
  const to = Math.min(text.length, selection.end + CONTEXT);
  const window = text.slice(from, to);
  const local = { start: selection.start - from, end: selection.end - from };
  const cut = { start: from > 0, end: to < text.length };
  const figures: SelectedFigure[] = [];
  for (const stat of extractStatistics(window)) {
    const start = from + stat.span.start;
    if (start < selection.start || start >= selection.end) continue;
    const span = { start, end: from + stat.span.end };
    figures.push({
      text: text.slice(span.start, span.end),
      span,
      value: stat.value,
      unit: unitAsWritten(text.slice(span.start, span.end), stat.unit) ?? factUnitOf(stat),
      // Without its full stop, as fact statements are written (messages add their own).
      statement: collapse(sliceOf(window, sentenceAround(window, stat.span.start, local, cut))).replace(/\.$/, ''),
    });
  }
  return figures;
}

/** A counted noun as the source writes it ("workers", not the engine's "worker"), which is how fact files name it. */
function unitAsWritten(figure: string, unit: StatUnit): string | undefined {
  if (unit.kind !== 'count') return undefined;
  const words = figure.split(/\s+/).slice(-unit.nouns.length);
  return words.length === unit.nouns.length && words.every((w) => /^\p{L}[\p{L}'’-]*$/u.test(w))
    ? words.join(' ').toLowerCase()
    : undefined;
}

/** The selection as a fact's quote: the source's own words, whitespace (a hard-wrapped line) collapsed. */
export function quoteOf(text: string, selection: Span): string {
  return collapse(text.slice(selection.start, selection.end));
}

/**
 * The sentence of `window` around offset `at`, within its paragraph. A sentence that
 * runs past a cut edge of the window is kept to the selection there, rather than a
 * fragment of unknown extent.
 */
function sentenceAround(window: string, at: number, selection: Span, cut: { start: boolean; end: boolean }): Span {
  const before = window.lastIndexOf('\n\n', at);
  const paragraphStart = before === -1 ? 0 : before + 2;
  const after = window.indexOf('\n\n', at);
  const paragraphEnd = after === -1 ? window.length : after;
  const sentence = splitSentences(window.slice(paragraphStart, paragraphEnd)).find(
    (s) => paragraphStart + s.start <= at && at < paragraphStart + s.end,
  );
  if (!sentence) return selection;
  let start = paragraphStart + sentence.start;
  let end = paragraphStart + sentence.end;
  if (start === 0 && cut.start) start = Math.min(selection.start, at);
  if (end === window.length && cut.end) end = Math.max(selection.end, at + 1);
  return { start, end };
}

function sliceOf(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const URL = /https?:\/\/[^\s"'<>()\]]+[^\s"'<>()\].,;:!?]/;

/**
 * Where the text says it came from: a saved page's `<!-- saved from url=… -->` or
 * canonical link, else the first URL on its first five non-blank lines (a notes file
 * that starts with the page's address). Undefined when it records none.
 */
export function recordedUrlOf(text: string): string | undefined {
  const head = text.slice(0, 4000);
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(head)?.[1];
  if (saved && URL.test(saved)) return saved;
  const canonical =
    /<link[^>]+rel=["']canonical["'][^>]*href=["']([^"']+)["']/i.exec(head)?.[1] ??
    /<link[^>]+href=["']([^"']+)["'][^>]*rel=["']canonical["']/i.exec(head)?.[1];
  if (canonical && URL.test(canonical)) return canonical;
  const lines = head
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, 5);
  for (const line of lines) {
    const url = URL.exec(line)?.[0];
    if (url) return url;
  }
  return undefined;
}
