/**
 * The status-bar item of a briefing: how many figures it states and how many of them have
 * problems ("Figures: 14 checked · 1 wrong · 2 uncited"), from the server's count of its
 * statistics and findings (refreshed whenever its diagnostics change). A warning state when a fact file it loads is missing
 * or broken, since then every figure check is in doubt. Click: the Problems panel.
 */
import * as vscode from 'vscode';
import { ServerCommands, type FigureCounts } from '../shared/protocol';

const FACT_FILE_CODES = new Set(['facts.missing', 'facts.broken', 'facts.invalid', 'facts.duplicateId']);
const REFRESH_DELAY_MS = 150;

export interface FigureSummary {
  figures: number;
  wrong: number;
  uncited: number;
  unsupported: number;
  arithmetic: number;
  factFileProblems: number;
}

/**
 * What the server counted of the briefing's findings: all of them, where its diagnostics
 * may be only the most severe (`briefing.maxProblems`).
 */
export function summarize(counts: FigureCounts): FigureSummary {
  const of = (code: string) => counts.findings[code] ?? 0;
  let factFileProblems = 0;
  for (const code of FACT_FILE_CODES) factFileProblems += of(code);
  return {
    figures: counts.figures,
    wrong: of('stat.mismatch'),
    uncited: of('stat.uncited'),
    unsupported: of('stat.unsupported'),
    arithmetic: of('stat.arithmetic'),
    factFileProblems,
  };
}

/** "Figures: 14 checked · 1 wrong · 2 uncited": checked are the figures that cite a source, so the checker could compare them. */
export function statusText(summary: FigureSummary): string {
  const checked = Math.max(0, summary.figures - summary.uncited);
  const parts = [`Figures: ${checked} checked`];
  if (summary.wrong > 0) parts.push(`${summary.wrong} wrong`);
  if (summary.unsupported > 0) parts.push(`${summary.unsupported} unsupported`);
  if (summary.arithmetic > 0) parts.push(`${summary.arithmetic} not adding up`);
  if (summary.uncited > 0) parts.push(`${summary.uncited} uncited`);
  return `${summary.factFileProblems > 0 ? '$(warning) ' : ''}${parts.join(' · ')}`;
}

export class FigureStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('briefing.figures', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private request = 0;

  constructor() {
    this.item.name = 'Briefing Check: figures';
    this.item.command = { command: 'workbench.actions.view.problems', title: 'Show Problems' };
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) this.schedule();
      }),
    );
    this.schedule();
  }

  /** The text shown now, for tests. */
  get text(): string | undefined {
    return this.item.text || undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    const mine = ++this.request;
    if (!document || document.languageId !== 'markdown') {
      this.item.hide();
      return;
    }
    const counts = await vscode.commands
      .executeCommand<FigureCounts | undefined>(ServerCommands.figureCounts, { uri: document.uri.toString() })
      .then(
        (result) => result,
        () => undefined,
      );
    if (mine !== this.request) return; // the editor or its diagnostics moved on
    if (!counts) {
      // Not a briefing (or the server is not ready): nothing to count.
      this.item.hide();
      return;
    }
    const summary = summarize(counts);
    this.item.text = statusText(summary);
    this.item.tooltip = tooltipOf(summary);
    this.item.backgroundColor = summary.factFileProblems > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

function tooltipOf(summary: FigureSummary): string {
  const lines = [
    `${summary.figures} figures in this briefing; ${Math.max(0, summary.figures - summary.uncited)} cite a source and are checked against its facts.`,
  ];
  if (summary.factFileProblems > 0)
    lines.push(
      `A fact file this briefing loads is missing or has errors (${summary.factFileProblems} problem${summary.factFileProblems === 1 ? '' : 's'}): checks may be incomplete.`,
    );
  lines.push('Click to open the Problems panel.');
  return lines.join('\n');
}
