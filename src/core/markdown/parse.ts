import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

// One frozen processor: building it costs more than a small parse.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** Parses CommonMark + GFM (+ YAML front matter) into mdast with offsets on every node. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
