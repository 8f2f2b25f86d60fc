// Tests the TextMate injection grammar (syntaxes/briefing.injection.tmLanguage.json)
// with the real tokenizer VS Code uses (vscode-textmate + vscode-oniguruma), and the
// snippet file (snippets/briefing.code-snippets).
//
// VS Code's Markdown grammar is not installed here, so the injection is applied to a
// small stand-in for `text.html.markdown`, written below. It has the scope names VS
// Code's grammar gives the constructs the injection selector excludes (fenced, indented
// and inline code, HTML comments, front matter, headings) and works the same way where
// it matters: inline text lives in `meta.paragraph.markdown` blocks (also inside quotes
// and list items) that begin at the first non-blank character of a line, and a link
// definition and a shortcut link rule compete with the injection for `[...]` at the
// same position. Code and the other excluded constructs are begin/end (or begin/while)
// rules in the stand-in, so the tokenizer would run the injection inside them if the
// selector did not exclude them; `*emphasis*` is one too and is not excluded, as a
// control.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const root = process.cwd();
const GRAMMAR_PATH = join(root, 'syntaxes', 'briefing.injection.tmLanguage.json');
const SNIPPETS_PATH = join(root, 'snippets', 'briefing.code-snippets');
const WASM_PATH = join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');

const markdownStandIn = {
  scopeName: 'text.html.markdown',
  patterns: [{ include: '#frontMatter' }, { include: '#block' }],
  repository: {
    frontMatter: {
      begin: '\\A---[ \\t]*$',
      end: '(^|\\G)(---|\\.\\.\\.)[ \\t]*$',
      contentName: 'meta.embedded.block.frontmatter',
    },
    block: {
      patterns: [
        { include: '#heading' },
        { include: '#blockquote' },
        { include: '#list' },
        { include: '#fenced_code_block' },
        { include: '#raw_block' },
        { include: '#link-def' },
        { include: '#html_comment' },
        { include: '#paragraph' },
      ],
    },
    heading: {
      name: 'markup.heading.markdown',
      begin: '(^|\\G)[ ]{0,3}(#{1,6})[ \\t]+',
      beginCaptures: { 2: { name: 'punctuation.definition.heading.markdown' } },
      end: '$',
      patterns: [{ include: '#inline' }],
    },
    blockquote: {
      name: 'markup.quote.markdown',
      begin: '(^|\\G)[ ]{0,3}(>)[ ]?',
      while: '(^|\\G)[ ]{0,3}(>)[ ]?',
      patterns: [{ include: '#block' }],
    },
    list: {
      name: 'markup.list.unnumbered.markdown',
      begin: '(^|\\G)[ ]{0,3}([-*+])[ \\t]',
      while: '(^|\\G)[ ]{2,}(?=\\S)',
      patterns: [{ include: '#block' }],
    },
    fenced_code_block: {
      name: 'markup.fenced_code.block.markdown',
      begin: '(^|\\G)([ ]{0,3})(`{3,}|~{3,})[^`]*$',
      end: '(^|\\G)[ ]{0,3}(\\3)[ \\t]*$',
    },
    raw_block: {
      name: 'markup.raw.block.markdown',
      begin: '(^|\\G)([ ]{4}|\\t)',
      while: '(^|\\G)([ ]{4}|\\t)',
    },
    'link-def': {
      name: 'meta.link.reference.def.markdown',
      match: '(^|\\G)[ ]{0,3}(\\[)([^\\]]+)(\\])(:)[ \\t]*(\\S+)[ \\t]*$',
      captures: { 6: { name: 'markup.underline.link.markdown' } },
    },
    html_comment: {
      name: 'comment.block.html',
      begin: '<!--',
      end: '-->',
    },
    paragraph: {
      name: 'meta.paragraph.markdown',
      begin: '(^|\\G)[ ]{0,3}(?=\\S)',
      while: '(^|\\G)[ ]{4,}(?=\\S)',
      patterns: [{ include: '#inline' }, { include: '#html_comment' }],
    },
    inline: {
      patterns: [{ include: '#raw' }, { include: '#italic' }, { include: '#link-shortcut' }],
    },
    raw: {
      name: 'markup.inline.raw.string.markdown',
      begin: '(`+)',
      end: '\\1',
    },
    italic: {
      name: 'markup.italic.markdown',
      begin: '\\*(?=\\S)',
      end: '(?<=\\S)\\*',
      patterns: [{ include: '#inline' }],
    },
    'link-shortcut': {
      name: 'meta.link.reference.markdown',
      match: '(\\[)([^\\]\\s]+)(\\])',
    },
  },
};

