/**
 * `facts.quoteMismatch`: a fact whose value none of its quote's figures can explain. The
 * quote is the evidence and the value a transcription of it, so a value that no rounding
 * of a quoted figure in the fact's unit allows was most likely mistyped. The quote's
 * figures are read by the briefing extractor (quoteFigures), each standing for the
 * interval its rounding and hedge allow, as a briefing's figures do (docs/statistics.md, "Hedges and rounding").
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser/lib/esm/main.js';
import { quoteMismatchFinding } from '../rules/facts.quoteMismatch';
import { claimSupports } from '../stats/claim';
import type { ExtractedStatistic } from '../stats/extract';
import { unitKeyOfFact } from '../stats/unitKeys';
import { quoteFigureKeys, quoteFigures } from '../stats/quoteFigures';
import { withThousandsCommas } from '../stats/valueWording';
import type { Finding, FixData, Span } from '../types';
import type { FactEntry, ParsedFactFile } from './parseFactFile';

/** The findings for the facts of a parsed fact file whose value contradicts their quote, in text order. */
export function quoteMismatchFindings(file: ParsedFactFile): Finding[] {
  const findings: Finding[] = [];
  for (const entry of file.facts) {
    const finding = quoteMismatchOf(file.text, entry);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** The quote's figures in the fact's unit; none when the quote states the figure in words or refers to a table. */
export function quotedFiguresInUnit(entry: FactEntry): ExtractedStatistic[] {
  const key = unitKeyOfFact(entry.fact.unit);
  return quoteFigures(entry.fact).filter((f) => quoteFigureKeys(f).includes(key));
}

function admits(figure: ExtractedStatistic, value: number): boolean {
  // A quote writes a fall without its sign ("fell 16 percent") where the fact may record -16.
  return claimSupports(figure, value);
}

/**
 * Whether the quote writes the value's own digits as a number of its own ("89.1" for 89.1,
 * "3,000" or "3000" for 3000). Most quotes do, and then reading all their figures (which
 * costs more than parsing the fact) would find nothing: this only ever skips a finding.
 * Scaled forms ("2.1" for 2100000000) do not count, so a slip of scale is still found.
 */
function writesValue(quote: string, value: number): boolean {
  const magnitude = Math.abs(value);
  // JSON numbers print as they were read: 89.1, not 89.10000000000001.
  const plain = String(magnitude);
  if (plain.includes('e')) return false;
  if (standsAlone(quote, plain)) return true;
  if (magnitude < 1000) return false;
  return standsAlone(quote, withThousandsCommas(plain));
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether `number` occurs in `text` not as part of a longer number. */
function standsAlone(text: string, number: string): boolean {
  for (let at = text.indexOf(number); at !== -1; at = text.indexOf(number, at + 1)) {
    const b1 = text.charCodeAt(at - 1);
    const b2 = text.charCodeAt(at - 2);
    const end = at + number.length;
    const a1 = text.charCodeAt(end);
    const a2 = text.charCodeAt(end + 1);
    const separator = (c: number) => c === 46 || c === 44; // . ,
    if (isDigit(b1) || (separator(b1) && isDigit(b2)) || isDigit(a1) || (separator(a1) && isDigit(a2))) continue;
    return true;
  }
  return false;
}

function quoteMismatchOf(text: string, entry: FactEntry): Finding | undefined {
  const { fact } = entry;
  if (writesValue(fact.quote, fact.value)) return undefined;
  const figures = quotedFiguresInUnit(entry);
  if (figures.length === 0 || figures.some((f) => admits(f, fact.value))) return undefined;
  const written = [...new Set(figures.map((f) => fact.quote.slice(f.hedgeSpan?.start ?? f.span.start, f.span.end).replace(/\s+/g, ' ')))];
  const valueSpan = valueSpanOf(text, entry);
  const finding = quoteMismatchFinding(written, fact.value, valueSpan ?? entry.span, fact.id);
  // Only a single quoted figure in the unit is known to be the one meant; a hedged one is no exact value.
  const only = figures.length === 1 ? figures[0]! : undefined;
  if (valueSpan && only && only.hedgeKind === undefined && only.numberSpan2 === undefined) {
    const value = Number(only.value.toPrecision(12));
    const fix: FixData = {
      title: `Change the value to ${value}, as the quote says`,
      edits: [{ span: valueSpan, newText: String(value) }],
      safe: false,
      preferred: true,
    };
    finding.fixes = [fix];
  }
  return finding;
}

/** The span of the fact's `value` in a JSON or YAML fact file; undefined where it cannot be told (tables, workbooks). */
export function valueSpanOf(text: string, entry: FactEntry): Span | undefined {
  const { start, end } = entry.span;
  if (end <= start) return undefined;
  const slice = text.slice(start, end);
  if (slice.startsWith('{')) {
    const node = findNodeAtLocation(parseTree(slice) ?? { type: 'null', offset: 0, length: 0 }, ['value']);
    return node && node.type === 'number' ? { start: start + node.offset, end: start + node.offset + node.length } : undefined;
  }
  // YAML: a `value:` key of this mapping, on a line of its own or after the list dash.
  const m = /(^|\n)([ \t]*(?:-[ \t]+)?)value:[ \t]*([-+]?[\d.eE+-]+)[ \t]*(?=#|\r?\n|$)/.exec(slice);
  if (!m) return undefined;
  const at = start + m.index + m[1]!.length + m[2]!.length + 'value:'.length;
  const offset = text.slice(at).search(/\S/);
  return { start: at + offset, end: at + offset + m[3]!.length };
}

/** The parsed file with its `facts.quoteMismatch` findings among the others, in text order. */
export function withQuoteMismatches(file: ParsedFactFile): ParsedFactFile {
  const more = quoteMismatchFindings(file);
  if (more.length === 0) return file;
  return { ...file, findings: [...file.findings, ...more].sort((a, b) => a.span.start - b.span.start) };
}
