import { hasLabel } from '../steps.js';
import { nameOf, namedList, namesOf, type Named, type RequirementKind } from './types.js';

/** A label every step must give, with the other words authors use for it. */
export type StepLabel = Named;

export interface StepLabelsOption {
  labels: StepLabel[];
  min_steps?: number;
}


/**
 * Steps, in any form steps.ts reads (Step headings or bold paragraphs, a step table, a numbered list
 * with labels), each giving the labels (`Actor`, `Action`).
 */
export const stepLabels: RequirementKind<StepLabelsOption, 'step_labels'> = {
  key: 'step_labels',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['labels'],
    properties: {
      labels: namedList,
      min_steps: { type: 'integer', minimum: 1 },
    },
    description: 'Every step (Step headings or bold paragraphs, a Step table, or a numbered list with labels) gives these labels.',
  },
  describe(o) {
    const min = o.min_steps ?? 1;
    return `at least ${min} step${min === 1 ? '' : 's'} (**Step N: Name**, a Step table or a numbered list), each with ${o.labels.map((l) => `**${nameOf(l)}**`).join(', ')}`;
  },
  evaluate(o, scope) {
    const steps = scope.steps();
    const min = o.min_steps ?? 1;
    if (steps.length < min) {
      return { met: false, detail: `no steps found (write each as **Step N: Name** followed by ${o.labels.map((l) => `**${nameOf(l)}**`).join(', ')} items, or as a table with Step, ${o.labels.map(nameOf).join(', ')} columns)` };
    }
    const lacking = steps.map((s) => ({ s, missing: o.labels.filter((l) => !hasLabel(s, namesOf(l))).map(nameOf) })).filter((x) => x.missing.length);
    if (!lacking.length) return { met: true };
    const shown = lacking.slice(0, 3).map((x) => `${x.s.name} (line ${x.s.line}) lacks ${x.missing.join(', ')}`);
    return { met: false, detail: shown.join('; ') + (lacking.length > 3 ? `; and ${lacking.length - 3} more steps` : ''), line: lacking[0].s.line };
  },
};
