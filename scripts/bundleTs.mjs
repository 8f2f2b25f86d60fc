// Bundles TypeScript modules of this repository into one CommonJS file for Node, as the
// build does (esbuild.mjs), for the scripts that run parts of src/ in-process.
import { build } from 'esbuild';

/**
 * Bundles `source`, a module that re-exports what the caller needs (paths relative to
 * `resolveDir`, the repository by default), to `outfile`.
 */
export async function bundleTs(source, outfile, { resolveDir = process.cwd(), nodePaths } = {}) {
  await build({
    stdin: { contents: source, resolveDir, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    ...(nodePaths ? { nodePaths } : {}),
    // Some ESM dependencies read import.meta.url; give them a CJS-safe value.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
}
