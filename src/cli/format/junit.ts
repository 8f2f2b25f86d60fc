import type { Report } from '../report';

/** XML 1.0 text: the five escapes, and no control character XML forbids. */
function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML for CI dashboards (GitLab, Jenkins, Azure Pipelines): one test suite per
 * checked file, one failed test case per finding, and one passed test case for a file
 * without findings, so clean briefings count too.
 */
export function formatJunit(reports: Report[], checkedFiles: string[]): string {
  const byFile = new Map<string, Report[]>();
  for (const file of checkedFiles) byFile.set(file, []);
  for (const r of reports) {
    let list = byFile.get(r.file);
    if (!list) byFile.set(r.file, (list = []));
    list.push(r);
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="briefing-check" tests="${reports.length + [...byFile.values()].filter((l) => l.length === 0).length}" failures="${reports.length}">`,
  ];
  for (const [file, list] of byFile) {
    lines.push(`  <testsuite name="${xml(file)}" tests="${Math.max(list.length, 1)}" failures="${list.length}" errors="0">`);
    if (list.length === 0) lines.push(`    <testcase classname="${xml(file)}" name="briefing-check"/>`);
    for (const r of list) {
      lines.push(
        `    <testcase classname="${xml(file)}" name="${r.line}:${r.column} ${xml(r.code)}" file="${xml(file)}" line="${r.line}">`,
        `      <failure type="${r.severity}" message="${xml(r.message)}">${xml(`${file}:${r.line}:${r.column}: ${r.severity} ${r.message} (${r.code})`)}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}
