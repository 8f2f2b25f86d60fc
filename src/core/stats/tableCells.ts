import type { BriefingModel, Citation, ProseBlock } from '../model';

export type TableCell = NonNullable<ProseBlock['table']>;

export interface TableRange {
  from: number;
  to: number;
}

/**
 * The sentences and citations of each row and of each column's header cell of the tables
 * that have statistics, gathered for each table on its first statistic. A cell ("40%")
 * rarely names its subject or cites its source: the row's other cells and the column's
 * header do, so they count.
 */
export class TableCells {
  private readonly tables = new Map<number, TableIndex>();

  constructor(private readonly model: BriefingModel) {}

  /** The citations that count for a cell's statistics: the row's, the column header's, the caption's. */
  citationsOf(cell: TableCell, sentence: number): Citation[] {
    const table = this.table(cell.table, sentence);
    const row = table.rowCitations.get(cell.row) ?? [];
    const header = cell.row === 0 ? undefined : table.headerCitations.get(cell.column);
    const caption = this.model.tables[cell.table]!.captionCitations;
    return header || caption.length > 0 ? [...row, ...(header ?? []), ...caption] : row;
  }

  /** The sentences of the table of a cell holding the sentence at `sentence`. */
  rangeOf(cell: TableCell, sentence: number): TableRange {
    return this.table(cell.table, sentence).range;
  }

  /** The text a cell's statistics are about: the row's cells and the column's header, a line each. */
  subjectOf(cell: TableCell, sentence: number): string {
    const table = this.table(cell.table, sentence);
    const { sentences, blocks } = this.model;
    const lines: string[] = [];
    const add = (i: number) => {
      const s = sentences[i]!;
      const b = blocks[s.block]!;
      lines.push(b.masked.slice(s.span.start - b.span.start, s.span.end - b.span.start));
    };
    for (const i of table.rowSentences.get(cell.row) ?? []) add(i);
    const header = cell.row === 0 ? undefined : table.headerSentence.get(cell.column);
    if (header !== undefined) add(header);
    return lines.join('\n');
  }

  /** The table `table`, one of whose cells holds the sentence at `sentence`. */
  private table(table: number, sentence: number): TableIndex {
    let index = this.tables.get(table);
    if (index) return index;
    const { sentences, blocks } = this.model;
    const inTable = (i: number) => i >= 0 && i < sentences.length && blocks[sentences[i]!.block]!.table?.table === table;
    // A table's cells are blocks one after another, and so are their sentences.
    let from = sentence;
    while (inTable(from - 1)) from--;
    let to = sentence;
    while (inTable(to)) to++;
    index = {
      range: { from, to },
      rowSentences: new Map(),
      rowCitations: new Map(),
      headerSentence: new Map(),
      headerCitations: new Map(),
    };
    this.tables.set(table, index);
    for (let i = from; i < to; i++) {
      const s = sentences[i]!;
      const cell = blocks[s.block]!.table!;
      push(index.rowSentences, cell.row, i);
      for (const c of s.citations) push(index.rowCitations, cell.row, c);
      if (cell.row === 0) {
        index.headerSentence.set(cell.column, i);
        if (s.citations.length > 0) index.headerCitations.set(cell.column, s.citations);
      }
    }
    return index;
  }
}

/** One table's rows and header cells, by row and by column. */
interface TableIndex {
  /** The indices of the table's sentences: [from, to). */
  range: TableRange;
  rowSentences: Map<number, number[]>;
  rowCitations: Map<number, Citation[]>;
  /** The last sentence of each header cell. */
  headerSentence: Map<number, number>;
  /** The citations of each header cell's last sentence that has any. */
  headerCitations: Map<number, Citation[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
