/**
 * The review of a pull request when the token may only read: what the app's review does up to the
 * engine's report — trusted config from the base branch, the PR's files, the spec files' bytes at the
 * head SHA, the repository index — built from the same pieces (ReviewClient, loadConfig,
 * selectSpecFiles), with nothing written to GitHub. The Action prints the report as workflow commands,
 * which the runner turns into annotations on the run and the diff; no write permission needed.
 */
import type { ReviewReport } from '../engine/types.js';
import { ReviewClient, type Octokit } from '../github/client.js';
import { inThreadRunner } from '../github/engine-runner.js';
import { describeError, type EnginePort } from '../github/engine-port.js';
import { fetchSpecs, gather, isConfigError, type Gathered, type PullFacts } from '../github/review.js';

export type ReadOnlyResult =
  | {
      kind: 'reviewed';
      report: ReviewReport;
      failed: boolean;
      failOn: string;
      minScore: number;
      configSource?: string;
      filesTruncated: boolean;
      indexTruncated: boolean;
      removed: number;
    }
  | { kind: 'no-specs' }
  | { kind: 'config-error'; message: string };

/** The review pipeline of src/github/review.ts up to the engine's report, with nothing written. */
export async function readOnlyReview(octokit: Octokit, port: EnginePort, facts: PullFacts, concurrency = 8): Promise<ReadOnlyResult> {
  const client = new ReviewClient(octokit, { owner: facts.owner, repo: facts.repo });
  let g: Gathered;
  try {
    g = await gather(client, port, facts);
  } catch (err) {
    if (isConfigError(err)) return { kind: 'config-error', message: describeError(err) };
    throw err;
  }
  if (g.specs.length === 0) return { kind: 'no-specs' };
  const config = g.loaded.config;
  const tree = await client.getTree(facts.headSha);
  const index = { paths: tree.paths };
  const inputs = await fetchSpecs(client, g.specs, facts.headSha, config.max_file_size, concurrency);
  const report = await inThreadRunner().review({ setup: g.setup, engine: g.engine, inputs, index });
  return {
    kind: 'reviewed',
    report,
    failed: g.engine.failed(report),
    failOn: config.fail_on,
    minScore: config.min_score,
    configSource: g.loaded.source,
    filesTruncated: g.filesTruncated,
    indexTruncated: tree.truncated,
    removed: g.removed,
  };
}
