/**
 * `/spec scaffold`: the engine scaffolds (names, ids, the template); this commits the file to the PR's
 * head branch — never overwriting (no blob SHA is sent) — or, when the app cannot push (forks), replies
 * with the content to paste. Refusals from the engine become replies with the usage and a suggestion.
 */
import type { ScaffoldResult } from '../../engine/index.js';
import { fixFirst } from '../../report/comment.js';
import { scaffoldCreatedSection, scaffoldExistsSection, scaffoldPasteSection, usageSection, configErrorSection, closedPullSection, type PasteReason } from '../../report/command-replies.js';
import { httpStatus, type PullDetails, type RepoRef } from '../client.js';
import { isUserFacingError } from '../engine-port.js';
import { USAGE, closestMatch, type Command } from './parse.js';
import { section, type CommandEngine, type CommentSession, type ScaffoldTypeInfo, type Section } from './session.js';

/** `https://host/o/r/blob/<ref>/<path>` with each segment encoded. */
function blobUrl(repoHtmlUrl: string | undefined, ref: string, path: string): string | undefined {
  if (!repoHtmlUrl) return undefined;
  const enc = (s: string) => s.split('/').map(encodeURIComponent).join('/');
  return `${repoHtmlUrl}/blob/${enc(ref)}/${enc(path)}`;
}

function newFileUrl(repoHtmlUrl: string | undefined, ref: string, path: string): string | undefined {
  if (!repoHtmlUrl) return undefined;
  const enc = (s: string) => s.split('/').map(encodeURIComponent).join('/');
  return `${repoHtmlUrl}/new/${enc(ref)}?filename=${encodeURIComponent(path)}`;
}

/** A lower-case dash slug made of the words of `text` (for "did you mean"), or undefined. */
export function slugify(text: string): string | undefined {
  const last = text.replace(/\\/g, '/').split('/').filter((s) => s && s !== '.' && s !== '..').pop() ?? '';
  const slug = last
    .replace(/\.md$/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || undefined;
}

/** The longest file name most file systems take (ext4, APFS, NTFS: 255 bytes). */
export const MAX_FILE_NAME_BYTES = 255;
/** The longest slug the app commits. */
export const MAX_SLUG = 100;

/** Why a scaffolded path cannot be committed, or undefined. */
export function nameTooLong(path: string): string | undefined {
  const name = path.split('/').pop() ?? path;
  const slug = name.replace(/^[a-z][a-z0-9]*-\d+-/, '').replace(/\.md$/, '');
  if (slug.length > MAX_SLUG) return `the name is ${slug.length} characters long; at most ${MAX_SLUG} are allowed`;
  const bytes = new TextEncoder().encode(name).byteLength;
  if (bytes > MAX_FILE_NAME_BYTES) return `the file name would be ${bytes} bytes long; file systems take at most ${MAX_FILE_NAME_BYTES}`;
  return undefined;
}

/** The command with its slug cut to the first words that fit. */
function shorter(command: Extract<Command, { name: 'scaffold' }>): string | undefined {
  const words = command.slug.replace(/\.md$/i, '').split('-');
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > 40) break;
    out = next;
  }
  return out ? `/spec scaffold ${command.type} ${out}` : undefined;
}

export async function scaffold(
  command: Extract<Command, { name: 'scaffold' }>,
  session: CommentSession,
  repo: RepoRef,
  pasteLimit: number,
): Promise<Section> {
  const pull = await session.pull();
  if (pull.state && pull.state !== 'open') return section(command, 'refused', closedPullSection(pull.state));
  const loaded = await session.engine();
  if ('error' in loaded) return section(command, 'refused', configErrorSection(loaded.error));
  const engine = loaded.engine;
  if (typeof engine.scaffold !== 'function') throw new Error('this engine cannot scaffold');
  const types = engine.types();
  const typeInfo = types.find((t) => t.name === command.type);

  const paths = await session.index(typeInfo?.folder);
  const date = session.deps.today;
  let spec: ScaffoldResult;
  try {
    spec = engine.scaffold(command.type, command.slug, { title: command.title, date, index: { paths } });
  } catch (err) {
    if (!isUserFacingError(err)) throw err;
    return section(command, 'refused', refusal(err, command, engine, paths, pull));
  }
  // Whatever the engine allows, the app never commits a name a checkout cannot hold.
  const tooLong = nameTooLong(spec.path);
  if (tooLong) return section(command, 'refused', usageSection({ problem: tooLong, usage: USAGE.scaffold, suggestion: shorter(command) }));

  const head = pull.head.repo ?? null;
  const branch = pull.head.ref ?? '';
  const sameRepo = head !== null && head.owner.login.toLowerCase() === repo.owner.toLowerCase() && head.name.toLowerCase() === repo.repo.toLowerCase();
  const fileName = spec.path.split('/').pop()!.replace(/\.md$/, '');
  const paste = (reason: PasteReason, detail?: string) =>
    section(command, 'refused', scaffoldPasteSection({ path: spec.path, content: spec.content, reason, detail, newFileUrl: head ? newFileUrl(head.html_url, branch, spec.path) : undefined, limit: pasteLimit }));

  if (!head || !branch) return paste('fork-deleted');
  if (!sameRepo && (pull.maintainer_can_modify !== true || head.owner.type === 'Organization')) return paste('fork');

  let created;
  try {
    created = await session.client.createFile({ owner: head.owner.login, repo: head.name }, spec.path, {
      message: `docs(spec): scaffold ${fileName}`,
      content: spec.content,
      branch,
    });
  } catch (err) {
    const status = httpStatus(err);
    const message = (err as { message?: string }).message ?? '';
    // No sha sent: GitHub answers 422 ("sha" wasn't supplied) when the file appeared meanwhile.
    if (status === 422 && /\bsha\b/i.test(message)) {
      return section(command, 'refused', scaffoldExistsSection({ path: spec.path, url: blobUrl(head.html_url, branch, spec.path) }));
    }
    if (status === 403 || status === 404 || status === 422) {
      session.deps.log.warn({ err, status, deliveryId: session.deps.deliveryId }, 'could not push the scaffolded spec; replying with the content');
      return paste('no-push', `HTTP ${status}${message ? `: ${message.split('\n')[0].slice(0, 120)}` : ''}`);
    }
    throw err;
  }
  paths.add(spec.path); // a later scaffold in the same comment takes the next id

  // What to fill first: the review of the new file, most severe first (the same ranking as the summary comment).
  const result = await engine.review({ path: spec.path, content: spec.content }, { paths });
  const ranked = fixFirst({ files: [result], summary: { files: 1, errors: 0, warnings: 0, notices: 0 } }, 4);
  return section(
    command,
    'ok',
    scaffoldCreatedSection({
      path: spec.path,
      url: created.content?.html_url ?? blobUrl(head.html_url, branch, spec.path),
      branch,
      id: spec.id,
      title: spec.title,
      fillFirst: ranked.map(({ finding }) => ({ line: finding.line, message: finding.message, severity: finding.severity })),
      more: result.findings.length - ranked.length,
    }),
  );
}

