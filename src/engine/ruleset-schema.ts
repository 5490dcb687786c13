/**
 * JSON Schema of a rule file (`rules/<type>.yml`) and the TypeScript shape it validates to.
 * `schemas/ruleset.schema.json` is generated from this object (`npm run gen`); a test fails when stale.
 */

import { REQUIREMENT_KINDS, type RequirementOptions } from './requirements/index.js';

export type SeverityName = 'error' | 'warning' | 'notice' | 'off';

/** What a section (or the whole document) must contain. Satisfied when ANY of the given kinds is (see requirements/). */
export type Requirement = RequirementOptions & {
  /** Rule id of the finding when unmet, e.g. `component/configuration`. Default `section-content`. */
  rule?: string;
  /** The finding's message, e.g. `Configuration incomplete`. A hint may follow after a colon. */
  message: string;
  /** How to fix it; appended to the message. */
  hint?: string;
  severity?: SeverityName;
};

/**
 * What a section holds when it is done, for the substance part of the score: words of the author's own,
 * list items, table rows, code blocks and sub-sections with content. Each counts as its share: with
 * `{ words: 80, items: 6 }`, 40 words and 3 items earn the full credit.
 */
export interface Expectation {
  words?: number;
  items?: number;
  rows?: number;
  code?: number;
  subsections?: number;
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
  /** What the section holds when it is done (the substance part of its score). */
  expect?: Expectation;
  /** Rule id and message used when the section lacks detail (e.g. "Step descriptions lack detail"). */
  detail?: { rule: string; message: string; hint?: string };
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
  /** Error-level findings no other score item accounts for (broken references, code that does not parse). */
  errors?: { weight?: number; per_error?: number };
  /** Default severities of this type's checks, by rule id. */
  severity?: Record<string, SeverityName>;
}

const severityEnum = { enum: ['error', 'warning', 'notice', 'off'] };
const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };

const ruleIdSchema = { type: 'string', pattern: '^[a-z0-9-]+(/[a-z0-9-]+)?$', description: 'Rule id of the finding.' };
const messageSchema = { type: 'string', minLength: 1, description: 'One sentence, e.g. "Configuration incomplete".' };
const hintSchema = { type: 'string', description: 'How to fix it; appended to the message.' };
const ruleMessage = { type: 'object', additionalProperties: false, required: ['rule', 'message'], properties: { rule: ruleIdSchema, message: messageSchema, hint: hintSchema } };
const count = { type: 'integer', minimum: 1 };

const requirementProps = {
  rule: ruleIdSchema,
  message: messageSchema,
  hint: hintSchema,
  severity: severityEnum,
  weight: { type: 'number', minimum: 0 },
  ...Object.fromEntries(REQUIREMENT_KINDS.map((k) => [k.key, k.schema])),
};

const requirement = {
  type: 'object',
  additionalProperties: false,
  required: ['message'],
  properties: requirementProps,
  anyOf: REQUIREMENT_KINDS.map((k) => ({ required: [k.key] })),
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
          missing: ruleMessage,
          expect: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: { words: count, items: count, rows: count, code: count, subsections: count },
            description: 'What the section holds when it is done; each part counts as its share of the substance credit.',
          },
          detail: ruleMessage,
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
    errors: {
      type: 'object',
      additionalProperties: false,
      properties: { weight: { type: 'number', minimum: 0 }, per_error: { type: 'number', minimum: 0 } },
    },
    severity: { type: 'object', additionalProperties: severityEnum, propertyNames: { pattern: '^[a-z0-9-]+(/[a-z0-9-]+)?$' } },
  },
} as const;
