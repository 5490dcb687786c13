// Preloaded into a measured child (node --import bench/threads.js ...): at exit, writes the CPU seconds
// (user + sys) of every thread of this process, read from /proc/self/task, as one JSON line to the file
// named by BENCH_THREADS_OUT: { main, helpers, later, threads }. `main` is the JavaScript main thread;
// `helpers` the threads that existed before the program ran (V8's platform workers: concurrent and
// parallel garbage collection, background compilation; the libuv pool once the loader started it);
// `later` threads started while it ran (worker threads, a libuv pool started late). Linux only; elsewhere
// nothing is written.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const out = process.env.BENCH_THREADS_OUT;
const TICKS = 100; // USER_HZ: /proc's clock ticks per second on Linux

function cpuByThread() {
  const cpu = {};
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu[tid] = (Number(fields[11]) + Number(fields[12])) / TICKS; // utime, stime (fields 14, 15 of stat)
    } catch {
      // the thread ended meanwhile
    }
  }
  return cpu;
}

if (out && process.platform === 'linux') {
  const early = new Set(Object.keys(cpuByThread()));
  process.on('exit', () => {
    const now = cpuByThread();
    const main = now[String(process.pid)] ?? NaN;
    let helpers = 0;
    let later = 0;
    for (const [tid, s] of Object.entries(now)) {
      if (tid === String(process.pid)) continue;
      if (early.has(tid)) helpers += s;
      else later += s;
    }
    writeFileSync(out, `${JSON.stringify({ main, helpers, later, threads: Object.keys(now).length })}\n`);
  });
}
