/**
 * Worker thread entry (runs from dist/bin/worker.js, the bundle): builds the engine once from the main thread's
 * EngineSetup, then reviews the files it is sent, replying with FileResults only. Diagrams that need
 * mermaid's own parser are sent to the main thread, which alone loads it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine/index.js';
import type { MermaidProblem } from '../engine/mermaid.js';
import { reviewOne, type WorkerInit, type WorkerReply, type WorkerTask } from './review.js';

const init = workerData as WorkerInit;
const port = parentPort!;
const asked = new Map<number, (problems: MermaidProblem[]) => void>();
let nextQuestion = 0;

const engine = createEngine({
  ruleFiles: init.setup.ruleFiles,
  config: init.setup.config,
  configFile: init.setup.configFile,
  facts: init.facts,
  mermaid: (source) =>
    new Promise((resolve) => {
      const mermaidId = nextQuestion++;
      asked.set(mermaidId, resolve);
      port.postMessage({ mermaidId, source } satisfies WorkerReply);
    }),
});
const index = { paths: new Set(init.indexPaths) };

port.on('message', (task: WorkerTask) => {
  if ('mermaidId' in task) {
    asked.get(task.mermaidId)?.(task.problems);
    asked.delete(task.mermaidId);
    return;
  }
  reviewOne(engine, task, index, init.type).then(
    (result) => port.postMessage({ id: task.id, result } satisfies WorkerReply),
    (err: unknown) => port.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
  );
});
