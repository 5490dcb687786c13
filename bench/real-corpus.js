// Benchmark corpora made of real-looking files rather than generated ones:
//
//   real          ~2,000 specs laid out as a repository, each a copy of one of the 28 hand-written specs
//                 in test/fixtures/corpus (excellent, complete, work in progress, planted mistakes, thin,
//                 raw template: the mix the fixture corpus has) with deterministic variations: ids,
//                 slugs, company and team names renamed (references and relative links renamed with
//                 them, so what resolved still resolves and what dangled still dangles), top-level
//                 sections reordered, paragraphs shuffled within a section, heading styles changed
//                 (numbering, case, emoji), some sub-sections repeated to make longer specs, and every
//                 mermaid diagram made distinct by a comment (a real repository repeats no diagram).
//   node-modules  every Markdown file under the project's node_modules (READMEs, CHANGELOGs, docs),
//                 deduplicated by content, copied into docs/ under names derived from their paths: input
//                 nobody shaped for spec-review, reviewed as `--type component`.
//
// Both are written to bench/.corpus/<name>/ (gitignored) with a .corpus.json manifest, made their own git
// repository and given markdownlint-cli2's default config, like the generated corpora (corpus.js). A corpus
// is rebuilt only when its inputs changed (REAL_VERSION, the fixture files, the node_modules file list).
//
// Usage: node bench/real-corpus.js [--quick] [--force]

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from './corpus.js';

/** Bump when the output of this generator changes for the same inputs. */
export const REAL_VERSION = 2;

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH_DIR);
const CORPUS_ROOT = join(BENCH_DIR, '.corpus');
const SOURCE = join(ROOT, 'test', 'fixtures', 'corpus');
const MANIFEST = '.corpus.json';

export const REAL_CORPORA = {
  real: { kind: 'real', files: 2000, seed: 'spec-review-real' },
  'quick-real': { kind: 'real', files: 280, seed: 'spec-review-real' },
  'node-modules': { kind: 'node-modules', type: 'component' },
  // The quick run takes every fifth file of the deduplicated list.
  'quick-node-modules': { kind: 'node-modules', type: 'component', every: 5 },
};

const sha1 = (text) => createHash('sha1').update(text).digest('hex');
const pad3 = (n) => String(n).padStart(3, '0');

// ---------------------------------------------------------------------------------------------
// Markdown blocks (enough structure to move sections and paragraphs without breaking fences).

