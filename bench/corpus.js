// Deterministic generator of spec-like Markdown corpora for the benchmark.
//
// No network, no randomness outside a seeded PRNG: the same (name, files, seed, version) always
// produces byte-identical files. A corpus lives in bench/.corpus/<name>/ (gitignored) and is laid out
// like a repository that uses spec-review:
//
//   docs/specs/component/cmp-NNN-slug.md        (type component,       id CMP-NNN)
//   docs/specs/flow-schematic/flow-NNN-slug.md  (type flow-schematic,  id FLOW-NNN)
//   docs/specs/data-flow/dfl-NNN-slug.md        (type data-flow,       id DFL-NNN)
//   docs/specs/flow/flw-NNN-slug.md             (type flow,            id FLW-NNN)
//
// Files are 2–60 KB (log-uniform), built from the section structure of the seed guides and
// templates: headings, metadata lines (**Type**: ...), tables, lists, json / yaml / mermaid / python /
// ascii / bash code blocks, spec references [CMP-001], relative links — and, in a minority of files,
// the defects spec-review looks for (unfilled placeholders, invalid json/yaml/mermaid, missing
// sections, dangling references, broken links, a bad file name, a duplicate id).
//
// Usage:  node bench/corpus.js [--quick] [--force]     (generates the corpora run.js uses)

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the generator's output changes: existing corpora are then regenerated. */
export const GENERATOR_VERSION = 6;

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const CORPUS_ROOT = join(BENCH_DIR, '.corpus');
const MANIFEST = '.corpus.json';

/** The corpora the benchmark uses; `quick` ones are for the smoke run. */
export const CORPORA = {
  main: { files: 2000, seed: 'spec-review-main', minKB: 2, maxKB: 60 },
  huge: { files: 3000, seed: 'spec-review-huge-pr', minKB: 2, maxKB: 60 },
  'quick-main': { files: 200, seed: 'spec-review-main', minKB: 2, maxKB: 60 },
  'quick-huge': { files: 300, seed: 'spec-review-huge-pr', minKB: 2, maxKB: 60 },
  // A small repository for the CLI start-up measurement (pre-commit on one file).
  startup: { files: 12, seed: 'spec-review-startup', minKB: 2, maxKB: 8 },
};

// ---------------------------------------------------------------------------------------------
// PRNG: sfc32 seeded through cyrb128 (both public-domain, well-distributed, tiny).

function cyrb128(str) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export function createRng(seed) {
  let [a, b, c, d] = cyrb128(String(seed));
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  const rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    pickN: (arr, n) => {
      const copy = arr.slice();
      const out = [];
      while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return out;
    },
  };
  return rng;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const NOUNS = ['export', 'payment', 'invoice', 'account', 'session', 'order', 'catalog', 'ledger',
  'notification', 'report', 'audit', 'billing', 'profile', 'search', 'inventory', 'shipment',
  'subscription', 'identity', 'pricing', 'metrics', 'upload', 'webhook', 'scheduler', 'token',
  'gateway', 'cache', 'queue', 'archive', 'consent', 'refund', 'tenant', 'policy', 'feed', 'media'];
const SUFFIXES = ['service', 'worker', 'api', 'processor', 'store', 'pipeline', 'adapter', 'router',
  'sync', 'engine', 'manager', 'collector', 'indexer', 'dispatcher'];
const VERBS = ['validates', 'stores', 'publishes', 'transforms', 'enriches', 'forwards', 'caches',
  'aggregates', 'retries', 'schedules', 'signs', 'deduplicates', 'persists', 'streams', 'reconciles'];
const OBJECTS = ['the request payload', 'each incoming event', 'the export job', 'customer records',
  'the audit trail', 'partial results', 'the signed URL', 'rate-limit counters', 'batch manifests',
  'idempotency keys', 'the outbound message', 'schema versions', 'retry metadata', 'daily snapshots'];
const ADVERBS = ['asynchronously', 'within the SLA', 'in batches of 500', 'behind a feature flag',
  'with exponential backoff', 'before acknowledging', 'once per tenant', 'under a distributed lock',
  'after validation', 'idempotently', 'on a read replica', 'inside one transaction'];
const ACTORS = ['User', 'Frontend', 'API Gateway', 'Export Worker', 'Scheduler', 'Database',
  'Message Queue', 'Object Storage', 'Notification Service', 'Auth Service', 'Admin', 'Partner API'];
