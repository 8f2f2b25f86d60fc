/**
 * An entry cut down to the fields a source is made of. The field parser decodes every
 * field with a full LaTeX grammar, at about a millisecond an entry; abstracts, file
 * paths, keywords and notes are most of a Zotero export's text and none of a source's.
 * Handing it only the fields that are read makes a large file load several times faster.
 *
 * The split follows BibTeX's field syntax (`name = value # value, ...`, values braced,
 * quoted or bare); when an entry does not follow it, undefined is returned and the
 * entry is parsed whole, so that the parser reports what is wrong with it.
 */
import type { BibChunk } from './bibtexScanner';

/** The fields bibtexFields.ts reads, and those that bring others in (crossref, xdata). */
export const SOURCE_FIELDS = new Set([
  ...['', 'sub', 'addon'].flatMap((part) =>
    ['', 'main', 'book', 'journal', 'issue'].map((prefix) => (part === 'addon' ? `${prefix}titleaddon` : `${prefix}${part}title`)),
  ),
  'journal',
  'author',
  'editor',
  'publisher',
  'institution',
  'school',
  'organization',
  'date',
  'year',
  'month',
  'url',
  'doi',
  'eprint',
  'eprinttype',
  'archiveprefix',
  'crossref',
  'xdata',
]);

export function slimEntry(text: string, chunk: BibChunk): string | undefined {
  const close = chunk.span.end - 1;
  if (!chunk.closed || chunk.key === '') return undefined;
  const kept: string[] = [];
  let at = skipSpace(text, chunk.keySpan.end, close);
  while (at < close) {
    if (text[at] !== ',') return undefined;
    at = skipSpace(text, at + 1, close);
    if (at >= close) break;
    const nameStart = at;
    while (at < close && /[^\s=,{}()"#]/.test(text[at]!)) at++;
    const name = text.slice(nameStart, at).toLowerCase();
    at = skipSpace(text, at, close);
    if (name === '' || text[at] !== '=') return undefined;
    const valueEnd = skipValue(text, skipSpace(text, at + 1, close), close);
    if (valueEnd === undefined) return undefined;
    if (SOURCE_FIELDS.has(name)) kept.push(text.slice(nameStart, valueEnd));
    at = skipSpace(text, valueEnd, close);
  }
  return `${text.slice(chunk.span.start, chunk.keySpan.end)},\n  ${kept.join(',\n  ')}\n${text[close]}`;
}

/** The end of the value starting at `at`: parts joined by `#`; undefined when it is not one. */
function skipValue(text: string, at: number, close: number): number | undefined {
  for (;;) {
    const c = text[at];
    if (c === '{') {
      const end = skipBraced(text, at, close);
      if (end === undefined) return undefined;
      at = end;
    } else if (c === '"') {
      let depth = 0;
      let i = at + 1;
      for (; i < close; i++) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}') depth--;
        else if (text[i] === '"' && depth === 0) break;
      }
      if (i >= close) return undefined;
      at = i + 1;
    } else {
      const start = at;
      while (at < close && /[^\s,#{}"=]/.test(text[at]!)) at++;
      if (at === start) return undefined;
    }
    const next = skipSpace(text, at, close);
    if (text[next] !== '#') return at;
    at = skipSpace(text, next + 1, close);
  }
}

function skipBraced(text: string, at: number, close: number): number | undefined {
  let depth = 0;
  for (let i = at; i < close; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return undefined;
}

function skipSpace(text: string, at: number, close: number): number {
  while (at < close && /\s/.test(text[at]!)) at++;
  return at;
}
