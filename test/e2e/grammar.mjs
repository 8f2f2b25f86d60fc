#!/usr/bin/env node
// Grammar tests: tokenizes Markdown with VS Code's own Markdown grammar (the copy that
// code-server ships) plus the extension's injection grammar, with vscode-textmate and
// vscode-oniguruma, the same engine VS Code uses. This runs in the outer Node process
// because the extension API has no way to read token scopes.
//
// Expected scope names (TextMate convention: the grammar's name comes last):
// - a note reference (`[^1]`, `[3]`) is covered by a scope matching /note.*\.briefing$/,
//   e.g. `meta.note.reference.briefing` or `markup.footnote.reference.briefing`;
// - a statistic (`37.4 percent`, `$2.1 billion`), from its first character to the end
//   of its unit, by a scope matching /statistic.*\.briefing$/, e.g.
//   `constant.numeric.statistic.briefing`.
//
// Usage: node test/e2e/grammar.mjs   (needs `node test/e2e/provision.mjs` first)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerHome, repoRoot } from './provision.mjs';

const require = createRequire(join(repoRoot, 'package.json'));
const MARKDOWN_SCOPE = 'text.html.markdown';
const markdownGrammarPath = join(codeServerHome, 'lib', 'vscode', 'extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');

export const NOTE_SCOPE = /note.*\.briefing$/;
export const STATISTIC_SCOPE = /statistic.*\.briefing$/;

const SAMPLE = [
  '# Trade in 2017',
  '',
  "China's trade with North Korea grew 37.4 percent in the first quarter.[^1] Exports reached $2.1 billion in 1992.[3]",
  '',
  'Code such as `[^9] and 46%` is not prose.',
  '',
  '[^1]: @cn-customs-2017q1, table 4.',
];

/** The extension's injection grammars into Markdown, as its manifest contributes them. */
function contributedInjections(extensionDir) {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  return (manifest.contributes?.grammars ?? [])
    .filter((g) => g.injectTo?.includes(MARKDOWN_SCOPE))
    .map((g) => ({ scopeName: g.scopeName, path: resolve(extensionDir, g.path) }));
}

async function tokenize(extensionDir) {
  const vsctm = require('vscode-textmate');
  const oniguruma = require('vscode-oniguruma');
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const injections = contributedInjections(extensionDir);
  const grammarFiles = new Map([[MARKDOWN_SCOPE, markdownGrammarPath], ...injections.map((g) => [g.scopeName, g.path])]);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    // Languages embedded in Markdown (fenced code) are not needed: null skips them.
    loadGrammar: async (scopeName) => {
      const file = grammarFiles.get(scopeName);
      return file ? vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => (scopeName === MARKDOWN_SCOPE ? injections.map((g) => g.scopeName) : []),
  });
  const grammar = await registry.loadGrammar(MARKDOWN_SCOPE);
  let state = vsctm.INITIAL;
  const lines = SAMPLE.map((text) => {
    const result = grammar.tokenizeLine(text, state);
    state = result.ruleStack;
    return { text, tokens: result.tokens };
  });
  return { injections, lines };
}

/** Scopes of every token overlapping [start, end) on `line`. */
function tokensOver(line, start, end) {
  return line.tokens.filter((t) => t.startIndex < end && t.endIndex > start);
}

function locate(lines, needle, lineHint) {
  const index = lines.findIndex((l, i) => (lineHint === undefined || i === lineHint) && l.text.includes(needle));
  if (index < 0) throw new Error(`sample has no ${needle}`);
  const start = lines[index].text.indexOf(needle);
  return { line: lines[index], start, end: start + needle.length };
}

function describeTokens(tokens, text) {
  return tokens.map((t) => `  "${text.slice(t.startIndex, t.endIndex)}" ${t.scopes.join(' ')}`).join('\n');
}

