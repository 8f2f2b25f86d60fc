import type { TextEdit } from '../types';

/**
 * One edit that turns `before` into `after`: the stretch between their common prefix and
 * suffix. Fixes compute the whole new text and hand the editor only what changed, so an
 * undo restores exactly that and the cursor elsewhere stays put.
 */
export function changedStretch(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  return { span: { start, end: before.length - end }, newText: after.slice(start, after.length - end) };
}
