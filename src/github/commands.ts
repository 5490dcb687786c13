/**
 * The `/spec` comment commands (issue_comment.created): `scaffold`, `recheck`, `help`. I/O only: the
 * parsing is in commands/parse.ts, the reply bodies in src/report/command-replies.ts, the scaffolding
 * in the engine (`engine.scaffold`) and the review in review.ts (through the app's scheduler), so there
 * is no second copy of either.
 *
 * One comment → 👀 on receipt → (plain issue: a reply saying commands work on pull requests) →
 * the author's permission (write, maintain or admin, else a polite refusal) → each command in order →
 * one reply with a section per command → 🚀 when a command succeeded, 😕 when one was refused.
 *
 * REST calls: 1 reaction + 1 permission + 1 pull request + (scaffold: 1–2 config + 1 tree + 1 create,
 * once per comment except the create) + 1 reply + 1–2 reactions.
 */
import { MAX_COMMENT, fixFirst } from '../report/comment.js';
import {
  closedPullSection,
  commandReply,
  configErrorSection,
  couldNotCompleteSection,
  helpSection,
  notOnPullRequestSection,
  notRunSection,
  permissionDeniedSection,
  recheckSection,
  scaffoldCreatedSection,
  scaffoldExistsSection,
  scaffoldPasteSection,
  usageSection,
  COMMANDS_DOCS_URL,
  type PasteReason,
  type ReplySection,
  type TypeLine,
} from '../report/command-replies.js';
import type { RepoIndex, ScaffoldResult } from '../engine/index.js';
import { httpStatus, ReviewClient, type Octokit, type PullDetails, type RepoRef } from './client.js';
import { ConfigLoadError, loadConfig } from './config.js';
import { describeError, isUserFacingError, type AppEngine, type EnginePort } from './engine-port.js';
import { MAX_COMMANDS, USAGE, closestMatch, parseCommands, type Command } from './commands/parse.js';
import type { Logger, PullFacts } from './review.js';

export { parseCommands, findCommandLines, parseCommand } from './commands/parse.js';

/** What the handler reads from an `issue_comment` payload. */
export interface CommentPayload {
  action: string;
  comment: { id: number; body?: string | null; user?: { login?: string; type?: string } | null };
  issue: { number: number; pull_request?: unknown; state?: string };
  repository: { name: string; owner: { login: string }; html_url?: string };
}

interface ScaffoldTypeInfo {
  name: string;
  folder?: string;
  fileName?: string;
  description?: string;
}
type CommandEngine = Omit<AppEngine, 'types'> & {
  types(): ScaffoldTypeInfo[];
  scaffold?(type: string, name: string, opts: { title?: string; date: string; index: RepoIndex }): ScaffoldResult;
};

export interface CommandDeps {
  octokit: Octokit;
  engine: EnginePort;
  log: Logger;
  deliveryId: string;
  /** Today's date (UTC, YYYY-MM-DD) for the template's date. */
  today: string;
  /** Start a review of a pull request through the app's scheduler (per-PR serialised). */
  review(facts: PullFacts): void;
  /** The docs link of `/spec help`. */
  docsUrl?: string;
}

export type CommandStatus = 'ok' | 'refused' | 'error';

export interface CommandsOutcome {
  kind: 'handled' | 'not-a-pull-request' | 'denied' | 'could-not-complete';
  /** One entry per command run, in order. */
  results: { command: Command['name']; status: CommandStatus; detail?: string }[];
  /** The reply posted (undefined when posting it failed). */
  reply?: string;
  calls: number;
}

const WRITE_ROLES = new Set(['admin', 'maintain', 'write']);
const PERMISSION_WRITE = new Set(['admin', 'write']);

/** A comment from a bot (GitHub Apps, including this one, and bot accounts): never a command. */
export function isBot(user: { login?: string; type?: string } | null | undefined): boolean {
  if (!user) return true;
  return user.type === 'Bot' || (user.login ?? '').toLowerCase().endsWith('[bot]');
}

