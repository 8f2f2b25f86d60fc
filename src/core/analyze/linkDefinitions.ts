import type { Nodes } from 'mdast';

/** A link reference definition as written: its identifier (normalised) and destination. */
export interface LinkDefinition {
  identifier: string;
  url: string;
}

/** Link reference definitions under `node`, in document order (containers only: they never sit in inline content). */
export function linkDefinitionsIn(node: Nodes, into: LinkDefinition[] = []): LinkDefinition[] {
  if (node.type === 'definition') {
    into.push({ identifier: node.identifier.toLowerCase(), url: node.url });
  } else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table') {
    for (const child of node.children as Nodes[]) linkDefinitionsIn(child, into);
  }
  return into;
}

/** identifier → destination; the first definition of a label is the one that counts. */
export function definitionMap(definitions: Iterable<LinkDefinition>, into = new Map<string, string>()): Map<string, string> {
  for (const d of definitions) if (!into.has(d.identifier)) into.set(d.identifier, d.url);
  return into;
}

/** Reference-link destinations inside a node (for URLs cited by a note definition). */
export function referenceUrls(node: Nodes, definitions: ReadonlyMap<string, string>): string[] {
  const urls: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'linkReference') {
      const url = definitions.get(n.identifier.toLowerCase());
      if (url) urls.push(url);
    }
    if ('children' in n) for (const child of n.children as Nodes[]) walk(child);
  };
  walk(node);
  return urls;
}
