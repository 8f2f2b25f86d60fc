/**
 * Document links: the paths of a briefing's front matter `bibliography:` and `facts:`
 * open the file they name (relative to the briefing, as the checker reads them).
 */
import { dirname, resolve } from 'node:path';
import type { DocumentLink } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { frontMatterFactEntries } from '../../core';
import { toRange } from '../convert';
import { pathToUri, uriToPath } from '../workspace';

export function documentLinks(document: TextDocument): DocumentLink[] {
  const path = uriToPath(document.uri);
  if (!path) return [];
  const { entries, bibliographies } = frontMatterFactEntries(document.getText());
  return [...bibliographies, ...entries].map((entry) => ({
    range: toRange(document, entry.span),
    target: pathToUri(resolve(dirname(path), entry.value)),
    tooltip: 'Open',
  }));
}
