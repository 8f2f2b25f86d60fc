import type { Root } from 'mdast';
import { parse as parseYaml } from 'yaml';

/** What the checker reads from a briefing's YAML front matter. */
export interface FrontMatter {
  /** `briefing: true` marks a Markdown file as a briefing whatever its name. */
  readonly briefing: boolean;
  /** `facts:` paths (relative to the briefing), when given. */
  readonly facts: readonly string[] | undefined;
  /** `bibliography:` paths (relative to the briefing), as pandoc reads them; [] when none. */
  readonly bibliography: readonly string[];
}

const NONE: FrontMatter = { briefing: false, facts: undefined, bibliography: [] };

/** Reads the front matter of a parsed document. */
export function readFrontMatter(tree: Root): FrontMatter {
  const first = tree.children[0];
  return first?.type === 'yaml' ? interpret(first.value) : NONE;
}

/** The last front matter read from text, and what it said. */
let lastYaml: string | undefined;
let lastRead: FrontMatter = NONE;

/**
 * Reads front matter straight from text, without parsing the Markdown (for discovery).
 * The server asks for every version of a briefing, whose front matter rarely changes: the
 * YAML is parsed again only when it differs from the last (the result is not to be mutated).
 */
export function readFrontMatterOf(text: string): FrontMatter {
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return NONE;
  if (m[1] !== lastYaml) {
    lastRead = interpret(m[1]!);
    lastYaml = m[1];
  }
  return lastRead;
}

/** Broken YAML reads as none: it is not this checker's to lint. */
function interpret(yaml: string): FrontMatter {
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch {
    return NONE;
  }
  if (!data || typeof data !== 'object') return NONE;
  const record = data as Record<string, unknown>;
  const facts = record.facts;
  return {
    briefing: record.briefing === true || facts !== undefined,
    facts: pathList(facts),
    bibliography: pathList(record.bibliography) ?? [],
  };
}

/** A path or a list of paths; undefined for anything else. */
function pathList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : undefined;
}
