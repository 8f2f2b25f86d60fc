/**
 * Check All Briefings: find every briefing of the workspace (by `briefing.files` or
 * front matter) and check those that are not open, publishing their diagnostics so the
 * Problems panel lists the whole workspace. The client calls it in batches, to show
 * progress and to be cancellable.
 */
import { readFile } from 'node:fs/promises';
import { glob } from 'tinyglobby';
import { readFrontMatterOf } from '../../core';
import type { CheckFilesArgs, CheckFilesResult } from '../../shared/protocol';
import type { Analyzer } from '../analysis';
import { matchesGlobs } from '../briefingScope';
import { pathToUri, uriToPath } from '../workspace';
import type { DiagnosticsFeature } from './diagnostics';
import { DiagnosticSeverity } from 'vscode-languageserver';

const MARKDOWN = ['**/*.md', '**/*.markdown'];
const IGNORE = ['**/node_modules/**', '**/.git/**'];

export async function listBriefings(analyzer: Analyzer): Promise<string[]> {
  const found: string[] = [];
  for (const folder of analyzer.workspace.all()) {
    const files = (await glob(MARKDOWN, { cwd: folder, absolute: true, ignore: IGNORE, dot: false })).sort();
    for (const file of files) {
      const uri = pathToUri(file);
      const settings = await analyzer.settings.get(uri);
      if (matchesGlobs(uri, settings.files, analyzer.workspace)) {
        found.push(uri);
        continue;
      }
      // Front matter is at the top; a briefing by front matter needs its text read.
      const text = await readFile(file, 'utf8').catch(() => '');
      if (readFrontMatterOf(text.replace(/^\uFEFF/, '')).briefing) found.push(uri);
    }
  }
  return found;
}

export async function checkFiles(analyzer: Analyzer, diagnostics: DiagnosticsFeature, args: CheckFilesArgs): Promise<CheckFilesResult> {
  const result: CheckFilesResult = { checked: 0, errors: 0, warnings: 0, infos: 0 };
  const factFiles = new Set<string>();
  const count = (severity: DiagnosticSeverity | undefined) => {
    if (severity === DiagnosticSeverity.Error) result.errors++;
    else if (severity === DiagnosticSeverity.Warning) result.warnings++;
    else result.infos++;
  };
  for (const uri of args.uris ?? []) {
    if (analyzer.documents.get(uri)) {
      // Open documents have their own, live diagnostics; count them without publishing twice.
      const live = await diagnostics.diagnostics(uri).catch(() => []);
      live.forEach((d) => count(d.severity));
      result.checked++;
      continue;
    }
    const path = uriToPath(uri);
    if (!path) continue;
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const analysis = await analyzer.analyzeText(uri, text.replace(/^\uFEFF/, ''));
    if (!analysis) continue;
    diagnostics.publishUnopened(analysis).forEach((d) => count(d.severity));
    result.checked++;
    for (const file of analysis.factFiles) factFiles.add(file);
  }
  // The fact files' own problems, so that a broken file is counted and listed, not just hinted at.
  for (const path of [...factFiles].sort()) {
    const uri = pathToUri(path);
    const found = await diagnostics.factFileProblems(uri, path);
    if (found.length === 0) continue;
    const tally = { errors: 0, warnings: 0, infos: 0 };
    for (const d of found) {
      if (d.severity === DiagnosticSeverity.Error) tally.errors++;
      else if (d.severity === DiagnosticSeverity.Warning) tally.warnings++;
      else tally.infos++;
    }
    (result.factFiles ??= {})[uri] = tally;
  }
  return result;
}