function expectCovered(lines, needle, scope, lineHint) {
  const { line, start, end } = locate(lines, needle, lineHint);
  const tokens = tokensOver(line, start, end);
  const uncovered = tokens.filter((t) => !t.scopes.some((s) => scope.test(s)));
  if (uncovered.length > 0) {
    throw new Error(`"${needle}" should be covered by a scope matching ${scope}; tokens:\n${describeTokens(tokens, line.text)}`);
  }
}

function expectNotScoped(lines, needle, scope, lineHint) {
  const { line, start, end } = locate(lines, needle, lineHint);
  const tokens = tokensOver(line, start, end).filter((t) => t.scopes.some((s) => scope.test(s)));
  if (tokens.length > 0) {
    throw new Error(`"${needle}" must not get a scope matching ${scope}; tokens:\n${describeTokens(tokens, line.text)}`);
  }
}

/** Runs the grammar tests; results have the same shape as the in-host suite's. */
export async function runGrammarTests(extensionDir = repoRoot) {
  const prefix = 'grammar (vscode-textmate, outside the editor) › ';
  const results = [];
  const check = async (title, fn) => {
    const start = Date.now();
    try {
      await fn();
      results.push({ title: prefix + title, state: 'passed', durationMs: Date.now() - start });
    } catch (error) {
      results.push({ title: prefix + title, state: 'failed', durationMs: Date.now() - start, error: error.message });
    }
  };
  let tokenized;
  await check('the manifest contributes an injection grammar into Markdown', async () => {
    if (!existsSync(markdownGrammarPath)) throw new Error(`no Markdown grammar at ${markdownGrammarPath}: run test/e2e/provision.mjs`);
    const injections = contributedInjections(extensionDir);
    if (injections.length === 0) throw new Error(`package.json contributes no grammar with injectTo ["${MARKDOWN_SCOPE}"]`);
    for (const g of injections) if (!existsSync(g.path)) throw new Error(`contributed grammar ${g.path} does not exist`);
    tokenized = await tokenize(extensionDir);
  });
  const withTokens = (fn) => () => {
    if (!tokenized) throw new Error('no injection grammar to test (see the first grammar test)');
    fn(tokenized.lines);
  };
  await check(
    'a GFM note reference [^1] gets a note scope',
    withTokens((lines) => expectCovered(lines, '[^1]', NOTE_SCOPE, 2)),
  );
  await check(
    'a bracketed endnote reference [3] gets a note scope',
    withTokens((lines) => expectCovered(lines, '[3]', NOTE_SCOPE, 2)),
  );
  await check(
    'a statistic "37.4 percent" gets a statistic scope',
    withTokens((lines) => expectCovered(lines, '37.4 percent', STATISTIC_SCOPE, 2)),
  );
  await check(
    'money "$2.1 billion" gets a statistic scope',
    withTokens((lines) => expectCovered(lines, '$2.1 billion', STATISTIC_SCOPE, 2)),
  );
  await check(
    'a year and inline code get neither scope',
    withTokens((lines) => {
      expectNotScoped(lines, '1992', STATISTIC_SCOPE, 2);
      expectNotScoped(lines, '[^9]', NOTE_SCOPE, 4);
      expectNotScoped(lines, '46%', STATISTIC_SCOPE, 4);
    }),
  );
  await check(
    'Markdown keeps its own scopes (heading)',
    withTokens((lines) => {
      const heading = lines[0].tokens.some((t) => t.scopes.some((s) => s.startsWith('markup.heading')));
      if (!heading) throw new Error(`the heading lost markup.heading:\n${describeTokens(lines[0].tokens, lines[0].text)}`);
    }),
  );
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await runGrammarTests(process.argv[2] ? resolve(process.argv[2]) : repoRoot);
  for (const r of results) {
    console.log(`${r.state === 'passed' ? '  ✓' : '  ✗'} ${r.title}`);
    if (r.error) console.log(`      ${r.error.replace(/\n/g, '\n      ')}`);
  }
  const failed = results.filter((r) => r.state === 'failed').length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
