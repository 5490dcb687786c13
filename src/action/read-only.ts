/**
 * The review of a pull request when the token may only read: what the app's review does up to the
 * engine's report — trusted config from the base branch, the PR's files, the spec files' bytes at the
 * head SHA, the repository index — built from the same pieces (ReviewClient, loadConfig,
 * selectSpecFiles), with nothing written to GitHub. The Action prints the report as workflow commands,
 * which the runner turns into annotations on the run and the diff; no write permission needed.
 */
import type { InputFile, ReviewReport } from '../engine/types.js';
import { ReviewClient, type Octokit } from '../github/client.js';
import { ConfigLoadError, loadConfig } from '../github/config.js';
import { describeError, isUserFacingError, type EnginePort } from '../github/engine-port.js';
import { selectSpecFiles, type PullFacts } from '../github/review.js';
import { mapLimit } from '../github/scheduler.js';

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


export async function readOnlyReview(octokit: Octokit, port: EnginePort, facts: PullFacts, concurrency = 8): Promise<ReadOnlyResult> {
  const client = new ReviewClient(octokit, { owner: facts.owner, repo: facts.repo });
  let loaded;
  try {
    loaded = await loadConfig(client, port, facts.baseRef);
  } catch (err) {
    if (err instanceof ConfigLoadError || isUserFacingError(err)) return { kind: 'config-error', message: describeError(err) };
    throw err;
  }
  let engine;
  try {
    engine = port.createEngine({ ruleFiles: [...port.builtinRuleFiles(), ...loaded.extraRuleFiles], config: loaded.config });
  } catch (err) {
    if (isUserFacingError(err)) return { kind: 'config-error', message: describeError(err) };
    throw err;
  }
  const { files, truncated: filesTruncated } = await client.listPullFiles(facts.pullNumber);
  const { specs, removed } = selectSpecFiles(files, (p) => engine.isSpecPath(p));
  if (specs.length === 0) return { kind: 'no-specs' };

  const tree = await client.getTree(facts.headSha);
  const inputs: InputFile[] = await mapLimit(specs, concurrency, async (path) => ({
    path,
    content: (await client.getBytes(path, facts.headSha, loaded.config.max_file_size)) ?? new Uint8Array(0),
  }));
  const report = await engine.reviewAll(inputs, { paths: tree.paths });
  return {
    kind: 'reviewed',
    report,
    failed: engine.failed(report),
    failOn: loaded.config.fail_on,
    minScore: loaded.config.min_score,
    configSource: loaded.source,
    filesTruncated,
    indexTruncated: tree.truncated,
    removed,
  };
}
