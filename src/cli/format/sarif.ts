import { RULES, ruleDocUrl, type RuleCode } from '../../core/codes';
import type { Report } from '../report';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0 for code-scanning upload; columns are UTF-16 code units, SARIF's default. */
export function formatSarif(reports: Report[], version: string): string {
  const codes = Object.keys(RULES) as RuleCode[];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'briefing-check',
            version,
            informationUri: 'https://www.npmjs.com/package/briefing-check',
            rules: codes.map((code) => ({
              id: code,
              shortDescription: { text: RULES[code].description },
              helpUri: ruleDocUrl(code),
              defaultConfiguration: { level: LEVEL[RULES[code].severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.map((r) => ({
          ruleId: r.code,
          ruleIndex: codes.indexOf(r.code as RuleCode),
          level: LEVEL[r.severity],
          message: { text: r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.file.split('\\').map(encodeURIComponent).join('/').replace(/%2F/g, '/') },
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
            },
          ],
          ...(r.factId ? { properties: { factId: r.factId } } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
