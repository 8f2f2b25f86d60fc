/**
 * .pre-commit-hooks.yaml has the shape pre-commit requires of a hook (its manifest
 * schema: a list of hooks with id, name, entry and language; `files` a regex). The hook
 * is run by the real pre-commit in .ci/run (test/precommit/run.mjs).
 */
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files?: string;
  types?: string[];
  [key: string]: unknown;
}

// The keys pre-commit 3 accepts in a hook manifest entry (pre_commit/clientlib.py MANIFEST_HOOK_DICT).
const KNOWN_KEYS = new Set([
  'id',
  'name',
  'entry',
  'language',
  'alias',
  'files',
  'exclude',
  'types',
  'types_or',
  'exclude_types',
  'additional_dependencies',
  'args',
  'always_run',
  'fail_fast',
  'pass_filenames',
  'description',
  'language_version',
  'log_file',
  'minimum_pre_commit_version',
  'require_serial',
  'stages',
  'verbose',
]);

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as Hook[];
  const bin = (JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> }).bin;

  it('declares the briefing-check hook, running the package binary on staged briefings', () => {
    assert.ok(Array.isArray(hooks));
    const hook = hooks.find((h) => h.id === 'briefing-check');
    assert.ok(hook);
    for (const key of Object.keys(hook)) assert.ok(KNOWN_KEYS.has(key), `pre-commit does not know the key ${key}`);
    assert.equal(hook.language, 'node');
    assert.ok(hook.entry in bin, `entry ${hook.entry} is not a bin of the package`);
    assert.deepEqual(hook.types, ['markdown']);
    const files = new RegExp(hook.files!);
    for (const yes of ['a.brief.md', 'docs/trade.brief.md']) assert.match(yes, files);
    for (const no of ['README.md', 'brief.md.txt', 'a.facts.json']) assert.doesNotMatch(no, files);
  });
});
