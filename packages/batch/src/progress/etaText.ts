import type { BatchStats } from '../stats/BatchStats.js';

/**
 * The time a run has left at its pace so far, for people: `42s`, `3m05s`, `2h10m`; `?` until
 * a prompt has ended.
 *
 * @example
 * etaText(stats); // '3m05s'
 */
export function etaText(stats: BatchStats, now: number = Date.now()): string {
  const seconds = stats.etaSeconds(now);
  if (seconds === undefined) return '?';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}m`;
}
