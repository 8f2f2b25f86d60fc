// Every diagnostic code has a page in docs/rules/, and each page's examples really do what
// the page says: the "bad" briefing or fact file gives the page's code, the fixed one does
// not. Pages of codes the engine does not have yet are written but not run.
//
// Markers on the fenced blocks of a page (its info string after the language):
//   briefing-bad / briefing-good   the briefing before and after the fix
//   briefing                       a briefing both sides check (when the fix is in a fact file)
//   facts                          a fact file loaded by both examples (one per block)
//   facts-bad / facts-good         a fact file loaded by only one of them
//   settings                       check options for both sides, as JSON (e.g. { "staleAfter": "2y" })
//   bibliography                   a bibliography loaded by both (after the fact files), read by
//   bibliography-bad / -good       the block's language: bibtex, json (CSL-JSON) or yaml (CSL-YAML)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBriefing, type CheckOptions } from '../../src/core/check';
import {
  briefingFactFileFindings,
  frontMatterFactEntries,
  isBrokenJson,
  loadedFileStatus,
  missingFileStatus,
  type FactFileStatus,
} from '../../src/core/facts/briefingFactFiles';
import { RULE_CODES, RULES, isRuleCode } from '../../src/core/codes';
import { FactIndex } from '../../src/core/facts/factIndex';
import { parseFactFile, type LoadedFactFile } from '../../src/core/facts/parseFactFile';
import { bibliographyAsFactFile } from '../../src/core/bibliography/bibliographySources';
import { parseBibliography } from '../../src/core/bibliography/parseBibliography';

const RULE_DOCS = 'docs/rules';

/** Codes whose pages are written ahead of the rules that will report them. */
const PLANNED: string[] = [];

interface Example {
  language: string;
  marker: string;
  text: string;
}

const BIBLIOGRAPHY_FORMATS = { bibtex: 'bibtex', json: 'csl-json', yaml: 'csl-yaml' } as const;