const TECH = ['PostgreSQL 15', 'Redis 7', 'Kafka', 'S3', 'RabbitMQ', 'Elasticsearch', 'DynamoDB',
  'Node.js 20', 'Python 3.12', 'Go 1.22', 'Kubernetes', 'gRPC', 'GraphQL'];
const HTTP = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const LANGS = ['Node.js + TypeScript', 'Python 3.12', 'Go 1.22', 'Java 21 (Spring Boot)', 'Rust'];
const STATUSES = ['Draft', 'Stable (production)', 'Current', 'Deprecated', 'Beta', 'Legacy'];
const PLACEHOLDERS = ['[SYSTEM NAME]', '[DATA_SOURCE_1]', '[Component 1]', 'YYYY-MM-DD', '[DATE]',
  'TODO', 'TBD', '{describe the failure mode}', '[STEP NAME]', '[Phase Name]', '[UPDATE FREQUENCY]'];
const OTHER_REFS = ['DES', 'API', 'DATA', 'DEPLOY'];

export const TYPES = [
  { name: 'component', folder: 'docs/specs/component', filePrefix: 'cmp', idPrefix: 'CMP', weight: 0.3 },
  { name: 'flow-schematic', folder: 'docs/specs/flow-schematic', filePrefix: 'flow', idPrefix: 'FLOW', weight: 0.25 },
  { name: 'data-flow', folder: 'docs/specs/data-flow', filePrefix: 'dfl', idPrefix: 'DFL', weight: 0.2 },
  { name: 'flow', folder: 'docs/specs/flow', filePrefix: 'flw', idPrefix: 'FLW', weight: 0.25 },
];

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const titleCase = (slug) => slug.split('-').map(cap).join(' ');
const pad3 = (n) => String(n).padStart(3, '0');

// ---------------------------------------------------------------------------------------------
// Planning: decide every file's type, id, slug, size and defects before writing any content, so that
// references and relative links can point at files that exist (or, for defects, that do not).

function planCorpus(spec, rng) {
  const counters = new Map(TYPES.map((t) => [t.name, 0]));
  const plans = [];
  const usedSlugs = new Set();
  const lnMin = Math.log(spec.minKB * 1024), lnMax = Math.log(spec.maxKB * 1024);
  for (let i = 0; i < spec.files; i++) {
    let r = rng.next(), type = TYPES[TYPES.length - 1];
    for (const t of TYPES) { if (r < t.weight) { type = t; break; } r -= t.weight; }
    const n = counters.get(type.name) + 1;
    counters.set(type.name, n);
    let slug;
    do {
      slug = `${rng.pick(NOUNS)}-${rng.pick(SUFFIXES)}`;
      if (usedSlugs.has(`${type.name}/${slug}`)) slug += `-${rng.pick(NOUNS)}`;
    } while (usedSlugs.has(`${type.name}/${slug}`));
    usedSlugs.add(`${type.name}/${slug}`);
    const defects = [];
    // About one file in five carries one or two defects; the rest are clean specs.
    if (rng.chance(0.2)) {
      const kinds = ['placeholder', 'json', 'yaml', 'mermaid', 'missing-section', 'dangling-ref',
        'broken-link', 'empty-section', 'metadata'];
      defects.push(...rng.pickN(kinds, rng.chance(0.3) ? 2 : 1));
    }
    let num = n;
    let fileName = `${type.filePrefix}-${pad3(num)}-${slug}.md`;
    if (rng.chance(0.004)) { defects.push('file-name'); fileName = `${titleCase(slug).replace(/ /g, '_')}.md`; }
    else if (n > 5 && rng.chance(0.003)) { defects.push('duplicate-id'); num = rng.int(1, n - 1); fileName = `${type.filePrefix}-${pad3(num)}-${slug}.md`; }
    plans.push({
      type, num, id: `${type.idPrefix}-${pad3(num)}`, slug, title: titleCase(slug),
      path: posix.join(type.folder, fileName),
      targetBytes: Math.round(Math.exp(lnMin + rng.next() * (lnMax - lnMin))),
      maxBytes: spec.maxKB * 1024,
      defects,
    });
  }
  return plans;
}

// ---------------------------------------------------------------------------------------------
// Content helpers. `ctx` carries the rng, the plan of this file and the whole corpus plan.

