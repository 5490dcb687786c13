/**
 * Reply bodies for the `/spec` comment commands. Pure: every function takes plain data and returns
 * Markdown. Everything that comes from a user (the command line, slugs, titles, branch names, logins,
 * messages that quote them) is escaped with escape.ts so it cannot ping anyone, inject HTML or break
 * the layout. One comment gets one reply: a section per command, in order, kept short.
 */
import { code, escapeInline } from './escape.js';
import { MAX_COMMENT } from './comment.js';
import { plural } from './format-common.js';

/** Where the commands are documented (the project's docs/app.md, "Commands" section). */
export const COMMANDS_DOCS_URL = 'https://github.com/spec-review/spec-review/blob/HEAD/docs/app.md#commands';

/** Hidden marker opening every command reply (tells them apart from the summary comment). */
export const REPLY_MARKER = '<!-- spec-review:command-reply -->';

/** Usage lines, the same ones the parser reports. */
export const COMMAND_USAGE = [
  ['/spec scaffold <type> [<id>-]<slug> [--title "Title"]', 'commit a new spec from the type\u2019s template to this pull request\u2019s branch'],
  ['/spec recheck', 'run the review again for the current head'],
  ['/spec help', 'this help'],
] as const;

export type SectionStatus = 'ok' | 'refused' | 'error';

/** The answer to one command. */
export interface ReplySection {
  /** The command line as the user wrote it (escaped when rendered). */
  command?: string;
  status: SectionStatus;
  text: string;
}

export interface TypeLine {
  name: string;
  folder?: string;
  fileName?: string;
  description?: string;
}

export interface FillFirstItem {
  line: number;
  message: string;
  severity: 'error' | 'warning' | 'notice';
}

/**
 * A link. Only http(s) URLs become links; characters that would end the destination are percent-encoded.
 * The text is already-rendered Markdown.
 */
