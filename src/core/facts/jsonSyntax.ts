/**
 * JSON syntax errors of a fact file, from jsonc-parser's error-recovering parser, as
 * messages a person can act on ("a comma is missing", not "CommaExpected").
 */
// The ESM build: the package's "main" is a UMD build whose internal require() calls
// esbuild cannot follow, so a bundle importing 'jsonc-parser' fails when it runs.
import { parseTree, printParseErrorCode, type Node, type ParseError, type ParseOptions } from 'jsonc-parser/lib/esm/main.js';
import type { Span } from '../types';

/** Fact files are strict JSON (SPEC): no comments, no trailing commas. */
export const STRICT_JSON: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** Beyond this many, further syntax errors of a file (say, a binary file) are not reported. */
const MAX_SYNTAX_ERRORS = 50;

export interface SyntaxProblem {
  span: Span;
  message: string;
}

/** Parses text that is not valid JSON: the tree jsonc-parser could recover, and what is wrong. */
export function parseBrokenJson(text: string): { tree: Node | undefined; problems: SyntaxProblem[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, STRICT_JSON);
  const problems = withoutCascades(text, errors)
    .slice(0, MAX_SYNTAX_ERRORS)
    .map((error) => describeSyntaxError(text, error));
  return { tree, problems };
}

/**
 * After one error the recovering parser often reports more at or right after it, or
 * further along the same line, which are consequences of the first (`'x'` gives
 * "invalid symbol" then "value expected"). Keeps the first error of each such run.
 */
function withoutCascades(text: string, errors: ParseError[]): ParseError[] {
  const kept: ParseError[] = [];
  let previous: ParseError | undefined;
  for (const error of errors) {
    if (!previous || !isCascade(text, previous, error)) kept.push(error);
    previous = error;
  }
  return kept;
}

function isCascade(text: string, previous: ParseError, error: ParseError): boolean {
  const previousEnd = previous.offset + previous.length;
  if (error.offset <= previousEnd + 1) return true;
  const lineEnd = text.indexOf('\n', previousEnd);
  return lineEnd === -1 || error.offset <= lineEnd;
}

function describeSyntaxError(text: string, error: ParseError): SyntaxProblem {
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
      if (text.trim() === '') return problem('The file is empty: a fact file is a JSON object, e.g. {"sources": {}, "facts": []}');
      if (isAtEnd(text, error.offset)) return problem('Unexpected end of file: a value is missing');
      return problem(code === 'ValueExpected' ? 'Expected a value' : 'Expected a property name in double quotes');
    }
    case 'CloseBraceExpected':
      return problem(isAtEnd(text, error.offset) ? 'Unexpected end of file: a "}" is missing' : 'Expected "," or "}"');
    case 'CloseBracketExpected':
      return problem(isAtEnd(text, error.offset) ? 'Unexpected end of file: a "]" is missing' : 'Expected "," or "]"');
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
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : undefined;
}

function isAtEnd(text: string, offset: number): boolean {
  return text.slice(offset).trim() === '';
}
