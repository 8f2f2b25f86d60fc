/**
 * The status-bar item of a briefing: how many figures it states and how many of them have
 * problems ("Figures: 14 checked · 1 wrong · 2 uncited"), from its diagnostics and the
 * server's count of its statistics. A warning state when a fact file it loads is missing
 * or broken, since then every figure check is in doubt. Click: the Problems panel.
 */
import * as vscode from 'vscode';
import { ServerCommands, type FigureCounts } from '../shared/protocol';

const SOURCE = 'briefing';
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

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** What the briefing's own diagnostics say about its figures. */
export function summarize(figures: number, diagnostics: readonly vscode.Diagnostic[]): FigureSummary {
  const summary: FigureSummary = { figures, wrong: 0, uncited: 0, unsupported: 0, arithmetic: 0, factFileProblems: 0 };
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const code = codeOf(diagnostic);
    if (code === 'stat.mismatch') summary.wrong++;
    else if (code === 'stat.uncited') summary.uncited++;
    else if (code === 'stat.unsupported') summary.unsupported++;
    else if (code === 'stat.arithmetic') summary.arithmetic++;
    else if (code && FACT_FILE_CODES.has(code)) summary.factFileProblems++;
  }
  return summary;
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
    const summary = summarize(counts.figures, vscode.languages.getDiagnostics(document.uri));
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
