import type { RawFinding, RuleContext } from './context';

export type Severity = 'error' | 'warning' | 'info';

/** What a user may set a rule to (`briefing.rules.<code>` / CLI config). */
export type RuleSetting = Severity | 'off';

/**
 * How a rule finds its findings in an analysed briefing. Codes found by one pass over the
 * briefing (the statistics rule's three, note.gap and note.order) name the same function,
 * which runs once for all of them.
 */
export type BriefingCheck = (context: RuleContext) => RawFinding[];

/** One diagnostic code: what src/core/rules/<code>.ts says of it. */
export interface RuleDefinition<Code extends string = string> {
  readonly code: Code;
  readonly severity: Severity;
  /**
   * What the rule finds, in one sentence of Markdown. The `briefing.rules` settings in
   * package.json, the README's table and docs/rules/ say the same (`npm run rules:sync`
   * writes them; test/core/ruleRegistry.test.ts fails when they differ).
   */
  readonly description: string;
  /** When the rule reports only once a setting is made: that condition ("once `briefing.staleAfter` is set"). */
  readonly onlyWhen?: string;
  /** Absent for the codes raised while reading fact files and bibliographies. */
  readonly check?: BriefingCheck;
}

export function defineRule<const Code extends string>(rule: RuleDefinition<Code>): RuleDefinition<Code> {
  return rule;
}

/** The severity a finding of `rule` gets under `settings`, or undefined when the rule is turned off. */
export function ruleSeverity(rule: RuleDefinition, settings?: Partial<Record<string, RuleSetting>>): Severity | undefined {
  const setting = settings?.[rule.code] ?? rule.severity;
  return setting === 'off' ? undefined : setting;
}