/** The marked fenced blocks of a page, in order. */
function examplesOf(page: string): Example[] {
  const examples: Example[] = [];
  const fence = /^(`{3,})(\w+)[ \t]+([\w-]+)[ \t]*\n([\s\S]*?)^\1[ \t]*$/gm;
  for (const m of page.matchAll(fence)) examples.push({ language: m[2]!, marker: m[3]!, text: m[4]! });
  return examples;
}

/** The findings in the briefing and in every fact file of one side of a page. */
function findingsFor(examples: Example[], side: 'bad' | 'good'): { code: string; message: string }[] {
  const factTexts = examples.filter((e) => e.marker === 'facts' || e.marker === `facts-${side}`).map((e) => e.text);
  const briefing = (examples.find((e) => e.marker === `briefing-${side}`) ?? examples.find((e) => e.marker === 'briefing'))?.text ?? '';
  // The fact files take the names the briefing's front matter gives, in order; a name left
  // over has no file (facts.missing), as the CLI and the server would find.
  const named = frontMatterFactEntries(briefing).entries.map((e) => e.value);
  const names = factTexts.map((_, i) => named[i] ?? `example-${i + 1}.facts.json`);
  const parsed = factTexts.map((text, i) => parseFactFile(text, names[i]!));
  // Bibliographies take the names of the front matter's `bibliography:`, as fact files take those of `facts:`.
  const bibNames = frontMatterFactEntries(briefing).bibliographies.map((e) => e.value);
  const bibliographies = examples
    .filter((e) => e.marker === 'bibliography' || e.marker === `bibliography-${side}`)
    .map((e, i) => {
      const format = BIBLIOGRAPHY_FORMATS[e.language as keyof typeof BIBLIOGRAPHY_FORMATS];
      assert.ok(format, `a bibliography example must be bibtex, json or yaml, not ${e.language}`);
      const name = bibNames[i] ?? `example-${i + 1}.${e.language === 'bibtex' ? 'bib' : e.language}`;
      return { ...bibliographyAsFactFile(name, parseBibliography(e.text, format, name)), text: e.text };
    });
  const files: (LoadedFactFile & { text: string })[] = [...parsed, ...bibliographies];
  const facts = FactIndex.from(files);
  // What the CLI and the server tell a briefing, from the same core functions they use.
  const statuses: FactFileStatus[] = named.slice(files.length).map((name) => missingFileStatus(name, name, false));
  for (const file of files) {
    const status = loadedFileStatus(file.path, file.path, file, facts, isBrokenJson(file, file.text));
    if (status) statuses.push(status);
  }
  const settings = examples.find((e) => e.marker === 'settings');
  const options = settings ? (JSON.parse(settings.text) as CheckOptions) : {};
  const findings: { code: string; message: string }[] = [
    ...briefingFactFileFindings(briefing, statuses),
    ...checkBriefing(briefing, facts, options).findings,
  ];
  for (const file of files) findings.push(...facts.fileFindings(file.path));
  return findings;
}

function codesFor(examples: Example[], side: 'bad' | 'good'): string[] {
  return findingsFor(examples, side).map((f) => f.code);
}

/** A page's text with its line breaks read as spaces, as Markdown renders them. */
function unwrap(page: string): string {
  return page.replace(/\s*\n\s*/g, ' ');
}

function pageOf(code: string): string {
  return readFileSync(join(RULE_DOCS, `${code}.md`), 'utf8');
}

const pages = readdirSync(RULE_DOCS)
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .map((name) => name.slice(0, -'.md'.length));

describe('rule pages (docs/rules)', () => {
  test('every code has a page', () => {
    const missing = RULE_CODES.filter((code) => !existsSync(join(RULE_DOCS, `${code}.md`)));
    assert.deepEqual(missing, []);
  });

  test('the index lists every page, and every page names its code and setting', () => {
    const index = readFileSync(join(RULE_DOCS, 'README.md'), 'utf8');
    for (const code of pages) {
      assert.ok(index.includes(`](${code}.md)`), `docs/rules/README.md does not link ${code}.md`);
      const page = pageOf(code);
      assert.ok(page.startsWith(`# \`${code}\``), `${code}.md should start with "# \`${code}\`"`);
      assert.ok(page.includes(`"${code}"`), `${code}.md should show its setting briefing.rules "${code}"`);
    }
  });

  for (const code of RULE_CODES) {
    test(`${code}: the page gives the default severity the engine has`, () => {
      const stated = /Default severity: \*\*(\w+)\*\*/.exec(pageOf(code))?.[1];
      assert.equal(stated, RULES[code].severity);
    });

    test(`${code}: the page says in one line what the rule's file says it finds`, () => {
      // The title, a blank line, then the description (npm run rules:sync writes it).
      const [, blank, description] = pageOf(code).split('\n');
      assert.equal(blank, '');
      assert.equal(description, RULES[code].description);
    });

    test(`${code}: the bad example gives ${code}, the fixed one is clean`, () => {
      const examples = examplesOf(pageOf(code));
      const hasBad = examples.some((e) => e.marker === 'briefing-bad' || e.marker === 'facts-bad' || e.marker === 'bibliography-bad');
      const hasGood = examples.some((e) => e.marker === 'briefing-good' || e.marker === 'facts-good' || e.marker === 'bibliography-good');
      assert.ok(hasBad && hasGood, `${code}.md needs a bad and a good example`);
      const bad = findingsFor(examples, 'bad');
      assert.ok(
        bad.some((f) => f.code === code),
        `the bad example gives ${bad.map((f) => f.code).join(', ') || 'nothing'}, not ${code}`,
      );
      // The page quotes the message the example gets (wrapped over lines as prose is).
      const message = bad.find((f) => f.code === code)!.message;
      assert.ok(unwrap(pageOf(code)).includes(`\`${message}\``), `the page should quote the message: \`${message}\``);
      // The fixed text is clean, not merely free of this one code.
      assert.deepEqual(codesFor(examples, 'good'), [], 'the fixed example gives findings');
    });
  }

  test('a page whose code the engine does not report yet is one of the planned codes', () => {
    // When one of these codes lands in RULES, its page's examples start being run above.
    for (const code of pages.filter((c) => !isRuleCode(c))) {
      assert.ok(PLANNED.includes(code), `docs/rules/${code}.md names no diagnostic code`);
      assert.ok(examplesOf(pageOf(code)).length > 0, `${code}.md has no marked example`);
    }
  });
});
