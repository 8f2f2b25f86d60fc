/**
 * CSL-JSON and CSL-YAML bibliographies over the real protocol, as VS Code uses it (pull
 * diagnostics; the client syncs only briefings, fact files and .bib files): a broken item
 * in a bibliography that a briefing loads is published as bibliography.invalid at its
 * line although the file is not open, and cleared once the file is fixed on disk; the
 * server asks to watch the file; a .json that no briefing loads is never checked.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { writeFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, makeWorkspace } from './lspHarness';

const JSON_BIB = `[
  { "id": "kim-2021", "type": "report", "title": "Fisheries outlook", "issued": { "date-parts": [[2021]] } },
  { "type": "book", "title": "An item without an id" }
]
`;
const YAML_BIB = `references:
  - id: lee-2020
    type: article-journal
    title: Trade and sanctions
  - id: [not, a, key]
    title: A list for an id
`;
const BRIEF = `---
bibliography: [refs.json, refs.yaml]
---
Farmed fish are half the total [@kim-2021, p. 3]. Trade fell [@lee-2020].
`;

const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => d.code);

describe('CSL-JSON and CSL-YAML bibliographies (language server)', () => {
  const clients: LspClient[] = [];
  const workspaces: { dispose(): void }[] = [];
  after(async () => {
    for (const c of clients) await c.stop();
    for (const w of workspaces) w.dispose();
  });

  it('a broken item is bibliography.invalid at its line in the unopened file, cleared once fixed; other JSON is not checked', async () => {
    const ws = makeWorkspace({ 'refs.json': JSON_BIB, 'refs.yaml': YAML_BIB, 'other.json': '[{ "id": ', 'b.brief.md': BRIEF });
    workspaces.push(ws);
    const client = await LspClient.start({ root: ws.root, pull: true });
    clients.push(client);
    const watched: unknown[] = [];
    const ofRefs = () => watched.map(String).filter((pattern) => pattern.includes('refs.'));
    let bothWatched!: () => void;
    const watching = new Promise<void>((resolve) => (bothWatched = resolve));
    client.connection.onRequest(
      'client/registerCapability',
      (params: { registrations: { method: string; registerOptions?: { watchers?: { globPattern: unknown }[] } }[] }) => {
        for (const registration of params.registrations) {
          if (registration.method === 'workspace/didChangeWatchedFiles')
            watched.push(...(registration.registerOptions?.watchers ?? []).map((w) => w.globPattern));
        }
        if (ofRefs().length >= 2) bothWatched();
        return null;
      },
    );
    const brief = ws.uri('b.brief.md');
    client.open(brief, BRIEF);
    const own = await client.pulledDiagnostics(brief);
    // The briefing is told its bibliographies have problems; its citations name known sources.
    assert.deepEqual(codes(own).sort(), ['facts.broken', 'facts.broken'], JSON.stringify(own));
    const json = ws.uri('refs.json');
    const yaml = ws.uri('refs.yaml');
    const published = (uri: string) => client.published.get(uri)?.diagnostics;
    const jsonProblems = await client.waitFor(() => published(json), 'refs.json problems');
    assert.deepEqual(codes(jsonProblems), ['bibliography.invalid']);
    assert.equal(jsonProblems[0]!.range.start.line, 2);
    const yamlProblems = await client.waitFor(() => published(yaml), 'refs.yaml problems');
    assert.deepEqual(codes(yamlProblems), ['bibliography.invalid']);
    assert.equal(yamlProblems[0]!.range.start.line, 4);
    assert.equal(published(ws.uri('other.json')), undefined);
    // The client is asked to watch each CSL bibliography (it watches only fact files and .bib files itself).
    let timer: NodeJS.Timeout | undefined;
    const tooLate = new Promise(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error(`no watchers for refs.json and refs.yaml: ${JSON.stringify(watched)}`)), 10_000)),
    );
    await Promise.race([watching, tooLate]).finally(() => clearTimeout(timer));
    assert.deepEqual(ofRefs().sort(), ['**/refs.json', '**/refs.yaml']);

    // Fixed on disk: the watcher reports it, the server asks for a refresh, VS Code pulls again.
    const refreshes = client.refreshes;
    writeFileSync(ws.path('refs.json'), JSON_BIB.replace('{ "type": "book"', '{ "id": "park-2019", "type": "book"'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: json, type: 2 }] });
    await client.waitFor(() => (client.refreshes > refreshes ? true : undefined), 'a diagnostics refresh');
    assert.deepEqual(codes(await client.pulledDiagnostics(brief)), ['facts.broken']);
    await client.waitFor(() => (published(json)?.length === 0 ? true : undefined), 'refs.json problems cleared');
    assert.equal(published(yaml)?.length, 1);

    // Opened in an editor that syncs it, the file's own diagnostics take over from the published ones.
    client.open(yaml, YAML_BIB, 'yaml');
    await client.waitFor(() => (published(yaml)?.length === 0 ? true : undefined), 'refs.yaml published problems taken back');
    assert.deepEqual(codes(await client.pulledDiagnostics(yaml)), ['bibliography.invalid']);
    // Closed again, it is published from disk at the briefing's next check; with no briefing open, cleared.
    client.close(yaml);
    await client.pulledDiagnostics(brief);
    await client.waitFor(() => (published(yaml)?.length === 1 ? true : undefined), 'refs.yaml problems published again');
    client.close(brief);
    await client.waitFor(() => (published(yaml)?.length === 0 ? true : undefined), 'refs.yaml problems cleared with no briefing open');
  });
});
