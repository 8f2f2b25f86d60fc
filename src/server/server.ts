/**
 * The language server: owns the documents, settings and fact files, and wires each
 * LSP request to its feature module. No checking logic lives here; features read the
 * engine's results through the Analyzer.
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { basename, dirname } from 'node:path';
import {
  ALL_SERVER_COMMANDS,
  ServerCommands,
  TRUST_CHANGED_NOTIFICATION,
  type CheckFilesArgs,
  type InitializationOptions,
  type TrustChangedParams,
} from '../shared/protocol';
import { Analyzer, Stale, type Analysis } from './analysis';
import { FactStore } from './factStore';
import { FolderWatcher } from './folderWatcher';
import { CODE_ACTION_KINDS, codeActions } from './features/codeActions';
import { factFileCodeActions } from './features/factFileActions';
import { Commands } from './features/commands';
import { completion, COMPLETION_TRIGGERS } from './features/completion';
import { DiagnosticsFeature, describe, requestCancelled } from './features/diagnostics';
import { hover } from './features/hover';
import { definition, references } from './features/navigation';
import { prepareRename, rename } from './features/rename';
import { documentSymbols } from './features/symbols';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './features/semanticTokens';
import { documentLinks } from './features/documentLinks';
import { isMarkdown } from './briefingScope';
import { checkFiles, listBriefings } from './features/workspaceCheck';
import { BibliographyProblems } from './features/bibliographyProblems';
import { Settings, DEFAULT_SETTINGS } from './settings';
import { uriToPath, Workspace, pathToUri } from './workspace';
import { FACT_FILE_NAME } from '../node/factDiscovery';

declare const BRIEFING_CHECK_VERSION: string | undefined;
/** From package.json, put in by the build (esbuild `define`). */
const VERSION = typeof BRIEFING_CHECK_VERSION === 'string' ? BRIEFING_CHECK_VERSION : '0.0.0-dev';

