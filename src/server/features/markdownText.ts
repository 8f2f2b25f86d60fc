/** Small helpers for writing Markdown in hovers and completion docs. */
import { type BibEntry, describeValue, entryLink, type FactEntry, formatNames, type SourceEntry, type Span } from '../../core';

/** ASCII punctuation: the characters CommonMark lets a backslash escape. */
const PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Escapes text so Markdown shows it as written, with a backslash only where the
 * character would otherwise start markup. Clients differ in how they show an escape:
 * VS Code and Helix hide it, Neovim's hover window shows it as typed, so `Note \[^1\]`
 * would be noise in every quote. Emphasis needs a pair of delimiters, a link a `](`, a
 * tag a `<` before a letter, and headings, quotes and lists a line start.
 */
export function escapeMarkdown(text: string): string {
  const count = (c: string) => text.split(c).length - 1;
  const paired = { '*': count('*') >= 2, _: count('_') >= 2, '~': count('~') >= 2 };
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1] ?? '';
    const prev = text[i - 1] ?? '';
    let escape = false;
    if (c === '\\') escape = PUNCTUATION.test(next);
    else if (c === '`') escape = true;
    else if (c === '*' || c === '~') escape = paired[c];
    // `_` inside a word (snake_case) never emphasises.
    else if (c === '_') escape = paired._ && !(/\w/.test(prev) && /\w/.test(next));
    else if (c === ']') escape = next === '(' || next === '[';
    else if (c === '<') escape = /[A-Za-z/!?]/.test(next);
    else if (c === '&') escape = /^&#?[A-Za-z0-9]+;/.test(text.slice(i));
    out += escape ? `\\${c}` : c;
  }
  return escapeLineStarts(out);
}

/**
 * What only a line start makes markup: a heading (`# `), a quote (`>`), a list item
 * (`- `, `1. `), and a line of `-`, `=`, `*` or `_` alone (a rule or a heading underline).
 */
const LINE_START_MARKUP = /^( {0,3})(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|[-=*_][-=*_\s]*$)/gm;

function escapeLineStarts(text: string): string {
  return text.replace(LINE_START_MARKUP, (_whole, indent: string, mark: string) => {
    // Escape the `.` of `1.`, else the first character.
    const at = /^\d/.test(mark) ? mark.length - 1 : 0;
    return `${indent}${mark.slice(0, at)}\\${mark.slice(at)}`;
  });
}

/** Inline code showing `text` exactly: a backtick run longer than any inside it. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** "*Title* — Publisher, 2017-04-13 · [example.org/…](url)" */
export function describeSource(entry: SourceEntry): string {
  if (entry.bib) return describeBibEntry(entry.bib);
  const s = entry.source;
  const parts = [`*${escapeMarkdown(s.title)}*`];
  const meta = [s.publisher, s.published]
    .filter((x): x is string => !!x)
    .map(escapeMarkdown)
    .join(', ');
  if (meta) parts.push(`— ${meta}`);
  if (s.url) parts.push(`· [${escapeMarkdown(s.url.replace(/^https?:\/\//, ''))}](${s.url.replace(/[()\s]/g, encodeURIComponent)})`);
  return parts.join(' ');
}

/** A bibliography entry as a reference list gives it: authors (year). *Title*. Container. Publisher. Link. */
function describeBibEntry(entry: BibEntry): string {
  const names = formatNames(entry.authors.length > 0 ? entry.authors : entry.editors);
  const year = entry.issued?.year ?? entry.issued?.text;
  const head = [names, year === undefined ? '' : `(${year})`].filter(Boolean).join(' ');
  const parts = [
    head && `${escapeMarkdown(head)}.`,
    entry.title && `*${escapeMarkdown(entry.title)}*.`,
    entry.containerTitle && `${escapeMarkdown(entry.containerTitle)}.`,
    entry.publisher && `${escapeMarkdown(entry.publisher)}.`,
  ];
  const link = entryLink(entry);
  if (link)
    parts.push(
      `[${escapeMarkdown(entry.doi && !entry.url ? `doi:${entry.doi}` : link.replace(/^https?:\/\//, ''))}](${link.replace(/[()\s]/g, encodeURIComponent)})`,
    );
  return parts.filter(Boolean).join(' ');
}

/** A fact's verbatim quote as a block quote, with its value and where in the source. */
export function describeFactQuote(entry: FactEntry, marked?: Span): string {
  const f = entry.fact;
  // The figure of the quote that backs the text, when it is not the fact's own value, in bold.
  const text = marked
    ? `${escapeMarkdown(f.quote.slice(0, marked.start))}**${escapeMarkdown(f.quote.slice(marked.start, marked.end))}**${escapeMarkdown(f.quote.slice(marked.end))}`
    : escapeMarkdown(f.quote);
  const quote = text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
  const where = [f.locator, f.asOf ? `as of ${f.asOf}` : undefined].filter(Boolean).join(', ');
  return `${quote}\n\n**${escapeMarkdown(describeValue(f))}**${where ? ` (${escapeMarkdown(where)})` : ''} — \`${f.id}\``;
}