function sentence(rng) {
  const subject = rng.pick(['The service', 'This component', 'The worker', 'The gateway', 'Each replica',
    'The pipeline', 'The scheduler', 'The consumer']);
  let s = `${subject} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)} ${rng.pick(ADVERBS)}`;
  if (rng.chance(0.3)) s += `, using \`${rng.pick(NOUNS)}_${rng.pick(['id', 'key', 'ttl', 'count'])}\``;
  if (rng.chance(0.2)) s += ` and **${rng.pick(OBJECTS)}** are ${rng.pick(['kept', 'logged', 'dropped', 'retried'])} _${rng.pick(ADVERBS)}_`;
  return `${s}.`;
}

function paragraph(ctx, min = 2, max = 5) {
  const { rng } = ctx;
  const parts = [];
  const n = rng.int(min, max);
  for (let i = 0; i < n; i++) {
    parts.push(sentence(rng));
    if (rng.chance(0.12)) parts.push(`See ${specRef(ctx)} for the upstream contract.`);
    if (rng.chance(0.08)) parts.push(`The details are in [${titleCase(rng.pick(ctx.plans).slug)}](${relLink(ctx)}).`);
  }
  return parts.join(' ');
}

function specRef(ctx) {
  const { rng, plan, plans } = ctx;
  if (plan.defects.includes('dangling-ref') && rng.chance(0.5)) return `[${rng.pick(TYPES).idPrefix}-9${rng.int(10, 99)}]`;
  if (rng.chance(0.05)) return `[${rng.pick(OTHER_REFS)}-${pad3(rng.int(1, 20))}]`;
  return `[${rng.pick(plans).id}]`;
}

function relLink(ctx) {
  const { rng, plan, plans } = ctx;
  if (plan.defects.includes('broken-link') && rng.chance(0.5)) return `../design/${rng.pick(NOUNS)}_design.md`;
  const target = rng.pick(plans);
  return posix.relative(posix.dirname(plan.path), target.path);
}

function list(ctx, n, bold) {
  const { rng } = ctx;
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push(bold ? `- **${cap(rng.pick(NOUNS))} ${rng.pick(['handling', 'limits', 'ownership', 'retention'])}**: ${sentence(rng)}`
      : `- ${sentence(rng)}`);
  }
  return out.join('\n');
}

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function fence(lang, body) {
  return `\`\`\`${lang}\n${body}\n\`\`\``;
}

function jsonBlock(ctx, broken) {
  const { rng } = ctx;
  const obj = {};
  const n = rng.int(3, 8);
  for (let i = 0; i < n; i++) {
    const k = `${rng.pick(NOUNS)}_${rng.pick(['id', 'status', 'count', 'url', 'format', 'created_at'])}`;
    obj[k] = rng.pick([rng.int(1, 5000), `${rng.pick(NOUNS)}-${rng.int(100, 999)}`, rng.chance(0.5),
      [rng.pick(NOUNS), rng.pick(NOUNS)], { nested: rng.pick(NOUNS), ttl: rng.int(1, 3600) }]);
  }
  let text = JSON.stringify(obj, null, 2);
  if (broken) text = text.replace(/\n}$/, ',\n}'); // trailing comma: invalid JSON
  return fence('json', text);
}

function yamlBlock(ctx, broken) {
  const { rng } = ctx;
  const lines = [`source: ${rng.pick(TECH)}`, `frequency: every ${rng.int(1, 60)} minutes`, 'steps:'];
  const n = rng.int(2, 6);
  for (let i = 1; i <= n; i++) {
    lines.push(`  - name: ${rng.pick(VERBS)} ${rng.pick(NOUNS)}`);
    lines.push(`    timeout_ms: ${rng.int(100, 30000)}`);
    lines.push(`    on_error: ${rng.pick(['retry', 'skip', 'dead-letter', 'abort'])}`);
  }
  if (broken) lines.splice(3, 0, '  bad: [unclosed, flow', ' wrong_indent: true');
  return fence('yaml', lines.join('\n'));
}