type Token = [text: string, ...scopes: string[]];
const BASE = 'text.html.markdown';
const P = 'meta.paragraph.markdown';
const STAT = 'constant.numeric.statistic.briefing';
const percentage = (text: string): Token => [text, P, 'meta.statistic.percentage.briefing', STAT];
const points = (text: string): Token => [text, P, 'meta.statistic.percentage-points.briefing', STAT];
const money = (text: string): Token => [text, P, 'meta.statistic.money.briefing', STAT];

let grammar: vsctm.IGrammar;

before(async () => {
  await oniguruma.loadWASM({ data: readFileSync(WASM_PATH) });
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns) as unknown as vsctm.OnigScanner,
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === BASE) return vsctm.parseRawGrammar(JSON.stringify(markdownStandIn), 'markdown.json');
      if (scopeName === 'briefing.injection') return vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
      return null;
    },
    getInjections: (scopeName: string) => (scopeName === BASE ? ['briefing.injection'] : undefined),
  });
  const loaded = await registry.loadGrammar(BASE);
  assert.ok(loaded, 'the stand-in Markdown grammar loads');
  grammar = loaded;
});

/** Tokenizes a document; per line, each token as [text, ...scopes without the root scope]. */
function tokenizeLines(text: string): Token[][] {
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => {
      assert.equal(t.scopes[0], BASE);
      return [line.slice(t.startIndex, t.endIndex), ...t.scopes.slice(1)] as Token;
    });
  });
}

function tokenize(line: string): Token[] {
  const lines = tokenizeLines(line);
  assert.equal(lines.length, 1);
  return lines[0]!;
}

const isBriefing = (token: Token) => token.slice(1).some((scope) => scope.endsWith('.briefing'));

/** The tokens of a line that carry a scope of this grammar. */
function briefingTokens(lines: Token[][]): Token[] {
  return lines.flat().filter(isBriefing);
}

/** Asserts that no part of `text` gets a scope from this grammar. */
function assertNothingHighlighted(text: string): void {
  assert.deepEqual(briefingTokens(tokenizeLines(text)), [], JSON.stringify(text));
}

describe('grammar file', () => {
  test('is an injection grammar into Markdown that leaves code, comments and front matter alone', () => {
    const raw = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8'));
    assert.equal(raw.scopeName, 'briefing.injection');
    const selector: string = raw.injectionSelector;
    assert.match(selector, /^L:text\.html\.markdown /);
    for (const excluded of ['markup.fenced_code', 'markup.inline.raw', 'markup.raw', 'comment', 'meta.embedded.block.frontmatter']) {
      assert.ok(selector.split(' ').includes(`-${excluded}`), `selector excludes ${excluded}`);
    }
    assert.match(raw.comment, /[Cc]ounts of a noun/);
  });
});

