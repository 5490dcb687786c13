// Measurement (a): the bare parse that every Markdown tool pays — unified + remark-parse + remark-gfm
// over every .md file under a directory, one file at a time on one thread, tree discarded.
// Run by bench/run.js in its own process; prints one JSON line with its own figures.
//
// Usage: node bench/bare-parse.js <dir>

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && entry.name.endsWith('.md')) yield path;
  }
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node bench/bare-parse.js <dir>');
  process.exit(2);
}

const processor = unified().use(remarkParse).use(remarkGfm);
const start = process.hrtime.bigint();
let files = 0, bytes = 0, nodes = 0;
for (const path of walk(dir)) {
  const text = readFileSync(path, 'utf8');
  const tree = processor.parse(text);
  // Touch the result so the parse cannot be optimised away; count top-level nodes.
  nodes += tree.children.length;
  files++;
  bytes += Buffer.byteLength(text);
}
const parseSeconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(`${JSON.stringify({ files, bytes, topLevelNodes: nodes, parseSeconds })}\n`);