function mermaidBlock(ctx, broken) {
  const { rng } = ctx;
  const lines = [];
  if (rng.chance(0.5)) {
    lines.push(broken ? 'flowchrt TD' : rng.pick(['graph TD', 'graph TB', 'flowchart LR']));
    const nodes = rng.pickN(NOUNS, rng.int(4, 9)).map((s, i) => ({ key: String.fromCharCode(65 + i), label: cap(s) }));
    for (let i = 0; i < nodes.length - 1; i++) {
      const a = nodes[i], b = nodes[i + 1];
      lines.push(`    ${a.key}[${a.label}] -->${rng.chance(0.3) ? `|${rng.pick(['ok', 'retry', 'error'])}|` : ''} ${b.key}[${b.label}]`);
    }
    if (broken) lines.push('    A --> ');
  } else {
    lines.push(broken ? 'sequenceDiagrm' : 'sequenceDiagram');
    const actors = rng.pickN(ACTORS, rng.int(3, 5)).map((a) => a.replace(/ /g, ''));
    for (const a of actors) lines.push(`    participant ${a}`);
    const n = rng.int(3, 8);
    for (let i = 0; i < n; i++) {
      const [a, b] = rng.pickN(actors, 2);
      lines.push(`    ${a}${rng.pick(['->>', '-->>', '-)'])}${b}: ${rng.pick(VERBS)} ${rng.pick(NOUNS)}`);
    }
  }
  return fence('mermaid', lines.join('\n'));
}

function asciiBlock(ctx) {
  const { rng } = ctx;
  const actors = rng.pickN(ACTORS, rng.int(3, 5));
  const out = [];
  actors.forEach((a, i) => {
    const w = a.length + 4;
    out.push(`┌${'─'.repeat(w)}┐`, `│  ${a}  │`, `└${'─'.repeat(Math.floor(w / 2))}┬${'─'.repeat(w - Math.floor(w / 2) - 1)}┘`);
    if (i < actors.length - 1) out.push(`${' '.repeat(Math.floor(w / 2) + 1)}│ ${i + 1}. ${rng.pick(VERBS)} ${rng.pick(NOUNS)}`, `${' '.repeat(Math.floor(w / 2) + 1)}▼`);
  });
  return fence('', out.join('\n'));
}

function pythonBlock(ctx) {
  const { rng } = ctx;
  const fn = `${rng.pick(VERBS).replace(/s$/, '')}_${rng.pick(NOUNS)}`;
  return fence('python', [
    `def ${fn}(payload: dict) -> dict:`,
    `    """${sentence(rng)}"""`,
    `    result = client.${rng.pick(['get', 'post', 'send'])}("/${rng.pick(NOUNS)}", json=payload, timeout=${rng.int(1, 30)})`,
    '    if result.status_code >= 500:',
    `        raise RetryableError("${rng.pick(NOUNS)} unavailable")`,
    `    return {"${rng.pick(NOUNS)}": result.json(), "attempts": ${rng.int(1, 5)}}`,
  ].join('\n'));
}

function bashBlock(ctx) {
  const { rng, plan } = ctx;
  return fence('bash', [
    `kubectl set image deployment/${plan.slug} app=registry.example/${plan.slug}:v${rng.int(1, 9)}.${rng.int(0, 20)}.0`,
    `kubectl rollout status deployment/${plan.slug} --timeout=${rng.int(60, 600)}s`,
    `curl -fsS http://${plan.slug}:8080/health`,
  ].join('\n'));
}

function fill(ctx, text) {
  // Placeholders left in prose, as an author who forgot to fill the template would.
  if (!ctx.plan.defects.includes('placeholder') || !ctx.rng.chance(0.25)) return text;
  return `${text} ${ctx.rng.pick(PLACEHOLDERS)}`;
}

// ---------------------------------------------------------------------------------------------
// Per-type documents. Each returns { head: string[], sections: [{ title, required, body() }], more() }
// where more() produces one more repeatable chunk (an endpoint, a phase, a flow...) to reach the
// target size.

function metadataLines(ctx, fields) {
  const { plan } = ctx;
  return fields.map(([k, v]) => {
    if (plan.defects.includes('metadata') && k === fields[1][0]) return `**${k}**: ${ctx.rng.pick(['[TBD]', 'TODO', '[DATE]'])}`;
    return `**${k}**: ${v}`;
  }).join('\n');
}

function date(rng) {
  return `2024-${pad3(rng.int(1, 12)).slice(1)}-${pad3(rng.int(1, 28)).slice(1)}`;
}

