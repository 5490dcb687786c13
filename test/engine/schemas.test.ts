import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, rulesetSchema } from '../../src/engine/index.js';
import { ROOT } from './helpers.js';

// schemas/*.json are published for editors (yaml-language-server); they are generated from the code.
test.each([
  ['schemas/ruleset.schema.json', rulesetSchema],
  ['schemas/config.schema.json', configSchema],
])('%s is up to date (run `npm run gen`)', (file, schema) => {
  expect(JSON.parse(readFileSync(join(ROOT, file), 'utf8'))).toEqual(JSON.parse(JSON.stringify(schema)));
});
