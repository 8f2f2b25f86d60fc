/**
 * Reading a fact file that is not valid JSON: its syntax errors, as messages a person
 * can act on ("a comma is missing", not "CommaExpected"), and where its sources and
 * facts are, so that the entries without errors can still be loaded.
 *
 * This walks jsonc-parser's error-recovering parser with a visitor rather than
 * building its syntax tree: a tree of a 40 MB file takes several hundred megabytes.
 */
// The ESM build: the package's "main" is a UMD build whose internal require() calls
// esbuild cannot follow, so a bundle importing 'jsonc-parser' fails when it runs.
import { printParseErrorCode, visit, type ParseError, type ParseErrorCode, type ParseOptions } from 'jsonc-parser/lib/esm/main.js';
import type { Span } from '../types';
import type { Member } from './jsonOutline';

/** Fact files are strict JSON (docs/fact-files.md#problems-in-a-fact-file): no comments, no trailing commas. */
export const STRICT_JSON: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** Beyond this many, further syntax errors of a file (say, a binary file) are not reported. */
const MAX_SYNTAX_ERRORS = 50;

export interface SyntaxProblem {
  span: Span;
  message: string;
}

export interface BrokenJson {
  problems: SyntaxProblem[];
  /** The members of the last root "sources" object, as far as they could be read. */
  sources: Member[];
  /** The elements of the last root "facts" array, as far as they could be read. */
  facts: Span[];
}

/** Reads text that JSON.parse rejected: what is wrong with it, and where its entries are. */
export function readBrokenJson(text: string): BrokenJson {
  const layout = new LayoutVisitor();
  const errors: ParseError[] = [];
  visit(
    text,
    {
      onObjectBegin: (offset) => layout.begin(offset, 'object'),
      onArrayBegin: (offset) => layout.begin(offset, 'array'),
      onObjectEnd: (offset, length) => layout.end(offset + length),
      onArrayEnd: (offset, length) => layout.end(offset + length),
      onLiteralValue: (_value, offset, length) => layout.literal(offset, offset + length),
      onObjectProperty: (property, offset, length) => layout.property(property, { start: offset, end: offset + length }),
      onError: (error: ParseErrorCode, offset, length) => errors.push({ error, offset, length }),
    },
    STRICT_JSON,
  );
  // Where the content ends; an error at or after it is "unexpected end of file".
  const contentEnd = text.trimEnd().length;
  const problems = withoutCascades(text, closersFirstAtEnd(errors, contentEnd))
    .slice(0, MAX_SYNTAX_ERRORS)
    .map((error) => describeSyntaxError(text, contentEnd, error));
  return { problems, sources: layout.sources, facts: layout.facts };
}

/**
 * Follows the parser's events to find the entries of "sources" and "facts": values
 * two levels down, inside the root member being read. jsonc-parser ends every
 * object and array it begins, even when the closing bracket is missing.
 */
class LayoutVisitor {
  sources: Member[] = [];
  facts: Span[] = [];
  /** How many objects and arrays are open; root members are at depth 1, entries at 2. */
  private depth = 0;
  private rootKey: string | undefined;
  /** The root member whose entries are being read, if it is "sources" (an object) or "facts" (an array). */
  private section: 'sources' | 'facts' | undefined;
  private sourceKey: { key: string; keySpan: Span } | undefined;
  private entryStart = 0;

  begin(offset: number, kind: 'object' | 'array'): void {
    if (this.depth === 1) this.openSection(kind);
    else if (this.depth === 2) this.entryStart = offset;
    this.depth++;
  }

  end(end: number): void {
    this.depth--;
    if (this.depth === 2) this.endEntry(end);
    else if (this.depth === 1) this.section = undefined;
  }

  literal(start: number, end: number): void {
    if (this.depth !== 2) return;
    this.entryStart = start;
    this.endEntry(end);
  }

  property(key: string, keySpan: Span): void {
    if (this.depth === 1) this.rootKey = key;
    else if (this.depth === 2) this.sourceKey = { key, keySpan };
  }

  /** A root member's value opens; like JSON.parse, a repeated key's last value wins. */
  private openSection(kind: 'object' | 'array'): void {
    if (this.rootKey === 'sources' && kind === 'object') {
      this.section = 'sources';
      this.sources = [];
    } else if (this.rootKey === 'facts' && kind === 'array') {
      this.section = 'facts';
      this.facts = [];
    }
  }

