/**
 * The review worker pool (src/github/worker-pool.ts): reviews run in worker threads with the same
 * results as on the main thread; a review over its time budget is stopped by terminating its worker
 * (the budget runs on an injected clock: nothing races a wall-clock timeout), one over its memory
 * budget dies alone; either way the error names the file and what made it expensive, and the pool
 * keeps serving.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ManualClock } from '../../src/github/clock.js';
import { ReviewBudgetError, inThreadRunner, type EngineJob, type ImpactJob } from '../../src/github/engine-runner.js';
import type { ImpactJobData } from '../../src/github/impact-job.js';
import { loadDefaultEngine, type EnginePort } from '../../src/github/engine-port.js';
import { WorkerPool } from '../../src/github/worker-pool.js';
import { budgetedMermaid, describeCost, mermaidSkippedFinding } from '../../src/github/review-limits.js';
import { inlineWorker, workerScript } from './helpers/worker-script.js';

let script: string;
let port: EnginePort;
const pools: WorkerPool[] = [];

beforeAll(async () => {
  script = await workerScript();
  port = await loadDefaultEngine();
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

function pool(options: ConstructorParameters<typeof WorkerPool>[0]): WorkerPool {
  const p = new WorkerPool(options);
  pools.push(p);
  return p;
}

function job(inputs: EngineJob['inputs']): EngineJob {
  const setup = { ruleFiles: port.builtinRuleFiles(), config: port.DEFAULT_CONFIG };
  return { setup, engine: port.createEngine(setup), inputs, index: { paths: new Set(inputs.map((i) => i.path)) } };
}

const SPEC = 'docs/specs/component/cmp-001-pay.md';
const BROKEN_DIAGRAM = '# Pay\n\n## Overview\n\nTODO\n\n```mermaid\nflowchart TD\n  A-->\n```\n\n```json\n{"a": 1,}\n```\n';

describe('worker threads', () => {
  test('the same report as the main thread, mermaid checked in the worker', async () => {
    const p = pool({ script, size: 2 });
    const inputs = [
      { path: SPEC, content: new TextEncoder().encode(BROKEN_DIAGRAM) },
      { path: 'docs/specs/component/cmp-002-x.md', content: '# X\n' },
    ];
    const inWorker = await p.review(job(inputs));
    const onMain = await inThreadRunner().review(job(inputs));
    expect(inWorker).toEqual(onMain);
    expect(inWorker.files[0].findings.some((f) => f.rule === 'code-mermaid')).toBe(true);
  });

  test('more reviews than workers wait their turn (FIFO) and all complete', async () => {
    const p = pool({ script, size: 1 });
    const reports = await Promise.all([1, 2, 3].map((n) => p.review(job([{ path: `docs/specs/component/cmp-00${n}-x.md`, content: `# S${n}\n` }]))));
    expect(reports.map((r) => r.files[0].path)).toEqual(['docs/specs/component/cmp-001-x.md', 'docs/specs/component/cmp-002-x.md', 'docs/specs/component/cmp-003-x.md']);
  });
});

/** An impact job: CMP-001 changed (known), FLOW-001 pointing at it to review for its facts, CMP-001's base version to review. */
function impactJob(flow = '# Booking flow\n\n**Status**: Current\n\nBooking calls [CMP-001].\n'): ImpactJob {
  const setup = { ruleFiles: port.builtinRuleFiles(), config: port.DEFAULT_CONFIG };
  const engine = port.createEngine(setup);
  const flowPath = 'docs/specs/flow-schematic/flow-001-booking.md';
  const data: ImpactJobData = {
    change: { changed: [SPEC] },
    head: { paths: [SPEC, flowPath], known: [{ path: SPEC, type: 'component', score: 40, id: 'CMP-001', title: 'Pay', facts: { refs: [], links: [], mentions: [], names: [] } }], inputs: [{ path: flowPath, content: flow }] },
    moved: [{ path: SPEC, score: 40, type: 'component', id: 'CMP-001', title: 'Pay' }],
    base: { paths: [SPEC], known: [], inputs: [{ path: SPEC, content: '# Pay\n' }] },
    today: Date.UTC(2025, 11, 1),
  };
  return { setup, engine, data };
}

describe('the impact of a change, in a worker', () => {
  test('the same section as on the main thread: the flow that points at the changed spec, and the score movement', async () => {
    const p = pool({ script, size: 1 });
    const inWorker = await p.impact(impactJob());
    const onMain = await inThreadRunner().impact!(impactJob());
    expect(inWorker).toEqual(onMain);
    expect(inWorker.entries).toEqual([expect.objectContaining({ path: 'docs/specs/flow-schematic/flow-001-booking.md', type: 'flow-schematic', facts: expect.objectContaining({ refs: [{ id: 'CMP-001', line: 5 }] }) })]);
    expect(inWorker.base).toEqual([expect.objectContaining({ path: SPEC, score: expect.any(Number) })]);
    expect(inWorker.section.markdown).toContain('#### Affected specs');
    expect(inWorker.section.moves).toEqual([expect.objectContaining({ path: SPEC, state: 'changed', after: 40 })]);
  });

  test('over its time budget, an impact job is stopped like a review, naming the file it was on', async () => {
    const hog = inlineWorker('hog-worker-3', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (t) => { parentPort.postMessage({ id: t.id, progress: 1 }); for (;;) {} });\n");
    const clock = new ManualClock();
    let onFile!: (path: string) => void;
    const started = new Promise<string>((resolve) => (onFile = resolve));
    const p = pool({ script: hog, size: 1, budgetMs: 60_000, clock, onProgress: (path) => onFile(path) });
    const run = p.impact(impactJob());
    expect(await started).toBe(SPEC); // the second file: the base version, after the flow
    clock.advance(60_000);
    await expect(run).rejects.toMatchObject({ budget: 'time', file: SPEC });
    expect(p.restarts).toBe(1);
  });
});

