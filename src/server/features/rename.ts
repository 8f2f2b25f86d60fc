/**
 * Rename of a GFM footnote label: every reference and the definition. Numbered
 * endnotes are positional (their number is their place in the notes list), so they are
 * renumbered, not renamed.
 */
import { ResponseError, ErrorCodes, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import { toRange, touches } from '../convert';
import type { Span } from '../../core';

/** What GFM accepts inside `[^...]`: no whitespace, no brackets, no caret. */
const VALID_LABEL = /^[^\s[\]^]+$/;

interface LabelSite {
  key: string;
  label: string;
  /** The label text alone, inside `[^` and `]` / `]:`. */
  span: Span;
}

function labelSites(analysis: Analysis): LabelSite[] {
  const { model } = analysis.result;
  const sites: LabelSite[] = [];
  for (const ref of model.refs) {
    if (ref.namespace === 'footnote' && ref.form === 'gfm')
      sites.push({ key: ref.key, label: ref.label, span: { start: ref.span.start + 2, end: ref.span.end - 1 } });
  }
  for (const def of model.defs) {
    if (def.namespace === 'footnote' && def.form === 'gfm')
      sites.push({ key: def.key, label: def.label, span: { start: def.labelSpan.start + 2, end: def.labelSpan.end - 2 } });
  }
  return sites;
}

function siteAt(analysis: Analysis, position: Position): LabelSite | undefined {
  const offset = analysis.document.offsetAt(position);
  // Anywhere on `[^label]` (or `[^label]:`) counts, not only on the label itself.
  return labelSites(analysis).find((s) => touches({ start: s.span.start - 2, end: s.span.end + 1 }, offset));
}

export function prepareRename(analysis: Analysis, position: Position): { range: Range; placeholder: string } | null {
  const site = siteAt(analysis, position);
  return site ? { range: toRange(analysis.document, site.span), placeholder: site.label } : null;
}

export function rename(analysis: Analysis, position: Position, newName: string): WorkspaceEdit | null {
  const site = siteAt(analysis, position);
  if (!site) return null;
  const name = newName
    .trim()
    .replace(/^\[?\^/, '')
    .replace(/\]:?$/, '');
  if (!VALID_LABEL.test(name)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `"${newName}" cannot be a footnote label: use no spaces, brackets or "^".`);
  }
  const sites = labelSites(analysis);
  // GFM labels compare case-insensitively; renaming onto another note would merge the two.
  const newKey = name.toLowerCase();
  if (newKey !== site.key && sites.some((s) => s.key === newKey)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `Note [^${name}] already exists.`);
  }
  const edits: TextEdit[] = sites
    .filter((s) => s.key === site.key)
    .map((s) => ({ range: toRange(analysis.document, s.span), newText: name }));
  return { changes: { [analysis.uri]: edits } };
}
