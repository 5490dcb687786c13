/**
 * Worker thread entry (runs from dist/cli/worker.js): builds the engine once from the main thread's
 * EngineSetup, then reviews the files it is sent, replying with FileResults only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine/index.js';
import { reviewOne, type WorkerInit, type WorkerReply, type WorkerTask } from './review.js';

const init = workerData as WorkerInit;
const engine = createEngine({ ruleFiles: init.setup.ruleFiles, config: init.setup.config, configFile: init.setup.configFile });
const index = { paths: new Set(init.indexPaths) };
const port = parentPort!;

port.on('message', (task: WorkerTask) => {
  reviewOne(engine, task, index, init.type).then(
    (result) => port.postMessage({ id: task.id, result } satisfies WorkerReply),
    (err: unknown) => port.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply),
  );
});
