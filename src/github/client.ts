/**
 * The few GitHub REST calls one review makes, through the installation's Octokit (so GHE base URLs,
 * retries and throttling apply). Counts calls, caches reads so that no read is repeated within a
 * review, and reads file contents as raw bytes with a size cap (bounded memory).
 */
import type { ProbotOctokit } from 'probot';
import { couldNotCompleteOutput } from '../report/check-run.js';

export type Octokit = ProbotOctokit;

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  /** The blob SHA of the file at the PR's head (GitHub always sends it; test fixtures may not). */
  sha?: string;
}

export interface TreeResult {
  paths: Set<string>;
  /** blob sizes by path, for the size check without downloading */
  sizes: Map<string, number>;
  /** blob SHAs by path: what the caches keyed by blob know a file by, without reading it */
  shas: Map<string, string>;
  /** The tree's own SHA: it names the whole tree, contents included (a cache key for results that depend on it). */
  sha?: string;
  truncated: boolean;
}

export interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
  performed_via_github_app?: { id?: number } | null;
}

export interface PullRepo {
  name: string;
  full_name?: string;
  html_url?: string;
  owner: { login: string; type?: string };
}

/** The fields of `GET /pulls/{n}` the app reads. `head.repo` is null when the fork was deleted. */
export interface PullDetails {
  number?: number;
  state?: string;
  html_url?: string;
  maintainer_can_modify?: boolean;
  head: { sha: string; ref?: string; repo?: PullRepo | null };
  base?: { ref: string; repo?: PullRepo | null };
}

/** GitHub lists at most 3,000 files of a pull request (30 pages of 100). */
export const MAX_PR_FILES = 3000;
const PER_PAGE = 100;
/**
 * Pages of PR comments read when looking for the summary comment (5,000 comments). A conversation
 * longer than that is not read to the end: the review stays bounded, at worst a second summary
 * comment is created past the cap.
 */
export const MAX_COMMENT_PAGES = 50;

/** A call refused because the review was stopped (watchdog timeout or shutdown). */
export class ReviewAbortedError extends Error {
  constructor(readonly reason: unknown) {
    super(`review stopped (${String(reason ?? 'aborted')})`);
    this.name = 'ReviewAbortedError';
  }
}

/** The HTTP status of an Octokit RequestError, if any. */
export function httpStatus(err: unknown): number | undefined {
  return status(err);
}

