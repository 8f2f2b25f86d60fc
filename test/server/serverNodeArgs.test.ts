// The benchmark must measure the server as VS Code runs it: the node flags the client
// starts it with (src/client/languageClient.ts, which imports `vscode` and so cannot be
// loaded here) and those bench/lsp-client.mjs uses are read from the sources and compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

function serverNodeArgs(file: string): string[] {
  const match = /SERVER_NODE_ARGS = (\[[^\]]*\])/.exec(readFileSync(file, 'utf8'));
  assert.ok(match, `${file} defines SERVER_NODE_ARGS`);
  return JSON.parse(match[1]!.replaceAll("'", '"')) as string[];
}

test('the benchmark starts the server with the node flags the VS Code client uses', () => {
  const client = serverNodeArgs('src/client/languageClient.ts');
  assert.ok(client.length > 0);
  assert.deepEqual(serverNodeArgs('bench/lsp-client.mjs'), client);
});
