// npm run rules:sync: writes what the rule registry (src/core/rules/registry.ts) says into
// package.json's `briefing.rules` settings, the rule tables of README.md and
// docs/rules/README.md, and the head of each docs/rules/<code>.md (scripts/ruleTexts.ts
// renders them). With --check it writes nothing and fails when a file differs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { bundleTs } from './bundleTs.mjs';

const check = process.argv.includes('--check');
const bundle = 'out/rules-sync.cjs';
mkdirSync('out', { recursive: true });
await bundleTs("export { RULE_LIST } from './src/core/rules/registry'; export { syncedFiles } from './scripts/ruleTexts';", bundle);
const { RULE_LIST, syncedFiles } = createRequire(import.meta.url)(`${process.cwd()}/${bundle}`);
const differing = [];
for (const { path, text } of syncedFiles(RULE_LIST, (p) => readFileSync(p, 'utf8'))) {
  if (readFileSync(path, 'utf8') === text) continue;
  differing.push(path);
  if (!check) writeFileSync(path, text);
}
if (check && differing.length > 0) {
  console.error(`Out of step with src/core/rules/ (run npm run rules:sync): ${differing.join(', ')}`);
  process.exit(1);
}
console.log(differing.length === 0 ? 'rules: every file agrees with src/core/rules/' : `rules: rewrote ${differing.join(', ')}`);
