/**
 * Which Markdown files found by a walk (a directory named on the command line, or the whole repository
 * when none is) are specs: by the same rule that types a file named directly, so `validate design/`
 * reviews `design/cmp-010-x.md` just as `validate design/cmp-010-x.md` does. The rule is the engine's:
 * its path rule (`isSpecPath`: the type folders and the config's globs, minus its ignores), else
 * `detectType` — the file-name prefix (`cmp-`, `flow-`, `dfl-`, `flw-` NNN-slug.md, anywhere) or a
 * `type:` in the YAML front matter. For the front matter only the head of the file is read (64 KB),
 * and only when the file starts with `---`.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { Engine } from '../engine/index.js';
import { compileGlobs } from '../engine/glob.js';
import { parseSpec, type SpecDoc } from '../engine/parse.js';

const MARKDOWN = /\.(md|markdown)$/i;
const HEAD_BYTES = 64 * 1024;
/** A front-matter block at the very start of a file (what micromark-extension-frontmatter takes). */
const FRONT_MATTER = /^---[ \t]*\n(?:[^]*?\n)?---[ \t]*(?:\n|$)/;

/** The front matter of a file, parsed by the engine's parser; undefined when it has none (or cannot be read). */
export function readFrontMatter(abs: string): SpecDoc | undefined {
  let text: string;
  try {
    const fd = openSync(abs, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const n = readSync(fd, buffer, 0, HEAD_BYTES, 0);
      text = buffer.subarray(0, n).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // unreadable: not a spec by its front matter (the path rules may still say it is)
  }
  const block = FRONT_MATTER.exec(text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'));
  return block ? parseSpec(block[0]) : undefined;
}

/** `(repoPath, abs) => is it a spec?` for files found by a walk. */
export function specFileRule(engine: Engine): (repoPath: string, abs: string) => boolean {
  const ignored = compileGlobs(engine.config.ignore);
  return (repoPath, abs) => {
    if (engine.isSpecPath(repoPath)) return true;
    if (!MARKDOWN.test(repoPath) || ignored(repoPath)) return false;
    if (engine.detectType(repoPath)) return true;
    const frontMatter = readFrontMatter(abs);
    return frontMatter !== undefined && engine.detectType(repoPath, frontMatter) !== undefined;
  };
}
