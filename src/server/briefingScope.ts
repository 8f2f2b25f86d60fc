/**
 * Which documents the server checks (docs/README.md#which-files-are-briefings): Markdown files that
 * match `briefing.files`, or whose front matter says `briefing: true` or has `facts:`.
 * An ordinary README.md gets nothing. Fact files are `*.facts.json` or match
 * `briefing.factFiles`.
 */
import picomatch from 'picomatch';
import { basename } from 'node:path';
import { readFrontMatterOf } from '../core';
import type { BriefingSettings } from './settings';
import { uriToPath, type Workspace } from './workspace';

const matchers = new Map<string, (path: string) => boolean>();

/** A cached picomatch matcher for a list of globs. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const key = globs.join('\u0000');
  let matcher = matchers.get(key);
  if (!matcher) {
    // `./x` and `/x` mean the same as `x` to a user writing a workspace-relative glob.
    const cleaned = globs.map((g) => g.replace(/^\.?\//, ''));
    matcher = cleaned.length === 0 ? () => false : picomatch(cleaned, { dot: true });
    matchers.set(key, matcher);
  }
  return matcher;
}

/** Whether `uri` matches `globs`, relative to its workspace folder (or by name, outside any folder). */
export function matchesGlobs(uri: string, globs: readonly string[], workspace: Workspace): boolean {
  const path = uriToPath(uri);
  const matcher = globMatcher(globs);
  if (path === undefined) {
    // Untitled documents: only a glob on the name can apply.
    return matcher(
      uri
        .replace(/^[^:]*:/, '')
        .split('/')
        .pop() ?? '',
    );
  }
  const relative = workspace.relativeToFolder(path);
  return relative !== undefined ? matcher(relative) : matcher(basename(path)) || matcher(path.replace(/^\//, ''));
}

export function isMarkdown(languageId: string, uri: string): boolean {
  return languageId === 'markdown' || /\.(?:md|markdown|mdown|mkd)$/i.test(uri);
}

/** A briefing by name (`briefing.files`) or by front matter (docs/README.md#which-files-are-briefings). */
export function isBriefing(uri: string, languageId: string, text: string, settings: BriefingSettings, workspace: Workspace): boolean {
  if (!isMarkdown(languageId, uri)) return false;
  if (matchesGlobs(uri, settings.files, workspace)) return true;
  return readFrontMatterOf(text).briefing;
}

/** A fact file (any format) or a BibTeX bibliography, by name or by the `briefing.factFiles` globs. */
export function isFactFileUri(uri: string, settings: BriefingSettings, workspace: Workspace): boolean {
  if (/\.facts\.(?:json|ya?ml|csv|tsv|xlsx)$/i.test(uri) || /\.(?:bib|bibtex|biblatex)$/i.test(uri)) return true;
  return /\.json$/i.test(uri) && matchesGlobs(uri, settings.factFiles, workspace);
}
