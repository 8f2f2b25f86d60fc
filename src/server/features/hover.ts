/**
 * Hovers: on a note reference, the note, its source and the quotes of the facts that
 * back the sentence's statistics; on a statistic, what it matched or why nothing did;
 * on `@source-id`, the source and how many facts it backs; on a quotation that matches a
 * recorded quote exactly, that it is verified.
 */
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
  claimAdmits,
  describeValue,
  type FactEntry,
  type NoteDef,
  quoteFigureSupporting,
  type Statistic,
  unitKeyOfFact,
  unitKeysOfStatistic,
  verifiedQuotationAt,
} from '../../core';
import type { Analysis } from '../analysis';
import { toRange, touches } from '../convert';
import { describeFactQuote, describeSource, escapeMarkdown, inlineCode } from './markdownText';

export function hover(analysis: Analysis, params: HoverParams): Hover | undefined {
  const { document, result, facts } = analysis;
  const { model, notes, matches } = result;
  const offset = document.offsetAt(params.position);

  const key = model.keys.find((k) => touches(k.span, offset));
  if (key) return { contents: markdown(sourceHover(analysis, key.id)), range: toRange(document, key.span) };

  const refIndex = model.refs.findIndex((r) => touches(r.span, offset));
  if (refIndex >= 0) {
    const ref = model.refs[refIndex]!;
    const def = notes.defOfRef[refIndex];
    const shown = ref.namespace === 'footnote' ? `[^${ref.label}]` : `[${ref.label}]`;
    if (!def) return { contents: markdown(`**Note** ${inlineCode(shown)} has no definition.`), range: toRange(document, ref.span) };
    const parts = [`**Note** ${inlineCode(shown)}: ${escapeMarkdown(def.text.trim())}`];
    for (const source of sourcesOf(analysis, def)) parts.push(`**Source \`${source.id}\`:** ${describeSource(source)}`);
    // The facts behind the statistics of the sentence this reference cites.
    const sentence = model.sentences.find((s) => s.citations.some((c) => c.kind === 'note' && c.ref === refIndex));
    const cited = new Set(sourcesOf(analysis, def).map((s) => s.id));
    const shownFacts = new Set<FactEntry>();
    for (const statIndex of sentence?.stats ?? []) {
      const match = matches[statIndex];
      if (match?.status === 'supported' && match.fact && cited.has(match.fact.fact.source) && !shownFacts.has(match.fact)) {
        shownFacts.add(match.fact);
        parts.push(describeFactQuote(match.fact));
      }
    }
    return { contents: markdown(parts.join('\n\n')), range: toRange(document, ref.span) };
  }

  const statIndex = model.stats.findIndex((s) => touches(s.span, offset));
  if (statIndex >= 0) {
    const stat = model.stats[statIndex]!;
    const match = matches[statIndex];
    const written = model.text.slice(stat.span.start, stat.span.end);
    const parts: string[] = [];
    switch (match?.status) {
      case 'supported': {
        // Backed by a figure its quote states rather than by the value it records: mark that figure.
        const byQuote = claimAdmits(stat, Math.abs(match.fact!.fact.value))
          ? undefined
          : quoteFigureSupporting(match.fact!.fact, stat, stat.unit);
        parts.push(
          `**${escapeMarkdown(written)}** is backed by \`${match.fact!.fact.source}\`${byQuote ? ', in the quote of a fact that records another figure' : ''}:`,
          describeFactQuote(match.fact!, byQuote?.span),
        );
        break;
      }
      case 'mismatch':
        parts.push(
          `**${escapeMarkdown(written)}** contradicts \`${match.fact!.fact.source}\`, which says ${escapeMarkdown(describeValue(match.fact!.fact))}:`,
          describeFactQuote(match.fact!),
        );
        break;
      case 'unsupported':
        // The diagnostic's message is shown beside the hover already: show what the source does record.
        parts.push(...recordedInUnit(analysis, stat, match.sources));
        break;
      case 'uncited':
        // Likewise: the diagnostic says it cites nothing; say what could back it.
        parts.push(
          match.fact
            ? `\`${match.fact.fact.source}\` has a fact that backs **${escapeMarkdown(written)}**:`
            : `No loaded fact has **${escapeMarkdown(written)}**.`,
        );
        if (match.fact) parts.push(describeFactQuote(match.fact));
        break;
      default:
        parts.push(`**${escapeMarkdown(written)}** is cited, but not checked: its citation names no source in the loaded fact files.`);
    }
    if (facts.isEmpty) parts.push('*No fact file is loaded for this briefing.*');
    return { contents: markdown(parts.join('\n\n')), range: toRange(document, stat.span) };
  }
  const quotation = verifiedQuotationAt(model, facts, notes, offset);
  if (quotation) {
    const text = `**Quotation verified:** these are the words of \`${quotation.source}\` recorded in \`${quotation.factId}\`.`;
    return { contents: markdown(text), range: toRange(document, quotation.span) };
  }
  return undefined;
}

