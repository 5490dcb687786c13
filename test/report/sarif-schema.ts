import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';

const require = createRequire(import.meta.url);

/**
 * The SARIF 2.1.0 schema shipped with @microsoft/jest-sarif is draft-04 (`id`, draft-04 `$schema`).
 * Ajv 8 speaks draft-07 and later; the schema uses no draft-04-only keyword semantics
 * (no boolean exclusiveMinimum/Maximum), so renaming the root `id` to `$id` and dropping `$schema`
 * lets Ajv 8 validate with it faithfully (`unicodeRegExp: false`: one of its patterns is not valid
 * under the `u` flag). Formats are checked with small validators.
 */
export function sarifValidator(): { (data: unknown): boolean; errors: unknown } {
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const text = readFileSync(schemaPath, 'utf8');
  if (/"exclusive(Minimum|Maximum)"\s*:\s*(true|false)/.test(text)) throw new Error('schema uses draft-04 exclusive* booleans');
  const schema = JSON.parse(text);
  if (schema.$schema !== 'http://json-schema.org/draft-04/schema#') throw new Error(`unexpected schema dialect ${schema.$schema}`);
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s));
  ajv.addFormat('uri-reference', (s: string) => !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const compiled = ajv.compile(schema);
  // a plain boolean (not a type guard) so callers keep their own types for the validated data
  const validate = (data: unknown): boolean => {
    const ok = compiled(data);
    validate.errors = compiled.errors;
    return ok;
  };
  validate.errors = null as unknown;
  return validate;
}

