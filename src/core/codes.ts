/**
 * The diagnostic codes, in one place. They are stable identifiers: the CLI output, the
 * VS Code `Diagnostic.code`, the `briefing.rules.<code>` settings and the pages under
 * docs/rules/ all use these strings.
 */
export const RULES = {
  'note.undefined': { severity: 'error', summary: 'A note reference has no definition.' },
  'note.unused': { severity: 'warning', summary: 'A note definition is never referenced.' },
  'note.duplicate': { severity: 'error', summary: 'A note label is defined twice.' },
  'note.gap': { severity: 'warning', summary: 'The referenced numeric note labels skip a number.' },
  'note.order': { severity: 'warning', summary: 'Numeric notes are not first referenced in ascending order.' },
  'note.noSource': { severity: 'info', summary: 'A note names no known source.' },
  'source.unknown': { severity: 'error', summary: '`@id` names no source in the loaded fact files or bibliographies.' },
  'stat.uncited': { severity: 'warning', summary: 'A statistic whose sentence cites nothing.' },
  'stat.mismatch': { severity: 'error', summary: 'A cited statistic contradicts a fact of its source.' },
  'stat.unsupported': { severity: 'warning', summary: 'No fact of the cited sources supports a cited statistic.' },
  'facts.invalid': { severity: 'error', summary: 'A fact file is not valid JSON or breaks the schema.' },
  'facts.duplicateId': { severity: 'error', summary: 'A fact id or source id is defined twice among the fact files one briefing loads.' },
  'facts.missing': { severity: 'error', summary: 'A fact file named in the front matter does not exist.' },
  'facts.broken': { severity: 'warning', summary: 'A fact file the briefing loads has problems.' },
  'bibliography.invalid': { severity: 'error', summary: 'A bibliography entry cannot be read; it is left out.' },
  'stat.arithmetic': { severity: 'warning', summary: 'A stated change or share does not follow from the figures beside it.' },
  'quote.mismatch': { severity: 'warning', summary: "A quotation nearly matches a recorded quote of the cited source but differs from it." },
  'fact.superseded': { severity: 'warning', summary: 'A statistic is supported only by a fact that a newer one replaces.' },
  // Runs only when `briefing.staleAfter` is set, so it is off until then.
  'fact.stale': { severity: 'info', summary: 'The fact supporting a statistic is older than `briefing.staleAfter`.' },
  'facts.quoteMismatch': { severity: 'warning', summary: "In a fact file: no figure of a fact's quote, in its unit, is consistent with its value." },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type Severity = 'error' | 'warning' | 'info';
export type RuleCode = keyof typeof RULES;
/** What a user may set a rule to (`briefing.rules.<code>` / CLI config). */
export type RuleSetting = Severity | 'off';

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export function isRuleCode(value: string): value is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULES, value);
}

/** The severity a finding gets, or undefined when its rule is turned off. */
export function severityFor(code: RuleCode, settings?: Partial<Record<string, RuleSetting>>): Severity | undefined {
  const setting = settings?.[code] ?? RULES[code].severity;
  return setting === 'off' ? undefined : setting;
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