describe('budgets', () => {
  test('a review that never yields is stopped at its time budget by terminating the worker; the error names the file and its cost', async () => {
    // A stand-in worker that says which file it is on, then spins forever (no await, no yield).
    const hog = inlineWorker(
      'hog-worker',
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (t) => { parentPort.postMessage({ id: t.id, progress: 1 }); for (;;) {} });\n",
    );
    const clock = new ManualClock();
    let onFile!: (path: string) => void;
    const started = new Promise<string>((resolve) => (onFile = resolve));
    const p = pool({ script: hog, size: 1, budgetMs: 60_000, clock, onProgress: (path) => onFile(path) });
    const diagrams = Array.from({ length: 2500 }, (_, i) => `\`\`\`mermaid\nflowchart TD\n  A${i} --> B${i}\n\`\`\`\n`).join('\n');
    const review = p.review(job([{ path: 'docs/specs/component/cmp-001-a.md', content: '# A\n' }, { path: 'docs/specs/component/cmp-002-heavy.md', content: `# Heavy\n\n${diagrams}` }]));
    expect(await started).toBe('docs/specs/component/cmp-002-heavy.md');
    clock.advance(60_000);
    const err = await review.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReviewBudgetError);
    expect(err).toMatchObject({ budget: 'time', file: 'docs/specs/component/cmp-002-heavy.md' });
    expect((err as Error).message).toBe(
      'the review was stopped after 60 s (its time budget) while reviewing docs/specs/component/cmp-002-heavy.md (113 KB, 12,502 lines, 2,500 mermaid diagrams); split that file or simplify its diagrams',
    );
    expect(p.restarts).toBe(1);
    expect(p.busy).toEqual({ running: 0, waiting: 0 });
  });

  test('a review over its memory budget kills its worker only; the error says so and the pool serves the next review', async () => {
    const greedy = inlineWorker(
      'greedy-worker',
      "import { parentPort } from 'node:worker_threads';\nconst keep = [];\nparentPort.on('message', (t) => { parentPort.postMessage({ id: t.id, progress: 0 }); for (;;) keep.push(new Array(1e5).fill({ x: keep.length })); });\n",
    );
    const p = pool({ script: greedy, size: 1, memoryMb: 32 });
    const err = await p.review(job([{ path: SPEC, content: '# A\n' }])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReviewBudgetError);
    expect(err).toMatchObject({ budget: 'memory', file: SPEC });
    expect((err as Error).message).toMatch(/^the review ran out of memory \(32 MB\) while reviewing docs\/specs\/component\/cmp-001-pay\.md \(4 bytes, 2 lines\)/);
    expect(p.restarts).toBe(1);
  });

  test('an aborted review (watchdog, shutdown) terminates its worker at once', async () => {
    const hog = inlineWorker('hog-worker-2', "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (t) => { parentPort.postMessage({ id: t.id, progress: 0 }); for (;;) {} });\n");
    let onFile!: () => void;
    const started = new Promise<void>((resolve) => (onFile = resolve));
    const p = pool({ script: hog, size: 1, clock: new ManualClock(), onProgress: () => onFile() });
    const controller = new AbortController();
    const review = p.review(job([{ path: SPEC, content: '# A\n' }]), controller.signal);
    await started;
    controller.abort('interrupted');
    await expect(review).rejects.toThrow('review stopped (interrupted)');
    expect(p.restarts).toBe(1);
  });
});

describe('per-file limits (review-limits.ts)', () => {
  test('mermaid: at most N diagrams per file through the full parser; the rest are counted, and the count resets per file', async () => {
    const seen: string[] = [];
    const m = budgetedMermaid(async (s: string) => (seen.push(s), [{ message: 'bad', line: 1 }]), 2);
    expect(await m.check('a')).toHaveLength(1);
    expect(await m.check('b')).toHaveLength(1);
    expect(await m.check('c')).toEqual([]); // not parsed: over the limit
    expect(m.skipped()).toBe(1);
    m.nextFile();
    expect(m.skipped()).toBe(0);
    expect(await m.check('d')).toHaveLength(1);
    expect(seen).toEqual(['a', 'b', 'd']);
    expect(mermaidSkippedFinding(2400, 100)).toMatchObject({ rule: 'review-limit', severity: 'notice', message: expect.stringMatching(/^2,400 mermaid diagrams in this file were not checked/) });
  });

  test('describeCost names size, lines and mermaid diagrams (or code blocks)', () => {
    expect(describeCost('# A\n\n```mermaid\ngraph TD\n```\n')).toBe('29 bytes, 6 lines, 1 mermaid diagram');
    expect(describeCost(new TextEncoder().encode('x\n```js\n1\n```\n```json\n{}\n```\n'))).toBe('29 bytes, 8 lines, 2 code blocks');
  });
});
