import { readFileSync } from 'node:fs';

/**
 * CPU time of the calling thread (in a bench child, the main thread), microseconds, from Linux's
 * `/proc/thread-self/schedstat` (its first field: nanoseconds on a CPU). Node 20 has no
 * `process.threadCpuUsage()` (it came in Node 23.9), and `process.cpuUsage()` also counts V8's
 * background threads: the optimizing compiler and the GC helpers, whose timing moves from one
 * run to the next. Undefined where the file does not exist (not Linux).
 *
 * @example
 * const before = threadCpuUs(); work(); const us = (threadCpuUs() ?? NaN) - (before ?? NaN);
 */
export function threadCpuUs(): number | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/thread-self/schedstat', 'latin1');
  } catch {
    return undefined;
  }
  const ns = Number(text.slice(0, text.indexOf(' ')));
  return Number.isFinite(ns) ? ns / 1000 : undefined;
}