describe('Markdown around the injection', () => {
  // A match at the first character of a line must not stop the paragraph from
  // beginning there, or the rest of the line loses Markdown's inline rules.
  test('a statistic at the start of a line, of a quote or of a list item keeps the code span after it', () => {
    const Q = 'markup.quote.markdown';
    const L = 'markup.list.unnumbered.markdown';
    const R = 'markup.inline.raw.string.markdown';
    assert.deepEqual(tokenize('46% of trade, `12% code`'), [
      percentage('46%'),
      [' of trade, ', P],
      ['`', P, R],
      ['12% code', P, R],
      ['`', P, R],
    ]);
    assert.deepEqual(tokenize('> 46% of trade, `12% code`'), [
      ['> ', Q],
      ['46%', Q, P, 'meta.statistic.percentage.briefing', STAT],
      [' of trade, ', Q, P],
      ['`', Q, P, R],
      ['12% code', Q, P, R],
      ['`', Q, P, R],
    ]);
    assert.deepEqual(tokenize('- $2bn in trade, `12% code`'), [
      ['- ', L],
      ['$2bn', L, P, 'meta.statistic.money.briefing', STAT],
      [' in trade, ', L, P],
      ['`', L, P, R],
      ['12% code', L, P, R],
      ['`', L, P, R],
    ]);
    for (const line of ['[^1] and `12% code`', '  [1] and `12% code`', '[@a] and `12% code`']) {
      const tokens = tokenize(line);
      assert.ok(
        tokens.every((t) => t.includes(P)),
        line,
      );
      assert.ok(
        tokens.some((t) => t[0] === '12% code' && t.includes(R) && !isBriefing(t)),
        line,
      );
    }
  });
});