  private endEntry(end: number): void {
    const span = { start: this.entryStart, end };
    if (this.section === 'facts') this.facts.push(span);
    else if (this.section === 'sources' && this.sourceKey) this.sources.push({ ...this.sourceKey, valueSpan: span });
    this.sourceKey = undefined;
  }
}

/**
 * A file cut short gets several errors at its end ("property name expected", "}
 * expected", "] expected"); the innermost missing closer says best what is wrong.
 */
function closersFirstAtEnd(errors: ParseError[], contentEnd: number): ParseError[] {
  const closer = errors.find((e) => isCloser(e) && e.offset >= contentEnd);
  if (!closer) return errors;
  return errors.filter((e) => e === closer || e.offset < contentEnd);
}

function isCloser(error: ParseError): boolean {
  const code = printParseErrorCode(error.error);
  return code === 'CloseBraceExpected' || code === 'CloseBracketExpected';
}

/**
 * After one error the recovering parser often reports more right after it or further
 * along the same line, which are consequences of the first (`'x'` gives "invalid
 * symbol" then "value expected"). Keeps the first error of each such run. Linear:
 * each search for a line end starts after the previous one.
 */
function withoutCascades(text: string, errors: ParseError[]): ParseError[] {
  const kept: ParseError[] = [];
  let runEnd = -1;
  for (const error of errors) {
    if (error.offset > runEnd) kept.push(error);
    const end = error.offset + error.length;
    if (end >= runEnd) {
      const lineEnd = text.indexOf('\n', end);
      runEnd = Math.max(end + 1, lineEnd === -1 ? text.length : lineEnd);
    }
  }
  return kept;
}

function describeSyntaxError(text: string, contentEnd: number, error: ParseError): SyntaxProblem {
  const span = { start: error.offset, end: error.offset + error.length };
  const token = text.slice(span.start, Math.min(span.end, span.start + 30));
  const problem = (message: string, at: Span = span): SyntaxProblem => ({ span: at, message });
  const code = printParseErrorCode(error.error);
  switch (code) {
    case 'PropertyNameExpected':
    case 'ValueExpected': {
      const comma = trailingCommaBefore(text, error.offset);
      if (comma !== undefined) {
        return problem(`Trailing comma: JSON allows no "," before "${text[error.offset]}"`, { start: comma, end: comma + 1 });
      }
      if (contentEnd === 0) return problem('The file is empty: a fact file is a JSON object, e.g. {"sources": {}, "facts": []}');
      if (error.offset >= contentEnd) return problem('Unexpected end of file: a value is missing');
      return problem(code === 'ValueExpected' ? 'Expected a value' : 'Expected a property name in double quotes');
    }
    case 'CloseBraceExpected':
      return problem(error.offset >= contentEnd ? 'Unexpected end of file: a "}" is missing' : 'Expected "," or "}"');
    case 'CloseBracketExpected':
      return problem(error.offset >= contentEnd ? 'Unexpected end of file: a "]" is missing' : 'Expected "," or "]"');
    case 'CommaExpected':
      return problem('Expected ",": a comma is missing before this');
    case 'ColonExpected':
      return problem('Expected ":" after the property name');
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return problem('Comments are not allowed in JSON');
    case 'UnexpectedEndOfString':
      return problem('Unterminated string: the closing " is missing (a string cannot span lines)');
    case 'InvalidSymbol':
      return problem(
        token.startsWith("'") ? 'JSON strings and keys need double quotes, not single quotes' : `Unexpected ${JSON.stringify(token)}`,
      );
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return problem(`Invalid number ${JSON.stringify(token)}`);
    case 'InvalidUnicode':
      return problem('Invalid \\u escape: it needs four hex digits');
    case 'InvalidEscapeCharacter':
      return problem('Invalid escape in string: only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX are allowed');
    case 'InvalidCharacter':
      return problem('Control characters such as tabs and line breaks must be escaped in strings (\\t, \\n)');
    case 'EndOfFileExpected':
      return problem('Unexpected text after the end of the JSON value');
    default:
      return problem(`Invalid JSON (${code})`);
  }
}

/** The offset of a "," that directly precedes the `}` or `]` at `offset`, if there is one. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  const closer = text[offset];
  if (closer !== '}' && closer !== ']') return undefined;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text.charAt(i))) i--;
  return text[i] === ',' ? i : undefined;
}
