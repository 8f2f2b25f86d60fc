/**
 * Record as a New Fact…: the quick fix of an uncited or unsupported figure. The Add Fact
 * flow, started from the briefing instead of the source: the figure, its unit and its
 * sentence come from the briefing; the quote (the source's words, from the clipboard or
 * typed) must state the figure; the source is picked or created and the fact file picked
 * as in Add Fact. The fact is written as one edit; then an uncited figure's sentence cites
 * the new fact's source (a note in the briefing's own style), so the checker compares the
 * figure with the fact. Nothing is written into the briefing but that citation.
 */
import * as vscode from 'vscode';
import { ServerCommands, type FactProposal, type ProposeFactsResult, type RecordFigureArgs, type SourceItem } from '../../shared/protocol';
import { reportEdit, type ServerApi } from '../serverCommands';
import { NEW, ask, createSource, onceLoaded, pickSource, pickTarget, server, writeFact } from './factFlow';

const TITLE = 'Record as a New Fact';

export async function recordFigure(api: ServerApi, args: RecordFigureArgs | undefined): Promise<void> {
  if (!args?.uri || !args.range) {
    void vscode.window.showInformationMessage('Use "Record as a new fact…" from the light bulb of an uncited or unsupported figure.');
    return;
  }
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.parse(args.uri).toString());
  if (!document) return;
  const answers = args.answers ?? {};

  const figure = await quotedFigure(args, answers.quote);
  if (!figure) return;
  const unit =
    figure.proposal.unit ??
    args.unit ??
    (await ask(TITLE, 'Unit of the figure ("percent", a currency code such as USD, or what is counted)', '', (v) =>
      v.trim() ? undefined : 'A fact needs a unit.',
    ));
  if (!unit) return;
  const statement =
    answers.statement ??
    (await ask(TITLE, 'Statement: what the figure is, in a sentence', args.statement, (v) =>
      v.trim() ? undefined : 'A fact needs a statement.',
    ));
  if (!statement) return;

  const sources = (await server<SourceItem[]>(ServerCommands.listSources, { uri: args.uri })) ?? [];
  const source = await chooseSource(args, sources);
  if (!source) return;
  const newSource = source === NEW ? await createSource(TITLE, sources, undefined) : undefined;
  if (source === NEW && !newSource) return;
  const sourceId = newSource?.id ?? (source as SourceItem).id;
  const known = source === NEW ? undefined : source;

  const proposed = await server<ProposeFactsResult>(ServerCommands.proposeFacts, {
    ...wholeText(figure.quote),
    briefing: args.uri,
    sourceId,
  });
  const proposedId = proposed?.proposals[figure.index]?.id ?? `${sourceId}-fact`;
  const id =
    answers.factId ?? (await ask(TITLE, 'Id of the new fact', proposedId, (v) => (/^\S+$/.test(v) ? undefined : 'An id has no spaces.')));
  if (!id) return;

  const target = answers.target
    ? { uri: answers.target, create: false, label: vscode.workspace.asRelativePath(vscode.Uri.parse(answers.target)) }
    : await pickTarget(TITLE, document, args.uri, known);
  if (!target) return;
  const written = await writeFact({
    target: target.uri,
    create: target.create,
    fact: { id, statement: statement.trim(), value: figure.proposal.value, unit: unit.trim(), source: sourceId, quote: figure.quote },
    source: newSource,
    briefing: args.uri,
  });
  if (!written) return;

  if (!args.citeAt) {
    void vscode.window.showInformationMessage(`Recorded ${id} in ${target.label}.`);
    return;
  }
  // The citation goes where the quick fix computed it, so only into the text it was computed for.
  if (document.version !== args.version) {
    void vscode.window.showWarningMessage(
      `Recorded ${id} in ${target.label}. The briefing changed meanwhile: cite @${sourceId} with Insert Citation….`,
    );
    return;
  }
  const at = new vscode.Position(args.citeAt.line, args.citeAt.character);
  const cited = await onceLoaded(() => api.insertCitation(document, at, sourceId));
  if (cited && !cited.applied && target.create && /No loaded fact file/.test(cited.message ?? '')) {
    // A briefing whose front matter lists its fact files does not load a new file beside it.
    void vscode.window.showWarningMessage(
      `Recorded ${id} in ${target.label}, which this briefing does not load: add it to the briefing's facts: list, then cite @${sourceId}.`,
    );
    return;
  }
  reportEdit(cited);
}

/** How long to wait for the clipboard: in a browser (code-server, vscode.dev) reading it may wait for a permission that never comes. */
const CLIPBOARD_WAIT_MS = 1500;

