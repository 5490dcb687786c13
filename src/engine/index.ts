/** The pure spec engine: text + rule files + config + repository index in, findings and scores out. */
export * from './types.js';
export { SpecReviewError } from './errors.js';
export { CONFIG_PATH, DEFAULT_CONFIG, configSchema, parseConfig, resolveConfig, validateConfigObject, type Config, type FailOn } from './config.js';
export { createEngine, reportFails, summarize, type Engine, type ScaffoldResult, type TypeInfo } from './engine.js';
export { rulesetSchema, type RuleFile, type Requirement, type SectionRule, type MetadataField } from './ruleset-schema.js';
export { parseRuleFile, type RuleFileInput, type SpecType } from './ruleset.js';
export { ALL_RULES, CHECKS, ENGINE_RULES, GRAPH_RULES, type RuleInfo } from './checks/index.js';
export * from './graph/index.js';