/** Edits in a fact file re-check briefings once typing pauses, not on every keystroke. */
const FACT_EDIT_DELAY_MS = 300;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  let analyzer!: Analyzer;
  let diagnostics!: DiagnosticsFeature;
  let bibliographyProblems!: BibliographyProblems;
  let commands!: Commands;
  let settings!: Settings;
  let store!: FactStore;
  let dynamicConfiguration = false;
  let dynamicWatch = false;
  let refreshTimer: NodeJS.Timeout | undefined;

  const refreshSoon = () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      diagnostics.refreshAll();
    }, FACT_EDIT_DELAY_MS);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    headingSymbols = options.headingSymbols !== false;
    clientCommands = Array.isArray(options.clientCommands) ? options.clientCommands.filter((c) => typeof c === 'string') : [];
    workspace.setFolders(params.workspaceFolders, params.rootUri);
    workspace.trusted = options.trusted !== false;
    settings = new Settings(connection, capabilities.workspace?.configuration === true);
    store = new FactStore(workspace, documents);
    analyzer = new Analyzer(documents, settings, store, workspace);
    const pull = capabilities.textDocument?.diagnostic !== undefined;
    diagnostics = new DiagnosticsFeature(connection, analyzer, pull, capabilities.workspace?.diagnostics?.refreshSupport === true);
    bibliographyProblems = new BibliographyProblems(connection, analyzer);
    diagnostics.onBriefingChecked = (analysis) =>
      void bibliographyProblems.briefingChecked(analysis).catch((error) => connection.console.error(describe(error)));
    commands = new Commands(connection, analyzer, capabilities.workspace?.workspaceEdit?.documentChanges === true);
    dynamicConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    dynamicWatch = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const relativePatterns = capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
    // The client watches fact files and .bib files; a CSL-JSON/YAML bibliography is watched once a briefing names it.
    store.onBibliographyNamed = (path) => {
      if (!dynamicWatch) return;
      const name = basename(path);
      const globPattern = relativePatterns ? { baseUri: pathToUri(dirname(path)), pattern: name } : `**/${name}`;
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern }] }).catch(() => undefined);
    };
    store.onFilesFound = () => diagnostics.refreshAll();
    analyzer.log = (message) => connection.console.info(message);
    if (!dynamicWatch) watchFoldersOurselves();
    diagnostics.register();
    const prepareSupport = capabilities.textDocument?.rename?.prepareSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: prepareSupport ? { prepareProvider: true } : true,
        documentSymbolProvider: { label: 'Briefing' },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
        executeCommandProvider: { commands: ALL_SERVER_COMMANDS },
        ...(pull ? { diagnosticProvider: { identifier: 'briefing', interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'briefing-language-server', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'briefing' });
    if (dynamicWatch) {
      // Custom `briefing.factFiles` globs may name any JSON file; the default needs only the fact-file names and .bib files.
      // (A CSL-JSON or CSL-YAML bibliography gets its own watcher when a briefing names it: store.onBibliographyNamed.)
      const folder = workspace.all()[0];
      const first = folder ? await settings.get(pathToUri(folder)) : DEFAULT_SETTINGS;
      const custom = first.factFiles.some((g) => !FACT_FILE_NAME.test(g));
      const watchers = [
        { globPattern: '**/*.facts.{json,yaml,yml,csv,tsv,xlsx}' },
        { globPattern: '**/*.{bib,bibtex}' },
        ...(custom ? [{ globPattern: '**/*.json' }] : []),
      ];
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    }
    if (workspace.all().length > 0) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        workspace.addFolders(event.added, event.removed);
        store.settingsChanged();
        diagnostics.refreshAll();
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    settings.changed(params.settings);
    store.settingsChanged();
    diagnostics.refreshAll();
  });

  connection.onNotification(TRUST_CHANGED_NOTIFICATION, (params: TrustChangedParams) => {
    workspace.trusted = params.trusted;
    store.settingsChanged();
    diagnostics.refreshAll();
  });

  /** A client that reports no file changes: the server watches the folders its briefings' fact files come from. */
  let selfWatcher: FolderWatcher | undefined;
  /** Whether the outline lists headings (VS Code gives them itself). */
  let headingSymbols = true;
  /** Client-side commands code actions may use (VS Code's pickers). */
  let clientCommands: string[] = [];
  const watchFoldersOurselves = () => {
    const watcher = new FolderWatcher(
      (path) => FACT_FILE_NAME.test(path) || analyzer.isLoaded(path),
      (path, change) => {
        if (documents.all().some((d) => uriToPath(d.uri) === path)) return;
        store.changed(path, change);
        refreshSoon();
      },
    );
    analyzer.onFactFilesUsed = (briefingUri, factFiles) => {
      const briefing = uriToPath(briefingUri);
      const folders = new Set(factFiles.map((f) => dirname(f)));
      if (briefing)
        for (let folder = dirname(briefing), root = workspace.rootFor(briefing); ; folder = dirname(folder)) {
          folders.add(folder);
          if (folder === root || dirname(folder) === folder) break;
        }
      watcher.watchFolders(folders);
    };
    selfWatcher = watcher;
  };

  connection.onDidChangeWatchedFiles((params) => {
    let relevant = false;
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (!path) continue;
      const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      // An open fact file is read from its editor; its disk copy changing (a save) changes nothing.
      store.changed(path, kind);
      relevant = true;
    }
    if (relevant) diagnostics.refreshAll();
  });

  const contentChanged = async (document: TextDocument) => {
    if (await analyzer.isFactFile(document.uri)) {
      diagnostics.documentChanged(document.uri);
      refreshSoon();
    } else {
      diagnostics.documentChanged(document.uri);
    }
  };
  documents.onDidOpen((event) => {
    store.rescan();
    bibliographyProblems.documentOpened(event.document.uri);
    void contentChanged(event.document);
  });
  documents.onDidChangeContent((event) => void contentChanged(event.document));
  documents.onDidClose(async (event) => {
    const uri = event.document.uri;
    diagnostics.documentClosed(uri);
    analyzer.forget(uri);
    settings.forget(uri);
    bibliographyProblems.documentClosed();
    const path = uriToPath(uri);
    if (path && (/\.(?:json|ya?ml|csv|tsv|bib|bibtex)$/i.test(uri) || analyzer.isLoaded(path))) {
      // Closing a fact file with unsaved edits brings back its disk text.
      store.changed(path, 'changed');
      diagnostics.refreshAll();
    }
  });

  /**
   * Runs a feature on the current analysis of a briefing; null when it is not one or went
   * stale. A request the client cancelled is answered RequestCancelled, as LSP advises. A
   * ResponseError is the user's answer (a refused rename): the client shows its message,
   * so it is no failure to log.
   */
  const withAnalysis = async <T>(uri: string, token: CancellationToken, feature: (analysis: Analysis) => T): Promise<T | null> => {
    try {
      const analysis = await analyzer.analyze(uri, token);
      if (token.isCancellationRequested) throw requestCancelled();
      if (!analysis) return null;
      return feature(analysis);
    } catch (error) {
      if (token.isCancellationRequested) throw requestCancelled();
      if (error instanceof Stale) return null;
      if (!(error instanceof ResponseError)) connection.console.error(describe(error));
      throw error;
    }
  };

  connection.onHover((params, token) => withAnalysis(params.textDocument.uri, token, (a) => hover(a, params) ?? null));
  connection.onCompletion((params, token) => withAnalysis(params.textDocument.uri, token, (a) => completion(a, params)));
  connection.onDefinition((params, token) => withAnalysis(params.textDocument.uri, token, (a) => definition(a, params.position)));
  connection.onReferences((params, token) =>
    withAnalysis(params.textDocument.uri, token, (a) => references(a, params.position, params.context.includeDeclaration)),
  );
  connection.onPrepareRename((params, token) => withAnalysis(params.textDocument.uri, token, (a) => prepareRename(a, params.position)));
  connection.onRenameRequest((params, token) =>
    withAnalysis(params.textDocument.uri, token, (a) => rename(a, params.position, params.newName)),
  );
  connection.languages.semanticTokens.on((params, token) =>
    withAnalysis(params.textDocument.uri, token, (a) => semanticTokens(a)).then((t) => t ?? { data: [] }),
  );
  connection.onDocumentSymbol((params, token) => withAnalysis(params.textDocument.uri, token, (a) => documentSymbols(a, headingSymbols)));
  connection.onDocumentLinks((params) => {
    const document = documents.get(params.textDocument.uri);
    return document && isMarkdown(document.languageId, document.uri) ? documentLinks(document) : [];
  });
  connection.onCodeAction(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (document && (await analyzer.isFactFile(document.uri))) return factFileCodeActions(document, params);
    return withAnalysis(params.textDocument.uri, token, (a) => codeActions(a, params, clientCommands));
  });

  connection.onExecuteCommand(async (params) => {
    const args = params.arguments ?? [];
    try {
      if (params.command === ServerCommands.listBriefings) return await listBriefings(analyzer);
      if (params.command === ServerCommands.checkFiles)
        return await checkFiles(analyzer, diagnostics, (args[0] ?? { uris: [] }) as CheckFilesArgs);
      return await commands.execute(params.command, args);
    } catch (error) {
      connection.console.error(`${params.command} failed: ${describe(error)}`);
      throw error;
    }
  });

  connection.onShutdown(() => {
    if (refreshTimer) clearTimeout(refreshTimer);
    selfWatcher?.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
