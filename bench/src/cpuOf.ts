import type { Observable } from 'rxjs';

/** CPU microseconds (user + system) of running a synchronous `stream` to its end, and how many values it gave. */
export function cpuOf(stream: Observable<unknown>): { us: number; count: number } {
  let count = 0;
  const before = process.cpuUsage();
  stream.subscribe({
    next: () => {
      count += 1;
    },
    error: (error: unknown) => {
      throw error;
    },
  });
  const cpu = process.cpuUsage(before);
  return { us: cpu.user + cpu.system, count };
}