/** Split text into blocks separated by blank lines; a fenced code block (with its blank lines) stays one block. */
function blocks(text) {
  const out = [];
  let cur = [];
  let fence = null;
  for (const line of text.split('\n')) {
    if (fence) {
      cur.push(line);
      if (line.trimStart().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = null;
      continue;
    }
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (m) {
      fence = m[1];
      cur.push(line);
      continue;
    }
    if (line.trim() === '') {
      if (cur.length) out.push(cur.join('\n'));
      cur = [];
    } else cur.push(line);
  }
  if (cur.length) out.push(cur.join('\n'));
  return out;
}

const headingLevel = (block) => /^(#{1,6}) /.exec(block)?.[1].length ?? 0;

/** Blocks → { head, sections: [{ heading, body: blocks[] }] } split at level-2 headings. */
function sectionsOf(text) {
  const head = [];
  const sections = [];
  for (const b of blocks(text)) {
    if (headingLevel(b) === 2) sections.push({ heading: b, body: [] });
    else if (sections.length) sections[sections.length - 1].body.push(b);
    else head.push(b);
  }
  return { head, sections };
}

/** Groups of blocks that move together: a paragraph ending in ":" keeps the block after it (its example). */
function groups(body) {
  const out = [];
  for (let i = 0; i < body.length; i++) {
    const g = [body[i]];
    while (i + 1 < body.length && /:\**\s*$/.test(g[g.length - 1]) && !headingLevel(body[i + 1])) g.push(body[++i]);
    out.push(g);
  }
  return out;
}

function shuffle(rng, arr) {
  const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
// The real-shaped corpus.

const COMPANIES = ['Tern', 'Kestrel', 'Plover', 'Avocet', 'Dunlin', 'Curlew', 'Sanderling', 'Godwit', 'Whimbrel', 'Redshank'];
const QUALIFIERS = ['eu', 'us', 'uk', 'nl', 'b2b', 'express', 'freight', 'returns', 'v2', 'core', 'edge', 'batch', 'retail', 'partner', 'internal', 'legacy'];
const EMOJI = ['📈', '🚨', '⚙️', '🧭', '📦', '🔁', '🧪', '🚀'];

/** The fixture specs, sorted by path: { path, type, prefix, num, slug, text }. */
function readSources() {
  const out = [];
  const specs = join(SOURCE, 'docs', 'specs');
  for (const folder of readdirSync(specs).sort()) {
    for (const name of readdirSync(join(specs, folder)).sort()) {
      const m = /^([a-z]+)-(\d{3})-([a-z0-9-]+)\.md$/.exec(name);
      if (!m) continue;
      out.push({ path: `docs/specs/${folder}/${name}`, folder, prefix: m[1], num: Number(m[2]), slug: m[3], text: readFileSync(join(specs, folder, name), 'utf8') });
    }
  }
  return out;
}

/**
 * Family f holds one copy of each source spec. Spec number n of a type becomes f·7 + n (n ≤ 7, the
 * specs that exist); other numbers (references planted to dangle) become 900 + n, which no copy uses, so
 * they still dangle. Slugs get a family qualifier.
 */
function familyRenames(f, sources, rng) {
  const qualifier = f === 0 ? null : QUALIFIERS[f % QUALIFIERS.length] + (f >= QUALIFIERS.length ? `${Math.floor(f / QUALIFIERS.length) + 1}` : '');
  const perType = 7;
  const num = (n) => (n >= 1 && n <= perType ? f * perType + n : 900 + n);
  const slug = (s) => (qualifier ? `${qualifier}-${s}` : s);
  const company = f === 0 ? 'Tern' : COMPANIES[rng.int(0, COMPANIES.length - 1)];
  const files = new Map(sources.map((s) => [`${s.prefix}-${pad3(s.num)}-${s.slug}.md`, `${s.prefix}-${pad3(num(s.num))}-${slug(s.slug)}.md`]));
  return { num, slug, company, files };
}

/** Rename ids, file names and the company in one spec's text. */
function rename(text, r) {
  return text
    // File names first (they contain the ids in lower case).
    .replace(/\b(cmp|flow|dfl|flw)-(\d{3})-([a-z0-9-]+?)\.md\b/g, (all, p, n, s) => r.files.get(all) ?? `${p}-${pad3(r.num(Number(n)))}-${s}.md`)
    .replace(/\b(CMP|FLOW|DFL|FLW)-(\d{3})\b/g, (_, p, n) => `${p}-${pad3(r.num(Number(n)))}`)
    .replace(/\bTern\b/g, r.company)
    .replace(/\btern(?=[-_.])/g, r.company.toLowerCase());
}

/** Re-style a level-2 heading: numbering added or removed, lower case, an emoji. */
function restyle(heading, style, i) {
  const title = heading.replace(/^## /, '');
  const bare = title.replace(/^(?:\p{Extended_Pictographic}\uFE0F?\s*)?(?:\d+(?:\.\d+)*\.?\s+)?/u, '');
  switch (style) {
    case 'numbered': return `## ${i + 1}. ${bare}`;
    case 'plain': return `## ${bare}`;
    case 'lower': return `## ${bare.charAt(0) + bare.slice(1).toLowerCase()}`;
    case 'emoji': return `## ${EMOJI[i % EMOJI.length]} ${bare}`;
    default: return heading;
  }
}

/**
 * Mermaid verdicts are cached by the diagram's text, and copies of one spec would share their diagrams
 * where a real repository's specs each draw their own: a comment naming the copy (which changes nothing
 * mermaid reads) makes every diagram distinct.
 */
function ownDiagrams(block, id) {
  if (!/^ {0,3}(`{3,}|~{3,})\s*mermaid\b/.test(block)) return block;
  const lines = block.split('\n');
  const close = lines.length > 1 && /^ {0,3}(`{3,}|~{3,})\s*$/.test(lines[lines.length - 1]) ? lines.length - 1 : lines.length;
  const indent = /^\s*/.exec(lines[1] ?? '')[0];
  lines.splice(close, 0, `${indent}%% ${id}`);
  return lines.join('\n');
}

/** One copy of `src` in family `r`, varied by `rng`. */
function varySpec(src, r, rng, id) {
  const { head, sections } = sectionsOf(rename(src.text, r));
  for (const s of sections) s.body = s.body.map((b) => ownDiagrams(b, id));
  const notes = [];
  // Reorder: swap two adjacent sections after the first (the introduction stays first).
  if (sections.length > 3 && rng.chance(0.4)) {
    const i = rng.int(1, sections.length - 2);
    [sections[i], sections[i + 1]] = [sections[i + 1], sections[i]];
    notes.push('swapped');
  }
  // Shuffle paragraphs (with the example each introduces) within one or two sections, sub-headings kept in place.
  if (rng.chance(0.5)) {
    for (const s of rng.pickN(sections, rng.int(1, 2))) {
      const parts = [];
      let run = [];
      for (const b of s.body) {
        if (headingLevel(b)) {
          parts.push(...shuffle(rng, groups(run)).flat(), b);
          run = [];
        } else run.push(b);
      }
      parts.push(...shuffle(rng, groups(run)).flat());
      s.body = parts;
    }
    notes.push('shuffled');
  }
  // Heading style.
  const style = rng.pick(['same', 'same', 'same', 'numbered', 'plain', 'lower', 'emoji']);
  if (style !== 'same') sections.forEach((s, i) => (s.heading = restyle(s.heading, style, i)));
  // Longer specs: repeat a sub-section or two (as a further variant) in one in five files.
  if (rng.chance(0.2)) {
    for (let k = rng.int(1, 3); k > 0; k--) {
      const s = rng.pick(sections);
      const subs = [];
      s.body.forEach((b, i) => { if (headingLevel(b) === 3) subs.push(i); });
      if (!subs.length) continue;
      const at = rng.pick(subs);
      let end = at + 1;
      while (end < s.body.length && !headingLevel(s.body[end])) end++;
      const copy = s.body.slice(at, end);
      copy[0] = `${copy[0]} (${rng.pick(['v2', 'batch', 'partner', 'internal', 'EU', 'US'])})`;
      s.body.splice(end, 0, ...copy);
    }
    notes.push('longer');
  }
  const text = [...head, ...sections.flatMap((s) => [s.heading, ...s.body])].join('\n\n');
  return { text: `${text}\n`, notes };
}

function buildReal(spec) {
  const sources = readSources();
  const files = [];
  const families = Math.ceil(spec.files / sources.length);
  for (let f = 0; f < families; f++) {
    const r = familyRenames(f, sources, createRng(`${spec.seed}:family:${f}`));
    for (const src of sources) {
      if (files.length === spec.files) break;
      const path = `docs/specs/${src.folder}/${r.files.get(`${src.prefix}-${pad3(src.num)}-${src.slug}.md`)}`;
      const { text } = varySpec(src, r, createRng(`${spec.seed}:${path}`), path.split('/').pop().replace(/\.md$/, ''));
      files.push({ path, text, source: src.path });
    }
  }
  return { files, inputs: sha1(sources.map((s) => `${s.path}\n${s.text}`).join('\0')), note: `${sources.length} hand-written specs × ${families} families` };
}

// ---------------------------------------------------------------------------------------------
// node_modules Markdown.

function* walkMarkdown(dir, rel = '') {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) yield* walkMarkdown(join(dir, e.name), path);
    else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) yield path;
  }
}

/** `eslint/node_modules/ajv/README.md` → `docs/eslint/~/ajv/README.md`: no node_modules or dot segments (walkers skip them), `.md` extension. */
function copyName(path) {
  const segs = path.split('/').map((s) => (s === 'node_modules' ? '~' : s.replace(/^\./, '_')));
  segs[segs.length - 1] = segs[segs.length - 1].replace(/\.(md|markdown)$/i, '.md');
  return `docs/${segs.join('/')}`;
}

function buildNodeModules(spec) {
  const nm = join(ROOT, 'node_modules');
  if (!existsSync(nm)) throw new Error('node_modules is missing: run npm ci first');
  const seen = new Set();
  let found = 0;
  const unique = [];
  for (const path of walkMarkdown(nm)) {
    found++;
    const text = readFileSync(join(nm, path));
    const hash = sha1(text);
    if (seen.has(hash)) continue;
    seen.add(hash);
    unique.push({ path: copyName(path), text, source: `node_modules/${path}` });
  }
  const files = spec.every ? unique.filter((_, i) => i % spec.every === 0) : unique;
  return { files, inputs: sha1(unique.map((f) => `${f.source}:${sha1(f.text)}`).join('\n')), note: `${found} Markdown files in node_modules, ${unique.length} after removing identical copies${spec.every ? `, every ${spec.every}th taken` : ''}` };
}

// ---------------------------------------------------------------------------------------------

function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
}

/** Make sure corpus `name` exists and is current. Returns { name, dir, files, bytes, paths, type?, note, generated }. */
export function ensureRealCorpus(name, { force = false, log = () => {} } = {}) {
  const spec = REAL_CORPORA[name];
  if (!spec) throw new Error(`unknown corpus "${name}" (known: ${Object.keys(REAL_CORPORA).join(', ')})`);
  const dir = join(CORPUS_ROOT, name);
  // Building the file list is cheap (reading ~1,000 small files); writing 2,000 is what caching saves.
  const built = spec.kind === 'real' ? buildReal(spec) : buildNodeModules(spec);
  const wanted = { version: REAL_VERSION, kind: spec.kind, files: built.files.length, inputs: built.inputs };
  const existing = readManifest(dir);
  if (!force && existing && Object.entries(wanted).every(([k, v]) => existing[k] === v) && existing.paths.every((p) => existsSync(join(dir, p)))) {
    return { ...existing, name, dir, generated: false };
  }
  log(`writing corpus "${name}" (${built.files.length} files) in ${relative(process.cwd(), dir) || '.'}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const f of built.files) {
    const file = join(dir, f.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, f.text);
    bytes += Buffer.byteLength(f.text);
  }
  writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), '{\n  // Default rules, nothing changed.\n  "config": { "default": true }\n}\n');
  try {
    execFileSync('git', ['init', '-q', dir], { stdio: 'ignore' });
  } catch {
    /* git missing: the CLI then resolves against the current directory, which is the corpus */
  }
  const manifest = { ...wanted, bytes, note: built.note, ...(spec.type ? { type: spec.type } : {}), paths: built.files.map((f) => f.path) };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest)}\n`);
  return { ...manifest, name, dir, generated: true };
}

// CLI entry: node bench/real-corpus.js [--quick] [--force]
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const names = args.includes('--quick') ? ['quick-real', 'quick-node-modules'] : ['real', 'node-modules'];
  for (const n of names) {
    const c = ensureRealCorpus(n, { force: args.includes('--force'), log: (m) => console.error(m) });
    console.log(`${n}: ${c.files} files, ${(c.bytes / 1e6).toFixed(1)} MB in ${relative(process.cwd(), c.dir)}${c.generated ? '' : ' (cached)'} — ${c.note}`);
  }
}
