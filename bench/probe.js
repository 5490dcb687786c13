// Preloaded into a measured child (node --import bench/probe.js ...) when GNU time is not available:
// at exit, writes "<user s> <sys s> <maxRSS KB>" of this process (worker threads included) to the file
// named by BENCH_PROBE_OUT — the same line format run.js reads from GNU time.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, `${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6} ${u.maxRSS}\n`);
  });
}
