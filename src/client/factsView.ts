/**
 * The Facts view (Explorer): for the active briefing, its fact files → sources → facts,
 * each fact shown as the briefing would write it with its statement, its quote as the
 * tooltip and how many statistics of the workspace's briefings it supports ("unused"
 * when none); a superseded fact says which fact replaces it. A filter (the server's fact
 * search) narrows it to the matching facts. Click reveals the fact in its file.
 *
 * Refreshed, while visible, when the active briefing changes and after every change
 * that can change what it shows: diagnostics of any file (each edit of a briefing or a
 * fact file is re-checked), an edit of a fact file, a save.
 */
import * as vscode from 'vscode';
import { ServerCommands, type FactItem, type FactUsage, type FactsViewSnapshot, type SourceItem } from '../shared/protocol';

const ALL_FACTS = 2000;
const REFRESH_DELAY_MS = 400;
const FACT_FILE = /\.facts\.(json|ya?ml|csv|tsv|xlsx)$/i;
/** Whose diagnostics can change what the view shows (other languages' problems cannot). */
const BRIEFING_OR_FACT_FILE = /\.(md|markdown)$|\.facts\.(json|ya?ml|csv|tsv|xlsx)$|\.(bib|bibtex)$/i;
/** Set while a filter is on: the title bar then offers to clear it. */
const FILTERED_CONTEXT = 'briefing.facts.filtered';

/** Whether new diagnostics of `uri` can change what the view shows: a briefing's (an untitled one too), a fact file's or a bibliography's. */
function mayChangeView(uri: vscode.Uri): boolean {
  if (BRIEFING_OR_FACT_FILE.test(uri.path)) return true;
  return vscode.workspace.textDocuments.some((d) => d.languageId === 'markdown' && d.uri.toString() === uri.toString());
}

export type FactsNode =
  | { kind: 'file'; uri: string; facts: FactItem[]; sources: SourceItem[] }
  | { kind: 'source'; id: string; title: string | undefined; facts: FactItem[] }
  | { kind: 'fact'; fact: FactItem; uses: number };

function server<T>(command: string, args?: unknown): Thenable<T | undefined> {
  return vscode.commands.executeCommand<T | undefined>(command, args).then(
    (result) => result,
    () => undefined,
  );
}

