// The long differential run of the incremental checker: builds the tests and runs
// test/core/incremental.test.ts with many more random edits per briefing than `npm test`.
//   node scripts/differential.mjs [edits per briefing, default 5000]
import { spawnSync } from 'node:child_process';

const runs = process.argv[2] ?? '5000';
const build = spawnSync(process.execPath, ['esbuild.mjs', '--tests'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const test = spawnSync(process.execPath, ['--test', 'out/test/core/incremental.test.js'], {
  stdio: 'inherit',
  env: { ...process.env, DIFF_RUNS: runs },
});
process.exit(test.status ?? 1);
