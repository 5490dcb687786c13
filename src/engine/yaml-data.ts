/**
 * Load a YAML data file (rule file or repository config) and validate it against a JSON Schema, turning
 * every problem into a SpecReviewError that names the file, line and column, what was expected and,
 * for unknown keys, the closest valid key.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { closest } from 'fastest-levenshtein';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { SpecReviewError } from './errors.js';

const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  const known = compiled.get(schema);
  if (known) return known;
  const v = ajv.compile(schema);
  compiled.set(schema, v);
  return v;
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function describe(path: (string | number)[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') : 'top level';
}

/** Source offset of the node at `path`; for a key error, of the key itself. */
function offsetOf(doc: Document, path: (string | number)[], key?: string): number {
  let node: unknown = doc.contents;
  const rangeStart = (n: unknown): number | undefined => (n && typeof n === 'object' && 'range' in n ? (n as { range?: [number] }).range?.[0] : undefined);
  let best = rangeStart(node) ?? 0;
  const steps = key === undefined ? path : [...path, key];
  for (const step of steps) {
    if (!node || typeof node !== 'object' || !('items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    if (isMap(node)) {
      const pair = (items as { key: unknown; value: unknown }[]).find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(step));
      if (!pair) break;
      if (step === key && key !== undefined && steps[steps.length - 1] === step) {
        best = rangeStart(pair.key) ?? best;
        break;
      }
      node = pair.value;
      best = rangeStart(pair.value) ?? rangeStart(pair.key) ?? best;
    } else {
      const item = items[Number(step)];
      if (item === undefined) break;
      node = item;
      best = rangeStart(item) ?? best;
    }
  }
  return best;
}

function allowedKeys(err: ErrorObject): string[] {
  return Object.keys(((err.parentSchema as { properties?: object })?.properties ?? {}) as object).filter((k) => k !== '$schema');
}

/** The allowed key closest to an unknown one. */
function suggestion(err: ErrorObject): string | undefined {
  const allowed = allowedKeys(err);
  return allowed.length ? closest(String((err.params as { additionalProperty: string }).additionalProperty), allowed) : undefined;
}

function explain(err: ErrorObject, path: (string | number)[], data: unknown): { message: string; key?: string } {
  const at = describe(path);
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String((err.params as { additionalProperty: string }).additionalProperty);
      const allowed = allowedKeys(err);
      const hint = allowed.length ? ` Did you mean "${suggestion(err)}"? Allowed keys: ${allowed.join(', ')}.` : '';
      return { message: `Unknown key "${key}" at ${at}.${hint}`, key };
    }
    case 'required':
      return { message: `Missing required key "${(err.params as { missingProperty: string }).missingProperty}" at ${at}.` };
    case 'enum':
      return { message: `${at} must be one of: ${((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}.` };
    case 'type':
      return { message: `${at} must be ${(err.params as { type: string }).type}.` };
    case 'anyOf': {
      const keys = ((err.schema as { required: string[] }[]) ?? []).map((s) => s.required?.[0]).filter(Boolean);
      return { message: `${at} needs at least one of: ${keys.join(', ')}.` };
    }
    case 'pattern':
      return { message: `${at} ${JSON.stringify(lookup(data, path))} does not match the expected form ${(err.params as { pattern: string }).pattern}.` };
    default:
      return { message: `${at} ${err.message ?? 'is invalid'}.` };
  }
}

function lookup(data: unknown, path: (string | number)[]): unknown {
  let v: unknown = data;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/**
 * Errors worth showing, one per place (the most precise one), in document order: anyOf's branch noise
 * is dropped, and an unknown key is reported once per key.
 */
function pick(all: ErrorObject[]): ErrorObject[] {
  // Errors inside the branches of an anyOf only say why each branch failed; the anyOf error says what to do.
  const anyOfAt = new Set(all.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const errors = all.filter((e) => !(anyOfAt.has(e.instancePath) && /\/anyOf\/\d+\//.test(e.schemaPath)));
  const order = ['additionalProperties', 'required', 'type', 'enum', 'pattern', 'minimum', 'maximum', 'minItems', 'minLength', 'anyOf'];
  const rank = (e: ErrorObject) => (order.indexOf(e.keyword) === -1 ? order.length : order.indexOf(e.keyword));
  const best = new Map<string, ErrorObject>();
  for (const e of errors) {
    const place = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String((e.params as { additionalProperty: string }).additionalProperty)}` : e.instancePath;
    const known = best.get(place);
    if (!known || rank(e) < rank(known)) best.set(place, e);
  }
  return [...best.values()].sort((a, b) => rank(a) - rank(b));
}

/**
 * Parse YAML text and validate it. Throws SpecReviewError(code) at the first problem, with file:line:col.
 * An empty document yields `emptyValue`.
 */
export function loadYamlData<T>(text: string, file: string, schema: object, code: string, emptyValue?: T): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    const msg = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new SpecReviewError(code, `Invalid YAML: ${msg}`, { file, line: pos.line, column: pos.col });
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (data === null || data === undefined) {
    if (emptyValue !== undefined) return emptyValue;
    throw new SpecReviewError(code, 'File is empty.', { file, line: 1 });
  }
  const validate = validatorFor(schema);
  if (!validate(data)) {
    // The most telling problem leads (an unknown key explains a missing one); the rest follow in line order.
    const picked = pick(validate.errors ?? []);
    // A key reported missing that an unknown key beside it was meant to be (`sectons` for `sections`) is one problem, not two.
    const meant = new Set(picked.filter((e) => e.keyword === 'additionalProperties').map((e) => `${e.instancePath}/${suggestion(e)}`));
    const problems = picked
      .filter((e) => !(e.keyword === 'required' && meant.has(`${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`)))
      .map((err, i) => {
        const path = pathOf(err.instancePath);
        const { message, key } = explain(err, path, data);
        const pos = lineCounter.linePos(offsetOf(doc, path, key));
        return { message, line: pos.line, column: pos.col, lead: i };
      });
    const lead = problems.reduce((a, b) => (b.lead < a.lead ? b : a));
    problems.sort((a, b) => (a === lead ? -1 : b === lead ? 1 : a.line - b.line || a.column - b.column));
    SpecReviewError.throwAll(code, file, problems.map(({ message, line, column }) => ({ message, line, column })));
  }
  return data as T;
}

/** Line (1-based) of the value at `path` in a YAML text, for semantic errors found after validation. */
export function yamlLineOf(text: string, path: (string | number)[]): number {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return lineCounter.linePos(offsetOf(doc, path)).line;
}
