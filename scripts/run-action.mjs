#!/usr/bin/env node
// Runs the steps of action.yml (the composite GitHub Action) here, as a runner would:
// inputs from their defaults or `--input name=value`, `${{ }}` expressions for inputs and
// step outputs, `if:` conditions, each `run:` under `bash -eo pipefail` with its env and
// a GITHUB_OUTPUT file. A `uses:` step (the SARIF upload) cannot run outside GitHub: it
// is printed with its resolved `with:` instead. Exits 1 when a step fails, as the job would.
//   node scripts/run-action.mjs [--input files=docs] [--input package=./briefing-check-0.1.0.tgz]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const actionFile = resolve(dirname(fileURLToPath(import.meta.url)), '../action.yml');
const action = parse(readFileSync(actionFile, 'utf8'));

const inputs = Object.fromEntries(Object.entries(action.inputs ?? {}).map(([name, spec]) => [name, String(spec.default ?? '')]));
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] !== '--input') throw new Error(`unknown argument ${argv[i]} (use --input name=value)`);
  const [name, ...value] = argv[++i].split('=');
  if (!(name in inputs)) throw new Error(`action.yml has no input "${name}"`);
  inputs[name] = value.join('=');
}

const steps = {};
let failed = false;

/** A context value: inputs.<name> or steps.<id>.outputs.<name>; '' when unset, as on GitHub. */
function lookup(path) {
  const [context, ...rest] = path.split('.');
  if (context === 'inputs') return inputs[rest.join('.')] ?? '';
  if (context === 'steps') return steps[rest[0]]?.[rest[1]]?.[rest.slice(2).join('.')] ?? '';
  throw new Error(`unsupported context in expression: ${path}`);
}

/** The expressions action.yml uses: contexts, '…' literals, ==, !=, &&, ||, !, always(), success(), failure(). */
function evaluate(expression) {
  // Operators first, while the only strings are the expression's own '…' literals.
  if (/[^\s\w.\-=!&|()]/.test(expression.replace(/'[^']*'/g, ''))) throw new Error(`unsupported expression: ${expression}`);
  const js = expression
    .replace(/([!=])=/g, '$1==')
    .replace(/\balways\(\)/g, 'true')
    .replace(/\bsuccess\(\)/g, String(!failed))
    .replace(/\bfailure\(\)/g, String(failed))
    .replace(/\b(inputs|steps)\.[\w.-]+/g, (path) => JSON.stringify(lookup(path)));
  return new Function(`return (${js});`)();
}

const substitute = (text) => String(text).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression) => String(evaluate(expression)));

const work = mkdtempSync(join(tmpdir(), 'briefing-action-'));
try {
  for (const [index, step] of action.runs.steps.entries()) {
    const name = step.name ?? step.id ?? `step ${index + 1}`;
    const condition = step.if === undefined ? 'success()' : String(step.if).replace(/^\$\{\{\s*|\s*\}\}$/g, '');
    if (!evaluate(condition)) {
      console.log(`::: ${name}: skipped (if: ${condition})`);
      continue;
    }
    if (step.uses) {
      const withs = Object.entries(step.with ?? {}).map(([key, value]) => `${key}=${substitute(value)}`);
      console.log(`::: ${name}: not run outside GitHub: uses ${step.uses} with ${withs.join(', ')}`);
      continue;
    }
    console.log(`::: ${name}`);
    const outputFile = join(work, `output-${index}`);
    writeFileSync(outputFile, '');
    const script = join(work, `step-${index}.sh`);
    writeFileSync(script, substitute(step.run));
    const env = { ...process.env, GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: dirname(actionFile) };
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = substitute(value);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { env, stdio: 'inherit' });
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    if (step.id) steps[step.id] = { outputs };
    if (result.status !== 0) {
      console.log(`::: ${name}: failed with exit status ${result.status}`);
      failed = true;
    }
  }
  const outputs = Object.entries(action.outputs ?? {}).map(([name, spec]) => `${name}=${substitute(spec.value)}`);
  console.log(`::: action ${failed ? 'failed' : 'succeeded'}; outputs: ${outputs.join(', ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
