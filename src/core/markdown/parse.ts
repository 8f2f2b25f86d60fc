import type { Nodes, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// Frozen processors: building one costs more than a small parse.
const withFrontMatter = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
/** For text that does not start the document (a run after the first; see incremental/). */
const withoutFrontMatter = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * Parses CommonMark + GFM into mdast with offsets on every node; YAML front matter too,
 * unless `frontMatter` is false (text from the middle of a document).
 */
export function parseMarkdown(text: string, frontMatter = true): Root {
  return (frontMatter ? withFrontMatter : withoutFrontMatter).parse(text);
}

/**
 * A text node value that one of the GFM literal-autolink regexes could match: a URL needs
 * `http://`, `https://` or `www.`; an e-mail address (also after `mailto:` or `xmpp:`) a
 * character of its local part, `@` and a domain with a dot. (See the four regexes in
 * mdast-util-gfm-autolink-literal's transform; each match contains one of these.)
 */
const MAY_AUTOLINK = /[\w+.-]@[\w-]+\.|https?:\/\/|www\./i;

type Parent = Extract<Nodes, { children: unknown }>;

/**
 * remark-gfm turns literal URLs and e-mail addresses in text into links with a transform
 * that runs four regular expressions over every text node of the document, which costs
 * about a tenth of a long briefing's parse. Here the same transform runs only on the nodes
 * whose text could hold such a literal, which gives the same tree: it looks inside one
 * text node at a time, and skips text inside links, as the walk below does.
 */
function limitAutolinkLiteralTransform(processor: typeof withoutFrontMatter): void {
  const groups = (processor.data('fromMarkdownExtensions') ?? []) as unknown[];
  for (const extension of groups.flat(Infinity) as {
    enter?: Record<string, unknown>;
    transforms?: ((tree: Root) => Root | undefined)[];
  }[]) {
    if (!extension.enter?.literalAutolink || !extension.transforms) continue;
    extension.transforms = extension.transforms.map((transform) => (tree: Root) => {
      const parents = new Set<Parent>();
      collectCandidates(tree, parents);
      for (const parent of parents) transform({ type: 'root', children: [parent as RootContent] });
      return tree;
    });
  }
}

/**
 * The outermost nodes outside links with a text child that MAY_AUTOLINK matches, in
 * document order. The transform on such a node covers its descendants too, so none of
 * them is collected again: every text node is looked at once, as by the transform on the
 * whole tree.
 */
function collectCandidates(node: Parent, into: Set<Parent>): void {
  const children = node.children as Nodes[];
  if (children.some((child) => child.type === 'text' && MAY_AUTOLINK.test(child.value))) {
    into.add(node);
    return;
  }
  for (const child of children) {
    if ('children' in child && child.type !== 'link' && child.type !== 'linkReference') collectCandidates(child, into);
  }
}

limitAutolinkLiteralTransform(withFrontMatter);
limitAutolinkLiteralTransform(withoutFrontMatter);
