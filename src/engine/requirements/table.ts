import type { Table } from 'mdast';
import { normalizeLabel, plainText, walk } from '../parse.js';
import { nameOf, namedList, namesOf, type Named, type RequirementKind } from './types.js';

/** A column a table must have, with the other names authors give it (`Var`, `Notes`). */
export type TableColumn = Named;

export interface TableOption {
  columns: TableColumn[];
}


/** A header cell names a column when it is the name, starts with it, or holds it as a word (`Default / notes` for Notes). */
function names(header: string, wanted: readonly string[]): boolean {
  const words = new Set(header.split(/[\s/&,()-]+/));
  return wanted.some((w) => header === w || header.startsWith(w) || header.endsWith(` ${w}`) || words.has(w));
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
    properties: { columns: namedList },
    description: 'A table whose header has these columns (case-insensitive, in any order; a column may list the other names authors give it).',
  },
  describe: (o) => `a table with columns ${o.columns.map(nameOf).join(', ')}`,
  evaluate(o, scope) {
    const wanted = o.columns.map((c) => namesOf(c).map(normalizeLabel));
    const ok = tablesIn(scope.nodes).some((t) => {
      const header = (t.children[0]?.children ?? []).map((c) => normalizeLabel(plainText(c)));
      return wanted.every((w) => header.some((h) => names(h, w)));
    });
    return ok ? { met: true } : { met: false, detail: `no table with columns ${o.columns.map(nameOf).join(', ')}` };
  },
};