/** The commands of a newly created comment by a person; empty when the comment is to be ignored. */
export function commandsOf(payload: CommentPayload): Command[] {
  if (payload.action !== 'created') return [];
  if (isBot(payload.comment.user)) return [];
  return parseCommands(payload.comment.body);
}

/** Write, maintain or admin (custom roles based on write report `permission: write`). */
export function canWrite(p: { permission?: string; role_name?: string }): boolean {
  return WRITE_ROLES.has(p.role_name ?? '') || PERMISSION_WRITE.has(p.permission ?? '');
}

/** Today's date in UTC as the templates want it. */
export function utcDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

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

/** State shared by the commands of one comment: each GitHub read happens at most once. */
class CommentSession {
  private pullP?: Promise<PullDetails>;
  private engineP?: Promise<{ engine: CommandEngine } | { error: string }>;
  private indexP?: Promise<{ paths: Set<string>; truncated: boolean }>;
  private readonly folders = new Set<string>();

  constructor(
    readonly client: ReviewClient,
    readonly deps: CommandDeps,
    readonly pullNumber: number,
  ) {}

  pull(): Promise<PullDetails> {
    return (this.pullP ??= this.client.getPull(this.pullNumber));
  }

  /** The engine built from the base branch's (trusted) configuration. */
  engine(): Promise<{ engine: CommandEngine } | { error: string }> {
    return (this.engineP ??= (async () => {
      const pull = await this.pull();
      try {
        const loaded = await loadConfig(this.client, this.deps.engine, pull.base?.ref);
        const port = this.deps.engine;
        const engine = port.createEngine({ ruleFiles: [...port.builtinRuleFiles(), ...loaded.extraRuleFiles], config: loaded.config });
        return { engine: engine as CommandEngine };
      } catch (err) {
        if (err instanceof ConfigLoadError || isUserFacingError(err)) return { error: describeError(err) };
        throw err;
      }
    })());
  }

  /** The built-in engine, for `/spec help` when the repository's configuration is broken. */
  defaultEngine(): CommandEngine {
    const port = this.deps.engine;
    return port.createEngine({ ruleFiles: port.builtinRuleFiles(), config: port.DEFAULT_CONFIG }) as CommandEngine;
  }

  /**
   * The repository at the PR head: one recursive tree call. GitHub truncates the tree of very large
   * repositories; then the type's folder is listed too, so the next free id is still right.
   */
  async index(folder: string | undefined): Promise<Set<string>> {
    const pull = await this.pull();
    const idx = await (this.indexP ??= this.client.getTree(pull.head.sha).then((t) => ({ paths: new Set(t.paths), truncated: t.truncated })));
    if (idx.truncated && folder && !this.folders.has(folder)) {
      this.folders.add(folder);
      for (const p of await this.client.listFolder(folder, pull.head.sha)) idx.paths.add(p);
    }
    return idx.paths;
  }
}

type Section = ReplySection & { name?: Command['name'] };

function section(command: Command, status: CommandStatus, text: string): Section {
  return { command: command.raw, status, text, name: command.name };
}

