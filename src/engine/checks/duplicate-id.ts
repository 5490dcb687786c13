import { idFromName, idKey, lookups } from '../repo-index.js';
import type { Check } from './types.js';

function others(list: string[]): string {
  return `${list.slice(0, 3).join(', ')}${list.length > 3 ? ` and ${list.length - 3} more` : ''}`;
}

/**
 * No two specs share an id, from either source: the file name (`cmp-002-a.md` and `cmp-002-b.md`) or
 * the ID field (`**ID**: FLOW-001` copied into flow-004 while flow-001-x.md exists).
 */
export const duplicateId: Check = {
  id: 'duplicate-id',
  description: 'A spec id (e.g. CMP-002) belongs to one spec only, whether it comes from the file name or the ID field (among the files that are specs under the config).',
  severity: 'error',
  run({ path, type, types, index, isSpec, analysis, report }) {
    if (!index) return;
    const ids = lookups(index).ids;
    const id = idFromName(path);
    const own = id && id.prefix === type.filePrefix ? idKey(id.prefix, id.num) : undefined;
    if (own) {
      const dup = (ids.get(own) ?? []).filter((p) => p !== path && isSpec(p));
      if (dup.length) report({ message: `Id ${type.idPrefix}-${id!.digits} is also used by ${others(dup)}.`, line: 1 });
    }
    const declared = analysis.declaredId;
    if (!declared) return;
    const m = /^([A-Z][A-Z0-9]*)-(\d+)$/.exec(declared.id)!;
    const key = idKey(types.find((t) => t.idPrefix === m[1])?.filePrefix ?? m[1], m[2]);
    if (key === own) return;
    const dup = (ids.get(key) ?? []).filter((p) => p !== path && isSpec(p));
    if (dup.length) {
      report({ message: `ID ${declared.id} (line ${declared.line}) is the id of ${others(dup)}${own ? `; this file's name gives ${type.idPrefix}-${id!.digits}` : ''}.`, line: declared.line, column: declared.column });
    }
  },
};