function componentDoc(ctx) {
  const { rng, plan } = ctx;
  const head = [`# ${plan.title}`, metadataLines(ctx, [
    ['ID', plan.id], ['Type', rng.pick(['Microservice', 'Library', 'Worker', 'Batch job'])],
    ['Language', rng.pick(LANGS)], ['Deployment', `Kubernetes (${rng.int(2, 6)}+ replicas)`],
    ['Status', rng.pick(STATUSES)], ['Version', `${rng.int(1, 4)}.${rng.int(0, 9)}`], ['Last Updated', date(rng)]])];
  let endpoint = 0;
  const endpointChunk = () => {
    endpoint++;
    const method = rng.pick(HTTP);
    return [`#### ${method} /${rng.pick(NOUNS)}s${rng.chance(0.5) ? '/{id}' : ''}`,
      `**Purpose**: ${sentence(rng)}`, `**Authentication**: ${rng.pick(['Required (Bearer token)', 'mTLS', 'None (internal)'])}`,
      '**Request Body**:', jsonBlock(ctx, plan.defects.includes('json') && endpoint === 1),
      `**Response** (${rng.pick(['200 OK', '201 Created', '202 Accepted'])}):`, jsonBlock(ctx, false),
      fill(ctx, paragraph(ctx, 1, 3))].join('\n\n');
  };
  const sections = [
    { title: '## Purpose', required: true, body: () => fill(ctx, paragraph(ctx, 3, 6)) },
    { title: '## Primary Responsibilities', required: true, body: () => list(ctx, rng.int(3, 7), true) },
    { title: '## Interfaces', required: true, body: () => ['### REST API Endpoints', paragraph(ctx, 1, 2), endpointChunk(),
      '### Event Publishing', `**${rng.pick(NOUNS)}.${rng.pick(['started', 'completed', 'failed'])}**`, jsonBlock(ctx, false),
      '### Dependencies (Consumed APIs)', list(ctx, rng.int(2, 4), false) + `\n- ${specRef(ctx)} ${rng.pick(NOUNS)} contract`].join('\n\n') },
    { title: '## Configuration', required: true, body: () => ['### Environment Variables',
      table(['Variable', 'Required', 'Default', 'Description'], Array.from({ length: rng.int(3, 9) }, () => [
        `\`${rng.pick(NOUNS).toUpperCase()}_${rng.pick(['URL', 'TIMEOUT_MS', 'POOL_SIZE', 'ENABLED', 'REGION'])}\``,
        rng.pick(['Yes', 'No']), `\`${rng.pick(['30000', 'true', 'eu-west-1', '10', '-'])}\``, sentence(rng)])),
      '### Configuration File (config.json)', jsonBlock(ctx, false),
      '### Runtime Requirements', list(ctx, rng.int(2, 4), false)].join('\n\n') },
    { title: '## Data Dependencies', required: false, body: () => ['### Input Data', paragraph(ctx, 1, 3), '### Output Data', paragraph(ctx, 1, 3)].join('\n\n') },
    { title: '## Deployment', required: true, body: () => ['### Container Image', `\`registry.example/${plan.slug}:${rng.int(1, 9)}.${rng.int(0, 30)}\``,
      '### Kubernetes Deployment', yamlBlock(ctx, plan.defects.includes('yaml')),
      '### Deployment Steps', Array.from({ length: rng.int(3, 6) }, (_, i) => `${i + 1}. ${sentence(rng)}`).join('\n'),
      '### Rollback Procedure', bashBlock(ctx)].join('\n\n') },
    { title: '## Monitoring', required: true, body: () => ['### Health Checks', `**Liveness Probe**: GET /health\n**Readiness Probe**: GET /ready`,
      '### Metrics', table(['Metric', 'Type', 'Description'], Array.from({ length: rng.int(3, 7) }, () => [
        `\`${plan.slug.replace(/-/g, '_')}_${rng.pick(NOUNS)}_${rng.pick(['total', 'seconds', 'bytes'])}\``, rng.pick(['counter', 'histogram', 'gauge']), sentence(rng)])),
      '### Alerts', list(ctx, rng.int(2, 4), true), '### Logging', paragraph(ctx, 1, 2)].join('\n\n') },
    { title: '## Dependencies', required: false, body: () => table(['Service', 'Purpose', 'Fallback'], Array.from({ length: rng.int(2, 5) }, () => [
      `[${titleCase(rng.pick(ctx.plans).slug)}](${relLink(ctx)})`, sentence(rng), rng.pick(['Retry queue', 'Cached value', 'Fail request', 'Degrade'])])) },
    { title: '## Performance Characteristics', required: false, body: () => list(ctx, rng.int(2, 5), true) },
    { title: '## Related Specifications', required: false, body: () => Array.from({ length: rng.int(2, 5) }, () => `- ${specRef(ctx)} ${sentence(rng)}`).join('\n') },
  ];
  return { head, sections, more: () => ({ after: '## Interfaces', text: endpointChunk() }) };
}