/** Run the commands of one comment. Never throws: a GitHub failure becomes a "could not complete" reply. */
export async function runCommands(deps: CommandDeps, payload: CommentPayload, commands: readonly Command[]): Promise<CommandsOutcome> {
  const repo: RepoRef = { owner: payload.repository.owner.login, repo: payload.repository.name };
  const client = new ReviewClient(deps.octokit, repo);
  const log = deps.log;
  const commentId = payload.comment.id;
  const where = { deliveryId: deps.deliveryId, issue: `${repo.owner}/${repo.repo}#${payload.issue.number}`, commentId };

  const react = async (content: 'eyes' | 'rocket' | 'confused'): Promise<void> => {
    try {
      await client.addCommentReaction(commentId, content);
    } catch (err) {
      log.warn({ ...where, err, content }, 'could not add a reaction');
    }
  };
  const reply = async (sections: ReplySection[]): Promise<string | undefined> => {
    const body = commandReply(sections);
    await client.createComment(payload.issue.number, body);
    return body;
  };

  await react('eyes');
  try {
    if (!payload.issue.pull_request) {
      const body = await reply([{ status: 'refused', text: notOnPullRequestSection() }]);
      await react('confused');
      return { kind: 'not-a-pull-request', results: [], reply: body, calls: client.calls };
    }

    const login = payload.comment.user?.login ?? '';
    const permission = await client.getPermission(login);
    if (!canWrite(permission)) {
      log.info({ ...where, login, permission: permission.permission, role: permission.role_name }, 'command refused: no write permission');
      const body = await reply([{ status: 'refused', text: permissionDeniedSection({ login, role: permission.role_name ?? permission.permission }) }]);
      await react('confused');
      return { kind: 'denied', results: [], reply: body, calls: client.calls };
    }

    const session = new CommentSession(client, deps, payload.issue.number);
    const run = commands.slice(0, MAX_COMMANDS);
    const sections: (Section)[] = [];
    // A paste-ready template can be long: share the comment's size among the commands.
    const pasteLimit = Math.floor((MAX_COMMENT - 4_000) / Math.max(1, run.length));
    for (const command of run) {
      try {
        sections.push(await runOne(command, session, repo, pasteLimit));
      } catch (err) {
        log.error({ ...where, err, command: command.raw }, 'command could not complete');
        sections.push(section(command, 'error', couldNotCompleteSection({ deliveryId: deps.deliveryId })));
      }
    }
    if (commands.length > run.length) sections.push({ status: 'refused', text: notRunSection(commands.length - run.length, MAX_COMMANDS) });

    const body = await reply(sections);
    if (sections.some((s) => s.status === 'ok')) await react('rocket');
    if (sections.some((s) => s.status !== 'ok')) await react('confused');
    const results = sections.filter((s) => s.command !== undefined).map((s) => ({ command: s.name!, status: s.status }));
    log.info({ ...where, results, calls: client.calls }, 'commands finished');
    return { kind: 'handled', results, reply: body, calls: client.calls };
  } catch (err) {
    log.error({ ...where, err }, 'commands could not complete');
    let body: string | undefined;
    try {
      body = await reply([{ status: 'error', text: couldNotCompleteSection({ deliveryId: deps.deliveryId }) }]);
    } catch (err2) {
      log.error({ ...where, err: err2 }, 'could not reply to the command');
    }
    await react('confused');
    return { kind: 'could-not-complete', results: [], reply: body, calls: client.calls };
  }
}

async function runOne(command: Command, session: CommentSession, repo: RepoRef, pasteLimit: number): Promise<Section> {
  switch (command.name) {
    case 'invalid':
      return section(command, 'refused', usageSection(command));
    case 'help': {
      const loaded = await session.engine();
      const engine = 'engine' in loaded ? loaded.engine : session.defaultEngine();
      const note = 'error' in loaded ? `The configuration of the base branch is invalid (${loaded.error}); these are the built-in types.` : undefined;
      const types: TypeLine[] = engine.types().map((t) => ({ name: t.name, folder: t.folder, fileName: t.fileName }));
      return section(command, 'ok', helpSection({ types, docsUrl: session.deps.docsUrl ?? COMMANDS_DOCS_URL, configNote: note }));
    }
    case 'recheck': {
      const pull = await session.pull();
      if (pull.state && pull.state !== 'open') return section(command, 'refused', closedPullSection(pull.state));
      if (!pull.base) throw new Error('the pull request has no base branch');
      session.deps.review({ owner: repo.owner, repo: repo.repo, pullNumber: session.pullNumber, headSha: pull.head.sha, baseRef: pull.base.ref });
      return section(command, 'ok', recheckSection({ headSha: pull.head.sha }));
    }
    case 'scaffold':
      return scaffold(command, session, repo, pasteLimit);
  }
}

async function scaffold(
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
      const suggestion = fixed && fixed !== command.slug ? `/spec scaffold ${command.type} ${fixed}${title}` : undefined;
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
