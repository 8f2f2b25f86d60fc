import { analyzeBriefing, type AnalyzeOptions } from './analyze/analyzeBriefing';
import { RULES, severityFor, type RuleSetting } from './codes';
import type { FactIndex } from './facts/factIndex';
import type { BlockMemo } from './incremental/blockMemo';
import type { BriefingModel } from './model';
import { resolveNotes, type NoteResolution } from './notes/resolve';
import type { StatisticsMemo } from './incremental/statisticsMemo';
import type { RawFinding, RuleContext } from './rules/context';
import { DeferredFinding, FindingWithFixFunction } from './rules/deferredFinding';
import { BRIEFING_CHECKS } from './rules/registry';
import { LineMap } from './positions';
import type { StatMatch } from './stats/matchStatistic';
import type { Finding } from './types';

export interface CheckOptions extends AnalyzeOptions {
  /** `briefing.rules`: a severity or `off` per code. */
  rules?: Partial<Record<string, RuleSetting>>;
  /** `briefing.staleAfter` ("2y", "18m", "90d"): turns `fact.stale` on. */
  staleAfter?: string | undefined;
  /** The date `fact.stale` counts back from when the briefing has no `date:` (tests fix it). */
  today?: Date | undefined;
}

export interface CheckResult {
  model: BriefingModel;
  notes: NoteResolution;
  /** Per statistic (same index as model.stats), what it matched. */
  matches: StatMatch[];
  findings: Finding[];
}

/** A finding with its severity; deferred fixes become a memoised `fixes` property. */
function withSeverity(raw: RawFinding | DeferredFinding, severity: Finding['severity']): Finding {
  if (raw instanceof DeferredFinding) {
    raw.severity = severity;
    return raw;
  }
  const { code, message, span, fixes } = raw;
  const withFact = 'factId' in raw;
  if (typeof fixes !== 'function') {
    const finding: Finding = withFact ? { code, message, span, factId: raw.factId, severity } : { code, message, span, severity };
    if (fixes) finding.fixes = fixes;
    return finding;
  }
  const finding = new FindingWithFixFunction(code, message, span, fixes);
  finding.severity = severity;
  if (withFact) finding.factId = raw.factId;
  return finding;
}

/**
 * Runs every rule over an analysed briefing. `memo` carries statistics' matches over
 * from the checks of earlier versions of the same document, `blocks` what rules read from
 * blocks' texts.
 */
export function checkModel(
  model: BriefingModel,
  facts: FactIndex,
  options: CheckOptions = {},
  memo?: StatisticsMemo,
  blocks?: BlockMemo,
): CheckResult {
  const notes = resolveNotes(model);
  // Few messages point at other lines; a long document's line map is built only for them.
  let lines: LineMap | undefined;
  const lineOf = (offset: number) => (lines ??= new LineMap(model.text)).position(offset).line;
  const context: RuleContext = {
    model,
    notes,
    facts,
    // Filled by the statistics pass, statistic by statistic.
    matches: new Array<StatMatch>(model.stats.length),
    lineOf,
    staleAfter: options.staleAfter,
    today: options.today,
    statisticsMemo: memo,
    blocks,
  };
  const findings: Finding[] = [];
  for (const check of BRIEFING_CHECKS) {
    for (const f of check(context)) {
      const severity = severityFor(f.code, options.rules);
      if (severity) findings.push(withSeverity(f, severity));
    }
  }
  // Codes are ASCII, so comparing them as strings orders them as localeCompare would, without loading ICU's collator (~15 ms).
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { model, notes, matches: context.matches, findings };
}

/**
 * Checks one briefing: text, loaded facts and options in; findings with offsets, fixes as
 * text edits, and the analysis the editor features read, out. No I/O, no `vscode`.
 */
export function checkBriefing(text: string, facts: FactIndex, options: CheckOptions = {}): CheckResult {
  return checkModel(analyzeBriefing(text, options), facts, options);
}

export { RULES };