describe('notes', () => {
  test('GFM note reference', () => {
    assert.deepEqual(tokenize('Trade grew.[^cn-1] Then'), [
      ['Trade grew.', P],
      ['[', P, 'meta.note-reference.briefing', 'punctuation.definition.note-reference.begin.briefing'],
      ['^', P, 'meta.note-reference.briefing', 'punctuation.definition.note-reference.caret.briefing'],
      ['cn-1', P, 'meta.note-reference.briefing', 'entity.name.tag.note-reference.briefing'],
      [']', P, 'meta.note-reference.briefing', 'punctuation.definition.note-reference.end.briefing'],
      [' Then', P],
    ]);
  });

  test('a note reference wins over a Markdown shortcut link at the same position', () => {
    const tokens = tokenize('[^2] and [see]');
    assert.deepEqual(tokens[2], ['2', P, 'meta.note-reference.briefing', 'entity.name.tag.note-reference.briefing']);
    assert.deepEqual(tokens.at(-1), ['[see]', P, 'meta.link.reference.markdown']);
  });

  test('note definition label, with the citation key at its start', () => {
    const D = 'meta.note-definition.briefing';
    assert.deepEqual(tokenize('[^3]: @cn-customs-2017q1, table 4.'), [
      ['[', D, 'punctuation.definition.note-definition.begin.briefing'],
      ['^', D, 'punctuation.definition.note-definition.caret.briefing'],
      ['3', D, 'entity.name.tag.note-definition.briefing'],
      [']', D, 'punctuation.definition.note-definition.end.briefing'],
      [':', D, 'punctuation.separator.key-value.note-definition.briefing'],
      [' ', D],
      ['@', D, 'variable.other.citation-key.briefing', 'punctuation.definition.citation-key.briefing'],
      ['cn-customs-2017q1', D, 'variable.other.citation-key.briefing'],
      [', table 4.', D],
    ]);
  });

  test('a one-word note definition is a note, not a Markdown link definition', () => {
    const D = 'meta.note-definition.briefing';
    assert.deepEqual(tokenize('[^a]: @imf-weo').slice(2), [
      ['a', D, 'entity.name.tag.note-definition.briefing'],
      [']', D, 'punctuation.definition.note-definition.end.briefing'],
      [':', D, 'punctuation.separator.key-value.note-definition.briefing'],
      [' ', D],
      ['@', D, 'variable.other.citation-key.briefing', 'punctuation.definition.citation-key.briefing'],
      ['imf-weo', D, 'variable.other.citation-key.briefing'],
    ]);
  });

  test('a note definition covers its continuation lines; its figures and e-mail addresses are not highlighted', () => {
    const D = 'meta.note-definition.briefing';
    const lines = tokenizeLines(
      [
        '[^1]: Customs data, 46% of the total, `46%`, press@customs.example.cn,',
        '    see also @wb-2018 and $2bn.',
        '',
        'Trade rose 46%.',
      ].join('\n'),
    );
    assert.ok(lines[0]!.every((t) => t[1] === D));
    assert.deepEqual(
      lines[0]!.filter((t) => t.slice(2).some((scope) => scope.endsWith('.briefing'))),
      [
        ['[', D, 'punctuation.definition.note-definition.begin.briefing'],
        ['^', D, 'punctuation.definition.note-definition.caret.briefing'],
        ['1', D, 'entity.name.tag.note-definition.briefing'],
        [']', D, 'punctuation.definition.note-definition.end.briefing'],
        [':', D, 'punctuation.separator.key-value.note-definition.briefing'],
      ],
    );
    assert.deepEqual(lines[1], [
      ['    see also ', D],
      ['@', D, 'variable.other.citation-key.briefing', 'punctuation.definition.citation-key.briefing'],
      ['wb-2018', D, 'variable.other.citation-key.briefing'],
      [' and $2bn.', D],
    ]);
    assert.deepEqual(lines[3], [['Trade rose ', P], percentage('46%'), ['.', P]]);
  });

  test('a note definition ends at the next definition and at a heading', () => {
    const lines = tokenizeLines('[^1]: @a.\n[^2]: @b.\n## Notes 46%');
    assert.deepEqual(lines[1]![2], ['2', 'meta.note-definition.briefing', 'entity.name.tag.note-definition.briefing']);
    assert.ok(lines[2]!.every((t) => t[1] === 'markup.heading.markdown' && !isBriefing(t)));
  });

  test('a note definition in a quote', () => {
    const tokens = tokenize('> [^1]: @a, p. 46%');
    assert.ok(tokens.some((t) => t[0] === '1' && t.includes('entity.name.tag.note-definition.briefing')));
    assert.ok(tokens.some((t) => t[0] === 'a' && t.includes('variable.other.citation-key.briefing')));
    assert.ok(!tokens.some((t) => t.includes(STAT)));
  });

  test('bracketed numeric references [1, 2] and [3-5]', () => {
    const N = 'meta.note-reference.numeric.briefing';
    assert.deepEqual(tokenize('Exports fell [1, 2] and [3-5].'), [
      ['Exports fell ', P],
      ['[', P, N, 'punctuation.definition.note-reference.begin.briefing'],
      ['1', P, N, 'entity.name.tag.note-reference.briefing'],
      [',', P, N, 'punctuation.separator.sequence.note-reference.briefing'],
      [' ', P, N],
      ['2', P, N, 'entity.name.tag.note-reference.briefing'],
      [']', P, N, 'punctuation.definition.note-reference.end.briefing'],
      [' and ', P],
      ['[', P, N, 'punctuation.definition.note-reference.begin.briefing'],
      ['3', P, N, 'entity.name.tag.note-reference.briefing'],
      ['-', P, N, 'punctuation.separator.range.note-reference.briefing'],
      ['5', P, N, 'entity.name.tag.note-reference.briefing'],
      [']', P, N, 'punctuation.definition.note-reference.end.briefing'],
      ['.', P],
    ]);
  });

  test('consecutive numeric references as pasted from the web: [1][2]', () => {
    const labels = tokenize('Imports fell.[1][2]').filter((t) => t.includes('entity.name.tag.note-reference.briefing'));
    assert.deepEqual(
      labels.map((t) => t[0]),
      ['1', '2'],
    );
  });

  test('numeric labels of links are not notes', () => {
    assert.deepEqual(tokenize('See [text][1] here.'), [
      ['See ', P],
      ['[text]', P, 'meta.link.reference.markdown'],
      ['[1]', P, 'meta.link.reference.markdown'],
      [' here.', P],
    ]);
    assert.deepEqual(tokenize('[1]: https://x'), [
      ['[1]: ', 'meta.link.reference.def.markdown'],
      ['https://x', 'meta.link.reference.def.markdown', 'markup.underline.link.markdown'],
    ]);
    for (const text of ['an image ![1] here', 'a link [1](https://x.org) here', 'escaped \\[1] here', 'label [0] and [1a]']) {
      assertNothingHighlighted(text);
    }
  });
});