function clipboardText(): Promise<string> {
  const read = Promise.resolve(vscode.env.clipboard.readText()).catch(() => '');
  return Promise.race([read, new Promise<string>((resolve) => setTimeout(() => resolve(''), CLIPBOARD_WAIT_MS))]);
}

interface QuotedFigure {
  quote: string;
  /** The figure of the quote that becomes the fact: its value is what the source says. */
  proposal: FactProposal;
  index: number;
}

function wholeText(text: string) {
  const lines = text.split('\n');
  return {
    text,
    selection: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1]!.length } },
  };
}

/** The figures of a quote that can be the figure's fact: those in its unit (any, when the figure's unit is unclear). */
async function figuresOf(quote: string, args: RecordFigureArgs): Promise<FactProposal[]> {
  const text = quote.replace(/\s+/g, ' ').trim();
  if (!text) return [];
  const proposed = await server<ProposeFactsResult>(ServerCommands.proposeFacts, wholeText(text));
  return (proposed?.proposals ?? []).filter((p) => args.unit === undefined || p.unit === undefined || sameUnit(p.unit, args.unit));
}

/** "sailors" as the source writes it and "sailor" as the engine names a counted noun are the same unit. */
function sameUnit(a: string, b: string): boolean {
  const key = (unit: string) => unit.toLowerCase().replace(/s$/, '');
  return key(a) === key(b);
}

/**
 * The source's words and the figure they state. The clipboard is offered when it states
 * the figure; a quote that states no figure in the figure's unit is refused, since the
 * fact would be unsupported by its own quote. When the quote gives another value than the
 * briefing (or several), the source's value is the fact's, picked by the writer.
 */
async function quotedFigure(args: RecordFigureArgs, answer: string | undefined): Promise<QuotedFigure | undefined> {
  const what = args.unit ? `${args.figure} (${args.unit})` : args.figure;
  let quote = answer;
  if (quote === undefined) {
    const clipboard = (await clipboardText()).replace(/\s+/g, ' ').trim();
    const offered = clipboard.length <= 2000 && (await figuresOf(clipboard, args)).some((p) => p.value === args.value) ? clipboard : '';
    quote = await ask(
      TITLE,
      `Quote: the words of the source that give ${what}${offered ? ' (from the clipboard)' : ''}`,
      offered,
      async (v) =>
        (await figuresOf(v, args)).length > 0
          ? undefined
          : `The quote must state the figure (${args.unit ?? 'a number with its unit'}), as the source writes it.`,
    );
    if (!quote) return undefined;
  }
  quote = quote.replace(/\s+/g, ' ').trim();
  const figures = await figuresOf(quote, args);
  if (figures.length === 0) {
    void vscode.window.showWarningMessage(`The quote states no figure in ${args.unit ?? 'the figure’s unit'}; nothing was recorded.`);
    return undefined;
  }
  const same = figures.findIndex((p) => p.value === args.value);
  if (same >= 0) return { quote, proposal: figures[same]!, index: same };
  if (answer !== undefined) return { quote, proposal: figures[0]!, index: 0 };
  const picked = await vscode.window.showQuickPick(
    figures.map((proposal, index) => ({
      label: proposal.figure,
      description: `${proposal.value} ${proposal.unit ?? ''}`.trim(),
      detail: proposal.statement,
      proposal,
      index,
    })),
    {
      title: TITLE,
      placeHolder: `The quote does not say ${args.figure}: which of its figures is the fact? (The briefing is then checked against it.)`,
    },
  );
  return picked && { quote, proposal: picked.proposal, index: picked.index };
}

/** The new fact's source: one the sentence cites already, else any of the briefing's sources or a new one. */
async function chooseSource(args: RecordFigureArgs, sources: SourceItem[]): Promise<SourceItem | typeof NEW | undefined> {
  const wanted = args.answers?.sourceId ?? (args.cited.length === 1 ? args.cited[0] : undefined);
  if (wanted !== undefined) {
    const found = sources.find((s) => s.id === wanted);
    if (!found) void vscode.window.showWarningMessage(`No loaded fact file of this briefing defines a source "${wanted}".`);
    return found;
  }
  if (args.cited.length > 1) {
    const cited = sources.filter((s) => args.cited.includes(s.id));
    const picked = await vscode.window.showQuickPick(
      cited.map((s) => ({ label: s.id, description: s.title, source: s })),
      { title: TITLE, placeHolder: 'The sentence cites several sources: which one gives the figure?' },
    );
    return picked?.source;
  }
  return pickSource(TITLE, sources, undefined);
}