/** Turn the engine's refusal (unknown-type, bad-slug, duplicate-id, file-exists) into a reply. */
function refusal(
  err: { code: string; message: string; file?: string },
  command: Extract<Command, { name: 'scaffold' }>,
  engine: CommandEngine,
  paths: ReadonlySet<string>,
  pull: PullDetails,
): string {
  const title = command.title !== undefined ? ` --title "${command.title.replace(/["\\]/g, '\\$&')}"` : '';
  const types = engine.types();
  switch (err.code) {
    case 'file-exists': {
      const path = err.file ?? '';
      const head = pull.head.repo;
      const url = head ? blobUrl(head.html_url, pull.head.ref ?? pull.head.sha, path) : undefined;
      return scaffoldExistsSection({ path, url });
    }
    case 'unknown-type': {
      const names = types.map((t) => t.name);
      // Also accept a file prefix or id prefix as a hint (`cmp` → component).
      const byPrefix = types.find((t) => [t.name, ...prefixes(t)].includes(command.type))?.name;
      const near = byPrefix ?? closestMatch(command.type, names);
      let problem = `unknown type "${command.type}"; the types are ${names.join(', ')}`;
      let slug = command.slug;
      if (near && engine.scaffold) {
        // Check the name against the suggested type too, so one reply says everything that is wrong.
        try {
          engine.scaffold(near, command.slug, { title: command.title, date: '2000-01-01', index: { paths } });
        } catch (e2) {
          if (isUserFacingError(e2) && e2.code === 'bad-slug') {
            problem += `; and ${lowerFirst(e2.message)}`;
            slug = slugify(command.slug) ?? 'payment-service';
          }
        }
      }
      return usageSection({ problem, usage: USAGE.scaffold, suggestion: near ? `/spec scaffold ${near} ${slug}${title}` : undefined });
    }
    case 'duplicate-id': {
      // The id is taken. When it is taken by the very file asked for, say that it exists, with its link.
      const folder = types.find((t) => t.name === command.type)?.folder;
      const asked = folder ? `${folder}/${command.slug.replace(/\.md$/i, '')}.md` : undefined;
      if (asked && paths.has(asked)) {
        const head = pull.head.repo;
        return scaffoldExistsSection({ path: asked, url: head ? blobUrl(head.html_url, pull.head.ref ?? pull.head.sha, asked) : undefined });
      }
      const free = command.slug.replace(/^[a-z][a-z0-9]*-\d{1,6}-/, '');
      return usageSection({ problem: err.message.replace(/\.$/, ''), usage: USAGE.scaffold, suggestion: `/spec scaffold ${command.type} ${free}${title}` });
    }
    case 'bad-slug': {
      const fixed = slugify(command.slug);
      const suggestion = fixed && fixed.length > MAX_SLUG ? shorter(command) : fixed && fixed !== command.slug ? `/spec scaffold ${command.type} ${fixed}${title}` : undefined;
      return usageSection({ problem: err.message.replace(/\.$/, ''), usage: USAGE.scaffold, suggestion });
    }
    default:
      return usageSection({ problem: err.message.replace(/\.$/, ''), usage: USAGE.scaffold });
  }
}

function prefixes(t: ScaffoldTypeInfo): string[] {
  const file = t.fileName?.split('-')[0];
  return file ? [file, file.toLowerCase()] : [];
}

function lowerFirst(text: string): string {
  return text ? text[0].toLowerCase() + text.slice(1) : text;
}
