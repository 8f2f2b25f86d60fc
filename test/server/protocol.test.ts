/**
 * Protocol details other editors than VS Code depend on: the server's version in
 * serverInfo, cancellation answered as the client expects, and a refused rename
 * answered as a message rather than logged as a failure.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { BRIEFING, FACTS } from './fixtures';
import { makeWorkspace, positionOf } from './lspHarness';
import { RawLspClient, type RawMessage } from './rawLspClient';

const REQUEST_CANCELLED = -32800;
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('protocol with a client other than VS Code', () => {
  const ws = makeWorkspace({ 'data.facts.json': FACTS, 'trade.brief.md': BRIEFING, 'other.brief.md': BRIEFING });
  let client: RawLspClient;
  let initialize: RawMessage;

  before(async () => {
    client = new RawLspClient();
    client.answers.set('client/registerCapability', () => null);
    const rootUri = ws.uri('.').replace(/\/\.?$/, '');
    // Pull diagnostics and configuration, but no file watching (as Neovim on Linux).
    initialize = await client.request(0, 'initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {}, rename: { prepareSupport: true } } },
    });
    client.send({ method: 'initialized', params: {} });
  });
  after(async () => {
    await client.stop();
    ws.dispose();
  });

  const open = (rel: string) =>
    client.send({
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: ws.uri(rel), languageId: 'markdown', version: 1, text: BRIEFING } },
    });

  it('names itself and its version in serverInfo', () => {
    const result = initialize.result as { serverInfo?: { name: string; version?: string } };
    assert.deepEqual(result.serverInfo, { name: 'briefing-language-server', version });
    assert.match(version, /^\d+\.\d+\.\d+/);
  });

  it('answers each request the client cancels once, with RequestCancelled and no retrigger', async () => {
    client.answers.set('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => ({})));
    open('trade.brief.md');
    const uri = ws.uri('trade.brief.md');
    // Cancelled before the server starts on it: the request and its cancellation arrive together.
    const ids = [101, 102, 103, 104, 105];
    for (const id of ids)
      client.send(
        { id, method: 'textDocument/diagnostic', params: { textDocument: { uri } } },
        { method: '$/cancelRequest', params: { id } },
      );
    // An uncancelled request still gets its diagnostics, and (answered in order) comes after the others.
    const kept = await client.request(106, 'textDocument/diagnostic', { textDocument: { uri } });
    assert.ok((kept.result as { items: unknown[] }).items.length > 0, JSON.stringify(kept));
    for (const id of ids) {
      const responses = client.responsesTo(id);
      assert.equal(responses.length, 1, `request ${id} answered ${responses.length} times`);
      assert.equal(responses[0]!.error?.code, REQUEST_CANCELLED, JSON.stringify(responses[0]));
      assert.notEqual((responses[0]!.error?.data as { retriggerRequest?: boolean } | undefined)?.retriggerRequest, true);
    }
  });

  it('answers RequestCancelled for a request cancelled while it runs', async () => {
    // The server asks for this document's settings; the client holds the answer back
    // until it has cancelled the request, so the check is mid-way when the cancel arrives.
    client.answers.delete('workspace/configuration');
    const asked = client.requestsFromServer('workspace/configuration').length;
    open('other.brief.md');
    client.send({ id: 201, method: 'textDocument/diagnostic', params: { textDocument: { uri: ws.uri('other.brief.md') } } });
    const question = await client.waitFor(() => client.requestsFromServer('workspace/configuration')[asked], 'the settings request');
    client.send(
      { method: '$/cancelRequest', params: { id: 201 } },
      { id: question.id, result: (question.params as { items: unknown[] }).items.map(() => ({})) },
    );
    client.answers.set('workspace/configuration', (params) => (params as { items: unknown[] }).items.map(() => ({})));
    const response = await client.waitFor(() => client.responsesTo(201)[0], 'the answer to the cancelled request');
    assert.equal(response.error?.code, REQUEST_CANCELLED, JSON.stringify(response));
    // The hover of a cancelled request is cancelled too, not an empty answer.
    const at = positionOf(BRIEFING, '[^1]', 1, 1);
    client.send(
      { id: 202, method: 'textDocument/hover', params: { textDocument: { uri: ws.uri('other.brief.md') }, position: at } },
      { method: '$/cancelRequest', params: { id: 202 } },
    );
    const hover = await client.waitFor(() => client.responsesTo(202)[0], 'the cancelled hover');
    assert.equal(hover.error?.code, REQUEST_CANCELLED, JSON.stringify(hover));
    assert.equal(client.responsesTo(201).length, 1);
  });

  it('refuses a bad rename with a message, and logs no error or stack trace', async () => {
    const uri = ws.uri('trade.brief.md');
    const at = positionOf(BRIEFING, '[^coal]', 1, 3);
    const logsBefore = client.received.filter((m) => m.method === 'window/logMessage').length;
    const refused = await client.request(301, 'textDocument/rename', { textDocument: { uri }, position: at, newName: 'two words' });
    assert.equal(refused.error?.code, -32602);
    assert.match(refused.error.message, /cannot be a footnote label/);
    const taken = await client.request(302, 'textDocument/rename', { textDocument: { uri }, position: at, newName: '1' });
    assert.match(taken.error!.message, /already exists/);
    // A request answered after the renames, so any log they caused has arrived.
    await client.request(303, 'textDocument/hover', { textDocument: { uri }, position: at });
    const logs = client.received.filter((m) => m.method === 'window/logMessage').slice(logsBefore) as {
      params: { type: number; message: string };
    }[];
    assert.deepEqual(
      logs.filter((l) => l.params.type === 1 || /\n\s+at /.test(l.params.message)),
      [],
    );
    assert.doesNotMatch(client.stderr, /\n\s+at /);
  });
});
