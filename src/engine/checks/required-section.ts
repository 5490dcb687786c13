import type { SectionStatus } from '../analyze.js';
import type { Check } from './types.js';

/** `"Monitoring", "Monitoring and Observability" or "Observability"`. */
function accepted(s: SectionStatus): string {
  const names = [s.rule.title, ...(s.rule.aliases ?? [])].map((n) => `"${n}"`);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * A section the type's template marks `required` is missing. The finding sits where the section
 * belongs (after the previous template section), keeps the guide's wording first, names the headings
 * that would be accepted and, when one came close, the heading that was not taken.
 */
export const requiredSection: Check = {
  id: 'required-section',
  description: 'Every required section of the type\'s template is present (headings are matched without case, numbering, emoji or word endings, and by their words).',
  severity: 'error',
  typeRules: true,
  run({ analysis, doc, report }) {
    for (const s of analysis.sections) {
      if (s.section || !s.rule.required) continue;
      const where = s.after?.section ? ` after "${s.after.section.title}"` : '';
      const near = s.nearMiss ? ` The heading "${s.nearMiss.title}" (line ${s.nearMiss.line}) was not read as it.` : '';
      const how = `Add a "## ${s.rule.title}" section${where} (headings accepted: ${accepted(s)}).${near}`;
      const line = s.belongsAt ?? doc.h1?.line ?? 1;
      if (s.rule.missing) {
        const hint = s.rule.missing.hint ? `: ${s.rule.missing.hint}` : '';
        report({ rule: s.rule.missing.rule, message: `${s.rule.missing.message}${hint}. ${how}`, line, severity: 'error' });
      } else {
        report({ message: `Missing required section "${s.rule.title}". ${how}`, line });
      }
    }
  },
};
