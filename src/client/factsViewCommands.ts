/**
 * The actions of the Facts view: on a fact, insert its figure with a citation (as Find
 * Fact does), copy a citation of its source, find the statistics it supports (VS Code's
 * references peek, anchored at the fact in its file); in the title bar, filter the view
 * and clear the filter. Each returns what it did, for tests and other extensions.
 */
import * as vscode from 'vscode';
import { ServerCommands, type FactItem, type FactUse } from '../shared/protocol';
import type { FactsView } from './factsView';

/** A fact node of the view (what VS Code passes to an item's action), or `{ factId }` from elsewhere. */
type FactArg = { fact?: FactItem } | undefined;

export function registerFactsViewCommands(view: FactsView, register: (id: string, run: (...args: any[]) => unknown) => void): void {
  register(
    'briefing.facts.insert',
    (node: FactArg) => node?.fact && vscode.commands.executeCommand('briefing.findFact', { factId: node.fact.id }),
  );
  register('briefing.facts.copyCitation', (node: FactArg) => node?.fact && copyCitation(node.fact));
  register('briefing.facts.findUses', (node: FactArg) => node?.fact && findUses(node.fact));
  register('briefing.facts.filter', (text?: string) => filter(view, text));
  register('briefing.facts.clearFilter', () => view.setFilter(''));
}

/** A Pandoc citation of the fact's source, with the fact's locator: `[@kotra-2017, table 4]`. */
export function citationOf(fact: Pick<FactItem, 'source' | 'locator'>): string {
  return `[@${fact.source}${fact.locator ? `, ${fact.locator}` : ''}]`;
}

async function copyCitation(fact: FactItem): Promise<string> {
  const citation = citationOf(fact);
  await vscode.env.clipboard.writeText(citation);
  vscode.window.setStatusBarMessage(`Copied ${citation}`, 3000);
  return citation;
}

/** Peeks at the statistics the fact supports, from the fact in its file; says so when none does. */
async function findUses(fact: FactItem): Promise<FactUse[]> {
  const uses = (await vscode.commands.executeCommand<FactUse[] | undefined>(ServerCommands.factUses, { factId: fact.id })) ?? [];
  if (uses.length === 0) {
    void vscode.window.showInformationMessage(`No statistic of the workspace’s briefings uses ${fact.id}.`);
    return uses;
  }
  const locations = uses.map(
    (use) =>
      new vscode.Location(
        vscode.Uri.parse(use.uri),
        new vscode.Range(use.range.start.line, use.range.start.character, use.range.end.line, use.range.end.character),
      ),
  );
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    vscode.Uri.parse(fact.file),
    new vscode.Position(fact.line, 0),
    locations,
  );
  return uses;
}

async function filter(view: FactsView, given?: string): Promise<string | undefined> {
  const text =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: 'Filter Facts',
          prompt: 'Words of the statement, a value, a source or a keyword; empty shows every fact',
          value: view.filter,
        });
  if (text === undefined) return undefined;
  await view.setFilter(text);
  return text;
}
