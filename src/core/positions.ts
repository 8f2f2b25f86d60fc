import type { Span } from './types';
import { lastAtOrBefore } from './sortedSearch';

/** A 1-based line and column; columns count UTF-16 code units, as LSP and ESLint do. */
export interface Position1 {
  line: number;
  column: number;
}

/** Converts offsets to 1-based line/column for one text, by binary search over line starts. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 0-based line index of an offset. */
  lineIndexOf(offset: number): number {
    return lastAtOrBefore(this.starts, offset);
  }

  position(offset: number): Position1 {
    const line = this.lineIndexOf(offset);
    return { line: line + 1, column: offset - this.starts[line]! + 1 };
  }

  range(span: Span): { start: Position1; end: Position1 } {
    return { start: this.position(span.start), end: this.position(span.end) };
  }

  /** The offset of a 0-based line and character (LSP positions). */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[line]!;
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, character), next);
  }
}