function flowSchematicDoc(ctx) {
  const { rng, plan } = ctx;
  const head = [`# ${plan.title} Flow`, metadataLines(ctx, [
    ['ID', plan.id], ['Primary Actors', rng.pickN(ACTORS, 3).join(', ')], ['Scope', `From ${rng.pick(NOUNS)} request to ${rng.pick(NOUNS)} delivery`],
    ['Status', rng.pick(['Draft', 'Current', 'Legacy'])], ['Last Updated', date(rng)]])];
  let step = 0, phase = 0;
  const phaseChunk = () => {
    phase++;
    const out = [`### Phase ${phase}: ${cap(rng.pick(NOUNS))} ${rng.pick(['Request', 'Processing', 'Delivery', 'Notification'])}`];
    for (let i = rng.int(2, 4); i > 0; i--) {
      step++;
      out.push(`**Step ${step}: ${rng.pick(ACTORS)} ${rng.pick(VERBS)} ${rng.pick(NOUNS)}**\n- **Actor**: ${rng.pick(ACTORS)}\n- **Action**: ${sentence(rng)}\n- **Input**: ${rng.pick(OBJECTS)}\n- **Output**: ${rng.pick(OBJECTS)}`);
      if (rng.chance(0.3)) out.push(jsonBlock(ctx, plan.defects.includes('json') && step === 1));
    }
    return out.join('\n\n');
  };
  const sections = [
    { title: '## Summary', required: true, body: () => fill(ctx, paragraph(ctx, 2, 4)) },
    { title: '## Key Steps Overview', required: true, body: () => Array.from({ length: rng.int(4, 7) }, (_, i) => `${i + 1}. ${sentence(rng)}`).join('\n') },
    { title: '## Flow Diagram', required: true, body: () => [rng.chance(0.5) ? asciiBlock(ctx) : mermaidBlock(ctx, plan.defects.includes('mermaid'))].join('\n\n') },
    { title: '## Detailed Flow Steps', required: true, body: () => phaseChunk() },
    { title: '## Decision Points', required: false, body: () => Array.from({ length: rng.int(1, 3) }, (_, i) => `### Decision ${i + 1}: ${cap(rng.pick(NOUNS))} valid?\n**Question**: ${sentence(rng)}\n**Options**:\n- Yes: continue\n- No: ${rng.pick(['return 400', 'retry later', 'notify the user'])}`).join('\n\n') },
    { title: '## Error Handling', required: true, body: () => table(['Error', 'Detection', 'Recovery'], Array.from({ length: rng.int(2, 6) }, () => [
      `${cap(rng.pick(NOUNS))} ${rng.pick(['timeout', 'unavailable', 'rejected'])}`, sentence(rng), sentence(rng)])) },
    { title: '## Async Operations', required: false, body: () => [paragraph(ctx, 1, 3), yamlBlock(ctx, plan.defects.includes('yaml'))].join('\n\n') },
    { title: '## Related Specifications', required: false, body: () => Array.from({ length: rng.int(2, 5) }, () => `- ${specRef(ctx)} — [${titleCase(rng.pick(ctx.plans).slug)}](${relLink(ctx)})`).join('\n') },
  ];
  return { head, sections, more: () => ({ after: '## Detailed Flow Steps', text: phaseChunk() }) };
}

