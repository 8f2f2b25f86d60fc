import { existsSync, statSync } from 'node:fs';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './args';

const BRIEFING_GLOB = '**/*.brief.md';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

/**
 * Expands the command line's targets: a file is checked whatever its name, a directory
 * or glob expands to briefings (`*.brief.md`). Paths stay as the user wrote them, so
 * output names files the way the user named them.
 */
export function expandTargets(targets: string[], cwd: string): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      files.push(file);
    }
  };
  for (const target of targets) {
    if (existsSync(target)) {
      if (statSync(target).isDirectory()) {
        const prefix = target.endsWith('/') ? target : `${target}/`;
        for (const f of globSync(BRIEFING_GLOB, { cwd: target, ignore: IGNORE }).sort()) add(prefix + f);
      } else {
        add(target);
      }
    } else if (isDynamicPattern(target)) {
      const briefings = globSync(target, { cwd, ignore: IGNORE })
        .filter((f) => f.endsWith('.brief.md'))
        .sort();
      if (briefings.length === 0) {
        throw new UsageError(`no briefings (*.brief.md) match ${target}; name other Markdown files one by one to check them`);
      }
      briefings.forEach(add);
    } else {
      throw new UsageError(`cannot read ${target}: no such file or directory`);
    }
  }
  return files;
}