export class FactsView implements vscode.TreeDataProvider<FactsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FactsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly view: vscode.TreeView<FactsNode>;
  private briefing: vscode.Uri | undefined;
  private roots: FactsNode[] = [];
  private uses = new Map<string, number>();
  private filterText = '';
  private timer: NodeJS.Timeout | undefined;
  private request = 0;
  /** A change arrived while hidden: refresh when shown again. */
  private stale = false;

  constructor() {
    this.view = vscode.window.createTreeView('briefing.facts', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      this.view.onDidChangeVisibility(() => this.stale && this.schedule()),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor?.document.languageId === 'markdown' && this.schedule()),
      // Usage counts come from every briefing, and a fact file's edit re-checks the briefings that load it.
      vscode.languages.onDidChangeDiagnostics((event) => event.uris.some(mayChangeView) && this.schedule()),
      vscode.workspace.onDidChangeTextDocument(
        (event) => event.contentChanges.length > 0 && FACT_FILE.test(event.document.uri.path) && this.schedule(),
      ),
      vscode.workspace.onDidSaveTextDocument(() => this.schedule()),
    );
    this.schedule();
  }

  /** What the view shows, for tests. */
  snapshot(): FactsViewSnapshot {
    return {
      briefing: this.briefing && vscode.workspace.asRelativePath(this.briefing),
      filter: this.filterText,
      files: this.roots.flatMap((root) =>
        root.kind === 'file'
          ? [
              {
                file: vscode.workspace.asRelativePath(vscode.Uri.parse(root.uri)),
                facts: root.facts.map((f) => ({
                  id: f.id,
                  label: f.display,
                  uses: this.uses.get(f.id) ?? 0,
                  ...(f.supersededBy ? { supersededBy: f.supersededBy } : {}),
                })),
              },
            ]
          : [],
      ),
    };
  }

  get filter(): string {
    return this.filterText;
  }

  /** Shows only the facts the server's search finds for `text` (statement, value, source, keywords); '' shows all. */
  async setFilter(text: string): Promise<void> {
    this.filterText = text.trim();
    this.view.description = this.filterText ? `matching “${this.filterText}”` : undefined;
    await vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, this.filterText !== '');
    await this.refresh();
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    // Another kind of file in front (a fact file, a source's text): keep showing the last briefing.
    if (editor?.document.languageId === 'markdown') this.briefing = editor.document.uri;
    const mine = ++this.request;
    if (!this.briefing) return;
    // Nobody looks: the usage counts check every briefing, so wait until someone does.
    if (!this.view.visible && this.roots.length > 0) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const uri = this.briefing.toString();
    const [files, sources, facts, usage] = await Promise.all([
      server<string[]>(ServerCommands.listFactFiles, { uri }),
      server<SourceItem[]>(ServerCommands.listSources, { uri }),
      server<FactItem[]>(ServerCommands.searchFacts, { uri, query: this.filterText, limit: ALL_FACTS }),
      server<FactUsage>(ServerCommands.factUsage),
    ]);
    if (mine !== this.request) return;
    this.uses = new Map(Object.entries(usage?.supported ?? {}));
    const filtered = this.filterText !== '';
    this.roots = (files ?? [])
      .map((file) => ({
        kind: 'file' as const,
        uri: file,
        facts: (facts ?? []).filter((f) => f.file === file),
        // Filtered: only the sources of the facts found.
        sources: (sources ?? []).filter((s) => s.file === file && (!filtered || (facts ?? []).some((f) => f.source === s.id))),
      }))
      .filter((root) => !filtered || root.facts.length > 0);
    this.view.message = filtered && this.roots.length === 0 ? `No fact matches “${this.filterText}”.` : undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: FactsNode): FactsNode[] {
    if (!node) return this.roots;
    if (node.kind === 'file') {
      // The file's own sources, then the sources its facts cite from elsewhere (a CSV table's).
      const ids = [...new Set([...node.sources.map((s) => s.id), ...node.facts.map((f) => f.source)])];
      return ids.map((id) => ({
        kind: 'source' as const,
        id,
        title: node.sources.find((s) => s.id === id)?.title ?? node.facts.find((f) => f.source === id)?.sourceTitle,
        facts: node.facts.filter((f) => f.source === id),
      }));
    }
    if (node.kind === 'source') return node.facts.map((fact) => ({ kind: 'fact' as const, fact, uses: this.uses.get(fact.id) ?? 0 }));
    return [];
  }

  getTreeItem(node: FactsNode): vscode.TreeItem {
    if (node.kind === 'file') {
      const uri = vscode.Uri.parse(node.uri);
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(uri), vscode.TreeItemCollapsibleState.Expanded);
      item.resourceUri = uri;
      item.description = `${node.facts.length} ${node.facts.length === 1 ? 'fact' : 'facts'}`;
      item.contextValue = 'factFile';
      item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
      return item;
    }
    if (node.kind === 'source') {
      const item = new vscode.TreeItem(
        node.id,
        node.facts.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      );
      item.description = node.title;
      item.iconPath = new vscode.ThemeIcon('book');
      item.contextValue = 'source';
      return item;
    }
    return factItem(node.fact, node.uses);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

function factItem(fact: FactItem, uses: number): vscode.TreeItem {
  const item = new vscode.TreeItem(fact.display, vscode.TreeItemCollapsibleState.None);
  const usage = uses === 0 ? 'unused' : `used ${uses}×`;
  item.description = fact.supersededBy
    ? `superseded by ${fact.supersededBy} · ${fact.statement} · ${usage}`
    : `${fact.statement} · ${usage}`;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${fact.id}** — `);
  tooltip.appendText(fact.statement);
  tooltip.appendMarkdown('\n\n');
  tooltip.appendText(`“${fact.quote}”`);
  if (fact.supersededBy) {
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(`Superseded by ${fact.supersededBy}: a newer figure for the same measure replaces this one.`);
  }
  tooltip.appendMarkdown(
    `\n\n${uses === 0 ? 'No statistic of the workspace’s briefings uses this fact.' : `Supports ${uses} ${uses === 1 ? 'statistic' : 'statistics'} in the workspace’s briefings.`}`,
  );
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon(fact.supersededBy ? 'history' : uses === 0 ? 'circle-outline' : 'pass');
  item.contextValue = fact.supersededBy ? 'fact.superseded' : 'fact';
  const position = new vscode.Position(fact.line, 0);
  item.command = {
    command: 'vscode.open',
    title: 'Reveal the fact',
    arguments: [vscode.Uri.parse(fact.file), { selection: new vscode.Range(position, position) }],
  };
  return item;
}
