/**
 * The Facts view (Explorer): for the active briefing, its fact files → sources → facts,
 * each fact shown as the briefing would write it with its statement, its quote as the
 * tooltip and how many statistics of the workspace's briefings it supports ("unused"
 * when none). Click reveals the fact in its file. Refreshed when the active briefing
 * changes and whenever its diagnostics do (every edit of it or of a fact file).
 */
import * as vscode from 'vscode';
import { ServerCommands, type FactItem, type FactUsage, type SourceItem } from '../shared/protocol';

const ALL_FACTS = 2000;
const REFRESH_DELAY_MS = 400;

type Node =
  | { kind: 'file'; uri: string; facts: FactItem[]; sources: SourceItem[] }
  | { kind: 'source'; id: string; title: string | undefined; facts: FactItem[] }
  | { kind: 'fact'; fact: FactItem; uses: number };

function server<T>(command: string, args?: unknown): Thenable<T | undefined> {
  return vscode.commands.executeCommand<T | undefined>(command, args).then(
    (result) => result,
    () => undefined,
  );
}

export class FactsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private briefing: vscode.Uri | undefined;
  private roots: Node[] = [];
  private timer: NodeJS.Timeout | undefined;
  private request = 0;

  constructor() {
    const view = vscode.window.createTreeView('briefing.facts', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (this.briefing && event.uris.some((uri) => uri.toString() === this.briefing!.toString())) this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument(() => this.schedule()),
    );
    this.schedule();
  }

  /** The top-level labels and, under them, each fact's label and description, for tests. */
  snapshot(): { file: string; facts: { id: string; label: string; uses: number }[] }[] {
    return this.roots.flatMap((root) =>
      root.kind === 'file' ? [{ file: vscode.workspace.asRelativePath(vscode.Uri.parse(root.uri)), facts: root.facts.map((f) => ({ id: f.id, label: f.display, uses: this.uses.get(f.id) ?? 0 })) }] : [],
    );
  }

  private uses = new Map<string, number>();

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
    const uri = this.briefing.toString();
    const [files, sources, facts, usage] = await Promise.all([
      server<string[]>(ServerCommands.listFactFiles, { uri }),
      server<SourceItem[]>(ServerCommands.listSources, { uri }),
      server<FactItem[]>(ServerCommands.searchFacts, { uri, query: '', limit: ALL_FACTS }),
      server<FactUsage>(ServerCommands.factUsage),
    ]);
    if (mine !== this.request) return;
    this.uses = new Map(Object.entries(usage?.supported ?? {}));
    this.roots = (files ?? []).map((file) => ({
      kind: 'file' as const,
      uri: file,
      facts: (facts ?? []).filter((f) => f.file === file),
      sources: (sources ?? []).filter((s) => s.file === file),
    }));
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
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

  getTreeItem(node: Node): vscode.TreeItem {
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
      const item = new vscode.TreeItem(node.id, node.facts.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.description = node.title;
      item.iconPath = new vscode.ThemeIcon('book');
      item.contextValue = 'source';
      return item;
    }
    const { fact, uses } = node;
    const item = new vscode.TreeItem(fact.display, vscode.TreeItemCollapsibleState.None);
    item.description = `${fact.statement} · ${uses === 0 ? 'unused' : `used ${uses}×`}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${fact.id}** — ${fact.statement}\n\n`);
    tooltip.appendText(`“${fact.quote}”`);
    tooltip.appendMarkdown(`\n\n${uses === 0 ? 'No statistic of the workspace’s briefings uses this fact.' : `Supports ${uses} ${uses === 1 ? 'statistic' : 'statistics'} in the workspace’s briefings.`}`);
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(uses === 0 ? 'circle-outline' : 'pass');
    item.contextValue = 'fact';
    const position = new vscode.Position(fact.line, 0);
    item.command = { command: 'vscode.open', title: 'Reveal the fact', arguments: [vscode.Uri.parse(fact.file), { selection: new vscode.Range(position, position) }] };
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
