import type { RuleCode, Severity } from './codes';

/** A half-open range of UTF-16 offsets into the checked text. */
export interface Span {
  start: number;
  end: number;
}

/** One replacement of `span` by `newText`; spans of one fix never overlap. */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** Edits to a file other than the one being checked (e.g. a fact file). */
export interface FixData {
  /** Short imperative label, e.g. "Cite cn-customs-2017q1 (note 4)". */
  title: string;
  /** Edits to the checked document, in any order, non-overlapping. */
  edits: TextEdit[];
  /** True when applying it cannot change meaning (CLI --fix / source.fixAll apply these). */
  safe: boolean;
  /** The one obvious fix for its finding. */
  preferred?: boolean;
}

export interface Finding {
  code: RuleCode;
  severity: Severity;
  message: string;
  span: Span;
  /** The fact involved, where there is one (`factId` in docs/cli.md#json). */
  factId?: string;
  /** Fixes that repair this finding, best first. */
  fixes?: FixData[];
}