describe('citations', () => {
  test('pandoc inline citation [@a; @b, p. 3]', () => {
    const C = 'meta.citation.briefing';
    const K = 'variable.other.citation-key.briefing';
    assert.deepEqual(tokenize('Trade rose [@cn-customs-2017q1; @wb.2018, p. 3].'), [
      ['Trade rose ', P],
      ['[', P, C, 'punctuation.definition.citation.begin.briefing'],
      ['@', P, C, K, 'punctuation.definition.citation-key.briefing'],
      ['cn-customs-2017q1', P, C, K],
      [';', P, C, 'punctuation.separator.citation.briefing'],
      [' ', P, C],
      ['@', P, C, K, 'punctuation.definition.citation-key.briefing'],
      ['wb.2018', P, C, K],
      [', p. 3', P, C],
      [']', P, C, 'punctuation.definition.citation.end.briefing'],
      ['.', P],
    ]);
  });

  test('e-mail addresses and @ outside citations are not citation keys', () => {
    assertNothingHighlighted('Write to a@b.com or [a@b.com] for data.');
    assertNothingHighlighted('Ask @someone on social media.');
    assertNothingHighlighted('A link [@handle](https://example.org) here.');
  });
});

describe('statistics', () => {
  test('percentages', () => {
    assert.deepEqual(tokenize('Trade rose 46% then 37.4 per cent, 46 percent and 46 pc.'), [
      ['Trade rose ', P],
      percentage('46%'),
      [' then ', P],
      percentage('37.4 per cent'),
      [', ', P],
      percentage('46 percent'),
      [' and ', P],
      percentage('46 pc'),
      ['.', P],
    ]);
  });

  test('percentage points', () => {
    assert.deepEqual(tokenize('Up 3 percentage points, or 1.5pp.'), [
      ['Up ', P],
      points('3 percentage points'),
      [', or ', P],
      points('1.5pp'),
      ['.', P],
    ]);
  });

  test('money, from the currency sign or first digit to the end of the unit', () => {
    assert.deepEqual(tokenize('Worth $2.1 billion, US$2.1bn, £11.6bn, €3 million and 2 billion yuan.'), [
      ['Worth ', P],
      money('$2.1 billion'),
      [', ', P],
      money('US$2.1bn'),
      [', ', P],
      money('£11.6bn'),
      [', ', P],
      money('€3 million'),
      [' and ', P],
      money('2 billion yuan'),
      ['.', P],
    ]);
  });

  test('a hedge word is not part of the statistic; thousands separators are', () => {
    assert.deepEqual(tokenize('almost 1,200.5% more'), [['almost ', P], percentage('1,200.5%'), [' more', P]]);
  });

  test('years, dates, ordinals, counts and bare numbers are not highlighted', () => {
    assertNothingHighlighted('In 1992 and 1950-53, in April 2017, on its 5th trip, 3,000 troops, 1.2 million barrels, page 46.');
    assertNothingHighlighted('A URL https://example.org/growth/46% and version v2.5% here.');
  });

  test('statistics are highlighted inside emphasis (a region the selector does not exclude)', () => {
    assert.deepEqual(tokenize('*46%*'), [
      ['*', P, 'markup.italic.markdown'],
      ['46%', P, 'markup.italic.markdown', 'meta.statistic.percentage.briefing', STAT],
      ['*', P, 'markup.italic.markdown'],
    ]);
  });
});

