/**
 * The outline: headings, nested by level (unless the client has them from elsewhere, as
 * VS Code does), and a "Notes" group listing every note definition.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { Analysis } from '../analysis';
import { toRange } from '../convert';

export function documentSymbols(analysis: Analysis, headings = true): DocumentSymbol[] {
  const { document, result } = analysis;
  const { model } = result;
  const text = document.getText();
  const roots: DocumentSymbol[] = [];
  const stack: { depth: number; symbol: DocumentSymbol }[] = [];
  if (headings)
    model.headings.forEach((heading, i) => {
      // A heading's section runs to the next heading of the same or a higher level.
      const next = model.headings.slice(i + 1).find((h) => h.depth <= heading.depth);
      let end = next ? next.span.start : text.length;
      while (end > heading.span.end && /\s/.test(text[end - 1]!)) end--;
      const symbol: DocumentSymbol = {
        name: heading.text.trim() || '(empty heading)',
        kind: SymbolKind.String,
        range: toRange(document, { start: heading.span.start, end }),
        selectionRange: toRange(document, heading.span),
        children: [],
      };
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= heading.depth) stack.pop();
      (stack.length > 0 ? stack[stack.length - 1]!.symbol.children! : roots).push(symbol);
      stack.push({ depth: heading.depth, symbol });
    });
  const defs = model.defs;
  if (defs.length > 0) {
    const start = Math.min(...defs.map((d) => d.span.start));
    const end = Math.max(...defs.map((d) => d.span.end));
    roots.push({
      name: 'Notes',
      detail: `${defs.length} ${defs.length === 1 ? 'note' : 'notes'}`,
      kind: SymbolKind.Namespace,
      range: toRange(document, { start, end }),
      selectionRange: toRange(document, defs.find((d) => d.span.start === start)!.labelSpan),
      children: defs.map((def) => ({
        name: def.namespace === 'footnote' ? `[^${def.label}]` : `[${def.label}]`,
        detail: def.text.trim().replace(/\s+/g, ' ').slice(0, 80),
        kind: SymbolKind.Key,
        range: toRange(document, def.span),
        selectionRange: toRange(document, def.labelSpan),
      })),
    });
  }
  return roots;
}
