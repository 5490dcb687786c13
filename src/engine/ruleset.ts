/**
 * Rule files (`rules/<type>.yml`) → validated, ready-to-use spec types. Rules are data: sections,
 * metadata, requirements and severities all come from the file; a malformed file is a
 * SpecReviewError('ruleset-invalid') naming the file, line and problem.
 */
import { SpecReviewError } from './errors.js';
import { headingKey, vocabularies, type SectionVocabulary } from './headings.js';
import { templateTokens } from './placeholders.js';
import { rulesetSchema, type RuleFile, type SectionRule } from './ruleset-schema.js';
import { loadYamlData, yamlLineOf } from './yaml-data.js';

export interface RuleFileInput {
  path: string;
  text: string;
  /** The template's text (the adapter reads `template:` relative to the rule file). */
  template?: string;
  /** The file already parsed and validated (the build caches the built-in rules this way). */
  data?: RuleFile;
}

/** Parse and validate a rule file's YAML. Throws SpecReviewError('ruleset-invalid') naming file:line. */
export function parseRuleFile(input: Pick<RuleFileInput, 'path' | 'text'>): RuleFile {
  return loadYamlData<RuleFile>(input.text, input.path, rulesetSchema, 'ruleset-invalid');
}

export interface CompiledSection extends SectionRule {
  /** What the section is called and talks about, for matching headings (headings.ts). */
  vocabulary: SectionVocabulary;
  weightValue: number;
  index: number;
}

export interface SpecType {
  name: string;
  description: string;
  folder: string;
  filePrefix: string;
  idPrefix: string;
  templatePath: string;
  template: string;
  rule: RuleFile;
  sections: CompiledSection[];
  /** Bracketed tokens of the template: never acceptable in a filled spec. */
  tokens: Set<string>;
  /** Normalised lines of template prose/code: text copied unchanged from the template is not content. */
  templateLines: Set<string>;
  /** Template lines holding scaffold variables ({{title}}...), as patterns. */
  templatePatterns: RegExp[];
  /** Whitespace-normalised code blocks of the template: a copied block is not content. */
  templateCode: Set<string>;
  /** `^cmp-(\d+)-([a-z0-9-]+)\.md$` */
  fileName: RegExp;
  source: string;
}

/** Normalise one line for the "copied from the template" comparison. */
export function templateLineKey(line: string): string {
  return line.replace(/^\s*(?:[-*+>]|\d+\.)\s+/, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

const VARIABLE = /\{\{\s*(?:id|title|date|slug)\s*\}\}/g;

function templateLineSet(template: string): { lines: Set<string>; patterns: RegExp[] } {
  const lines = new Set<string>();
  const patterns: RegExp[] = [];
  for (const line of template.split('\n')) {
    const key = templateLineKey(line);
    if (!/[a-z0-9]/.test(key)) continue;
    if (!key.includes('{{')) lines.add(key);
    else if (key.length <= 300) {
      // A line with scaffold variables matches whatever the variables were filled with (one line, no nesting).
      patterns.push(new RegExp(`^${key.split(VARIABLE).map(escapeRe).join('[^\\n]{0,120}?')}$`));
    }
  }
  return { lines, patterns };
}

/** Whether a document line, given by its {@link templateLineKey}, is text copied unchanged from the type's template (variables aside). */
export function isTemplateKey(type: Pick<SpecType, 'templateLines' | 'templatePatterns'>, key: string): boolean {
  if (!key) return false;
  if (type.templateLines.has(key)) return true;
  return key.length <= 400 && type.templatePatterns.some((p) => p.test(key));
}

/** Whitespace-normalised code block contents, the same key `codeKey` gives a document's block. */
export function codeKey(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function templateCodeSet(template: string): Set<string> {
  const out = new Set<string>();
  const fence = /^(\s{0,3})(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm;
  for (const m of template.matchAll(fence)) out.add(codeKey(m[3]));
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileRuleFile(input: RuleFileInput): SpecType {
  const rule = input.data ?? parseRuleFile(input);
  const vocab = vocabularies(rule.sections.map((s) => ({ title: s.title, aliases: s.aliases, keywords: (s.requires ?? []).flatMap((r) => r.keywords ?? []) })));
  const seen = new Map<string, number>();
  const sections: CompiledSection[] = rule.sections.map((s, index) => {
    for (const k of vocab[index].keys) {
      if (seen.has(k) && seen.get(k) !== index) {
        throw new SpecReviewError('ruleset-invalid', `Section title or alias "${[s.title, ...(s.aliases ?? [])].find((t) => headingKey(t) === k) ?? k}" of section ${index + 1} reads the same as one of section ${seen.get(k)! + 1} (headings are compared without case, numbering, punctuation or word endings).`, {
          file: input.path,
          line: yamlLineOf(input.text, ['sections', index]),
        });
      }
      seen.set(k, index);
    }
    return { ...s, vocabulary: vocab[index], index, weightValue: s.weight ?? (s.required ? 10 : 0) };
  });
  if (input.template === undefined) {
    throw new SpecReviewError('ruleset-invalid', `Template "${rule.template}" (relative to this rule file) does not exist or could not be read.`, { file: input.path, line: yamlLineOf(input.text, ['template']) });
  }
  const lineSet = templateLineSet(input.template);
  return {
    name: rule.name,
    description: rule.description,
    folder: rule.folder.replace(/\/+$/, ''),
    filePrefix: rule.file_prefix,
    idPrefix: rule.id_prefix,
    templatePath: rule.template,
    template: input.template,
    rule,
    sections,
    tokens: templateTokens(input.template),
    templateLines: lineSet.lines,
    templatePatterns: lineSet.patterns,
    templateCode: templateCodeSet(input.template),
    fileName: new RegExp(`^${escapeRe(rule.file_prefix)}-(\\d{3,})-([a-z0-9]+(?:-[a-z0-9]+)*)\\.md$`),
    source: input.path,
  };
}

/** Compile rule files in order; a later file with the same type name replaces the earlier one. */
export function compileRuleFiles(inputs: RuleFileInput[]): SpecType[] {
  const byName = new Map<string, SpecType>();
  for (const input of inputs) {
    const t = compileRuleFile(input);
    byName.delete(t.name);
    byName.set(t.name, t);
  }
  const prefixes = new Map<string, string>();
  for (const t of byName.values()) {
    const other = prefixes.get(t.filePrefix);
    if (other) {
      throw new SpecReviewError('ruleset-invalid', `Types "${other}" and "${t.name}" both use the file prefix "${t.filePrefix}".`, {
        file: t.source,
        line: yamlLineOf(byName.get(t.name)!.source === t.source ? inputs.find((i) => i.path === t.source)!.text : '', ['file_prefix']),
      });
    }
    prefixes.set(t.filePrefix, t.name);
  }
  return [...byName.values()];
}

/** Every rule id a type's rule file can report: its sections' `missing`, `detail` and `requires` rules and the document's `requires`. */
export function ruleIdsOf(type: SpecType): string[] {
  const ids = new Set<string>();
  for (const s of type.sections) {
    if (s.missing && s.required) ids.add(s.missing.rule);
    if (s.detail) ids.add(s.detail.rule);
    for (const r of s.requires ?? []) ids.add(r.rule ?? 'section-content');
  }
  for (const r of type.rule.requires ?? []) ids.add(r.rule ?? 'section-content');
  return [...ids];
}
