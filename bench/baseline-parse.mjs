// The benchmark's floor: a Node process that only loads unified + remark-parse +
// remark-gfm and parses one file. Briefing Check's CLI is compared against it.
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

const tree = unified().use(remarkParse).use(remarkGfm).parse(readFileSync(process.argv[2], 'utf8'));
if (tree.children.length < 0) console.log('unreachable');
