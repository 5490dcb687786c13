/**
 * JSON Schema of a rule file (`rules/<type>.yml`) and the TypeScript shape it validates to.
 * `schemas/ruleset.schema.json` is generated from this object (`npm run gen`); a test fails when stale.
 */

export type SeverityName = 'error' | 'warning' | 'notice' | 'off';

/** What a section (or the whole document) must contain. Satisfied when ANY of the given kinds is. */
export interface Requirement {
  /** Rule id of the finding when unmet, e.g. `component/configuration`. Default `section-content`. */
  rule?: string;
  /** The finding's message, e.g. `Configuration incomplete`. A hint may follow after a colon. */
  message: string;
  /** How to fix it; appended to the message. */
  hint?: string;
  severity?: SeverityName;
  /** A table whose header has these columns (case-insensitive, in any order). */
  table?: { columns: string[] };
  /** A fenced code block in one of these languages (`none` = no language given). */
  code?: { languages?: string[]; min?: number };
  /** A diagram: a mermaid block, or a plain/text block drawn with box or arrow characters (ASCII, swimlane). */
  diagram?: boolean;
  /** A sub-heading with this title (or an alias). */
  subsection?: { title: string; aliases?: string[] };
  /** A list with at least this many items. */
  list?: { min_items: number; ordered?: boolean };
  /** Every step (a `**Step N...**` paragraph or a `Step N` heading) has list items with these bold labels. */
  step_labels?: { labels: string[]; min_steps?: number };
  /** One of these words appears in the section's text (whole word, case-insensitive). */
  keywords?: string[];
  /** The section has at least this many words of its own (template text and placeholders excluded). */
  min_words?: number;
}

export interface SectionRule {
  title: string;
  aliases?: string[];
  required?: boolean;
  /** Share of the score; relative to the other weights in the file. */
  weight?: number;
  /** Minimum words of real content for the section to count as filled. Default 1. */
  min_words?: number;
  /** Rule id and message used when the section is missing (type-specific messages from the seeds). */
  missing?: { rule: string; message: string; hint?: string };
  requires?: Requirement[];
}

export interface MetadataField {
  name: string;
  aliases?: string[];
  required?: boolean;
  /** `heading`: the value is the document's first H1. */
  source?: 'heading' | 'field';
  /** Accepted values (case-insensitive; the part before any parenthesis or dash is compared). */
  values?: string[];
  format?: 'date' | 'version' | 'id';
}

export interface RuleFile {
  name: string;
  description: string;
  /** Path of the template, relative to the rule file. */
  template: string;
  folder: string;
  file_prefix: string;
  id_prefix: string;
  metadata: { weight?: number; fields: MetadataField[] };
  sections: SectionRule[];
  /** Requirements on the whole document (e.g. at least one diagram). */
  requires?: (Requirement & { weight?: number })[];
  placeholders?: { weight?: number; per_placeholder?: number };
  /** Default severities of this type's checks, by rule id. */
  severity?: Record<string, SeverityName>;
}

const severityEnum = { enum: ['error', 'warning', 'notice', 'off'] };
const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };

const requirementProps = {
  rule: { type: 'string', pattern: '^[a-z0-9-]+(/[a-z0-9-]+)?$', description: 'Rule id of the finding when unmet.' },
  message: { type: 'string', minLength: 1, description: 'One sentence, e.g. "Configuration incomplete".' },
  hint: { type: 'string', description: 'How to fix it; appended to the message.' },
  severity: severityEnum,
  weight: { type: 'number', minimum: 0 },
  table: {
    type: 'object',
    additionalProperties: false,
    required: ['columns'],
    properties: { columns: { ...stringList, minItems: 1 } },
  },
  code: {
    type: 'object',
    additionalProperties: false,
    properties: { languages: stringList, min: { type: 'integer', minimum: 1 } },
  },
  diagram: { type: 'boolean' },
  subsection: {
    type: 'object',
    additionalProperties: false,
    required: ['title'],
    properties: { title: { type: 'string', minLength: 1 }, aliases: stringList },
  },
  list: {
    type: 'object',
    additionalProperties: false,
    required: ['min_items'],
    properties: { min_items: { type: 'integer', minimum: 1 }, ordered: { type: 'boolean' } },
  },
  step_labels: {
    type: 'object',
    additionalProperties: false,
    required: ['labels'],
    properties: { labels: { ...stringList, minItems: 1 }, min_steps: { type: 'integer', minimum: 1 } },
  },
  keywords: { ...stringList, minItems: 1 },
  min_words: { type: 'integer', minimum: 1 },
};

const requirement = {
  type: 'object',
  additionalProperties: false,
  required: ['message'],
  properties: requirementProps,
  anyOf: ['table', 'code', 'diagram', 'subsection', 'list', 'step_labels', 'keywords', 'min_words'].map((k) => ({ required: [k] })),
};

export const rulesetSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://spec-review.dev/schemas/ruleset.schema.json',
  title: 'Spec Review rule file (one spec type)',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'description', 'template', 'folder', 'file_prefix', 'id_prefix', 'metadata', 'sections'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', description: 'Type name, e.g. component.' },
    description: { type: 'string', minLength: 1 },
    template: { type: 'string', minLength: 1, description: 'Template path, relative to this file.' },
    folder: { type: 'string', pattern: '^[^/].*[^/]$', description: 'Repository folder of this type, e.g. docs/specs/component.' },
    file_prefix: { type: 'string', pattern: '^[a-z][a-z0-9]*$', description: 'File names are <prefix>-NNN-slug.md.' },
    id_prefix: { type: 'string', pattern: '^[A-Z][A-Z0-9]*$', description: 'References are [<ID_PREFIX>-NNN].' },
    metadata: {
      type: 'object',
      additionalProperties: false,
      required: ['fields'],
      properties: {
        weight: { type: 'number', minimum: 0 },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: { type: 'string', minLength: 1 },
              aliases: stringList,
              required: { type: 'boolean' },
              source: { enum: ['heading', 'field'] },
              values: stringList,
              format: { enum: ['date', 'version', 'id'] },
            },
          },
        },
      },
    },
    sections: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title'],
        properties: {
          title: { type: 'string', minLength: 1 },
          aliases: stringList,
          required: { type: 'boolean' },
          weight: { type: 'number', minimum: 0 },
          min_words: { type: 'integer', minimum: 1 },
          missing: {
            type: 'object',
            additionalProperties: false,
            required: ['rule', 'message'],
            properties: { rule: requirementProps.rule, message: requirementProps.message, hint: requirementProps.hint },
          },
          requires: { type: 'array', items: requirement },
        },
      },
    },
    requires: { type: 'array', items: requirement },
    placeholders: {
      type: 'object',
      additionalProperties: false,
      properties: { weight: { type: 'number', minimum: 0 }, per_placeholder: { type: 'number', minimum: 0 } },
    },
    severity: { type: 'object', additionalProperties: severityEnum, propertyNames: { pattern: '^[a-z0-9-]+(/[a-z0-9-]+)?$' } },
  },
} as const;