function dataFlowDoc(ctx) {
  const { rng, plan } = ctx;
  const head = [`# Data Flow Specifications: ${plan.title}`, metadataLines(ctx, [
    ['ID', plan.id], ['Owner', `${cap(rng.pick(NOUNS))} team`], ['Status', rng.pick(STATUSES)], ['Last Updated', date(rng)]])];
  let flow = 0;
  const flowChunk = () => {
    flow++;
    return [`## ${cap(rng.pick(NOUNS))} ${rng.pick(['Ingestion', 'Processing', 'Storage', 'Delivery', 'Cache'])} Flow ${flow}`,
      '### Visual Data Flow Diagram', mermaidBlock(ctx, plan.defects.includes('mermaid') && flow === 1),
      '### Detailed Processing Flow', yamlBlock(ctx, plan.defects.includes('yaml') && flow === 1),
      '### Data Validation', list(ctx, rng.int(2, 5), true), fill(ctx, paragraph(ctx, 1, 4))].join('\n\n');
  };
  const sections = [
    { title: '## Overview', required: true, body: () => fill(ctx, paragraph(ctx, 2, 5)) },
    { title: '## Data Flow Architecture Overview', required: true, body: () => ['### Data Flow Categories',
      ['Ingestion', 'Processing', 'Storage', 'Delivery', 'Cache', 'Error'].map((c, i) => `${i + 1}. **${c} Flows** - ${sentence(rng)}`).join('\n'),
      '### Data Flow Principles', list(ctx, rng.int(3, 5), true)].join('\n\n') },
    { title: '## Data Sources', required: true, body: () => table(['Source', 'Format', 'Frequency', 'Owner'], Array.from({ length: rng.int(2, 6) }, () => [
      rng.pick(TECH), rng.pick(['JSON', 'CSV', 'Avro', 'Parquet']), `${rng.int(1, 60)} min`, specRef(ctx)])) },
    { title: '## Error Flows', required: true, body: () => [paragraph(ctx, 1, 3), jsonBlock(ctx, plan.defects.includes('json'))].join('\n\n') },
    { title: '## Monitoring', required: false, body: () => list(ctx, rng.int(2, 5), true) },
    { title: '## Related Specifications', required: false, body: () => Array.from({ length: rng.int(2, 4) }, () => `- ${specRef(ctx)} via [${titleCase(rng.pick(ctx.plans).slug)}](${relLink(ctx)})`).join('\n') },
  ];
  return { head, sections, more: () => ({ after: '## Data Sources', text: flowChunk(), standalone: true }) };
}

function flowDoc(ctx) {
  const { rng, plan } = ctx;
  const head = [`# ${plan.title} Flow`, `**ID:** ${plan.id}  \n**Version:** ${rng.int(1, 3)}.${rng.int(0, 9)}  \n**Date:** ${plan.defects.includes('metadata') ? 'YYYY-MM-DD' : date(rng)}`];
  let phase = 0;
  const phaseChunk = () => {
    phase++;
    return [`### Phase ${phase}: ${cap(rng.pick(NOUNS))} ${rng.pick(['Intake', 'Transformation', 'Hand-off', 'Completion'])}`,
      `**What happens:** ${sentence(rng)}`, '**Components responsible:**',
      Array.from({ length: rng.int(2, 3) }, () => `- **[${titleCase(rng.pick(ctx.plans).slug)}](${relLink(ctx)})**: ${sentence(rng)}`).join('\n'),
      '**Key data transformations:**', pythonBlock(ctx), fill(ctx, paragraph(ctx, 1, 3))].join('\n\n');
  };
  const sections = [
    { title: '## 1. Overview', required: true, body: () => fill(ctx, paragraph(ctx, 2, 5)) },
    { title: '## 2. Components Involved', required: true, body: () => Array.from({ length: rng.int(2, 5) }, () => `- **[${titleCase(rng.pick(ctx.plans).slug)}](${relLink(ctx)})** - ${sentence(rng)}`).join('\n') },
    { title: '## 3. Flow Diagram', required: true, body: () => mermaidBlock(ctx, plan.defects.includes('mermaid')) },
    { title: '## 4. Detailed Steps', required: true, body: () => phaseChunk() },
    { title: '## 5. Error Handling', required: true, body: () => ['### Common Error Scenarios', list(ctx, rng.int(2, 4), true), pythonBlock(ctx)].join('\n\n') },
    { title: '## 6. Performance Considerations', required: false, body: () => ['### Optimization Strategies', list(ctx, rng.int(2, 4), false), yamlBlock(ctx, plan.defects.includes('yaml'))].join('\n\n') },
    { title: '## 7. Examples', required: false, body: () => ['### Basic Flow Example', pythonBlock(ctx), jsonBlock(ctx, plan.defects.includes('json'))].join('\n\n') },
    { title: '## 8. Integration with Other Flows', required: false, body: () => Array.from({ length: rng.int(1, 4) }, () => `- ${specRef(ctx)} ${sentence(rng)}`).join('\n') },
    { title: '## 9. Testing', required: false, body: () => list(ctx, rng.int(2, 5), false) },
  ];
  return { head, sections, more: () => ({ after: '## 4. Detailed Steps', text: phaseChunk() }) };
}

