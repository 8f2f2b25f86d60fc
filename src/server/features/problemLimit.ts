/**
 * `briefing.maxProblems`: the most diagnostics published for one file. VS Code keeps at
 * most 1000 diagnostics per file of a collection, errors first, then warnings, then the
 * rest, each in the order given, and drops the others after the extension host has
 * received and converted them. A long draft can have thousands of findings (every
 * uncited figure of a 1 MB briefing), so the server makes the same choice itself, before
 * paying to serialize, send and parse what no one sees, and says how many it left out.
 * The CLI and Check All Briefings' counts always see every finding.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { withThousandsCommas, type Severity } from '../../core';
import { DIAGNOSTIC_SOURCE } from '../convert';

/** What a limit leaves of a file's problems: the ones to publish, and how many were left out. */
export interface LimitedProblems<T> {
  shown: T[];
  hidden: number;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The rank of a diagnostic severity in the order VS Code keeps them (hints, and none, last). */
export function rankOfDiagnostic(severity: DiagnosticSeverity | undefined): number {
  return severity === undefined ? 3 : severity - 1;
}

export function rankOfSeverity(severity: Severity): number {
  return RANK[severity];
}

/**
 * At most `max` problems, the notice of the rest included (so `max - 1` of them when some
 * are left out): the most severe first, in their given order within a severity. `max` 0
 * means no limit. The shown ones keep their given order.
 */
export function limitProblems<T>(items: readonly T[], max: number, rankOf: (item: T) => number): LimitedProblems<T> {
  if (max === 0 || items.length <= max) return { shown: items as T[], hidden: 0 };
  const room = max - 1;
  // How many of each rank fit, most severe first.
  const counts = [0, 0, 0, 0];
  for (const item of items) counts[rankOf(item)]!++;
  const quota = [0, 0, 0, 0];
  let left = room;
  for (let rank = 0; rank < 4; rank++) {
    quota[rank] = Math.min(counts[rank]!, left);
    left -= quota[rank]!;
  }
  const shown: T[] = [];
  for (const item of items) {
    const rank = rankOf(item);
    if (quota[rank]! > 0) {
      quota[rank]!--;
      shown.push(item);
    }
  }
  return { shown, hidden: items.length - shown.length };
}

/** The notice of what a limit left out, at the top of the file (Information, no code: it is not a rule's finding). */
function hiddenProblemsNotice(shown: number, hidden: number, max: number): Diagnostic {
  const total = shown + hidden;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message:
      `${plural(hidden, 'more problem')} ${hidden === 1 ? 'is' : 'are'} not listed: Briefing Check lists ` +
      `${count(shown)} of this file's ${count(total)}, the most severe first (briefing.maxProblems: ${count(max)}). ` +
      'Set it to 0 to list them all, or run briefing-check on the file.',
  };
}

/** `items` limited to `max` diagnostics, with the notice of the rest last. */
export function limitDiagnostics<T>(
  items: readonly T[],
  max: number,
  rankOf: (item: T) => number,
  toDiagnostic: (item: T) => Diagnostic,
): Diagnostic[] {
  const { shown, hidden } = limitProblems(items, max, rankOf);
  const diagnostics = shown.map(toDiagnostic);
  if (hidden > 0) diagnostics.push(hiddenProblemsNotice(shown.length, hidden, max));
  return diagnostics;
}

/** 1,894: with the separators the messages use elsewhere (and without loading ICU's number formats). */
const count = (n: number): string => withThousandsCommas(String(n));

/** Diagnostics made already (fact files, bibliographies, briefings not open), limited to `max`. */
export function limitMadeDiagnostics(diagnostics: readonly Diagnostic[], max: number): Diagnostic[] {
  return limitDiagnostics(
    diagnostics,
    max,
    (d) => rankOfDiagnostic(d.severity),
    (d) => d,
  );
}

function plural(n: number, noun: string): string {
  return `${count(n)} ${n === 1 ? noun : `${noun}s`}`;
}
