import type { Check } from './types.js';

/** A heading taken for a template section by the words it shares with it, not by its title: say how it was read. */
export const sectionHeading: Check = {
  id: 'section-heading',
  description: 'A heading that is close to a template section, but not its title or an alias, is read as that section; this notice says so (rename the heading, or add it as an alias in the rule file, to silence it).',
  severity: 'notice',
  run({ analysis, report }) {
    for (const s of analysis.sections) {
      if (!s.section || (s.match !== 'close' && s.match !== 'content')) continue;
      const kind = s.rule.required ? 'required section' : 'section';
      const how = s.match === 'content' ? ' (by what it holds)' : '';
      report({ message: `Heading "${s.section.title}" is read as the ${kind} "${s.rule.title}"${how}.`, line: s.section.line });
    }
  },
};
