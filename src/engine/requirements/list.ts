import type { List } from 'mdast';
import { walk } from '../parse.js';
import type { RequirementKind } from './types.js';

export interface ListOption {
  min_items: number;
  ordered?: boolean;
}

/** A list (numbered, bulleted or either) with at least so many items. */
export const list: RequirementKind<ListOption, 'list'> = {
  key: 'list',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['min_items'],
    properties: { min_items: { type: 'integer', minimum: 1 }, ordered: { type: 'boolean' } },
    description: 'A list with at least this many items (numbered only with ordered: true).',
  },
  describe: (o) => `a ${o.ordered ? 'numbered ' : o.ordered === false ? 'bulleted ' : ''}list of at least ${o.min_items} item${o.min_items === 1 ? '' : 's'}`,
  evaluate(o, scope) {
    let max = 0;
    walk(scope.nodes, (n) => {
      if (n.type === 'list' && (o.ordered === undefined || Boolean((n as List).ordered) === o.ordered)) max = Math.max(max, n.children.length);
    });
    const kind = o.ordered ? 'numbered ' : '';
    return max >= o.min_items ? { met: true } : { met: false, detail: o.min_items === 1 ? `no ${kind}list` : `no ${kind}list of at least ${o.min_items} items` };
  },
};
