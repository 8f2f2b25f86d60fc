// Raised in a briefing for the fact files it loads (facts/briefingFactFiles.ts).
import { defineRule } from './ruleDefinition';

export const factsBroken = defineRule({
  code: 'facts.broken',
  severity: 'warning',
  description: 'A fact file or bibliography the briefing loads has problems of its own.',
});

/** What a facts.broken finding says of a file with problems. */
export interface BrokenFile {
  /** "Fact file" or "Bibliography". */
  kind: string;
  name: string;
  problems: number;
  /** How many facts (or bibliography entries) are still read. */
  readable: number;
  bibliography: boolean;
  /** Whether the file is not valid JSON, so only the facts before the break are read. */
  partial: boolean;
}

export function factsBrokenMessage(file: BrokenFile): string {
  const [one, many] = file.bibliography ? ['entry', 'entries'] : ['fact', 'facts'];
  const readable =
    file.readable === 0
      ? `none of its ${many} is used`
      : `only its ${file.readable} readable ${file.readable === 1 ? `${one} is` : `${many} are`} used`;
  const used = file.partial ? `it is not valid JSON, so ${readable}` : readable;
  return `${file.kind} ${file.name} has ${plural(file.problems, 'problem')} (see the Problems of that file); ${used}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}
