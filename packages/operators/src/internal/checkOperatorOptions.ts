import { describeValue } from '@oci-genai-rx/core';

/** Throws a TypeError unless `scheduler` is absent or an RxJS SchedulerLike (`now` and `schedule`). */
export function checkScheduler(where: string, scheduler: unknown): void {
  const candidate = scheduler as { now?: unknown; schedule?: unknown } | null | undefined;
  if (scheduler !== undefined && (typeof candidate?.now !== 'function' || typeof candidate.schedule !== 'function')) {
    throw new TypeError(`${where}: scheduler must be an RxJS scheduler (asyncScheduler, a TestScheduler), got ${describeValue(scheduler)}.`);
  }
}

/** Throws a TypeError unless `fn` is absent or a function. */
export function checkFunction(where: string, name: string, fn: unknown): void {
  if (fn !== undefined && typeof fn !== 'function') throw new TypeError(`${where}: ${name} must be a function, got ${describeValue(fn)}.`);
}

/** Throws a TypeError unless `flag` is absent or a boolean. */
export function checkBoolean(where: string, name: string, flag: unknown): void {
  if (flag !== undefined && typeof flag !== 'boolean') throw new TypeError(`${where}: ${name} must be true or false, got ${describeValue(flag)}.`);
}
