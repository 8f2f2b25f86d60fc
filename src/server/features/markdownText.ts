/** Small helpers for writing Markdown in hovers and completion docs. */
import type { FactEntry, SourceEntry } from '../../core/facts/factIndex';
import { describeValue } from '../../core/rules/statistics';

/** Escapes text so Markdown shows it as written (quotes contain `*`, `_`, `[`, `<`, ...). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#~]/g, '\\$&');
}

/** "*Title* — Publisher, 2017-04-13 · [example.org/…](url)" */
export function describeSource(entry: SourceEntry): string {
  const s = entry.source;
  const parts = [`*${escapeMarkdown(s.title)}*`];
  const meta = [s.publisher, s.published].filter((x): x is string => !!x).map(escapeMarkdown).join(', ');
  if (meta) parts.push(`— ${meta}`);
  if (s.url) parts.push(`· [${escapeMarkdown(s.url.replace(/^https?:\/\//, ''))}](${s.url.replace(/[()\s]/g, encodeURIComponent)})`);
  return parts.join(' ');
}

/** A fact's verbatim quote as a block quote, with its value and where in the source. */
export function describeFactQuote(entry: FactEntry): string {
  const f = entry.fact;
  const quote = f.quote
    .split(/\r?\n/)
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join('\n');
  const where = [f.locator, f.asOf ? `as of ${f.asOf}` : undefined].filter(Boolean).join(', ');
  return `${quote}\n\n**${escapeMarkdown(describeValue(f))}**${where ? ` (${escapeMarkdown(where)})` : ''} — \`${f.id}\``;
}