const BUILDERS = { component: componentDoc, 'flow-schematic': flowSchematicDoc, 'data-flow': dataFlowDoc, flow: flowDoc };

export { planCorpus };

/** Render one file's Markdown. Deterministic for a given (seed, file path). */
export function renderSpec(plan, plans, seed) {
  const rng = createRng(`${seed}:${plan.path}`);
  const ctx = { rng, plan, plans };
  const doc = BUILDERS[plan.type.name](ctx);
  let sections = doc.sections.map((s) => ({ ...s, text: s.body() }));
  if (plan.defects.includes('missing-section')) {
    const req = sections.filter((s) => s.required);
    const drop = rng.pick(req);
    sections = sections.filter((s) => s !== drop);
  }
  if (plan.defects.includes('empty-section')) {
    const s = rng.pick(sections);
    s.text = rng.pick(['', 'TBD', '[Describe this section]']);
  }
  const extra = [];
  const bytes = (t) => Buffer.byteLength(t);
  const base = bytes(doc.head.join('\n\n')) + sections.reduce((n, s) => n + bytes(s.title) + bytes(s.text) + 4, 0) + 1;
  let grown = 0;
  const size = () => base + grown;
  // Grow with repeatable chunks until the target size is reached, never past the corpus maximum.
  while (size() < plan.targetBytes) {
    const chunk = doc.more();
    const n = bytes(chunk.text) + 2;
    if (size() + n > plan.maxBytes) break;
    extra.push(chunk);
    grown += n;
  }
  const out = [doc.head.join('\n\n')];
  for (const s of sections) {
    out.push(s.text ? `${s.title}\n\n${s.text}` : s.title);
    for (const e of extra) if (e.after === s.title) out.push(e.text);
  }
  return `${out.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Writing and caching.

function readManifest(dir) {
  try { return JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')); } catch { return null; }
}

/**
 * Make sure corpus `name` exists and is current; generate it when missing, when the generator
 * version changed, or when `force` is set. Returns its manifest: { name, dir, files, bytes, paths }.
 */
export function ensureCorpus(name, { force = false, log = () => {} } = {}) {
  const spec = CORPORA[name];
  if (!spec) throw new Error(`unknown corpus "${name}" (known: ${Object.keys(CORPORA).join(', ')})`);
  const dir = join(CORPUS_ROOT, name);
  const wanted = { version: GENERATOR_VERSION, files: spec.files, seed: spec.seed, minKB: spec.minKB, maxKB: spec.maxKB };
  const existing = readManifest(dir);
  if (!force && existing && Object.entries(wanted).every(([k, v]) => existing[k] === v)
    && existing.paths.every((p) => existsSync(join(dir, p)))) {
    return { ...existing, name, dir, generated: false };
  }
  log(`generating corpus "${name}" (${spec.files} files) in ${relative(process.cwd(), dir) || '.'}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const plans = planCorpus(spec, createRng(spec.seed));
  let bytes = 0;
  const defects = {};
  for (const plan of plans) {
    const text = renderSpec(plan, plans, spec.seed);
    const file = join(dir, plan.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    for (const d of plan.defects) defects[d] = (defects[d] ?? 0) + 1;
  }
  // markdownlint-cli2 reads config files from the directory it runs in: this one keeps its defaults.
  writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), '{\n  // Default rules, nothing changed.\n  "config": { "default": true }\n}\n');
  // Make the corpus its own repository so the CLI resolves references against it, not against the
  // checkout it happens to sit in. Best effort: without git the CLI falls back to the current directory.
  try {
    execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });
  } catch { /* git missing: fine */ }
  const manifest = { ...wanted, bytes, defects, paths: plans.map((p) => p.path) };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest)}\n`);
  return { ...manifest, name, dir, generated: true };
}

// CLI entry: node bench/corpus.js [--quick] [--force]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const names = args.includes('--quick') ? ['quick-main', 'quick-huge', 'startup'] : ['main', 'huge', 'startup'];
  for (const n of names) {
    const c = ensureCorpus(n, { force: args.includes('--force'), log: (m) => console.error(m) });
    console.log(`${n}: ${c.files} files, ${(c.bytes / 1e6).toFixed(1)} MB in ${relative(process.cwd(), c.dir)}${c.generated ? '' : ' (cached)'}`);
  }
}
