// A language server that checks nothing: the protocol floor of `npm run bench`. It keeps
// open documents in sync as briefing-language-server does (vscode-languageserver's
// TextDocuments, incremental changes) and, after each change, publishes a fixed list of
// diagnostics (read from the JSON file named by --diagnostics, as the real server published
// them for the same briefing) stamped with the document's version. Edit → diagnostics
// against this server is what any server publishing those diagnostics over stdio costs on
// this machine (applying the edit, serializing, the pipe, the client's parse), so the real
// server's latency minus this one is what checking costs.
//
//   node bench/null-server.mjs --stdio --diagnostics <file.json>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createConnection, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const at = process.argv.indexOf('--diagnostics');
if (at < 0 || !process.argv[at + 1]) {
  process.stderr.write('Usage: node bench/null-server.mjs --stdio --diagnostics <file.json>\n');
  process.exit(2);
}
const diagnostics = JSON.parse(readFileSync(process.argv[at + 1], 'utf8'));

const connection = createConnection();
const documents = new TextDocuments(TextDocument);
const pending = new Map();

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));

/** Published on the next turn of the event loop, after the changes already received, as the real server does. */
function schedule(uri) {
  clearImmediate(pending.get(uri));
  pending.set(
    uri,
    setImmediate(() => {
      pending.delete(uri);
      const document = documents.get(uri);
      if (!document) return;
      // Each diagnostic names the version it was computed for, as the real server's do.
      for (const d of diagnostics) if (d.data) d.data.version = document.version;
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics });
    }),
  );
}

documents.onDidOpen((e) => schedule(e.document.uri));
documents.onDidChangeContent((e) => schedule(e.document.uri));
documents.listen(connection);
connection.listen();