describe('excluded regions', () => {
  test('inline code', () => {
    const tokens = tokenize('Run `46% [^1] [1] [@a] $2bn` now.');
    assert.deepEqual(tokens.filter(isBriefing), []);
    assert.ok(tokens.some((t) => t[0] === '46% [^1] [1] [@a] $2bn' && t.includes('markup.inline.raw.string.markdown')));
  });

  test('fenced code, and highlighting resumes after the fence', () => {
    const lines = tokenizeLines(['```text', 'Rose 46% [^1] [1] [@a] $2bn', '[^2]: @b', '```', 'Rose 46%.'].join('\n'));
    assert.deepEqual(briefingTokens(lines.slice(0, 4)), []);
    assert.ok(lines[1]!.every((t) => t.includes('markup.fenced_code.block.markdown')));
    assert.deepEqual(lines[4], [['Rose ', P], percentage('46%'), ['.', P]]);
  });

  test('indented code, HTML comments, headings and front matter', () => {
    assertNothingHighlighted('    code 46% [^1] [1] [@a]');
    assertNothingHighlighted('<!-- 46% [^1] [1] [@a] -->');
    assertNothingHighlighted('## Trade fell 46% in 2017');
    const lines = tokenizeLines(['---', 'briefing: true', 'title: Trade up 46%', '---', 'Up 46%.'].join('\n'));
    assert.deepEqual(briefingTokens(lines.slice(0, 4)), []);
    assert.deepEqual(lines[4], [['Up ', P], percentage('46%'), ['.', P]]);
  });
});

// ---------------------------------------------------------------------------------
// Snippets

interface SnippetBody {
  /** Tab stops with a placeholder or a choice: number -> its default text(s). */
  defined: Map<number, string>;
  /** Every tab stop number used, including mirrors and transforms. */
  used: Set<number>;
  variables: Set<string>;
  /** The text with every placeholder replaced by its default, as VS Code inserts it. */
  expanded: string;
}

// https://code.visualstudio.com/docs/editing/userdefinedsnippets#_variables
const SNIPPET_VARIABLES = new Set(
  (
    'TM_SELECTED_TEXT TM_CURRENT_LINE TM_CURRENT_WORD TM_LINE_INDEX TM_LINE_NUMBER TM_FILENAME ' +
    'TM_FILENAME_BASE TM_DIRECTORY TM_FILEPATH RELATIVE_FILEPATH CLIPBOARD WORKSPACE_NAME WORKSPACE_FOLDER ' +
    'CURSOR_INDEX CURSOR_NUMBER CURRENT_YEAR CURRENT_YEAR_SHORT CURRENT_MONTH CURRENT_MONTH_NAME ' +
    'CURRENT_MONTH_NAME_SHORT CURRENT_DATE CURRENT_DAY_NAME CURRENT_DAY_NAME_SHORT CURRENT_HOUR CURRENT_MINUTE ' +
    'CURRENT_SECOND CURRENT_SECONDS_UNIX CURRENT_TIMEZONE_OFFSET RANDOM RANDOM_HEX UUID BLOCK_COMMENT_START ' +
    'BLOCK_COMMENT_END LINE_COMMENT'
  ).split(' '),
);

/**
 * A strict reading of VS Code's snippet syntax: every unescaped `$` must start a tab
 * stop, placeholder, choice, variable or transform (VS Code would silently insert a
 * stray `$` followed by a digit, as in `$2bn`, as a tab stop).
 */
