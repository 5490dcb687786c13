/**
 * The registry of checks, in the order they run, plus the rules the engine itself emits while reading
 * a file. Each entry has a stable id, a one-line description and a default severity (docs are generated
 * from this list).
 */
import type { Severity } from '../types.js';
import { codeJson } from './code-json.js';
import { codeMermaid } from './code-mermaid.js';
import { codeYaml } from './code-yaml.js';
import { duplicateId } from './duplicate-id.js';
import { emptySection } from './empty-section.js';
import { fileName } from './file-name.js';
import { metadata } from './metadata.js';
import { placeholder } from './placeholder.js';
import { reference } from './reference.js';
import { relativeLink } from './relative-link.js';
import { requiredSection } from './required-section.js';
import { sectionContent } from './section-content.js';
import { sectionDetail } from './section-detail.js';
import { sectionHeading } from './section-heading.js';
import { sectionOrder } from './section-order.js';
import type { Check } from './types.js';

export const CHECKS: readonly Check[] = [
  codeJson,
  codeYaml,
  codeMermaid,
  requiredSection,
  sectionHeading,
  emptySection,
  sectionContent,
  sectionDetail,
  sectionOrder,
  metadata,
  placeholder,
  reference,
  relativeLink,
  fileName,
  duplicateId,
];

export interface RuleInfo {
  id: string;
  description: string;
  severity: Severity;
}

/** Rules the engine emits itself (reading the file, deciding its type). */
export const ENGINE_RULES: readonly RuleInfo[] = [
  { id: 'file-encoding', description: 'The file is a readable Markdown text: not binary, valid UTF-8, not empty, under max_file_size.', severity: 'error' },
  { id: 'file-bom', description: 'The file has no UTF-8 byte order mark.', severity: 'notice' },
  { id: 'unknown-type', description: 'A Markdown file in the spec folders matches a spec type (folder, file-name prefix or `type:` front matter).', severity: 'warning' },
  { id: 'parse-limit', description: 'The file has no shape that makes Markdown parsing super-linear: lines over 20,000 characters, paragraphs over 100,000, nesting over 100 levels.', severity: 'error' },
  { id: 'front-matter', description: 'YAML front matter parses.', severity: 'error' },
  { id: 'internal-error', description: 'A check failed unexpectedly; the file was reviewed by the other checks.', severity: 'warning' },
];

export const ALL_RULES: readonly RuleInfo[] = [...CHECKS.map(({ id, description, severity }) => ({ id, description, severity })), ...ENGINE_RULES];

export type { Check, CheckContext, CodeCheckContext, DetectedBy, Report } from './types.js';
