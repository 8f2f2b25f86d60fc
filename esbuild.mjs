// Builds everything that runs: the CLI, the language server and the VS Code client
// into dist/, the fact-file JSON Schema (generated from the zod schema, so there is a
// single source of truth), and with --tests the test files into out/test/.
// unified and remark are ESM-only; bundling them into CommonJS lets one `node`
// process start fast without a module loader walking node_modules.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
// The CLI's --version, SARIF's tool version and the server's serverInfo.version.
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // A module imported only for what it does on loading must not be dropped silently.
  logOverride: { 'ignored-bare-import': 'error' },
  // Some ESM dependencies read import.meta.url; give them a CJS-safe value.
  define: { 'import.meta.url': 'importMetaUrl', BRIEFING_CHECK_VERSION: JSON.stringify(version) },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const entries = [
  { in: 'src/cli/main.ts', out: 'dist/cli.js' },
  { in: 'src/node/analysisWorker.ts', out: 'dist/analysis-worker.js' },
  { in: 'src/server/main.ts', out: 'dist/server.js' },
  { in: 'src/client/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
];

function listTests(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'e2e' && name !== 'fixtures') found.push(...listTests(path));
    } else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

async function buildSchema() {
  // Bundle the zod schema module to a temporary file and ask zod for the JSON Schema.
  const outfile = 'out/schema-gen.cjs';
  await esbuild.build({ ...common, sourcemap: false, entryPoints: ['src/core/facts/jsonSchema.ts'], outfile });
  const { factFileJsonSchema, factFileEditorSchema } = await import(pathToFileURL(join(process.cwd(), outfile)).href);
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/facts.schema.json', JSON.stringify(factFileJsonSchema(), null, 2) + '\n');
  writeFileSync('dist/facts.editor-schema.json', JSON.stringify(factFileEditorSchema(), null, 2) + '\n');
}

async function main() {
  const builds = entries
    .filter((e) => existsSync(e.in))
    .map((e) => ({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external ?? [] }));
  if (args.has('--tests')) {
    const tests = listTests('test');
    if (tests.length > 0) {
      builds.push({
        ...common,
        entryPoints: tests,
        outdir: 'out/test',
        outbase: 'test',
        external: ['vscode'],
      });
    }
  }
  if (watch) {
    for (const options of builds) (await esbuild.context(options)).watch();
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
  if (existsSync('src/core/facts/jsonSchema.ts') && !args.has('--tests')) await buildSchema();
  console.log(`built ${builds.map((b) => b.outfile ?? relative('.', b.outdir)).join(', ')}`);
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