function parseSnippetBody(body: string): SnippetBody {
  const result: SnippetBody = { defined: new Map(), used: new Set(), variables: new Set(), expanded: '' };
  let i = 0;
  const fail = (message: string): never => assert.fail(`${message} at ${i} in ${JSON.stringify(body)}`);

  const readInt = (): number => {
    const m = /^\d+/.exec(body.slice(i));
    if (!m) fail('expected a number');
    i += m![0].length;
    return Number(m![0]);
  };
  const readName = (): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i));
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const skipTransform = (): void => {
    // /regex/format/options}
    for (let part = 0; part < 2; part++) {
      if (body[i] !== '/') fail('expected /');
      i++;
      while (i < body.length && body[i] !== '/') i += body[i] === '\\' ? 2 : 1;
    }
    if (body[i] !== '/') fail('expected /');
    i++;
    while (/[a-z]/.test(body[i] ?? '')) i++;
    if (body[i] !== '}') fail('expected }');
    i++;
  };

  /** Reads text up to an unescaped `}` (inside a placeholder) or the end; returns its expansion. */
  const readText = (inPlaceholder: boolean): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i]!;
      if (c === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1]!)) {
        out += body[i + 1];
        i += 2;
      } else if (c === '}' && inPlaceholder) {
        return out;
      } else if (c === '$') {
        out += readDollar();
      } else {
        out += c;
        i++;
      }
    }
    if (inPlaceholder) fail('unterminated placeholder');
    return out;
  };

  const define = (n: number, text: string): void => {
    const previous = result.defined.get(n);
    if (previous !== undefined && previous !== text) fail(`tab stop ${n} has two different defaults`);
    result.defined.set(n, text);
  };

  const readDollar = (): string => {
    i++; // $
    if (/\d/.test(body[i] ?? '')) {
      const n = readInt();
      result.used.add(n);
      return `\u0000${n}\u0000`;
    }
    if (/[A-Za-z_]/.test(body[i] ?? '')) {
      const name = readName();
      result.variables.add(name);
      return '';
    }
    if (body[i] !== '{') fail('a $ that starts nothing (write \\\\$ for a dollar sign)');
    i++; // {
    if (/\d/.test(body[i] ?? '')) {
      const n = readInt();
      result.used.add(n);
      if (body[i] === '}') {
        i++;
        return `\u0000${n}\u0000`;
      }
      if (body[i] === ':') {
        i++;
        const text = readText(true);
        i++; // }
        define(n, text);
        return text;
      }
      if (body[i] === '|') {
        const end = body.indexOf('|}', i + 1);
        if (end < 0) fail('unterminated choice');
        const first = body.slice(i + 1, end).split(',')[0]!;
        i = end + 2;
        define(n, first);
        return first;
      }
      if (body[i] === '/') {
        skipTransform();
        return `\u0000${n}\u0000`;
      }
      return fail('bad tab stop');
    }
    const name = readName();
    result.variables.add(name);
    if (body[i] === '}') {
      i++;
      return '';
    }
    if (body[i] === ':') {
      i++;
      const text = readText(true);
      i++;
      return text;
    }
    if (body[i] === '/') {
      skipTransform();
      return '';
    }
    return fail('bad variable');
  };

  const raw = readText(false);
  // Mirrors take the value of their placeholder.
  result.expanded = raw.replace(/\u0000(\d+)\u0000/g, (_, n: string) => result.defined.get(Number(n)) ?? '');
  return result;
}

