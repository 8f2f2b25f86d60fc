/**
 * Field values that need no LaTeX: read here, as @retorquere/bibtex-parser would read
 * them, so that the parser (a full LaTeX grammar, most of a large file's load time) is
 * given only the values that do. A value qualifies when it is one braced or quoted
 * string with none of the characters that mean something to LaTeX or to the parser's
 * ligatures (`\`, `$`, `%`, `~`, `<`, `>`, `--`, `''`, ...); anything else is left to
 * the parser. test/core/bibtexPlain.test.ts holds each reading against the parser's.
 */
import type { Creator } from '@retorquere/bibtex-parser';

/** The parser's field modes for the fields a source reads (its FieldMode lists). */
const NAME_LISTS = new Set(['author', 'editor']);
const LITERAL_LISTS = new Set(['publisher', 'institution', 'organization']);
const VERBATIM = new Set(['url', 'doi', 'eprint']);
/** Month names become numbers in the parser: always its reading. */
const PARSER_ONLY = new Set(['month', 'crossref', 'xdata']);

/** Characters and ligatures the parser turns into something else (a comment, a dash, a quote, ¡ ¿, a space). */
const LATEX = /[\\$%~<>^#]|--|''|``|\?`|!`/;
const AND = /\s+and\s+/i;

export type PlainValue = string | string[] | Creator[];

/** The value of field `name` (lower case) written as `raw` (`{...}` or `"..."`), or undefined when the parser must read it. */
export function plainFieldValue(name: string, raw: string): PlainValue | undefined {
  if (PARSER_ONLY.has(name) || raw.length < 2) return undefined;
  const open = raw[0];
  if ((open !== '{' || raw[raw.length - 1] !== '}') && (open !== '"' || raw[raw.length - 1] !== '"')) return undefined;
  if (VERBATIM.has(name)) {
    const inner = raw.slice(1, -1);
    return /[\\{}]/.test(inner) ? undefined : inner.trim();
  }
  // An accent group that starts a name part (`{\"U}ber`) makes BibTeX read the part its own way.
  if (NAME_LISTS.has(name) && /(?:^|[\s,])\{\\/.test(raw.slice(1, -1))) return undefined;
  const inner = decodeAccents(raw.slice(1, -1));
  if (LATEX.test(inner) || (open === '"' && inner.includes('"'))) return undefined;
  if (NAME_LISTS.has(name)) return names(inner);
  if (LITERAL_LISTS.has(name)) return /[{}]/.test(inner) ? undefined : andList(inner);
  // Braces only protect case here (and the parser is told not to), so they go.
  return collapse(inner.replace(/[{}]/g, ''));
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function andList(inner: string): string[] | undefined {
  const parts = collapse(inner).split(AND);
  // `A and` or `and B`: an empty name, which the parser reads its own way.
  return parts.some((part) => part === '' || /^and$|^and\s|\sand$/i.test(part)) ? undefined : parts;
}

/**
 * `Family, Given` or `Given Family`, as BibTeX splits names, for names whose every
 * word of the family part starts with a capital letter: a lower-case word is a `von`
 * particle, a second comma a `Jr.` part, and both are left to the parser.
 */
function names(inner: string): Creator[] | undefined {
  const parts = andList(inner);
  if (!parts) return undefined;
  const creators: Creator[] = [];
  for (const part of parts) {
    // `{World Bank}`: a name not to be split.
    const literal = /^\{([^{}]*)\}$/.exec(part)?.[1];
    if (literal !== undefined && literal.trim() !== '') {
      creators.push({ name: collapse(literal) });
      continue;
    }
    if (/[{}]/.test(part)) return undefined;
    const commas = part.split(',').map((piece) => piece.trim());
    if (commas.length > 2 || commas.some((piece) => piece === '')) return undefined;
    if (commas.length === 2) {
      if (!capitalised(commas[0]!)) return undefined;
      creators.push({ lastName: commas[0]!, firstName: commas[1]! });
      continue;
    }
    const words = part.split(' ');
    if (words.length === 1) {
      creators.push({ lastName: part });
      continue;
    }
    if (!capitalised(part)) return undefined;
    creators.push({ lastName: words[words.length - 1]!, firstName: words.slice(0, -1).join(' ') });
  }
  return creators;
}

/** Every word starts with an upper-case letter. */
function capitalised(text: string): boolean {
  return text.split(/\s+/).every((word) => /^\p{Lu}/u.test(word));
}

/** Combining marks of LaTeX's accent commands (`\\"u` is u with a diaeresis). */
const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030C',
  H: '\u030B',
  c: '\u0327',
  k: '\u0328',
  r: '\u030A',
};
/** `{\\"u}`, `{\\"{u}}`, `\\"{u}`, `\\"u`, `{\\c c}`, `\\c{c}` on an ASCII letter; any other command stays for the parser. */
const ACCENT =
  /\{\\(["'`^~=.])\s*(?:([A-Za-z])|\{([A-Za-z])\})\}|\\(["'`^~=.])(?:([A-Za-z])|\{([A-Za-z])\})|\{\\([uvHckr])(?:\s+([A-Za-z])|\{([A-Za-z])\})\}|\\([uvHckr])\{([A-Za-z])\}/g;

function decodeAccents(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(ACCENT, (...groups: (string | undefined)[]) => {
    const parts = groups.slice(1, 12).filter((part): part is string => part !== undefined);
    return (parts[1]! + ACCENTS[parts[0]!]!).normalize('NFC');
  });
}
