/**
 * The diagnostic codes, from the rule registry (rules/registry.ts; one file a rule). They
 * are stable identifiers: the CLI output, the VS Code `Diagnostic.code`, the
 * `briefing.rules.<code>` settings and the pages under docs/rules/ all use these strings.
 */
import { RULE_LIST } from './rules/registry';
import { ruleSeverity, type RuleDefinition, type RuleSetting, type Severity } from './rules/ruleDefinition';

export type { RuleSetting, Severity };
export type RuleCode = (typeof RULE_LIST)[number]['code'];

/** Each rule by its code. */
export const RULES = Object.fromEntries(RULE_LIST.map((rule) => [rule.code, rule])) as Readonly<Record<RuleCode, RuleDefinition<RuleCode>>>;

export const RULE_CODES: RuleCode[] = RULE_LIST.map((rule) => rule.code);

export function isRuleCode(value: string): value is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}

/** The severity a finding gets, or undefined when its rule is turned off. */
export function severityFor(code: RuleCode, settings?: Partial<Record<string, RuleSetting>>): Severity | undefined {
  return ruleSeverity(RULES[code], settings);
}

/**
 * Where each rule's page is published. One constant, so the editor's links
 * (`codeDescription.href`), SARIF's `helpUri` and the CLI's `--verbose` footer agree.
 */
const RULE_DOCS_BASE = 'https://github.com/briefing-check/briefing-check/blob/main/docs/rules/';

/** The page explaining a code: what it finds, an example and its fix (docs/rules/<code>.md). */
export function ruleDocUrl(code: string): string {
  return `${RULE_DOCS_BASE}${code}.md`;
}
