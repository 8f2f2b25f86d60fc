/**
 * An entry cut down to the fields a source is made of. The field parser decodes every
 * field with a full LaTeX grammar, at about a millisecond an entry; abstracts, file
 * paths, keywords and notes are most of a Zotero export's text and none of a source's.
 * Handing it only the fields that are read makes a large file load several times faster;
 * the values among them that need no LaTeX are read here instead (bibtexPlain.ts).
 *
 * The split follows BibTeX's field syntax (`name = value # value, ...`, values braced,
 * quoted or bare); when an entry does not follow it, undefined is returned and the
 * entry is parsed whole, so that the parser reports what is wrong with it.
 */
import type { BibChunk } from './bibtexScanner';
import { plainFieldValue, type PlainValue } from './bibtexPlain';

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

/** An entry as the parser is given it, and the fields read without it (bibtexPlain.ts). */
export interface SlimEntry {
  /** The entry with only the source fields the parser must read. */
  text: string;
  /** The entry with all its source fields: what a re-read compares to reuse an entry. */
  key: string;
  plain: Record<string, PlainValue>;
}

/** `readPlain`: read plain values here (not when other entries inherit this one's fields through the parser). */
export function slimEntry(text: string, chunk: BibChunk, readPlain: boolean): SlimEntry | undefined {
  const close = chunk.span.end - 1;
  if (!chunk.closed || chunk.key === '') return undefined;
  const kept: string[] = [];
  const parsed: string[] = [];
  const plain: Record<string, PlainValue> = {};
  const seen = new Set<string>();
  let at = skipSpace(text, chunk.keySpan.end, close);
  while (at < close) {
    if (text[at] !== ',') return undefined;
    at = skipSpace(text, at + 1, close);
    if (at >= close) break;
    const nameStart = at;
    at = Math.min(close, skip(FIELD_NAME, text, at));
    const name = text.slice(nameStart, at).toLowerCase();
    at = skipSpace(text, at, close);
    if (name === '' || text[at] !== '=') return undefined;
    const valueStart = skipSpace(text, at + 1, close);
    const valueEnd = skipValue(text, valueStart, close);
    if (valueEnd === undefined) return undefined;
    // The parser keeps a field's first value (it renames the others), and so does this.
    if (SOURCE_FIELDS.has(name) && !seen.has(name)) {
      seen.add(name);
      const field = text.slice(nameStart, valueEnd);
      kept.push(field);
      const value = readPlain ? plainFieldValue(name, text.slice(valueStart, valueEnd)) : undefined;
      if (value === undefined) parsed.push(field);
      // An empty value is no field, as in the parser.
      else if (value.length > 0) plain[name] = value;
    }
    at = skipSpace(text, valueEnd, close);
  }
  const entry = (fields: string[]) => `${text.slice(chunk.span.start, chunk.keySpan.end)},\n  ${fields.join(',\n  ')}\n${text[close]}`;
  return { text: entry(parsed), key: entry(kept), plain };
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
      at = Math.min(close, skip(BARE_VALUE, text, at));
      if (at === start) return undefined;
    }
    const next = skipSpace(text, at, close);
    if (text[next] !== '#') return at;
    at = skipSpace(text, next + 1, close);
  }
}

const FIELD_NAME = /[^\s=,{}()"#]*/y;
const BARE_VALUE = /[^\s,#{}"=]*/y;
const SPACE = /\s*/y;

/** Where the run of `pattern` (a sticky regex that always matches) starting at `at` ends; `test` allocates no match. */
function skip(pattern: RegExp, text: string, at: number): number {
  pattern.lastIndex = at;
  pattern.test(text);
  return pattern.lastIndex;
}

function skipBraced(text: string, at: number, close: number): number | undefined {
  let depth = 1;
  let open = text.indexOf('{', at + 1);
  let shut = text.indexOf('}', at + 1);
  while (shut !== -1 && shut < close) {
    if (open !== -1 && open < shut) {
      depth++;
      open = text.indexOf('{', open + 1);
    } else {
      if (--depth === 0) return shut + 1;
      shut = text.indexOf('}', shut + 1);
    }
  }
  return undefined;
}

function skipSpace(text: string, at: number, close: number): number {
  return Math.min(close, skip(SPACE, text, at));
}
