/**
 * Every diagnostic code, one file each in this folder (src/core/rules/<code>.ts), in the
 * order the settings, the README and docs/rules/ list them. A rule is registered here and
 * nowhere else: core/codes.ts, the checks run over a briefing, the `briefing.rules`
 * settings of package.json and the rule tables of the docs all come from this list.
 */
import { bibliographyInvalid } from './bibliography.invalid';
import { factStale } from './fact.stale';
import { factSuperseded } from './fact.superseded';
import { factsBroken } from './facts.broken';
import { factsDuplicateId } from './facts.duplicateId';
import { factsInvalid } from './facts.invalid';
import { factsMissing } from './facts.missing';
import { factsQuoteMismatch } from './facts.quoteMismatch';
import { noteDuplicate } from './note.duplicate';
import { noteGap } from './note.gap';
import { noteNoSource } from './note.noSource';
import { noteOrder } from './note.order';
import { noteUndefined } from './note.undefined';
import { noteUnused } from './note.unused';
import { quoteMismatch } from './quote.mismatch';
import type { BriefingCheck } from './ruleDefinition';
import { sourceUnknown } from './source.unknown';
import { statArithmetic } from './stat.arithmetic';
import { statMismatch } from './stat.mismatch';
import { statUncited } from './stat.uncited';
import { statUnsupported } from './stat.unsupported';

export const RULE_LIST = [
  noteUndefined,
  noteUnused,
  noteDuplicate,
  noteGap,
  noteOrder,
  noteNoSource,
  sourceUnknown,
  statUncited,
  statMismatch,
  statUnsupported,
  factsInvalid,
  factsDuplicateId,
  factsMissing,
  factsBroken,
  bibliographyInvalid,
  statArithmetic,
  quoteMismatch,
  factSuperseded,
  factStale,
  factsQuoteMismatch,
] as const;

/**
 * The checks run over an analysed briefing, each once, in the order of the list: a pass
 * that several codes share runs at its first code. fact.superseded and fact.stale read
 * what the statistics pass matched, so they come after it.
 */
export const BRIEFING_CHECKS: readonly BriefingCheck[] = [
  ...new Set(RULE_LIST.flatMap((rule) => ('check' in rule && rule.check ? [rule.check] : []))),
];