export function link(text: string, url: string | undefined): string {
  if (!url || !/^https?:\/\//i.test(url)) return text;
  const safe = url.replace(/[\s<>()"'`\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${text}](${safe})`;
}

/** A fenced code block that shows `content` verbatim: the fence is longer than any backtick run inside. */
export function fencedBlock(content: string, info = ''): string {
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `${fence}${info}\n${body}${fence}`;
}

function usageBlock(usage: string): string {
  return fencedBlock(usage, 'text');
}

// ---------------------------------------------------------------------------------------------------
// Sections

export function helpSection(opts: { types: readonly TypeLine[]; docsUrl?: string; configNote?: string }): string {
  const commands = COMMAND_USAGE.map(([usage, what]) => `- ${code(usage)}: ${what}`).join('\n');
  const types = opts.types.length
    ? opts.types
        .map((t) => {
          const where = t.folder && t.fileName ? ` \u2192 ${code(`${t.folder}/${t.fileName}`)}` : '';
          return `- ${code(t.name)}${where}`;
        })
        .join('\n')
    : '- (no spec types are configured)';
  const note = opts.configNote ? `\n\n\u26a0\ufe0f ${opts.configNote}` : '';
  const docs = link('More in the docs', opts.docsUrl ?? COMMANDS_DOCS_URL);
  return (
    `**Commands** (people with write access; several per comment run in order):\n${commands}\n\n` +
    `**Types**:\n${types}\n\n` +
    `Without an id, the next free one is taken (e.g. ${code('/spec scaffold component payment-service')}). ${docs}.${note}`
  );
}

export function notOnPullRequestSection(): string {
  return '`/spec` commands work on pull requests only: comment on the pull request that should get the spec.';
}

export function permissionDeniedSection(opts: { login: string; role?: string }): string {
  const role = opts.role && opts.role !== 'none' ? ` (your role here: ${escapeInline(opts.role)})` : '';
  return (
    `Sorry, ${escapeInline(opts.login)}: \`/spec\` commands need write, maintain or admin permission on this repository${role}. ` +
    'Nothing was changed; a maintainer can run the command for you.'
  );
}

export function closedPullSection(state: string | undefined): string {
  return `This pull request is ${escapeInline(state ?? 'not open')}; commands only run on open pull requests.`;
}

/** A line that is not a valid command: what is wrong, the usage, and the likely fix. */
export function usageSection(opts: { problem: string; usage: string; suggestion?: string }): string {
  const did = opts.suggestion ? `\nDid you mean ${code(opts.suggestion)}?` : '';
  return `${escapeInline(capitalise(opts.problem))}.${did}\n\nUsage:\n${usageBlock(opts.usage)}`;
}

export function configErrorSection(message: string): string {
  return `The Spec Review configuration of the base branch is invalid, so nothing was scaffolded: ${code(message)}. Fix it on the base branch, then try again.`;
}

export function scaffoldCreatedSection(opts: {
  path: string;
  url?: string;
  branch: string;
  id: string;
  title: string;
  fillFirst: readonly FillFirstItem[];
  /** Findings not listed in fillFirst. */
  more: number;
}): string {
  const file = link(code(opts.path), opts.url);
  const first = opts.fillFirst.length
    ? '\nFill first:\n' +
      opts.fillFirst.map((f) => `- line ${f.line}: ${escapeInline(f.message)}`).join('\n') +
      (opts.more > 0 ? `\n- \u2026and ${plural(opts.more, 'more finding')} (placeholders to replace): see the check run.` : '')
    : '';
  return `Created ${file} (${code(opts.id)}, \u201c${escapeInline(opts.title)}\u201d) on ${code(opts.branch)}. The Spec Review check runs on the new commit.${first}`;
}

export function scaffoldExistsSection(opts: { path: string; url?: string }): string {
  return `${link(code(opts.path), opts.url)} already exists; nothing was changed. Pick another name, or omit the id to take the next free one.`;
}

export type PasteReason = 'fork' | 'fork-deleted' | 'no-push';

const PASTE_REASON: Record<PasteReason, string> = {
  fork: 'I can\u2019t push to this fork\u2019s branch (maintainer edits are off, or the fork belongs to an organisation)',
  'fork-deleted': 'The head repository of this pull request no longer exists, so I can\u2019t push to it',
  'no-push': 'GitHub refused my push to this branch',
};

/** The scaffolded file to paste when the app cannot push: inside a collapsed block, verbatim. */
export function scaffoldPasteSection(opts: { path: string; content: string; reason: PasteReason; detail?: string; newFileUrl?: string; limit?: number }): string {
  const limit = opts.limit ?? MAX_COMMENT - 2_000;
  const name = opts.path.split('/').pop() ?? opts.path;
  const detail = opts.detail ? ` (${escapeInline(opts.detail)})` : '';
  const where = link(`create ${code(opts.path)}`, opts.newFileUrl);
  const intro = `${PASTE_REASON[opts.reason]}${detail}. Please ${where} with this content:\n\n`;
  let content = opts.content;
  let cut = '';
  const overhead = intro.length + 200 + name.length;
  if (content.length + overhead > limit) {
    content = content.slice(0, Math.max(0, limit - overhead));
    cut = '\n_The template is too long for a comment and was cut; run `spec-review scaffold` locally for the full file._\n';
  }
  return `${intro}<details><summary>${escapeInline(name)}</summary>\n\n${fencedBlock(content, 'markdown')}\n\n</details>${cut}`;
}

export function recheckSection(opts: { headSha: string }): string {
  return `Re-running the review for ${code(opts.headSha.slice(0, 7))}; the Spec Review check and the summary comment will update.`;
}

export function couldNotCompleteSection(opts: { deliveryId?: string }): string {
  const id = opts.deliveryId ? ` (delivery ${code(opts.deliveryId)})` : '';
  return `The command could not complete because GitHub kept failing${id}; nothing else was changed. Please try again later.`;
}

export function notRunSection(count: number, max: number): string {
  return `Only the first ${max} commands of a comment run; the other ${plural(count, 'command')} were not run.`;
}

// ---------------------------------------------------------------------------------------------------
// The reply

const ICON: Record<SectionStatus, string> = { ok: '\u2705', refused: '\u26a0\ufe0f', error: '\u274c' };

function capitalise(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** One reply for one comment: its sections in order, headed by the command each answers. */
export function commandReply(sections: readonly ReplySection[], limit = MAX_COMMENT): string {
  const parts = sections.map((s) => {
    const head = s.command !== undefined ? `${ICON[s.status]} ${code(s.command)}\n\n` : '';
    return `${head}${s.text}`;
  });
  const body = `${REPLY_MARKER}\n${parts.join('\n\n---\n\n')}\n`;
  if (body.length <= limit) return body;
  const tail = '\n\n_\u2026reply cut to fit GitHub\u2019s comment size limit._\n';
  return body.slice(0, limit - tail.length) + tail;
}
