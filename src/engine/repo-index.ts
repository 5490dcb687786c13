/**
 * Lookups over a RepoIndex, built once per index object and cached: spec ids by file name, folders.
 */
import type { RepoIndex } from './types.js';

export interface IndexLookups {
  /** `CMP-2` (prefix upper-case, number without leading zeros) → paths whose file name carries that id. */
  ids: Map<string, string[]>;
  dirs: Set<string>;
}

const cache = new WeakMap<RepoIndex, IndexLookups>();
const ID_IN_NAME = /^([a-z][a-z0-9]*)-(\d+)(?:-|\.md$)/;

export function idKey(prefix: string, num: string | number): string {
  return `${prefix.toUpperCase()}-${Number(num)}`;
}

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i === -1 ? p : p.slice(i + 1);
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i === -1 ? '' : p.slice(0, i);
}

/** Join and normalise POSIX segments; null when the result escapes the root. */
export function resolvePath(base: string, rel: string): string | null {
  const parts = rel.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

export function lookups(index: RepoIndex): IndexLookups {
  let l = cache.get(index);
  if (l) return l;
  l = { ids: new Map(), dirs: new Set() };
  for (const p of index.paths) {
    const m = ID_IN_NAME.exec(basename(p).toLowerCase());
    if (m && p.toLowerCase().endsWith('.md')) {
      const key = idKey(m[1], m[2]);
      const list = l.ids.get(key);
      if (list) list.push(p);
      else l.ids.set(key, [p]);
    }
    let d = dirname(p);
    while (d && !l.dirs.has(d)) {
      l.dirs.add(d);
      d = dirname(d);
    }
  }
  cache.set(index, l);
  return l;
}

/** The spec id carried by a file name (`cmp-002-x.md` → `{prefix: 'cmp', num: 2}`). */
export function idFromName(path: string): { prefix: string; num: number; digits: string } | undefined {
  const m = ID_IN_NAME.exec(basename(path).toLowerCase());
  return m ? { prefix: m[1], num: Number(m[2]), digits: m[2] } : undefined;
}
