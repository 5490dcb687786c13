/**
 * Entry point of the GitHub Action (action.yml → action/dist/index.js, bundled by
 * scripts/build-action.mjs). Sets the exit code; output goes to the job log.
 */
import { runAction } from './main.js';

runAction({ env: process.env, write: (text) => process.stdout.write(text) }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stdout.write(`::error::Spec Review: internal error: ${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
    process.exitCode = 1;
  },
);
