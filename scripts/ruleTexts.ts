// What the rule registry (src/core/rules/registry.ts) says in the files that describe the
// rules: package.json's `briefing.rules` settings, the rule tables of README.md and
// docs/rules/README.md, and the head of each docs/rules/<code>.md page. `npm run
// rules:sync` (scripts/rules-sync.mjs) writes them; test/core/ruleRegistry.test.ts fails
// when a file says something else.
import type { RuleDefinition } from '../src/core/rules/ruleDefinition';

export interface SyncedFile {
  path: string;
  text: string;
}

const SETTING_VALUES = ['off', 'info', 'warning', 'error'];
const SETTING_VALUE_DESCRIPTIONS = ['Not reported', 'Reported as information', 'Reported as a warning', 'Reported as an error'];

const TABLE_START = '<!-- The rules table is written by `npm run rules:sync` from src/core/rules/. -->';
const TABLE_END = '<!-- End of the rules table. -->';

/** Every file the registry writes into, as it should read, given how each reads now. */
export function syncedFiles(rules: readonly RuleDefinition[], read: (path: string) => string): SyncedFile[] {
  const files: SyncedFile[] = [
    { path: 'package.json', text: withRuleSettings(read('package.json'), rules) },
    { path: 'README.md', text: withRuleTable(read('README.md'), rules, 'docs/rules/') },
    { path: 'docs/rules/README.md', text: withRuleTable(read('docs/rules/README.md'), rules, '') },
  ];
  for (const rule of rules) {
    const path = `docs/rules/${rule.code}.md`;
    files.push({ path, text: withPageHead(read(path), rule) });
  }
  return files;
}

/** In a setting's Markdown description VS Code links `#briefing.x#` to that setting. */
function linkSettings(markdown: string): string {
  return markdown.replace(/`(briefing\.\w+)`/g, '`#$1#`');
}

/** package.json with the `briefing.rules` setting's properties written from the rules (the rest as it is). */
export function withRuleSettings(packageJson: string, rules: readonly RuleDefinition[]): string {
  const manifest = JSON.parse(packageJson) as {
    contributes: {
      configuration: { properties: Record<string, { properties?: unknown }> } | { properties: Record<string, { properties?: unknown }> }[];
    };
  };
  const sections = [manifest.contributes.configuration].flat();
  const setting = sections.map((s) => s.properties['briefing.rules']).find((s) => s !== undefined);
  if (!setting) throw new Error('package.json has no briefing.rules setting');
  const properties: Record<string, unknown> = {};
  for (const rule of rules) {
    const when = rule.onlyWhen ? ` Reported only ${linkSettings(rule.onlyWhen)}.` : '';
    properties[rule.code] = {
      type: 'string',
      enum: SETTING_VALUES,
      enumDescriptions: SETTING_VALUE_DESCRIPTIONS,
      default: rule.severity,
      markdownDescription: `\`${rule.code}\`: ${linkSettings(rule.description)}${when}`,
    };
  }
  setting.properties = properties;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The Markdown with the table between its markers written from the rules; pages are linked as `<linkPrefix><code>.md`. */
export function withRuleTable(markdown: string, rules: readonly RuleDefinition[], linkPrefix: string): string {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`the rules table needs the lines\n${TABLE_START}\n${TABLE_END}`);
  const rows = rules.map(
    (rule) =>
      `| [\`${rule.code}\`](${linkPrefix}${rule.code}.md) | ${rule.severity}${rule.onlyWhen ? `, ${rule.onlyWhen}` : ''} | ${rule.description} |`,
  );
  const table = ['| code | default | finds |', '| --- | --- | --- |', ...rows].join('\n');
  return `${markdown.slice(0, start + TABLE_START.length)}\n${table}\n${markdown.slice(end)}`;
}

/**
 * A rule's page with its head written from the rule: the title, the one-line description,
 * and the default severity with the setting. The head ends at the `Default severity:` line.
 */
export function withPageHead(page: string, rule: RuleDefinition): string {
  const end = /^Default severity:.*$/m.exec(page);
  if (!end) throw new Error(`docs/rules/${rule.code}.md has no "Default severity:" line`);
  const severity = `**${rule.severity}**${rule.onlyWhen ? `, reported only ${rule.onlyWhen}` : ''}`;
  const head = [
    `# \`${rule.code}\``,
    '',
    rule.description,
    '',
    `Default severity: ${severity} · Setting: \`"briefing.rules": { "${rule.code}": "${rule.severity}" }\``,
  ].join('\n');
  return head + page.slice(end.index + end[0].length);
}
