import type { Table } from 'mdast';
import { normalizeLabel, plainText, walk } from '../parse.js';
import type { RequirementKind } from './types.js';

export interface TableOption {
  columns: string[];
}

/** Tables in some nodes, nested ones included. */
export function tablesIn(nodes: Parameters<typeof walk>[0]): Table[] {
  const out: Table[] = [];
  walk(nodes, (n) => {
    if (n.type === 'table') out.push(n);
  });
  return out;
}

/** A table whose header has the given columns (case-insensitive, any order; `Variable name` counts for Variable). */
export const table: RequirementKind<TableOption, 'table'> = {
  key: 'table',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['columns'],
    properties: { columns: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } },
    description: 'A table whose header has these columns (case-insensitive, in any order).',
  },
  describe: (o) => `a table with columns ${o.columns.join(', ')}`,
  evaluate(o, scope) {
    const wanted = o.columns.map(normalizeLabel);
    const ok = tablesIn(scope.nodes).some((t) => {
      const header = (t.children[0]?.children ?? []).map((c) => normalizeLabel(plainText(c)));
      return wanted.every((w) => header.some((h) => h === w || h.startsWith(w) || h.endsWith(` ${w}`)));
    });
    return ok ? { met: true } : { met: false, detail: `no table with columns ${o.columns.join(', ')}` };
  },
};