/** What the cited sources record in the statistic's unit (a few facts, with what they measure). */
function recordedInUnit(analysis: Analysis, stat: Statistic, sources: readonly string[]): string[] {
  const keys = new Set(unitKeysOfStatistic(stat.unit));
  const lines: string[] = [];
  let more = 0;
  for (const id of sources) {
    for (const entry of analysis.facts.factsOfSource(id)) {
      if (!keys.has(unitKeyOfFact(entry.fact.unit))) continue;
      if (lines.length < MAX_LISTED)
        lines.push(`- ${escapeMarkdown(describeValue(entry.fact))} — ${escapeMarkdown(entry.fact.statement)} (\`${entry.fact.id}\`)`);
      else more++;
    }
  }
  if (lines.length === 0)
    return [`${sources.map((s) => `\`${s}\``).join(', ')} ${sources.length === 1 ? 'records' : 'record'} no fact in this unit.`];
  return [
    `What ${sources.map((s) => `\`${s}\``).join(', ')} ${sources.length === 1 ? 'records' : 'record'} in this unit:`,
    lines.join('\n') + (more > 0 ? `\n- … and ${more} more` : ''),
  ];
}

const MAX_LISTED = 5;

/** Facts listed in the hover of a bibliography entry; the rest are counted. */
const MAX_LISTED_FACTS = 5;

function sourceHover(analysis: Analysis, id: string): string {
  const source = analysis.facts.sources.get(id);
  if (!source) return `\`@${id}\` names no source in the loaded fact files.`;
  const backed = analysis.facts.factsOfSource(id);
  const count = backed.length;
  if (!source.bib)
    return `**Source \`${id}\`:** ${describeSource(source)}\n\n${count === 1 ? '1 fact' : `${count} facts`} in \`${baseName(source.file)}\`.`;
  // A bibliography entry's facts live in other files: list what it backs.
  const listed = backed
    .slice(0, MAX_LISTED_FACTS)
    .map((f) => `- ${escapeMarkdown(f.fact.statement)}: ${escapeMarkdown(describeValue(f.fact))}`);
  if (count > MAX_LISTED_FACTS) listed.push(`- … and ${count - MAX_LISTED_FACTS} more`);
  const facts =
    count === 0 ? 'No fact is taken from it.' : `${count === 1 ? '1 fact' : `${count} facts`} taken from it:\n\n${listed.join('\n')}`;
  return `**Source \`${id}\`** (in \`${baseName(source.file)}\`): ${describeSource(source)}\n\n${facts}`;
}

/** The known sources a note definition cites, by `@id` or URL. */
export function sourcesOf(analysis: Analysis, def: NoteDef) {
  const found = new Map<string, NonNullable<ReturnType<typeof analysis.facts.sources.get>>>();
  for (const key of def.keys) {
    const s = analysis.facts.sources.get(key.id);
    if (s) found.set(s.id, s);
  }
  for (const url of def.urls) {
    const s = analysis.facts.sourceByUrl(url.url);
    if (s) found.set(s.id, s);
  }
  return [...found.values()];
}

function markdown(value: string) {
  return { kind: 'markdown' as const, value };
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
