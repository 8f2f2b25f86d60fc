// The rule registry (src/core/rules/registry.ts) is the one place a rule is described:
// one file a code, registered once; package.json's `briefing.rules` settings, the rule
// tables of README.md and docs/rules/README.md, and each page's head say what it says
// (`npm run rules:sync` writes them).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { RULE_CODES, RULES } from '../../src/core/codes';
import { BRIEFING_CHECKS, RULE_LIST } from '../../src/core/rules/registry';
import { syncedFiles, withPageHead, withRuleSettings, withRuleTable } from '../../scripts/ruleTexts';

const read = (path: string) => readFileSync(path, 'utf8');

describe('rule registry', () => {
  test('each code has a file of its own, src/core/rules/<code>.ts, that defines it', () => {
    for (const code of RULE_CODES) {
      const path = `src/core/rules/${code}.ts`;
      assert.ok(existsSync(path), `${path} is missing`);
      assert.ok(read(path).includes(`code: '${code}'`), `${path} does not define ${code}`);
    }
    // And every file named like a code is registered.
    const named = readdirSync('src/core/rules')
      .filter((name) => /^[a-z]+\.[A-Za-z]+\.ts$/.test(name))
      .map((name) => name.slice(0, -'.ts'.length));
    assert.deepEqual(
      named.filter((code) => !(RULE_CODES as string[]).includes(code)),
      [],
    );
  });

  test('each code is registered once', () => {
    assert.equal(new Set(RULE_CODES).size, RULE_CODES.length);
    for (const rule of RULE_LIST) assert.equal(RULES[rule.code], rule);
  });

  test('each check runs once, and every briefing code has one', () => {
    assert.equal(new Set(BRIEFING_CHECKS).size, BRIEFING_CHECKS.length);
    const raisedWhileReading = RULE_LIST.filter((rule) => !('check' in rule)).map((rule) => rule.code);
    assert.deepEqual(raisedWhileReading, [
      'facts.invalid',
      'facts.duplicateId',
      'facts.missing',
      'facts.broken',
      'bibliography.invalid',
      'facts.quoteMismatch',
    ]);
    // The statistics pass serves three codes and the numbering pass two: 20 codes, 6 read elsewhere, 11 checks.
    assert.equal(BRIEFING_CHECKS.length, 11);
  });

  test('package.json, README.md and docs/rules say what the registry says (else run npm run rules:sync)', () => {
    const differing = syncedFiles(RULE_LIST, read)
      .filter(({ path, text }) => read(path) !== text)
      .map(({ path }) => path);
    assert.deepEqual(differing, []);
  });

  test('a description changed in the registry shows as a difference in every file that repeats it', () => {
    const changed = RULE_LIST.map((rule) => (rule.code === 'note.gap' ? { ...rule, description: 'Something else.' } : rule));
    assert.notEqual(withRuleSettings(read('package.json'), changed), read('package.json'));
    assert.notEqual(withRuleTable(read('README.md'), changed, 'docs/rules/'), read('README.md'));
    assert.notEqual(withRuleTable(read('docs/rules/README.md'), changed, ''), read('docs/rules/README.md'));
    assert.notEqual(withPageHead(read('docs/rules/note.gap.md'), changed[RULE_CODES.indexOf('note.gap')]!), read('docs/rules/note.gap.md'));
  });

  test('every rule can be set in VS Code, to its default severity by default', () => {
    const manifest = JSON.parse(read('package.json')) as {
      contributes: { configuration: { properties: Record<string, { properties: Record<string, { default: string }> }> } };
    };
    const settings = manifest.contributes.configuration.properties['briefing.rules']!.properties;
    assert.deepEqual(Object.keys(settings), RULE_CODES);
    for (const rule of RULE_LIST) assert.equal(settings[rule.code]!.default, rule.severity);
  });
});