function status(err: unknown): number | undefined {
  const s = (err as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : undefined;
}

export class ReviewClient {
  /** REST calls made (a call retried by the client counts once). */
  calls = 0;
  private readonly reads = new Map<string, Promise<unknown>>();

  constructor(
    readonly octokit: Octokit,
    readonly repo: RepoRef,
    /** Aborts every later call and the one in flight (the app's watchdog and shutdown). */
    readonly signal?: AbortSignal,
  ) {}

  /** Every write and every uncached read goes through here. */
  async call<T = unknown>(route: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.signal?.aborted) throw new ReviewAbortedError(this.signal.reason);
    this.calls++;
    const request = this.signal ? { ...(params.request as object | undefined), signal: this.signal } : params.request;
    const res = await this.octokit.request(route, { ...this.repo, ...params, ...(request ? { request } : {}) });
    return res.data as T;
  }

  /**
   * One GraphQL query (counted as one call, like a REST call). `variables` carry every value: nothing
   * from a repository is ever written into the query text.
   */
  async graphql<T = unknown>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    if (this.signal?.aborted) throw new ReviewAbortedError(this.signal.reason);
    this.calls++;
    return this.octokit.graphql<T>(query, { ...variables, ...(this.signal ? { request: { signal: this.signal } } : {}) });
  }

  /** A read made at most once per review: later callers share the first promise. */
  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.reads.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.reads.set(key, p);
    }
    return p;
  }

  /** A check run on `headSha`: in progress, or completed at once with its output (`body`). */
  createCheckRun(headSha: string, name: string, body: Record<string, unknown> = { status: 'in_progress', started_at: new Date().toISOString() }): Promise<{ id: number; html_url?: string | null }> {
    return this.call('POST /repos/{owner}/{repo}/check-runs', { name, head_sha: headSha, ...body });
  }

  updateCheckRun(id: number, body: Record<string, unknown>): Promise<unknown> {
    return this.call('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { check_run_id: id, ...body });
  }

  /**
   * Our run on a commit that a previous attempt of a job created (by its `external_id`), if GitHub
   * lists one: a job picked up again after its worker died completes that run instead of leaving it.
   */
  async findCheckRun(headSha: string, name: string, externalId: string): Promise<number | undefined> {
    const data = await this.call<{ check_runs?: { id: number; external_id?: string | null }[] }>('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      ref: headSha,
      check_name: name,
      per_page: 100,
    });
    return data.check_runs?.find((r) => r.external_id === externalId)?.id;
  }

  /** Complete a check run as failed because the review could not finish (`reason` is shown in it). */
  failCheckRun(id: number, reason: string, deliveryId?: string): Promise<unknown> {
    return this.updateCheckRun(id, {
      status: 'completed',
      conclusion: 'failure',
      completed_at: new Date().toISOString(),
      output: couldNotCompleteOutput(reason, deliveryId),
    });
  }

  /** All files of a pull request (up to GitHub's 3,000), one call per 100. */
  listPullFiles(pullNumber: number): Promise<{ files: PullFile[]; truncated: boolean }> {
    return this.once(`files:${pullNumber}`, async () => {
      const files: PullFile[] = [];
      for (let page = 1; page <= MAX_PR_FILES / PER_PAGE; page++) {
        const batch = await this.call<PullFile[]>('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
          pull_number: pullNumber,
          per_page: PER_PAGE,
          page,
        });
        files.push(...batch);
        if (batch.length < PER_PAGE) return { files, truncated: false };
      }
      return { files, truncated: true };
    });
  }

  /** The whole repository at a commit, in one recursive tree call. */
  getTree(sha: string): Promise<TreeResult> {
    return this.once(`tree:${sha}`, async () => {
      const data = await this.call<{ sha?: string; tree: { path?: string; type?: string; size?: number; sha?: string }[]; truncated?: boolean }>(
        'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
        { tree_sha: sha, recursive: '1' },
      );
      const paths = new Set<string>();
      const sizes = new Map<string, number>();
      const shas = new Map<string, string>();
      for (const entry of data.tree ?? []) {
        if (!entry.path) continue;
        paths.add(entry.path);
        if (entry.type !== 'blob') continue;
        if (typeof entry.size === 'number') sizes.set(entry.path, entry.size);
        if (typeof entry.sha === 'string' && /^[0-9a-f]{40,64}$/i.test(entry.sha)) shas.set(entry.path, entry.sha.toLowerCase());
      }
      return { paths, sizes, shas, ...(typeof data.sha === 'string' ? { sha: data.sha } : {}), truncated: data.truncated === true };
    });
  }

  /**
   * A file's bytes at a ref, asked for with the raw media type (works past 1 MB, where the JSON
   * form has no content). Reads at most `maxBytes + 1` bytes: enough for the engine to see the file is
   * too large without holding it. `null` when the file does not exist.
   */
  getBytes(path: string, ref: string | undefined, maxBytes: number, repo: RepoRef = this.repo): Promise<Uint8Array | null> {
    return this.once(`bytes:${repo.owner}/${repo.repo}:${ref ?? ''}:${path}`, () =>
      this.rawRead('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path, ...(ref ? { ref } : {}) }, maxBytes),
    );
  }

  /** A raw-media read of at most `maxBytes + 1` bytes; null on 404. */
  private async rawRead(route: string, params: Record<string, unknown>, maxBytes: number): Promise<Uint8Array | null> {
    let data: unknown;
    try {
      data = await this.call(route, { ...params, mediaType: { format: 'raw' }, request: { parseSuccessResponseBody: false } });
    } catch (err) {
      if (status(err) === 404) return null;
      throw err;
    }
    return readCapped(data, maxBytes + 1);
  }

  /**
   * A blob's bytes by SHA (raw media type: works up to GitHub's 100 MB), at most `maxBytes + 1` of
   * them. `null` when the blob does not exist.
   */
  getBlob(sha: string, maxBytes: number): Promise<Uint8Array | null> {
    return this.rawRead('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { file_sha: sha }, maxBytes);
  }

  /** A text file at a ref (UTF-8), or null when missing. */
  async getText(path: string, ref: string | undefined, repo: RepoRef = this.repo, maxBytes = 1_048_576): Promise<string | null> {
    const bytes = await this.getBytes(path, ref, maxBytes, repo);
    return bytes === null ? null : new TextDecoder('utf-8').decode(bytes);
  }

  getPull(pullNumber: number): Promise<PullDetails> {
    return this.call('GET /repos/{owner}/{repo}/pulls/{pull_number}', { pull_number: pullNumber });
  }

  /**
   * The permission of a user on the repository: `permission` is the classic level (admin, write,
   * read, none; maintain shows as write), `role_name` the role (admin, maintain, write, triage, read
   * or a custom role). A user GitHub does not know (404) has none.
   */
  async getPermission(username: string): Promise<{ permission: string; role_name?: string }> {
    try {
      return await this.call('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { username });
    } catch (err) {
      if (status(err) === 404) return { permission: 'none' };
      throw err;
    }
  }

  /** React to an issue or pull-request comment (`eyes`, `rocket`, `confused`, ...). */
  addCommentReaction(commentId: number, content: string): Promise<unknown> {
    return this.call('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', { comment_id: commentId, content });
  }

  /**
   * Create a file on a branch (one commit). No blob `sha` is sent, so GitHub refuses (422) when the
   * file already exists: this call can never overwrite. `repo` is where the branch lives (a fork).
   */
  createFile(
    repo: RepoRef,
    path: string,
    body: { message: string; content: string; branch: string },
  ): Promise<{ content?: { path?: string; html_url?: string | null } | null; commit?: { sha?: string; html_url?: string } }> {
    return this.call('PUT /repos/{owner}/{repo}/contents/{path}', {
      ...repo,
      path,
      message: body.message,
      content: Buffer.from(body.content, 'utf8').toString('base64'),
      branch: body.branch,
    });
  }

  /** Paths of the files directly in a folder at a ref (empty when the folder does not exist). */
  async listFolder(path: string, ref: string): Promise<string[]> {
    let data: unknown;
    try {
      data = await this.call('GET /repos/{owner}/{repo}/contents/{path}', { path, ref });
    } catch (err) {
      if (status(err) === 404) return [];
      throw err;
    }
    return Array.isArray(data) ? data.map((e: { path?: unknown }) => e.path).filter((p): p is string => typeof p === 'string') : [];
  }

  /** Pull requests whose head is a commit (for check_suite/check_run events from forks). */
  listPullsForCommit(sha: string): Promise<{ number: number; state: string; head: { sha: string }; base: { ref: string; sha?: string } }[]> {
    return this.call('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', { commit_sha: sha, per_page: PER_PAGE });
  }

  /** The comments of the PR's conversation, one call per 100, at most MAX_COMMENT_PAGES pages. */
  async listIssueComments(issueNumber: number): Promise<IssueComment[]> {
    const all: IssueComment[] = [];
    for (let page = 1; page <= MAX_COMMENT_PAGES; page++) {
      const batch = await this.call<IssueComment[]>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        issue_number: issueNumber,
        per_page: PER_PAGE,
        page,
      });
      all.push(...batch);
      if (batch.length < PER_PAGE) return all;
    }
    return all;
  }

  createComment(issueNumber: number, body: string): Promise<{ id: number }> {
    return this.call('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: issueNumber, body });
  }

  updateComment(commentId: number, body: string): Promise<unknown> {
    return this.call('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { comment_id: commentId, body });
  }

  deleteComment(commentId: number): Promise<unknown> {
    return this.call('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', { comment_id: commentId });
  }
}

/** Read a fetch body (web stream, Uint8Array, ArrayBuffer or string) up to `limit` bytes. */
export async function readCapped(data: unknown, limit: number): Promise<Uint8Array> {
  if (data === null || data === undefined) return new Uint8Array(0);
  if (typeof data === 'string') return new TextEncoder().encode(data).subarray(0, limit);
  if (data instanceof Uint8Array) return data.subarray(0, limit);
  if (data instanceof ArrayBuffer) return new Uint8Array(data).subarray(0, limit);
  const stream = data as ReadableStream<Uint8Array>;
  if (typeof stream.getReader !== 'function') throw new TypeError('unexpected response body');
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (size >= limit) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  const out = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const take = Math.min(chunk.byteLength, out.byteLength - offset);
    out.set(chunk.subarray(0, take), offset);
    offset += take;
    if (offset >= out.byteLength) break;
  }
  return out;
}
