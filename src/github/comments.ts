/**
 * The one summary comment per pull request: whose it is, and how it is written.
 *
 * Ownership: a hidden marker alone proves nothing (any bot, any user can start a comment with it).
 * A comment is ours only when GitHub says who wrote it: for the App, `performed_via_github_app.id` is
 * this app's id; for the Action, the author is `github-actions[bot]` (shared by every workflow of the
 * repository) *and* the comment names this workflow in its hidden workflow line. Nothing else is ever
 * edited or deleted.
 *
 * Writing: the comment is written from its own paced queue (src/github/queue/), after the check run is
 * complete, and only while the PR's head is still the head the comment describes.
 */
import { commentWorkflow, isSummaryComment } from '../report/comment.js';
import { httpStatus, type IssueComment, type ReviewClient } from './client.js';
import type { Logger } from './review.js';

/** Who writes the summary comment. */
export type CommentIdentity = { kind: 'app'; appId: number } | { kind: 'workflow'; workflow: string };

/** The login GitHub gives to comments written with a workflow's GITHUB_TOKEN. */
export const ACTIONS_BOT = 'github-actions[bot]';

/** True when `comment` is this app's (or this workflow's) summary comment. */
export function isOwnComment(comment: IssueComment, identity: CommentIdentity): boolean {
  if (!isSummaryComment(comment.body)) return false;
  if (identity.kind === 'app') return comment.performed_via_github_app?.id === identity.appId;
  return comment.user?.login === ACTIONS_BOT && comment.user?.type === 'Bot' && commentWorkflow(comment.body) === identity.workflow;
}

/** What the summary comment should become; built by the review, written by the comment queue. */
export interface CommentPlan {
  owner: string;
  repo: string;
  pullNumber: number;
  /** The head the comment describes: nothing is written once the PR has moved on. */
  headSha: string;
  /** The body to write; null: delete our comment if there is one (`on_clean: delete`). */
  body: string | null;
  /** Create a comment when none exists (false: only update an existing one). */
  createIfMissing: boolean;
}

/** `refused`: the token may not write comments (a narrow `permissions:` block, a fork's read-only token). */
export type CommentAction = 'created' | 'updated' | 'unchanged' | 'deleted' | 'none' | 'stale' | 'refused' | 'queued';

/**
 * Write the plan. The comment is a convenience: the check run (already completed) carries the result,
 * so a refusal for lack of permission is logged and reported, not thrown.
 */
export async function publishComment(client: ReviewClient, plan: CommentPlan, identity: CommentIdentity, log: Logger): Promise<CommentAction> {
  try {
    return await writeComment(client, plan, identity, log);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (httpStatus(err) === 403 && /not accessible|permission/i.test(message)) {
      log.warn({ pullNumber: plan.pullNumber, err: message }, 'summary comment refused: the token cannot write issue comments (needs issues: write)');
      return 'refused';
    }
    throw err;
  }
}

async function writeComment(client: ReviewClient, plan: CommentPlan, identity: CommentIdentity, log: Logger): Promise<CommentAction> {
  // An older head finishing after a newer push must not overwrite the newer result.
  const pull = await client.getPull(plan.pullNumber);
  if (pull.head.sha !== plan.headSha) {
    log.info({ headSha: plan.headSha, currentHead: pull.head.sha }, 'pull request moved on; comment left to the newer review');
    return 'stale';
  }
  const [mine, ...duplicates] = (await client.listIssueComments(plan.pullNumber)).filter((c) => isOwnComment(c, identity));
  for (const dup of duplicates) await client.deleteComment(dup.id);
  if (plan.body === null) {
    if (!mine) return 'none';
    await client.deleteComment(mine.id);
    return 'deleted';
  }
  if (mine) {
    if (mine.body === plan.body) return 'unchanged';
    await client.updateComment(mine.id, plan.body);
    return 'updated';
  }
  if (!plan.createIfMissing) return 'none';
  await client.createComment(plan.pullNumber, plan.body);
  return 'created';
}