describe('snippets', () => {
  let snippets: Record<string, { prefix: string | string[]; body: string | string[]; description?: string; scope?: string }>;

  before(() => {
    snippets = JSON.parse(readFileSync(SNIPPETS_PATH, 'utf8'));
  });

  test('the file is a JSON object of snippets with brief* prefixes for Markdown', () => {
    const names = Object.keys(snippets);
    assert.ok(names.length >= 4);
    for (const name of names) {
      const snippet = snippets[name]!;
      const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
      assert.ok(prefixes.length > 0);
      for (const prefix of prefixes) assert.match(prefix, /^brief/, `${name}: prefix ${prefix}`);
      assert.ok(typeof snippet.body === 'string' || (Array.isArray(snippet.body) && snippet.body.every((l) => typeof l === 'string')));
      assert.equal(typeof snippet.description, 'string', `${name} has a description`);
      if (snippet.scope !== undefined) assert.equal(snippet.scope, 'markdown');
    }
  });

  test('every body references only tab stops it defines, numbered 1..n, and known variables', () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      const parsed = parseSnippetBody(body);
      for (const n of parsed.used) {
        if (n !== 0) assert.ok(parsed.defined.has(n), `${name}: $${n} is used but has no placeholder`);
      }
      const numbers = [...parsed.defined.keys()].filter((n) => n !== 0).sort((a, b) => a - b);
      assert.deepEqual(
        numbers,
        numbers.map((_, k) => k + 1),
        `${name}: tab stops are 1..n`,
      );
      for (const v of parsed.variables) assert.ok(SNIPPET_VARIABLES.has(v), `${name}: unknown variable ${v}`);
    }
  });

  test('the snippet parser used above reads what it should', () => {
    assert.deepEqual([...parseSnippetBody('costs $2bn').used], [2]); // a tab stop, not a price
    assert.deepEqual([...parseSnippetBody('costs $2bn').defined.keys()], []);
    assert.throws(() => parseSnippetBody('costs $ 5'), /starts nothing/);
    assert.throws(() => parseSnippetBody('${1:a'), /unterminated/);
    assert.equal(parseSnippetBody('costs \\$2bn').expanded, 'costs $2bn');
    assert.equal(parseSnippetBody('[^${1:x}] [^$1]: ${2|a,b|} ${3:, ${4:p. 1}}').expanded, '[^x] [^x]: a , p. 1');
    assert.deepEqual([...parseSnippetBody('${TM_FILENAME_BASE/[.].*$//} $CURRENT_YEAR').variables], ['TM_FILENAME_BASE', 'CURRENT_YEAR']);
  });

  test('the skeleton, as inserted, is a briefing whose note highlights', () => {
    const skeleton = Object.values(snippets).find((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]).includes('brief'));
    assert.ok(skeleton, 'a snippet with prefix "brief"');
    const text = parseSnippetBody(Array.isArray(skeleton.body) ? skeleton.body.join('\n') : skeleton.body).expanded;
    // No facts: line by default (a path to a file not yet made would be facts.missing); a comment says how.
    assert.match(text, /^---\nbriefing: true\n# [^\n]*\n# [^\n]*facts: \[\S+\]\n---\n/);
    for (const heading of ['## Summary', '## Key judgements', '## Notes']) assert.ok(text.includes(`\n${heading}\n`), heading);
    assert.match(text, /^# \S/m);
    assert.match(text, /^\[\^1\]: @source-id, locator\.$/m);
    const highlighted = briefingTokens(tokenizeLines(text));
    assert.deepEqual(
      highlighted
        .filter(
          (t) => t.some((s) => s.startsWith('entity.name.tag.') || s === 'variable.other.citation-key.briefing') && !t[0].match(/^[@\^]$/),
        )
        .map((t) => [t[0], t.at(-1)]),
      [
        ['1', 'entity.name.tag.note-reference.briefing'],
        ['1', 'entity.name.tag.note-definition.briefing'],
        ['source-id', 'variable.other.citation-key.briefing'],
      ],
    );
  });

  test('the footnote pair and the note definition highlight as a reference and a definition', () => {
    const find = (prefix: string) =>
      Object.values(snippets).find((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]).includes(prefix));
    const expand = (prefix: string) => {
      const s = find(prefix);
      assert.ok(s, prefix);
      return parseSnippetBody(Array.isArray(s.body) ? s.body.join('\n') : s.body).expanded;
    };
    assert.equal(expand('brief-fn'), '[^label]\n\n[^label]: @source-id, locator.');
    assert.equal(expand('brief-cite'), '[@source-id, p. 1]');
    assert.equal(expand('brief-note'), '[^label]: @source-id, locator.');
    const lines = tokenizeLines(expand('brief-fn'));
    assert.ok(lines[0]!.some((t) => t[0] === 'label' && t.includes('entity.name.tag.note-reference.briefing')));
    assert.ok(lines[2]!.some((t) => t[0] === 'label' && t.includes('entity.name.tag.note-definition.briefing')));
    assert.ok(tokenize(expand('brief-cite')).some((t) => t[0] === 'source-id' && t.includes('variable.other.citation-key.briefing')));
  });
});
