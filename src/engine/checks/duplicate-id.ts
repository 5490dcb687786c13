import { idFromName, idKey, lookups } from '../repo-index.js';
import type { Check } from './types.js';

/** No two specs share an id (`cmp-002-a.md` and `cmp-002-b.md`). */
export const duplicateId: Check = {
  id: 'duplicate-id',
  description: 'A spec id (e.g. CMP-002) is used by one spec only (among the files that are specs under the config).',
  severity: 'error',
  run({ path, type, index, isSpec, report }) {
    if (!index) return;
    const id = idFromName(path);
    if (!id || id.prefix !== type.filePrefix) return;
    const others = (lookups(index).ids.get(idKey(id.prefix, id.num)) ?? []).filter((p) => p !== path && isSpec(p));
    if (others.length) {
      report({ message: `Id ${type.idPrefix}-${id.digits} is also used by ${others.slice(0, 3).join(', ')}${others.length > 3 ? ` and ${others.length - 3} more` : ''}.`, line: 1 });
    }
  },
};
