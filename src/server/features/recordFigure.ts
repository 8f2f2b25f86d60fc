/**
 * "Record as a new fact…" for a figure of a briefing: what the new fact would say (the
 * figure's value and unit, its sentence as the statement), the sources its sentence
 * already cites, and where a citation goes when it cites none. The VS Code client runs
 * its Add Fact flow from these; other editors get the server's own `recordFact`.
 */
import { factUnitOf, sentenceEnd, type BriefingModel, type Statistic } from '../../core';
import type { RecordFigureArgs } from '../../shared/protocol';
import type { Analysis } from '../analysis';
import { toRange } from '../convert';

/** Note references, endnote numbers and emphasis marks are not part of what the figure says. */
const NOTE_AND_MARKUP = /\[\^[^\]]*\]|\[\d+(?:[,–-]\s*\d+)*\]|<sup>[^<]*<\/sup>|[*_`]/g;

/** The sentence a statistic stands in, as a fact's statement: without notes, markup or its full stop. */
export function statementOf(model: BriefingModel, stat: Statistic): string {
  const sentence = model.sentences[stat.sentence]!;
  return model.text.slice(sentence.span.start, sentence.span.end).replace(NOTE_AND_MARKUP, '').replace(/\s+/g, ' ').trim();
}

/** The index of the statistic that starts at `offset` (where a diagnostic or a command points), or -1. */
export function statisticStartingAt(model: BriefingModel, offset: number): number {
  return model.stats.findIndex((s) => s.span.start === offset);
}

/** The arguments of "Record as a new fact…" for the statistic that starts at `offset`, or undefined when there is none. */
export function recordFigureArgs(analysis: Analysis, offset: number): RecordFigureArgs | undefined {
  const { model, matches } = analysis.result;
  const index = statisticStartingAt(model, offset);
  const stat = model.stats[index];
  const match = matches[index];
  if (!stat || !match) return undefined;
  // A figure whose cited notes name no known source is the note's business, not a new fact's.
  if (match.status !== 'uncited' && match.sources.length === 0) return undefined;
  const unit = factUnitOf(stat);
  const args: RecordFigureArgs = {
    uri: analysis.uri,
    version: analysis.version,
    figure: model.text.slice(stat.span.start, stat.span.end),
    range: toRange(analysis.document, stat.span),
    value: stat.value,
    ...(unit === undefined ? {} : { unit }),
    statement: statementOf(model, stat).replace(/\.$/, ''),
    cited: [...match.sources],
  };
  if (match.status === 'uncited') args.citeAt = analysis.document.positionAt(sentenceEnd(model, stat.sentence));
  return args;
}
