// The layers of the code (ARCHITECTURE.md): the core imports no Node module, no `vscode` and
// no other layer; the CLI, the language server, the Node helpers and the VS Code client
// use the core only through its public face, src/core/index.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) files.push(path);
  }
  return files;
}

/** The module specifiers a file imports or re-exports from. */
function importsOf(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map((m) => m[1]!);
}

describe('layering', () => {
  test('the core imports no Node module, no vscode, and nothing outside src/core', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles('src/core')) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('node:') || spec === 'vscode') wrong.push(`${file}: ${spec}`);
        if (spec.startsWith('.') && !join(file, '..', spec).startsWith('src/core')) wrong.push(`${file}: ${spec}`);
      }
    }
    assert.deepEqual([...new Set(wrong)], []);
  });

  test('the CLI, the server, the Node helpers and the client import the core only through src/core/index.ts', () => {
    const wrong: string[] = [];
    for (const layer of ['src/cli', 'src/server', 'src/node', 'src/client']) {
      for (const file of sourceFiles(layer)) {
        for (const spec of importsOf(file)) {
          const target = spec.startsWith('.') ? join(file, '..', spec) : '';
          if (target.startsWith('src/core') && target !== 'src/core') wrong.push(`${file}: ${spec}`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });
});
