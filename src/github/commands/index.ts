/**
 * The `/spec` comment commands (issue_comment.created): `scaffold`, `recheck`, `help`. This folder:
 * index.ts routes a comment's commands, session.ts holds what they share, scaffold.ts commits a new
 * spec, parse.ts finds and parses the command lines (with the engine's own Markdown parser). I/O only: the
 * parsing is in parse.ts, the reply bodies in src/report/command-replies.ts, the scaffolding
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
import { MAX_COMMENT } from '../../report/comment.js';
import {
  closedPullSection,
  commandReply,
  couldNotCompleteSection,
  helpSection,
  notOnPullRequestSection,
  notRunSection,
  permissionDeniedSection,
  recheckSection,
  usageSection,
  COMMANDS_DOCS_URL,
  type ReplySection,
  type TypeLine,
} from '../../report/command-replies.js';
import { ReviewClient, type RepoRef } from '../client.js';
import { MAX_COMMANDS, parseCommands, type Command } from './parse.js';
import { scaffold } from './scaffold.js';
import { CommentSession, section, type CommandDeps, type CommandStatus, type Section } from './session.js';

export { slugify } from './scaffold.js';
export type { CommandDeps, CommandStatus } from './session.js';

export { parseCommands, findCommandLines, parseCommand } from './parse.js';

/** What the handler reads from an `issue_comment` payload. */
export interface CommentPayload {
  action: string;
  comment: { id: number; body?: string | null; user?: { login?: string; type?: string } | null };
  issue: { number: number; pull_request?: unknown; state?: string };
  repository: { name: string; owner: { login: string }; html_url?: string };
}


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

