import { dirname, lookups, resolvePath } from '../repo-index.js';
import type { Check } from './types.js';

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Relative links and images point at files (or folders) that exist in the repository. */
export const relativeLink: Check = {
  id: 'relative-link',
  description: 'Relative links (../design/x.md) point at a file in the repository.',
  severity: 'error',
  run({ doc, path, index, report }) {
    if (!index) return;
    for (const link of doc.links) {
      const url = link.url.trim();
      if (!url || url.startsWith('#') || url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url)) continue;
      const target = decode(url.replace(/[?#].*$/, ''));
      if (!target) continue;
      const resolved = resolvePath(dirname(path), target);
      if (resolved === null) {
        report({ message: `Link "${url}" points outside the repository.`, line: link.line, column: link.column });
        continue;
      }
      if (resolved === '' || index.paths.has(resolved) || lookups(index).dirs.has(resolved.replace(/\/$/, ''))) continue;
      report({ message: `Link "${url}" points at ${resolved}, which is not in the repository.`, line: link.line, column: link.column });
    }
  },
};
