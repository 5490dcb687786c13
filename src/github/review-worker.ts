/**
 * A review worker thread (worker-pool.ts starts it from dist/github/review-worker.js): builds the
 * engine from the setup it is sent (cached by the setup's key: most reviews of an installation share
 * one configuration), reviews the files one by one, telling the pool which file it is on (so a review
 * stopped over budget names the file), and answers with the report. Mermaid's own parser runs here,
 * within the per-file limit of review-limits.ts.
 */
import { parentPort } from 'node:worker_threads';
import { createEngine, summarize, type Config, type Engine } from '../engine/index.js';
import { checkWithMermaid, type MermaidProblem } from '../engine/mermaid.js';
import type { FileResult, InputFile, RepoIndex } from '../engine/types.js';
import { runImpactJob } from './impact-job.js';
import { budgetedMermaid, limitFindings, mermaidSkippedFinding } from './review-limits.js';
import type { PoolReply, PoolTask } from './worker-pool.js';

const port = parentPort!;
const MAX_ENGINES = 8;
const engines = new Map<string, { engine: Engine; mermaid: ReturnType<typeof budgetedMermaid<MermaidProblem>> }>();

function engineFor(task: PoolTask) {
  let entry = engines.get(task.setupKey);
  if (entry) {
    engines.delete(task.setupKey); // most recently used last
    engines.set(task.setupKey, entry);
    return entry;
  }
  const mermaid = budgetedMermaid(checkWithMermaid);
  const engine = createEngine({ ruleFiles: task.setup.ruleFiles, config: task.setup.config as unknown as Config, mermaid: mermaid.check });
  entry = { engine, mermaid };
  engines.set(task.setupKey, entry);
  if (engines.size > MAX_ENGINES) engines.delete(engines.keys().next().value!);
  return entry;
}

port.on('message', (task: PoolTask) => {
  void (async () => {
    try {
      const { engine, mermaid } = engineFor(task);
      let file = 0;
      // One file, within the per-file limits, telling the pool which file it is on.
      const review = async (input: InputFile, index: RepoIndex): Promise<FileResult> => {
        port.postMessage({ id: task.id, progress: file++ } satisfies PoolReply);
        mermaid.nextFile();
        const result = limitFindings(await engine.review(input, index));
        return mermaid.skipped() > 0 ? { ...result, findings: [...result.findings, mermaidSkippedFinding(mermaid.skipped())] } : result;
      };
      if (task.kind === 'impact') {
        port.postMessage({ id: task.id, impact: await runImpactJob(engine, review, task.impact) } satisfies PoolReply);
        return;
      }
      const index = { paths: new Set(task.indexPaths) };
      const files: FileResult[] = [];
      for (const input of task.inputs) files.push(await review(input, index));
      port.postMessage({ id: task.id, report: { files, summary: summarize(files) } } satisfies PoolReply);
    } catch (err) {
      port.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) } satisfies PoolReply);
    }
  })();
});
