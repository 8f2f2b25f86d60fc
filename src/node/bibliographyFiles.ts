/**
 * Reading bibliographies from disk (README.md, "Bibliographies"), for the CLI: the files a
 * briefing names in its front matter `bibliography:` (relative to the briefing, as
 * pandoc resolves them) and those given on the command line, each read into the
 * sources of a fact index.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bibliographyAsFactFile, parseBibliography, type ParsedFactFile } from '../core';
import { readErrorMessage } from './factDiscovery';

/** The bibliographies of a briefing, absolute: its front matter's, then `extra` (already absolute), without repeats. */
export function bibliographyPathsFor(briefingPath: string, frontMatter: readonly string[], extra: readonly string[]): string[] {
  const folder = dirname(resolve(briefingPath));
  return [...new Set([...frontMatter.map((path) => resolve(folder, path)), ...extra])];
}

/** A bibliography read as a fact file with sources only; an error message when it cannot be read. */
export function loadBibliography(path: string): ParsedFactFile | { path: string; message: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { path, message: readErrorMessage(error) };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ...bibliographyAsFactFile(path, parseBibliography(text, undefined, path)), text };
}
